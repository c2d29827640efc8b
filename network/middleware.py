"""The project's own middleware: NUL bytes refused, and the network a page's address names activated.

Refuse a NUL byte in the URL or query string with 400, before any view can pass it to PostgreSQL.

PostgreSQL cannot store or compare text containing NUL (0x00); psycopg raises DataError and the
page would answer 500 (e.g. an admin list filter `?name=%00`). Form fields are covered by
Django's forms (CharField carries ProhibitNullCharactersValidator: a field error), so only the
URL and the query string are checked here; request bodies are left to the forms.
"""

import re

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import is_valid_path
from django.utils.translation import gettext as _

from core.urlconfs import urlconf_for
from members.networks import activate, deactivate, network_by_slug
from members.roles import preferred_network


class RejectNullBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(_("Ugyldig tegn i adressen."), content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NetworkMiddleware:
    """Activate the network a page's address names (`/<slug>/…`, after any language prefix).

    Reverse() then gives that network's addresses (core.urlconfs) and the role checks ask about it
    (members.roles). An address without a network — the start page, the account pages, the admin,
    and today's addresses from before addresses named their network — speaks for the person's own
    network (the first they coordinate or belong to) or the installation's first; a page that now
    lives under a network is redirected there, so old links and bookmarks keep working.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language, slug = _language_and_first_part(request.path_info)
        network = network_by_slug(slug) if slug else None
        named = network is not None
        if network is None:
            network = preferred_network(request.user)
        request.network = network
        urlconf = urlconf_for(network.slug) if network is not None else None
        if urlconf is not None:
            request.urlconf = urlconf
        token = activate(network)
        try:
            if not named and network is not None:
                moved = _scoped_address(request, network, language)
                if moved is not None:
                    return moved
            return self.get_response(request)
        finally:
            deactivate(token)


_FIRST_PARTS = re.compile(r"^/(?:(?P<language>[a-z]{2}(?:-[a-z]+)?)/)?(?P<first>[^/]+)?")


def _language_and_first_part(path: str) -> tuple[str, str]:
    match = _FIRST_PARTS.match(path)
    language, first = (match.group("language") or "", match.group("first") or "") if match else ("", "")
    if language and language not in dict(settings.LANGUAGES):
        # Not a language prefix: the first part is the network (or a page).
        return "", language
    return language, first


def _scoped_address(request, network, language: str) -> HttpResponseRedirect | None:
    """The redirect from a page's address without a network to the one with it, when that is a page."""
    urlconf = getattr(request, "urlconf", None)
    if is_valid_path(request.path_info, urlconf):
        return None
    rest = request.path_info[len(language) + 1 :] if language else request.path_info
    scoped = f"/{language}/{network.slug}{rest}" if language else f"/{network.slug}{rest}"
    if not is_valid_path(scoped, urlconf):
        return None
    target = f"{request.META.get('SCRIPT_NAME', '')}{scoped}" + (
        f"?{request.META['QUERY_STRING']}" if request.META.get("QUERY_STRING") else ""
    )
    # 307 keeps a form's method and body (a POST to an old address still posts).
    return (HttpResponseRedirect if request.method in ("GET", "HEAD") else HttpResponseTemporaryRedirect)(target)


class HttpResponseTemporaryRedirect(HttpResponseRedirect):
    status_code = 307
