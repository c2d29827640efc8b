"""A resigned member's seats and group places end on the effective date (R5)."""

import datetime

from governance.models import Term
from governance.services.bodies import add_term, end_terms_for_organisation
from members.signals import membership_ended
from tests.factories import WorkingGroupFactory

EFFECTIVE = datetime.date(2025, 8, 31)


def test_membership_ended_signal_ends_steering_and_working_group_places_that_day(elect):
    seat = elect(years=2)
    person, organisation = seat.person, seat.organisation
    group = WorkingGroupFactory()
    place = add_term(
        body=group,
        person=person,
        organisation=organisation,
        starts_on=datetime.date(2025, 2, 1),
        ends_on=None,
        obtained="appointed",
    )
    other = elect()

    membership_ended.send(sender=None, organisation=organisation, membership=None, ended_on=EFFECTIVE, by=None)

    seat.refresh_from_db()
    place.refresh_from_db()
    other.refresh_from_db()
    assert seat.ends_on == EFFECTIVE
    assert place.ends_on == EFFECTIVE
    assert other.ends_on == datetime.date(2026, 12, 31)


def test_a_seat_starting_after_the_effective_date_is_removed(elect):
    later = elect(starts_on=datetime.date(2026, 1, 1), years=1)
    assert end_terms_for_organisation(organisation=later.organisation, on=EFFECTIVE, by=None) == 1
    assert not Term.objects.filter(pk=later.pk).exists()


def test_a_seat_already_ended_is_left_alone(elect):
    seat = elect(years=1, starts_on=datetime.date(2024, 1, 1))
    assert end_terms_for_organisation(organisation=seat.organisation, on=EFFECTIVE, by=None) == 0
    seat.refresh_from_db()
    assert seat.ends_on == datetime.date(2024, 12, 31)


def test_open_nominations_and_join_requests_of_a_resigned_member_are_closed(elect, coordinator, member_contact):
    from governance.models import JoinRequest, Nomination
    from governance.services.elections import nominate, open_election
    from governance.services.working_groups import create_working_group, request_to_join

    organisation = member_contact.person.organisation
    election = open_election(year=2026, terms_start_on=datetime.date(2026, 3, 20), by=coordinator)
    nomination = nominate(election=election, person=member_contact.person, via="coordinator", by=coordinator)
    lead = elect().person
    group = create_working_group(name="Klima", lead_person=lead, leading_organisation=lead.organisation)
    join_request = request_to_join(body=group, person=member_contact.person, by=member_contact)

    end_terms_for_organisation(organisation=organisation, on=EFFECTIVE, by=None)

    nomination.refresh_from_db()
    join_request.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    assert join_request.status == JoinRequest.Status.DECLINED
