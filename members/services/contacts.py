"""Contact persons of an organisation (R2): add, edit, make primary, remove."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ContactRole, Organisation, Person, User

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
    for other in ContactRole.objects.filter(organisation_id=role.organisation_id, is_primary=True).exclude(pk=role.pk):
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
        raise ValidationError(_("Den siste kontaktpersonen kan ikke fjernes. Legg til en ny kontaktperson først."))
    was_primary = role.is_primary
    role._history_user = by
    role.delete()
    if was_primary:
        set_primary_contact(role=others.order_by("created_at", "pk").first(), by=by)


@transaction.atomic
def update_contact(*, role: ContactRole, person_data: dict[str, Any], by: User | None = None) -> Person:
    """Change a contact person's details (agreement §10: name, title, address, phone, email)."""
    person = Person.objects.select_for_update().get(pk=role.person_id)
    for key, value in person_data.items():
        if key in PERSON_FIELDS:
            setattr(person, key, value)
    person.full_clean()
    person._history_user = by
    person.save()
    return person
