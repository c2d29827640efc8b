"""The header menu: each role sees what it can do there, and the section it is in is marked."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from billing.roles import billed_network_ids, is_billing_admin_of
from members.models import Network
from members.networks import active_network, all_networks, first_network, using_network
from members.roles import is_coordinator, is_member_contact, user_network_ids


@dataclass
class NavItem:
    key: str
    label: str
    url: str
    current: str = ""  # "page" on the page itself, "true" anywhere in its section


def _items(user) -> list[tuple[str, str, str]]:
    """(key, label, URL name) for the user's roles, the highest role's work first."""
    if not user.is_authenticated:
        return [
            ("members", _("Medlemmer"), "home"),
            ("events", _("Arrangementer"), "activities:event_list"),
            ("steering", _("Styringsgruppen"), "governance:steering_group"),
        ]
    if is_coordinator(user):
        return [
            ("dashboard", _("Oversikt"), "dashboard:home"),
            ("followup", _("Oppfølging"), "members:lifecycle_overview"),
            ("member_list", _("Medlemsliste"), "dashboard:member_list"),
            ("meetings", _("Møter"), "meetings:meeting_list"),
            ("governance", _("Styring og grupper"), "governance:steering_group"),
            ("events", _("Arrangementer"), "activities:event_list"),
            ("billing", _("Faktura"), "billing:invoice_list"),
            ("admin", _("Administrasjon"), "admin:index"),
        ]
    items = []
    contact = is_member_contact(user)
    if is_billing_admin_of(user):
        items += [
            ("billing", _("Faktura"), "billing:invoice_list"),
            ("payments", _("Innbetalinger"), "billing:payments_review"),
            ("dashboard", _("Kontingent i tall"), "dashboard:home"),
        ]
    if contact:
        items += [
            ("portal", _("Min organisasjon"), "members:portal_home"),
            ("meetings", _("Møter"), "meetings:meeting_list"),
            ("events", _("Arrangementer"), "activities:event_list"),
            ("steering", _("Styringsgruppen"), "governance:steering_group"),
        ]
    elif not items and _is_steering_group_member(user):
        # Asked only of a login with no other role: a contact already sees the meetings, and the
        # pages' pinned query counts stay as they are.
        items += [
            ("meetings", _("Møter"), "meetings:meeting_list"),
            ("steering", _("Styringsgruppen"), "governance:steering_group"),
        ]
    return items or [("members", _("Medlemmer"), "home"), ("events", _("Arrangementer"), "activities:event_list")]


def _is_steering_group_member(user) -> bool:
    from governance.queries.bodies import is_steering_group_member

    return is_steering_group_member(user)


def navigation_items(user, path: str) -> list[NavItem]:
    items = [NavItem(key, label, reverse(name)) for key, label, name in _items(user)]
    # The section is the item whose address is the longest start of this page's (so /koordinator/medlemmer/12/
    # is in the member list, not in the dashboard at /koordinator/).
    # The front page's address starts every other: it is current only on itself.
    matching = [item for item in items if path == item.url or (item.key != "members" and path.startswith(item.url))]
    if matching:
        best = max(matching, key=lambda item: len(item.url))
        best.current = "page" if path == best.url else "true"
    return items


def navigation(request):
    """What the header menu shows to the person asking."""
    user = getattr(request, "user", None)
    if user is None:
        return {"nav_items": [], "nav_is_coordinator": False}
    return {"nav_items": navigation_items(user, request.path), "nav_is_coordinator": is_coordinator(user)}


def _page_network():
    return active_network() or first_network()


def network(request) -> dict:
    """The network a page belongs to, for its name and texts in the layout (R13), and the switcher.

    The network is the one the page's address names (network.middleware), else the person's own
    or the installation's first. Read only when a template uses it; None before a network is set up.
    """
    user = getattr(request, "user", None)
    return {
        "network": SimpleLazyObject(_page_network),
        "network_switch": SimpleLazyObject(lambda: network_switch(user)),
    }


def network_switch(user) -> list[tuple[Network, str, bool]]:
    """(network, its start page, is it this page's) for a person with a role in several networks, else []."""
    if user is None or not user.is_authenticated:
        return []
    ids = user_network_ids(user) | billed_network_ids(user)
    if len(ids) < 2:
        return []
    here = _page_network()
    links = []
    for each in all_networks():
        if each.pk in ids:
            with using_network(each):
                links.append((each, reverse("start_here"), here is not None and each.pk == here.pk))
    return links
