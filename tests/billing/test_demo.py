"""The billing demo: past years mostly paid, one member with a credit balance for finance to handle."""

import datetime
import io
import random

import pytest

from billing import demo
from billing.models import Invoice
from billing.queries import credit_balances, with_balance
from members.demo import DemoContext
from tests.factories import UserFactory, dues_member

pytestmark = pytest.mark.django_db


def test_the_demo_leaves_one_member_with_a_credit_balance_and_no_negative_outstanding(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    memberships = [dues_member(population=10_000 + i * 20_000) for i in range(6)]
    context = DemoContext(
        memberships=memberships, coordinator=UserFactory(), billing_admin=UserFactory(), rng=random.Random(1)
    )
    demo.seed(today=datetime.date(2026, 11, 23), context=context, out=io.StringIO())
    balances = list(credit_balances())
    assert len(balances) == 1
    assert balances[0].credit_balance_ore > 0
    assert not with_balance(Invoice.objects.all()).filter(outstanding_ore__lt=0).exists()
