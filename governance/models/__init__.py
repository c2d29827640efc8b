"""Governance models, one module per area: bodies and terms (R7, R9), elections, meetings and cases, their
attachments and attendance (R8)."""

from .action_plans import *  # noqa: F403
from .attachments import *  # noqa: F403
from .attendance import *  # noqa: F403
from .bodies import *  # noqa: F403
from .elections import *  # noqa: F403
from .meetings import *  # noqa: F403
