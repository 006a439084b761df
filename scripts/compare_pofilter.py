"""Compare `l10n check` with translate-toolkit's pofilter on the same catalogs.

Development only (translate-toolkit is in the ``bench`` dependency group)::

    uv run --group bench python scripts/compare_pofilter.py            # demo catalogs + injected defects
    uv run --group bench python scripts/compare_pofilter.py a.po b.po  # your catalogs

Without arguments the script builds the demo project (``l10n demo``) in a temporary
folder and checks its az and ru catalogs: as drafted ("clean": real, unedited
MT drafts of the sample article) and in one copy per defect kind with that defect
injected into every entry where it applies ("mutated": a changed number, a dropped bracket or final stop, an unbalanced
quote, a double or trailing space, the English left in, a truncated translation,
a glossary term replaced, or a harmless en dash in a range). For every entry and
check family it reports whether both tools, only ours, or only pofilter flag it.
A last table runs both numbers checks on hand-made pairs with right (CLDR) and
wrong (English) decimal and thousands separators.
pofilter's do-not-translate list is fed from our glossary's kept terms.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import polib

from l10n.check.checks import CheckContext, check_catalog
from l10n.glossary import find_glossary, load_glossary
from l10n.languages import catalog_language

# pofilter test -> our check family (None: no counterpart in l10n check)
FAMILY = {
    "numbers": "numbers", "brackets": "brackets", "doublequoting": "quotes", "endpunc": "end-punctuation",
    "urls": "urls", "emails": "urls", "unchanged": "identical", "long": "length", "short": "length",
    "startwhitespace": "spaces", "endwhitespace": "spaces", "doublespacing": "spaces",
    "notranslatewords": "glossary",
}
SKIPPED_POFILTER = {"isfuzzy", "untranslated", "isreview", "hassuggestion"}


KINDS = {
    "number": lambda s, lang: re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), s, count=1),
    "final stop": lambda s, lang: s.rstrip("."),
    "bracket": lambda s, lang: s.replace(")", "", 1) if ")" in s else s.replace(" ", " (", 1),
    "quote": lambda s, lang: "«" + s,
    "double space": lambda s, lang: s.replace(" ", "  ", 1),
    "trailing space": lambda s, lang: s + " ",
    "english": None,
    "truncated": lambda s, lang: s[: max(8, len(s) // 4)],
    "glossary": lambda s, lang: (s.replace("Trend", "Тренд" if lang == "ru" else "Tərənd")
                                 .replace("Мехтиев", "Мехдиев").replace("Mehdiyev", "Mehtiyev")
                                 .replace("ВТамО", "ВТО").replace("ÜGT", "DGT")),
    "en dash (harmless)": lambda s, lang: re.sub(r"(\d)-(\d)", "\\1\u2013\\2", s),
}


def mutate(po: polib.POFile, lang: str, kind: str) -> None:
    """Inject the defect ``kind`` into every translated entry (deterministic)."""
    change = KINDS[kind]
    for entry in po:
        if entry.obsolete or not entry.msgid or not entry.msgstr:
            continue
        new = entry.msgid if change is None else change(entry.msgstr, lang)
        if new != entry.msgstr:
            entry.msgstr = new
            entry.tcomment = (entry.tcomment + "\n" if entry.tcomment else "") + f"injected: {kind}"


# Number formats: (English, target, lang, correct?) -- CLDR separators are right, English ones wrong.
NUMBER_CASES = [
    ("Trade grew 1.2 times.", "Торговля выросла в 1,2 раза.", "ru", True),
    ("Trade grew 1.2 times.", "Торговля выросла в 1.2 раза.", "ru", False),
    ("It cost 1,000,000 manats.", "Это стоило 1\u00a0000\u00a0000 манатов.", "ru", True),
    ("It cost 1,000,000 manats.", "Это стоило 1,000,000 манатов.", "ru", False),
    ("It cost 1,000,000 manats.", "Bu 1.000.000 manata başa gəldi.", "az", True),
    ("It cost 1,000,000 manats.", "Bu 1,000,000 manata başa gəldi.", "az", False),
    ("It grew 3.5 percent.", "Bu 3,5 faiz artdı.", "az", True),
    ("It grew 3.5 percent.", "Bu 3.5 faiz artdı.", "az", False),
    ("For 2021-2023.", "На 2021–2023 годы.", "ru", True),
    ("For 2021-2023.", "На 2021–2024 годы.", "ru", False),
    ("About 53 states.", "Около 53 государств.", "ru", True),
    ("About 53 states.", "Около 35 государств.", "ru", False),
]


def number_formats(workdir: Path) -> None:
    by_lang: dict[str, list] = defaultdict(list)
    for case in NUMBER_CASES:
        by_lang[case[2]].append(case)
    rows = []
    for lang, cases in by_lang.items():
        path = workdir / f"numbers-{lang}.po"
        po = polib.POFile()
        po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
        for n, (en, tr, _lang, _ok) in enumerate(cases):
            po.append(polib.POEntry(msgctxt=str(n), msgid=en, msgstr=tr))
        po.save(str(path))
        mine = check_catalog(polib.pofile(str(path)), CheckContext(lang), str(path))
        ours_ctx = {e.msgctxt for e in polib.pofile(str(path))
                    if any(f.line == e.linenum and f.check == "numbers" for f in mine)}
        pofilter(path, lang, None, workdir)  # writes <stem>.pofilter.po, read with msgctxt below
        out = workdir / (path.stem + ".pofilter.po")
        theirs_ctx = set()
        if out.exists():
            theirs_ctx = {e.msgctxt for e in polib.pofile(str(out)) if "(pofilter) numbers:" in (e.tcomment or "")}
        for n, (en, tr, _lang, ok) in enumerate(cases):
            rows.append((lang, ok, str(n) in ours_ctx, str(n) in theirs_ctx, tr))
    print("\n== number formats (numbers check only) ==")
    print("lang  correct  l10n flags  pofilter flags  translation")
    for lang, ok, a, b, tr in rows:
        print(f"{lang:5} {ok!s:8} {a!s:11} {b!s:15} {tr}")
    ours_right = sum(1 for r in rows if r[2] != r[1])
    theirs_right = sum(1 for r in rows if r[3] != r[1])
    print(f"verdicts right: l10n {ours_right}/{len(rows)}, pofilter {theirs_right}/{len(rows)}")


def ours(path: Path, lang: str, glossary) -> dict[str, set[str]]:
    po = polib.pofile(str(path))
    found: dict[str, set[str]] = defaultdict(set)
    for f in check_catalog(po, CheckContext(lang, glossary), str(path)):
        found[f.msgid].add(f.check)
    return found


def pofilter(path: Path, lang: str, dnt_file: Path | None, workdir: Path) -> dict[str, set[str]]:
    out = workdir / (path.stem + ".pofilter.po")
    cmd = [shutil.which("pofilter") or "pofilter", "--progress=none", f"--language={lang}",
           *[f"--excludefilter={t}" for t in sorted(SKIPPED_POFILTER)], "-i", str(path), "-o", str(out)]
    if dnt_file is not None:
        cmd.insert(1, f"--notranslatefile={dnt_file}")
    subprocess.run(cmd, check=True, capture_output=True)
    found: dict[str, set[str]] = defaultdict(set)
    if out.exists():
        for entry in polib.pofile(str(out)):
            for test in re.findall(r"\(pofilter\) (\w+):", entry.tcomment or ""):
                found[entry.msgid].add(test)
    return found


def compare(paths: list[Path], label: str, workdir: Path) -> tuple[Counter, Counter, list[str], dict]:
    per_family: Counter = Counter()
    detected: dict[str, Counter] = defaultdict(Counter)
    unmatched: Counter = Counter()
    details: list[str] = []
    for path in paths:
        po = polib.pofile(str(path))
        lang = catalog_language(po.metadata, path) or "und"
        gpath = find_glossary(path.parent)
        glossary = load_glossary(gpath) if gpath else None
        dnt = None
        if glossary is not None:
            dnt = workdir / "dnt.txt"
            dnt.write_text("\n".join(t.source for t in glossary.terms if t.kept(lang)) + "\n", encoding="utf-8")
        a = ours(path, lang, glossary)
        b = pofilter(path, lang, dnt, workdir)
        for entry in po:
            if entry.obsolete or not entry.msgid or not entry.msgstr:
                continue
            mine = a.get(entry.msgid, set())
            theirs = b.get(entry.msgid, set())
            mapped = {FAMILY[t] for t in theirs if FAMILY.get(t)}
            for t in theirs:
                if not FAMILY.get(t):
                    unmatched[t] += 1
            injected = re.findall(r"injected: (.+)", entry.tcomment or "")
            if injected:
                tally = detected[injected[0]]
                tally["entries"] += 1
                tally["ours"] += bool(mine)
                tally["pofilter"] += bool(theirs)
            for family in sorted(mine | mapped):
                verdict = "both" if family in mine and family in mapped else ("ours" if family in mine else "pofilter")
                per_family[(family, verdict)] += 1
                if verdict != "both":
                    details.append(f"  [{label} {lang}] {family}: only {verdict}"
                                   f"{' (injected: ' + injected[0] + ')' if injected else ''}: {entry.msgid[:60]!r}")
    return per_family, unmatched, details, detected


def report(label: str, per_family: Counter, unmatched: Counter, details: list[str], detected: dict) -> None:
    families = sorted({f for f, _ in per_family})
    print(f"\n== {label}: entries flagged per check family ==")
    print(f"{'family':16} {'both':>5} {'ours only':>10} {'pofilter only':>14}")
    for fam in families:
        print(f"{fam:16} {per_family[(fam, 'both')]:5} {per_family[(fam, 'ours')]:10} {per_family[(fam, 'pofilter')]:14}")
    total = {v: sum(n for (f, vv), n in per_family.items() if vv == v) for v in ("both", "ours", "pofilter")}
    print(f"{'total':16} {total['both']:5} {total['ours']:10} {total['pofilter']:14}")
    if unmatched:
        print("pofilter tests without a counterpart in l10n check: "
              + ", ".join(f"{t} {n}" for t, n in unmatched.most_common()))
    if detected:
        print("\ninjected defect      entries  flagged by ours  flagged by pofilter (any test)")
        for kind, tally in detected.items():
            print(f"{kind:20} {tally['entries']:7} {tally['ours']:16} {tally['pofilter']:20}")
    if details:
        print("disagreements:")
        print("\n".join(details))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogs", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if shutil.which("pofilter") is None:
        print("pofilter not found: run with `uv run --group bench ...`", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.catalogs:
            report("given catalogs", *compare(args.catalogs, "given", work))
            return 0
        demo = work / "demo"
        subprocess.run([sys.executable, "-m", "l10n", "demo", str(demo)], check=True, capture_output=True)
        repo_glossary = Path(__file__).resolve().parents[1] / "glossary.tsv"
        shutil.copy(repo_glossary, demo / "glossary.tsv")
        clean = sorted((demo / "locales").rglob("*.po"))
        report("clean demo drafts", *compare(clean, "clean", work))
        mutated = []
        for path in clean:
            for n, kind in enumerate(KINDS):
                target = demo / f"mutated-{n}" / path.relative_to(demo / "locales")
                target.parent.mkdir(parents=True, exist_ok=True)
                po = polib.pofile(str(path))
                mutate(po, catalog_language(po.metadata, path) or "", kind)
                po.save(str(target))
                mutated.append(target)
        report("injected defects", *compare(mutated, "mutated", work))
        number_formats(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
