"""Factories for the billing app. Invoices are issued through the services, never built by hand."""

import datetime
import importlib
import itertools

from billing.documents.ocr import ocr_giro_file
from billing.models import DuesSchedule, DuesTier, Issuer, NetworkBilling
from members.models import Network, Organisation

from .members import MembershipFactory, OrganisationFactory, PopulationFigureFactory, first_network

__all__ = ["dues_member", "dues_schedule_2023", "make_billing_admin", "network_issuer", "ocr_file"]

ocr_file = ocr_giro_file

_county_numbers = itertools.count()

# The first issuer's details as the data migration writes them; a test's issuer takes the ones it does not name.
FIRST_ISSUER = importlib.import_module("billing.migrations.0009_issuers_networks_nullable").FIRST_ISSUER


def network_issuer(network: Network | None = None, **issuer_fields) -> Issuer:
    """The issuer that invoices `network` (the first network): as migration 0009 leaves it for network 1,
    made again after a flush; with `issuer_fields`, a new issuer for it."""
    network = network or first_network()
    billing, created = NetworkBilling.objects.get_or_create(network=network)
    if issuer_fields or created:
        issuer = (
            Issuer.objects.create(**{**FIRST_ISSUER, **issuer_fields})
            if issuer_fields
            else Issuer.objects.order_by("pk").first()
        )
        billing.issuer = issuer or Issuer.objects.create(**FIRST_ISSUER)
        billing.save()
    return billing.issuer


def dues_schedule_2023(network: Network | None = None) -> DuesSchedule:
    """`network`'s (the first network's) 2023 schedule as migration 0002 loads it, and its issuer
    (transactional tests flush migration data)."""
    network = network or first_network()
    network_issuer(network)
    schedule, created = DuesSchedule.objects.get_or_create(
        network=network, valid_from=datetime.date(2023, 1, 1), defaults={"name": "Samarbeidsavtalen §7 (2023)"}
    )
    if created:
        for kind, low, high, nok, label in [
            ("kommune", None, 19999, 25000, "Kommune under 20 000 innbyggere"),
            ("kommune", 20000, 80000, 50000, "Kommune 20 000–80 000 innbyggere"),
            ("kommune", 80001, None, 75000, "Kommune over 80 000 innbyggere"),
            ("fylkeskommune", None, None, 75000, "Fylkeskommune"),
        ]:
            DuesTier.objects.create(
                schedule=schedule, kind=kind, population_min=low, population_max=high, amount_ore=nok * 100, label=label
            )
    return schedule


def dues_member(
    *,
    population: int | None = 15000,
    kind: str = Organisation.Kind.KOMMUNE,
    population_date: datetime.date = datetime.date(2024, 1, 1),
    network: Network | None = None,
    joined_on: datetime.date = datetime.date(2022, 6, 3),
    agreement_ends_on: datetime.date | None = datetime.date(2028, 6, 3),
    **organisation_fields,
):
    """An active member with a population figure and a current agreement (renewed once, to 2028):
    what the dues run needs to invoice it without holding it (R1)."""
    network = network or first_network()
    dues_schedule_2023(network)
    if kind == Organisation.Kind.FYLKESKOMMUNE:
        organisation_fields.setdefault("number", f"{10 + next(_county_numbers) % 90:02d}")
    organisation = OrganisationFactory(kind=kind, **organisation_fields)
    if population is not None:
        PopulationFigureFactory(organisation=organisation, population=population, reference_date=population_date)
    return MembershipFactory(
        network=network, organisation=organisation, joined_on=joined_on, agreement_ends_on=agreement_ends_on
    )


def make_billing_admin(user, network: Network | None = None):
    """`user` becomes a billing administrator of the issuer that invoices `network` (the first)."""
    from django.contrib.auth.models import Group

    from members.roles import BILLING_ADMIN_GROUP

    user.groups.add(Group.objects.get(name=BILLING_ADMIN_GROUP))
    network_issuer(network).billing_admins.add(user)
    return user
