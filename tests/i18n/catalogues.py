"""The project's gettext catalogues: compile them for tests, and read .po files without extra packages.

.mo files are not in git (`make install` compiles them); tests that need the English texts call
`compile_catalogues()` so they work from a fresh checkout too.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

LANGUAGES = ("en", "nb")


def po_files() -> list[Path]:
    return sorted(
        Path(path).joinpath(lang, "LC_MESSAGES", "django.po") for path in settings.LOCALE_PATHS for lang in LANGUAGES
    )


def compile_catalogues() -> str | None:
    """Compile every stale .po of LOCALE_PATHS; None when done, else why it cannot be (to skip with)."""
    stale = []
    for po in po_files():
        if not po.exists():
            return f"no catalogue {po}: run makemessages (docs/i18n.md)"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append((po, mo))
    if not stale:
        return None
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return "needs gettext's msgfmt to compile the catalogues (apt-get install gettext)"
    for po, mo in stale:
        tmp = mo.with_suffix(".mo.tmp")
        subprocess.run([msgfmt, "--check-format", "-o", str(tmp), str(po)], check=True, capture_output=True)
        tmp.replace(mo)  # atomic: a parallel test process never reads half a file
    _forget_loaded_translations()
    return None


def _forget_loaded_translations() -> None:
    """Django caches catalogues per process; drop them so newly compiled ones are read (as setting_changed does)."""
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real.translation_catalog_exists.cache_clear()


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr.values())

    def where(self) -> str:
        return ", ".join(self.references[:3]) or "?"


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text.startswith('"') else ""


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (no header, no obsolete `#~` entries)."""
    entries: list[Entry] = []
    current = Entry()
    key: tuple[str, int] | None = None
    started = False

    def flush() -> None:
        nonlocal current, started, key
        if started and current.msgid:
            entries.append(current)
        current, started, key = Entry(), False, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if started:
                flush()
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#:"):
            if started:
                flush()
            current.references.extend(line[2:].split())
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            if started and key and key[0] != "msgctxt":
                flush()
            started, key = True, ("msgctxt", 0)
            current.msgctxt = _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            key = ("msgid_plural", 0)
            current.msgid_plural = _unquote(line[13:])
        elif line.startswith("msgid "):
            if started and key and key[0] not in ("msgctxt",):
                flush()
            started, key = True, ("msgid", 0)
            current.msgid = _unquote(line[6:])
        elif line.startswith("msgstr["):
            index = int(line[7 : line.index("]")])
            key = ("msgstr", index)
            current.msgstr[index] = _unquote(line[line.index("]") + 1 :].strip())
        elif line.startswith("msgstr "):
            key = ("msgstr", 0)
            current.msgstr[0] = _unquote(line[7:])
        elif line.startswith('"') and key:
            part = _unquote(line)
            name, index = key
            if name == "msgstr":
                current.msgstr[index] += part
            elif name == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + part
            else:
                setattr(current, name, (getattr(current, name) or "") + part)
    flush()
    return entries
