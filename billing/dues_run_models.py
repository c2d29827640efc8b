"""The annual dues run (R3, R4): the run per network and year with its progress, what the coordinator chose for
the members it would hold, and one row per member it handled. Imported by billing.models."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Membership, Network


class DuesRun(models.Model):
    """A network's annual dues run for one year, with its progress for the coordinator's progress bar."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Ikke startet")
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Fullført")
        FAILED = "failed", _("Feilet")

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="dues_runs", verbose_name=_("nettverk"))
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("totalt"), default=0)
    done = models.PositiveIntegerField(_("ferdig"), default=0)
    issued = models.PositiveIntegerField(_("utstedt"), default=0)
    skipped = models.PositiveIntegerField(_("hoppet over"), default=0)
    held = models.PositiveIntegerField(_("holdt igjen"), default=0)
    problems = models.JSONField(_("problemer"), default=list, blank=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    progressed_at = models.DateTimeField(_("sist oppdatert"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("startet av"),
    )

    class Meta:
        verbose_name = _("kontingentkjøring")
        verbose_name_plural = _("kontingentkjøringer")
        ordering = ["-year", "network"]
        constraints = [models.UniqueConstraint(fields=["network", "year"], name="dues_run_one_per_network_and_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.done}/{self.total}"

    STALE_AFTER = datetime.timedelta(minutes=10)

    @property
    def is_active(self) -> bool:
        """Running and heard from lately: a run that crashed goes stale and may be started again."""
        if self.status != self.Status.RUNNING or self.progressed_at is None:
            return False
        return timezone.now() - self.progressed_at < self.STALE_AFTER

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(self.done * 100 / self.total)


class DuesRunChoice(models.Model):
    """What the coordinator chose for a member the run would otherwise hold (R1, R4). No row: held.

    A member whose agreement period has ended is held unless included; a member without what a
    valid EHF needs is held unless invoiced by PDF only. Who chose what, and when, is kept in the
    history.
    """

    class Reason(models.TextChoices):
        AGREEMENT_ENDED = "agreement_ended", _("Avtaleperioden er utløpt")
        NO_EHF = "no_ehf", _("EHF kan ikke lages")

    class Choice(models.TextChoices):
        HOLD = "hold", _("Hold igjen")
        INCLUDE = "include", _("Fakturer likevel")
        PDF_ONLY = "pdf_only", _("Fakturer som PDF (uten EHF)")

    run = models.ForeignKey(DuesRun, on_delete=models.PROTECT, related_name="choices", verbose_name=_("kjøring"))
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="dues_run_choices", verbose_name=_("medlemskap")
    )
    reason = models.CharField(_("grunn"), max_length=16, choices=Reason.choices)
    choice = models.CharField(_("valgt behandling"), max_length=8, choices=Choice.choices, default=Choice.HOLD)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("valgt av"),
    )
    decided_at = models.DateTimeField(_("valgt"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valg i kontingentkjøringen")
        verbose_name_plural = _("valg i kontingentkjøringen")
        ordering = ["run", "membership__organisation__name", "reason"]
        constraints = [
            models.UniqueConstraint(fields=["run", "membership", "reason"], name="dues_run_choice_once_per_reason"),
            models.CheckConstraint(
                condition=models.Q(reason="agreement_ended", choice__in=["hold", "include"])
                | models.Q(reason="no_ehf", choice__in=["hold", "pdf_only"]),
                name="dues_run_choice_fits_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run.year}: {self.membership_id} {self.reason} → {self.choice}"


class DuesRunItem(models.Model):
    """One member's outcome in the year's run: one row per member, however many passes or workers.

    The run's progress counts these rows (those handled since the latest start), so a member
    handled by two passes at once is counted once.
    """

    class Outcome(models.TextChoices):
        ISSUED = "issued", _("Fakturert")
        EXISTING = "existing", _("Allerede fakturert")
        HELD = "held", _("Holdt igjen")
        PROBLEM = "problem", _("Kunne ikke faktureres")

    run = models.ForeignKey(DuesRun, on_delete=models.PROTECT, related_name="items", verbose_name=_("kjøring"))
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="dues_run_items", verbose_name=_("medlemskap")
    )
    outcome = models.CharField(_("utfall"), max_length=8, choices=Outcome.choices)
    reasons = models.JSONField(_("grunner"), default=list, blank=True)
    detail = models.TextField(_("forklaring"), blank=True)
    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("faktura")
    )
    handled_at = models.DateTimeField(_("behandlet"))

    class Meta:
        verbose_name = _("medlem i kontingentkjøringen")
        verbose_name_plural = _("medlemmer i kontingentkjøringen")
        ordering = ["run", "membership__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "membership"], name="dues_run_item_once_per_member"),
        ]
        indexes = [models.Index(fields=["run", "handled_at"])]

    def __str__(self) -> str:
        return f"{self.run.year}: {self.membership_id} {self.outcome}"

    @property
    def reason_labels(self) -> list[str]:
        labels = dict(DuesRunChoice.Reason.choices)
        return [str(labels.get(reason, reason)) for reason in self.reasons]
