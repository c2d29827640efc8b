"""Models of what spans the network.

Long jobs and bulk email belong to the coordinator's dashboard; activities have their own section.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# --- dashboard: long jobs and bulk email


class JobQuerySet(models.QuerySet):
    def in_network(self, network) -> JobQuerySet:
        return self.filter(network=network)


class Job(models.Model):
    """A long job the coordinator started in a network: its progress survives reloads and restarts.

    Only that network's coordinators see it, and what it sends speaks for that network (R13).
    """

    class Kind(models.TextChoices):
        BULK_EMAIL = "bulk_email", _("Masseutsendelse")

    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("Kjører")
        DONE = "done", _("Ferdig")
        FAILED = "failed", _("Feilet")

    network = models.ForeignKey(
        "members.Network", verbose_name=_("nettverk"), on_delete=models.PROTECT, related_name="jobs"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    label = models.CharField(_("beskrivelse"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("totalt"), default=0)
    done = models.PositiveIntegerField(_("ferdig"), default=0)
    failed = models.PositiveIntegerField(_("feilet"), default=0)
    message = models.TextField(_("melding"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("startet av"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    finished_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("jobb")
        verbose_name_plural = _("jobber")
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="network_job_done_within_total"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


class BulkEmail(models.Model):
    """An email to the contacts of a chosen set of members, sent one by one with a log.

    Its network is its job's (`job.network`): the members it goes to, its sender and its sign-off."""

    class Audience(models.TextChoices):
        PRIMARY = "primary", _("Primærkontakter")
        ALL = "all", _("Alle kontaktpersoner")

    subject = models.CharField(_("emne"), max_length=200)
    body = models.TextField(_("tekst"))
    audience = models.CharField(_("mottakere"), max_length=10, choices=Audience.choices, default=Audience.PRIMARY)
    selection = models.CharField(_("utvalg"), max_length=500, blank=True, help_text=_("Filteret som ga utvalget."))
    job = models.OneToOneField(Job, verbose_name=_("jobb"), on_delete=models.PROTECT, related_name="bulk_email")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sendt av"), on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("masseutsendelse")
        verbose_name_plural = _("masseutsendelser")

    def __str__(self) -> str:
        return self.subject


class BulkEmailRecipient(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")

    bulk_email = models.ForeignKey(BulkEmail, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("e-post"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    error = models.CharField(_("feil"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("mottaker")
        verbose_name_plural = _("mottakere")
        constraints = [
            models.UniqueConstraint(fields=["bulk_email", "email"], name="network_bulk_email_once_per_address"),
        ]

    def __str__(self) -> str:
        return self.email
