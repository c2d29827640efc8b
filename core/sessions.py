"""Sessions read from the shared cache, kept in the database (Django's cached_db), when the cache is Redis.

Every signed-in request reads its session; from Redis that costs no database query. The
database stays the record, so a session survives a Redis restart. Redis fails soft here
(core/cache.py): while it is unreachable a logout cannot remove the cached copy, so the
cached copy is kept at most SESSION_CACHE_SECONDS — a session ended during an outage cannot
outlive it by more than that once Redis is back.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore


class _ShortLivedCache:
    """The session cache with every timeout capped (reads, deletes and the rest pass through)."""

    def __init__(self, cache, seconds: int):
        self._cache, self._seconds = cache, seconds

    def _capped(self, timeout):
        return self._seconds if timeout is None else min(timeout, self._seconds)

    def set(self, key, value, timeout=None):
        return self._cache.set(key, value, self._capped(timeout))

    async def aset(self, key, value, timeout=None):
        return await self._cache.aset(key, value, self._capped(timeout))

    def __contains__(self, key):
        return key in self._cache

    def __getattr__(self, name):
        return getattr(self._cache, name)


class SessionStore(CachedDbSessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _ShortLivedCache(self._cache, settings.SESSION_CACHE_SECONDS)
