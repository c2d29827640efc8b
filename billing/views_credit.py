"""The members' credit balances for billing staff: see them, refund them, set them against invoices."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.networks import current_network

from . import forms, queries
from .access import billing_staff_required
from .services.credit import kroner, move_surplus_to_credit, refund_credit, set_off_credit
from .views import _apply_validation_error


@require_GET
@billing_staff_required
def credit_balance_list(request):
    context = {
        "balances": list(queries.credit_balances(current_network())),
        "overpaid": queries.overpaid_invoices(current_network()),
    }
    return render(request, "billing/credit_balance_list.html", context)


def _detail(request, organisation, *, refund_form=None, set_off_form=None, status: int = 200):
    network = current_network()
    open_invoices = list(queries.open_invoices(organisation.pk, network))
    context = {
        "organisation": organisation,
        "balance_ore": queries.credit_balance(organisation.pk, network),
        "entries": queries.credit_entries(organisation.pk, network),
        "open_invoices": open_invoices,
        "refund_form": refund_form or forms.RefundForm(initial={"refunded_on": timezone.localdate()}),
        "set_off_form": set_off_form or forms.SetOffForm(invoices=open_invoices),
    }
    return render(request, "billing/credit_balance_detail.html", context, status=status)


@require_GET
@billing_staff_required
def credit_balance_detail(request, org_pk: int):
    return _detail(request, queries.organisation_for_billing(request.user, org_pk))


@require_POST
@billing_staff_required
def credit_refund(request, org_pk: int):
    organisation = queries.organisation_for_billing(request.user, org_pk)
    form = forms.RefundForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = refund_credit(
                organisation=organisation,
                amount_ore=forms.kroner_to_ore(data["amount"]),
                refunded_on=data["refunded_on"],
                bank_account=data["bank_account"],
                note=data["note"],
                by=request.user,
                network=current_network(),
            )
        except ValidationError as error:
            _apply_validation_error(
                form,
                error,
                {"amount_ore": "amount", "refunded_on": "refunded_on", "bank_account": "bank_account"},
            )
        else:
            messages.success(
                request, _("Tilbakebetaling av %(amount)s kr er registrert.") % {"amount": kroner(-entry.amount_ore)}
            )
            return redirect("billing:credit_balance_detail", org_pk=organisation.pk)
    return _detail(request, organisation, refund_form=form, status=400)


@require_POST
@billing_staff_required
def credit_set_off(request, org_pk: int):
    organisation = queries.organisation_for_billing(request.user, org_pk)
    invoices = list(queries.open_invoices(organisation.pk, current_network()))
    form = forms.SetOffForm(request.POST, invoices=invoices)
    if form.is_valid():
        amount = form.cleaned_data["amount"]
        invoice = next(i for i in invoices if i.pk == form.cleaned_data["invoice"])
        try:
            entry = set_off_credit(
                organisation=organisation,
                invoice=invoice,
                amount_ore=forms.kroner_to_ore(amount) if amount is not None else None,
                by=request.user,
            )
        except ValidationError as error:
            _apply_validation_error(form, error, {"amount_ore": "amount", "invoice": "invoice"})
        else:
            messages.success(
                request,
                _("%(amount)s kr av kreditsaldoen er motregnet mot faktura %(number)s.")
                % {"amount": kroner(-entry.amount_ore), "number": invoice.number},
            )
            return redirect("billing:credit_balance_detail", org_pk=organisation.pk)
    return _detail(request, organisation, set_off_form=form, status=400)


@require_POST
@billing_staff_required
def invoice_surplus_to_credit(request, pk: int):
    """An overpaid invoice's surplus (an OCR payment, say) becomes the member's credit balance."""
    invoice = queries.invoice_for(request.user, pk)
    try:
        entry = move_surplus_to_credit(invoice=invoice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("billing:invoice_detail", pk=invoice.pk)
    messages.success(
        request,
        _("%(amount)s kr er ført som kreditsaldo for %(name)s.")
        % {"amount": kroner(entry.amount_ore), "name": invoice.organisation.name},
    )
    return redirect("billing:credit_balance_detail", org_pk=invoice.organisation_id)
