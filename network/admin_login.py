"""The admin has no login of its own: it sits behind allauth's login and its rate limits.

Django's admin login form is not rate-limited. Instead of a second limiter, every admin page
asked by someone who may not use the admin is answered here, before the admin sees it:
anonymous → allauth's login (`ACCOUNT_RATE_LIMITS`, email verification, login by code) with
`next` back to the admin page; logged in but not staff → 403 (not a redirect to a login
they already passed, which would loop).
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class AdminLoginThroughAllauthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or admin.site.name not in match.namespaces:
            return None
        if admin.site.has_permission(request):
            if match.url_name == "login":
                return HttpResponseRedirect(reverse("admin:index"))
            return None
        if request.user.is_authenticated:
            raise PermissionDenied
        if match.url_name == "login":
            target = request.GET.get("next", "")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = ""
            target = target or reverse("admin:index")
        else:
            target = request.get_full_path()
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


class AdminActionSelectionMiddleware:
    """An admin action posted with a selection that is not a primary key answers 400, not 500.

    Django's admin filters `pk__in=<posted values>` and the database query then raises
    ValueError for `_selected_action=abc` (a 500). The values are checked against the model's
    primary-key field first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None or request.method != "POST" or ACTION_CHECKBOX_NAME not in request.POST:
            return None
        pk_field = model_admin.model._meta.pk
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                pk_field.to_python(value)
                if isinstance(value, str) and "\x00" in value:
                    raise ValidationError("NUL")
        except ValidationError:
            return HttpResponseBadRequest(_("Ugyldig utvalg."), content_type="text/plain; charset=utf-8")
        return None
