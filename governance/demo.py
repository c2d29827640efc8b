"""Demo data for this app, called by `manage.py seed_demo` after the members are seeded."""


def seed(*, today, context, out) -> None:
    """Nothing yet: this app's capability adds its demo data here."""
