"""Organisations, their population figures, memberships, people and contact roles (R1, R2)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length, Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .fields import PhoneNumberField
from .validators import (
    normalise_text,
    validate_fylkesnummer,
    validate_kommunenummer,
    validate_name,
    validate_no_control_characters,
    validate_org_number,
    validate_postal_code,
    validate_postal_place_given,
)

# Lets constraints say `number__length=4`.
models.CharField.register_lookup(Length)


class UserManager(DjangoUserManager):
    """Email is the login: there are no usernames."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Users need an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-post"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.email


class Language(models.TextChoices):
    NB = "nb", _("Norsk bokmål")
    EN = "en", _("Engelsk")


class Organisation(models.Model):
    """A party to a network (a kommune, a fylkeskommune, a council, a state body, an interest
    organisation, a research actor): a member, a former member, or one that could join."""

    class Kind(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune")
        FYLKESKOMMUNE = "fylkeskommune", _("Fylkeskommune")
        COUNCIL = "council", _("Interkommunalt politisk råd")
        STATE_BODY = "state_body", _("Statlig organ")
        INTEREST_ORGANISATION = "interest_org", _("Interesseorganisasjon for kommunesektoren")
        RESEARCH = "research", _("Forsknings- og kompetanseaktør")

    # Kommuner and fylkeskommuner have a number in the register (4 and 2 digits); no other kind has one.
    NUMBER_LENGTHS = {Kind.KOMMUNE: 4, Kind.FYLKESKOMMUNE: 2}

    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    number = models.CharField(
        _("kommune-/fylkesnummer"),
        max_length=4,
        blank=True,
        help_text=_("Kommunenummer (4 sifre) eller fylkesnummer (2 sifre). Tomt for andre typer parter."),
    )
    name = models.CharField(_("navn"), max_length=120)
    org_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True, validators=[validate_org_number])
    org_number_to_confirm = models.BooleanField(
        _("organisasjonsnummer må bekreftes"),
        default=False,
        help_text=_("Satt når nummeret er hentet fra en tidligere kommunestruktur."),
    )
    street_address = models.CharField(
        _("adresse"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True, validators=[validate_postal_code])
    postal_place = models.CharField(_("poststed"), max_length=80, blank=True, validators=[validate_name])
    website = models.CharField(_("nettsted"), max_length=200, blank=True)
    invoice_email = models.EmailField(_("e-post for faktura"), blank=True)
    invoice_reference = models.CharField(
        _("fakturareferanse (Deres ref.)"),
        max_length=100,
        blank=True,
        help_text=_("Referansen kommunen krever på fakturaer (EHF BuyerReference)."),
    )
    preferred_language = models.CharField(_("språk"), max_length=2, choices=Language.choices, default=Language.NB)
    ended_on = models.DateField(
        _("avviklet"),
        null=True,
        blank=True,
        help_text=_("Siste dag organisasjonen fantes, for eksempel før en sammenslåing."),
    )
    successors = models.ManyToManyField(
        "self",
        through="members.Succession",
        through_fields=("predecessor", "successor"),
        symmetrical=False,
        related_name="predecessors",
        blank=True,
        verbose_name=_("etterfølgere"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"], condition=~models.Q(number=""), name="organisation_kind_number_unique"
            ),
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~models.Q(org_number=""),
                name="organisation_org_number_unique",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="kommune", number__length=4)
                    | models.Q(kind="fylkeskommune", number__length=2)
                    | (~models.Q(kind__in=["kommune", "fylkeskommune"]) & models.Q(number=""))
                ),
                name="organisation_number_length_matches_kind",
            ),
        ]
        indexes = [models.Index(Lower("name"), name="organisation_name_lower")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        self.street_address = normalise_text(self.street_address)
        self.postal_place = normalise_text(self.postal_place)
        validate_postal_place_given(postal_code=self.postal_code, postal_place=self.postal_place)
        if self.kind not in self.NUMBER_LENGTHS:
            if self.number:
                raise ValidationError(
                    {"number": _("Bare kommuner og fylkeskommuner har kommune- eller fylkesnummer.")},
                    code="number_not_for_kind",
                )
            return
        validator = validate_kommunenummer if self.kind == self.Kind.KOMMUNE else validate_fylkesnummer
        try:
            validator(self.number)
        except ValidationError as error:
            raise ValidationError({"number": error.messages}) from None

    def has_ended(self, on: datetime.date | None = None) -> bool:
        """Whether the organisation no longer exists on `on` (today when not given)."""
        if self.ended_on is None:
            return False
        if on is None:
            from django.utils import timezone

            on = timezone.localdate()
        return self.ended_on < on

    @property
    def county_number(self) -> str:
        return self.number[:2]


class PopulationFigure(models.Model):
    """Population on a reference date, from a named source (SSB)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="population_figures", verbose_name=_("organisasjon")
    )
    reference_date = models.DateField(_("per dato"))
    population = models.PositiveIntegerField(_("folketall"))
    source = models.CharField(_("kilde"), max_length=200)

    # The basis of each member's dues (R3): who changed a figure, and when, is kept.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("folketall")
        verbose_name_plural = _("folketall")
        ordering = ["organisation", "-reference_date"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference_date"], name="population_one_figure_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.population} ({self.reference_date:%d.%m.%Y})"


class MembershipQuerySet(models.QuerySet):
    def current(self) -> MembershipQuerySet:
        """Memberships that are not over: applicants, active and in notice period."""
        return self.exclude(status=Membership.Status.RESIGNED)

    def in_good_standing(self) -> MembershipQuerySet:
        return self.filter(status__in=Membership.GOOD_STANDING)

    def active_on(self, day: datetime.date) -> MembershipQuerySet:
        """Members on `day`: joined on or before it and not yet ended (R3, R5)."""
        return (
            self.filter(joined_on__isnull=False, joined_on__lte=day)
            .exclude(ended_on__isnull=False, ended_on__lte=day)
            .exclude(status=Membership.Status.APPLICANT)
        )


class Membership(models.Model):
    """One organisation's membership, from application to resignation (R1, R5)."""

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Søker")
        ACTIVE = "active", _("Aktiv")
        NOTICE = "notice", _("I oppsigelsestid")
        RESIGNED = "resigned", _("Utmeldt")

    class ApprovingAuthority(models.TextChoices):
        KOMMUNESTYRE = "kommunestyre", _("Kommunestyret / fylkestinget")
        RADMANN = "radmann", _("Rådmann")
        KOMMUNEDIREKTOR = "kommunedirektor", _("Kommunedirektør / fylkesdirektør")

    class NoticeChannel(models.TextChoices):
        PORTAL = "portal", _("Portalen")
        LETTER = "letter", _("Brev")

    class EndReason(models.TextChoices):
        ORGANISATION_ENDED = "organisation_ended", _("Organisasjonen er avviklet")
        CARRIED_OVER = "carried_over", _("Overført til etterfølgeren")

    GOOD_STANDING = (Status.ACTIVE, Status.NOTICE)

    network = models.ForeignKey(
        "members.Network", on_delete=models.PROTECT, related_name="memberships", verbose_name=_("nettverk")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisasjon")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLICANT)
    applied_on = models.DateField(_("søkt"), null=True, blank=True)
    joined_on = models.DateField(_("medlem fra"), null=True, blank=True)

    political_decision_on = models.DateField(_("dato for politisk vedtak"), null=True, blank=True)
    political_decision_body = models.CharField(_("vedtaksorgan"), max_length=120, blank=True)
    political_decision_reference = models.CharField(_("saksnummer for vedtaket"), max_length=60, blank=True)

    agreement_signed_on = models.DateField(_("avtale signert"), null=True, blank=True)
    signatory_name = models.CharField(_("signert av"), max_length=120, blank=True)
    signatory_title = models.CharField(_("tittel til den som signerte"), max_length=120, blank=True)
    approving_authority = models.CharField(
        _("godkjent av"), max_length=20, choices=ApprovingAuthority.choices, blank=True
    )
    agreement_ends_on = models.DateField(_("avtaleperioden utløper"), null=True, blank=True)

    notice_given_on = models.DateField(_("oppsigelse mottatt"), null=True, blank=True)
    notice_effective_on = models.DateField(_("utmelding trer i kraft"), null=True, blank=True)
    notice_signed_by = models.CharField(_("oppsigelse signert av"), max_length=200, blank=True)
    ended_on = models.DateField(_("medlemskap avsluttet"), null=True, blank=True)
    notice_channel = models.CharField(
        _("oppsigelse mottatt via"), max_length=16, choices=NoticeChannel.choices, blank=True
    )
    end_reason = models.CharField(
        _("grunn til at medlemskapet ble avsluttet"), max_length=20, choices=EndReason.choices, blank=True
    )
    carried_over_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_over_to",
        verbose_name=_("overført fra"),
        help_text=_("Medlemskapet til organisasjonen denne tok over etter."),
    )
    role = models.ForeignKey(
        "members.MembershipRoleKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("rolle i nettverket"),
        help_text=_("For eksempel motorkommune eller vertskommune."),
    )
    renewal_reminded_for = models.DateField(
        _("fornyelsesvarsel sendt for avtaleperioden som utløper"),
        null=True,
        blank=True,
        help_text=_("Hindrer at koordinatoren varsles mer enn én gang per avtaleperiode."),
    )

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["organisation__name", "-joined_on"]
        constraints = [
            # One current membership per organisation in each network; several networks at once are fine.
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=~models.Q(status="resigned"),
                name="membership_one_current_per_organisation_and_network",
            ),
            models.CheckConstraint(
                condition=models.Q(status="applicant") | models.Q(joined_on__isnull=False),
                name="membership_member_has_joined_on",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="notice")
                | models.Q(notice_given_on__isnull=False, notice_effective_on__isnull=False),
                name="membership_notice_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"

    def clean(self) -> None:
        super().clean()
        if self.role_id is None:
            return
        role = self.role
        if role.network_id != self.network_id:
            raise ValidationError(
                {"role": _("Rollen «%(role)s» hører til et annet nettverk.") % {"role": role.name}},
                code="role_of_other_network",
            )
        if role.one_per_network and self.status != self.Status.RESIGNED:
            holder = (
                Membership.objects.current().filter(network_id=self.network_id, role=role).exclude(pk=self.pk).first()
            )
            if holder is not None:
                raise ValidationError(
                    {"role": _("%(org)s har allerede rollen «%(role)s» i nettverket.")
                     % {"org": holder.organisation.name, "role": role.name}},
                    code="role_taken",
                )

    @property
    def in_good_standing(self) -> bool:
        return self.status in self.GOOD_STANDING

    @property
    def has_political_decision(self) -> bool:
        return self.political_decision_on is not None


class Person(models.Model):
    """Someone the network deals with: contact persons, representatives, participants."""

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Kvinne")
        MAN = "man", _("Mann")
        OTHER = "other", _("Annet")
        UNKNOWN = "unknown", _("Ukjent")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
        verbose_name=_("organisasjon"),
        help_text=_("Tom for personer utenfor medlemsorganisasjonene, for eksempel fra en avtalepart som ikke er medlem."),
    )
    affiliation = models.CharField(
        _("tilknytning"), max_length=120, blank=True, help_text=_("For personer uten medlemsorganisasjon: avtaleparten de kommer fra.")
    )
    # Names and title: a letter at least, no control or direction-changing characters (R2).
    first_name = models.CharField(_("fornavn"), max_length=100, validators=[validate_name])
    last_name = models.CharField(_("etternavn"), max_length=100, validators=[validate_name])
    title = models.CharField(_("tittel"), max_length=120, blank=True, validators=[validate_name])
    email = models.EmailField(_("e-post"), blank=True)
    phone = PhoneNumberField(
        _("telefon"),
        max_length=30,
        blank=True,
        help_text=_("Norsk nummer uten landskode, eller utenlandsk med landskode (+46 …)."),
    )
    street_address = models.CharField(
        _("adresse"), max_length=200, blank=True, validators=[validate_no_control_characters]
    )
    postal_code = models.CharField(
        _("postnummer"), max_length=4, blank=True, validators=[validate_postal_code], help_text=_("Fire sifre.")
    )
    postal_place = models.CharField(_("poststed"), max_length=80, blank=True, validators=[validate_name])
    gender = models.CharField(_("kjønn"), max_length=8, choices=Gender.choices, default=Gender.UNKNOWN)
    preferred_language = models.CharField(_("språk"), max_length=2, choices=Language.choices, default=Language.NB)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person", verbose_name=_("brukerkonto")
    )
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(Lower("email"), name="person_email_lower")]

    def __str__(self) -> str:
        return self.full_name

    TEXT_FIELDS = ("first_name", "last_name", "title", "street_address", "postal_place")

    def clean(self) -> None:
        super().clean()
        for name in self.TEXT_FIELDS:
            setattr(self, name, normalise_text(getattr(self, name)))
        validate_postal_place_given(postal_code=self.postal_code, postal_place=self.postal_place)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def has_portal_account(self) -> bool:
        """An active login that has been taken into use (a password set, or signed in by code)."""
        user = self.user
        return bool(user and user.is_active and (user.has_usable_password() or user.last_login))


class Invitation(models.Model):
    """An invitation for a contact person to set up a portal account (no self sign-up)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisasjon")
    )
    email = models.EmailField(_("e-post"))
    invited_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("invitert av"),
    )
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    expires_at = models.DateTimeField(_("utløper"))
    accepted_at = models.DateTimeField(_("tatt i bruk"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"

    @property
    def is_pending(self) -> bool:
        from django.utils import timezone

        return self.accepted_at is None and self.expires_at > timezone.now()


from .network_models import Network  # noqa: E402, F401 — networks and their agreements, in their own module
from .role_models import (  # noqa: E402, F401 — contact roles and roles per network, in their own module
    ContactRole,
    ContactRoleKind,
    MembershipRoleKind,
    NoticeAddressee,
)
from .succession_models import Succession  # noqa: E402, F401 — which organisation took over from which
