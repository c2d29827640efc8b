"""Progress of long jobs (bulk email and the like), kept in the database so a reload shows it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from members.models import User
from network.models import Job


def create_job(*, kind: str, label: str, total: int, by: User | None) -> Job:
    return Job.objects.create(kind=kind, label=label, total=total, started_by=by)


def mark_running(job_id: int) -> None:
    Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING)


def record_progress(job_id: int, *, succeeded: bool) -> None:
    """One more item handled. An UPDATE with F() so parallel workers never lose a count."""
    Job.objects.filter(pk=job_id).update(
        done=F("done") + 1, failed=F("failed") + (0 if succeeded else 1)
    )


@transaction.atomic
def finish_job(job_id: int, *, message: str = "") -> Job:
    job = Job.objects.select_for_update().get(pk=job_id)
    job.status = Job.Status.FAILED if job.failed and job.failed == job.total else Job.Status.DONE
    job.finished_at = timezone.now()
    job.message = message
    job.save(update_fields=["status", "finished_at", "message"])
    return job


def fail_job(job_id: int, *, message: str) -> None:
    Job.objects.filter(pk=job_id).update(status=Job.Status.FAILED, finished_at=timezone.now(), message=message)


def running_jobs() -> QuerySet[Job]:
    return Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).select_related("started_by")


def recent_jobs(limit: int = 10) -> list[Job]:
    return list(Job.objects.select_related("started_by")[:limit])
