"""Factories for activities: events, registrations, attendance."""

import datetime
import zoneinfo

import factory

from activities.models import Attendance, Event, Registration

from .members import OrganisationFactory, PersonFactory, first_network

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def oslo(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    network = factory.LazyFunction(first_network)
    kind = Event.Kind.GATHERING
    title = factory.Sequence(lambda n: f"Nettverkssamling {n}")
    description = "Erfaringsdeling og prosjektsamarbeid."
    starts_at = factory.LazyFunction(lambda: oslo(2030, 5, 6, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=6))
    place = "Kommunenes hus, Oslo"
    audience = Event.Audience.MEMBERS


class BaerekraftsfredagFactory(EventFactory):
    kind = Event.Kind.BAEREKRAFTSFREDAG
    title = factory.Sequence(lambda n: f"Bærekraftsfredag {n}")
    place = ""
    video_url = "https://video.example.no/fredag"
    audience = Event.Audience.OPEN
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Deltaker {n}")
    email = factory.Sequence(lambda n: f"deltaker{n}@example.no")
    status = Registration.Status.CONFIRMED


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    name = factory.LazyAttribute(lambda o: o.person.full_name if o.person else "Gjest")
    email = factory.LazyAttribute(lambda o: o.person.email if o.person else "")
    source = Attendance.Source.CHECK_IN


__all__ = ["EventFactory", "BaerekraftsfredagFactory", "RegistrationFactory", "AttendanceFactory", "oslo"]
