"""Actions on organisations, memberships and contact persons. Every write goes through here."""

from __future__ import annotations

import datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AgreementTerms, ContactRole, Membership, Organisation, Person, User
from .signals import membership_activated


def agreement_end(signed_on: datetime.date, *, years: int | None = None) -> datetime.date:
    """The agreement runs `years` (three) years from signing (agreement §11, R1)."""
    years = AgreementTerms.current().agreement_years if years is None else years
    return signed_on + relativedelta(years=years)


@transaction.atomic
def activate_membership(
    *,
    organisation: Organisation,
    joined_on: datetime.date,
    political_decision_on: datetime.date | None,
    political_decision_body: str = "",
    political_decision_reference: str = "",
    agreement_signed_on: datetime.date | None = None,
    signatory_name: str = "",
    signatory_title: str = "",
    approving_authority: str = "",
    by: User | None = None,
) -> Membership:
    """Make an organisation a member from `joined_on`, recording the decision and agreement (R1)."""
    membership = (
        Membership.objects.select_for_update().filter(organisation=organisation).current().first()
    )
    if membership is None:
        membership = Membership(organisation=organisation, applied_on=joined_on)
    elif membership.status != Membership.Status.APPLICANT:
        raise ValidationError(_("%(name)s er allerede medlem.") % {"name": organisation.name})
    membership.status = Membership.Status.ACTIVE
    membership.joined_on = joined_on
    membership.political_decision_on = political_decision_on
    membership.political_decision_body = political_decision_body
    membership.political_decision_reference = political_decision_reference
    membership.agreement_signed_on = agreement_signed_on
    membership.signatory_name = signatory_name
    membership.signatory_title = signatory_title
    membership.approving_authority = approving_authority
    membership.agreement_ends_on = agreement_end(agreement_signed_on) if agreement_signed_on else None
    membership.full_clean()
    membership._history_user = by
    membership.save()
    membership_activated.send(
        sender=Membership, organisation=organisation, membership=membership, joined_on=joined_on, by=by
    )
    return membership


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "email",
    "phone",
    "street_address",
    "postal_code",
    "postal_place",
    "gender",
    "preferred_language",
)


@transaction.atomic
def add_contact(
    *, organisation: Organisation, person_data: dict[str, Any], make_primary: bool = False, by: User | None = None
) -> ContactRole:
    """Name a new contact person for the organisation. The first contact is the primary one (R2)."""
    person = Person(organisation=organisation, **{k: v for k, v in person_data.items() if k in PERSON_FIELDS})
    person.full_clean()
    person._history_user = by
    person.save()
    # Lock the organisation so two simultaneous first contacts cannot both become primary.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    has_primary = ContactRole.objects.filter(organisation=organisation, is_primary=True).exists()
    role = ContactRole(organisation=organisation, person=person, is_primary=not has_primary)
    role._history_user = by
    role.save()
    if make_primary and has_primary:
        set_primary_contact(role=role, by=by)
    return role


@transaction.atomic
def set_primary_contact(*, role: ContactRole, by: User | None = None) -> ContactRole:
    """Make `role` the organisation's one primary contact (R2)."""
    Organisation.objects.select_for_update().get(pk=role.organisation_id)
    for other in ContactRole.objects.filter(organisation_id=role.organisation_id, is_primary=True).exclude(
        pk=role.pk
    ):
        other.is_primary = False
        other._history_user = by
        other.save(update_fields=["is_primary"])
    role.is_primary = True
    role._history_user = by
    role.save(update_fields=["is_primary"])
    return role


@transaction.atomic
def remove_contact(*, role: ContactRole, by: User | None = None) -> None:
    """Remove a contact person; the last one cannot go, and a removed primary hands over (R2)."""
    Organisation.objects.select_for_update().get(pk=role.organisation_id)
    others = ContactRole.objects.filter(organisation_id=role.organisation_id).exclude(pk=role.pk)
    if not others.exists():
        raise ValidationError(
            _("Den siste kontaktpersonen kan ikke fjernes. Legg til en ny kontaktperson først.")
        )
    was_primary = role.is_primary
    role._history_user = by
    role.delete()
    if was_primary:
        set_primary_contact(role=others.order_by("created_at", "pk").first(), by=by)
