"""Celery tasks for bodies and gender balance (R10). Thin wrappers around services."""

from celery import shared_task


@shared_task(name="governance.check_gender_balance", acks_late=True)
def check_gender_balance(notify_changes_only: bool = False) -> int:
    from .services.gender_balance import check_and_notify

    return check_and_notify(notify_changes_only=notify_changes_only)


@shared_task(name="governance.notify_join_request", acks_late=True)
def notify_join_request(join_request_id: int) -> None:
    from .services.notifications import send_join_request_notice

    send_join_request_notice(join_request_id=join_request_id)
