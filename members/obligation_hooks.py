"""The obligations a network can check (R6) are defined above members (network.obligations, a registry
of Obligation objects); the network app registers their keys and labels here at start-up, so a
network's settings can offer and validate them. Imports nothing, so the models can ask it."""

from __future__ import annotations

from collections.abc import Callable

_obligation_choices: Callable[[], list[tuple[str, str]]] | None = None


def register_obligation_choices(lookup: Callable[[], list[tuple[str, str]]]) -> None:
    global _obligation_choices  # noqa: PLW0603 — set once at start-up
    _obligation_choices = lookup


def obligation_choices() -> list[tuple[str, str]] | None:
    """(key, label) of every obligation a network can check, or None when nobody registered them."""
    return _obligation_choices() if _obligation_choices else None
