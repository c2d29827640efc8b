"""View decorators for the network's roles (R12): anonymous → login, the wrong role → refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import is_coordinator


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


# Coordinator of the network the page speaks for (its address names it).
coordinator_required = role_required(is_coordinator)
