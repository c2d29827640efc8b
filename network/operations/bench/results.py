from __future__ import annotations

import json
import platform
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.utils import timezone


@dataclass
class Result:
    """One measured figure; `target` and `ok` where the issue sets a target."""

    area: str
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    detail: dict = field(default_factory=dict)


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def median(samples: list[float]) -> float:
    return statistics.median(samples) if samples else float("nan")


def table(results: list[Result]) -> str:
    rows = [("area", "measure", "value", "unit", "target", "")]
    for r in results:
        verdict = "" if r.ok is None else ("ok" if r.ok else "MISSED")
        value = f"{r.value:,.1f}" if isinstance(r.value, float) else str(r.value)
        rows.append((r.area, r.name, value, r.unit, r.target, verdict))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(widths[i]) if i != 2 else str(cell).rjust(widths[i])
                               for i, cell in enumerate(row)))
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(results: list[Result], path: Path, *, settings: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "when": timezone.now().isoformat(),
        "machine": {"python": platform.python_version(), "cpus": __import__("os").cpu_count(),
                    "platform": platform.platform()},
        "settings": settings,
        "results": [asdict(r) for r in results],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n")
