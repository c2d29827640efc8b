"""Absolute links to this site, for emails, calendar files and PDFs: one helper, `absolute_url`.

Within a request, links are built from the request (its scheme and host, as the user reached the
site); elsewhere (tasks, commands) from `settings.SITE_URL`. A task queued during a request takes
the request's base along (`site_url()` as its `site_url` argument, applied with `using_site_url`),
so a worker builds the same links as the request would have.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest

_request: ContextVar[HttpRequest | None] = ContextVar("links_request", default=None)
_base: ContextVar[str | None] = ContextVar("links_site_url", default=None)


def site_url(*, request: HttpRequest | None = None) -> str:
    """The site's base URL without a trailing slash: the request's, a task's given one, or SITE_URL."""
    if request is None:
        base = _base.get()
        if base:
            return base
        request = _request.get()
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str, *, request: HttpRequest | None = None) -> str:
    """The absolute URL of `path` (as `reverse()` returns it) on this site."""
    return site_url(request=request) + path


@contextlib.contextmanager
def using_site_url(url: str | None) -> Iterator[None]:
    """Build links from `url` (a task's base, passed on from the request that queued it) meanwhile."""
    token = _base.set(url.rstrip("/") if url else None)
    try:
        yield
    finally:
        _base.reset(token)


class RequestSiteURLMiddleware:
    """Makes the current request the base of `absolute_url` while it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
