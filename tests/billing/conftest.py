import smtplib

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from billing.services.dues import issue_dues_invoice
from tests.factories import dues_member


class FailingEmailBackend(BaseEmailBackend):
    """An SMTP server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def failing_smtp(settings):
    settings.EMAIL_BACKEND = "tests.billing.conftest.FailingEmailBackend"


@pytest.fixture
def invoice(db):
    """A 2025 dues invoice for a 50 000-inhabitant kommune."""
    return issue_dues_invoice(membership=dues_member(population=50_000), year=2025)
