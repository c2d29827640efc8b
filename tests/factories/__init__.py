"""factory_boy factories, one module per app, all importable from `tests.factories`."""

from .activities import *  # noqa: F403
from .billing import *  # noqa: F403
from .governance import *  # noqa: F403
from .members import *  # noqa: F403
