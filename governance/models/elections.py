"""Annual elections to the steering group (R7): nominations, the result and the constitution."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person

__all__ = ["Election", "Nomination"]


class Election(models.Model):
    """The election of steering-group members at the annual meeting of `year`."""

    class Status(models.TextChoices):
        OPEN = "open", _("Åpen for nominasjon")
        DECIDED = "decided", _("Resultat registrert")
        CONSTITUTED = "constituted", _("Konstituert")

    body = models.ForeignKey(
        "governance.Body", verbose_name=_("organ"), on_delete=models.PROTECT, related_name="elections"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    terms_start_on = models.DateField(
        _("nye perioder starter"), help_text=_("Dagen de valgte tiltrer, vanligvis dagen etter årsmøtet.")
    )
    nomination_deadline = models.DateField(_("frist for nominasjon"), null=True, blank=True)
    notes = models.TextField(_("merknader"), blank=True)
    opened_at = models.DateTimeField(_("åpnet"), auto_now_add=True)
    opened_by = models.ForeignKey(
        "members.User", verbose_name=_("åpnet av"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField(_("valgt"), null=True, blank=True)
    constituted_on = models.DateField(_("konstituert"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("valg")
        verbose_name_plural = _("valg")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="governance_one_election_per_body_and_year"),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {_('valg')} {self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Nomination(models.Model):
    """A candidate for an election, nominated by a member contact through the portal or by the coordinator."""

    class Via(models.TextChoices):
        PORTAL = "portal", _("Medlemsportalen")
        COORDINATOR = "coordinator", _("Koordinator")

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominert")
        WITHDRAWN = "withdrawn", _("Trukket")
        ELECTED = "elected", _("Valgt")
        NOT_ELECTED = "not_elected", _("Ikke valgt")

    election = models.ForeignKey(Election, verbose_name=_("valg"), on_delete=models.CASCADE, related_name="nominations")
    person = models.ForeignKey(Person, verbose_name=_("kandidat"), on_delete=models.PROTECT, related_name="nominations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("representerer"), on_delete=models.PROTECT, related_name="nominations"
    )
    statement = models.TextField(_("begrunnelse"), blank=True)
    via = models.CharField(_("nominert via"), max_length=12, choices=Via.choices)
    nominated_by = models.ForeignKey(
        "members.User",
        verbose_name=_("nominert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    nominated_at = models.DateTimeField(_("nominert"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOMINATED)
    term_years = models.PositiveSmallIntegerField(_("valgt for (år)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "person__last_name", "person__first_name"]
        verbose_name = _("nominasjon")
        verbose_name_plural = _("nominasjoner")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"],
                condition=~Q(status="withdrawn"),
                name="governance_nominated_once_per_election",
            ),
            models.CheckConstraint(
                condition=Q(status="elected", term_years__isnull=False) | ~Q(status="elected"),
                name="governance_elected_nomination_has_years",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organisation}) – {self.election}"
