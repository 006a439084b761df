"""Compare l10n.catalog.merge with GNU msgmerge on a synthetic archive: same decisions? how fast?

Builds a catalog of N reviewed English sentences (word salads drawn from the
demo corpus vocabulary), then a new template in which most sentences are
unchanged, some edited (a word replaced, inserted or dropped), some removed
and some new. Both mergers update the catalog; the script reports, per
changed sentence, whether each kept the old translation as stale (fuzzy +
``#| msgid``) and from which old sentence, and prints timings as a ratio
against msgmerge (the baseline) measured in the same run.

    uv run python scripts/bench_merge.py [N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.catalog.model import build_template, dump, new_pofile
from l10n.languages import language_info
from l10n.catalog.merge import merge_catalog

CORPUS = Path(__file__).resolve().parent / "demo_corpus" / "news.tsv"


@dataclass(frozen=True)
class Seg:
    text: str
    line: int


def vocabulary() -> list[str]:
    words = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines()[1:]:
        words.update(w.strip(".,()") for w in line.split("\t")[0].split())
    return sorted(w for w in words if w.isalpha())


def sentence(rng: random.Random, vocab: list[str]) -> str:
    return " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 30))).capitalize() + "."


def edit(rng: random.Random, text: str, vocab: list[str]) -> str:
    words = text[:-1].split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        op = rng.choice(("replace", "insert", "drop"))
        if op == "replace":
            words[i] = rng.choice(vocab)
        elif op == "insert":
            words.insert(i, rng.choice(vocab))
        elif len(words) > 3:
            del words[i]
    return " ".join(words) + "."


def scenario(n: int, seed: int):
    rng = random.Random(seed)
    vocab = vocabulary()
    old = list(dict.fromkeys(sentence(rng, vocab) for _ in range(n)))
    new, edited = [], {}
    for text in old:
        roll = rng.random()
        if roll < 0.80:
            new.append(text)
        elif roll < 0.90:
            changed = edit(rng, text, vocab)
            edited[changed] = text
            new.append(changed)
        elif roll < 0.95:
            continue  # removed
        else:
            new.append(text)
            new.append(sentence(rng, vocab))  # a new sentence after it
    return old, list(dict.fromkeys(new)), edited


def decisions(po: polib.POFile) -> dict[str, str | None]:
    """msgid -> previous msgid if stale, '' if kept as is, None if untranslated."""
    out = {}
    for e in po:
        if e.obsolete or not e.msgid:
            continue
        if not e.msgstr:
            out[e.msgid] = None
        elif "fuzzy" in e.flags:
            out[e.msgid] = e.previous_msgid
        else:
            out[e.msgid] = ""
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        sys.exit("GNU msgmerge is required (apt-get install gettext)")

    old_texts, new_texts, edited = scenario(args.n, args.seed)
    az = language_info("az")
    stamp = "2026-11-28 10:00+0000"
    pot = build_template("bench", "source/bench.txt", [Seg(t, i + 1) for i, t in enumerate(new_texts)],
                         creation_date=stamp)
    old = new_pofile()
    old.metadata = {"Project-Id-Version": "bench", "Language": "az", "MIME-Version": "1.0",
                    "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
                    "Plural-Forms": az.plural_forms}
    for i, text in enumerate(old_texts):
        old.append(polib.POEntry(msgid=text, msgstr=f"tərcümə {i}"))

    with tempfile.TemporaryDirectory() as tmp:
        old_path, pot_path, out_path = Path(tmp, "old.po"), Path(tmp, "new.pot"), Path(tmp, "out.po")
        old_path.write_text(dump(old), encoding="utf-8")
        pot_path.write_text(dump(pot), encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([msgmerge, "--quiet", "--previous", "--no-wrap", "-o", str(out_path), str(old_path),
                        str(pot_path)], check=True)
        t_gnu = time.perf_counter() - t0
        gnu = decisions(polib.pofile(str(out_path)))

    t0 = time.perf_counter()
    ours = decisions(merge_catalog(old, pot, az).catalog)
    t_ours = time.perf_counter() - t0

    changed = [t for t in new_texts if t not in set(old_texts)]
    agree = sum(1 for t in changed if ours[t] == gnu[t])
    ours_right = sum(1 for t in changed if ours[t] == edited.get(t))
    gnu_right = sum(1 for t in changed if gnu[t] == edited.get(t))
    same_unchanged = all(ours[t] == gnu[t] == "" for t in new_texts if t in set(old_texts))
    print(f"catalog: {len(old_texts)} old sentences, {len(new_texts)} new; {len(edited)} edited, "
          f"{len(changed) - len(edited)} new, {len(set(old_texts) - set(new_texts)) - len(edited)} removed")
    print(f"unchanged sentences kept identically by both: {same_unchanged}")
    print(f"changed/new sentences where l10n and msgmerge decide the same: {agree}/{len(changed)}")
    print(f"correct decision (edited -> stale from its original, new -> untranslated): "
          f"l10n {ours_right}/{len(changed)}, msgmerge {gnu_right}/{len(changed)}")
    print(f"time: msgmerge {t_gnu:.3f}s (baseline, incl. process start), l10n.catalog.merge {t_ours:.3f}s, "
          f"ratio l10n/msgmerge = {t_ours / t_gnu:.2f}")


if __name__ == "__main__":
    main()
