"""`manage.py screenshots` pictures the main pages for the README and skips those not built yet."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from network.management.commands.screenshots import SHOTS, take_screenshots
from tests.factories import MembershipFactory

pytestmark = pytest.mark.e2e

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def members(transactional_db):
    return [MembershipFactory(organisation__name=name) for name in ("Bærum", "Asker")]


def test_every_page_is_pictured_or_skipped_with_a_reason(browser, live_server, members, tmp_path):
    said = []

    written = take_screenshots(browser, base_url=live_server.url, output=tmp_path, say=said.append)

    assert {p.name for p in written} >= {"front-page-1280.png", "front-page-375.png"}
    assert all(p.read_bytes().startswith(PNG) for p in written)
    pictured = {p.name.rsplit("-", 1)[0] for p in written}
    for shot in SHOTS:
        assert shot.name in pictured or any(line.startswith(f"skipped {shot.name}:") for line in said), said


def test_english_pictures_get_their_own_names(browser, live_server, members, tmp_path):
    written = take_screenshots(
        browser, base_url=live_server.url, output=tmp_path, names=["front-page"], lang="en", widths=(375,), say=print
    )

    assert [p.name for p in written] == ["front-page-en-375.png"]


def test_the_command_serves_the_database_itself_when_no_server_is_given(members, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: another process must see the test database (.ci/run sets DATABASE_URL)")
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": url}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "screenshots",
            "--page",
            "front-page",
            "--width",
            "375",
            "--output",
            str(tmp_path),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "front-page-375.png").read_bytes().startswith(PNG)
    assert "1 screenshot(s)" in result.stdout
