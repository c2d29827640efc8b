"""The project's import graph, read with grimp (import-linter's engine): layers, arrows and circles.

The layers are the ones the import-linter contract in pyproject.toml names, so this file and the
contract cannot disagree. Every import counts, including those inside functions.

    .venv/bin/python -m tests.architecture.import_graph     # prints the graph as Mermaid (make graph)
"""

from __future__ import annotations

import itertools
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import grimp

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def layers() -> list[set[str]]:
    """Top first: each layer is the set of packages the `layers` contract puts on one level."""
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    return [{name.strip() for name in layer.split("|")} for layer in contract["layers"]]


def build() -> grimp.ImportGraph:
    return grimp.build_graph(*sorted(set().union(*layers())), cache_dir=None)


def _package(module: str) -> str:
    return module.split(".", 1)[0]


@dataclass(frozen=True)
class Arrow:
    importer: str
    imported: str
    line: str


def package_arrows(graph: grimp.ImportGraph) -> Counter[tuple[str, str]]:
    """How many module imports run from one top-level package to another."""
    counts: Counter[tuple[str, str]] = Counter()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if _package(module) != _package(imported):
                counts[_package(module), _package(imported)] += 1
    return counts


def wrong_arrows(graph: grimp.ImportGraph) -> list[Arrow]:
    """Imports from a lower layer up to a higher one, or between two packages of one layer."""
    level = {package: depth for depth, layer in enumerate(layers()) for package in layer}
    wrong = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            source, target = _package(module), _package(imported)
            if source != target and level[target] <= level[source]:
                details = graph.get_import_details(importer=module, imported=imported)
                line = ", ".join(f"line {d['line_number']}" for d in details)
                wrong.append(Arrow(module, imported, line))
    return wrong


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a ring (strongly connected, size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = itertools.count()

    def visit(start: str) -> None:
        # Tarjan's algorithm without recursion: (module, its imports still to walk).
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = next(counter)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, imports = work[-1]
            for imported in imports:
                if imported not in index:
                    index[imported] = low[imported] = next(counter)
                    stack.append(imported)
                    on_stack.add(imported)
                    work.append((imported, iter(sorted(graph.find_modules_directly_imported_by(imported)))))
                    break
                if imported in on_stack:
                    low[module] = min(low[module], index[imported])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    ring = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        ring.append(member)
                        if member == module:
                            break
                    if len(ring) > 1:
                        found.append(sorted(ring))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def mermaid(graph: grimp.ImportGraph) -> str:
    lines = ["flowchart TD"]
    for (source, target), count in sorted(package_arrows(graph).items()):
        lines.append(f"    {source} -->|{count}| {target}")
    return "\n".join(lines)


if __name__ == "__main__":
    graph = build()
    print(mermaid(graph))
    print(f"%% {len(graph.modules)} modules; {len(wrong_arrows(graph))} arrows upward or sideways; "
          f"{len(circles(graph))} import circles")
