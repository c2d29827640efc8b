"""The weekly check (task and command) stores the day's balance (R10)."""

from django.core.management import call_command

from governance.models import GenderBalanceCheck
from governance.tasks import check_gender_balance


def test_command_and_task_store_one_row_per_scope_and_day(elect, coordinator, mailoutbox):
    elect(gender="woman")
    elect(gender="woman")
    call_command("check_gender_balance")
    check_gender_balance.delay()
    scopes = list(GenderBalanceCheck.objects.values_list("scope", flat=True))
    assert len(scopes) == len(set(scopes)) >= 3
    assert "Styringsgruppen" in scopes
    assert mailoutbox
