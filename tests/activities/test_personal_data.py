"""Personal data in activities can be exported and anonymised on request (R12); attendance still counts."""

import pytest

from activities import queries, services
from activities.models import Attendance, Registration
from tests.factories import BaerekraftsfredagFactory, EventFactory, PersonFactory, oslo

pytestmark = pytest.mark.django_db


def test_anonymising_keeps_the_attendance_for_the_organisation_but_not_who():
    person = PersonFactory(email="kari@kommune.no")
    gathering = EventFactory(starts_at=oslo(2027, 4, 20))
    registration = services.register_person(event=gathering, person=person, by=None).registration
    services.check_in(registration=registration, by=None)
    fredag = BaerekraftsfredagFactory()
    services.register_publicly(event=fredag, name="Kari", email="KARI@kommune.no")
    assert len(queries.personal_data_for("kari@kommune.no")["registrations"]) == 2

    changed = services.anonymise_participant(email="kari@kommune.no", person=person, by=None)

    assert changed == 3
    assert not Registration.objects.filter(email__iexact="kari@kommune.no").exists()
    assert not Attendance.objects.filter(name__icontains="Kari").exists()
    assert queries.organisations_with_gathering_attendance(2027) == {person.organisation_id}
    assert queries.personal_data_for("kari@kommune.no") == {"registrations": [], "attendances": []}
    assert not Registration.history.filter(email__iexact="kari@kommune.no").exists()
    assert not Attendance.history.filter(name__icontains="Kari").exists()
