"""Admin of governance, one module per area."""

from . import bodies, meetings  # noqa: F401
