"""The coordinator's jobs and bulk emails belong to the network they were started in (R12, R13).

Two networks, A (the first) and B, each with a coordinator, a member with two contacts and a bulk email
written to every member in its network (its job queued, so it shows as running). One organisation is a
member of both, with its primary contact in A and a second contact in B. Each coordinator sees their own
network's jobs only — in the job list, among the dashboard's running jobs and by id (another network's
job answers 404 like a missing one) — and an email of one network never goes to the other's contacts.
"""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from members.emails import sender
from members.networks import current_network, using_network
from network.dashboard import bulk_email, jobs
from network.models import BulkEmailRecipient, Job
from tests.factories import (
    ContactRoleFactory,
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    default_kind,
    first_network,
    make_coordinator,
)

pytestmark = pytest.mark.django_db


def _contact(organisation, network, email, *, primary):
    return ContactRoleFactory(
        organisation=organisation, kind=default_kind(network), person__email=email, is_primary=primary
    )


def _side(network, tag: str) -> SimpleNamespace:
    """One network's coordinator and member with a primary and a second contact; every name carries `tag`."""
    side = SimpleNamespace(network=network, tag=tag)
    side.coordinator = make_coordinator(UserFactory(email=f"koord-{tag.lower()}@example.no"), network)
    side.organisation = MembershipFactory(network=network, organisation__name=f"Kommune{tag}").organisation
    _contact(side.organisation, network, f"kontakt@{tag.lower()}.example.no", primary=True)
    _contact(side.organisation, network, f"andre@{tag.lower()}.example.no", primary=False)
    return side


@pytest.fixture
def world():
    a = _side(first_network(), "ALFA7Q")
    b = _side(
        NetworkFactory(name="Klyngenettverket Bravo", short_name="Bravo", slug="klynge-bravo-jobber",
                       sender_email="post@bravo.example.no"),
        "BRAVO9X",
    )  # fmt: skip
    # A member of both networks: its primary contact is A's, its second contact B's.
    shared = MembershipFactory(network=a.network, organisation__name="Felleskommune").organisation
    MembershipFactory(network=b.network, organisation=shared)
    _contact(shared, a.network, "felles-a@felles.example.no", primary=True)
    _contact(shared, b.network, "felles-b@felles.example.no", primary=False)
    everyone = [a.organisation, b.organisation, shared]
    for side in (a, b):
        # Written to every organisation there is: only the network's own members' contacts are stored.
        side.bulk = bulk_email.start_bulk_email(
            network=side.network, organisations=everyone, audience="all", subject=f"Utsendelse {side.tag}",
            body=f"Hei fra {side.tag}", selection="alle", by=side.coordinator,
        )  # fmt: skip
        side.job = side.bulk.job
    return SimpleNamespace(a=a, b=b, shared=shared, everyone=everyone)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(network, name, **kwargs):
    with using_network(network):
        return reverse(name, kwargs=kwargs)


OWN_EMAILS = {
    "ALFA7Q": {"kontakt@alfa7q.example.no", "andre@alfa7q.example.no", "felles-a@felles.example.no"},
    "BRAVO9X": {"kontakt@bravo9x.example.no", "andre@bravo9x.example.no", "felles-b@felles.example.no"},
}


def test_a_job_belongs_to_the_network_it_was_started_in(world):
    assert world.a.job.network == world.a.network and world.b.job.network == world.b.network
    assert world.a.job.is_running and world.b.job.is_running


def test_each_coordinator_sees_only_their_networks_jobs_in_the_list_and_on_the_dashboard(world):
    for me, other in ((world.a, world.b), (world.b, world.a)):
        client = _client(me.coordinator)
        for name in ("dashboard:job_list", "dashboard:home"):
            response = client.get(_url(me.network, name))
            assert response.status_code == 200, name
            page = response.content.decode()
            assert f"Utsendelse {me.tag}" in page, name
            assert other.tag not in page, f"{name} of {me.tag} shows {other.tag}'s job"
            assert f"id=\"job-{other.job.pk}\"" not in page
    with using_network(world.b.network):
        assert [job.pk for job in jobs.recent_jobs()] == [world.b.job.pk]
        assert [job.pk for job in jobs.running_jobs()] == [world.b.job.pk]
    assert [job.pk for job in jobs.recent_jobs(network=world.a.network)] == [world.a.job.pk]


def test_another_networks_job_by_id_is_not_found(world):
    for me, other in ((world.a, world.b), (world.b, world.a)):
        client = _client(me.coordinator)
        own = client.get(_url(me.network, "dashboard:job_detail", pk=me.job.pk))
        assert own.status_code == 200 and f"Utsendelse {me.tag}" in own.content.decode()
        # Another network's job under my network's address: 404, like a job that does not exist …
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(_url(me.network, "dashboard:job_detail", pk=other.job.pk), headers=headers)
            assert response.status_code == 404
            assert other.tag not in response.content.decode()
        missing = Job.objects.order_by("-pk").first().pk + 1
        assert client.get(_url(me.network, "dashboard:job_detail", pk=missing)).status_code == 404
        # … and the other network's own address is not mine to open.
        assert client.get(_url(other.network, "dashboard:job_detail", pk=other.job.pk)).status_code == 403


def test_a_bulk_email_goes_only_to_its_networks_contacts(world):
    for side in (world.a, world.b):
        stored = set(BulkEmailRecipient.objects.filter(bulk_email=side.bulk).values_list("email", flat=True))
        assert stored == OWN_EMAILS[side.tag]
        for audience in ("all", "primary"):
            roles = bulk_email.recipients_for(world.everyone, audience=audience, network=side.network)
            assert {role.network_id for role in roles} == {side.network.pk}
            assert {role.person.email for role in roles} <= OWN_EMAILS[side.tag]
    # «Primary contacts»: one per member; the shared member's primary contact is A's, so B writes to its
    # contact in B instead.
    primary_b = bulk_email.recipients_for(world.everyone, audience="primary", network=world.b.network)
    assert {role.person.email for role in primary_b} == {"kontakt@bravo9x.example.no", "felles-b@felles.example.no"}
    primary_a = bulk_email.recipients_for(world.everyone, audience="primary", network=world.a.network)
    assert {role.person.email for role in primary_a} == {"kontakt@alfa7q.example.no", "felles-a@felles.example.no"}


def test_an_email_to_only_the_other_networks_member_is_refused(world):
    with pytest.raises(ValidationError):
        bulk_email.start_bulk_email(
            network=world.b.network, organisations=[world.a.organisation], audience="all", subject="S",
            body="B", selection="", by=world.b.coordinator,
        )  # fmt: skip
    assert Job.objects.filter(network=world.b.network).count() == 1


def test_the_bulk_email_page_counts_the_networks_own_contacts(world):
    client = _client(world.b.coordinator)
    page = client.get(_url(world.b.network, "dashboard:bulk_email"), {"org": world.shared.pk}).content.decode()
    assert "Alle kontaktpersoner (1)" in page and "Primærkontakter (1)" in page
    # A's member asked for under B's address: nobody to write to.
    page = client.get(_url(world.b.network, "dashboard:bulk_email"), {"org": world.a.organisation.pk})
    assert "Alle kontaktpersoner (0)" in page.content.decode()
    # The log of B's email on its job page names none of A's contacts.
    log = client.get(_url(world.b.network, "dashboard:job_detail", pk=world.b.job.pk)).content.decode()
    assert "felles-b@felles.example.no" in log
    assert not any(address in log for address in OWN_EMAILS["ALFA7Q"])


def test_a_second_networks_email_is_sent_as_that_network_when_the_worker_speaks_for_the_first(world):
    a, b = world.a, world.b
    assert current_network() == a.network  # the worker's default: nothing active, so the first
    mail.outbox.clear()
    bulk_email.send_bulk_email(b.bulk.pk)  # the Celery task's function, run here as the worker would
    assert current_network() == a.network  # the job's network was active for the sending only
    assert sorted(message.to[0] for message in mail.outbox) == sorted(OWN_EMAILS["BRAVO9X"])
    for message in mail.outbox:
        assert message.from_email == sender(b.network) == "Klyngenettverket Bravo <post@bravo.example.no>"
        assert message.subject == "[Bravo] Utsendelse BRAVO9X"
        assert message.body.startswith("Hei fra BRAVO9X")
        assert message.body.rstrip().endswith("Hilsen Klyngenettverket Bravo")
        assert a.network.name not in message.body
    job = Job.objects.get(pk=b.job.pk)
    assert (job.status, job.done, job.total) == (Job.Status.DONE, 3, 3)

    mail.outbox.clear()
    bulk_email.send_bulk_email(a.bulk.pk)
    assert {message.subject for message in mail.outbox} == {f"[{a.network.label}] Utsendelse ALFA7Q"}
    assert {message.from_email for message in mail.outbox} == {sender(a.network)}
    assert all(message.body.rstrip().endswith(f"Hilsen {a.network.name}") for message in mail.outbox)
