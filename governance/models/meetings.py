"""Meetings, cases with NN/YY numbers, decisions and minutes (R8).

A case gets its number `NN/YY` when it is first put on an agenda, from one locked counter row
per body and year (`CaseNumberSeries`); the `UniqueConstraint` on (body, year, number) is the
last guard. A number is never reused: a case that moves to a later meeting keeps it, and a
withdrawn case keeps it too.
"""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import User

from ..links import reverse_in_network
from .bodies import Body, BodyKind

__all__ = [
    "Meeting",
    "CaseNumberSeries",
    "Case",
    "CalendarToken",
    "render_markdown",
    "format_case_number",
]


# --- helpers ----------------------------------------------------------------------------------

_MARKDOWN_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip


def render_markdown(text: str) -> SafeString:
    """Markdown as HTML that is safe to show: only a small set of tags, no scripts or attributes."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    # Headings are demoted by the templates' own structure: h1/h2 from authors become plain text.
    cleaned = nh3.clean(
        html,
        tags=_MARKDOWN_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def format_case_number(year: int | None, number: int | None) -> str:
    """`07/24` for the 7th case of 2024; empty for a case not yet on an agenda."""
    if year is None or number is None:
        return ""
    return f"{number:02d}/{year % 100:02d}"


def private_storage() -> FileSystemStorage:
    """Case attachments live outside MEDIA_ROOT: they are served only through a view that checks access."""
    return PrivateFileStorage()


class PrivateFileStorage(FileSystemStorage):
    """A file system storage under settings.PRIVATE_MEDIA_ROOT (read on every use, so tests can move it)."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or Path(settings.MEDIA_ROOT).parent / "private-media"
        return str(root)

    @property
    def location(self) -> str:  # type: ignore[override]
        return str(Path(self.base_location).resolve())

    def url(self, name):  # never a public URL
        raise ValueError("Private files have no public URL; use the download view.")

    def deconstruct(self):
        return ("governance.models.meetings.PrivateFileStorage", (), {})


# --- meetings -----------------------------------------------------------------------------------


def minutes_final_error() -> ValidationError:
    return ValidationError(
        _(
            "Protokollen er publisert og kan verken endres eller slettes. "
            "En rettelse må behandles som en sak i et senere møte."
        ),
        code="minutes_final",
    )


# What the published minutes show of the meeting itself; with published minutes these never change.
# Status and the approval fields still move on (held -> minutes approved): the approval is a later event.
MINUTES_FIELDS = (
    "body",
    "date",
    "starts_at",
    "ends_at",
    "place",
    "video_link",
    "other_attendees",
    "minutes_notes",
    "minutes_published_at",
)


def _network_id_of(row) -> int | None:
    """The network of a meeting's or case's body when the body is loaded; None (the active network) if not,
    so that a link costs no query."""
    body = row._state.fields_cache.get("body")
    return body.network_id if body is not None else None


class MeetingQuerySet(models.QuerySet):
    def minutes_published(self) -> MeetingQuerySet:
        """Meetings whose minutes are published: the minutes are a record from then on (R8)."""
        return self.filter(minutes_published_at__isnull=False)

    # Bulk writes skip Meeting.save(); they are refused here when they touch published minutes
    # (bulk_update goes through update()). The PostgreSQL trigger of migration 0007 also stops raw SQL.
    def update(self, **kwargs):
        touched = {self.model._meta.get_field(name).name for name in kwargs}
        if touched & set(MINUTES_FIELDS) and self.minutes_published().exists():
            raise minutes_final_error()
        return super().update(**kwargs)

    def delete(self):
        if self.minutes_published().exists():
            raise minutes_final_error()
        return super().delete()

    def of_steering_group(self) -> MeetingQuerySet:
        return self.filter(body__kind=BodyKind.STEERING_GROUP)

    def counted(self) -> MeetingQuerySet:
        """Meetings that count towards the 4–5 a year: planned or held, not cancelled (R7)."""
        return self.exclude(status=Meeting.Status.CANCELLED)


class Meeting(models.Model):
    """A meeting of the steering group (or of a working group): when, where, and how far it has come."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        AGENDA_PUBLISHED = "agenda_published", _("Saksliste publisert")
        HELD = "held", _("Avholdt")
        MINUTES_APPROVED = "minutes_approved", _("Protokoll godkjent")
        CANCELLED = "cancelled", _("Avlyst")

    body = models.ForeignKey(
        Body,
        verbose_name=_("organ"),
        on_delete=models.PROTECT,
        related_name="meetings",
        limit_choices_to={"kind__in": [BodyKind.STEERING_GROUP, BodyKind.WORKING_GROUP]},
    )
    date = models.DateField(_("dato"))
    starts_at = models.TimeField(_("starter"))
    ends_at = models.TimeField(_("slutter"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    video_link = models.URLField(_("videolenke"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    agenda_published_at = models.DateTimeField(_("saksliste publisert"), null=True, blank=True)
    agenda_notified_at = models.DateTimeField(_("styringsgruppen varslet"), null=True, blank=True)
    held_at = models.DateTimeField(_("markert avholdt"), null=True, blank=True)
    other_attendees = models.TextField(
        _("andre til stede"), blank=True, help_text=_("For eksempel nettverkskoordinator, gjester, referent.")
    )
    minutes_notes = models.TextField(_("merknader i protokollen"), blank=True)
    minutes_published_at = models.DateTimeField(_("protokoll publisert"), null=True, blank=True)
    minutes_approved_at = models.DateTimeField(_("protokoll godkjent"), null=True, blank=True)
    minutes_approved_in = models.ForeignKey(
        "self",
        verbose_name=_("protokoll godkjent i møtet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes_of",
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="governance_meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""),
                name="governance_meeting_has_place_or_video",
            ),
        ]
        indexes = [models.Index(fields=["body", "date"], name="governance_meeting_body_date")]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        # The stored row decides, not this instance: clearing minutes_published_at must not unlock it.
        if not self._state.adding and self.pk is not None:
            stored = Meeting.objects.filter(pk=self.pk).minutes_published().values(*_minutes_attnames()).first()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                update_fields = {self._meta.get_field(name).attname for name in update_fields}
            if stored is not None and any(
                getattr(self, attname) != stored[attname]
                for attname in stored
                if update_fields is None or attname in update_fields
            ):
                raise minutes_final_error()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The meeting's page in its body's network (when the body is loaded; else the active network's)."""
        return reverse_in_network(_network_id_of(self), "meetings:meeting_detail", pk=self.pk)

    def delete(self, *args, **kwargs):
        if self.pk is not None and Meeting.objects.filter(pk=self.pk).minutes_published().exists():
            raise minutes_final_error()
        return super().delete(*args, **kwargs)

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None

    @property
    def minutes_are_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def is_closed_for_agenda(self) -> bool:
        """Held, approved or cancelled meetings take no more cases."""
        return self.status in (self.Status.HELD, self.Status.MINUTES_APPROVED, self.Status.CANCELLED)

    def starts(self) -> datetime.datetime:
        from django.utils import timezone

        return timezone.make_aware(datetime.datetime.combine(self.date, self.starts_at))

    def ends(self) -> datetime.datetime:
        from django.utils import timezone

        if self.ends_at:
            return timezone.make_aware(datetime.datetime.combine(self.date, self.ends_at))
        return self.starts() + datetime.timedelta(hours=2)


def _minutes_attnames() -> list[str]:
    return [Meeting._meta.get_field(name).attname for name in MINUTES_FIELDS]


# --- cases --------------------------------------------------------------------------------------


class CaseNumberSeries(models.Model):
    """The last case number given in a body's year: the row that is locked to give the next one."""

    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    last_number = models.PositiveIntegerField(_("siste saksnummer"), default=0)

    class Meta:
        verbose_name = _("saksnummerserie")
        verbose_name_plural = _("saksnummerserier")
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="governance_case_series_per_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}: {self.last_number}"


def final_decision_error() -> ValidationError:
    return ValidationError(
        _(
            "Vedtaket er endelig fordi protokollen er publisert, og kan verken endres eller slettes. "
            "En rettelse må behandles som en ny sak."
        ),
        code="decision_final",
    )


class CaseQuerySet(models.QuerySet):
    def final(self) -> CaseQuerySet:
        """Decided cases of meetings whose minutes are published: these decisions never change (R8)."""
        return self.filter(status=Case.Status.DECIDED, meeting__minutes_published_at__isnull=False)

    # Bulk writes skip Case.save(); they are refused here for final decisions (bulk_update goes
    # through update()). The PostgreSQL trigger of migration 0006 also stops raw SQL.
    def update(self, **kwargs):
        if self.final().exists():
            raise final_decision_error()
        return super().update(**kwargs)

    def delete(self):
        if self.final().exists():
            raise final_decision_error()
        return super().delete()


class Case(models.Model):
    """A case (sak) for a meeting: background, proposed decision and, after the meeting, the decision.

    Once decided and the minutes are published, the case is final: save(), delete() and queryset
    writes refuse (ValidationError), and on PostgreSQL a trigger refuses raw SQL too. Corrections
    are a new case, like a credit note for an invoice.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Ikke satt på saksliste")
        ON_AGENDA = "on_agenda", _("Til behandling")
        DECIDED = "decided", _("Vedtatt")
        WITHDRAWN = "withdrawn", _("Trukket")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Medlemmene")
        STEERING_GROUP = "steering_group", _("Kun styringsgruppen (fortrolig)")

    body = models.ForeignKey(Body, verbose_name=_("organ"), on_delete=models.PROTECT, related_name="cases")
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("møte"), on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    year = models.PositiveSmallIntegerField(_("saksår"), null=True, blank=True, editable=False)
    number = models.PositiveIntegerField(_("saksnummer"), null=True, blank=True, editable=False)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("tittel"), max_length=200)
    background = models.TextField(
        _("bakgrunn"), blank=True, help_text=_("Markdown: **fet**, *kursiv*, lister med - og lenker.")
    )
    proposed_decision = models.TextField(_("forslag til vedtak"), blank=True)
    decision = models.TextField(_("vedtak"), blank=True)
    presenter = models.CharField(_("saksansvarlig"), max_length=200, blank=True)
    visibility = models.CharField(_("synlighet"), max_length=16, choices=Visibility.choices, default=Visibility.MEMBERS)
    approves_minutes_of = models.OneToOneField(
        Meeting,
        verbose_name=_("godkjenner protokollen fra"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_case",
        editable=False,
    )
    withdrawn_at = models.DateTimeField(_("trukket"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("vedtatt"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "number", "pk"]
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "number"], name="governance_case_number_unique"),
            models.CheckConstraint(
                condition=Q(meeting__isnull=True, year__isnull=True, number__isnull=True, status="draft")
                | Q(meeting__isnull=False, year__isnull=False, number__gte=1) & ~Q(status="draft"),
                name="governance_case_numbered_when_on_agenda",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | ~Q(decision=""),
                name="governance_case_decided_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["year", "number"], name="governance_case_year_number")]

    def __str__(self) -> str:
        return f"{self.number_label} {self.title}".strip()

    def save(self, *args, **kwargs):
        # The stored row decides, not this instance: changing status back must not unlock it.
        if not self._state.adding and self.pk is not None and Case.objects.filter(pk=self.pk).final().exists():
            raise final_decision_error()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The case's page in its body's network: the register entry once decided, else its place on the agenda."""
        network_id = _network_id_of(self)
        if self.status == self.Status.DECIDED and self.body.kind == BodyKind.STEERING_GROUP:
            return reverse_in_network(network_id, "meetings:decision_detail", year=self.year, number=self.number)
        if self.meeting_id:
            return f"{reverse_in_network(network_id, 'meetings:meeting_detail', pk=self.meeting_id)}#sak-{self.pk}"
        return reverse_in_network(network_id, "meetings:case_edit", pk=self.pk)

    def delete(self, *args, **kwargs):
        if self.pk is not None and Case.objects.filter(pk=self.pk).final().exists():
            raise final_decision_error()
        return super().delete(*args, **kwargs)

    @property
    def number_label(self) -> str:
        return format_case_number(self.year, self.number)

    @property
    def decision_is_final(self) -> bool:
        """Decided, and the minutes are published: read-only for good."""
        return self.status == self.Status.DECIDED and bool(self.meeting_id and self.meeting.minutes_published_at)

    @property
    def is_confidential(self) -> bool:
        return self.visibility == self.Visibility.STEERING_GROUP

    @cached_property
    def background_html(self) -> SafeString:
        return render_markdown(self.background)


def _attachment_path(instance: models.Model, filename: str) -> str:
    """Where a case attachment (governance.models.attachments) is stored: under its case, unguessable."""
    token = secrets.token_hex(8)
    return f"cases/{instance.case_id}/{token}/{Path(filename).name}"


class CalendarToken(models.Model):
    """The secret in a user's private calendar-feed URL; a new one makes the old URL stop working."""

    user = models.OneToOneField(
        User, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="meeting_calendar_token"
    )
    token = models.CharField(_("nøkkel"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalendernøkkel")
        verbose_name_plural = _("kalendernøkler")

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)
