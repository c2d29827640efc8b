"""The partnership of seed 004 as data: «at least two partnership meetings a calendar year» is its body
kind's target (a minimum, no maximum), shown on the dashboard; and the fixed seats' holder is data,
so no text names the party (R13)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import Body, BodyKind, BodyKindSettings, Term
from governance.queries.meetings import meeting_count_warning, meetings_per_year_bounds, meetings_target_text
from governance.services.bodies import appoint_ks_representative, term_end
from governance.services.meetings import schedule_meeting
from tests.factories import PersonFactory
from tests.factories.members import NetworkFactory, first_network

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def partnership():
    network = NetworkFactory(name="Partnerskap Asker og Bærum", slug="partnerskap-ab")
    BodyKindSettings.objects.create(network=network, kind=BodyKind.STEERING_GROUP, meetings_per_year_min=2)
    body = Body.objects.create(
        network=network, kind=BodyKind.STEERING_GROUP, name="Partnerskapsmøtet", slug="pm", meetings_public=True
    )
    return network, body


def _meet(body, month):
    return schedule_meeting(body=body, date=datetime.date(2025, month, 10), starts_at=datetime.time(18), place="Asker")


def test_at_least_two_meetings_a_year_is_a_minimum_without_a_maximum(partnership):
    network, body = partnership
    assert meetings_per_year_bounds(network) == (2, None)
    _meet(body, 3)
    assert "bare 1 møte" in meeting_count_warning(2025, network)
    assert "minst 2 møter i året" in meeting_count_warning(2025, network)
    for month in (5, 7, 9, 10, 11, 12):
        _meet(body, month)
    assert meeting_count_warning(2025, network) is None  # seven meetings: no upper bound to pass


def test_the_target_reads_in_words():
    assert meetings_target_text(4, 5) == "4–5 møter i året"
    assert meetings_target_text(2, None) == "minst 2 møter i året"
    assert meetings_target_text(None, 1) == "høyst 1 møte i året"
    assert meetings_target_text(1, 1) == "1 møte i året"
    assert meetings_target_text(None, None) == ""


def test_a_network_without_a_meeting_target_gets_no_warning_and_no_target():
    cluster = NetworkFactory(name="Kommuneklynge Nord", slug="klynge-nord")
    assert meetings_per_year_bounds(cluster) == (None, None)
    assert meeting_count_warning(2025, cluster) is None


def test_the_dashboard_shows_the_minimum_as_the_target(client, coordinator):
    BodyKindSettings.objects.filter(network=first_network(), kind=BodyKind.STEERING_GROUP).update(
        meetings_per_year_min=2, meetings_per_year_max=None
    )
    client.force_login(coordinator)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert f"0 møter i {YEAR} (mål: minst 2 møter i året)." in page
    assert "Avtalen sier minst 2 møter i året." in page


def test_the_fixed_seat_is_named_from_the_data():
    settings = BodyKindSettings.objects.get(network=first_network(), kind=BodyKind.STEERING_GROUP)
    assert (settings.fixed_seats, settings.fixed_seat_holder) == (1, "KS")  # governance 0009's data
    assert settings.fixed_seat_label == "fast plass for KS"
    settings.fixed_seat_holder = "Viken fylkeskommune"
    assert settings.fixed_seat_label == "fast plass for Viken fylkeskommune"
    settings.fixed_seats, settings.fixed_seat_holder = 2, ""
    assert settings.fixed_seat_label == "2 faste plasser"
    assert str(Term.Role.KS_REPRESENTATIVE.label) == "Fast plass (oppnevnt)"


def test_the_steering_group_page_names_the_holder_from_the_data(client, steering):
    BodyKindSettings.objects.filter(network=first_network(), kind=BodyKind.STEERING_GROUP).update(
        fixed_seat_holder="Statsforvalteren"
    )
    start = timezone.localdate().replace(month=1, day=1)
    appoint_ks_representative(
        body=steering, person=PersonFactory(organisation=None, affiliation=""), starts_on=start,
        ends_on=term_end(start, 2),
    )  # fmt: skip
    page = client.get(reverse("governance:steering_group")).content.decode()
    assert "0 valgte medlemmer og fast plass for Statsforvalteren" in page
    assert "<td>Statsforvalteren</td>" in page  # the holder stands for a person without affiliation
    assert "KS' faste plass" not in page and "fast plass for KS" not in page


def test_a_body_without_fixed_seats_refuses_one_naming_no_party(partnership):
    _network, body = partnership
    with pytest.raises(ValidationError) as refused:
        appoint_ks_representative(
            body=body, person=PersonFactory(organisation=None), starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
        )  # fmt: skip
    assert "Partnerskapsmøtet har ingen fast plass." in refused.value.messages
