"""`manage.py check --deploy` in a production environment gives no warnings at all."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

# What a production deployment sets; nothing else (no test-only switches such as SECURE_SSL_REDIRECT=false).
_TEST_ONLY = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests (test_csp_browser.py); never in production
)


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _TEST_ONLY and not k.startswith("SECURE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="network.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="nettverk.example.no",
        **overrides,
    )
    return env


def check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_environment_gives_no_warnings():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_notices_when_https_is_switched_off():
    """The check is live: switching the HTTPS redirect off by environment (local gunicorn) is flagged."""
    result = check_deploy(production_env(SECURE_SSL_REDIRECT="false"))
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr
