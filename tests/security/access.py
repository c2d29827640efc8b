"""The machinery of the access matrix: enumerate every URL, build it, ask it as each role, judge.

The table of what each role may do lives in tests/security/test_access_matrix.py; this module
only knows how to walk the URL resolver, how to fill in a pattern's parameters, what each
outcome means, and how to tell that a refused POST changed nothing.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from types import SimpleNamespace

from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, get_urlconf, resolve, reverse
from django.utils import timezone, translation
from django.utils.regex_helper import normalize

from governance.models import Body, BodyKind, Term
from members.roles import BILLING_ADMIN_GROUP, COORDINATOR_GROUP
from tests.factories import (
    ContactRoleFactory,
    MembershipFactory,
    NetworkFactory,
    PersonFactory,
    UserFactory,
    default_kind,
    make_billing_admin,
    make_coordinator,
    network_issuer,
)

from .access_objects import LAZY, OPEN_CASE_TITLE, SECRET_CASE_TITLE  # noqa: F401 — tests import the titles from here

# The roles of the first network, whose pages are asked, and the same roles held in a second network only
# (R13): another network's coordinator, billing administrator or contact is a stranger here.
ROLES = (
    "anonymous", "contact_a", "contact_b", "steering", "billing_admin", "coordinator",
    "other_contact", "other_billing_admin", "other_coordinator",
)  # fmt: skip
OTHER_NETWORK_ROLES = ("other_contact", "other_billing_admin", "other_coordinator")
PASSWORD = "correct horse battery staple"


# --- outcomes -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """Who may use a page. Everyone else is refused: anonymous → login, logged in → 403/404."""

    name: str
    allowed: frozenset[str]
    # What an allowed role may get on GET. Admin pages answer 403/404 by model permission.
    # 405: a POST-only view (logout) answers GET so, whoever asks.
    allowed_get: frozenset[int] = frozenset({200, 301, 302, 303, 405})
    # A page outside the login wall (an event, a join-request decision) answers anonymous "not
    # yours" with 404, like any other refused role, instead of sending them to log in.
    anonymous_404: bool = False

    def __str__(self) -> str:
        return self.name


def outcome(name: str, *roles: str, allowed_get: set[int] | None = None, anonymous_404: bool = False) -> Outcome:
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return Outcome(name, frozenset(roles), frozenset(allowed_get or {200, 301, 302, 303, 405}), anonymous_404)


# Open to everyone, or to every login: another network's roles too (the site's root, accounts, tokens).
PUBLIC = outcome("public", *ROLES)
LOGIN_REQUIRED = outcome("login_required", *(r for r in ROLES if r != "anonymous"))
COORDINATOR_ONLY = outcome("coordinator_only", "coordinator")
BILLING = outcome("billing", "coordinator", "billing_admin")
STEERING_GROUP = outcome("steering_group", "coordinator", "steering")
# The URL names an object of organisation A (the registry builds it so): A's contact and the
# coordinator may, B's contact may not (R12: 404 for "not yours").
OWN_ORG = outcome("own_org", "coordinator", "contact_a")
# Django admin: staff only (the coordinators); within it, model permissions may still say 403
# and a missing object 404 — never a 500, never a page for a non-staff role. The admin has no network in
# its address: each coordinator sees their own networks' rows there (tests/*/test_isolation.py).
ADMIN = outcome("admin", "coordinator", "other_coordinator", allowed_get={200, 302, 403, 404, 405})
# Acts only the member itself may do (give notice, R5): A's contact; the coordinator is refused.
OWN_CONTACT = outcome("own_contact", "contact_a")
# An invoice of organisation A: A's contact reads it, billing staff read and act on every invoice.
OWN_ORG_OR_BILLING = outcome("own_org_or_billing", "contact_a", "billing_admin", "coordinator")
# Meetings, published agendas, minutes and decisions (R8): every member contact, the steering
# group and the coordinator; not the billing administrator, not the public. Confidential papers
# are STEERING_GROUP.
MEMBERS_READ = outcome("members_read", "contact_a", "contact_b", "steering", "coordinator")
# A members-only event: member contacts and the coordinator; the public gets 404, not a login.
MEMBER_EVENT = outcome("member_event", "contact_a", "contact_b", "coordinator", anonymous_404=True)
# The URL carries a valid private token (calendar feed, invitation, cancel link): the token is the
# key, so whoever holds it may use the page; a wrong token is 404 (tests/security/test_tokens.py).
TOKEN = outcome("token", *ROLES)
# Deciding a join request of a working group (R9): its lead person (A's contact, as build_objects
# makes it) and the coordinator; anyone else 404.
GROUP_LEAD = outcome("group_lead", "contact_a", "coordinator", anonymous_404=True)


# --- the objects the URLs are built from ------------------------------------------------------------


class MatrixObjects(SimpleNamespace):
    """The test objects. The other apps' objects are built the first time a URL asks for one.

    Every URL of the matrix is asked in its own test (its own transaction), so building an invoice,
    a meeting with minutes or an event for each of ~400 URLs would make the run slow; an attribute
    listed in LAZY is built (with the rest of its group) only when a KWARGS entry reads it.
    """

    def __getattr__(self, name: str):
        builder = LAZY.get(name)
        if builder is None:
            raise AttributeError(name)
        builder(self)
        return self.__dict__[name]


def build_objects() -> MatrixObjects:
    """Two member organisations with a contact each, a steering-group member and the staff roles; and a
    second network with its own member, contact, coordinator and issuer with its billing administrator.

    Other apps' objects (invoices, meetings, events …) belong here too, each owned by
    organisation A, so an OWN_ORG page can be asked with A's object by B's contact (see LAZY).
    """
    membership_a = MembershipFactory(organisation__name="Organisasjon A")
    membership_b = MembershipFactory(organisation__name="Organisasjon B")
    membership_c = MembershipFactory(organisation__name="Organisasjon C")
    contact_role_a = ContactRoleFactory(organisation=membership_a.organisation)
    contact_role_b = ContactRoleFactory(organisation=membership_b.organisation)

    def login_for(person=None, email=None, group=None, staff=False):
        user = UserFactory(email=email or person.email, is_staff=staff)
        if person is not None:
            person.user = user
            person.save()
        if group == COORDINATOR_GROUP:
            make_coordinator(user)
        elif group == BILLING_ADMIN_GROUP:
            make_billing_admin(user)
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    steering_person = PersonFactory(organisation=membership_c.organisation)
    body, _ = Body.objects.get_or_create(
        kind=BodyKind.STEERING_GROUP, defaults={"name": "Styringsgruppen", "slug": "styringsgruppen"}
    )
    today = timezone.localdate()
    steering_term = Term.objects.create(
        body=body,
        person=steering_person,
        organisation=membership_c.organisation,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today + datetime.timedelta(days=265),
    )
    users = {
        "anonymous": None,
        "contact_a": login_for(contact_role_a.person),
        "contact_b": login_for(contact_role_b.person),
        "steering": login_for(steering_person),
        "billing_admin": login_for(email="okonomi@ks.no", group=BILLING_ADMIN_GROUP),
        # As in the demo: the coordinator is staff and may use the admin.
        "coordinator": login_for(email="koordinator@example.no", group=COORDINATOR_GROUP, staff=True),
        **_other_network_logins(login_for),
    }
    return MatrixObjects(
        org_a=membership_a.organisation,
        org_b=membership_b.organisation,
        membership_a=membership_a,
        membership_b=membership_b,
        contact_role_a=contact_role_a,
        contact_role_b=contact_role_b,
        person_a=contact_role_a.person,
        person_b=contact_role_b.person,
        steering_body=body,
        steering_term=steering_term,
        today=today,
        users=users,
    )


def _other_network_logins(login_for) -> dict:
    """A second network's contact, coordinator and billing administrator (of its own issuer): their roles
    are there, so on the first network's pages they are strangers."""
    other = NetworkFactory(name="Annet nettverk", slug="annet-nettverk")
    network_issuer(other, issuer_name="Annen utsteder", issuer_org_number="974760673", kid_prefix="77")
    contact_role = ContactRoleFactory(
        organisation=MembershipFactory(network=other, organisation__name="Organisasjon D").organisation,
        kind=default_kind(other),
    )
    coordinator = login_for(email="koordinator@annet.example.no", staff=True)
    make_coordinator(coordinator, other)
    billing_admin = login_for(email="okonomi@annet.example.no")
    make_billing_admin(billing_admin, other)
    return {
        "other_contact": login_for(contact_role.person),
        "other_billing_admin": billing_admin,
        "other_coordinator": coordinator,
    }


# --- walking the resolver -----------------------------------------------------------------------------


@dataclass
class Route:
    key: str  # "namespace:name", or "namespace:<route>" for an unnamed pattern
    namespace: str
    patterns: list = field(default_factory=list)  # the pattern of each level, outermost first
    callback: Callable | None = None

    @property
    def parameters(self) -> list[str]:
        """Named groups by name; unnamed (positional) groups as Django's reverse calls them: _0, _1 …"""
        names: list[str] = []
        for pattern in self.patterns:
            names += normalize(pattern.regex.pattern)[0][1]
        return names

    @property
    def route(self) -> str:
        return "".join(str(p) for p in self.patterns)

    def path(self, kwargs: dict) -> str:
        """The concrete path in the active network (/<slug>/…), built like Django's reverse() does,
        checked by resolving it back."""
        route = _routes_by_key(get_urlconf()).get(self.key, self)
        text = "".join(normalize(p.regex.pattern)[0][0] for p in route.patterns)
        path = "/" + text % {k: str(v) for k, v in kwargs.items()}
        assert resolve(path).func == route.callback, f"{self.key}: {path} resolves to another view"
        return path


@functools.cache
def _routes_by_key(urlconf) -> dict[str, Route]:
    """The routes of a URL configuration by key: the same keys in every network, under its own prefix."""
    return {route.key: route for route in all_routes(urlconf)}


def all_routes(urlconf=None) -> list[Route]:
    """Every URL pattern of `urlconf` (the root one: network pages without a prefix), includes recursed,
    in the default language (no language prefix)."""
    routes: list[Route] = []

    def walk(entries, namespace: str, levels: list) -> None:
        for entry in entries:
            if isinstance(entry, URLResolver):
                ns = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
                walk(entry.url_patterns, ns, [*levels, entry.pattern])
            elif isinstance(entry, URLPattern):
                chain = [*levels, entry.pattern]
                name = entry.name or f"<{''.join(str(p) for p in chain)}>"
                key = f"{namespace}:{name}" if namespace else name
                routes.append(Route(key=key, namespace=namespace, patterns=chain, callback=entry.callback))

    with translation.override(None):
        walk(get_resolver(urlconf).url_patterns, "", [])
    return routes


def lookup(table: dict, key: str):
    """The entry for `key`: exact, else the one namespace-wide rule ("admin:*")."""
    if key in table:
        return table[key]
    for pattern, value in table.items():
        if pattern.endswith(":*") and fnmatchcase(key, pattern):
            return value
    return None


# --- what a refused POST must leave alone --------------------------------------------------------------

COUNTED_APPS = ("members", "governance", "billing", "activities", "network", "account", "auth", "admin", "django_celery_beat")


def row_counts() -> dict[str, int]:
    """Rows per table of every model of the apps above, in one query."""
    tables = sorted(
        {
            model._meta.db_table
            for app in COUNTED_APPS
            if app in {config.label for config in apps.get_app_configs()}
            for model in apps.get_app_config(app).get_models(include_auto_created=True)
            if not model._meta.proxy and model._meta.managed
        }
    )
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


# --- asking and judging -------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def is_login_redirect(response) -> bool:
    return response.status_code in (301, 302, 303) and response["Location"].startswith(reverse("account_login"))


# Executable inline scripts only: <script type="application/json"> is data, which CSP allows.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.IGNORECASE)


INLINE_KINDS = {"inline script": INLINE_SCRIPT, "inline handler": INLINE_HANDLER, "inline style": INLINE_STYLE}


def inline_code_problems(where: str, html: str, *, tolerated: frozenset[str] = frozenset()) -> Iterator[str]:
    """What the Content-Security-Policy (script-src/style-src 'self') would block in the browser."""
    for label, pattern in INLINE_KINDS.items():
        if label in tolerated:
            continue
        found = pattern.search(html)
        if found:
            yield f"{where}: page has an {label} the CSP blocks: {found.group(0)[:80]!r}"


def judge(
    route_key: str, path: str, expected: Outcome, objects: SimpleNamespace, *, tolerated: frozenset[str] = frozenset()
) -> Iterator[str]:
    """Ask `path` as every role with GET and then POST; yield one line per broken expectation."""
    # Refused roles first, the allowed ones last: an allowed POST may legitimately change data.
    order = sorted(ROLES, key=lambda r: (r in expected.allowed, ROLES.index(r)))
    for role in order:
        user = objects.users[role]
        allowed = role in expected.allowed
        get = client_for(user).get(path)
        where = f"{route_key} {path} as {role} ({expected})"
        if "Content-Security-Policy" not in get:
            yield f"{where}: GET has no Content-Security-Policy header"
        if get.status_code == 200 and get.get("Content-Type", "").startswith("text/html"):
            yield from inline_code_problems(where, get.content.decode(errors="replace"), tolerated=tolerated)
        if get.status_code >= 500:
            yield f"{where}: GET gave {get.status_code}"
        elif allowed and get.status_code not in expected.allowed_get:
            yield f"{where}: GET gave {get.status_code}, expected one of {sorted(expected.allowed_get)}"
        elif (
            not allowed
            and role == "anonymous"
            and not (
                is_login_redirect(get) or get.status_code == 405 or (expected.anonymous_404 and get.status_code == 404)
            )
        ):
            yield f"{where}: anonymous GET gave {get.status_code}, expected a redirect to login"
        elif not allowed and role != "anonymous" and get.status_code not in (403, 404, 405):
            # 405: a POST-only view refuses GET before it asks who you are; the POST below is the test.
            yield f"{where}: GET gave {get.status_code}, expected 403, 404 or 405"

        before = None if allowed else row_counts()
        post = client_for(user).post(path, {})
        if post.status_code >= 500:
            yield f"{where}: POST gave {post.status_code}"
        elif not allowed:
            if role == "anonymous" and not (
                is_login_redirect(post)
                or post.status_code == 405
                or (expected.anonymous_404 and post.status_code == 404)
            ):
                yield f"{where}: anonymous POST gave {post.status_code}, expected a redirect to login or 405"
            elif role != "anonymous" and post.status_code not in (403, 404, 405):
                yield f"{where}: POST gave {post.status_code}, expected 403, 404 or 405"
            after = row_counts()
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t] and t != "django_session"}
            if changed:
                yield f"{where}: refused POST changed rows {changed}"
