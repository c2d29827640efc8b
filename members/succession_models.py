"""Which organisation took over from which: Viken's three successors, a merged kommune's new one.

The links are data (`manage.py import_municipalities` reads them from members/data/, the
coordinator adds others in the admin), each with who made it and when, and its history.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Succession(models.Model):
    """`successor` took over (part of) what `predecessor` did when the predecessor ended."""

    predecessor = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="successions_as_predecessor",
        verbose_name=_("tidligere organisasjon"),
    )
    successor = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="successions_as_successor",
        verbose_name=_("etterfølger"),
    )
    source = models.CharField(_("kilde"), max_length=200, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("koblet av"),
    )
    linked_at = models.DateTimeField(_("koblet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("etterfølger")
        verbose_name_plural = _("etterfølgere")
        ordering = ["predecessor__name", "successor__name"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="succession_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"

    def clean(self) -> None:
        super().clean()
        if self.predecessor_id is not None and self.predecessor_id == self.successor_id:
            raise ValidationError(
                {"successor": _("En organisasjon kan ikke etterfølge seg selv.")}, code="own_successor"
            )
