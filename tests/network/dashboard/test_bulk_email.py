import pytest
from django.core import mail
from django.urls import reverse

from network.dashboard import bulk_email
from network.models import BulkEmailRecipient, Job
from tests.factories import ContactRoleFactory, MembershipFactory, first_network


@pytest.fixture
def members(db):
    """Two members: one with a primary and a second contact, one with only a primary."""
    first = MembershipFactory(organisation__name="Alta kommune").organisation
    ContactRoleFactory(organisation=first, person__email="primary@alta.kommune.no")
    ContactRoleFactory(organisation=first, person__email="second@alta.kommune.no", is_primary=False)
    second = MembershipFactory(organisation__name="Bø kommune").organisation
    ContactRoleFactory(organisation=second, person__email="primary@bo.kommune.no")
    return [first, second]


def test_primary_audience_gets_one_copy_per_member(members):
    roles = bulk_email.recipients_for(members, audience="primary")
    assert sorted(r.person.email for r in roles) == ["primary@alta.kommune.no", "primary@bo.kommune.no"]
    assert len(bulk_email.recipients_for(members, audience="all")) == 3


def test_bulk_email_sends_each_copy_and_counts_progress(django_capture_on_commit_callbacks, members, coordinator):
    with django_capture_on_commit_callbacks(execute=True):
        sent = bulk_email.start_bulk_email(
            network=first_network(), organisations=members, audience="all", subject="Samling i mars",
            body="Velkommen!", selection="alle", by=coordinator,
        )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "primary@alta.kommune.no", "primary@bo.kommune.no", "second@alta.kommune.no"
    ]
    job = Job.objects.get(pk=sent.job_id)
    assert (job.status, job.done, job.total, job.failed) == (Job.Status.DONE, 3, 3, 0)


def test_each_copy_comes_from_the_network_with_its_name_before_the_subject_and_its_sign_off(
    django_capture_on_commit_callbacks, members, coordinator
):
    from members.emails import sender
    from members.models import Person

    network = first_network()
    Person.objects.filter(email="primary@bo.kommune.no").update(preferred_language="en")
    with django_capture_on_commit_callbacks(execute=True):
        bulk_email.start_bulk_email(
            network=network, organisations=members, audience="primary", subject="Samling i mars",
            body="Velkommen!", selection="", by=coordinator,
        )
    copies = {m.to[0]: m for m in mail.outbox}
    assert {m.subject for m in mail.outbox} == {f"[{network.label}] Samling i mars"}
    assert {m.from_email for m in mail.outbox} == {sender(network)}
    assert copies["primary@alta.kommune.no"].body == f"Velkommen!\n\nHilsen {network.name}\n"
    assert copies["primary@bo.kommune.no"].body == f"Velkommen!\n\nKind regards, {network.name}\n"  # their language


def test_running_it_again_sends_nothing_twice(django_capture_on_commit_callbacks, members, coordinator):
    with django_capture_on_commit_callbacks(execute=True):
        sent = bulk_email.start_bulk_email(
            network=first_network(), organisations=members, audience="primary", subject="S", body="B",
            selection="", by=coordinator,
        )
    bulk_email.send_bulk_email_now(sent.pk)
    assert len(mail.outbox) == 2
    assert Job.objects.get(pk=sent.job_id).done == 2


def test_a_refused_address_is_logged_and_the_rest_are_sent(
    django_capture_on_commit_callbacks, members, coordinator, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        sent = bulk_email.start_bulk_email(
            network=first_network(), organisations=members, audience="primary", subject="S", body="B",
            selection="", by=coordinator,
        )
    statuses = set(sent.recipients.values_list("status", flat=True))
    assert statuses == {BulkEmailRecipient.Status.FAILED}
    job = Job.objects.get(pk=sent.job_id)
    assert (job.status, job.failed) == (Job.Status.FAILED, 2)
    assert sent.recipients.first().error


def test_empty_subject_is_refused_and_nothing_stored(members, coordinator):
    with pytest.raises(Exception, match="emne"):
        bulk_email.start_bulk_email(network=first_network(), organisations=members, audience="primary",
                                    subject=" ", body="B", selection="", by=coordinator)
    assert not Job.objects.exists()


def test_form_posts_start_the_job_and_show_progress(client, coordinator, members,
                                                   django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dashboard:bulk_email") + "?q=alta",
                               {"audience": "all", "subject": "Hei", "body": "Tekst"})
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:job_detail", args=[job.pk])
    assert len(mail.outbox) == 2  # only Alta was selected
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert '<progress' in partial and 'value="2"' in partial and "hx-trigger" not in partial


@pytest.mark.worker
def test_a_real_worker_sends_the_bulk_email(celery_worker, coordinator, members):
    import time

    sent = bulk_email.start_bulk_email(
        network=first_network(), organisations=members, audience="all", subject="Fra arbeideren", body="B", selection="", by=coordinator
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job = Job.objects.get(pk=sent.job_id)
        if not job.is_running:
            break
        time.sleep(0.2)
    assert (job.status, job.done) == (Job.Status.DONE, 3)
