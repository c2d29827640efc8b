"""Demo members: filled in by the foundation (import + seed_demo)."""

from dataclasses import dataclass, field


@dataclass
class DemoContext:
    """What later seeders build on: the demo member organisations and the coordinator."""

    memberships: list = field(default_factory=list)
    coordinator: object = None
    rng: object = None


def seed(*, today, seed, out) -> DemoContext:
    return DemoContext()
