"""Dues schedule, issuer, invoices and credit notes, payments, delivery and reminders (R3, R4).

Issued documents are snapshots that never change: only their delivery state
(`sent_at`, `delivery_error`) is written after issue. Corrections are credit notes.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Membership, Network, Organisation

from .issuer_models import (  # noqa: F401 — migrations refer to billing.models.validate_*
    Issuer,
    NetworkBilling,
    NumberCounter,
    validate_bank_account,
    validate_issuer_org_number,
)

FIRST_DUES_YEAR = 2023


class DuesSchedule(models.Model):
    """A network's dues schedule, valid from a date until its next one (R3). A new schedule needs no code."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="dues_schedules", verbose_name=_("nettverk")
    )
    valid_from = models.DateField(_("gjelder fra"))
    name = models.CharField(_("navn"), max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontingentsats")
        verbose_name_plural = _("kontingentsatser")
        ordering = ["network", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["network", "valid_from"], name="dues_schedule_one_per_network_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d.%m.%Y})"


class DuesTier(models.Model):
    """One line of a schedule: member kind and population bounds (inclusive) → amount in øre."""

    schedule = models.ForeignKey(DuesSchedule, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("sats"))
    kind = models.CharField(_("medlemstype"), max_length=16, choices=Organisation.Kind.choices)
    population_min = models.PositiveIntegerField(_("folketall fra (inklusiv)"), null=True, blank=True)
    population_max = models.PositiveIntegerField(_("folketall til (inklusiv)"), null=True, blank=True)
    amount_ore = models.PositiveBigIntegerField(_("beløp (øre)"))
    label = models.CharField(_("betegnelse"), max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontingenttrinn")
        verbose_name_plural = _("kontingenttrinn")
        ordering = ["schedule", "kind", "population_min"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(population_min__isnull=True)
                | models.Q(population_max__isnull=True)
                | models.Q(population_min__lte=models.F("population_max")),
                name="dues_tier_bounds_ordered",
            ),
            models.CheckConstraint(condition=models.Q(amount_ore__gt=0), name="dues_tier_amount_positive"),
        ]

    def __str__(self) -> str:
        from .tier_labels import tier_label

        return tier_label(self.label)

    def covers(self, *, kind: str, population: int | None) -> bool:
        if kind != self.kind:
            return False
        if self.population_min is None and self.population_max is None:
            return True
        if population is None:
            return False
        return (self.population_min is None or population >= self.population_min) and (
            self.population_max is None or population <= self.population_max
        )


class ImmutableQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan aldri slettes."))

    def update(self, **kwargs):
        if set(kwargs) - Invoice.MUTABLE_FIELDS:
            raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan ikke endres."))
        return super().update(**kwargs)


class Invoice(models.Model):
    """An invoice or a credit note for a network, numbered in its issuer's sequence, frozen at issue (R4)."""

    class Type(models.TextChoices):
        INVOICE = "invoice", _("Faktura")
        CREDIT_NOTE = "credit_note", _("Kreditnota")

    class Purpose(models.TextChoices):
        DUES = "dues", _("Kontingent")
        OTHER = "other", _("Annet")

    MUTABLE_FIELDS = frozenset({"sent_at", "delivery_error"})

    number = models.PositiveBigIntegerField(_("nummer"))
    type = models.CharField(_("type"), max_length=16, choices=Type.choices, default=Type.INVOICE)
    purpose = models.CharField(_("formål"), max_length=16, choices=Purpose.choices, default=Purpose.DUES)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("organisasjon")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("medlemskap"),
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("nettverk"))
    # Whose sequence the number is from; the snapshot below is what the document shows.
    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("utsteder"))
    dues_year = models.PositiveSmallIntegerField(_("kontingentår"), null=True, blank=True)
    credited_invoice = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("kreditert faktura"),
    )
    reason = models.TextField(_("begrunnelse"), blank=True)
    issue_date = models.DateField(_("fakturadato"))
    due_date = models.DateField(_("forfallsdato"), null=True, blank=True)
    kid = models.CharField(_("KID"), max_length=25, blank=True)
    amount_ore = models.PositiveBigIntegerField(_("beløp (øre)"))

    # Snapshot of the buyer.
    buyer_name = models.CharField(_("kunde"), max_length=200)
    buyer_org_number = models.CharField(_("kundens organisasjonsnummer"), max_length=9, blank=True)
    buyer_street_address = models.CharField(_("kundens adresse"), max_length=200, blank=True)
    buyer_postal_code = models.CharField(_("kundens postnummer"), max_length=4, blank=True)
    buyer_postal_place = models.CharField(_("kundens poststed"), max_length=80, blank=True)
    buyer_reference = models.CharField(_("Deres ref."), max_length=100, blank=True)
    buyer_email = models.EmailField(_("fakturaadresse (e-post)"), blank=True)
    language = models.CharField(_("språk"), max_length=2, default="nb")
    # Snapshot of the issuer.
    issuer_name = models.CharField(_("utsteder"), max_length=200)
    issuer_org_number = models.CharField(_("utsteders organisasjonsnummer"), max_length=9)
    issuer_in_foretaksregisteret = models.BooleanField(_("utsteder i Foretaksregisteret"), default=False)
    issuer_street_address = models.CharField(_("utsteders adresse"), max_length=200)
    issuer_postal_code = models.CharField(_("utsteders postnummer"), max_length=4)
    issuer_postal_place = models.CharField(_("utsteders poststed"), max_length=80)
    issuer_bank_account = models.CharField(_("kontonummer"), max_length=11)
    issuer_email = models.EmailField(_("utsteders e-post"))
    # Snapshot of the dues basis.
    population = models.PositiveIntegerField(_("folketall"), null=True, blank=True)
    population_date = models.DateField(_("folketall per"), null=True, blank=True)
    tier_label = models.CharField(_("kontingenttrinn"), max_length=120, blank=True)

    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utstedt av"),
    )
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    delivery_error = models.TextField(_("feil ved utsending"), blank=True)
    # Chosen before issue when no valid EHF can be made for the buyer: sent as PDF, no EHF attempted.
    pdf_only = models.BooleanField(_("kun PDF (uten EHF)"), default=False)

    objects = ImmutableQuerySet.as_manager()
    # Who issued it is `created_by`; the history adds when it was sent or failed, and by whom.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("faktura")
        verbose_name_plural = _("fakturaer")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="invoice_number_unique_per_issuer"),
            models.UniqueConstraint(
                fields=["organisation", "network", "dues_year"],
                condition=models.Q(type="invoice", purpose="dues"),
                name="invoice_one_dues_invoice_per_member_network_and_year",
            ),
            models.UniqueConstraint(fields=["kid"], condition=~models.Q(kid=""), name="invoice_kid_unique"),
            models.CheckConstraint(condition=models.Q(number__gt=0), name="invoice_number_positive"),
            models.CheckConstraint(
                condition=models.Q(type="invoice", credited_invoice__isnull=True)
                | models.Q(type="credit_note", credited_invoice__isnull=False),
                name="invoice_credit_note_references_original",
            ),
            models.CheckConstraint(
                condition=~models.Q(purpose="dues", type="invoice") | models.Q(dues_year__gte=FIRST_DUES_YEAR),
                name="invoice_no_dues_before_2023",
            ),
        ]
        indexes = [models.Index(fields=["dues_year", "type"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number} – {self.buyer_name}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            update_fields = kwargs.get("update_fields")
            if not update_fields or set(update_fields) - self.MUTABLE_FIELDS:
                raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan ikke endres."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan aldri slettes."))

    @property
    def is_credit_note(self) -> bool:
        return self.type == self.Type.CREDIT_NOTE

    @property
    def amount_nok(self):
        return Decimal(self.amount_ore) / 100

    @property
    def subject(self) -> str:
        """What the document is for, as the member reads it: "Kontingent 2026", "Kreditnota for faktura 12"."""
        if self.is_credit_note:
            return _("Kreditnota for faktura %(number)s") % {"number": self.credited_invoice.number}
        if self.purpose == self.Purpose.DUES and self.dues_year:
            return _("Kontingent %(year)s") % {"year": self.dues_year}
        return str(self.get_purpose_display())


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("faktura"))
    position = models.PositiveSmallIntegerField(_("linje"), default=1)
    description = models.CharField(_("beskrivelse"), max_length=300)
    quantity = models.PositiveIntegerField(_("antall"), default=1)
    unit_price_ore = models.PositiveBigIntegerField(_("enhetspris (øre)"))
    amount_ore = models.PositiveBigIntegerField(_("beløp (øre)"))

    class Meta:
        verbose_name = _("fakturalinje")
        verbose_name_plural = _("fakturalinjer")
        ordering = ["invoice", "position"]
        constraints = [models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_position_unique")]

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan ikke endres."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Utstedte fakturaer og kreditnotaer kan aldri slettes."))


class OcrImport(models.Model):
    """One imported Nets OCR giro file; the same file is never imported twice.

    It belongs to the network whose billing page it was imported on: its unmatched payments are that
    network's to look at and match (R12, R13)."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="ocr_imports", verbose_name=_("nettverk")
    )
    filename = models.CharField(_("filnavn"), max_length=200)
    sha256 = models.CharField(_("sjekksum"), max_length=64, unique=True)
    transmission_number = models.CharField(_("forsendelsesnummer"), max_length=20, blank=True)
    imported_at = models.DateTimeField(_("importert"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importert av"),
    )
    transaction_count = models.PositiveIntegerField(_("antall transaksjoner"), default=0)
    total_ore = models.PositiveBigIntegerField(_("sum (øre)"), default=0)

    class Meta:
        verbose_name = _("OCR-import")
        verbose_name_plural = _("OCR-importer")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.imported_at:%d.%m.%Y})"


class Payment(models.Model):
    """Money received: by hand or from an OCR file, matched to an invoice by KID or not at all."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Registrert manuelt")
        OCR = "ocr", _("OCR-fil")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, null=True, blank=True, related_name="payments", verbose_name=_("faktura")
    )
    kid = models.CharField(_("KID"), max_length=25, blank=True)
    amount_ore = models.PositiveBigIntegerField(_("beløp (øre)"))
    paid_on = models.DateField(_("betalt"))
    source = models.CharField(_("kilde"), max_length=8, choices=Source.choices)
    ocr_import = models.ForeignKey(
        OcrImport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("OCR-import"),
    )
    reference = models.CharField(_("referanse"), max_length=100, blank=True)
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

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innbetaling")
        verbose_name_plural = _("innbetalinger")
        ordering = ["-paid_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount_ore__gt=0), name="payment_amount_positive")]

    def __str__(self) -> str:
        return f"{self.amount_ore / 100:.2f} ({self.paid_on:%d.%m.%Y})"


class DeliveryLog(models.Model):
    """Every attempt to send an invoice, credit note or reminder: append-only."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Faktura")
        REMINDER = "reminder", _("Purring")

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("faktura"))
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.INVOICE)
    recipient = models.CharField(_("mottaker"), max_length=254, blank=True)
    attempted_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    succeeded = models.BooleanField(_("vellykket"), default=False)
    error = models.TextField(_("feil"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )

    class Meta:
        verbose_name = _("utsendelse")
        verbose_name_plural = _("utsendelser")
        ordering = ["-attempted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.invoice} → {self.recipient}"


class Reminder(models.Model):
    """A reminder (purring) of an unpaid invoice, 14 and 28 days after the due date; never twice, no fees."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders", verbose_name=_("faktura"))
    level = models.PositiveSmallIntegerField(_("purring nr."))
    sent_on = models.DateField(_("sendt"))
    recipient = models.CharField(_("mottaker"), max_length=254, blank=True)

    class Meta:
        verbose_name = _("purring")
        verbose_name_plural = _("purringer")
        ordering = ["invoice", "level"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "level"], name="reminder_once_per_level"),
            models.CheckConstraint(condition=models.Q(level__in=[1, 2]), name="reminder_level_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} – {self.level}"


from .credit_models import CreditBalanceEntry  # noqa: E402, F401 — the credit ledger, in its own module
from .dues_run_models import DuesRun, DuesRunChoice, DuesRunItem  # noqa: E402, F401 — the dues run, in its own module
