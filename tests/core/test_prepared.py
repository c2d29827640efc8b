"""Queries each page makes are compiled once per process and planned once per connection."""

import pytest
from django.db import connection

from core.prepared import PreparedQuery
from members.models import Organisation
from members.queries import contact_organisations
from tests.conftest import requires_postgresql
from tests.factories import OrganisationFactory
from tests.members.conftest import make_contact

pytestmark = pytest.mark.django_db


def test_a_prepared_query_gives_the_rows_its_queryset_gives():
    first, first_role = make_contact()
    for name in ("Åfjord kommune", "Andøy kommune"):
        first_role.person.contact_roles.create(organisation=OrganisationFactory(name=name), is_primary=False)
    expected = list(
        Organisation.objects.filter(contact_roles__person__user=first).distinct().order_by("name")
    )
    got = contact_organisations(first)
    assert [o.pk for o in got] == [o.pk for o in expected] and len(got) == 3
    assert all(isinstance(o, Organisation) for o in got)
    assert [o.name for o in got] == [o.name for o in expected]  # the same fields, in the same order


def test_the_same_prepared_query_answers_for_each_value_it_is_given():
    a, role_a = make_contact(email="a@kommune-a.no")
    b, role_b = make_contact(email="b@kommune-b.no")
    assert [o.pk for o in contact_organisations(a)] == [role_a.organisation_id]
    assert [o.pk for o in contact_organisations(b)] == [role_b.organisation_id]


def test_a_queryset_with_a_second_parameter_cannot_be_prepared():
    query = PreparedQuery(Organisation, lambda pk: Organisation.objects.filter(pk=pk, name="Bodø kommune"))
    with pytest.raises(ValueError, match="exactly one value"):
        query(1)


@requires_postgresql
def test_a_query_run_again_and_again_on_a_connection_is_planned_once():
    """Server-side binding with psycopg's prepare threshold (settings): planning cost more than running."""
    user, _role = make_contact()
    for _ in range(6):
        contact_organisations(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"members_contactrole"' in statement and "ORDER BY" in statement for statement in prepared)
