"""Every user-facing string is marked for translation (source strings in Norwegian bokmål).

Text that is not marked never reaches the catalogues, so it stays Norwegian on the English site.
The scanners are in tests/i18n/scanners.py; their own behaviour is pinned at the end of this file.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.i18n.scanners import untranslated_python_text, untranslated_template_text

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates"]
# Python that shows text to people: every first-party package (apps and the project package).
SKIP_DIRS = {".venv", "node_modules", "tests", "migrations", "var", "docs", "staticfiles", "static", "locale", ".git"}


def first_party_python() -> list[Path]:
    files = []
    for package in sorted(p.parent for p in ROOT.glob("*/__init__.py")):
        if package.name in SKIP_DIRS:
            continue
        files += [
            f
            for f in sorted(package.rglob("*.py"))
            if not SKIP_DIRS & set(f.relative_to(ROOT).parts)
            and "management" not in f.parts  # commands talk to operators, in English or Norwegian
            and not f.name.startswith("demo")  # demo data is content, like the database's
        ]
    return files


def templates() -> list[Path]:
    return [p for d in TEMPLATE_DIRS for p in sorted(d.rglob("*")) if p.suffix in (".html", ".txt", ".xml")]


HOW_TO_FIX = (
    'Wrap it in {% translate "…" %} / {% blocktranslate %}…{% endblocktranslate %} (templates) or '
    "gettext_lazy as _ (Python), then regenerate the catalogues (docs/i18n.md). A name or code that "
    'must not be translated: put it in an element with translate="no".'
)


def test_templates_show_no_text_that_is_not_marked_for_translation():
    findings = [finding for path in templates() for finding in untranslated_template_text(path, root=ROOT)]

    assert not findings, (
        f"{len(findings)} untranslated text(s) in templates:\n" + "\n".join(map(str, findings)) + ("\n" + HOW_TO_FIX)
    )


def test_python_shows_no_text_that_is_not_marked_for_translation():
    findings = [finding for path in first_party_python() for finding in untranslated_python_text(path, root=ROOT)]

    assert not findings, (
        f"{len(findings)} untranslated text(s) in Python:\n" + "\n".join(map(str, findings)) + ("\n" + HOW_TO_FIX)
    )


def test_the_scan_covers_the_project_templates_and_apps():
    names = {p.relative_to(ROOT).as_posix() for p in templates()}
    assert {"templates/base.html", "templates/network/front_page.html"} <= names
    modules = {p.relative_to(ROOT).as_posix() for p in first_party_python()}
    assert {"members/models.py", "network/views.py"} <= modules


# --- the scanners themselves ---------------------------------------------------------------


def scan_template(tmp_path, source: str) -> list[str]:
    path = tmp_path / "t.html"
    path.write_text(source, encoding="utf-8")
    return [finding.text for finding in untranslated_template_text(path, root=tmp_path)]


def test_template_scanner_accepts_translated_text_tags_variables_and_punctuation(tmp_path):
    source = """{% load i18n %}<!DOCTYPE html>
    <h1 class="ds-heading">{% translate "Medlemmer" %}</h1>
    <p>{% blocktranslate count counter=n %}{{ counter }} medlem{% plural %}{{ counter }} medlemmer{% endblocktranslate %}</p>
    <td>{{ organisation.name }} – {{ amount }} (5 %) · 22.11.2026</td>
    <nav aria-label="{% translate 'Hovedmeny' %}"></nav>
    <img alt="{{ logo_alt }}" src="x.png">
    {# Kommentar til utviklere #}{% comment %}Også en kommentar{% endcomment %}
    <script>const tekst = "ikke synlig";</script><style>.a::after { content: "x"; }</style>
    <span translate="no">Bærekraftsnettverket <abbr>KS</abbr></span>
    <dd>NOK {{ amount }}</dd><dt>KID</dt>
    """
    assert scan_template(tmp_path, source) == []


def test_template_scanner_reports_plain_text_and_readable_attributes_with_line(tmp_path):
    source = """{% load i18n %}
    <h1>{% translate "Medlemmer" %}</h1>
    <p>Ingen medlemmer ennå {{ x }}</p>
    <input type="submit" value="Lagre"><input type="hidden" name="next" value="home">
    <img src="a.png" alt="Logo">
    """
    path = tmp_path / "t.html"
    path.write_text(source, encoding="utf-8")
    findings = untranslated_template_text(path, root=tmp_path)

    assert [(f.line, f.text) for f in findings] == [
        (3, "Ingen medlemmer ennå …"),
        (4, "value=Lagre"),
        (5, "alt=Logo"),
    ]


def test_template_scanner_respects_a_file_level_opt_out(tmp_path):
    assert scan_template(tmp_path, "{# i18n: ikke oversatt – EHF-standardens ord #}<cbc:Note>Faktura</cbc:Note>") == []


@pytest.mark.parametrize(
    "source",
    [
        'name = models.CharField(verbose_name="navn")',
        'name = models.CharField("navn", help_text="Skriv navnet")',
        "class Meta:\n    verbose_name = 'organisasjon'",
        "class Kind(models.TextChoices):\n    KOMMUNE = 'kommune', 'Kommune'",
        'raise ValidationError("Feil nummer.")',
        'messages.success(request, "Lagret.")',
        'messages.success(request, f"Lagret {name}.")',
        '@admin.display(description="Status")\ndef status(self, obj): ...',
    ],
)
def test_python_scanner_reports_unmarked_user_facing_strings(tmp_path, source):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert untranslated_python_text(path, root=tmp_path), source


@pytest.mark.parametrize(
    "source",
    [
        'name = models.CharField(_("navn"), help_text=_("Skriv navnet"))',
        "class Meta:\n    verbose_name = _('organisasjon')\n    ordering = ['name']",
        "class Kind(models.TextChoices):\n    KOMMUNE = 'kommune', _('Kommune')",
        'raise ValidationError(_("Feil nummer."), code="invalid")',
        'messages.success(request, _("Lagret."))',
        'logger.info("Lagret %s", pk)',
        'path("faktura/", view, name="invoice_list")',
    ],
)
def test_python_scanner_accepts_marked_strings_and_code_strings(tmp_path, source):
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert untranslated_python_text(path, root=tmp_path) == []
