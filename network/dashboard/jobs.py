"""Progress of long jobs (bulk email and the like), kept in the database so a reload shows it.

A job belongs to the network it was started in: the lists and the job page read only the page's
network's jobs, and another network's job answers 404 like a missing one (R13).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from members.models import Network, User
from members.networks import current_network
from network.models import Job


def create_job(*, network: Network, kind: str, label: str, total: int, by: User | None) -> Job:
    return Job.objects.create(network=network, kind=kind, label=label, total=total, started_by=by)


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


def jobs_of(network: Network | None = None) -> QuerySet[Job]:
    """The jobs of `network` (the page's, unless given)."""
    return Job.objects.in_network(network or current_network()).select_related("started_by")


def job_for(pk: int, *, network: Network | None = None) -> Job:
    """The job `pk` of the page's network, or 404: another network's job is answered like a missing one."""
    return get_object_or_404(jobs_of(network), pk=pk)


def running_jobs(network: Network | None = None) -> QuerySet[Job]:
    return jobs_of(network).filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])


def recent_jobs(limit: int = 10, *, network: Network | None = None) -> list[Job]:
    return list(jobs_of(network)[:limit])
