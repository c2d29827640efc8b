"""What billing does when the membership lifecycle moves (members.signals)."""

from __future__ import annotations

from django.utils import timezone

from .models import FIRST_DUES_YEAR, DuesRun


def invoice_member_on_activation(sender, *, membership, joined_on, **kwargs) -> None:
    """A member joining during a year owes that year's dues (R3): invoice it after commit.

    Only for the current year, or a year whose dues run has already happened; other years
    are left to that year's run.
    """
    from .tasks import invoice_joining_member

    year = joined_on.year
    if year < FIRST_DUES_YEAR:
        return
    if year == timezone.localdate().year or DuesRun.objects.filter(network=membership.network_id, year=year).exists():
        invoice_joining_member.delay_on_commit(membership.pk, year)
