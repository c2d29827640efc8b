"""The network a request or job has activated (members.networks.activate), held in a context variable.

Kept apart from members.networks, which reads the networks from the cache, so that models can ask
which network is active without importing the module that imports them.
"""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .network_models import Network

active: contextvars.ContextVar[Network | None] = contextvars.ContextVar("active_network", default=None)
