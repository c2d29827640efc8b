import datetime

import pytest

from governance.models import Body, BodyKind
from governance.services.bodies import add_term, term_end
from tests.factories import member_person
from tests.factories.members import first_network


@pytest.fixture
def steering(db) -> Body:
    return Body.objects.get(network=first_network(), kind=BodyKind.STEERING_GROUP)


@pytest.fixture
def elect(steering):
    """Elect a fresh member person to the steering group: elect(role=..., starts_on=..., years=...)."""

    def _elect(*, role="member", starts_on=datetime.date(2025, 1, 1), years=2, gender="unknown", body=None):
        person = member_person(gender=gender)
        return add_term(
            body=body or steering,
            person=person,
            organisation=person.organisation,
            role=role,
            starts_on=starts_on,
            ends_on=term_end(starts_on, years),
        )

    return _elect
