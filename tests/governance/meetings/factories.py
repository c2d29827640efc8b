"""Factories for meetings, cases and steering-group seats (tests of issue 6 only)."""

import datetime

import factory

from governance.models import Body, BodyKind, Meeting, Term
from tests.factories import OrganisationFactory, PersonFactory
from tests.factories.members import first_network


class SteeringGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("network", "kind")

    network = factory.LazyFunction(first_network)
    kind = BodyKind.STEERING_GROUP
    name = "Styringsgruppen"
    slug = "styringsgruppen"


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.LazyFunction(first_network)
    kind = BodyKind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbeidsgruppe {n}")
    slug = factory.Sequence(lambda n: f"arbeidsgruppe-{n}")


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    body = factory.SubFactory(SteeringGroupFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..organisation"))
    role = Term.Role.MEMBER
    starts_on = datetime.date(2020, 1, 1)
    ends_on = datetime.date(2035, 12, 31)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A bare meeting row; tests that exercise the rules use the services instead."""

    class Meta:
        model = Meeting

    body = factory.SubFactory(SteeringGroupFactory)
    date = datetime.date(2024, 3, 14)
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(12, 0)
    place = "KS-huset, Haakon VIIs gate 9, Oslo"
    video_link = "https://teams.example.no/mote"
