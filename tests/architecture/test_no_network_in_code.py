"""No network fact in code (R13): no template or module names a network; its name is data.

The names come from the data itself — the migration that made the first network — so the test
grows with the data, not with a list kept here. Demo data and migrations may name networks (they
are data); tests and docs may too.

The same holds for the parties the first network's agreement names as data: its invoice issuer
(billing 0009, `FIRST_ISSUER`) and the holder of its fixed steering-group seat (governance 0009).
Such a name may be a short acronym ("KS"), so it is matched as a whole word in its own case: "KSF",
"tasks" or a stored value "ks" are not the party.
"""

import importlib
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js"}
FIRST_NETWORK = importlib.import_module("members.migrations.0007_agreement_terms_become_networks").FIRST_NETWORK
FIRST_ISSUER = importlib.import_module("billing.migrations.0009_issuers_networks_nullable").FIRST_ISSUER
FIXED_SEAT_HOLDER = importlib.import_module(
    "governance.migrations.0009_open_meetings_and_fixed_seat_holder"
).FIXED_SEAT_HOLDER


def network_names() -> set[str]:
    names = {FIRST_NETWORK["name"], FIRST_NETWORK["short_name"], FIRST_NETWORK["slug"]}
    # The same name written without Norwegian letters, as in addresses and file names.
    names |= {name.replace("æ", "ae").replace("ø", "o").replace("å", "aa") for name in names}
    return {name for name in names if name}


def party_names() -> set[str]:
    """The parties the first network's agreement names, as its data migrations write them."""
    return {name for name in (FIRST_ISSUER["issuer_name"], FIXED_SEAT_HOLDER) if name}


def party_pattern(names: set[str]) -> re.Pattern:
    """Each name as a whole word, in its own case ("KS", "KS'", "KS-representant"; not "KSF" or "ks")."""
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(names, key=len, reverse=True)))


def is_data(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return (
        parts[0] in {"tests", "docs", "locale", "bench"}
        or "migrations" in parts
        or "demo" in path.stem
        or path.name == "seed_demo.py"
    )


def code_files() -> list[Path]:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    paths = [ROOT / line for line in (tracked + untracked).splitlines() if line]
    return [p for p in paths if p.suffix in CHECKED_SUFFIXES and p.is_file() and not is_data(p)]


def files_naming(names: set[str], files: list[Path], pattern: re.Pattern | None = None) -> dict[str, list[str]]:
    pattern = pattern or re.compile(
        "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)), re.IGNORECASE
    )
    found: dict[str, list[str]] = {}
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if pattern.search(line):
                found.setdefault(
                    path.name if not path.is_relative_to(ROOT) else str(path.relative_to(ROOT)), []
                ).append(f"{number}: {line.strip()[:100]}")
    return found


def test_no_template_or_module_names_a_network():
    assert files_naming(network_names(), code_files()) == {}


def test_no_template_or_module_names_the_issuer_or_the_fixed_seats_holder():
    names = party_names()
    assert names, "the data migrations name the first issuer and the fixed seats' holder"
    assert files_naming(names, code_files(), party_pattern(names)) == {}


def test_the_party_check_finds_the_name_as_a_word_only(tmp_path):
    name = sorted(party_names())[0]
    planted = tmp_path / "planted.html"
    planted.write_text(
        f"<p>{name}' faste plass</p>\n<p>{name}F-regionen, tasks, {name.lower()}</p>\n<p>({name})</p>\n",
        encoding="utf-8",
    )
    found = files_naming({name}, [planted], party_pattern({name}))
    assert [line.split(":")[0] for line in next(iter(found.values()))] == ["1", "3"]


def test_the_check_reads_templates_and_modules_and_finds_a_name(tmp_path):
    files = code_files()
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".py" for p in files)
    assert any(p.parts[-2:] == ("templates", "base.html") for p in files)
    planted = tmp_path / "planted.html"
    planted.write_text(f"<h1>{FIRST_NETWORK['name'].upper()}</h1>\n", encoding="utf-8")
    assert list(files_naming(network_names(), [planted]).values()) == [[f"1: <h1>{FIRST_NETWORK['name'].upper()}</h1>"]]
