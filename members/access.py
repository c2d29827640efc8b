"""View decorators for the network's roles (R12): anonymous → login, the wrong role → refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import can_manage_billing, is_coordinator


def role_required(check: Callable, *, refuse: type[Exception] = PermissionDenied):
    """Let through users for whom `check(user)` holds; raise `refuse` (403, or Http404) for the rest."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise refuse
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


coordinator_required = role_required(is_coordinator)
# Billing is for the coordinator and the billing administrator (the issuer's finance staff).
billing_staff_required = role_required(can_manage_billing)
