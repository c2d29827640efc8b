"""List pages make the same number of queries for few and many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import services
from activities.models import ActivityTargets
from tests.factories import (
    BaerekraftsfredagFactory,
    EventFactory,
    MembershipFactory,
    PersonFactory,
    RegistrationFactory,
    first_network,
)

pytestmark = pytest.mark.django_db


def _same_queries(client, url, grow, django_assert_num_queries):
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    grow()
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_check_in_list(client, coordinator, django_assert_num_queries):
    event = EventFactory()
    for _ in range(3):
        services.check_in(registration=RegistrationFactory(event=event), by=None)
    client.force_login(coordinator)

    def grow():
        for n in range(30):
            registration = RegistrationFactory(event=event)
            if n % 2:
                services.check_in(registration=registration, by=None)

    _same_queries(client, reverse("activities:checkin", args=[event.pk]), grow, django_assert_num_queries)


def test_public_events_page(client, django_assert_num_queries):
    BaerekraftsfredagFactory()
    _same_queries(
        client,
        reverse("activities:public_events"),
        lambda: [BaerekraftsfredagFactory() for _ in range(20)],
        django_assert_num_queries,
    )


def test_portal_register_page(client, member_contact, django_assert_num_queries):
    organisation = member_contact.person.organisation
    event = EventFactory()
    client.force_login(member_contact)

    def grow():
        for _ in range(15):
            services.register_person(event=event, person=PersonFactory(organisation=organisation), by=None)

    _same_queries(
        client, reverse("activities:portal_register", args=[event.pk, organisation.pk]), grow, django_assert_num_queries
    )


def test_attendance_import_review_list(client, coordinator, django_assert_num_queries):
    event = EventFactory()
    ActivityTargets.for_network(first_network())
    MembershipFactory()
    services.import_participants(event=event, content="navn,e-post\nAnn Berg,a@x.no\n", by=coordinator)
    client.force_login(coordinator)

    def grow():
        rows = "".join(f"Person {n},p{n}@x.no\n" for n in range(20))
        services.import_participants(event=event, content="navn,e-post\n" + rows, by=coordinator)

    _same_queries(client, reverse("activities:attendance_import", args=[event.pk]), grow, django_assert_num_queries)
