"""Time of the inline Markdown renderer (HTML export of a .md article) on hostile and normal lines.

Development only::

    uv run python scripts/bench_export.py [--n 8000] [--only CASE]

For each case, one line of scale ``n`` (``n`` repetitions of its unit) and one of
scale ``2n`` is rendered with :func:`l10n.export.markdown_inline.inline_html`; the time of
each and the ratio t(2n)/t(n) are printed. A linear renderer shows a ratio
near 2, a quadratic one near 4 (issue 16: ``"**a " * 8000`` took 6 s, a 1 MB
line more than 600 s). ``--mb`` adds one line of about 1 MB of each case.
Never a unit test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time

from l10n.export.markdown_inline import inline_html



def _descending_ticks(n: int) -> str:
    """Backtick runs of lengths m, m-1, ..., 1 (about 3n characters): no run has a closing run as long."""
    m = int((6 * n) ** 0.5)
    return " ".join("`" * k for k in range(m, 0, -1))


#: name -> the line for scale n: a unit repeated n times, or built; "normal" is news text with a little markup.
CASES = {
    "normal": lambda n: "The *State Customs Committee* said exports rose 2.8% ([report](https://a.az/r.html)). " * n,
    "strong": lambda n: "**a " * n,
    "em": lambda n: "*a " * n,
    "underscore": lambda n: "_a " * n,
    "strike": lambda n: "~~a " * n,
    "link-label": lambda n: "[a " * n,
    "image-alt": lambda n: "![a " * n,
    "code": _descending_ticks,
}


def _time(text: str, repeat: int = 3) -> float:
    """Best of ``repeat`` runs (one run when a run takes more than a second)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        inline_html(text)
        best = min(best, time.perf_counter() - start)
        if best > 1:
            break
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=8000, help="repetitions of each case's unit (default 8000)")
    parser.add_argument("--only", choices=sorted(CASES), action="append", help="run only these cases")
    parser.add_argument("--mb", action="store_true", help="also render a line of about 1 MB of each case")
    args = parser.parse_args()
    names = args.only or list(CASES)
    header = f"{'case':<12} {'chars n':>9} {'t(n) s':>9} {'t(2n) s':>9} {'ratio':>6}"
    print(header + ("   t(1 MB) s" if args.mb else ""))
    for name in names:
        build = CASES[name]
        small, big = build(args.n), build(2 * args.n)
        t1, t2 = _time(small), _time(big)
        line = f"{name:<12} {len(small):>9} {t1:>9.4f} {t2:>9.4f} {t2 / t1 if t1 else float('nan'):>6.2f}"
        if args.mb:
            scale = args.n * 1_000_000 // len(small)
            line += f"   {_time(build(scale)):>10.3f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
