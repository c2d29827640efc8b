"""Factories for the billing app. Invoices are issued through the services, never built by hand."""

import datetime
import itertools

from billing.documents.ocr import ocr_giro_file
from billing.models import DuesSchedule, DuesTier
from members.models import Organisation

from .members import MembershipFactory, OrganisationFactory, PopulationFigureFactory

__all__ = ["dues_member", "dues_schedule_2023", "ocr_file"]

ocr_file = ocr_giro_file

_county_numbers = itertools.count()


def dues_schedule_2023() -> DuesSchedule:
    """The 2023 schedule as migration 0002 loads it (transactional tests flush migration data)."""
    schedule, created = DuesSchedule.objects.get_or_create(
        valid_from=datetime.date(2023, 1, 1), defaults={"name": "Samarbeidsavtalen §7 (2023)"}
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
    joined_on: datetime.date = datetime.date(2022, 6, 3),
    agreement_ends_on: datetime.date | None = datetime.date(2028, 6, 3),
    **organisation_fields,
):
    """An active member with a population figure and a current agreement (renewed once, to 2028):
    what the dues run needs to invoice it without holding it (R1)."""
    dues_schedule_2023()
    if kind == Organisation.Kind.FYLKESKOMMUNE:
        organisation_fields.setdefault("number", f"{10 + next(_county_numbers) % 90:02d}")
    organisation = OrganisationFactory(kind=kind, **organisation_fields)
    if population is not None:
        PopulationFigureFactory(organisation=organisation, population=population, reference_date=population_date)
    return MembershipFactory(organisation=organisation, joined_on=joined_on, agreement_ends_on=agreement_ends_on)
