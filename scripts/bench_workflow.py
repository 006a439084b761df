"""How long does `l10n translate` take on an archive when the engine is not the cost?

Builds a scratch project of N synthetic articles (sentences drawn from the
demo corpus, shuffled), then times with a trivial in-process engine:
  1. the first run (segment, template, merge, draft, write every file),
  2. a re-run on unchanged sources (must write nothing),
  3. a re-run after one article changed,
against a baseline measured in the same run: parsing and serializing every
catalog once with polib (the least any catalog-rewriting tool must do).

    uv run python scripts/bench_workflow.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import polib

from l10n.engine.base import Draft
from l10n.project import Project
from l10n.translate import translate_project

CORPUS = Path(__file__).resolve().parent / "demo_corpus" / "news.tsv"


class EchoEngine:
    source = "en"

    def __init__(self, target: str):
        self.target = target
        self.origin = f"echo {target}"
        self.segments = 0

    def translate(self, texts, progress=None):
        self.segments += len(texts)
        return [Draft(f"<{self.target}> {t}") for t in texts]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sentences = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()[1:]]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "source").mkdir()
        for i in range(n):
            picked = rng.sample(sentences, 12)
            paras = ["\n".join(picked[j:j + 3]).replace("\n", " ") for j in range(0, 12, 3)]
            (root / "source" / f"article-{i:04d}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        project = Project.open(root)
        docs = project.documents()
        engines: dict[str, EchoEngine] = {}

        def factory(lang: str) -> EchoEngine:
            return engines.setdefault(lang, EchoEngine(lang))

        t0 = time.perf_counter()
        first = translate_project(project, docs, ["az", "ru"], factory)
        t_first = time.perf_counter() - t0

        t0 = time.perf_counter()
        again = translate_project(project, docs, ["az", "ru"], factory)
        t_again = time.perf_counter() - t0
        assert again.written == [], "an unchanged re-run must write nothing"

        article = docs[0].source
        article.write_text(article.read_text(encoding="utf-8").replace(".", ";", 1), encoding="utf-8")
        t0 = time.perf_counter()
        changed = translate_project(project, docs, ["az", "ru"], factory)
        t_changed = time.perf_counter() - t0

        files = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").glob("*.pot"))
        t0 = time.perf_counter()
        for path in files:
            str(polib.pofile(str(path), wrapwidth=78))
        t_base = time.perf_counter() - t0

    print(f"{n} articles, {len(files)} catalog files, {sum(e.segments for e in engines.values())} segments drafted")
    print(f"baseline (polib parse + serialize every file once): {t_base:.2f}s")
    print(f"first run:            {t_first:.2f}s  ratio {t_first / t_base:.2f}  ({len(first.written)} files written)")
    print(f"unchanged re-run:     {t_again:.2f}s  ratio {t_again / t_base:.2f}  (0 files written)")
    print(f"one article changed:  {t_changed:.2f}s  ratio {t_changed / t_base:.2f}  "
          f"({len(changed.written)} files written)")


if __name__ == "__main__":
    main()
