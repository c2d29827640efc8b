"""Admin of governance, one module per area."""

from . import action_plans, bodies, meetings  # noqa: F401
