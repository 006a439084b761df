"""How much the strict reader (l10n.catalog.files.load_catalog) costs over plain polib.pofile, in one run.

    uv run python scripts/bench_poread.py [ENTRIES]

Builds a catalog like the toolkit writes (references, provenance comments,
fuzzy drafts, stale entries with #| msgid, obsolete entries) with ENTRIES
entries (default 20,000), then times both readers on the same file (best of
5) and prints the ratio. Also checks linearity: the ratio of times for 2x
the entries should be about 2.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import polib

from l10n.catalog.files import load_catalog


def build(path: Path, entries: int) -> None:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "bench",
        "Language": "az",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for i in range(entries):
        english = f"Sentence number {i} says that the customs committee met in Baku on Monday, Trend reports."
        entry = polib.POEntry(
            msgid=english,
            msgstr=f"{i} nömrəli cümlə deyir ki, gömrük komitəsi bazar ertəsi Bakıda toplanıb.",
            occurrences=[("source/article.txt", str(i + 1))],
            tcomment="l10n: machine draft, argos translate-en_az-1_0 1.0",
        )
        if i % 3 == 0:
            entry.flags = ["fuzzy"]
        if i % 10 == 0:
            entry.previous_msgid = english.replace("Monday", "Sunday")
        if i % 50 == 0:
            entry.obsolete, entry.occurrences = True, []
        po.append(entry)
    po.save(str(path))


def best(fn, path: Path, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp, "small.po"), Path(tmp, "large.po")
        build(small, entries)
        build(large, 2 * entries)
        size = small.stat().st_size / 1e6
        baseline = best(lambda p: polib.pofile(str(p), wrapwidth=78), small)
        strict = best(lambda p: load_catalog(p).po, small)
        strict_large = best(lambda p: load_catalog(p).po, large)
    print(f"catalog: {entries} entries, {size:.1f} MB")
    print(f"polib.pofile (baseline): {baseline * 1000:8.1f} ms")
    print(f"l10n load_catalog (strict):   {strict * 1000:8.1f} ms   ratio {strict / baseline:.2f}x the baseline")
    print(f"load_po on 2x entries:   {strict_large * 1000:8.1f} ms   ratio {strict_large / strict:.2f} (2.0 = linear)")


if __name__ == "__main__":
    main()
