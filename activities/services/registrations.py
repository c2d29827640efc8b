"""Registrations (R11): sign-up with a waiting list, cancellation by link, and the emails about them.

Every write to registrations goes through here; views, admin, tasks and the demo seeder call these
functions. The Celery tasks that send the emails are at the end (docs/architecture.md: the task pattern).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.links import absolute_url, site_url, using_site_url
from members.emails import sender
from members.models import Organisation, Person, User
from members.networks import using_network

from .. import ical
from ..models import Event, Registration

# The salt keeps its old app name: links in emails already sent must go on working.
CANCEL_SALT = "network.registration.cancel"


class AlreadyRegistered(ValidationError):
    """The person (or email) already has a place or is on the waiting list: said politely, nothing changes."""

    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(
            _("%(email)s er allerede påmeldt «%(event)s». Du trenger ikke melde deg på igjen.")
            % {"email": registration.email or registration.name, "event": registration.event.title},
            code="already_registered",
        )


# --- registration ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationOutcome:
    registration: Registration
    waiting: bool


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _register(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    person: Person | None = None,
    organisation: Organisation | None = None,
    by: User | None = None,
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> RegistrationOutcome:
    now = now or timezone.now()
    email = normalise_email(email)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Skriv inn navnet.")})
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Skriv inn en gyldig e-postadresse.")}) from None
    with transaction.atomic():
        # The event row is the lock: places and the queue are decided one registration at a time.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.is_cancelled:
            raise ValidationError(_("Arrangementet er avlyst."))
        if not locked.registration_open(now):
            raise ValidationError(_("Påmeldingen til «%(event)s» er stengt.") % {"event": locked.title})
        same = Q(pk__in=[])
        if email:
            same |= Q(email__iexact=email)
        if person is not None:
            same |= Q(person=person)
        existing = Registration.objects.select_for_update().filter(event=locked).filter(same).first()
        if existing is not None and existing.status != Registration.Status.CANCELLED:
            raise AlreadyRegistered(existing)
        confirmed = locked.registrations.filter(status=Registration.Status.CONFIRMED).count()
        waiting_exists = locked.registrations.filter(status=Registration.Status.WAITING).exists()
        full = locked.capacity is not None and (confirmed >= locked.capacity or waiting_exists)
        registration = existing or Registration(event=locked)
        registration.person = person
        registration.organisation = organisation
        registration.name = name
        registration.email = email
        registration.organisation_name = organisation_name.strip() if organisation is None else organisation.name
        registration.status = Registration.Status.WAITING if full else Registration.Status.CONFIRMED
        registration.registered_at = now
        registration.registered_by = by
        registration.cancelled_at = None
        registration.confirmation_sent_at = None
        registration.promotion_sent_at = None
        # Related rows are known to exist (we hold them); the database checks constraints on save.
        registration.full_clean(
            exclude=["event", "person", "organisation", "registered_by"],
            validate_unique=False,
            validate_constraints=False,
        )
        registration._history_user = by
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # The database is the last guard against a second registration with the same email.
            raise AlreadyRegistered(
                Registration.objects.filter(event=locked).filter(same).exclude(status="cancelled").first()
                or registration
            ) from None
        if registration.email and notify:
            send_registration_confirmation_task.delay_on_commit(registration.pk, site_url=site_url())
    return RegistrationOutcome(registration=registration, waiting=registration.status == Registration.Status.WAITING)


def register_publicly(
    *,
    event: Event,
    name: str,
    email: str,
    organisation_name: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> RegistrationOutcome:
    """Registration without an account, for open events (Bærekraftsfredag). One per email per event."""
    if not event.is_open:
        raise ValidationError(_("Dette arrangementet er bare for medlemmer."))
    if not normalise_email(email):
        raise ValidationError({"email": _("Skriv inn e-postadressen din.")})
    person = (
        Person.objects.filter(email__iexact=normalise_email(email), anonymised_at__isnull=True)
        .select_related("organisation")
        .first()
    )
    return _register(
        event=event,
        name=name,
        email=email,
        organisation_name=organisation_name,
        person=person,
        organisation=person.organisation if person and person.organisation_id else None,
        now=now,
        notify=notify,
    )


def register_person(
    *, event: Event, person: Person, by: User | None, now: datetime.datetime | None = None, notify: bool = True
) -> RegistrationOutcome:
    """A member contact registers someone of their own organisation (the view checks it is theirs)."""
    return _register(
        event=event,
        name=person.full_name,
        email=person.email,
        person=person,
        organisation=person.organisation,
        by=by,
        now=now,
        notify=notify,
    )


def register_colleague(
    *,
    event: Event,
    organisation: Organisation,
    name: str,
    email: str,
    by: User | None,
    now: datetime.datetime | None = None,
) -> RegistrationOutcome:
    """A member contact registers a colleague who is not yet in the register, by name and email."""
    if not normalise_email(email):
        raise ValidationError({"email": _("Skriv inn e-postadressen til kollegaen.")})
    person = Person.objects.filter(
        organisation=organisation, email__iexact=normalise_email(email), anonymised_at__isnull=True
    ).first()
    if person is not None:
        return register_person(event=event, person=person, by=by, now=now)
    return _register(event=event, name=name, email=email, organisation=organisation, by=by, now=now)


def promote_waiting_list(event: Event) -> list[Registration]:
    """Give free places to the first on the waiting list. The caller holds the event's row lock."""
    if event.capacity is None:
        waiting = list(event.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk"))
    else:
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        free = max(event.capacity - confirmed, 0)
        waiting = list(
            event.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk")[:free]
        )
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        if registration.email:
            send_waiting_list_promotion_task.delay_on_commit(registration.pk, site_url=site_url())
    return waiting


@transaction.atomic
def cancel_registration(*, registration: Registration, by: User | None = None) -> Registration | None:
    """Cancel a place; the first on the waiting list gets it. Returns who moved up, if anyone.

    Cancelling twice is harmless: the second time nothing changes.
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.status == Registration.Status.CANCELLED:
        return None
    locked.status = Registration.Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked._history_user = by
    locked.save(update_fields=["status", "cancelled_at"])
    promoted = promote_waiting_list(event)
    return promoted[0] if promoted else None


def cancel_token(registration: Registration) -> str:
    """A signed token for the cancel link in the confirmation email."""
    return signing.dumps({"r": registration.pk, "e": registration.email}, salt=CANCEL_SALT)


def registration_from_token(token: str) -> Registration | None:
    """The registration a cancel link points at, or None for a forged or stale link."""
    try:
        data = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    registration = Registration.objects.select_related("event").filter(pk=data.get("r")).first()
    if registration is None or registration.email != data.get("e"):
        return None
    return registration


def cancel_url(registration: Registration) -> str:
    with using_network(registration.event.network):  # the link points into the event's network
        return absolute_url(reverse("activities:registration_cancel", args=[cancel_token(registration)]))


def allow_public_attempt(*, client_key: str, now: float | None = None) -> bool:
    """Rate limit on public registration, kept in the cache: at most N attempts per window per client."""
    limit, window = getattr(settings, "ACTIVITIES_PUBLIC_REGISTRATION_RATE", (10, 600))
    key = f"network:public-registration:{client_key}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return True
    return count <= limit


# --- emails ---------------------------------------------------------------------------------


def _language_for(registration: Registration) -> str:
    if registration.person_id and registration.person.preferred_language:
        return registration.person.preferred_language
    return settings.LANGUAGE_CODE


def _send_registration_email(registration: Registration, *, template: str, with_cancel_link: bool = True) -> None:
    """The e-mail about one registration; its links point into the event's network."""
    with translation.override(_language_for(registration)), using_network(registration.event.network):
        context = {
            "registration": registration,
            "event": registration.event,
            "network": registration.event.network,
            "cancel_url": cancel_url(registration) if with_cancel_link else "",
            "event_url": absolute_url(reverse("activities:event_detail", args=[registration.event_id])),
        }
        subject = render_to_string(f"activities/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"activities/email/{template}.txt", context)
        message = EmailMessage(
            subject=subject, body=body, from_email=sender(registration.event.network), to=[registration.email]
        )
        message.attach(
            "arrangement.ics",
            ical.calendar(
                [registration.event],
                name=context["network"].name,
                method="PUBLISH",
                with_video_links=True,
            ),
            "text/calendar",
        )
        message.send()


def send_registration_confirmation(*, registration_id: int) -> bool:
    """Email the confirmation (or waiting-list notice) once, with a cancel link and a .ics file."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.confirmation_sent_at or not registration.email:
            return False
        if registration.status == Registration.Status.CANCELLED:
            return False
        template = "waiting" if registration.status == Registration.Status.WAITING else "confirmation"
        _send_registration_email(registration, template=template)
        registration.confirmation_sent_at = timezone.now()
        registration.save(update_fields=["confirmation_sent_at"])
    return True


def send_waiting_list_promotion(*, registration_id: int) -> bool:
    """Tell someone who moved up from the waiting list that they have a place. Once."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.promotion_sent_at or not registration.email:
            return False
        if registration.status != Registration.Status.CONFIRMED:
            return False
        _send_registration_email(registration, template="promoted")
        registration.promotion_sent_at = timezone.now()
        registration.save(update_fields=["promotion_sent_at"])
    return True


def send_event_cancelled(*, registration_id: int) -> bool:
    """Tell someone registered (or waiting) that the event is cancelled. Once."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("event", "person")
            .filter(pk=registration_id)
            .first()
        )
        if registration is None or registration.event_cancelled_sent_at or not registration.email:
            return False
        if not registration.event.is_cancelled or registration.status == Registration.Status.CANCELLED:
            return False
        _send_registration_email(registration, template="cancelled", with_cancel_link=False)
        registration.event_cancelled_sent_at = timezone.now()
        registration.save(update_fields=["event_cancelled_sent_at"])
    return True


# --- Celery tasks: thin, idempotent wrappers around the emails above, each takes an id (docs/architecture.md) ---
# Registered under their names from before they moved here (activities/tasks.py gathers them).


@shared_task(
    name="network.tasks.send_registration_confirmation",
    bind=True,
    max_retries=5,
    acks_late=True,
    default_retry_delay=60,
)
def send_registration_confirmation_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Confirmation (or waiting-list notice) with a cancel link and a .ics file; sent once."""
    try:
        with using_site_url(site_url):
            send_registration_confirmation(registration_id=registration_id)
    except OSError as error:  # SMTP down: try again later
        raise self.retry(exc=error) from error


@shared_task(
    name="network.tasks.send_waiting_list_promotion", bind=True, max_retries=5, acks_late=True, default_retry_delay=60
)
def send_waiting_list_promotion_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell someone who moved up from the waiting list that they have a place; sent once."""
    try:
        with using_site_url(site_url):
            send_waiting_list_promotion(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error


@shared_task(
    name="network.tasks.send_event_cancelled", bind=True, max_retries=5, acks_late=True, default_retry_delay=60
)
def send_event_cancelled_task(self, registration_id: int, site_url: str | None = None) -> None:
    """Tell one registered person that the event is cancelled; sent once."""
    try:
        with using_site_url(site_url):
            send_event_cancelled(registration_id=registration_id)
    except OSError as error:
        raise self.retry(exc=error) from error
