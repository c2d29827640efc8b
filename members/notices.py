"""To whom a membership's notice is given, and who gets a copy (R5, R13): read from the network's
NoticeAddressee rows, resolved to people on the day the notice is given.

A body's leader (the steering-group leader) comes from governance through members.hooks; the holders
of a contact role in the member that holds a membership role (the klyngeleder of the motorkommune,
the regional coordinator of the region's vertskommune) are read here. A role that nobody holds on
the day still appears, by its title, so the letter is addressed to the office.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _

from .hooks import body_leader
from .models import ContactRole, Membership, NoticeAddressee, Organisation, Person


@dataclass(frozen=True)
class NoticeParty:
    """One person (or an office nobody holds) that a notice is addressed or copied to."""

    addressee: NoticeAddressee
    person: Person | None = None
    organisation: Organisation | None = None

    @property
    def title(self) -> str:
        """What the letter calls the addressee, in the language of the text being written."""
        return self.addressee.reader_title

    @property
    def copy(self) -> bool:
        return self.addressee.copy

    @property
    def email(self) -> str:
        return self.person.email if self.person is not None else ""

    def __str__(self) -> str:
        if self.person is None:
            return self.title
        where = f", {self.organisation.name}" if self.organisation is not None else ""
        return f"{self.person.full_name} ({self.title}{where})"


@dataclass
class NoticeParties:
    recipients: list[NoticeParty] = field(default_factory=list)
    copies: list[NoticeParty] = field(default_factory=list)

    @property
    def recipient_emails(self) -> list[str]:
        return [p.email for p in self.recipients if p.email]

    @property
    def copy_emails(self) -> list[str]:
        return [p.email for p in self.copies if p.email]

    @property
    def to_text(self) -> str:
        return join_names([str(p) for p in self.recipients])

    @property
    def copy_text(self) -> str:
        return join_names([str(p) for p in self.copies])


def join_names(names: list[str]) -> str:
    """«A», «A og B», «A, B og C» (English: «A and B»)."""
    if len(names) <= 1:
        return "".join(names)
    return str(format_lazy("{} {} {}", ", ".join(names[:-1]), _("og"), names[-1]))


def _holders(addressee: NoticeAddressee, on: datetime.date) -> list[tuple[Person, Organisation]]:
    """Holders of the addressee's contact role in the members that hold its membership role on `on`."""
    role = addressee.membership_role
    organisations = Membership.objects.active_on(on).filter(network_id=role.network_id, role=role).values(
        "organisation_id"
    )
    roles = (
        ContactRole.objects.filter(kind=addressee.contact_kind, organisation_id__in=organisations)
        .filter(person__anonymised_at__isnull=True)
        .select_related("person", "organisation")
        .order_by("organisation__name", "-is_primary", "person__last_name", "pk")
    )
    return [(r.person, r.organisation) for r in roles]


def notice_parties(membership: Membership, on: datetime.date | None = None) -> NoticeParties:
    """Who the notice of `membership` goes to, and who gets a copy, on `on` (the day it was given)."""
    on = on or membership.notice_given_on or timezone.localdate()
    parties = NoticeParties()
    addressees = NoticeAddressee.objects.filter(network_id=membership.network_id).select_related(
        "contact_kind", "membership_role"
    )
    for addressee in addressees:
        found: list[NoticeParty] = []
        if addressee.source == NoticeAddressee.Source.BODY_LEADER:
            leader = body_leader(membership.network, addressee.body_kind, on)
            if leader is not None:
                found.append(NoticeParty(addressee, person=leader))
        else:
            found = [
                NoticeParty(addressee, person=person, organisation=organisation)
                for person, organisation in _holders(addressee, on)
            ]
        if not found:
            found = [NoticeParty(addressee)]
        (parties.copies if addressee.copy else parties.recipients).extend(found)
    return parties
