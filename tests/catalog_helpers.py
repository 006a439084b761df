"""Helpers shared by the catalog tests: GNU msgfmt as an oracle, project scaffolding, file snapshots."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ARTICLE_A = """Customs officers seized a ton of drugs this year.

The committee met in Baku on Monday. The committee met in Baku on Monday.

Trade grew by five percent.
"""

ARTICLE_B = """The committee met in Baku on Monday.

Exports of oil rose sharply in March.
"""


def msgfmt_check(msgfmt: str, path: Path) -> dict[str, int]:
    """Run ``msgfmt --check --statistics``; fail on any error or warning; return its counts."""
    proc = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "warning" not in proc.stderr, proc.stderr
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for number, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", proc.stderr):
        counts[kind] = int(number)
    return counts


def make_project(root: Path, articles: dict[str, str]) -> Path:
    (root / "source").mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (root / "source" / name).write_text(text, encoding="utf-8")
    return root


RUN_FILES = ("lock", "lock.owner")  # the project lock (l10n.lock): run machinery, not content


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to prove a run changed nothing), except the lock
    and the git-ignored cache (``locales/.l10n/cache/``: the memory index)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (p.parent.name == ".l10n" and p.name in RUN_FILES)
        and not (p.parent.name == "cache" and p.parent.parent.name == ".l10n")  # the memory index: a cache
    }


def catalog_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "locales").rglob("*") if p.suffix in (".po", ".pot"))
