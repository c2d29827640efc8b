import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_dashboard_figures():
    """The dashboard caches its figures for a minute; each test builds its own data."""
    cache.clear()
    yield
    cache.clear()
