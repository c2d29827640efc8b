"""Two coordinators electing at the same moment cannot together make a 10th seat (R7)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from governance.models import Body, BodyKind, Term
from governance.services.bodies import add_term, term_end
from tests.conftest import requires_postgresql
from tests.factories import member_person

START = datetime.date(2025, 1, 1)


@requires_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_appointments_cannot_make_ten_elected_seats():
    steering = Body.objects.get(kind=BodyKind.STEERING_GROUP)
    for _ in range(8):
        person = member_person()
        add_term(
            body=steering, person=person, organisation=person.organisation, starts_on=START, ends_on=term_end(START, 2)
        )
    candidates = [member_person() for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def appoint(person):
        try:
            barrier.wait()
            add_term(
                body=steering,
                person=person,
                organisation=person.organisation,
                starts_on=START,
                ends_on=term_end(START, 2),
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=appoint, args=(p,)) for p in candidates]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert Term.objects.filter(body=steering, obtained="elected").count() == 9
