"""A network's action plan (handlingsplan) for a year: a KSF cluster's yearly plan, a partnership's yearly
focus list (R13, seeds 002 and 004). Once adopted it is a record: it never changes, like published minutes."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Network

from ..links import reverse_in_network
from .meetings import private_storage

__all__ = ["ActionPlan", "action_plan_adopted_error"]


def action_plan_adopted_error(plan: ActionPlan | None = None) -> ValidationError:
    if plan is not None and plan.adopted_on is not None:
        message = gettext(
            "Handlingsplanen for %(year)s ble vedtatt %(date)s og kan verken endres eller slettes. "
            "En endring må vedtas på nytt og føres som et tillegg i neste års plan."
        ) % {"year": plan.year, "date": formats.date_format(plan.adopted_on, "d.m.Y")}
    else:
        message = gettext("Handlingsplanen er vedtatt og kan verken endres eller slettes.")
    return ValidationError(message, code="action_plan_adopted")


def _document_path(instance: models.Model, filename: str) -> str:
    return f"action-plans/{instance.network_id}/{instance.year}/{secrets.token_hex(8)}/{Path(filename).name}"


class ActionPlanQuerySet(models.QuerySet):
    def adopted(self) -> ActionPlanQuerySet:
        return self.filter(adopted_on__isnull=False)

    # Bulk writes skip save()/delete(): refused here when they touch an adopted plan.
    def update(self, **kwargs):
        if self.adopted().exists():
            raise action_plan_adopted_error()
        return super().update(**kwargs)

    def delete(self):
        if self.adopted().exists():
            raise action_plan_adopted_error()
        return super().delete()


class ActionPlan(models.Model):
    """One network's plan for one calendar year; the coordinator drafts it and records its adoption."""

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.PROTECT, related_name="action_plans"
    )
    year = models.PositiveSmallIntegerField(_("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(_("tittel"), max_length=200)
    summary = models.TextField(_("sammendrag"), blank=True, help_text=_("Hovedpunktene, eller fokuslisten for året."))
    document = models.FileField(
        _("dokument"), upload_to=_document_path, storage=private_storage, max_length=300, blank=True
    )
    adopted_on = models.DateField(_("vedtatt"), null=True, blank=True)
    adopted_by = models.CharField(
        _("vedtatt av"),
        max_length=200,
        blank=True,
        help_text=_("Hvem som vedtok planen, og gjerne saksnummeret, for eksempel «Styringsgruppen, sak 07/24»."),
    )

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "-year"]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="governance_one_action_plan_per_network_year"),
            models.CheckConstraint(
                condition=models.Q(adopted_on__isnull=True) | ~models.Q(adopted_by=""),
                name="governance_action_plan_adopted_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        # The stored row decides, not this instance: clearing adopted_on must not unlock it.
        if not self._state.adding and self.pk is not None and ActionPlan.objects.filter(pk=self.pk).adopted().exists():
            raise action_plan_adopted_error(ActionPlan.objects.get(pk=self.pk))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The plan's page in its network."""
        return reverse_in_network(self.network_id, "governance:action_plan_detail", pk=self.pk)

    def delete(self, *args, **kwargs):
        if self.pk is not None and ActionPlan.objects.filter(pk=self.pk).adopted().exists():
            raise action_plan_adopted_error(ActionPlan.objects.get(pk=self.pk))
        return super().delete(*args, **kwargs)

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None
