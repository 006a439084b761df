"""The package's import graph: no cycles, and the CLI's start-up stays light.

Every ``import`` of an ``l10n`` module counts, at module level or inside a
function (a lazy import is still a dependency: a cycle through one is a
tangle waiting for the next refactoring).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import l10n

ROOT = Path(l10n.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # ``from l10n.translate import run``: the submodule if it is one, else the package
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                           for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_walk_sees_the_package():
    graph = _graph()
    assert len(graph) > 30
    assert "l10n.catalog.files" in graph["l10n.translate.writing"]
    assert "l10n.engine.glossary" in graph["l10n.engine.factory"]  # a lazy import counts


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_one():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_help_imports_no_engine_and_no_catalog_code():
    """`l10n --help` stays fast: no ctranslate2, polib or library stage is imported for it."""
    code = ("import sys, runpy; sys.argv = ['l10n', '--help']\n"
            "try:\n    runpy.run_module('l10n', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('l10n.', 'ctranslate2', 'polib', 'babel', 'rapidfuzz', "
            "'defusedxml'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = eval(out.strip().splitlines()[-1])
    heavy = [m for m in loaded if m.startswith(("ctranslate2", "polib", "babel", "l10n.catalog", "l10n.engine",
                                                 "l10n.translate", "l10n.check", "l10n.export", "l10n.report",
                                                 "l10n.memory", "rapidfuzz", "defusedxml"))]
    assert heavy == []
