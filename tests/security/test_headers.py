"""Every page carries the security headers: CSP without inline scripts or styles, no framing, HSTS."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["home", "account_login", "account_reset_password", "healthz"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_a_strict_content_security_policy(client, name):
    response = client.get(reverse(name))
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value for values in csp.values() for value in values)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_refuses_framing_and_sniffing(client, name):
    response = client.get(reverse(name))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_hsts_over_https(client):
    response = client.get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_plain_http_is_redirected_to_https_except_healthz(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("home"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get(reverse("healthz")).status_code in (200, 503)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)


@pytest.mark.parametrize("name", ["home", "account_login", "account_reset_password"])
def test_our_pages_need_no_inline_script_or_style(client, name):
    """What the CSP would block must not be in our pages in the first place."""
    html = client.get(reverse(name)).content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html)
    assert not INLINE_HANDLER.search(html)


def test_cookies_are_secure_httponly_and_same_site(client, member_contact):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=member_contact, email=member_contact.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"), {"login": member_contact.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert response.cookies["csrftoken"]["secure"]


@pytest.mark.parametrize("name", ["account_login", "set_language", "account_reset_password"])
def test_a_cross_site_post_without_csrf_token_is_refused(name):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse(name), {"login": "a@b.no", "password": "x", "language": "en"}
    )
    assert response.status_code == 403
