"""Governance models, one module per area: bodies and terms (R7, R9), elections, meetings and cases (R8)."""

from .bodies import *  # noqa: F403
from .elections import *  # noqa: F403
from .meetings import *  # noqa: F403
