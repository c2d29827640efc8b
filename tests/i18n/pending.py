"""Translations waiting in locale/pending/*.po (one file per branch, merged into locale/en by the
integrator, docs/i18n.md) for tests that read English before that merge.

    def test_something_in_english(english):   # the fixture below, imported into the test module
        ...

Compiles the committed catalogues (tests/i18n/catalogues.py) and the pending files into a temporary
LOCALE_PATHS entry in front of the project's; after the merge there are no pending files and the
project's catalogue answers alone.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.i18n.catalogues import compile_catalogues


def pending_files() -> list[Path]:
    return sorted((Path(django_settings.BASE_DIR) / "locale" / "pending").glob("*.po"))


@pytest.fixture
def english(settings, tmp_path):
    """The test runs in English, with the pending translations of this branch."""
    reason = compile_catalogues()
    if reason:
        pytest.skip(reason)
    pending = pending_files()
    if pending:
        msgfmt, msgcat = shutil.which("msgfmt"), shutil.which("msgcat")
        if not (msgfmt and msgcat):
            pytest.skip("needs gettext's msgfmt and msgcat (apt-get install gettext)")
        target = tmp_path / "pending-locale" / "en" / "LC_MESSAGES"
        target.mkdir(parents=True)
        merged = target / "django.po"
        subprocess.run([msgcat, "--use-first", "-o", str(merged), *map(str, pending)], check=True, capture_output=True)
        subprocess.run([msgfmt, "-o", str(target / "django.mo"), str(merged)], check=True, capture_output=True)
        settings.LOCALE_PATHS = [str(tmp_path / "pending-locale"), *settings.LOCALE_PATHS]
    with translation.override("en"):
        yield
