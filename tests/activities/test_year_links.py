"""The coordinator's plan on the events page: "Forrige år · Neste år" with no separator left dangling."""

import re

from django.urls import reverse


def test_the_year_links_end_without_a_stray_separator(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("activities:event_list")).content.decode()
    assert "Neste år" in page
    after = page.split("Neste år", 1)[1]
    assert not re.match(r"\s*</a>\s*·", after)
