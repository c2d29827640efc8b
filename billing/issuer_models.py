"""Who invoices (R4, R13): issuers, which issuer invoices a network's dues, and each issuer's gap-free
number sequence. Imported by billing.models.

An issuer was once a single row of settings (BillingSettings); that row became the first issuer,
with its table and history (migration 0008). Several issuers may exist: each numbers its invoices
and credit notes in its own sequence (bokføringsforskriften), shared by every network it invoices.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from stdnum.no import orgnr

from members.models import Network
from members.networks import current_network

from .validators import check_bank_account


def validate_bank_account(value: str) -> None:
    # Kept by this name: migrations refer to billing.models.validate_bank_account.
    check_bank_account(value)


def validate_issuer_org_number(value: str) -> None:
    if not orgnr.is_valid(value):
        raise ValidationError(_("Organisasjonsnummeret må ha 9 sifre med gyldig kontrollsiffer (MOD11)."))


class IssuerQuerySet(models.QuerySet):
    def for_network(self, network: Network) -> Issuer:
        """The issuer that invoices `network`'s dues; refused with a clear message when none is chosen."""
        issuer = self.filter(networks__network=network).first()
        if issuer is None:
            raise ValidationError(
                gettext("Nettverket %(network)s har ingen utsteder: velg hvem som fakturerer, under Fakturering.")
                % {"network": network.name},
                code="network_without_issuer",
            )
        return issuer

    def default(self) -> Issuer:
        """The issuer of the network the page speaks for (members.networks.current_network)."""
        return self.for_network(current_network())


class Issuer(models.Model):
    """An organisation that issues invoices: its details and its terms of payment (R4).

    Its name, number, address and account have no default: they are the issuer's own data (the first
    issuer's are in migration 0012, `FIRST_ISSUER`). The terms of payment (due days, reminder days) belong to the issuer: they are its bookkeeping
    and collection practice, printed on its invoices and reminders, whichever network an invoice is for.
    """

    issuer_name = models.CharField(_("utsteder"), max_length=200)
    issuer_org_number = models.CharField(
        _("organisasjonsnummer"), max_length=9, validators=[validate_issuer_org_number]
    )
    issuer_in_foretaksregisteret = models.BooleanField(_("registrert i Foretaksregisteret"), default=False)
    street_address = models.CharField(_("adresse"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=4)
    postal_place = models.CharField(_("poststed"), max_length=80)
    bank_account = models.CharField(
        _("kontonummer"), max_length=11, validators=[validate_bank_account]
    )
    email = models.EmailField(_("e-post"))
    kid_prefix = models.CharField(
        _("KID-prefiks"),
        max_length=4,
        blank=True,
        default="",
        validators=[RegexValidator(r"^[0-9]*$", _("KID-prefikset kan bare ha sifre."))],
        help_text=_("Sifre foran fakturanummeret i KID. Hver utsteder har sitt eget; én kan ha tomt."),
    )
    due_days = models.PositiveSmallIntegerField(_("betalingsfrist (dager)"), default=30)
    first_reminder_days = models.PositiveSmallIntegerField(_("første purring (dager etter forfall)"), default=14)
    second_reminder_days = models.PositiveSmallIntegerField(_("andre purring (dager etter forfall)"), default=28)
    billing_admins = models.ManyToManyField(
        "members.User",
        verbose_name=_("fakturaadministratorer"),
        blank=True,
        related_name="administered_issuers",
        help_text=_("De som fører utstederens fakturaer og innbetalinger, for hvert nettverk utstederen fakturerer."),
    )

    objects = IssuerQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[billing_admins])

    class Meta:
        verbose_name = _("utsteder")
        verbose_name_plural = _("utstedere")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(second_reminder_days__gt=models.F("first_reminder_days")),
                name="billing_settings_reminders_ordered",
            ),
            models.UniqueConstraint(
                fields=["kid_prefix"],
                name="issuer_kid_prefix_unique",
                violation_error_message=_("En annen utsteder har allerede dette KID-prefikset."),
            ),
            models.CheckConstraint(condition=models.Q(kid_prefix__regex=r"^[0-9]*$"), name="issuer_kid_prefix_digits"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer_name} ({self.issuer_org_number})"


class NetworkBilling(models.Model):
    """How a network is invoiced: which issuer invoices its dues. No issuer: its dues are refused."""

    network = models.OneToOneField(
        Network, on_delete=models.PROTECT, related_name="billing", verbose_name=_("nettverk")
    )
    issuer = models.ForeignKey(
        Issuer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("utsteder"),
        help_text=_("Hvem som fakturerer nettverkets kontingent."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fakturering for nettverk")
        verbose_name_plural = _("fakturering for nettverk")
        ordering = ["network__name"]

    def __str__(self) -> str:
        return f"{self.network} → {self.issuer or '–'}"


class NumberCounter(models.Model):
    """An issuer's gap-free document number sequence, locked with SELECT … FOR UPDATE when used (R4)."""

    issuer = models.OneToOneField(
        Issuer, on_delete=models.PROTECT, related_name="number_counter", verbose_name=_("utsteder")
    )
    last_number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("nummerserie")
        verbose_name_plural = _("nummerserier")

    def __str__(self) -> str:
        return f"{self.issuer_id}: {self.last_number}"
