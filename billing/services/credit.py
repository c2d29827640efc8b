"""The members' credit balance: overpayments in, refunds and set-offs out, never below zero (R4).

Each movement is one new CreditBalanceEntry written under a row lock, so two clicks (or two
clerks) cannot refund or set off the same money twice: the organisation's row is locked for
what takes money out of the balance, the invoice's row for what is measured against an invoice.
Locks are always taken organisation first, then invoice.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import kontonr

from members.models import Network, Organisation, User
from members.networks import current_network
from members.templatetags.formatting import format_kroner

from ..models import FIRST_DUES_YEAR, CreditBalanceEntry, Invoice, Payment
from ..queries import credit_balance, with_balance


def kroner(ore: int) -> str:
    """Øre for a message whose text says the unit: `12 500,50` (nb), `12,500.50` (en)."""
    return format_kroner(ore, unit=False)


def _balance_of(invoice: Invoice) -> Invoice:
    return with_balance(Invoice.objects.filter(pk=invoice.pk)).get()


def lock_invoice(invoice: Invoice) -> Invoice:
    """Lock the invoice's row (no one else registers, moves or sets off against it) and read its balance."""
    Invoice.objects.select_for_update().filter(pk=invoice.pk).first()
    return _balance_of(invoice)


def record_overpayment(*, payment: Payment, surplus_ore: int, by: User | None) -> CreditBalanceEntry:
    """Move `surplus_ore` of `payment` off its invoice onto the member's credit balance.

    The caller holds the invoice's lock and has measured the surplus under it.
    """
    invoice = payment.invoice
    entry = CreditBalanceEntry(
        organisation_id=invoice.organisation_id,
        network_id=invoice.network_id,
        kind=CreditBalanceEntry.Kind.OVERPAYMENT,
        amount_ore=surplus_ore,
        payment=payment,
        source_invoice=invoice,
        created_by=by,
    )
    entry.full_clean(exclude=["organisation", "network", "payment", "source_invoice", "created_by"])
    entry._history_user = by
    entry.save()
    return entry


@transaction.atomic
def move_surplus_to_credit(*, invoice: Invoice, by: User | None = None) -> CreditBalanceEntry:
    """An invoice paid beyond its amount (an OCR payment, a credit note after payment): its surplus
    becomes the member's credit balance, recorded against the payment that brought it over."""
    fresh = lock_invoice(invoice)
    if fresh.is_credit_note:
        raise ValidationError(_("En kreditnota har ingen innbetalinger."))
    if fresh.surplus_ore <= 0:
        raise ValidationError(_("Fakturaen er ikke overbetalt."))
    payment = fresh.payments.order_by("-paid_on", "-pk").first()
    return record_overpayment(payment=payment, surplus_ore=fresh.surplus_ore, by=by)


def _lock_organisation(organisation: Organisation, network: Network | int) -> int:
    """Lock the organisation's row and read its credit balance in `network` under the lock."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    return credit_balance(organisation.pk, network)


@transaction.atomic
def refund_credit(
    *,
    organisation: Organisation,
    amount_ore: int,
    refunded_on: datetime.date,
    bank_account: str,
    note: str = "",
    by: User | None = None,
    network: Network | None = None,
) -> CreditBalanceEntry:
    """Record that `amount_ore` of the member's credit balance in `network` (the current one) was paid
    back to `bank_account`."""
    network = network or current_network()
    balance = _lock_organisation(organisation, network)
    errors: dict[str, list[str]] = {}
    if balance <= 0:
        raise ValidationError(_("%(name)s har ingen kreditsaldo å betale tilbake.") % {"name": organisation.name})
    if amount_ore is None or amount_ore <= 0:
        errors["amount_ore"] = [_("Beløpet må være større enn null.")]
    elif amount_ore > balance:
        errors["amount_ore"] = [
            _("Kreditsaldoen er %(balance)s kr: mer kan ikke betales tilbake.") % {"balance": kroner(balance)}
        ]
    today = timezone.localdate()
    if refunded_on is None or refunded_on > today:
        errors["refunded_on"] = [_("Tilbakebetalingsdatoen kan ikke være fram i tid.")]
    elif refunded_on < datetime.date(FIRST_DUES_YEAR, 1, 1):
        errors["refunded_on"] = [_("Tilbakebetalingsdatoen kan ikke være før 2023.")]
    account = kontonr.compact(bank_account or "")
    if not kontonr.is_valid(account):
        errors["bank_account"] = [_("Kontonummeret må ha 11 sifre med gyldig kontrollsiffer (MOD11).")]
    if errors:
        raise ValidationError(errors)
    entry = CreditBalanceEntry(
        organisation=organisation,
        network=network,
        kind=CreditBalanceEntry.Kind.REFUND,
        amount_ore=-amount_ore,
        refunded_on=refunded_on,
        bank_account=account,
        note=note.strip(),
        created_by=by,
    )
    entry.full_clean(exclude=["organisation", "network", "created_by"])
    entry._history_user = by
    entry.save()
    return entry


@transaction.atomic
def set_off_credit(
    *, organisation: Organisation, invoice: Invoice, amount_ore: int | None = None, by: User | None = None
) -> CreditBalanceEntry:
    """Set the member's credit balance against its open `invoice`: the whole balance or what is
    outstanding, whichever is less (amount None), or `amount_ore` within both. The invoice stays
    as issued; the set-off is its own row, and the invoice's outstanding amount goes down by it.
    The balance used is the member's in the invoice's network (the money that network's issuer holds)."""
    balance = _lock_organisation(organisation, invoice.network_id)
    fresh = lock_invoice(invoice)
    if fresh.organisation_id != organisation.pk or fresh.is_credit_note:
        raise ValidationError({"invoice": [_("Velg en av medlemmets egne fakturaer.")]})
    if balance <= 0:
        raise ValidationError(_("%(name)s har ingen kreditsaldo å motregne.") % {"name": organisation.name})
    if fresh.outstanding_ore <= 0:
        raise ValidationError(
            {"invoice": [_("Faktura %(number)s har ikke noe utestående.") % {"number": fresh.number}]}
        )
    most = min(balance, fresh.outstanding_ore)
    amount_ore = most if amount_ore is None else amount_ore
    if amount_ore <= 0 or amount_ore > most:
        raise ValidationError(
            {
                "amount_ore": [
                    _(
                        "Beløpet må være mellom 0,01 og %(most)s kr (kreditsaldo %(balance)s kr, "
                        "utestående %(outstanding)s kr)."
                    )
                    % {"most": kroner(most), "balance": kroner(balance), "outstanding": kroner(fresh.outstanding_ore)}
                ]
            }
        )
    entry = CreditBalanceEntry(
        organisation=organisation,
        network_id=fresh.network_id,
        kind=CreditBalanceEntry.Kind.SET_OFF,
        amount_ore=-amount_ore,
        invoice=fresh,
        created_by=by,
    )
    entry.full_clean(exclude=["organisation", "network", "invoice", "created_by"])
    entry._history_user = by
    entry.save()
    return entry
