"""No module of ours over 500 lines (docs/architecture.md: module size): split by topic, not by letter."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("network", "governance", "billing", "activities", "members", "core", "tests")
LIMIT = 500


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_500_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}


def test_the_check_reads_every_package():
    found = {path.relative_to(ROOT).parts[0] for path in modules()}
    assert found == set(PACKAGES)
