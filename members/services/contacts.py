"""Contact persons of an organisation (R2, R13): add (of one of the network's kinds of contact role),
edit, make primary, remove."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import ContactRole, ContactRoleKind, Membership, Network, Organisation, Person, User
from ..networks import default_network

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


def default_contact_kind(network: Network) -> ContactRoleKind:
    """The network's first kind of contact role («Kontaktperson» where it has none yet)."""
    return ContactRoleKind.objects.default_for(network)


def check_may_hold(*, kind: ContactRoleKind, organisation: Organisation, person: Person | None = None) -> None:
    """Refuse a contact role the organisation cannot hold in the kind's network (R13)."""
    if not kind.applies_to(organisation.kind):
        raise ValidationError(
            _("«%(kind)s» er ikke en rolle for parter av typen «%(org_kind)s».")
            % {"kind": kind.name, "org_kind": organisation.get_kind_display()},
            code="kind_not_for_organisation",
        )
    if kind.held_by_role_id is not None:
        holds = Membership.objects.current().filter(
            network_id=kind.network_id, organisation=organisation, role_id=kind.held_by_role_id
        )
        if not holds.exists():
            raise ValidationError(
                _("«%(kind)s» kan bare meldes inn av medlemmet med rollen «%(role)s».")
                % {"kind": kind.name, "role": kind.held_by_role.name},
                code="kind_needs_membership_role",
            )
    roles = ContactRole.objects.filter(organisation=organisation, kind=kind)
    if kind.one_per_organisation and roles.exists():
        raise ValidationError(
            _("%(org)s har allerede en «%(kind)s». Fjern den først.") % {"org": organisation.name, "kind": kind.name},
            code="kind_taken",
        )
    if person is not None and person.pk and roles.filter(person=person).exists():
        raise ValidationError(
            _("%(name)s er allerede «%(kind)s» for %(org)s.")
            % {"name": person.full_name, "kind": kind.name, "org": organisation.name},
            code="already_holds",
        )


@transaction.atomic
def add_contact(
    *,
    organisation: Organisation,
    person_data: dict[str, Any],
    make_primary: bool = False,
    kind: ContactRoleKind | None = None,
    by: User | None = None,
) -> ContactRole:
    """Name a new contact person for the organisation, in the role `kind` (by default the first kind
    of the installation's first network). The organisation's first contact is the primary one (R2)."""
    kind = kind or default_contact_kind(default_network())
    # Lock the organisation so two simultaneous first contacts cannot both become primary,
    # nor two holders of a role the organisation may have only one of.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_may_hold(kind=kind, organisation=organisation)
    person = Person(organisation=organisation, **{k: v for k, v in person_data.items() if k in PERSON_FIELDS})
    person.full_clean()
    person._history_user = by
    person.save()
    has_primary = ContactRole.objects.filter(organisation=organisation, is_primary=True).exists()
    role = ContactRole(
        network_id=kind.network_id, kind=kind, organisation=organisation, person=person, is_primary=not has_primary
    )
    role.full_clean(validate_unique=False, validate_constraints=False)
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
def add_role_to_person(*, person: Person, organisation: Organisation, kind: ContactRoleKind, by: User | None = None):
    """Give someone already known another contact role (one person can hold several, for several
    organisations and networks)."""
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_may_hold(kind=kind, organisation=organisation, person=person)
    has_primary = ContactRole.objects.filter(organisation=organisation, is_primary=True).exists()
    role = ContactRole(
        network_id=kind.network_id, kind=kind, organisation=organisation, person=person, is_primary=not has_primary
    )
    role.full_clean(validate_unique=False, validate_constraints=False)
    role._history_user = by
    role.save()
    return role


def is_last_of_required_kind(role: ContactRole) -> bool:
    """Whether removing `role` would leave its organisation without a contact of a required kind."""
    kind = role.kind
    if not kind.required or not kind.applies_to(role.organisation.kind):
        return False
    return not ContactRole.objects.filter(organisation_id=role.organisation_id, kind=kind).exclude(pk=role.pk).exists()


@transaction.atomic
def remove_contact(*, role: ContactRole, by: User | None = None) -> None:
    """Remove a contact role; the last one of a required kind cannot go (nor the organisation's last
    contact), and a removed primary hands over (R2)."""
    Organisation.objects.select_for_update().get(pk=role.organisation_id)
    others = ContactRole.objects.filter(organisation_id=role.organisation_id).exclude(pk=role.pk)
    if not others.exists():
        raise ValidationError(_("Den siste kontaktpersonen kan ikke fjernes. Legg til en ny kontaktperson først."))
    if is_last_of_required_kind(role):
        raise ValidationError(
            _("%(org)s må ha minst én «%(kind)s». Legg til en ny først.")
            % {"org": role.organisation.name, "kind": role.kind.name},
            code="last_of_required_kind",
        )
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
