from django.urls import path

from . import views, views_credit

app_name = "billing"

urlpatterns = [
    path("", views.invoice_list, name="invoice_list"),
    path("kontingentkjoring/", views.dues_run_start, name="dues_run_start"),
    path("kontingentkjoring/<int:year>/", views.dues_run_progress, name="dues_run_progress"),
    path("kontingentkjoring/<int:year>/oversikt/", views.dues_run_review, name="dues_run_review"),
    path("kontingentkjoring/<int:year>/valg/", views.dues_run_choices, name="dues_run_choices"),
    path("innbetalinger/", views.payments_review, name="payments_review"),
    path("innbetalinger/<int:pk>/knytt/", views.payment_match, name="payment_match"),
    path("innstillinger/", views.billing_settings, name="settings"),
    path("kreditsaldo/", views_credit.credit_balance_list, name="credit_balance_list"),
    path("kreditsaldo/<int:org_pk>/", views_credit.credit_balance_detail, name="credit_balance_detail"),
    path("kreditsaldo/<int:org_pk>/tilbakebetal/", views_credit.credit_refund, name="credit_refund"),
    path("kreditsaldo/<int:org_pk>/motregn/", views_credit.credit_set_off, name="credit_set_off"),
    path("<int:pk>/til-kreditsaldo/", views_credit.invoice_surplus_to_credit, name="invoice_surplus_to_credit"),
    path("<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("<int:pk>/min/", views.my_invoice, name="my_invoice"),
    path("<int:pk>/pdf/", views.invoice_pdf, name="invoice_pdf"),
    path("<int:pk>/ehf/", views.invoice_ehf, name="invoice_ehf"),
    path("<int:pk>/send/", views.invoice_resend, name="invoice_resend"),
    path("<int:pk>/innbetaling/", views.invoice_register_payment, name="invoice_register_payment"),
    path("<int:pk>/krediter/", views.invoice_credit, name="invoice_credit"),
]
