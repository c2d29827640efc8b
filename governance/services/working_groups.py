"""Working groups and the resource group (R9): creating and closing a group, and people asking to
join one. Terms in any body are in governance.services.bodies."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Network, Organisation, Person, User
from members.networks import default_network, network_by_id
from members.roles import contact_organisation_ids, is_coordinator

from ..models import Body, BodyKind, CollaborationArea, JoinRequest, Term

# An annual meeting does not fall on the same date every year: a term may end up to a month
# before or after a whole number of years from its start.
from .bodies import _lock_body, add_term, end_term, in_good_standing, overlapping_terms
from .notifications import notify_join_request


def _unique_slug(name: str, network: Network) -> str:
    """A slug for the group's address, unique within its network (another network may use the same)."""
    base = slugify(name.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"})))[:40] or "gruppe"
    slug, n = base, 2
    while Body.objects.filter(network=network, slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_working_group(
    *,
    name: str,
    theme: str = "",
    description: str = "",
    collaboration_areas: Iterable[CollaborationArea] = (),
    leading_organisation: Organisation | None = None,
    lead_person: Person | None = None,
    schedule: str = "",
    starts_on: datetime.date | None = None,
    by: User | None = None,
    network: Network | None = None,
) -> Body:
    """Start a member-led working group (R9) in `network` (default: the page's). The lead person gets the
    group's leader place."""
    network = network or default_network()
    collaboration_areas = list(collaboration_areas)
    if any(area.network_id != network.pk for area in collaboration_areas):
        raise ValidationError({"collaboration_areas": _("Samarbeidsområdene må høre til gruppens nettverk.")})
    body = Body(
        network=network,
        kind=BodyKind.WORKING_GROUP,
        name=name,
        slug=_unique_slug(name, network),
        theme=theme,
        description=description,
        leading_organisation=leading_organisation,
        lead_person=lead_person,
        schedule=schedule,
        status=Body.Status.ACTIVE,
    )
    if (
        lead_person is not None
        and leading_organisation is not None
        and lead_person.organisation_id != (leading_organisation.pk)
    ):
        raise ValidationError({"lead_person": _("Lederen av gruppen må komme fra den ledende medlemsorganisasjonen.")})
    body.full_clean()
    body._history_user = by
    body.save()
    body.collaboration_areas.set(collaboration_areas)
    if lead_person is not None:
        add_term(
            body=body,
            person=lead_person,
            organisation=lead_person.organisation,
            role=Term.Role.LEADER,
            starts_on=starts_on or timezone.localdate(),
            ends_on=None,
            obtained=Term.Obtained.APPOINTED,
            by=by,
        )
    return body


@transaction.atomic
def close_body(*, body: Body, on: datetime.date, by: User | None = None) -> Body:
    """Close a working group on `on`: its places end that day."""
    body = _lock_body(body)
    for term in body.terms.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on)):
        end_term(term=term, on=on, by=by)
    body.status = Body.Status.CLOSED
    body._history_user = by
    body.save(update_fields=["status"])
    return body


@transaction.atomic
def request_to_join(*, body: Body, person: Person, message: str = "", by: User | None = None) -> JoinRequest:
    """A member contact asks for `person` (of their organisation) to join a working group (R9).

    The group's lead person is told by email once the request is stored.
    """
    if body.kind != BodyKind.WORKING_GROUP or body.status == Body.Status.CLOSED:
        raise ValidationError(_("Man kan bare be om å bli med i en aktiv arbeidsgruppe."))
    organisation = person.organisation
    if organisation is None or (by is not None and organisation.pk not in contact_organisation_ids(by)):
        raise ValidationError({"person": _("Du kan bare melde på personer fra din egen organisasjon.")})
    if not in_good_standing(organisation, body.network):
        raise ValidationError(
            {"person": _("%(organisation)s er ikke medlem med gode rettigheter.") % {"organisation": organisation}}
        )
    if overlapping_terms(body, timezone.localdate(), None).filter(person=person).exists():
        raise ValidationError({"person": _("%(person)s er allerede med i gruppen.") % {"person": person}})
    if JoinRequest.objects.filter(body=body, person=person, status=JoinRequest.Status.PENDING).exists():
        raise ValidationError({"person": _("%(person)s har allerede bedt om å bli med.") % {"person": person}})
    request = JoinRequest(body=body, person=person, organisation=organisation, message=message, requested_by=by)
    request._history_user = by
    request.save()
    notify_join_request.delay_on_commit(request.pk)
    return request


def can_decide_join_requests(user: User, body: Body) -> bool:
    """The group's lead person or the coordinator of the group's network accepts new participants (R9)."""
    if is_coordinator(user, network_by_id(body.network_id) or body.network):
        return True
    return bool(user.is_authenticated and body.lead_person_id and body.lead_person.user_id == user.pk)


@transaction.atomic
def decide_join_request(
    *, join_request: JoinRequest, accept: bool, starts_on: datetime.date | None = None, by: User
) -> JoinRequest:
    """Accept (a place from `starts_on`, today) or decline a request to join."""
    join_request = JoinRequest.objects.select_for_update().select_related("body", "person").get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise ValidationError(_("Forespørselen er allerede avgjort."))
    if not can_decide_join_requests(by, join_request.body):
        raise ValidationError(_("Bare gruppens leder eller koordinator kan avgjøre forespørselen."))
    if accept:
        join_request.term = add_term(
            body=join_request.body,
            person=join_request.person,
            organisation=join_request.organisation,
            role=Term.Role.MEMBER,
            starts_on=starts_on or timezone.localdate(),
            ends_on=None,
            obtained=Term.Obtained.APPOINTED,
            by=by,
        )
    join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
    join_request.decided_by = by
    join_request.decided_at = timezone.now()
    join_request._history_user = by
    join_request.save()
    return join_request
