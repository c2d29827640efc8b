"""Factories for the billing app. Invoices are issued through the services, never built by hand."""

import datetime
import itertools
from decimal import Decimal

import netsgiro

from billing.models import DuesSchedule, DuesTier
from members.models import Organisation

from .members import MembershipFactory, OrganisationFactory, PopulationFigureFactory

__all__ = ["dues_member", "dues_schedule_2023", "ocr_file"]

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
    **organisation_fields,
):
    """An active member with a population figure: what the dues run needs."""
    dues_schedule_2023()
    if kind == Organisation.Kind.FYLKESKOMMUNE:
        organisation_fields.setdefault("number", f"{10 + next(_county_numbers) % 90:02d}")
    organisation = OrganisationFactory(kind=kind, **organisation_fields)
    if population is not None:
        PopulationFigureFactory(organisation=organisation, population=population, reference_date=population_date)
    return MembershipFactory(organisation=organisation, joined_on=joined_on)


def ocr_file(
    payments,
    *,
    on: datetime.date = datetime.date(2025, 3, 1),
    number: str = "1000081",
    transaction_type=netsgiro.TransactionType.PURCHASE_WITH_TEXT,
) -> bytes:
    """A Nets OCR giro file (80-character records) with one transaction per (kid, amount in øre)."""
    transmission = netsgiro.Transmission(
        number=number, data_transmitter=netsgiro.NETS_ID, data_recipient="00008080", date=on
    )
    assignment = transmission.add_assignment(
        service_code=netsgiro.ServiceCode.OCR_GIRO,
        assignment_type=netsgiro.AssignmentType.TRANSACTIONS,
        number="4000086",
        account="86011117947",
        agreement_id="001008566",
        date=on,
    )
    for index, (kid, amount_ore) in enumerate(payments, start=1):
        assignment.transactions.append(
            netsgiro.Transaction(
                service_code=netsgiro.ServiceCode.OCR_GIRO,
                type=transaction_type,
                number=index,
                date=on,
                amount=Decimal(amount_ore) / 100,
                kid=kid,
                reference=f"{99038562 + index:09d}",
                text=None,
                centre_id="13",
                day_code=on.day,
                partial_settlement_number=1,
                partial_settlement_serial_number="01234",
                sign="0",
                form_number="9636827194",
                bank_date=on - datetime.timedelta(days=1),
                debit_account="99990512341",
                filler="0000000",
            )
        )
    return transmission.to_ocr().encode("iso-8859-1")
