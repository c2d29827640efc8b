"""Settings come from the environment and refuse an unsafe production start."""

import os
import subprocess
import sys

from django.conf import settings

SETUP = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def run_with(env_overrides: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.update({"DJANGO_SETTINGS_MODULE": "network.settings", **env_overrides})
    return subprocess.run(
        [sys.executable, "-c", SETUP], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_mode_without_secret_key_refuses_to_start():
    result = run_with({"DEBUG": "false"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_mode_refuses_the_published_development_key():
    result = run_with({"DEBUG": "false", "SECRET_KEY": "django-insecure-development-only-never-in-production"})
    assert result.returncode != 0


def test_production_mode_starts_with_a_real_key():
    result = run_with({"DEBUG": "false", "SECRET_KEY": "a" * 50})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_development_mode_needs_no_configuration():
    result = run_with({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_norwegian_first_in_oslo_time():
    assert settings.LANGUAGE_CODE == "nb"
    assert settings.TIME_ZONE == "Europe/Oslo"
    assert [code for code, _name in settings.LANGUAGES] == ["nb", "en"]


def _manage(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=120,
    )


def test_build_commands_run_without_a_configured_secret_key():
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_other_commands_still_refuse_production_mode_without_a_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
