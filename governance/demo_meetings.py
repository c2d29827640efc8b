"""Demo meetings, cases and minutes for the steering group (filled by the meetings capability)."""


def seed(*, today, context, out) -> None:
    return None
