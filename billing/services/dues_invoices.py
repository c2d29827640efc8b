"""One member's dues (R3): the schedule and tier for a year, the population basis, and issuing the
member's dues invoice. The annual run that calls it is in billing.services.dues."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.models import Membership, Network, Organisation, User
from members.networks import default_network
from members.queries import population_basis

from ..models import (
    FIRST_DUES_YEAR,
    DuesSchedule,
    DuesTier,
    Invoice,
    Issuer,
)
from .invoices import issue_invoice

_UNSET = object()


class DuesNotIssuable(ValidationError):
    """The member cannot be invoiced yet: the reason says what the coordinator must fix."""


@dataclass(frozen=True)
class DuesBasis:
    tier: DuesTier
    population: int | None
    population_date: datetime.date | None


def schedule_for(year: int, network: Network | None = None) -> DuesSchedule | None:
    """`network`'s schedule in force on 1 January of `year` (the latest valid-from on or before it).

    `network`: the default network when not given (pages that do not yet name their network)."""
    network = network or default_network()
    return (
        DuesSchedule.objects.filter(network=network, valid_from__lte=datetime.date(year, 1, 1))
        .order_by("-valid_from")
        .first()
    )


def tiers_for(year: int, network: Network | None = None) -> list[DuesTier]:
    """The tiers of `network`'s schedule in force for `year` (R3); raises when none applies."""
    if year < FIRST_DUES_YEAR:
        raise DuesNotIssuable(_("Det betales ikke kontingent før %(year)s.") % {"year": FIRST_DUES_YEAR})
    schedule = schedule_for(year, network)
    if schedule is None:
        raise DuesNotIssuable(_("Ingen kontingentsats gjelder for %(year)s.") % {"year": year})
    return list(schedule.tiers.all())


def dues_basis(
    *,
    organisation: Organisation,
    year: int,
    tiers: list[DuesTier] | None = None,
    figure=_UNSET,
    network: Network | None = None,
) -> DuesBasis:
    """The tier and population an organisation's dues for `year` in `network` are computed from (R3).

    `tiers`: the network's tiers already looked up; `figure`: the population figure already looked up
    (None: there is none), to spare a query.
    """
    tiers = tiers_for(year, network) if tiers is None else tiers
    if figure is _UNSET:
        figure = population_basis(organisation, datetime.date(year, 1, 1))
    population = figure.population if figure else None
    for tier in tiers:
        if tier.covers(kind=organisation.kind, population=population):
            return DuesBasis(
                tier=tier,
                population=population,
                population_date=figure.reference_date if figure else None,
            )
    if population is None:
        raise DuesNotIssuable(
            _("%(name)s mangler folketall per 1. januar %(year)s.") % {"name": organisation.name, "year": year}
        )
    raise DuesNotIssuable(_("Ingen kontingenttrinn passer for %(name)s.") % {"name": organisation.name})


def _dues_line(*, network: str, year: int, basis: DuesBasis, language: str) -> str:
    with override(language):
        if basis.population is not None:
            return _("Kontingent %(network)s %(year)s – %(tier)s (folketall %(population)s per %(date)s)") % {
                "network": network,
                "year": year,
                "tier": basis.tier.label,
                "population": f"{basis.population:,}".replace(",", "\u00a0"),
                "date": basis.population_date.strftime("%d.%m.%Y"),
            }
        return _("Kontingent %(network)s %(year)s – %(tier)s") % {
            "network": network,
            "year": year,
            "tier": basis.tier.label,
        }


def issue_dues_invoice(
    *,
    membership: Membership,
    year: int,
    by: User | None = None,
    issue_date: datetime.date | None = None,
    tiers: list[DuesTier] | None = None,
    pdf_only: bool = False,
) -> Invoice | None:
    """Issue `membership`'s dues invoice for `year` in its network, in its own transaction; None if it exists
    already. A network without an issuer is refused (DuesNotIssuable with the reason).

    Idempotent: the existence check runs after the number counter is locked, so two runs
    at once cannot both issue, and the database constraint is the last guard.
    """
    organisation = membership.organisation
    network = membership.network
    try:
        Issuer.objects.for_network(network)
    except ValidationError as error:
        raise DuesNotIssuable(error.messages) from error
    basis = dues_basis(organisation=organisation, year=year, tiers=tiers_for(year, network) if tiers is None else tiers)
    try:
        with transaction.atomic():
            return issue_invoice(
                organisation=organisation,
                membership=membership,
                network=network,
                purpose=Invoice.Purpose.DUES,
                dues_year=year,
                lines=[
                    (
                        _dues_line(
                            network=membership.network.name,
                            year=year,
                            basis=basis,
                            language=organisation.preferred_language,
                        ),
                        basis.tier.amount_ore,
                    )
                ],
                population=basis.population,
                population_date=basis.population_date,
                tier_label=basis.tier.label,
                pdf_only=pdf_only,
                issue_date=issue_date,
                by=by,
                skip_if=lambda: dues_invoice_exists(organisation_id=organisation.pk, year=year, network_id=network.pk),
            )
    except IntegrityError:
        # Lost a race that the counter lock did not serialise (e.g. another counter key): the
        # constraint held, and the rollback returned the number.
        if dues_invoice_exists(organisation_id=organisation.pk, year=year, network_id=network.pk):
            return None
        raise


def dues_invoice_exists(*, organisation_id: int, year: int, network_id: int) -> bool:
    return Invoice.objects.filter(
        organisation_id=organisation_id,
        network_id=network_id,
        dues_year=year,
        type=Invoice.Type.INVOICE,
        purpose=Invoice.Purpose.DUES,
    ).exists()
