"""The member's credit balance (kreditsaldo): an append-only ledger, its balance the sum (R4).

An overpayment never makes an invoice's outstanding amount negative: the surplus leaves the
invoice as a positive entry here (kind overpayment, with the payment and the invoice it came
from). The balance goes down only by a refund (with its date and the account it was paid to) or a
set-off against another invoice of the member (which reduces that invoice's outstanding amount
without changing the issued invoice). Entries are never changed or deleted; on PostgreSQL a
trigger refuses it too (migration 0006).

Imported by billing.models, so Django finds the model in the billing app.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Network, Organisation

from .validators import check_bank_account


def _validate_bank_account(value: str) -> None:
    # Kept by this name: migration 0007 refers to billing.credit_models._validate_bank_account.
    check_bank_account(value)


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(_("Posteringer på kreditsaldoen kan aldri slettes."))

    def update(self, **kwargs):
        raise ValidationError(_("Posteringer på kreditsaldoen kan ikke endres."))


class CreditBalanceEntry(models.Model):
    """One movement of a member's credit balance in one network, in øre: + overpayment, − refund, − set-off.

    The balance is the member's in a network (the money the network's issuer holds for it): an overpayment
    of the network's invoice goes in; a refund, or a set-off against another of the network's invoices,
    comes out.
    """

    class Kind(models.TextChoices):
        OVERPAYMENT = "overpayment", _("Overbetaling")
        REFUND = "refund", _("Tilbakebetaling")
        SET_OFF = "set_off", _("Motregning")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="credit_entries", verbose_name=_("organisasjon")
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="credit_entries", verbose_name=_("nettverk")
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    amount_ore = models.BigIntegerField(_("beløp (øre)"))
    payment = models.ForeignKey(
        "billing.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_entries",
        verbose_name=_("innbetaling"),
    )
    source_invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surplus_entries",
        verbose_name=_("overbetalt faktura"),
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="set_off_entries",
        verbose_name=_("motregnet mot faktura"),
    )
    refunded_on = models.DateField(_("tilbakebetalt dato"), null=True, blank=True)
    bank_account = models.CharField(
        _("tilbakebetalt til konto"), max_length=11, blank=True, validators=[_validate_bank_account]
    )
    note = models.TextField(_("merknad"), blank=True)
    created_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )

    objects = AppendOnlyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("postering på kreditsaldo")
        verbose_name_plural = _("posteringer på kreditsaldo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind="overpayment",
                    amount_ore__gt=0,
                    payment__isnull=False,
                    source_invoice__isnull=False,
                    invoice__isnull=True,
                    refunded_on__isnull=True,
                    bank_account="",
                )
                | Q(
                    kind="refund",
                    amount_ore__lt=0,
                    refunded_on__isnull=False,
                    invoice__isnull=True,
                    source_invoice__isnull=True,
                    payment__isnull=True,
                )
                & ~Q(bank_account="")
                | Q(
                    kind="set_off",
                    amount_ore__lt=0,
                    invoice__isnull=False,
                    source_invoice__isnull=True,
                    payment__isnull=True,
                    refunded_on__isnull=True,
                    bank_account="",
                ),
                name="credit_entry_kind_sign_and_references",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "kind"]), models.Index(fields=["network", "organisation"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {Decimal(self.amount_ore) / 100:.2f} – {self.organisation}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Posteringer på kreditsaldoen kan ikke endres."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Posteringer på kreditsaldoen kan aldri slettes."))
