"""Throughput of `l10n check` against translate-toolkit's pofilter on the same large catalog.

Development only::

    uv run --group bench python scripts/bench_check.py [--copies 100]

Builds the demo catalogs (``l10n demo``), repeats their entries ``--copies`` times
(each copy a distinct msgid) into one az and one ru catalog, then times our
checks (with the repo glossary) and pofilter (default test set, isfuzzy and
untranslated excluded) on them, in the same run, and prints the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

from l10n.check.runner import check_paths

REPO = Path(__file__).resolve().parents[1]


def build(demo: Path, copies: int) -> list[Path]:
    out = []
    for path in sorted((demo / "locales").rglob("*.po")):
        po = polib.pofile(str(path))
        big = polib.POFile()
        big.metadata = po.metadata
        for n in range(copies):
            for e in po:
                if e.msgid:
                    big.append(polib.POEntry(msgid=f"{e.msgid} [{n}]", msgstr=f"{e.msgstr} [{n}]", flags=e.flags))
        target = demo / "big" / path.relative_to(demo / "locales")
        target.parent.mkdir(parents=True, exist_ok=True)
        big.save(str(target))
        out.append(target)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    pofilter = shutil.which("pofilter")
    if pofilter is None:
        print("pofilter not found: run with `uv run --group bench ...`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "l10n", "demo", str(demo)], check=True, capture_output=True)
        shutil.copy(REPO / "glossary.tsv", demo / "glossary.tsv")
        catalogs = build(demo, args.copies)
        entries = sum(len([e for e in polib.pofile(str(c)) if e.msgid]) for c in catalogs)

        start = time.perf_counter()
        report = check_paths(catalogs, cwd=demo)
        ours = time.perf_counter() - start

        start = time.perf_counter()
        for c in catalogs:
            lang = c.parent.parent.name
            subprocess.run([pofilter, "--progress=none", f"--language={lang}", "--excludefilter=isfuzzy",
                            "--excludefilter=untranslated", "-i", str(c), "-o", str(c.with_suffix(".pf.po"))],
                           check=True, capture_output=True)
        theirs = time.perf_counter() - start

    print(f"{entries} entries in {len(catalogs)} catalogs; {len(report.findings)} findings from l10n check")
    print(f"l10n check: {ours:.2f} s ({entries / ours:.0f} entries/s)")
    print(f"pofilter:   {theirs:.2f} s ({entries / theirs:.0f} entries/s, includes its process start)")
    print(f"ratio pofilter/l10n check: {theirs / ours:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
