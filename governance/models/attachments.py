"""A case's attachments (R8): stored outside public media, and never changed once the case is a final
decision in published minutes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import User

from .meetings import (
    Case,
    _attachment_path,
    private_storage,
)

__all__ = ["CaseAttachment"]


def attachment_final_error() -> ValidationError:
    return ValidationError(
        _(
            "Vedlegget hører til et endelig vedtak (protokollen er publisert) og kan verken endres, "
            "erstattes eller slettes. En rettelse må behandles som en ny sak."
        ),
        code="attachment_final",
    )


class CaseAttachmentQuerySet(models.QuerySet):
    def of_final_cases(self) -> CaseAttachmentQuerySet:
        return self.filter(case__in=Case.objects.final())

    # Bulk writes skip CaseAttachment.save()/delete(); refused here for attachments of final decisions.
    # The PostgreSQL trigger of migration 0007 also stops raw SQL.
    def update(self, **kwargs):
        if self.of_final_cases().exists():
            raise attachment_final_error()
        return super().update(**kwargs)

    def delete(self):
        if self.of_final_cases().exists():
            raise attachment_final_error()
        return super().delete()


class GuardedFieldFile(models.fields.files.FieldFile):
    """`attachment.file.delete()` and `.save()` touch the storage before the row: check the row first."""

    def _refuse_if_final(self) -> None:
        if CaseAttachment.stored_on_final_case(self.instance.pk):
            raise attachment_final_error()

    def save(self, name, content, save=True):
        self._refuse_if_final()
        return super().save(name, content, save)

    def delete(self, save=True):
        self._refuse_if_final()
        return super().delete(save)


class AttachmentFileField(models.FileField):
    attr_class = GuardedFieldFile

    def deconstruct(self):
        # The guard is behaviour, not schema: migrations keep seeing a plain FileField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class CaseAttachment(models.Model):
    """A file attached to a case (vedlegg). Served only through the download view, which checks access.

    The attachments of a final decision are part of the record: save(), delete(), the file's own
    save()/delete() and queryset writes refuse (ValidationError), and on PostgreSQL a trigger too.
    """

    case = models.ForeignKey(Case, verbose_name=_("sak"), on_delete=models.CASCADE, related_name="attachments")
    file = AttachmentFileField(_("fil"), upload_to=_attachment_path, storage=private_storage, max_length=300)
    title = models.CharField(_("tittel"), max_length=200)
    original_name = models.CharField(_("filnavn"), max_length=200)
    content_type = models.CharField(_("filtype"), max_length=100)
    size = models.PositiveBigIntegerField(_("størrelse (byte)"))
    uploaded_at = models.DateTimeField(_("lastet opp"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("lastet opp av"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CaseAttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["case", "uploaded_at", "pk"]
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Neither the stored row's case nor the case it is being put on may be final.
        stored = not self._state.adding
        if (stored and CaseAttachment.stored_on_final_case(self.pk)) or (
            self.case_id is not None and Case.objects.filter(pk=self.case_id).final().exists()
        ):
            raise attachment_final_error()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("meetings:attachment_download", kwargs={"pk": self.pk})

    def delete(self, *args, **kwargs):
        if CaseAttachment.stored_on_final_case(self.pk):
            raise attachment_final_error()
        return super().delete(*args, **kwargs)

    @staticmethod
    def stored_on_final_case(pk: int | None) -> bool:
        """Whether the stored row (not an instance in memory) belongs to a final case."""
        return pk is not None and CaseAttachment.objects.filter(pk=pk).of_final_cases().exists()
