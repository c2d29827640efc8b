"""Invitations: the only way into the portal (no self sign-up). R2, R12."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from celery import shared_task
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.links import absolute_url, site_url, using_site_url

from ..emails import send_templated_mail
from ..models import ContactRole, Invitation, Organisation, Person, User

INVITATION_SALT = "members.invitation"


def invitation_days() -> int:
    return getattr(settings, "MEMBERS_INVITATION_DAYS", 14)


def invitation_token(invitation: Invitation) -> str:
    """A signed token carrying the invitation id; it cannot be guessed or altered."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return absolute_url(reverse("members:accept_invitation", args=[invitation_token(invitation)]))


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation the token names, if the signature holds and it is still open, else None."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=datetime.timedelta(days=invitation_days()))
    except signing.BadSignature:
        return None
    invitation = Invitation.objects.select_related("person", "organisation").filter(pk=pk).first()
    if invitation is None or not invitation.is_pending:
        return None
    return invitation


def _prepare_account(person: Person, *, by: User | None) -> User:
    """The invited person's login, ready for login by code before any password is set.

    The address counts as verified only when the person proves it: by the invitation link
    or by a login code sent to it (allauth verifies it then).
    """
    user = person.user or User.objects.filter(email__iexact=person.email).first()
    if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(_("E-postadressen brukes allerede av en annen person."))
    if user is None:
        user = User(email=person.email.lower(), first_name=person.first_name[:150], last_name=person.last_name[:150])
        user.set_unusable_password()
    user.is_active = True
    user.save()
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email).exists():
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)
    if person.user_id != user.pk:
        person.user = user
        person._history_user = by
        person.save(update_fields=["user"])
    return user


@transaction.atomic
def invite_person(*, person: Person, organisation: Organisation, by: User | None = None) -> Invitation:
    """Invite a contact person of `organisation` to set up their portal account."""
    if not ContactRole.objects.filter(person=person, organisation=organisation).exists():
        raise ValidationError(_("Bare kontaktpersoner for organisasjonen kan inviteres."))
    if not person.email:
        raise ValidationError(_("Personen mangler e-postadresse."))
    if person.anonymised_at:
        raise ValidationError(_("Personen er anonymisert."))
    if person.has_portal_account:
        raise ValidationError(_("%(name)s har allerede en brukerkonto.") % {"name": person.full_name})
    _prepare_account(person, by=by)
    invitation = Invitation.objects.create(
        person=person,
        organisation=organisation,
        email=person.email.lower(),
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=invitation_days()),
    )
    send_invitation.delay_on_commit(invitation.pk, site_url=site_url())
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, password: str) -> User:
    """Set up the account: the password is set, the email counts as verified, the user is linked."""
    invitation = Invitation.objects.select_for_update().select_related("person").get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError(_("Invitasjonen er brukt eller utløpt. Be om en ny."))
    person = Person.objects.select_for_update().get(pk=invitation.person_id)
    user = person.user or User.objects.filter(email__iexact=invitation.email).first()
    if user is not None and Person.objects.filter(user=user).exclude(pk=person.pk).exists():
        raise ValidationError(_("E-postadressen brukes allerede av en annen person."))
    if user is None:
        user = User(email=invitation.email)
    user.first_name, user.last_name = person.first_name[:150], person.last_name[:150]
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).update(primary=False)
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email}
    )
    address.verified = True
    address.primary = True
    address.save()
    if person.user_id != user.pk:
        person.user = user
        person._history_user = user
        person.save(update_fields=["user"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user


def deliver_invitation(*, invitation_id: int) -> None:
    """The invitation email with its link (sent after commit by send_invitation); none once it is used or expired."""
    invitation = Invitation.objects.select_related("person", "organisation", "invited_by").get(pk=invitation_id)
    if not invitation.is_pending:
        return
    send_templated_mail(
        template="invitation",
        context={
            "invitation": invitation,
            "person": invitation.person,
            "organisation": invitation.organisation,
            "url": invitation_url(invitation),
            "days": invitation_days(),
        },
        to=[invitation.email],
        language=invitation.person.preferred_language,
    )


# --- Celery task: a thin, idempotent wrapper around deliver_invitation (docs/architecture.md) ---


@shared_task(name="members.send_invitation", bind=True, max_retries=5, acks_late=True)
def send_invitation(self, invitation_id: int, site_url: str | None = None) -> None:
    with using_site_url(site_url):
        deliver_invitation(invitation_id=invitation_id)
