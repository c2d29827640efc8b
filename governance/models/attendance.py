"""Who attended a meeting (R8): part of the minutes, and never changed once they are published."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Organisation, Person

from .meetings import (
    Meeting,
)

__all__ = ["Attendance"]


def attendance_final_error() -> ValidationError:
    return ValidationError(
        _("Oppmøtet er en del av den publiserte protokollen og kan verken endres eller slettes."),
        code="minutes_final",
    )


class AttendanceQuerySet(models.QuerySet):
    def of_published_minutes(self) -> AttendanceQuerySet:
        return self.filter(meeting__minutes_published_at__isnull=False)

    # Bulk writes skip Attendance.save()/delete(); refused here for meetings with published minutes.
    # The PostgreSQL trigger of migration 0007 also stops raw SQL.
    def update(self, **kwargs):
        if self.of_published_minutes().exists():
            raise attendance_final_error()
        return super().update(**kwargs)

    def delete(self):
        if self.of_published_minutes().exists():
            raise attendance_final_error()
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if Meeting.objects.filter(pk__in={o.meeting_id for o in objs}).minutes_published().exists():
            raise attendance_final_error()
        return super().bulk_create(objs, *args, **kwargs)


class Attendance(models.Model):
    """Who was at a meeting: one row per seat holder on the meeting date, present or absent.

    Part of the minutes: once they are published, rows are neither added, changed nor deleted
    (save(), delete(), queryset writes, and on PostgreSQL a trigger).
    """

    meeting = models.ForeignKey(Meeting, verbose_name=_("møte"), on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("representerer"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(_("rolle"), max_length=40, blank=True)
    present = models.BooleanField(_("til stede"), default=True)
    note = models.CharField(_("merknad"), max_length=200, blank=True)

    objects = AttendanceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøte")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="governance_attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"

    def save(self, *args, **kwargs):
        # The stored row's meeting and the meeting it is being put on: neither may have published minutes.
        stored = not self._state.adding and self.pk is not None
        if (stored and Attendance.objects.filter(pk=self.pk).of_published_minutes().exists()) or (
            self.meeting_id is not None and Meeting.objects.filter(pk=self.meeting_id).minutes_published().exists()
        ):
            raise attendance_final_error()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk is not None and Attendance.objects.filter(pk=self.pk).of_published_minutes().exists():
            raise attendance_final_error()
        return super().delete(*args, **kwargs)
