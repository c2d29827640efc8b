"""Refuse a NUL byte in the URL or query string with 400, before any view can pass it to PostgreSQL.

PostgreSQL cannot store or compare text containing NUL (0x00); psycopg raises DataError and the
page would answer 500 (e.g. an admin list filter `?name=%00`). Form fields are covered by
Django's forms (CharField carries ProhibitNullCharactersValidator: a field error), so only the
URL and the query string are checked here; request bodies are left to the forms.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNullBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(_("Ugyldig tegn i adressen."), content_type="text/plain; charset=utf-8")
        return self.get_response(request)
