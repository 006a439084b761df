"""What `l10n postedit` costs over just reading the catalogs, and what one store query saves, in one run.

    uv run python scripts/bench_postedit.py [ARTICLES] [SEGMENTS]

Builds a scratch project of ARTICLES articles (default 100) with SEGMENTS
reviewed machine drafts each (default 40) in az and ru, 2/3 of them edited by
a "translator", and the raw drafts in the draft store. Times (best of 3):

- baseline: reading every catalog (l10n.catalog.files.read_catalog), nothing else;
- postedit: l10n.report.postedit.postedit_project (read + one store query + chrF and
  word edit rate per segment);
- per-entry store lookups: the same report, but looking up each draft with
  DraftStore.drafts_for (one query per segment), as the store API offered before.

Prints each time and its ratio to the baseline.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import polib

from l10n.catalog.model import fill_draft, new_pofile
from l10n.catalog.files import read_catalog
from l10n.report.postedit import DraftIndex, catalog_rows, postedit_project
from l10n.project import Document, Project
from l10n.store import DraftStore, StoredDraft

WORDS = ["gömrük", "komitəsi", "bazar", "ertəsi", "Bakıda", "toplanıb", "ticarət", "beş", "faiz", "artıb",
         "neft", "ixracı", "martda", "kəskin", "xəbər", "verir", "hökumət", "qərar", "qəbul", "edib"]
ORIGIN = "argos translate-en_{lang}-1_0 1.0"


def build(root: Path, articles: int, segments: int) -> Project:
    rng = random.Random(7)
    (root / "source").mkdir()
    project = Project.open(root)
    store_rows = []
    for a in range(articles):
        name = f"article-{a:04d}"
        english = [f"Sentence {s} of article {a} says the customs committee met in Baku on Monday."
                   for s in range(segments)]
        source = root / "source" / f"{name}.txt"
        source.write_text("\n\n".join(english) + "\n", encoding="utf-8")
        for lang in ("az", "ru"):
            po = new_pofile()
            po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
            for s, msgid in enumerate(english):
                draft = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))) + "."
                final = draft
                if s % 3:
                    words = draft.split()
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                    final = " ".join(words[: max(3, len(words) - s % 4)])
                entry = polib.POEntry(msgid=msgid, occurrences=[(f"source/{name}.txt", str(2 * s + 1))])
                fill_draft(entry, final, f"machine draft, {ORIGIN.format(lang=lang)}")
                entry.flags.remove("fuzzy")
                po.append(entry)
                store_rows.append(StoredDraft(name, lang, msgid, ORIGIN.format(lang=lang), draft))
            path = project.po_path(Document(name, source), lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
    DraftStore(project.store_path).record(store_rows)
    return project


def read_only(project: Project) -> None:
    for doc in project.documents():
        for lang in ("az", "ru"):
            read_catalog(project.po_path(doc, lang))


def postedit(project: Project) -> None:
    postedit_project(project, project.documents(), ["az", "ru"])


class _PerEntryIndex(DraftIndex):
    """DraftIndex answering each lookup with its own store query."""

    def __init__(self, store: DraftStore):
        self.store = store

    def find(self, document, language, msgid, origin):
        return next((d.draft for d in self.store.drafts_for(document, language, msgid) if d.origin == origin), None)


def per_entry(project: Project) -> None:
    index = _PerEntryIndex(DraftStore(project.store_path))
    for doc in project.documents():
        for lang in ("az", "ru"):
            catalog_rows(read_catalog(project.po_path(doc, lang)).po, doc.name, lang, index)


def best(fn, project: Project, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(project)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    segments = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with tempfile.TemporaryDirectory() as tmp:
        project = build(Path(tmp), articles, segments)
        total = articles * segments * 2
        base = best(read_only, project)
        print(f"{articles} articles x {segments} segments x 2 languages = {total} reviewed machine drafts")
        print(f"baseline  read catalogs only          {base:8.3f} s  1.00x")
        for label, fn in (("postedit  one store query           ", postedit),
                          ("postedit  one store query per entry ", per_entry)):
            t = best(fn, project)
            print(f"{label}{t:8.3f} s  {t / base:.2f}x")


if __name__ == "__main__":
    main()
