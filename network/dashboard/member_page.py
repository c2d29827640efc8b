"""The coordinator's page of one member: everything about it in one place, with the actions that apply.

network may read every app (DESIGN.md, Architecture). `member_page` asks each app its own reads for
one organisation, in a fixed number of queries whatever the member's history (pinned in
tests/network/dashboard/test_member_page.py).
"""

from __future__ import annotations

import datetime

from activities.models import Attendance
from billing.models import Invoice, Payment
from billing.queries import Status as InvoiceStatus
from billing.queries import with_balance
from governance.queries.bodies import terms_of_organisation
from members.models import ContactRole, Membership, Organisation, Person
from members.networks import current_network
from members.queries import contact_overview, population_basis
from network.obligations.rules import obligations_for_organisation

from .queries import Change, latest_changes

HISTORY_LIMIT = 15
ATTENDANCE_LIMIT = 20


def _history(organisation: Organisation, network) -> list[Change]:
    """The latest changes to the member's organisation, and its memberships, contacts and invoices in
    `network`: one query each."""
    sources = (
        (Organisation, Organisation.history.filter(id=organisation.pk), lambda h: h.name),
        (
            Membership,
            Membership.history.filter(organisation_id=organisation.pk, network_id=network.pk),
            lambda h: h.get_status_display(),
        ),
        (
            ContactRole,
            ContactRole.history.filter(organisation_id=organisation.pk, network_id=network.pk).select_related("person"),
            lambda h: h.person.full_name if h.person else "",
        ),
        (Person, Person.history.filter(organisation_id=organisation.pk), lambda h: f"{h.first_name} {h.last_name}"),
        (
            Invoice,
            Invoice.history.filter(organisation_id=organisation.pk, network_id=network.pk),
            lambda h: f"{h.get_type_display()} {h.number}",
        ),
    )
    return latest_changes(sources, limit=HISTORY_LIMIT)


def member_page(organisation: Organisation, *, today: datetime.date) -> dict:
    """What the coordinator's member page shows about `organisation` in the page's network (a fixed
    number of queries): its memberships, contacts, invoices, gatherings and history there only."""
    network = current_network()
    memberships = list(
        organisation.memberships.filter(network=network).select_related("network", "role").order_by("-joined_on", "-pk")
    )
    # At most one membership is not resigned (a database constraint): that one, else the latest.
    current = next((m for m in memberships if m.status != Membership.Status.RESIGNED), None)
    contacts = contact_overview(organisation, network)  # contact roles, pending invitations
    invoices = list(
        with_balance(Invoice.objects.filter(organisation=organisation, network=network), today=today).order_by("-issue_date", "-number")
    )
    for invoice in invoices:
        invoice.status_label = InvoiceStatus.LABELS.get(invoice.status, invoice.status)
    payments = list(
        Payment.objects.filter(invoice__organisation=organisation, invoice__network=network).select_related("invoice").order_by("-paid_on", "-pk")
    )
    attendances = list(
        Attendance.objects.filter(organisation=organisation, event__network=network)
        .select_related("event")
        .order_by("-event__starts_at")[:ATTENDANCE_LIMIT]
    )
    return {
        "membership": current or (memberships[0] if memberships else None),
        "memberships": memberships,
        "population": population_basis(organisation, today),
        **contacts,
        "invoices": invoices,
        "outstanding_ore": sum(max(i.outstanding_ore, 0) for i in invoices if i.status != InvoiceStatus.CREDIT_NOTE),
        "payments": payments,
        "obligations": obligations_for_organisation(organisation, today.year, network=network),
        "attendances": attendances,
        "terms": list(terms_of_organisation(organisation, today).filter(body__network=network)),
        "history": _history(organisation, network),
    }


def member_actions(membership: Membership | None) -> list[str]:
    """The lifecycle actions that apply to the member now, by name (the template links each)."""
    status = membership.status if membership else None
    actions = []
    if status in (None, Membership.Status.APPLICANT, Membership.Status.RESIGNED):
        actions.append("activate")
    if status in Membership.GOOD_STANDING:
        actions.append("renew")
    if status == Membership.Status.ACTIVE:
        actions.append("register_letter_notice")
    if status == Membership.Status.NOTICE:
        actions.append("withdraw_notice")
    return actions
