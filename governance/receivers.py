"""What governance does when the membership lifecycle moves (R5)."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from members.signals import membership_ended, notice_given

from .services.bodies import end_terms_for_organisation

log = logging.getLogger(__name__)


@receiver(membership_ended, dispatch_uid="governance_end_terms_on_membership_end")
def end_terms_when_membership_ends(sender, *, organisation, ended_on, by=None, membership=None, **kwargs) -> None:
    """A resigned member's steering-group seats and working-group places in that network end on the
    effective date; its seats in another network's bodies stay."""
    network_id = membership.network_id if membership is not None else None
    end_terms_for_organisation(organisation=organisation, on=ended_on, by=by, network_id=network_id)


@receiver(notice_given, dispatch_uid="governance_log_notice_given")
def log_notice_given(sender, *, organisation, effective_on, **kwargs) -> None:
    # members emails the steering-group leader; the seats stay until the effective date.
    log.info("Notice from %s: its seats end on %s", organisation, effective_on)
