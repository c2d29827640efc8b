import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from activities.models import Event
from activities.services.attendance_reminders import send_attendance_reminders
from tests.factories import AttendanceFactory, ContactRoleFactory, EventFactory, MembershipFactory


@pytest.fixture
def members(db):
    came = MembershipFactory(organisation__name="Kom kommune").organisation
    absent = MembershipFactory(organisation__name="Borte kommune").organisation
    for organisation in (came, absent):
        ContactRoleFactory(organisation=organisation)
    past = EventFactory(kind=Event.Kind.GATHERING, starts_at=timezone.now() - datetime.timedelta(hours=7))  # ended an hour ago, this year
    AttendanceFactory(event=past, organisation=came)
    return came, absent


def test_members_without_attendance_hear_about_the_next_gathering(members):
    came, absent = members
    upcoming = EventFactory(kind=Event.Kind.GATHERING, starts_at=timezone.now() + datetime.timedelta(minutes=5),
                            title="Høstsamlingen")
    sent = send_attendance_reminders(today=timezone.localdate())
    assert sent == [absent.contact_roles.get().person.email]
    assert "Høstsamlingen" in mail.outbox[0].subject and "Borte kommune" in mail.outbox[0].body
    assert upcoming.place in mail.outbox[0].body


def test_the_reminder_goes_once_a_year(members):
    EventFactory(kind=Event.Kind.GATHERING, starts_at=timezone.now() + datetime.timedelta(minutes=5))
    send_attendance_reminders(today=timezone.localdate())
    assert send_attendance_reminders(today=timezone.localdate()) == []
    assert len(mail.outbox) == 1


def test_no_reminder_when_no_gathering_is_left_this_year(members):
    assert send_attendance_reminders(today=timezone.localdate()) == []
    assert mail.outbox == []


def test_the_portal_shows_the_members_own_checklist(client, members):
    from tests.factories import UserFactory

    _came, absent = members
    role = absent.contact_roles.get()
    user = UserFactory(email=role.person.email)
    role.person.user = user
    role.person.save()
    client.force_login(user)
    page = client.get(reverse("members:portal_home"), follow=True).content.decode()
    assert "Minsteforpliktelser" in page
    assert "Ingen representant har deltatt på en fysisk nettverkssamling i år" in page
