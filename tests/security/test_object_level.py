"""Object level (R12): naming another person's objects in a POST body changes nothing and leaks nothing.

The pattern for every page that takes ids in a form: log in as A, post B's ids, and check that
B's rows are exactly as they were (the access matrix covers ids in URLs via OWN_ORG).
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.forms.models import model_to_dict
from django.urls import reverse

from .access import build_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_objects()


def snapshot(queryset) -> list[dict]:
    return [model_to_dict(row) for row in queryset.order_by("pk")]


@pytest.mark.parametrize("action", ["action_remove", "action_primary", "action_send"])
def test_contact_cannot_touch_another_contacts_email_address(client, objects, action):
    a, b = objects.users["contact_a"], objects.users["contact_b"]
    EmailAddress.objects.create(user=a, email="a-extra@kommune.no", verified=True, primary=False)
    b_extra = EmailAddress.objects.create(user=b, email="b-extra@kommune.no", verified=False, primary=False)
    before = snapshot(EmailAddress.objects.filter(user=b))
    client.force_login(a)

    response = client.post(reverse("account_email"), {action: "", "email": b_extra.email})

    assert response.status_code < 500
    assert snapshot(EmailAddress.objects.filter(user=b)) == before
    assert not [m for m in mail.outbox if b_extra.email in m.to]
    assert b_extra.email not in response.content.decode()


def test_password_reset_does_not_reveal_whether_an_address_has_an_account(client, objects):
    known = client.post(reverse("account_reset_password"), {"email": objects.users["contact_a"].email})
    unknown = client.post(reverse("account_reset_password"), {"email": "finnes-ikke@kommune.no"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
