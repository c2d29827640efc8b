"""Activities (R11): events, registrations, attendance, participant lists and the yearly targets.

Attendance at a physical gathering counts for the yearly obligations (R6, read in network.obligations).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Network, Organisation, Person, User
from members.networks import default_network_id as _first_network_id


def default_network_id() -> int:
    """The network an event joins when its maker names none: the first (`default_network()`)."""
    return _first_network_id()


class ActivityTargets(models.Model):
    """How many activities a network aims for each year (mandate «Aktiviteter»), as data: one row per network."""

    network = models.OneToOneField(
        Network, verbose_name=_("nettverk"), on_delete=models.PROTECT, related_name="activity_targets"
    )
    # Empty: the network's agreement sets no target for that kind (a KSF cluster has none of these). The first
    # network's figures came from its mandate with the data (migration 0001), never from defaults here.
    physical_gatherings_per_year = models.PositiveSmallIntegerField(
        _("fysiske nettverkssamlinger per år"), null=True, blank=True, help_text=_("Tomt: ikke noe mål.")
    )
    member_meetings_per_year = models.PositiveSmallIntegerField(
        _("digitale medlemsmøter per år"), null=True, blank=True, help_text=_("Tomt: ikke noe mål.")
    )
    baerekraftsfredager_per_year = models.PositiveSmallIntegerField(
        _("bærekraftsfredager per år"), null=True, blank=True, help_text=_("Tomt: ikke noe mål.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitetsmål")
        verbose_name_plural = _("aktivitetsmål")

    def __str__(self) -> str:
        return str(_("Aktivitetsmål"))

    @classmethod
    def for_network(cls, network: Network) -> ActivityTargets:
        """The targets of `network`, made without any the first time they are asked for."""
        targets, _created = cls.objects.get_or_create(network=network)
        return targets


class EventQuerySet(models.QuerySet):
    def not_cancelled(self) -> EventQuerySet:
        return self.filter(cancelled_at__isnull=True)

    def open_to_public(self) -> EventQuerySet:
        return self.filter(audience=Event.Audience.OPEN)

    def upcoming(self, now=None) -> EventQuerySet:
        return self.filter(ends_at__gte=now or timezone.now())

    def in_year(self, year: int) -> EventQuerySet:
        """Events that start in `year`, counted in Norwegian time."""
        return self.filter(starts_at__year=year)

    def physical_gatherings(self) -> EventQuerySet:
        return self.filter(kind=Event.Kind.GATHERING)


class Event(models.Model):
    """A gathering, member meeting, Bærekraftsfredag or joint initiative (R11)."""

    class Kind(models.TextChoices):
        GATHERING = "gathering", _("Fysisk nettverkssamling")
        MEMBER_MEETING = "member_meeting", _("Digitalt medlemsmøte")
        BAEREKRAFTSFREDAG = "baerekraftsfredag", _("Bærekraftsfredag")
        JOINT_INITIATIVE = "joint_initiative", _("Felles initiativ")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Kun medlemmer")
        OPEN = "open", _("Åpent for alle")

    network = models.ForeignKey(
        Network, verbose_name=_("nettverk"), on_delete=models.PROTECT, default=default_network_id, related_name="events"
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("tittel"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    place = models.CharField(_("sted"), max_length=200, blank=True)
    video_url = models.URLField(_("videolenke"), blank=True)
    registration_deadline = models.DateTimeField(_("påmeldingsfrist"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("antall plasser"), null=True, blank=True, help_text=_("Tomt betyr ubegrenset. Når det er fullt, settes nye på venteliste.")
    )
    audience = models.CharField(_("målgruppe"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS)
    cancelled_at = models.DateTimeField(_("avlyst"), null=True, blank=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementer")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=models.Q(registration_deadline__isnull=True)
                | models.Q(registration_deadline__lte=models.F("ends_at")),
                name="event_deadline_before_end",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gt=0), name="event_capacity_positive"
            ),
        ]
        indexes = [models.Index(fields=["kind", "starts_at"], name="event_kind_start")]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d.%m.%Y})"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Slutt må være etter start.")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("Påmeldingsfristen må være før arrangementet slutter.")
        if self.kind == self.Kind.BAEREKRAFTSFREDAG and not self.video_url and not self.place:
            errors["video_url"] = _("En bærekraftsfredag er digital: legg inn videolenken.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.audience == self.Audience.OPEN

    @property
    def is_physical_gathering(self) -> bool:
        return self.kind == self.Kind.GATHERING

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled or now >= self.ends_at:
            return False
        return self.registration_deadline is None or now <= self.registration_deadline


class Registration(models.Model):
    """One person's place (or place in the queue) at an event.

    Member contacts register people of their own organisation (person and organisation set);
    the public registers with name, email and an organisation as free text.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Påmeldt")
        WAITING = "waiting", _("Venteliste")
        CANCELLED = "cancelled", _("Avmeldt")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("arrangement"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="event_registrations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("medlemsorganisasjon"),
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    organisation_name = models.CharField(_("organisasjon"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED)
    registered_at = models.DateTimeField(_("påmeldt"), default=timezone.now)
    registered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("påmeldt av")
    )
    cancelled_at = models.DateTimeField(_("avmeldt"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(_("bekreftelse sendt"), null=True, blank=True)
    promotion_sent_at = models.DateTimeField(_("melding om plass sendt"), null=True, blank=True)
    event_cancelled_sent_at = models.DateTimeField(_("melding om avlysning sendt"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("påmelding")
        verbose_name_plural = _("påmeldinger")
        ordering = ["event", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), condition=~models.Q(email=""), name="registration_one_per_email_per_event"
            ),
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=models.Q(person__isnull=False),
                name="registration_one_per_person_per_event",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | models.Q(cancelled_at__isnull=False),
                name="registration_cancelled_has_time",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Attendance(models.Model):
    """Someone came to an event. The organisation is what counts for the obligations (R6)."""

    class Source(models.TextChoices):
        CHECK_IN = "check_in", _("Innsjekking")
        IMPORT = "import", _("Deltakerliste (CSV)")
        MANUAL = "manual", _("Manuell kobling")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("arrangement"))
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances", verbose_name=_("person")
    )
    registration = models.OneToOneField(
        Registration,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendance",
        verbose_name=_("påmelding"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("medlemsorganisasjon"),
    )
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    source = models.CharField(_("kilde"), max_length=10, choices=Source.choices)
    recorded_at = models.DateTimeField(_("registrert"), default=timezone.now)
    recorded_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("registrert av")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøter")
        ordering = ["event", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], condition=models.Q(person__isnull=False), name="attendance_once_per_person"
            ),
            models.UniqueConstraint(
                "event", Lower("email"), condition=~models.Q(email=""), name="attendance_once_per_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"


class ParticipantImport(models.Model):
    """One uploaded participant list (CSV) for an event."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="participant_imports", verbose_name=_("arrangement"))
    file_name = models.CharField(_("filnavn"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("importert"), default=timezone.now)
    imported_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("importert av")
    )
    row_count = models.PositiveIntegerField(_("antall rader"), default=0)
    matched_count = models.PositiveIntegerField(_("koblet automatisk"), default=0)

    class Meta:
        verbose_name = _("import av deltakerliste")
        verbose_name_plural = _("importer av deltakerlister")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.event} – {self.file_name}"


class ParticipantRow(models.Model):
    """A row of an imported participant list that matched no one: kept until someone decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Til behandling")
        MATCHED = "matched", _("Koblet")
        DISMISSED = "dismissed", _("Avvist")

    participant_import = models.ForeignKey(
        ParticipantImport, on_delete=models.CASCADE, related_name="rows", verbose_name=_("import")
    )
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="participant_rows", verbose_name=_("arrangement"))
    line_number = models.PositiveIntegerField(_("linje"))
    name = models.CharField(_("navn"), max_length=200, blank=True)
    email = models.CharField(_("e-post"), max_length=254, blank=True)
    organisation_name = models.CharField(_("organisasjon"), max_length=200, blank=True)
    reason = models.CharField(_("årsak"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attendance = models.ForeignKey(
        Attendance, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("oppmøte")
    )
    resolved_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("behandlet av")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uavklart deltakerrad")
        verbose_name_plural = _("uavklarte deltakerrader")
        ordering = ["event", "line_number", "pk"]

    def __str__(self) -> str:
        return f"{self.name or self.email} ({self.get_status_display()})"


# --- obligations: the autumn attendance reminder


class AttendanceReminder(models.Model):
    """A member of a network was reminded, this year, that no representative has attended one of the
    network's gatherings yet (R6): once a year in each network it is a member of."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+", verbose_name=_("nettverk"))
    year = models.PositiveSmallIntegerField(_("år"))
    event = models.ForeignKey("Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("samling"))
    recipients = models.TextField(_("mottakere"), blank=True)
    sent_at = models.DateTimeField(_("sendt"), auto_now_add=True)

    class Meta:
        verbose_name = _("påminnelse om samling")
        verbose_name_plural = _("påminnelser om samling")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "network", "year"], name="activities_one_attendance_reminder_per_network_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"
