"""Authentication backends that load the signed-in user together with their roles (R12).

Django and allauth load the user of a session with one query and the access checks then ask
for the user's groups and contact organisations with two more, on every request. These load
all three at once (members.roles.with_roles). Logging in works exactly as before.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend

from .roles import user_with_roles


class _UserWithRoles:
    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class UserWithRolesBackend(_UserWithRoles, ModelBackend):
    """Django's model backend (password login in the admin and tests)."""


class AllauthUserWithRolesBackend(_UserWithRoles, AllauthBackend):
    """allauth's backend (login by email and password, login by code)."""
