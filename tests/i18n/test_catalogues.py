"""The nb and en catalogues are complete: every marked string has an English translation.

Source strings are Norwegian bokmål, so the nb catalogue may leave msgstr empty (gettext then
shows the source). The English one may not. The first test runs makemessages on a copy of the
project, so it also catches strings added since the catalogues were last regenerated; fix with:

    DEBUG=true .venv/bin/python manage.py makemessages -l en -l nb \\
        --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests
    # translate every empty msgstr (and every "#, fuzzy" one) in locale/en/LC_MESSAGES/django.po
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from tests.i18n.catalogues import compile_catalogues, parse_po, po_files

pytestmark = pytest.mark.i18n

ROOT = Path(settings.BASE_DIR)
MAKEMESSAGES_IGNORE = [".venv", "node_modules", "var", "tests"]
# What makemessages does not need to see (the copy is quicker without them).
NOT_COPIED = shutil.ignore_patterns(
    ".venv", "node_modules", "var", "tests", ".git", "staticfiles", "media", "docs", "test-results",
    "__pycache__", "*.mo", "*.pyc", ".ruff_cache", ".pytest_cache", ".hypothesis", "*.png", "*.pdf",
)  # fmt: skip

requires_gettext = pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgmerge") and shutil.which("msgfmt")),
    reason="needs GNU gettext (apt-get install gettext) for makemessages/compilemessages",
)

REGENERATE = (
    "Regenerate and translate: DEBUG=true .venv/bin/python manage.py makemessages -l en -l nb "
    "--ignore=.venv --ignore=node_modules --ignore=var --ignore=tests, then fill every empty or fuzzy msgstr "
    "in locale/en/LC_MESSAGES/django.po (docs/i18n.md)."
)


@pytest.fixture(scope="module")
def regenerated_locale(tmp_path_factory) -> Path:
    """locale/ as makemessages makes it from today's code, merged with the committed translations."""
    copy = tmp_path_factory.mktemp("project") / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=False, ignore_dangling_symlinks=True)
    env = {**os.environ, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "network.settings"}
    command = [sys.executable, "manage.py", "makemessages", "-l", "en", "-l", "nb", "--no-obsolete", "-v", "0"]
    command += [f"--ignore={pattern}" for pattern in MAKEMESSAGES_IGNORE]
    subprocess.run(command, cwd=copy, env=env, check=True, capture_output=True, text=True, timeout=300)
    return copy / "locale"


def untranslated(po: Path) -> list[str]:
    return [
        f"{entry.where()}: {entry.msgid!r}" + (" (fuzzy)" if "fuzzy" in entry.flags else "")
        for entry in parse_po(po)
        if not entry.translated
    ]


@requires_gettext
def test_every_marked_string_in_the_code_has_an_english_translation(regenerated_locale):
    missing = untranslated(regenerated_locale / "en" / "LC_MESSAGES" / "django.po")

    assert not missing, (
        f"{len(missing)} string(s) without English translation:\n" + "\n".join(missing) + ("\n" + REGENERATE)
    )


@requires_gettext
def test_the_nb_and_en_catalogues_hold_the_same_strings(regenerated_locale):
    def keys(language):
        return {(e.msgctxt, e.msgid) for e in parse_po(regenerated_locale / language / "LC_MESSAGES" / "django.po")}

    assert keys("nb") == keys("en")


def test_the_committed_english_catalogue_has_no_empty_or_fuzzy_translation():
    en = next(po for po in po_files() if po.parts[-3] == "en")
    missing = untranslated(en)

    assert not missing, "\n".join(missing) + "\n" + REGENERATE


@requires_gettext
def test_catalogues_compile_with_consistent_placeholders():
    for po in po_files():
        result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
        assert result.returncode == 0, f"{po}:\n{result.stderr}"


@requires_gettext
def test_the_site_speaks_english_from_the_compiled_catalogue():
    assert compile_catalogues() is None
    with translation.override("en"):
        assert translation.gettext("Hopp til hovedinnhold") == "Skip to main content"
        assert translation.ngettext("%(counter)s medlem", "%(counter)s medlemmer", 2) % {"counter": 2} == "2 members"
    with translation.override("nb"):
        assert translation.gettext("Hopp til hovedinnhold") == "Hopp til hovedinnhold"


def test_the_po_reader_sees_plurals_contexts_and_fuzzy_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\nmsgid "Lagre"\nmsgstr "Save"\n\n'
        '#: b.html:2\n#, fuzzy\n#| msgid "Slett"\nmsgid "Slett alt"\nmsgstr "Delete"\n\n'
        'msgctxt "verb"\nmsgid "Bestill"\nmsgstr ""\n\n'
        'msgid "%(n)s medlem"\nmsgid_plural "%(n)s medlemmer"\nmsgstr[0] "%(n)s member"\nmsgstr[1] ""\n\n'
        'msgid ""\n"Lang "\n"tekst"\nmsgstr ""\n"Long "\n"text"\n\n'
        '#~ msgid "Gammel"\n#~ msgstr "Old"\n',
        encoding="utf-8",
    )

    entries = {(e.msgctxt, e.msgid): e for e in parse_po(po)}

    assert set(entries) == {
        (None, "Lagre"),
        (None, "Slett alt"),
        ("verb", "Bestill"),
        (None, "%(n)s medlem"),
        (None, "Lang tekst"),
    }
    assert entries[(None, "Lagre")].translated and entries[(None, "Lagre")].references == ["a.py:1"]
    assert not entries[(None, "Slett alt")].translated  # fuzzy
    assert not entries[("verb", "Bestill")].translated
    assert not entries[(None, "%(n)s medlem")].translated  # one plural form missing
    assert entries[(None, "Lang tekst")].msgstr == {0: "Long text"}
