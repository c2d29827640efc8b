"""The admin shows each person only the rows of their own networks (R12, R13).

`NetworkScopedAdmin` goes first in a ModelAdmin's bases and names the path from the model to its
network (`network_path = "event__network"`). A superuser sees every row; anyone else the rows of
the networks `admin_network_ids` gives: by default those they coordinate (an app whose rows others
handle too, such as billing's administrators, overrides it). Another network's row is absent from
the list, its change page says it does not exist, and its history (which simple_history reads
past the list) is refused.
"""

from __future__ import annotations

from django.db.models import Model, QuerySet

from .models import Network
from .roles import coordinated_network_ids


class NetworkScopedAdmin:
    network_path = "network"

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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """A choice of network offers only the person's own."""
        if db_field.related_model is Network and not request.user.is_superuser:
            queryset = kwargs.get("queryset")
            kwargs["queryset"] = (Network.objects.all() if queryset is None else queryset).filter(
                pk__in=self.admin_network_ids(request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
