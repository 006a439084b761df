"""What the GNU-style writer (l10n.catalog.writer.write_po) costs over polib's serializer, in one run.

    uv run python scripts/bench_writer.py [ENTRIES]

Builds a catalog like the toolkit writes (references, provenance comments,
fuzzy drafts with long az/ru text that wraps, stale entries with #| msgid,
obsolete entries) with ENTRIES entries (default 20,000), serializes it with
both (best of 5) and prints the ratio. Also checks linearity: the time for 2x
the entries should be about 2x.
"""

from __future__ import annotations

import sys
import time

import polib

from l10n.catalog.writer import write_po

AZ = "Gömrük xidməti general-leytenantı, Azərbaycan Dövlət Gömrük Komitəsinin sədri Səfər Mehdiyev bildirib ki"
RU = "Председатель Государственного таможенного комитета Азербайджана Сафар Мехтиев заявил, что таможня"


def build(entries: int) -> polib.POFile:
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
        english = (f"Sentence number {i} says that the customs committee met in Baku on Monday "
                   f"(https://customs.gov.az/en/news/{i}), Trend reports." + (" It was a long day." * (i % 4)))
        entry = polib.POEntry(
            msgid=english,
            msgstr=(AZ if i % 2 else RU) + f" {i}." * (1 + i % 3),
            occurrences=[("source/article.txt", str(i + 1))],
            tcomment="l10n: machine draft, argos translate-en_az-1_0 1.0",
        )
        if i % 3 == 0:
            entry.flags = ["fuzzy"]
        if i % 10 == 0:
            entry.previous_msgid = english.replace("Monday", "Sunday")
        if i % 50 == 0:
            entry.obsolete = True
        po.append(entry)
    return po


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    po = build(entries)
    write_po(po)  # the Unicode tables are built on first use: not part of the timing
    ours = best(lambda: write_po(po))
    theirs = best(lambda: po.__unicode__())
    print(f"{entries} entries: GNU-style writer {ours:.3f}s, polib {theirs:.3f}s, ratio {ours / theirs:.2f}")
    double = build(2 * entries)
    print(f"2x entries: {best(lambda: write_po(double), 3) / ours:.2f}x the time")


if __name__ == "__main__":
    main()
