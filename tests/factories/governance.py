"""Factories for the governance app."""

import datetime

import factory

from governance.models import Body, BodyKind, Election, Term

from .members import MembershipFactory, PersonFactory, first_network


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    network = factory.LazyFunction(first_network)
    kind = BodyKind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbeidsgruppe {n}")
    slug = factory.Sequence(lambda n: f"arbeidsgruppe-{n}")
    theme = "Indikatorer"


def member_person(**kwargs):
    """A person from a member in good standing (an active membership is made for them)."""
    membership = MembershipFactory()
    return PersonFactory(organisation=membership.organisation, **kwargs)


class ElectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Election

    body = factory.LazyFunction(lambda: Body.objects.get(network=first_network(), kind=BodyKind.STEERING_GROUP))
    year = 2025
    terms_start_on = datetime.date(2025, 4, 1)


__all__ = ["WorkingGroupFactory", "ElectionFactory", "member_person", "Term"]
