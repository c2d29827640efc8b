"""One URL configuration per network, so that reverse() gives the active network's addresses.

Every network-scoped page lives under `/<network slug>/`. Django resolves and reverses against
the URL configuration of the current thread (`set_urlconf`, `request.urlconf`); giving each network
its own configuration object — the same patterns under its own prefix — makes every `{% url %}`
and `reverse()` stay inside the network the page speaks for, with no slug passed around.

The project says how to build the patterns (settings.NETWORK_URLPATTERNS, a dotted path to a
function of the slug); this module only keeps one configuration per slug.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.functional import cached_property
from django.utils.module_loading import import_string


class NetworkURLConf:
    """A URL configuration (anything with `urlpatterns`) for one network's slug."""

    def __init__(self, slug: str):
        self.slug = slug

    @cached_property
    def urlpatterns(self) -> list:
        return import_string(settings.NETWORK_URLPATTERNS)(self.slug)

    def __repr__(self) -> str:
        return f"<NetworkURLConf {self.slug}>"


@functools.cache
def _urlconf(slug: str) -> NetworkURLConf:
    return NetworkURLConf(slug)


def urlconf_for(slug: str) -> NetworkURLConf | None:
    """The configuration of the network `slug`; None where the project has no network addresses
    (a test with its own URLconf), and then Django's ROOT_URLCONF applies."""
    return _urlconf(slug) if getattr(settings, "NETWORK_URLPATTERNS", None) else None


def forget_urlconfs() -> None:
    """Build every network's configuration afresh on next use (a network's slug or the patterns changed)."""
    _urlconf.cache_clear()
