"""No URL answers 500, whatever a person, a script or a scanner puts in its query string or path.

Every URL of the resolver (tests/security/access.py walks it; the access matrix's KWARGS fill in its
parameters) is asked with hostile values for every query parameter a view reads: out of range,
negative, huge, non-numeric, unicode, NUL, very long. A wrong value is ignored (the page falls back
to its default), or answered 400/404; never 500.

Four parts, to keep the run to a couple of minutes on two cores:
  - a deterministic walk of our pages and the admin's lists: every value of KNOWN_VALUES in every
    parameter at once (each parameter another value per request, so len(KNOWN_VALUES) requests give
    every parameter every value) as the first role that may open the page, the numbers as each other
    such role; a NUL byte in a request of its own (400);
  - every integer in a path (pk, year …) replaced by out-of-range numbers;
  - one hypothesis test per role: routes sampled from the whole resolver (allowed or not), one to
    four drawn parameters with drawn numbers or hostile text, and a drawn integer in the path.
  - the years the issue found (#20), each pinned: the page shows the current year.

A 500 fails the test with the route, role, query and the exception. The run's size is printed by
`pytest -q -s tests/security/test_hostile_parameters.py` at its end.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import scoped

from .access import ROLES, all_routes, build_objects, lookup
from .hostile import hostile_text
from .test_access_matrix import EXPECTED, KWARGS

pytestmark = pytest.mark.django_db

# Every query parameter a view of ours reads (grep "request.GET" across the apps), plus the names
# a user or scanner would try (page, month, id). Each is a string of the query, never trusted.
OUR_PARAMETERS = (
    "year",  # billing:invoice_list, meetings:meeting_list, dashboard:obligations
    "ar",  # activities:event_list (the coordinator's year plan)
    "side",  # paging: billing:invoice_list, dashboard:member_list
    "page",
    "sort",  # dashboard:member_list
    "q",  # billing:invoice_list, dashboard:member_list, meetings:decision_register, admin search
    "status",  # billing:invoice_list, dashboard:member_list
    "kind",  # dashboard:member_list
    "tier",  # billing:invoice_list, dashboard:member_list
    "overdue",  # billing:invoice_list
    "missing",  # dashboard:member_list, dashboard:obligations
    "format",  # dashboard:obligations (csv, xlsx)
    "dato",  # governance:steering_group (the group as it was on a day)
    "gruppe",  # governance:portal_join (the group to ask to join)
    "month",
    "maned",
    "id",
    "pk",
    "next",  # login and admin login
    "lang",
)


def _admin_parameters() -> tuple[str, ...]:
    """The Django admin's own parameters, and every list filter's and date hierarchy's of our admins."""
    names = {"o", "p", "e", "all", "_to_field", "_popup", "_changelist_filters"}
    for model_admin in admin.site._registry.values():
        for entry in model_admin.list_filter:
            if isinstance(entry, str):
                names |= {f"{entry}__exact", f"{entry}__id__exact", f"{entry}__isnull", f"{entry}__gte"}
            elif isinstance(entry, tuple):
                names |= {f"{entry[0]}__isnull", f"{entry[0]}__gte", f"{entry[0]}__lt"}
            elif getattr(entry, "parameter_name", None):
                names.add(entry.parameter_name)
        if model_admin.date_hierarchy:
            names |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return tuple(sorted(names))


PARAMETERS = OUR_PARAMETERS + _admin_parameters()

# The values of the deterministic walk: numbers out of every range a view might assume (years
# 1–9999 for Python's date, 32- and 64-bit integers for PostgreSQL), and text no number parses.
NUMBERS = [
    "0",
    "-1",
    "10000",
    "99999",
    "2147483648",
    "9223372036854775808",
    "1" + "0" * 40,
    "1.5",
    "1e3",
    "٣",  # an Arabic-Indic digit: int() accepts it
    "２０２６",  # full-width digits: int() accepts them too
    " 2026 ",
]
TEXT = [
    "",
    "abc",
    "NaN",
    "9999-12-31",
    "<script>alert(1)</script>",
    "' OR '1'='1' --",
    "../../../../etc/passwd",
    "\u202eevil\u202c",
    "𝕭𝖆𝖗𝖚𝖒 😀",
    "e\u0301\u0301\u0301",
    "ø" * 5_000,
]
KNOWN_VALUES = NUMBERS + TEXT
# Not in the rotation: a NUL byte anywhere in the query answers 400 before any view runs
# (network.middleware), so it would hide every other value of its request; it has a request of its
# own. KNOWN_BAD's very long strings (up to 100,000 characters) are for the hypothesis tests: in every
# parameter of every walked request they would make the walk take minutes.

# An integer in the path (pk, year, org_pk …): the URL converter lets any digits through.
PATH_NUMBERS = (0, 10_000, 99_999, 2**31, 2**63, 10**30)

ROUTES = all_routes()


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.HEALTHZ_WORKER_TIMEOUT = 0.01
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _kwargs(route, objects) -> dict:
    if not route.parameters:
        return {}
    builder = lookup(KWARGS, route.key)
    assert builder is not None, f"{route.key}: no KWARGS entry in tests/security/test_access_matrix.py"
    return builder(route, objects) if route.key.startswith("admin:") else builder(objects)


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _cause(response) -> str:
    if not getattr(response, "exc_info", None):
        return ""
    error = response.exc_info[1]
    return f": {type(error).__name__}: {str(error)[:200]}"


class Requests:
    """Asks and remembers every answer of 500 or more, with what caused it."""

    count = 0  # over the whole run, for the figures

    def __init__(self) -> None:
        self.problems: list[str] = []

    def get(self, client: Client, path: str, params: dict, where: str):
        Requests.count += 1
        response = client.get(path, params)
        if response.status_code >= 500:
            query = urlencode(params)[:300]
            self.problems.append(f"{where} GET {path}?{query} gave {response.status_code}{_cause(response)}")
        return response

    def post(self, client: Client, path: str, where: str) -> int:
        """An empty POST: a page that only takes POST must refuse an impossible object with 404 too."""
        Requests.count += 1
        response = client.post(path, {})
        if response.status_code >= 500:
            self.problems.append(f"{where} POST {path} gave {response.status_code}{_cause(response)}")
        return response.status_code

    def check(self) -> None:
        assert not self.problems, f"{len(self.problems)} answers of 500:\n" + "\n".join(self.problems[:40])


def _walked(route) -> bool:
    """Our own pages; of the admin, the index and the lists (its pages that read parameters)."""
    if route.key.startswith("admin:"):
        return route.key == "admin:index" or route.key.endswith("_changelist")
    return True


def _roles(expected) -> list[str]:
    """The roles that may open the page, the most privileged first; B's contact sees what A's does."""
    order = ("coordinator", "billing_admin", "steering", "contact_a", "anonymous")
    return [role for role in order if role in expected.allowed]


def _rotated(values: list[str], names: tuple[str, ...], shift: int) -> dict[str, str]:
    """All parameters in one query, each with another value: len(values) requests give every
    parameter every value."""
    return {name: values[(shift + i) % len(values)] for i, name in enumerate(names)}


WALK = [route for route in ROUTES if _walked(route)]


@pytest.mark.parametrize("route", WALK, ids=[route.key for route in WALK])
def test_hostile_query_values_never_answer_500(route):
    """Every value of KNOWN_VALUES in every parameter as the first role that may open the page, the
    numbers as every other such role (a view reads parameters the same way for each; the hypothesis
    tests ask every role, refused ones too). A page that refuses GET (405) is left out, and a download
    is asked as one role."""
    expected = lookup(EXPECTED, route.key)
    assert expected is not None, f"{route.key} is not in the access matrix's EXPECTED"
    objects = build_objects()
    path = route.path(_kwargs(route, objects))
    names = PARAMETERS if route.key.startswith("admin:") else OUR_PARAMETERS
    values = NUMBERS if route.key.startswith("admin:") else KNOWN_VALUES
    requests = Requests()
    for number, role in enumerate(_roles(expected)):
        client = _client(objects.users[role])
        plain = requests.get(client, path, {}, f"{route.key} as {role}")
        if plain.status_code == 405:
            break
        asked = values if number == 0 else NUMBERS
        for shift in range(len(asked)):
            requests.get(client, path, _rotated(asked, names, shift), f"{route.key} as {role}")
        if number == 0:
            status = requests.get(client, path, dict.fromkeys(names, "1\x00"), f"{route.key} as {role}").status_code
            assert status == 400, f"{route.key}: a NUL byte in the query gave {status}, not 400"
        if not plain.get("Content-Type", "").startswith("text/html"):
            break  # a download (PDF, ICS, JSON) reads no parameter per role; PDFs are slow to make
    requests.check()


INT_ROUTES = [route for route in WALK if not route.key.startswith("admin:") and "<int:" in route.route]


@pytest.mark.parametrize("route", INT_ROUTES, ids=[route.key for route in INT_ROUTES])
def test_out_of_range_numbers_in_the_path_never_answer_500(route):
    """A pk or year in the path of 0, 10000 or 10**30: a 404 (or the page's own refusal), never 500."""
    expected = lookup(EXPECTED, route.key)
    objects = build_objects()
    kwargs = _kwargs(route, objects)
    int_names = [name for name in route.parameters if f"<int:{name}>" in route.route]
    role = _roles(expected)[0]
    client = _client(objects.users[role])
    requests = Requests()
    for name in int_names:
        for number in PATH_NUMBERS:
            path = route.path({**kwargs, name: number})
            if requests.get(client, path, {}, f"{route.key} ({name}={number}) as {role}").status_code == 405:
                requests.post(client, path, f"{route.key} ({name}={number}) as {role}")
    requests.check()


# --- the years the issue found (#20): each page shows the current year instead ----------------------


@pytest.mark.parametrize(
    ("path", "role", "value"),
    [
        ("/faktura/", "coordinator", "99999"),
        ("/faktura/", "billing_admin", "-1"),
        ("/moter/", "contact_a", "0"),
        ("/moter/", "contact_b", "-1"),
        ("/moter/", "steering", "10000"),
        ("/arrangementer/?ar=", "coordinator", "99999"),
        ("/koordinator/forpliktelser/", "coordinator", "1e9"),
    ],
)
def test_a_year_out_of_range_shows_the_current_year(path, role, value):
    objects = build_objects()
    base, _, name = path.partition("?")
    response = _client(objects.users[role]).get(scoped(base), {(name.rstrip("=") or "year"): value})
    assert response.status_code == 200
    assert response.context["year"] == objects.today.year


# --- hypothesis: sampled routes, drawn parameters and values, one test per role ------------------------

HYPOTHESIS = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_numbers = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(NUMBERS),
)
# Without NUL bytes: one in the query is a 400 before any view reads a parameter (tested above).
_values = st.one_of(_numbers, hostile_text().map(lambda text: text.replace("\x00", "")))
# Our pages read only OUR_PARAMETERS: drawing the admin's too would waste most examples on them.
_our_query = st.dictionaries(st.sampled_from(OUR_PARAMETERS), _values, min_size=1, max_size=3)
_admin_query = st.dictionaries(st.sampled_from(PARAMETERS), _values, min_size=1, max_size=4)
_path_number = st.one_of(st.none(), st.integers(min_value=0, max_value=10**30))


@pytest.fixture
def paths():
    """The objects, and a path for every route (built once: every example of a test shares them)."""
    objects = build_objects()
    built = {}
    for route in ROUTES:
        kwargs = _kwargs(route, objects)
        built[route.key] = (route, kwargs, route.path(kwargs))
    return objects, built


ROUTE_KEYS = [route.key for route in ROUTES]


@pytest.mark.parametrize("role", ROLES)
@HYPOTHESIS
@given(key=st.sampled_from(ROUTE_KEYS), our_query=_our_query, admin_query=_admin_query, number=_path_number)
def test_drawn_parameters_never_answer_500(paths, role, key, our_query, admin_query, number):
    """Any route, as any role (refused ones included), with one to four drawn parameters and, where
    the path has an integer, a drawn one."""
    objects, built = paths
    route, kwargs, path = built[key]
    query = admin_query if key.startswith("admin:") else our_query
    if number is not None:
        int_names = [name for name in route.parameters if f"<int:{name}>" in route.route]
        if int_names:
            path = route.path({**kwargs, int_names[0]: number})
    requests = Requests()
    requests.get(_client(objects.users[role]), path, query, f"{key} as {role}")
    requests.check()


def test_every_page_of_ours_is_walked_and_the_admin_lists_too():
    """The figures of a run (`pytest -q -s tests/security/test_hostile_parameters.py`, printed last):
    the walk covers each of our routes and every admin list."""
    ours = {route.key for route in ROUTES if not route.key.startswith("admin:")}
    admin_lists = {route.key for route in ROUTES if route.key.endswith("_changelist")}
    assert ours | admin_lists <= {route.key for route in WALK}
    assert {"year", "ar", "side", "q", "status", "tier", "kind", "sort", "missing"} <= set(OUR_PARAMETERS)
    print(
        f"\nhostile parameters: {len(ROUTES)} routes, {len(WALK)} walked with {len(KNOWN_VALUES)} values "
        f"in {len(OUR_PARAMETERS)} of our parameters ({len(PARAMETERS)} with the admin's), "
        f"{len(INT_ROUTES)} with numbers in the path; requests in this run: {Requests.count}"
    )
