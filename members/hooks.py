"""Answers members needs from apps it must not import.

members sits below governance in the dependency order, yet a resignation notice can be addressed
to the leader of one of the network's bodies (R5: the steering-group leader). A network names the
body by its kind (members.NoticeAddressee.body_kind, a string); governance registers the lookup in
its AppConfig.ready().
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from .models import Network, Person

BodyLeaderLookup = Callable[[Network, str, datetime.date], Person | None]

_body_leader: BodyLeaderLookup | None = None


def register_body_leader(lookup: BodyLeaderLookup) -> None:
    global _body_leader  # noqa: PLW0603 — set once at start-up
    _body_leader = lookup


def body_leader(network: Network, body_kind: str, on: datetime.date) -> Person | None:
    """The leader of `network`'s body of kind `body_kind` on `on`, or None when there is none (or no
    governance app)."""
    return _body_leader(network, body_kind, on) if _body_leader else None
