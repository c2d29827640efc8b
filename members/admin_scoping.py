"""The admin shows a coordinator only the rows of the networks they coordinate (R12, R13).

A ModelAdmin of network-scoped rows mixes in `NetworkScopedAdmin` and names the path from its model
to the network (`network_path = "body__network"`). A superuser sees every network's rows; anyone else
those of `admin_network_ids(request)` — the networks they coordinate (an app above members, such as
billing, widens it for its own roles by overriding that method). Another network's row is absent from
the list and its change page answers like a missing one. Foreign keys and many-to-many choices to
network-scoped models are narrowed the same way (`network_choices`: field name → path from the related
model to its network).
"""

from __future__ import annotations

from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404

from .models import Network
from .roles import coordinated_network_ids


class NetworkScopedAdmin:
    network_path: str = "network"
    network_choices: dict[str, str] = {}

    def admin_network_ids(self, request) -> frozenset[int] | None:
        """The networks whose rows `request.user` handles here; None for all (a superuser)."""
        if request.user.is_superuser:
            return None
        return coordinated_network_ids(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        ids = self.admin_network_ids(request)
        return queryset if ids is None else queryset.filter(**{f"{self.network_path}__in": ids})

    def _refuse_other_networks(self, request, object_id) -> None:
        """The history of another network's row (django-simple-history falls back to the history rows of
        an object the queryset does not hold): not found, like the row."""
        if self.admin_network_ids(request) is not None:
            pk = self.model._meta.pk
            try:
                value = pk.to_python(unquote(str(object_id)))
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

    def _narrowed(self, db_field, request, kwargs) -> dict:
        ids = self.admin_network_ids(request)
        if ids is None:
            return kwargs
        related = db_field.related_model
        if related is Network:
            kwargs["queryset"] = Network.objects.filter(pk__in=ids)
        elif db_field.name in self.network_choices:
            kwargs["queryset"] = related._default_manager.filter(**{f"{self.network_choices[db_field.name]}__in": ids})
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._narrowed(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._narrowed(db_field, request, kwargs))
