"""Memberships of organisations that have ended (issue 22): end them, or carry them over to a successor.

An organisation that no longer exists (Viken after 2023) is never invoiced again
(`members.queries.memberships_owing_dues`); its membership stays current until the coordinator
decides. Both decisions keep the old membership, ended with a reason, and its history.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Membership, Organisation, User
from ..signals import membership_activated, membership_ended
from .lifecycle import check_may_join

# The membership's own fields that the successor takes over: the decision, the agreement and a notice given.
CARRIED_FIELDS = (
    "applied_on",
    "political_decision_on",
    "political_decision_body",
    "political_decision_reference",
    "agreement_signed_on",
    "signatory_name",
    "signatory_title",
    "approving_authority",
    "agreement_ends_on",
    "notice_given_on",
    "notice_effective_on",
    "notice_signed_by",
    "notice_channel",
    "renewal_reminded_for",
)


def _locked_of_ended_organisation(membership: Membership) -> Membership:
    membership = (
        Membership.objects.select_for_update().select_related("organisation", "network").get(pk=membership.pk)
    )
    if membership.organisation.ended_on is None:
        raise ValidationError(
            _("%(name)s er ikke avviklet.") % {"name": membership.organisation.name}, code="organisation_not_ended"
        )
    if membership.status not in Membership.GOOD_STANDING:
        raise ValidationError(_("Bare aktive medlemskap kan avsluttes eller overføres."), code="not_current")
    return membership


def _close(membership: Membership, *, reason: str, change_reason: str, by: User | None) -> datetime.date:
    """End the membership on the organisation's last day (never before it joined), with `reason`."""
    ended_on = max(membership.organisation.ended_on, membership.joined_on)
    membership.status = Membership.Status.RESIGNED
    membership.ended_on = ended_on
    membership.end_reason = reason
    membership.full_clean()
    membership._history_user = by
    membership._change_reason = change_reason
    membership.save()
    # What belonged to the organisation (seats, group places) ends with it.
    membership_ended.send(
        sender=Membership, organisation=membership.organisation, membership=membership, ended_on=ended_on, by=by
    )
    return ended_on


@transaction.atomic
def end_membership_of_ended_organisation(*, membership: Membership, by: User | None = None) -> Membership:
    """The organisation no longer exists and no successor takes over: its membership ends that day."""
    membership = _locked_of_ended_organisation(membership)
    _close(
        membership,
        reason=Membership.EndReason.ORGANISATION_ENDED,
        change_reason=_("Organisasjonen er avviklet"),
        by=by,
    )
    return membership


@transaction.atomic
def carry_over_membership(*, membership: Membership, successor: Organisation, by: User | None = None) -> Membership:
    """The successor takes over the ended organisation's membership in the same network.

    A new membership of the successor from the day after the organisation ended (its
    decision, agreement and any notice with it); the old one ends with the reason "carried
    over". Both keep their history, and the new one points to the old.
    """
    membership = _locked_of_ended_organisation(membership)
    organisation, network = membership.organisation, membership.network
    successor = Organisation.objects.select_for_update().get(pk=successor.pk)
    if not organisation.successors.filter(pk=successor.pk).exists():
        raise ValidationError(
            _("%(successor)s er ikke registrert som etterfølger av %(name)s.")
            % {"successor": successor.name, "name": organisation.name},
            code="not_a_successor",
        )
    if successor.memberships.filter(network=network).current().exists():
        raise ValidationError(
            _("%(name)s har allerede en søknad eller et medlemskap.") % {"name": successor.name}, code="already_member"
        )
    check_may_join(network, successor)
    ended_on = _close(
        membership,
        reason=Membership.EndReason.CARRIED_OVER,
        change_reason=_("Overført til %(name)s") % {"name": successor.name},
        by=by,
    )
    carried = Membership(
        network=network,
        organisation=successor,
        joined_on=ended_on + datetime.timedelta(days=1),
        carried_over_from=membership,
        **{name: getattr(membership, name) for name in CARRIED_FIELDS},
    )
    carried.status = Membership.Status.NOTICE if membership.notice_effective_on else Membership.Status.ACTIVE
    carried.full_clean()
    carried._history_user = by
    carried._change_reason = _("Overført fra %(name)s") % {"name": organisation.name}
    carried.save()
    # Billing decides whether the successor owes this year's dues (the predecessor was not invoiced).
    membership_activated.send(
        sender=Membership, organisation=successor, membership=carried, joined_on=carried.joined_on, by=by
    )
    return carried


@transaction.atomic
def link_successor(
    *, predecessor: Organisation, successor: Organisation, source: str = "", by: User | None = None
) -> bool:
    """Record that `successor` took over from `predecessor`; True when the link is new. Idempotent."""
    from ..models import Succession

    if Succession.objects.filter(predecessor=predecessor, successor=successor).exists():
        return False
    succession = Succession(predecessor=predecessor, successor=successor, source=source, linked_by=by)
    succession.full_clean()
    succession._history_user = by
    succession._change_reason = source[:100]
    succession.save()
    return True
