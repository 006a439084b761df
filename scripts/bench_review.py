"""What one review action costs (save: write, re-read the entry with its memory matches, progress), with the
server's catalog cache and without it, in one run.

    uv run python scripts/bench_review.py [ARTICLES] [SEGMENTS]

Builds a scratch project of ARTICLES articles (default 10) with SEGMENTS reviewed
sentences each (default 300) in az; one article is reviewed on the page. Times, best of 3
rounds of 10 saves each (per save):

- limit: reading and parsing that one catalog (l10n.catalog.files.read_catalog), the least
  an action can do;
- cached: the action as the server runs it (l10n.review.app._act), one session for all saves:
  the memory re-parses only the catalog the save changed;
- no cache (the baseline): the same with a new session per save, as before the cache: the
  memory parses every catalog of the language on every action.

Prints each time and its ratio to the baseline.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import polib

from l10n.catalog.files import read_catalog
from l10n.catalog.model import dump, new_pofile
from l10n.project import Document, Project
from l10n.review.actions import Change
from l10n.review.app import _act, _environment
from l10n.review.session import open_session


def build(root: Path, articles: int, segments: int) -> Project:
    (root / "source").mkdir(parents=True)
    project = Project.open(root)
    for a in range(articles):
        name = f"article-{a:03d}"
        english = [f"Sentence {s} of article {a} says the customs committee met in Baku on Monday."
                   for s in range(segments)]
        source = root / "source" / f"{name}.txt"
        source.write_text("\n\n".join(english) + "\n", encoding="utf-8")
        po = new_pofile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "az"}
        for s, msgid in enumerate(english):
            text = f"Məqalə {a}, cümlə {s}: komitə bazar ertəsi Bakıda toplandı."
            po.append(polib.POEntry(msgid=msgid, msgstr=text,
                                    occurrences=[(f"source/{name}.txt", str(2 * s + 1))], tcomment="l10n: reviewed"))
        path = project.po_path(Document(name, source), "az")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump(po), encoding="utf-8")
    return project


def run(project: Project, saves: int, cached: bool) -> float:
    env = _environment()
    session = open_session([str(project.root)], ["az"])
    doc = session.document("article-000")
    start = time.perf_counter()
    for i in range(saves):
        if not cached:
            session = open_session([str(project.root)], ["az"])
        msgid = f"Sentence {i} of article 0 says the customs committee met in Baku on Monday."
        _act(session, env, "token", doc, "az", Change("save", msgid, f"Qaralama {i} (round {time.perf_counter()})"))
    return (time.perf_counter() - start) / saves


def limit(project: Project, saves: int) -> float:
    path = project.root / "locales" / "az" / "LC_MESSAGES" / "article-000.po"
    start = time.perf_counter()
    for _ in range(saves):
        read_catalog(path)
    return (time.perf_counter() - start) / saves


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    segments = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with tempfile.TemporaryDirectory() as tmp:
        project = build(Path(tmp) / "project", articles, segments)
        base = min(run(project, 10, cached=False) for _ in range(3))
        print(f"{articles} articles x {segments} reviewed segments (az); seconds per save, best of 3 x 10 saves")
        print(f"baseline  no cache (memory parses every catalog)   {base:7.3f} s  1.00x")
        best = min(run(project, 10, cached=True) for _ in range(3))
        print(f"cached    server's catalog cache                   {best:7.3f} s  {best / base:.2f}x")
        least = min(limit(project, 10) for _ in range(3))
        print(f"limit     parse the one catalog only               {least:7.3f} s  {least / base:.2f}x")


if __name__ == "__main__":
    main()
