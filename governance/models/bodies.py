"""The bodies of the network and the seats (terms) people hold in them (R7, R9)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, gettext_noop, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Network, Organisation, Person
from members.networks import default_network_id as _first_network_id

__all__ = ["default_network_id", "BodyKind", "BodyKindSettings", "CollaborationArea", "Body", "Term", "JoinRequest", "GenderBalanceCheck"]


def default_network_id() -> int:
    """The network a body or area joins when its maker names none: the first (`default_network()`)."""
    return _first_network_id()


class BodyKind(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Styringsgruppe")
    WORKING_GROUP = "working_group", _("Arbeidsgruppe")
    RESOURCE_GROUP = "resource_group", _("Ressursgruppe")


class BodyKindSettings(models.Model):
    """What a network's agreement says about a kind of body, as data the coordinator can change (R7, R9, R13)."""

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.PROTECT, related_name="body_kind_settings"
    )
    kind = models.CharField(_("type organ"), max_length=20, choices=BodyKind.choices)
    max_elected_seats = models.PositiveSmallIntegerField(_("maks valgte plasser"), null=True, blank=True)
    fixed_seats = models.PositiveSmallIntegerField(
        _("faste plasser"), default=0, help_text=_("Plasser en avtalepart har uten valg.")
    )
    fixed_seat_holder = models.CharField(
        _("hvem har de faste plassene"),
        max_length=120,
        blank=True,
        help_text=_("Avtaleparten som oppnevner de faste plassene, slik den skal stå i teksten «fast plass for …»."),
    )
    allowed_term_years = models.JSONField(_("tillatte periodelengder (år)"), default=list, blank=True)
    meetings_per_year_min = models.PositiveSmallIntegerField(_("møter per år, minst"), null=True, blank=True)
    meetings_per_year_max = models.PositiveSmallIntegerField(_("møter per år, høyst"), null=True, blank=True)

    class Meta:
        verbose_name = _("innstillinger for organtype")
        verbose_name_plural = _("innstillinger for organtyper")
        ordering = ["network", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["network", "kind"], name="governance_body_kind_settings_per_network"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def fixed_seat_label(self) -> str:
        """«fast plass for <holder>» — the holder is the network's data; «fast plass» when none is named."""
        count = max(self.fixed_seats, 1)
        if self.fixed_seat_holder:
            return ngettext(
                "fast plass for %(holder)s", "%(count)d faste plasser for %(holder)s", count
            ) % {"holder": self.fixed_seat_holder, "count": count}
        return ngettext("fast plass", "%(count)d faste plasser", count) % {"count": count}

    @classmethod
    def for_kind(cls, kind: str, network: Network) -> BodyKindSettings:
        """The settings of `kind` in `network` (a body's: `body.network`); made with no limits when missing."""
        settings, _created = cls.objects.get_or_create(network=network, kind=kind)
        return settings


# The six areas of the mandate as seeded (migration 0003), keyed by their stable slug, in the reader's
# language; an area whose name the coordinator has changed is shown as typed.
SEEDED_AREA_NAMES = {
    "maling-og-evaluering": gettext_noop(
        "Utvikling av metoder for kartlegging, indikatorsett og system for måling og evaluering "
        "av det lokale og regionale bærekraftsarbeidet"
    ),
    "lokale-data-i-plan-og-styring": gettext_noop(
        "Innarbeidelse av lokale data om bærekraft i plan- og styringssystemene"
    ),
    "offentlige-anskaffelser": gettext_noop("Bærekraftige offentlige anskaffelser"),
    "organisasjon-og-ledelse": gettext_noop(
        "Bærekraftig organisasjons- og ledelsesutvikling som fremmer samarbeid på tvers av samfunnssektorer "
        "og forvaltningsnivå"
    ),
    "innbyggerinvolvering": gettext_noop("Innbyggerinvolvering og mobilisering"),
    "verdiskaping": gettext_noop("Bærekraftig verdiskaping"),
}


class CollaborationArea(models.Model):
    """One of the collaboration areas of a network's mandate."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("nettverk"),
        on_delete=models.PROTECT,
        default=default_network_id,
        related_name="collaboration_areas",
    )
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"))
    description = models.TextField(_("beskrivelse"), blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("samarbeidsområde")
        verbose_name_plural = _("samarbeidsområder")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="governance_area_name_per_network"),
            models.UniqueConstraint(fields=["network", "slug"], name="governance_area_slug_per_network"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the reader's language while it is the seeded one; as typed otherwise."""
        return gettext(self.name) if SEEDED_AREA_NAMES.get(self.slug) == self.name else self.name


# The seeded names of the two singleton bodies (migration 0003), as a heading and mid-sentence, in the
# reader's language. The row stays the source: a body the coordinator renames is shown as typed.
SEEDED_BODY_NAMES = {
    "Styringsgruppen": (
        pgettext_lazy("organ", "Styringsgruppen"),
        pgettext_lazy("organ midt i en setning", "styringsgruppen"),
    ),
    "Ressursgruppen": (
        pgettext_lazy("organ", "Ressursgruppen"),
        pgettext_lazy("organ midt i en setning", "ressursgruppen"),
    ),
}


class Body(models.Model):
    """The steering group (one), a working group (many) or the resource group (one)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        ACTIVE = "active", _("Aktiv")
        CLOSED = "closed", _("Avsluttet")

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.PROTECT, default=default_network_id, related_name="bodies"
    )
    kind = models.CharField(_("type"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    slug = models.SlugField(_("kortnavn"), unique=True)
    theme = models.CharField(_("tema"), max_length=200, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    collaboration_areas = models.ManyToManyField(
        CollaborationArea, verbose_name=_("samarbeidsområder"), blank=True, related_name="bodies"
    )
    leading_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("ledende medlem"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_bodies",
    )
    lead_person = models.ForeignKey(
        Person,
        verbose_name=_("leder av gruppen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_bodies",
    )
    schedule = models.TextField(_("møteplan"), blank=True)
    meetings_public = models.BooleanField(
        _("åpne møter"),
        default=False,
        help_text=_(
            "Møtene er åpne (kommuneloven): publiserte sakslister og godkjente protokoller kan leses av alle, "
            "uten innlogging. Fortrolige saker vises aldri."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organer")
        constraints = [
            # One steering group and one resource group per network.
            models.UniqueConstraint(
                fields=["network", "kind"],
                condition=Q(kind__in=["steering_group", "resource_group"]),
                name="governance_one_body_of_singleton_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name as a heading or in a list: the seeded names in the reader's language."""
        seeded = SEEDED_BODY_NAMES.get(self.name)
        return str(seeded[0]) if seeded else self.name

    @property
    def name_in_sentence(self) -> str:
        """The name inside a sentence ("Møte i styringsgruppen"): the steering and resource groups are
        common nouns in Norwegian, written in lower case there; a working group's name is kept as typed
        (it may be a proper name)."""
        seeded = SEEDED_BODY_NAMES.get(self.name)
        if seeded:
            return str(seeded[1])
        name = self.name
        if self.kind != BodyKind.WORKING_GROUP and name[:1].isupper() and name[1:2].islower():
            return name[0].lower() + name[1:]
        return name


class Term(models.Model):
    """A seat held by a person in a body from `starts_on` to `ends_on` (inclusive)."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leder")
        DEPUTY = "deputy", _("Nestleder")
        MEMBER = "member", _("Medlem")
        KS_REPRESENTATIVE = "ks", _("Fast plass (oppnevnt)")

    class Obtained(models.TextChoices):
        ELECTED = "elected", _("Valgt")
        APPOINTED = "appointed", _("Oppnevnt")

    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="terms")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="terms")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("representerer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
        help_text=_("Tom for en fast plass, som ikke representerer et medlem."),
    )
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(
        _("til"), null=True, blank=True, help_text=_("Tom for løpende plasser i arbeidsgrupper.")
    )
    obtained = models.CharField(_("hvordan"), max_length=10, choices=Obtained.choices, default=Obtained.ELECTED)
    election = models.ForeignKey(
        "governance.Election",
        verbose_name=_("valgt ved"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
    )
    paid = models.BooleanField(_("frikjøp"), default=False)
    paid_note = models.CharField(_("merknad om frikjøp"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "starts_on", "pk"]
        verbose_name = _("verv")
        verbose_name_plural = _("verv")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="governance_term_ends_after_start"),
        ]

    def __str__(self) -> str:
        ends = f"{self.ends_on:%d.%m.%Y}" if self.ends_on else "…"
        return f"{self.person} – {self.body} ({self.starts_on:%d.%m.%Y}–{ends})"

    @property
    def is_elected(self) -> bool:
        return self.obtained == self.Obtained.ELECTED

    @property
    def years(self) -> int | None:
        """The length of the term in whole years, rounded (None when open-ended)."""
        if self.ends_on is None:
            return None
        return round(((self.ends_on - self.starts_on).days + 1) / 365.25)


class JoinRequest(models.Model):
    """A member contact asks for a person of their organisation to join a working group (R9)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        ACCEPTED = "accepted", _("Godtatt")
        DECLINED = "declined", _("Avslått")

    body = models.ForeignKey(Body, verbose_name=_("gruppe"), on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="join_requests")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisasjon"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("melding"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        "members.User", verbose_name=_("bedt om av"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("bedt om"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "members.User", verbose_name=_("avgjort av"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("avgjort"), null=True, blank=True)
    term = models.OneToOneField(
        Term, verbose_name=_("plass"), on_delete=models.SET_NULL, null=True, blank=True, related_name="join_request"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("forespørsel om deltakelse")
        verbose_name_plural = _("forespørsler om deltakelse")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person"], condition=Q(status="pending"), name="governance_one_pending_join_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.body}"


class GenderBalanceCheck(models.Model):
    """The stored result of one gender-balance check of a body or of the key functions (R10)."""

    class Verdict(models.TextChoices):
        OK = "ok", _("I balanse")
        BELOW = "below", _("Under kravet")
        INCOMPLETE = "incomplete", _("Mangler data om kjønn")

    checked_on = models.DateField(_("kontrollert"))
    body = models.ForeignKey(
        Body,
        verbose_name=_("organ"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gender_balance_checks",
        help_text=_("Tom for nøkkelfunksjonene samlet."),
    )
    scope = models.CharField(_("gjelder"), max_length=200)
    size = models.PositiveSmallIntegerField(_("antall"))
    women = models.PositiveSmallIntegerField(_("kvinner"))
    men = models.PositiveSmallIntegerField(_("menn"))
    other = models.PositiveSmallIntegerField(_("annet"), default=0)
    unknown = models.PositiveSmallIntegerField(_("ukjent"))
    required_each = models.PositiveSmallIntegerField(_("krav per kjønn"))
    verdict = models.CharField(_("resultat"), max_length=10, choices=Verdict.choices)
    advice = models.CharField(_("hva som retter det"), max_length=300, blank=True)

    class Meta:
        ordering = ["-checked_on", "scope"]
        verbose_name = _("kontroll av kjønnsbalanse")
        verbose_name_plural = _("kontroller av kjønnsbalanse")
        constraints = [
            models.UniqueConstraint(
                fields=["checked_on", "scope"], name="governance_one_gender_check_per_scope_and_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.checked_on:%d.%m.%Y}: {self.get_verdict_display()}"
