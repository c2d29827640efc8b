"""A network and its agreement, as data (R13): one row a cooperation scheme, its terms with it.

The networks of the seeds (a sustainability network, a research cluster, a national agreement, a
partnership) run on the same code;
what differs between them is stored here and read by the rules, never written into code. The
terms were once a single row (AgreementTerms); that row became the first network, with its
history (migration 0007).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_logo, validate_no_control_characters

MAX_NOTICE_MONTHS = 60


# A network's slug is the first part of its pages' addresses: it may not be one of the site's own
# (tests/network/test_network_urls.py checks this list against the URL configuration).
RESERVED_SLUGS = frozenset(
    {"i18n", "healthz", "start", "konto", "admin", "media", "static", "en", "nb"}
    | {"portal", "faktura", "styring", "arrangementer", "koordinator", "moter", "vedtak", "kalender"}
)


def validate_not_reserved(slug: str) -> None:
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _("«%(slug)s» er en del av nettstedets egne adresser. Velg en annen nettadresse."),
            params={"slug": slug},
            code="reserved_slug",
        )


def default_obligations() -> list[str]:
    """The yearly obligations a network checks unless its coordinator chooses otherwise (R6):
    the keys of network.obligations' registry, where each is defined."""
    return ["decision", "contact", "dues", "gathering"]


class NetworkQuerySet(models.QuerySet):
    def with_terms_for(self, day: datetime.date) -> NetworkQuerySet:
        """Networks whose agreement has not passed its fixed end date on `day` (or has none)."""
        return self.filter(models.Q(agreement_ends_on__isnull=True) | models.Q(agreement_ends_on__gte=day))


class Network(models.Model):
    """A cooperation network and the terms of its agreement (R13)."""

    name = models.CharField(_("navn"), max_length=200, validators=[validate_no_control_characters])
    short_name = models.CharField(
        _("kortnavn"), max_length=60, blank=True, help_text=_("Brukes der det er trangt, for eksempel i menyen.")
    )
    slug = models.SlugField(
        _("nettadresse"),
        max_length=60,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Små bokstaver, tall og bindestrek. Sidene til nettverket ligger under /<nettadresse>/."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("del av"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For eksempel en kommuneklynge i en KSF-region."),
    )
    sender_email = models.EmailField(
        _("avsenderadresse"), blank=True, help_text=_("Tom: installasjonens standardavsender.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="network-logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG eller JPEG, høyst 500 kB. Vises ved navnet øverst på hver side."),
    )
    tagline = models.CharField(
        _("kort beskrivelse"), max_length=200, blank=True, help_text=_("Vises etter navnet nederst på hver side.")
    )
    tagline_en = models.CharField(_("kort beskrivelse på engelsk"), max_length=200, blank=True)
    public_intro = models.TextField(_("tekst på den offentlige siden"), blank=True)
    public_intro_en = models.TextField(_("tekst på den offentlige siden, engelsk"), blank=True)
    admitted_kinds = models.JSONField(
        _("hvem kan være part"), default=list, blank=True, help_text=_("Organisasjonstypene nettverket tar opp.")
    )

    coordinators = models.ManyToManyField(
        "members.User",
        verbose_name=_("koordinatorer"),
        blank=True,
        related_name="coordinated_networks",
        help_text=_("De som driver nettverket: de ser og endrer nettverkets medlemmer, møter, arrangementer og faktura."),
    )

    # The agreement's terms.
    notice_months = models.PositiveSmallIntegerField(
        _("oppsigelsestid (måneder)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_NOTICE_MONTHS)],
    )
    agreement_years = models.PositiveSmallIntegerField(
        _("avtalens varighet (år)"),
        default=3,
        null=True,
        blank=True,
        help_text=_("Fra hver parts signering. Tom når avtalen gjelder til en fast dato."),
    )
    agreement_starts_on = models.DateField(_("avtalen gjelder fra"), null=True, blank=True)
    agreement_ends_on = models.DateField(
        _("avtalen gjelder til"), null=True, blank=True, help_text=_("En fast sluttdato for alle parter.")
    )
    renewable = models.BooleanField(_("kan fornyes"), default=True)
    renewal_reminder_months = models.PositiveSmallIntegerField(_("varsel før avtalen utløper (måneder)"), default=3)
    has_dues = models.BooleanField(
        _("partene betaler kontingent"),
        default=True,
        help_text=_("Satsene og hvem som fakturerer, settes under fakturering."),
    )
    refund_on_resignation = models.BooleanField(_("refusjon ved utmelding"), default=False)
    obligations = models.JSONField(
        _("minsteforpliktelser"),
        default=default_obligations,
        blank=True,
        help_text=_("Hvilke forpliktelser som sjekkes for hvert medlem hvert år."),
    )

    objects = NetworkQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[coordinators])

    class Meta:
        verbose_name = _("nettverk")
        verbose_name_plural = _("nettverk")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(notice_months__gte=1, notice_months__lte=MAX_NOTICE_MONTHS),
                name="network_notice_months_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(agreement_starts_on__isnull=True)
                | models.Q(agreement_ends_on__isnull=True)
                | models.Q(agreement_ends_on__gt=models.F("agreement_starts_on")),
                name="network_agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.agreement_years is None and self.agreement_ends_on is None:
            raise ValidationError(
                _("Oppgi avtalens varighet i år eller datoen den gjelder til."), code="agreement_length_missing"
            )
        if self.agreement_starts_on and self.agreement_ends_on and self.agreement_ends_on <= self.agreement_starts_on:
            raise ValidationError(
                {"agreement_ends_on": _("Avtalen må slutte etter at den begynner.")}, code="agreement_ends_before_start"
            )
        from .obligation_hooks import obligation_choices

        choices = obligation_choices()
        unknown = sorted(set(self.obligations or ()) - {key for key, _label in choices}) if choices is not None else []
        if unknown:
            raise ValidationError(
                {"obligations": _("Ukjente forpliktelser: %(keys)s.") % {"keys": ", ".join(unknown)}},
                code="unknown_obligation",
            )
        if self.parent_id is not None and self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Et nettverk kan ikke være en del av seg selv.")}, code="own_parent")

    @property
    def label(self) -> str:
        return self.short_name or self.name

    def _in_reader_language(self, nb: str, en: str) -> str:
        return en if en and (get_language() or "nb").startswith("en") else nb

    @property
    def reader_tagline(self) -> str:
        """The one-line description in the reader's language (the bokmål one where no English is given)."""
        return self._in_reader_language(self.tagline, self.tagline_en)

    @property
    def reader_intro(self) -> str:
        return self._in_reader_language(self.public_intro, self.public_intro_en)
