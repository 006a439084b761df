"""Benchmark the segmenter against pySBD 0.3.4 on the same generated multi-MB English text.

Usage (from the repo root):

    uv run --group bench python scripts/bench_segment.py --pysbd-whole-mb 0.5   # ~2 min
    uv run --group bench python scripts/bench_segment.py    # pySBD whole on all 3 MB: ~45 min

(or any Python with pysbd==0.3.4 installed and PYTHONPATH=. ; without pysbd,
only l10n is measured). pySBD's whole-string speed falls with the size of the
string (7,600 chars/s on 0.5 MB, 1,100 chars/s on 3 MB here), so a smaller
``--pysbd-whole-mb`` flatters it.

Prints chars/s per paragraph and as one whole string for both segmenters, the
ratios, the golden-rules score of both, a linearity check of l10n on growing
and adversarial inputs, and l10n's chars/s on the same text as a Markdown article
(headings, nested lists, quotations, emphasis, links, tables, front matter:
parsed by markdown-it-py, then segmented) beside its plain-text rate. The text is generated here with a fixed seed
from the golden rules (../shared/bench/golden_rules_en.json, if present), the
sample article and a few news sentences; nothing large is vendored.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from l10n.segment import segment_text  # noqa: E402

GOLDEN = REPO.parent / "shared" / "bench" / "golden_rules_en.json"
SAMPLE = REPO / "source" / "wco-europe-customs.txt"
NEWS = [
    "Lt. Gen. Safar Mehdiyev met Dr. Kunio Mikuriya in Brussels on Jan. 15.",
    "Exports rose 12.5% to $1.2 bn. in Jan.-Oct. 2021, the ministry said.",
    "The U.S. and the E.U. signed the deal at 10 a.m. local time.",
    "Trade with the U.S. fell. The reasons, i.e. the pandemic, are well known.",
    "\"We will continue,\" he said. \"The work is not over.\"",
    "Read more at https://en.trend.az/business/3341234.html. Contact: press@customs.gov.az.",
    "What comes next? Nobody knows! The talks resume on 12.11.2020 in Baku.",
    "Art. 5 of the Customs Code (see No. 12, Vol. 3, pp. 45-47) was amended.",
    "Prof. J. F. Kennedy Jr. visited the St. Petersburg office of Pitt, Briggs & Co. yesterday.",
    "The population is approx. 10,000,000 people… Most of them live in cities.",
]


def build_corpus(target_chars: int, seed: int = 2024) -> list[str]:
    """Paragraphs of 1-6 pooled texts; some hard-wrapped at 72 columns."""
    pool = list(NEWS)
    pool += [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    if GOLDEN.is_file():
        pool += [c["text"].strip() for c in json.loads(GOLDEN.read_text(encoding="utf-8")) if c["text"].strip()]
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < target_chars:
        para = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.15:
            para = "\n".join(textwrap.wrap(para, 72, break_long_words=False, break_on_hyphens=False))
        paragraphs.append(para)
        size += len(para) + 2
    return paragraphs


def as_markdown(paragraphs: list[str], seed: int = 2024) -> str:
    """The paragraphs as a Markdown article: front matter, headings, lists (some nested), quotations,
    emphasis and links inside sentences, a table now and then."""
    rng = random.Random(seed)
    out = ["---\ntitle: Customs news\ndescription: A generated article.\ntags: [customs, trade]\ndate: 2026-12-03\n---"]
    for i, para in enumerate(paragraphs):
        words = para.split(" ")
        if len(words) > 6:
            k = rng.randrange(1, len(words) - 2)
            words[k] = f"*{words[k]}*" if rng.random() < 0.5 else f"[{words[k]}](https://a.az/{i})"
        para = " ".join(words)
        r = rng.random()
        if i % 12 == 0:
            out.append(f"## {' '.join(para.split()[:6]).strip('.')}")
        elif r < 0.15:
            out.append("\n".join(f"- {line}" if n % 3 else f"  - {line}" for n, line in enumerate(para.split(". "))))
        elif r < 0.25:
            out.append("\n".join(f"> {line}" for line in para.split("\n")))
        elif r < 0.28:
            out.append("| Sector | Growth |\n|---|--:|\n| Oil & gas | -1.3% |\n| Non-oil | 4.1% |")
        else:
            out.append(para)
    return "\n\n".join(out) + "\n"


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def golden_score(split) -> int | None:
    if not GOLDEN.is_file():
        return None
    ok = 0
    for case in json.loads(GOLDEN.read_text(encoding="utf-8")):
        got = [" ".join(s.split()) for s in split(case["text"])]
        ok += [s for s in got if s] == case["expected"]
    return ok


def rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds:>12,.0f} chars/s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0, help="size of the generated text in MB (default 3)")
    ap.add_argument("--pysbd-whole-mb", type=float, default=None,
                    help="size for pySBD's whole-string run (default: same as --mb; it is slow)")
    ap.add_argument("--no-pysbd", action="store_true", help="measure l10n only")
    args = ap.parse_args()

    paragraphs = build_corpus(int(args.mb * 1_000_000))
    whole = "\n\n".join(paragraphs)
    n = len(whole)
    print(f"text: {n:,} chars in {len(paragraphs):,} paragraphs (seed 2024; golden rules {'used' if GOLDEN.is_file() else 'absent'})")

    l10n_para = timed(lambda: [segment_text(p) for p in paragraphs], repeat=3)
    l10n_whole = timed(lambda: segment_text(whole), repeat=3)
    l10n_golden = golden_score(lambda t: [s.text for s in segment_text(t)])
    print(f"l10n   per paragraph  {rate(n, l10n_para)}")
    print(f"l10n   whole string   {rate(n, l10n_whole)}   whole/paragraph cost per char: {l10n_whole / l10n_para:.2f}x (target <= 1.5)")
    print(f"l10n   golden rules   {l10n_golden}/52", flush=True)

    pysbd = None
    if not args.no_pysbd:
        try:
            import pysbd  # noqa: PLC0415
        except ImportError:
            print("pysbd not installed: run with `uv run --group bench python scripts/bench_segment.py`")
    if pysbd is not None:
        seg = pysbd.Segmenter(language="en", clean=False)
        p_para = timed(lambda: [seg.segment(p) for p in paragraphs])
        print(f"pySBD  per paragraph  {rate(n, p_para)}", flush=True)
        wmb = args.pysbd_whole_mb if args.pysbd_whole_mb is not None else args.mb
        w_text = whole if wmb >= args.mb else "\n\n".join(build_corpus(int(wmb * 1_000_000)))
        print(f"pySBD  whole string on {len(w_text):,} chars: running (super-linear, can take many minutes) ...",
              flush=True)
        p_whole = timed(lambda: seg.segment(w_text))
        print(f"pySBD  whole string   {rate(len(w_text), p_whole)}   ({len(w_text):,} chars)")
        print(f"pySBD  golden rules   {golden_score(seg.segment)}/52")
        print(f"ratio per paragraph   l10n/pySBD = {p_para / l10n_para:.1f}x (target >= 5)")
        print(f"ratio whole string    l10n/pySBD = {(n / l10n_whole) / (len(w_text) / p_whole):.1f}x")

    markdown = as_markdown(paragraphs)
    plain_md = timed(lambda: segment_text(markdown), repeat=2)
    md_whole = timed(lambda: segment_text(markdown, markdown=True), repeat=2)
    print(f"Markdown article of {len(markdown):,} chars ({len(segment_text(markdown, markdown=True)):,} segments):")
    print(f"  l10n as Markdown (markdown-it-py + sentences) {rate(len(markdown), md_whole)}")
    print(f"  l10n as plain text, same text                 {rate(len(markdown), plain_md)}"
          f"   Markdown costs {md_whole / plain_md:.1f}x")
    for frac in (0.25, 1.0):
        part = markdown[: int(len(markdown) * frac)]
        print(f"  linearity {len(part):>10,} chars  {rate(len(part), timed(lambda: segment_text(part, markdown=True)))}")
    md_adversarial = {
        "1,000 nested quotes": "> " * 1000 + "Deep.\n",
        "nested lists 200 deep": "".join("  " * d + "- item\n" for d in range(200)),
        "**a run of 100k": "**a " * 100_000,
        "a 100k-line paragraph": "word word\n" * 100_000,
    }
    for name, text in md_adversarial.items():
        print(f"  {name:<40} {len(text):>10,} chars {rate(len(text), timed(lambda: segment_text(text, markdown=True)))}")

    print("linearity of l10n on one whole string (chars/s should stay flat):")
    for frac in (0.25, 0.5, 1.0):
        part = whole[: int(n * frac)]
        print(f"  {len(part):>10,} chars  {rate(len(part), timed(lambda: segment_text(part), repeat=2))}")
    adversarial = {
        "100k-char paragraphs, no punctuation": ("word " * 20_000 + "\n\n") * 10,
        "a.a.a.a. (no spaces)": "a." * 500_000,
        "dots and spaces . . .": ". " * 500_000,
        "Mr. Mr. Mr.": "Mr. " * 250_000,
        "1. 2. 3. list markers": " ".join(f"{i % 999 + 1}." for i in range(300_000)),
        "!!!! run": "!" * 1_000_000,
        "x@y.z.w glued tokens": "Ab.Cd@e.Fg " * 90_000,
        "one 1 MB line of spaces in a heading": "# " + " " * 1_000_000 + "x",
        "a 1 MB hard-wrapped paragraph": "\n".join(["This is a line of a long paragraph, not a sentence end"] * 18_000),
    }
    print("adversarial inputs (l10n, one string each):")
    for name, text in adversarial.items():
        print(f"  {name:<40} {len(text):>10,} chars {rate(len(text), timed(lambda: segment_text(text)))}")


if __name__ == "__main__":
    main()
