"""Every form with errors opens with an error summary linked to its fields (issue #11, WCAG 3.3.1).

The summary (templates/forms/_error_summary.html) lists each error; a field's error is a link to
the field's own input, which says it is invalid and is described by its inline message; errors
of the form as a whole have no link. Pages from four apps and allauth's login are checked.
"""

import datetime

import lxml.html
import pytest
from django.urls import reverse
from django.utils import translation

from network.dashboard.forms import BulkEmailForm
from tests.factories import BaerekraftsfredagFactory, UserFactory
from tests.governance.meetings.factories import SteeringGroupFactory
from tests.members.conftest import make_contact

pytestmark = pytest.mark.django_db


def error_summary(html: str) -> tuple[lxml.html.HtmlElement, list[tuple[str, str | None]]]:
    """The page's one error summary and its items as (text, link target id or None)."""
    page = lxml.html.fromstring(html)
    (summary,) = page.xpath('//*[contains(concat(" ", @class, " "), " ds-error-summary ")]')
    items = []
    for item in summary.xpath(".//li"):
        links = item.xpath("./a")
        target = links[0].get("href").removeprefix("#") if links else None
        items.append((item.text_content().strip(), target))
    return page, items


def assert_linked_to_fields(page: lxml.html.HtmlElement, items: list[tuple[str, str | None]]) -> None:
    """Each link points at an existing input that is invalid and described by its error message."""
    for text, target in items:
        if target is None:
            continue
        (field,) = page.xpath(f'//*[@id="{target}"]')
        assert field.tag in {"input", "select", "textarea"}, (target, field.tag)
        assert field.get("aria-invalid") == "true", target
        # A radio or checkbox group is described on its fieldset, other inputs on themselves.
        described = field.get("aria-describedby") or field.xpath("ancestor::fieldset[1]")[0].get("aria-describedby")
        messages = [page.xpath(f'//*[@id="{ref}"]')[0].text_content() for ref in described.split()]
        assert any(message.strip() and message.strip() in text for message in messages), (text, messages)


def test_resignation_form_lists_each_missing_answer_linked_to_its_field(client):
    user, role = make_contact(email="kontakt@kommune.no")
    client.force_login(user)

    response = client.post(reverse("members:resign", args=[role.organisation_id]), {"signed_by_name": "Kari"})

    page, items = error_summary(response.content.decode())
    assert [target for _, target in items] == ["id_signed_by_title", "id_accept_terms", "id_authorised"]
    assert "Du må bekrefte vilkårene for oppsigelse." in items[1][0]
    assert_linked_to_fields(page, items)
    summary = page.xpath("//*[@data-error-summary]")[0]
    # Focus lands on the summary when the page loads, without JavaScript.
    assert summary.get("tabindex") == "-1" and summary.get("autofocus") is not None
    assert summary.xpath('.//*[@role="alert"]//h2')[0].text_content() == "Skjemaet har feil"


def test_public_event_registration_lists_name_and_email(client):
    event = BaerekraftsfredagFactory()

    response = client.post(
        reverse("activities:event_register", args=[event.pk]), {"name": "", "email": "ikke-epost", "website": ""}
    )

    page, items = error_summary(response.content.decode())
    assert [target for _, target in items] == ["id_name", "id_email"]
    assert_linked_to_fields(page, items)


def test_meeting_form_links_the_place_error(client, coordinator):
    SteeringGroupFactory()
    client.force_login(coordinator)

    response = client.post(
        reverse("meetings:meeting_create"),
        {"date": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(), "starts_at": "10:00"},
    )

    page, items = error_summary(response.content.decode())
    assert "id_place" in [target for _, target in items]
    assert any("Oppgi sted eller videolenke" in text for text, _ in items)
    assert_linked_to_fields(page, items)


def test_billing_settings_links_the_bank_account_error(client, coordinator):
    client.force_login(coordinator)
    data = {
        "issuer_name": "KS",
        "issuer_org_number": "971032146",
        "street_address": "Haakon VIIs gate 9",
        "postal_code": "0161",
        "postal_place": "Oslo",
        "bank_account": "86011117948",
        "email": "faktura@ks.no",
        "due_days": 30,
        "first_reminder_days": 14,
        "second_reminder_days": 28,
    }

    response = client.post(reverse("billing:settings"), data)

    page, items = error_summary(response.content.decode())
    assert [target for _, target in items] == ["id_bank_account"]
    assert_linked_to_fields(page, items)


def test_a_wrong_password_is_listed_without_a_link(client):
    UserFactory(email="kari@kommune.no")

    response = client.post(reverse("account_login"), {"login": "kari@kommune.no", "password": "feil-passord"})

    page, items = error_summary(response.content.decode())
    assert len(items) == 1 and items[0][1] is None
    assert items[0][0]


def test_a_radio_group_error_links_to_its_first_choice():
    form = BulkEmailForm(data={"audience": "nobody", "subject": "Hei", "body": "Tekst"})
    assert not form.is_valid()

    page, items = error_summary(f"<div>{form.render()}</div>")

    assert [target for _, target in items] == ["id_audience_0"]
    assert_linked_to_fields(page, items)


def test_in_english_the_summary_has_an_english_heading(client):
    event = BaerekraftsfredagFactory()
    with translation.override("en"):
        url = reverse("activities:event_register", args=[event.pk])

    response = client.post(url, {"name": "", "email": "kari@example.no"})

    page, items = error_summary(response.content.decode())
    assert url.startswith("/en/")
    assert page.xpath("//*[@data-error-summary]//h2")[0].text_content() == "There is a problem"
    assert [target for _, target in items] == ["id_name"]
