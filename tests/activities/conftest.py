import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The public registration rate limit lives in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()
