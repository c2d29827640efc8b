"""Personal data (R12): export on request, anonymise without breaking invoices or history."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ContactRole, Invitation, Person, User


def personal_data(*, user: User) -> dict[str, Any]:
    """Everything the network holds about this user as a person, as plain data for JSON."""
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        }
    }
    person = Person.objects.filter(user=user).select_related("organisation").first()
    if person is None:
        return data
    data["person"] = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "title": person.title,
        "email": person.email,
        "phone": str(person.phone or ""),
        "street_address": person.street_address,
        "postal_code": person.postal_code,
        "postal_place": person.postal_place,
        "gender": person.gender,
        "preferred_language": person.preferred_language,
        "organisation": person.organisation.name if person.organisation else None,
        "affiliation": person.affiliation,
    }
    data["contact_roles"] = [
        {"organisation": role.organisation.name, "primary": role.is_primary, "since": role.created_at.isoformat()}
        for role in ContactRole.objects.filter(person=person).select_related("organisation")
    ]
    data["invitations"] = [
        {
            "organisation": invitation.organisation.name,
            "sent": invitation.created_at.isoformat(),
            "accepted": invitation.accepted_at.isoformat() if invitation.accepted_at else None,
        }
        for invitation in Invitation.objects.filter(person=person).select_related("organisation")
    ]
    return data


@transaction.atomic
def anonymise_person(*, person: Person, by: User | None = None) -> Person:
    """Replace name, email, phone and address (R12). The row stays, so history and invoices hold.

    Issued invoices are snapshots of the buyer (billing keeps them five years), so they keep
    the name they were issued with; nothing here touches them. Contact roles end; the login
    is deactivated; earlier versions in the history keep who and when, but lose the data.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.anonymised_at:
        return person
    roles = ContactRole.objects.filter(person=person)
    for role in roles:
        if not ContactRole.objects.filter(organisation_id=role.organisation_id).exclude(pk=role.pk).exists():
            raise ValidationError(
                _("%(name)s er eneste kontaktperson for %(org)s. Legg til en ny kontaktperson først.")
                % {"name": person.full_name, "org": role.organisation}
            )
    from .contacts import remove_contact

    for role in list(roles):
        remove_contact(role=role, by=by)
    person.first_name = _("Anonymisert")
    person.last_name = _("person %(id)s") % {"id": person.pk}
    person.title = ""
    person.email = ""
    person.phone = ""
    person.street_address = ""
    person.postal_code = ""
    person.postal_place = ""
    person.gender = Person.Gender.UNKNOWN
    person.anonymised_at = timezone.now()
    user = person.user
    person.user = None
    person._history_user = by
    person.save()
    # The history keeps who changed what and when, not the personal data itself.
    person.history.exclude(history_id=person.history.latest().history_id).update(
        first_name=person.first_name,
        last_name=person.last_name,
        title="",
        email="",
        phone="",
        street_address="",
        postal_code="",
        postal_place="",
        gender=Person.Gender.UNKNOWN,
    )
    Invitation.objects.filter(person=person).update(email="anonymisert@invalid")
    if user is not None:
        user.is_active = False
        user.email = f"anonymisert-{user.pk}@invalid"
        user.first_name = user.last_name = ""
        user.set_unusable_password()
        user.save()
        user.emailaddress_set.all().delete()
    return person
