"""Roles per network, as data (R13): the kinds of contact role a network has, the roles a membership
can carry, and to whom a notice is given and who gets a copy.

A sustainability network has one kind of contact («Kontaktperson»); a research cluster has
«FoUI-kontakt» (every member names one) and «Klyngeleder» (appointed by the motorkommune, the
membership with the role «Motorkommune»); a region has a «Vertskommune» whose «Regional
koordinator» gets a copy of every notice in its clusters. None of these names is in code: they
are rows of these models, and the rules read them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import network_context
from .validators import validate_name


def _in_reader_language(nb: str, en: str) -> str:
    return en if en and (get_language() or "nb").startswith("en") else nb


class ContactRoleKindQuerySet(models.QuerySet):
    def default_for(self, network) -> ContactRoleKind:
        """The network's first kind of contact role; a network that has none gets «Kontaktperson»
        (required), the kind every network had before kinds were data (migration 0011)."""
        kind = self.filter(network=network).order_by("order", "pk").first()
        if kind is None:
            kind, _created = self.get_or_create(
                network=network,
                key="kontaktperson",
                defaults={"name": "Kontaktperson", "name_en": "Contact person", "required": True},  # data, as 0011
            )
        return kind


class ContactRoleKind(models.Model):
    """A kind of contact a network asks its members to name (R2, R13): «Kontaktperson», «FoUI-kontakt»."""

    network = models.ForeignKey(
        "members.Network", on_delete=models.CASCADE, related_name="contact_role_kinds", verbose_name=_("nettverk")
    )
    name = models.CharField(_("navn"), max_length=80, validators=[validate_name])
    name_en = models.CharField(_("navn på engelsk"), max_length=80, blank=True)
    key = models.SlugField(_("nøkkel"), max_length=40, help_text=_("Små bokstaver, tall og bindestrek; unik i nettverket."))
    required = models.BooleanField(
        _("påkrevd"), default=False, help_text=_("Hvert medlem må ha minst én med denne rollen.")
    )
    one_per_organisation = models.BooleanField(_("høyst én per organisasjon"), default=False)
    organisation_kinds = models.JSONField(
        _("for parter av typen"),
        default=list,
        blank=True,
        help_text=_("Tom: alle typer parter. Påkrevd gjelder bare for medlemmer av disse typene."),
    )
    held_by_role = models.ForeignKey(
        "members.MembershipRoleKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_role_kinds",
        verbose_name=_("bare hos medlemmet med rollen"),
        help_text=_("For eksempel klyngelederen, som motorkommunen utpeker."),
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    objects = ContactRoleKindQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("type kontaktrolle")
        verbose_name_plural = _("typer kontaktroller")
        ordering = ["network", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="contact_role_kind_key_unique_in_network"),
            models.UniqueConstraint(fields=["network", "name"], name="contact_role_kind_name_unique_in_network"),
        ]

    def __str__(self) -> str:
        return self.reader_name

    @property
    def reader_name(self) -> str:
        return _in_reader_language(self.name, self.name_en)

    def applies_to(self, organisation_kind: str) -> bool:
        return not self.organisation_kinds or organisation_kind in self.organisation_kinds

    def clean(self) -> None:
        """Refuse a role nobody can hold (issue 22, bad input)."""
        super().clean()
        if self.network_id is None:
            return  # a kind added with a network not yet saved: checked when saved on its own
        network = self.network
        if self.held_by_role_id is not None:
            if self.held_by_role.network_id != self.network_id:
                raise ValidationError(
                    {"held_by_role": _("Medlemsrollen «%(role)s» hører til et annet nettverk.")
                     % {"role": self.held_by_role.name}},
                    code="role_of_other_network",
                )
            if self.required:
                raise ValidationError(
                    {"required": _(
                        "«%(kind)s» kan bare finnes hos medlemmet med rollen «%(role)s», og kan derfor ikke "
                        "kreves av alle medlemmer."
                    ) % {"kind": self.name, "role": self.held_by_role.name}},
                    code="required_but_held_by_one",
                )
        if self.required and self.organisation_kinds and network.admitted_kinds:
            if not set(self.organisation_kinds) & set(network.admitted_kinds):
                raise ValidationError(
                    {"organisation_kinds": _(
                        "%(network)s tar ikke opp parter som kan ha «%(kind)s», så ingen kan oppfylle kravet."
                    ) % {"network": network.name, "kind": self.name}},
                    code="required_but_no_admitted_kind",
                )


class MembershipRoleKind(models.Model):
    """A role a membership can carry in its network (R13): «Motorkommune», «Vertskommune»."""

    network = models.ForeignKey(
        "members.Network", on_delete=models.CASCADE, related_name="membership_role_kinds", verbose_name=_("nettverk")
    )
    name = models.CharField(_("navn"), max_length=80, validators=[validate_name])
    name_en = models.CharField(_("navn på engelsk"), max_length=80, blank=True)
    one_per_network = models.BooleanField(
        _("høyst ett medlem om gangen"), default=False, help_text=_("For eksempel én motorkommune per klynge.")
    )
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemsrolle")
        verbose_name_plural = _("medlemsroller")
        ordering = ["network", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="membership_role_kind_name_unique_in_network"),
        ]

    def __str__(self) -> str:
        return self.reader_name

    @property
    def reader_name(self) -> str:
        return _in_reader_language(self.name, self.name_en)


class ContactRole(models.Model):
    """A person named as the organisation's contact for a network, of one of the network's kinds of
    contact (agreement §10, R2, R13): «Kontaktperson», «FoUI-kontakt», «Klyngeleder».

    The row names its network as well as its kind (which belongs to one network): every
    network-scoped row knows its network (CONVENTIONS 5b), so reads filter on it directly and the
    database can hold constraints over it; `clean()` and the service keep the two in step.
    """

    network = models.ForeignKey(
        "members.Network", on_delete=models.PROTECT, related_name="contact_roles", verbose_name=_("nettverk")
    )
    kind = models.ForeignKey(
        "members.ContactRoleKind", on_delete=models.PROTECT, related_name="contact_roles", verbose_name=_("rolle")
    )
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="contact_roles", verbose_name=_("organisasjon")
    )
    person = models.ForeignKey("members.Person", on_delete=models.CASCADE, related_name="contact_roles", verbose_name=_("person"))
    is_primary = models.BooleanField(_("hovedkontakt"), default=False)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["-is_primary", "kind__order", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "person", "kind"], name="contact_role_once_per_person_and_kind"),
            # The organisation's main contact (invoices fall back to it, R4): one, whatever the networks.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(is_primary=True),
                name="contact_role_one_primary_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation} ({self.kind})"

    def save(self, *args, **kwargs) -> None:
        # A role made without a kind (older callers, the admin's inline) is what every contact was before
        # kinds were data: its network's first kind, «Kontaktperson»; its network is its kind's.
        if self.kind_id is None:
            network = self.network if self.network_id else network_context.active.get()
            if network is None:
                network = self._meta.get_field("network").related_model.objects.order_by("pk").first()
            self.kind = ContactRoleKind.objects.default_for(network)
        if self.network_id is None:
            self.network_id = self.kind.network_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.kind_id is not None and self.network_id is None:
            self.network_id = self.kind.network_id  # the admin names the kind; its network comes with it
        if self.kind_id is not None and self.network_id is not None and self.kind.network_id != self.network_id:
            raise ValidationError({"kind": _("Rollen hører til et annet nettverk.")}, code="kind_of_other_network")


class NoticeAddressee(models.Model):
    """To whom a network's notices are given, or who gets a copy (R5, R13).

    Either the leader of one of the network's bodies (a body kind: governance owns bodies and
    answers through members.hooks), or the holders of a contact-role kind in the member that holds
    a membership role, in this network or its parent (the klyngeleder of the motorkommune; the
    regional coordinator of the region's vertskommune).
    """

    class Source(models.TextChoices):
        BODY_LEADER = "body_leader", _("Leder av et organ i nettverket")
        CONTACT_ROLE = "contact_role", _("Kontaktrolle hos medlemmet med en medlemsrolle")

    network = models.ForeignKey(
        "members.Network", on_delete=models.CASCADE, related_name="notice_addressees", verbose_name=_("nettverk")
    )
    copy = models.BooleanField(_("kopi"), default=False, help_text=_("Får kopi i stedet for å være mottaker."))
    source = models.CharField(_("hvem"), max_length=16, choices=Source.choices)
    body_kind = models.CharField(
        _("type organ"), max_length=20, blank=True, help_text=_("For leder av et organ, for eksempel «steering_group».")
    )
    membership_role = models.ForeignKey(
        MembershipRoleKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notice_addressees",
        verbose_name=_("medlemmet med rollen"),
    )
    contact_kind = models.ForeignKey(
        ContactRoleKind,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notice_addressees",
        verbose_name=_("kontaktrollen"),
    )
    title = models.CharField(
        _("betegnelse"),
        max_length=120,
        blank=True,
        help_text=_("Slik brevet omtaler mottakeren, for eksempel «Styringsgruppens leder». Tom: kontaktrollens navn."),
    )
    title_en = models.CharField(_("betegnelse på engelsk"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("rekkefølge"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mottaker av oppsigelse")
        verbose_name_plural = _("mottakere av oppsigelse")
        ordering = ["network", "copy", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(source="body_leader", membership_role__isnull=True, contact_kind__isnull=True)
                    & ~models.Q(body_kind="")
                )
                | models.Q(source="contact_role", membership_role__isnull=False, contact_kind__isnull=False),
                name="notice_addressee_source_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.reader_title

    @property
    def reader_title(self) -> str:
        """What the letter calls this addressee, in the reader's language."""
        if self.title:
            return _in_reader_language(self.title, self.title_en)
        return self.contact_kind.reader_name if self.contact_kind_id else self.body_kind

    def clean(self) -> None:
        super().clean()
        if self.source == self.Source.BODY_LEADER:
            if not self.body_kind:
                raise ValidationError({"body_kind": _("Oppgi hvilket organ sin leder som får oppsigelsen.")})
            if self.membership_role_id or self.contact_kind_id:
                raise ValidationError(_("Leder av et organ har ingen medlemsrolle eller kontaktrolle."))
            return
        if not self.membership_role_id or not self.contact_kind_id:
            raise ValidationError(_("Oppgi både medlemsrollen og kontaktrollen."), code="addressee_incomplete")
        if self.network_id is None:
            return
        network = self.network
        role_network_id = self.membership_role.network_id
        if role_network_id not in (network.pk, network.parent_id):
            raise ValidationError(
                {
                    "membership_role": _(
                        "Medlemsrollen «%(role)s» hører til et annet nettverk: bare roller i %(network)s "
                        "eller nettverket det er en del av, kan ta imot oppsigelser."
                    )
                    % {"role": self.membership_role.name, "network": network.name}
                },
                code="role_of_other_network",
            )
        if self.contact_kind.network_id != role_network_id:
            raise ValidationError(
                {
                    "contact_kind": _(
                        "Kontaktrollen «%(kind)s» finnes ikke i nettverket til medlemsrollen «%(role)s», "
                        "så ingen kan ha den."
                    )
                    % {"kind": self.contact_kind.name, "role": self.membership_role.name}
                },
                code="contact_kind_of_other_network",
            )
