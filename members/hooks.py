"""Answers members needs from apps it must not import.

members sits below governance in the dependency order, yet a resignation notice is addressed
to the steering-group leader (R5). governance registers the lookup in its AppConfig.ready().
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from .models import Person

_steering_group_leader: Callable[[datetime.date], Person | None] | None = None


def register_steering_group_leader(lookup: Callable[[datetime.date], Person | None]) -> None:
    global _steering_group_leader  # noqa: PLW0603 — set once at start-up
    _steering_group_leader = lookup


def steering_group_leader(on: datetime.date) -> Person | None:
    """The steering-group leader on `on`, or None when there is none (or no governance app)."""
    return _steering_group_leader(on) if _steering_group_leader else None
