"""Reads about organisations and memberships that depend on dates or on who asks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.prepared import PreparedQuery

from .models import Membership, Network, Organisation, PopulationFigure, User
from .roles import contact_organisation_ids, is_coordinator


def organisation_for(user: User, pk: int, network: Network | None = None) -> Organisation:
    """The organisation if `user` may see it in `network` (the page's), else 404: the same answer for
    missing and not yours (R12).

    The organisation must have a membership of the network (any status, also ended). Its contact
    persons see nothing more; the network's coordinator also sees an organisation that is a member of
    no network at all (a party they may make a member, `activate`), never one of another network only.
    """
    from .networks import current_network

    network = network or current_network()
    in_network = Membership.objects.filter(organisation=OuterRef("pk"), network=network)
    if is_coordinator(user, network):
        visible = Q(Exists(in_network)) | ~Q(Exists(Membership.objects.filter(organisation=OuterRef("pk"))))
    elif pk in contact_organisation_ids(user):
        visible = Q(Exists(in_network))
    else:
        raise Http404
    organisation = Organisation.objects.filter(visible, pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def population_basis(organisation: Organisation, on: datetime.date) -> PopulationFigure | None:
    """The latest population figure dated on or before `on` (R3), or None."""
    return organisation.population_figures.filter(reference_date__lte=on).order_by("-reference_date").first()


def current_membership(organisation: Organisation, network: Network | None = None) -> Membership | None:
    """The organisation's current membership of `network` (the page's), or None."""
    from .networks import current_network

    return organisation.memberships.current().filter(network=network or current_network()).first()


def memberships_owing_dues(year: int) -> QuerySet[Membership]:
    """Memberships that owe dues for `year` (R3, R5).

    Owed when the membership is active on 1 January (a member in its notice period is
    active), or when it joins during the year. A year that starts on or after the
    effective date of a resignation is never owed, and neither is a year that starts on or
    after the day the organisation ended (it no longer exists to be invoiced).
    """
    new_year = datetime.date(year, 1, 1)
    active_on_new_year = Q(joined_on__lte=new_year) & (Q(ended_on__isnull=True) | Q(ended_on__gt=new_year))
    joined_during_year = Q(joined_on__year=year)
    not_ended_before = Q(notice_effective_on__isnull=True) | Q(notice_effective_on__gt=new_year) | joined_during_year
    return (
        Membership.objects.exclude(status=Membership.Status.APPLICANT)
        .filter(joined_on__isnull=False)
        .filter(active_on_new_year | joined_during_year)
        .filter(not_ended_before)
        .exclude(organisation__ended_on__lte=new_year)
        .select_related("organisation")
    )


def public_member_list(network: Network) -> QuerySet[Organisation]:
    """The network's members today (active or in notice period), for its public pages."""
    return (
        Organisation.objects.filter(memberships__network=network, memberships__status__in=Membership.GOOD_STANDING)
        .distinct()
        .order_by("name")
    )


_contact_organisations = PreparedQuery(
    Organisation,
    lambda user_id: Organisation.objects.filter(contact_roles__person__user=user_id).distinct().order_by("name"),
)


def contact_organisations(user: User) -> list[Organisation]:
    """The organisations whose portal this user may open as their contact person (R12).

    One query, compiled once per process (every portal visit asks), which also answers
    `contact_organisation_ids` for the rest of the request.
    """
    from .roles import remember_contact_organisation_ids

    if not user.is_authenticated or not user.is_active:
        return []
    organisations = _contact_organisations(user.pk)
    remember_contact_organisation_ids(user, {o.pk for o in organisations})
    return organisations


def contact_organisations_in(user: User, network: Network) -> list[Organisation]:
    """The organisations whose portal this user opens in `network` as their contact person: those with a
    membership of it (any status). One query; the user's organisations are read with the user."""
    ids = contact_organisation_ids(user)
    if not ids:
        return []
    member = Membership.objects.filter(organisation=OuterRef("pk"), network=network)
    return list(Organisation.objects.filter(Exists(member), pk__in=ids).order_by("name"))


def contact_role_for(organisation: Organisation, pk: int, network: Network | None = None):
    """A contact role of `organisation` in `network` (the page's) by id, else 404: ids of other
    organisations and other networks never match."""
    from .models import ContactRole
    from .networks import current_network

    role = (
        ContactRole.objects.select_related("person", "organisation", "kind")
        .filter(organisation=organisation, network=network or current_network(), pk=pk)
        .first()
    )
    if role is None:
        raise Http404
    return role


def contact_kinds_for(organisation: Organisation, network: Network | None = None) -> QuerySet:
    """The kinds of contact role the organisation can be given: those of `network`, else of every network
    it is a current member of (the first network's when it is in none), with their network read along."""
    from .models import ContactRoleKind
    from .networks import default_network

    if network is None:
        networks = organisation.memberships.current().values("network_id")
        kinds = ContactRoleKind.objects.filter(network_id__in=networks)
        if not kinds.exists():
            kinds = ContactRoleKind.objects.filter(network=default_network())
    else:
        kinds = ContactRoleKind.objects.filter(network=network)
    return kinds.select_related("network").order_by("network__name", "network_id", "order", "pk")


def membership_overview(organisation: Organisation, on: datetime.date, network: Network | None = None) -> dict:
    """The organisation's membership of `network` (the page's) and its population figure, as the
    portal home shows them."""
    from .networks import current_network

    memberships = list(organisation.memberships.filter(network=network or current_network()).order_by("-joined_on", "-pk"))
    # At most one membership is not resigned (a database constraint): that one, else the latest.
    current = next((m for m in memberships if m.status != Membership.Status.RESIGNED), None)
    current = current or (memberships[0] if memberships else None)
    return {"membership": current, "population": population_basis(organisation, on)}


def contact_overview(organisation: Organisation, network: Network | None = None) -> dict:
    """The organisation's contact persons for `network` (the page's), each with their newest pending invitation.

    Two plain queries: the same as one with a subquery per invitation field, at half the cost
    of building it (the portal home asks on every visit; make bench).
    """
    from .models import ContactRole, Invitation
    from .networks import current_network

    roles = list(
        ContactRole.objects.filter(organisation=organisation, network=network or current_network()).select_related("person", "person__user", "kind", "network")
    )
    newest = {}
    pending = Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, expires_at__gt=_now())
    for invitation in pending.order_by("created_at", "pk").values("person_id", "email", "expires_at"):
        newest[invitation["person_id"]] = invitation  # later ones replace earlier ones
    for role in roles:
        invitation = newest.get(role.person_id, {})
        role.invitation_email = invitation.get("email")
        role.invitation_expires_at = invitation.get("expires_at")
    return {"contact_roles": roles, "pending_invitations": [role for role in roles if role.invitation_expires_at]}


def portal_overview(organisation: Organisation, on: datetime.date, network: Network | None = None) -> dict:
    """What the portal home shows about the organisation, in a fixed number of queries."""
    return {**membership_overview(organisation, on, network), **contact_overview(organisation, network)}


def _now():
    from django.utils import timezone

    return timezone.now()


def memberships_in_notice(network: Network | None = None) -> QuerySet[Membership]:
    from .networks import current_network

    return Membership.objects.filter(status=Membership.Status.NOTICE, network=network or current_network()).select_related("organisation")


def lifecycle_overview(on: datetime.date) -> dict:
    """What the coordinator follows up (R1, R2, R5): notices, applicants, agreements, invitations."""
    from dateutil.relativedelta import relativedelta

    from .models import ContactRole, Invitation
    from .networks import current_network

    network = current_network()
    horizon = on + relativedelta(months=network.renewal_reminder_months)
    in_network = Membership.objects.filter(
        organisation=OuterRef("organisation"), network=network, status__in=Membership.GOOD_STANDING
    )
    current = Membership.objects.filter(network=network).select_related("organisation")
    return {
        "in_notice": list(current.filter(status=Membership.Status.NOTICE).order_by("notice_effective_on")),
        "applicants": list(current.filter(status=Membership.Status.APPLICANT).order_by("applied_on")),
        "agreements_ending": list(
            current.filter(status__in=Membership.GOOD_STANDING, agreement_ends_on__lte=horizon).order_by(
                "agreement_ends_on"
            )
        ),
        "without_contact": list(
            current.filter(status__in=Membership.GOOD_STANDING)
            .exclude(Exists(ContactRole.objects.filter(organisation=OuterRef("organisation"), network=network)))
        ),
        "contacts_without_account": list(
            ContactRole.objects.filter(Exists(in_network), network=network)
            .filter(
                Q(person__user__isnull=True)
                | Q(person__user__is_active=False)
                | Q(person__user__password__startswith="!", person__user__last_login__isnull=True)  # noqa: S106 - unusable
            )
            .exclude(
                Exists(
                    Invitation.objects.filter(
                        person=OuterRef("person"), accepted_at__isnull=True, expires_at__gt=_now()
                    )
                )
            )
            .select_related("person", "organisation")
            .order_by("organisation__name", "person__last_name")
            .distinct()
        ),
        "pending_invitations": list(
            Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=_now())
            .filter(Exists(Membership.objects.filter(organisation=OuterRef("organisation"), network=network)))
            .select_related("person", "organisation")
            .order_by("-created_at")
        ),
    }


@dataclass(frozen=True)
class TermsChange:
    """One saved version of a network's terms: who saved it, when, and each field's old and new value."""

    when: datetime.datetime
    who: User | None
    created: bool
    fields: list[tuple[str, str, str]]  # (label, before, after), as the page shows them


def _shown(value) -> str:
    from .templatetags.formatting import format_dato

    if value is True:
        return str(_("ja"))
    if value is False:
        return str(_("nei"))
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.date):
        return format_dato(value)
    return str(value)


def network_terms_history(network: Network, fields: tuple[str, ...], *, limit: int = 30) -> list[TermsChange]:
    """The latest `limit` versions of `network`'s terms, newest first, each with what changed in `fields`
    since the version before it (simple_history's diff_against): two queries however long the history."""
    records = list(network.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    labels = {name: str(Network._meta.get_field(name).verbose_name) for name in fields}
    changes = []
    for record, previous in zip(records[:limit], [*records[1:], None], strict=False):
        if previous is None or record.history_type == "+":
            changed = []
        else:
            delta = record.diff_against(previous, included_fields=list(fields))
            changed = [(labels[c.field], _shown(c.old), _shown(c.new)) for c in delta.changes]
        if previous is not None and record.history_type != "+" and not changed:
            continue  # a save that changed none of the terms (the coordinators, say)
        changes.append(
            TermsChange(
                when=record.history_date,
                who=record.history_user,
                created=record.history_type == "+" or previous is None,
                fields=changed,
            )
        )
    return changes
