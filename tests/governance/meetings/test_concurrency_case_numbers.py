"""Case numbers under concurrency (R8): threads putting cases on agendas at once get distinct, gap-free numbers."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from governance.models import Case
from governance.services.meetings import create_case, schedule_meeting
from tests.conftest import requires_postgresql

from .factories import SteeringGroupFactory

THREADS = 8
CASES_PER_THREAD = 3


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_cases_on_two_meetings_get_distinct_gap_free_numbers():
    body = SteeringGroupFactory()
    meetings = [
        schedule_meeting(body=body, date=datetime.date(2027, 2, 4), starts_at=datetime.time(10), place="Oslo"),
        schedule_meeting(body=body, date=datetime.date(2027, 4, 8), starts_at=datetime.time(10), place="Bergen"),
    ]
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            barrier.wait()
            for n in range(CASES_PER_THREAD):
                create_case(body=body, meeting=meetings[(index + n) % 2], title=f"Sak {index}-{n}")
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Case.objects.filter(year=2027).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * CASES_PER_THREAD + 1))
