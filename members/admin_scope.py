"""The admin shows each person only the rows of their own networks (R12, R13).

`NetworkScopedAdmin` goes first in a ModelAdmin's bases and names the path from the model to its
network (`network_path = "event__network"`). A superuser sees every row; anyone else the rows of
the networks `admin_network_ids` gives: by default those they coordinate (an app whose rows others
handle too, such as billing's administrators, overrides it). Another network's row is absent from
the list, its change page says it does not exist, and its history (which django-simple-history
reads past the list) is refused like a missing row.

Choices follow: a foreign key or many-to-many to Network offers only the person's networks, and
one to another network-scoped model offers only its rows of those networks (`network_choices`:
field name → path from the related model to its network).
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Network
from .roles import coordinated_network_ids


class NetworkScopedAdmin:
    network_path: str = "network"
    network_choices: dict[str, str] = {}

    def admin_network_ids(self, request) -> frozenset[int]:
        return coordinated_network_ids(request.user)

    def get_queryset(self, request) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.network_path}__in": self.admin_network_ids(request)})

    def in_admin_networks(self, request, obj: Model | None) -> bool:
        """Whether `obj` (a row, or a historical version of one) belongs to one of the person's networks."""
        if obj is None or request.user.is_superuser:
            return True
        *path, last = self.network_path.split("__")
        for name in path:
            obj = getattr(obj, name, None)
            if obj is None:
                return False
        return getattr(obj, f"{last}_id", None) in self.admin_network_ids(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return super().has_view_permission(request, obj) and self.in_admin_networks(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and self.in_admin_networks(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and self.in_admin_networks(request, obj)

    def _refuse_other_networks(self, request, object_id) -> None:
        """django-simple-history falls back to the history rows of an object the queryset does not
        hold: another network's row, or one since deleted, is not found here either."""
        if request.user.is_superuser:
            return
        try:
            value = self.model._meta.pk.to_python(unquote(str(object_id)))
        except ValidationError:
            raise Http404 from None
        if not self.get_queryset(request).filter(pk=value).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_other_networks(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._refuse_other_networks(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _narrowed(self, db_field, request, kwargs: dict) -> dict:
        if request.user.is_superuser:
            return kwargs
        ids = self.admin_network_ids(request)
        related = db_field.related_model
        if related is Network:
            queryset = kwargs.get("queryset")
            kwargs["queryset"] = (Network.objects.all() if queryset is None else queryset).filter(pk__in=ids)
        elif db_field.name in self.network_choices:
            kwargs["queryset"] = related._default_manager.filter(**{f"{self.network_choices[db_field.name]}__in": ids})
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._narrowed(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._narrowed(db_field, request, kwargs))
