"""Billing pages for the coordinator and the billing administrator; downloads for member contacts too."""

from __future__ import annotations

import hashlib
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from members.networks import current_network
from members.query_params import year_param

from . import forms, queries
from .access import billing_staff_required
from .documents.ehf import EhfNotPossible, ehf_problems, render_ehf
from .documents.pdf import render_pdf
from .models import FIRST_DUES_YEAR, DuesRun, DuesRunChoice, DuesRunItem, DuesTier, Invoice, Issuer
from .roles import can_manage_billing
from .services.delivery import document_filename
from .services.dues import DuesRunOverview, plan_dues_run, record_dues_run_choices, start_dues_run
from .services.invoices import issue_credit_note
from .services.payments import (
    OcrFileInvalid,
    OverpaymentNotConfirmed,
    import_ocr,
    match_payment,
    register_payment,
)
from .services.settings import set_up_issuer, update_billing_settings


def login_required_404(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


# A national association has thousands of invoices a year; each row costs rendering time (make bench).
INVOICES_PER_PAGE = 50


def _year(request) -> int:
    return year_param(request.GET)


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("side", None)
    return params.urlencode()


@require_GET
@billing_staff_required
def invoice_list(request):
    year = _year(request)
    network = current_network()
    version = queries.invoice_list_version()
    context = {
        "year": year,
        "years": list(range(timezone.localdate().year + 1, 2022, -1)),
        "invoice_table": _invoice_table(request, year, version, network),
        "summary": queries.dues_summary(year, network=network, version=version),
        "preview": queries.dues_run_preview(year, network=network, version=version),
        "run": DuesRun.objects.filter(network=network, year=year).first(),
    }
    return render(request, "billing/invoice_list.html", context)


def _invoice_table(request, year: int, version: str, network) -> str:
    """The filtered, paged table: rendering its rows is most of the page's cost (make bench), so it is
    cached until an invoice, credit note, delivery or payment changes (core.fingerprint). The date
    is in the key because "overdue" moves with it."""
    stamp = ":".join(
        [
            get_language(),
            str(network.pk),
            timezone.localdate().isoformat(),
            str(year),
            request.GET.urlencode(),
            version,
        ]
    )
    key = "billing:invoice-table:" + hashlib.sha256(stamp.encode()).hexdigest()
    html = caches["local"].get(key)
    if html is None:
        html = render_to_string("billing/_invoice_table.html", _invoice_table_context(request, year, network))
        caches["local"].set(key, html, 3600)
    return mark_safe(html)  # noqa: S308 — our own autoescaped template


def _invoice_table_context(request, year: int, network) -> dict:
    tiers = list(
        DuesTier.objects.filter(schedule__network=network).order_by("label").values_list("label", flat=True).distinct()
    )
    form = forms.InvoiceFilterForm(request.GET or None, tiers=tiers)
    invoices = queries.with_balance(
        Invoice.objects.filter(network=network)
        .filter(Q(dues_year=year) | Q(dues_year__isnull=True, issue_date__year=year))
        .select_related("credited_invoice")
    ).order_by("-number")
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            invoices = invoices.filter(status=data["status"])
        if data["tier"]:
            invoices = invoices.filter(tier_label=data["tier"])
        if data["overdue"]:
            invoices = invoices.filter(status=queries.Status.OVERDUE)
        if data["q"]:
            q = data["q"].strip()
            match = Q(buyer_name__icontains=q) | Q(kid=q)
            if q.isdigit():
                match |= Q(number=int(q))
            invoices = invoices.filter(match)
    page = Paginator(invoices, INVOICES_PER_PAGE).get_page(request.GET.get("side"))
    return {
        "year": year,
        "form": form,
        "invoices": page.object_list,
        "page": page,
        "page_query": _without_page(request),
    }


def _dues_year(year: int) -> int:
    """A year the dues run can be previewed for, else 404 (the same bounds as the run's form)."""
    if not FIRST_DUES_YEAR <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


def _dues_run_page(request, year: int, form=None, status: int = 200):
    network = current_network()
    run = DuesRun.objects.filter(network=network, year=year).first()
    try:
        overview = DuesRunOverview(plan_dues_run(year, network))
    except ValidationError as error:  # a network without an issuer: say so instead of a preview
        for message in error.messages:
            messages.error(request, message)
        overview = DuesRunOverview([])
    form = form or forms.DuesRunChoicesForm(plans=overview.plans)
    items = []
    if run is not None:
        items = list(
            run.items.exclude(outcome=DuesRunItem.Outcome.EXISTING)
            .select_related("membership__organisation", "invoice")
            .order_by("outcome", "membership__organisation__name")
        )
    context = {
        "year": year,
        "today": timezone.localdate(),
        "run": run,
        "overview": overview,
        "form": form,
        "agreement_rows": form.listed[DuesRunChoice.Reason.AGREEMENT_ENDED],
        "ehf_rows": form.listed[DuesRunChoice.Reason.NO_EHF],
        "items": items,
        "recorded_choices": list(
            run.choices.select_related("membership__organisation", "decided_by").order_by(
                "membership__organisation__name", "reason"
            )
        )
        if run
        else [],
    }
    return render(request, "billing/dues_run.html", context, status=status)


@require_GET
@billing_staff_required
def dues_run_review(request, year: int):
    """The run's page: before the run, who is invoiced, held and why, and the choices; after it, the result."""
    return _dues_run_page(request, _dues_year(year))


@require_POST
@billing_staff_required
def dues_run_choices(request, year: int):
    year = _dues_year(year)
    network = current_network()
    try:
        plans = plan_dues_run(year, network)
    except ValidationError:
        plans = []
    form = forms.DuesRunChoicesForm(request.POST, plans=plans)
    if not form.is_valid():
        return _dues_run_page(request, year, form=form, status=400)
    try:
        changed = record_dues_run_choices(year=year, choices=form.choices(), by=request.user, network=network)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Valgene er lagret (%(count)s endret).") % {"count": changed})
    return redirect("billing:dues_run_review", year=year)


@require_POST
@billing_staff_required
def dues_run_start(request):
    from .tasks import run_dues

    form = forms.DuesRunForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, error)
        return redirect("billing:invoice_list")
    year = form.cleaned_data["year"]
    network = current_network()
    try:
        with transaction.atomic():
            run = start_dues_run(year=year, by=request.user, network=network)
            if run.is_active:
                messages.info(request, _("Kontingentkjøringen for %(year)s pågår allerede.") % {"year": year})
            else:
                run_dues.delay_on_commit(year, request.user.pk, network.pk)
                messages.success(request, _("Kontingentkjøringen for %(year)s er startet.") % {"year": year})
    except ValidationError as error:  # no dues, no schedule or no issuer: nothing is started
        for message in error.messages:
            messages.error(request, message)
        return redirect("billing:invoice_list")
    return redirect("billing:dues_run_review", year=year)


@require_GET
@billing_staff_required
def dues_run_progress(request, year: int):
    run = DuesRun.objects.filter(network=current_network(), year=year).first()
    return render(request, "billing/_dues_run_progress.html", {"run": run, "year": year})


@require_GET
@login_required_404
def invoice_detail(request, pk: int):
    invoice = queries.invoice_for(request.user, pk)
    if not can_manage_billing(request.user):
        return render(request, "billing/my_invoice.html", {"invoice": invoice, "lines": invoice.lines.all()})
    context = _detail_context(invoice)
    return render(request, "billing/invoice_detail.html", context)


@require_GET
@login_required_404
def my_invoice(request, pk: int):
    """A member contact's view of one of their organisation's invoices."""
    invoice = queries.invoice_for(request.user, pk)
    return render(request, "billing/my_invoice.html", {"invoice": invoice, "lines": invoice.lines.all()})


@require_GET
@login_required_404
def invoice_pdf(request, pk: int):
    invoice = queries.invoice_for(request.user, pk)
    response = HttpResponse(render_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document_filename(invoice, "pdf")}"'
    return response


@require_GET
@login_required_404
def invoice_ehf(request, pk: int):
    invoice = queries.invoice_for(request.user, pk)
    try:
        data = render_ehf(invoice)
    except EhfNotPossible as error:
        return HttpResponse(
            _("EHF kan ikke lages: %(problems)s") % {"problems": " ".join(error.problems)},
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(data, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{document_filename(invoice, "xml")}"'
    return response


@require_POST
@billing_staff_required
def invoice_resend(request, pk: int):
    from .tasks import send_invoice

    invoice = queries.invoice_for(request.user, pk)
    send_invoice.delay_on_commit(invoice.pk, True, request.user.pk)
    messages.success(request, _("Fakturaen sendes på nytt til %(email)s.") % {"email": invoice.buyer_email or "–"})
    return redirect("billing:invoice_detail", pk=invoice.pk)


def _detail_context(invoice: Invoice, **overrides) -> dict:
    return {
        "invoice": invoice,
        "lines": invoice.lines.all(),
        "payments": invoice.payments.select_related("created_by", "ocr_import"),
        "credit_notes": invoice.credit_notes.all(),
        "deliveries": invoice.deliveries.select_related("by"),
        "reminders": invoice.reminders.all(),
        "ehf_problems": ehf_problems(invoice),
        "payment_form": forms.PaymentForm(initial={"paid_on": timezone.localdate()}),
        "credit_form": forms.CreditNoteForm(),
        "credit_balance_ore": queries.credit_balance(invoice.organisation_id, invoice.network_id),
        "moved_to_credit": invoice.surplus_entries.all(),
        "set_off_from_credit": invoice.set_off_entries.all(),
        **overrides,
    }


def _detail_with_errors(request, invoice, **forms_with_errors):
    return render(request, "billing/invoice_detail.html", _detail_context(invoice, **forms_with_errors), status=400)


def _apply_validation_error(form, error: ValidationError, field_map: dict[str, str]):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field_map.get(field), [e for err in errors for e in err.messages])
    else:
        form.add_error(None, error.messages)


@require_POST
@billing_staff_required
def invoice_register_payment(request, pk: int):
    invoice = queries.invoice_for(request.user, pk)
    form = forms.PaymentForm(request.POST)
    if form.is_valid():
        try:
            register_payment(
                invoice=invoice,
                amount_ore=forms.kroner_to_ore(form.cleaned_data["amount"]),
                paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
                note=form.cleaned_data["note"],
                by=request.user,
                confirmed_surplus_ore=form.confirmed_surplus,
            )
        except OverpaymentNotConfirmed as question:
            form = form.ask_to_confirm(surplus_ore=question.surplus_ore, message=question.messages[0])
            return _detail_with_errors(request, invoice, payment_form=form, overpayment=question)
        except ValidationError as error:
            _apply_validation_error(form, error, {"amount_ore": "amount", "paid_on": "paid_on"})
        else:
            messages.success(request, _("Innbetalingen er registrert."))
            return redirect("billing:invoice_detail", pk=invoice.pk)
    return _detail_with_errors(request, invoice, payment_form=form)


@require_POST
@billing_staff_required
def invoice_credit(request, pk: int):
    invoice = queries.invoice_for(request.user, pk)
    form = forms.CreditNoteForm(request.POST)
    if form.is_valid():
        amount = form.cleaned_data["amount"]
        try:
            with transaction.atomic():
                note = issue_credit_note(
                    invoice=invoice,
                    amount_ore=forms.kroner_to_ore(amount) if amount is not None else None,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
                from .services.delivery import schedule_delivery

                schedule_delivery(invoice=note)
        except ValidationError as error:
            _apply_validation_error(form, error, {"amount_ore": "amount", "reason": "reason"})
        else:
            messages.success(request, _("Kreditnota %(number)s er utstedt.") % {"number": note.number})
            return redirect("billing:invoice_detail", pk=note.pk)
    return _detail_with_errors(request, invoice, credit_form=form)


@billing_staff_required
def payments_review(request):
    form = forms.OcrImportForm()
    if request.method == "POST":
        form = forms.OcrImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                network = current_network()
                result = import_ocr(
                    data=upload.read(),
                    filename=upload.name,
                    by=request.user,
                    network=network,
                    match_network_ids=queries.ocr_match_network_ids(request.user, network),
                )
            except OcrFileInvalid as error:
                form.add_error("file", error.messages)
            else:
                messages.success(
                    request,
                    _("Importerte %(count)s innbetalinger fra %(name)s.")
                    % {"count": result.transaction_count, "name": result.filename},
                )
                return redirect("billing:payments_review")
    context = {"form": form, **queries.payments_for_review(current_network())}
    return render(request, "billing/payments_review.html", context, status=400 if form.errors else 200)


@require_POST
@billing_staff_required
def payment_match(request, pk: int):
    network = current_network()
    payment = get_object_or_404(queries.unmatched_payments(network), pk=pk)
    number = request.POST.get("invoice_number", "").strip()
    invoice = (
        Invoice.objects.filter(network=network, number=int(number), type=Invoice.Type.INVOICE).first()
        if number.isascii() and number.isdigit() and len(number) <= 18
        else None
    )
    if invoice is None:
        messages.error(request, _("Fant ingen faktura med nummer %(number)s.") % {"number": number[:20] or "–"})
    else:
        try:
            match_payment(payment=payment, invoice=invoice, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Innbetalingen er knyttet til faktura %(number)s.") % {"number": invoice.number}
            )
    return redirect("billing:payments_review")


@billing_staff_required
def billing_settings(request):
    # The network's issuer. A network that has none yet gets one here: the page is where the coordinator
    # says who invoices.
    network = current_network()
    current = Issuer.objects.filter(networks__network=network).first()
    form = forms.IssuerForm(request.POST or None, instance=current)
    # An issuer that also invoices networks the user does not handle is changed by its own billing
    # administrators only: its details are printed on those networks' invoices too (R13).
    shared = current is not None and not queries.may_change_issuer(request.user, current)
    if shared:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and shared:
        form.add_error(
            None, _("Utstederen fakturerer også andre nettverk. Bare utsteders fakturaadministratorer kan endre den.")
        )
    elif request.method == "POST" and form.is_valid():
        try:
            if current is None:
                set_up_issuer(network=network, values=form.cleaned_data, by=request.user)
            else:
                update_billing_settings(values=form.cleaned_data, by=request.user, issuer=current)
        except ValidationError as error:
            _apply_validation_error(form, error, {})
        else:
            messages.success(request, _("Innstillingene er lagret. De gjelder for fakturaer som utstedes fra nå."))
            return redirect("billing:settings")
    return render(
        request, "billing/settings.html", {"form": form, "shared": shared}, status=400 if form.errors else 200
    )
