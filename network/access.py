"""View decorators for the network's roles (R12): anonymous → login, wrong role → 403."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from members.roles import can_manage_billing, is_coordinator


def _requires(check):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


coordinator_required = _requires(is_coordinator)
billing_or_coordinator_required = _requires(can_manage_billing)
