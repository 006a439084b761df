"""Translation memory on a news archive: how much it drafts, what it costs, how lookup scales.

1. Builds a scratch project of ``--articles`` generated articles (default 1,000) that were
   translated and then *reviewed* (the memory), and as many new ones from the
   same newsroom (follow-ups that restate a lead with a number or a day changed,
   boilerplate, names, and new sentences). Translates the new articles into ru
   with a trivial in-process engine (so the engine costs nothing and the memory's
   share of the run is as large as it can be), twice: with the memory, and with
   the memory switched off (the baseline). Prints the share of segments drafted
   from memory at 100% and at >= 85%, the memory's time per segment, and the
   run-time ratio (goal: <= 1.10).
2. Against translate-toolkit's fuzzy matcher (``translate.search.match.matcher``,
   what ``pretranslate --tm`` uses, min_similarity 85) on a sample of the same
   segments and the same memory: agreement on which segments get a >= 85% match,
   and time per segment.
3. Lookup time per segment in indexes of ``--sizes`` memory entries (default
   10k, 100k, 1M) generated the same way: sub-linear means it does not grow
   with the size.

    uv run nice python scripts/bench_memory.py [--articles 1000] [--repeat 3] [--engine echo|demo]
                                               [--sizes 10000,100000,1000000] [--skip-archive]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import polib

from l10n.engine.base import Draft
from l10n.project import Project
from l10n.translate import translate_project

ORGS = ["the ministry of economy", "the central bank", "the State Customs Committee", "the statistics committee",
        "the energy ministry", "the World Customs Organization", "the finance ministry", "the state oil company",
        "the tax service", "the ministry of agriculture", "the port authority", "the railway company"]
METRICS = ["exports", "imports", "oil production", "gas exports", "trade turnover", "retail sales", "tax revenue",
           "grain harvest", "cargo traffic", "foreign investment", "industrial output", "car imports",
           "tourist arrivals", "electricity output", "budget revenue", "non-oil exports"]
UNITS = ["billion manat", "million dollars", "million tons", "billion cubic meters", "thousand tons", "percent"]
CITIES = ["Baku", "Ganja", "Sumgait", "Lankaran", "Shaki", "Mingachevir", "Nakhchivan", "Shusha", "Quba", "Zaqatala"]
PEOPLE = ["Minister Mikayil Jabbarov", "Deputy Minister Elnur Aliyev", "Chairman Shahin Mustafayev",
          "spokesman Rashad Huseynov", "director Leyla Mammadova", "analyst Farid Guliyev"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
VERBS = ["rose", "fell", "grew", "declined", "increased", "dropped"]
TEMPLATES = [
    "{metric} {verb} to {num} {unit} in {month}, {org} said on {day}.",
    "{org} reported on {day} that {metric} {verb} by {pct} percent in the first {n} months of the year.",
    "{person} told reporters in {city} that {metric} would reach {num} {unit} by the end of {year}.",
    "According to {org}, {metric} {verb} {pct} percent year on year to {num} {unit} in {month}.",
    "{person} met a delegation from {city} on {day} to discuss {metric} and cooperation in the region.",
    "A new plant in {city} will raise {metric} by {num} {unit} a year, {person} said.",
    "In {month}, {metric} from {city} {verb} to {num} {unit}, the highest level since {year}.",
    "{org} expects {metric} to {verb2} by {pct} percent next year as demand from {city} grows.",
]
BOILERPLATE = [
    "Trend reports citing the ministry.", "The committee said in a statement.",
    "Follow the latest news on our website.", "Earlier, the ministry published its quarterly report.",
    "The figures are preliminary and may be revised.", "More details will be announced later.",
    "The meeting was held behind closed doors.", "Officials declined to comment further.",
]
CORPUS_LANG = "ru"


def fill(rng: random.Random, template: str, slots: dict | None = None) -> tuple[str, dict]:
    values = dict(slots or {})
    defaults = {
        "metric": lambda: rng.choice(METRICS), "verb": lambda: rng.choice(VERBS), "verb2": lambda: "grow",
        "num": lambda: f"{rng.randint(1, 99)}.{rng.randint(1, 9)}", "unit": lambda: rng.choice(UNITS),
        "month": lambda: rng.choice(MONTHS), "org": lambda: rng.choice(ORGS), "day": lambda: rng.choice(DAYS),
        "pct": lambda: str(rng.randint(2, 40)), "n": lambda: str(rng.randint(2, 11)),
        "person": lambda: rng.choice(PEOPLE), "city": lambda: rng.choice(CITIES),
        "year": lambda: str(rng.randint(2024, 2030)),
    }
    for key, make in defaults.items():
        values.setdefault(key, make())
    text = template.format(**values)
    return text[0].upper() + text[1:], values


FUNCTION_WORDS = ("the of and to in a that for on with as by at from is was said it its has have were "
                  "will be an this which after over more than their also but not who").split()
SYLLABLES = "ba ko ri ste man tor el vi na gu ro de sa lin ter pro mi cha zan ov qu ed al fi".split()


class Newsroom:
    """Articles of 12 sentences: a lead (a new story, or a follow-up of an earlier one with one or
    two facts changed), the story's background sentence repeated as is, boilerplate, and new
    sentences: a few from news templates, most of them new word sequences (function words and a
    Zipf-distributed vocabulary of 20,000 words, as running text has)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.stories: list[tuple[str, dict, str]] = []
        words = set()
        while len(words) < 20000:
            words.add("".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 4))))
        self.vocabulary = sorted(words)
        self.cum_weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.vocabulary))))

    def novel(self) -> str:
        rng = self.rng
        n = rng.randint(8, 28)
        content = rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=n)
        words = [w if rng.random() < 0.6 else f"{rng.choice(FUNCTION_WORDS)} {w}" for w in content]
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), str(rng.randint(2, 2000)))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def article(self) -> str:
        rng = self.rng
        if self.stories and rng.random() < 0.4:
            template, slots, background = rng.choice(self.stories)
            changed = dict(slots)
            for key in rng.sample(["num", "day", "month", "pct"], rng.randint(1, 2)):
                changed.pop(key, None)
            lead, _ = fill(rng, template, changed)
        else:
            template = rng.choice(TEMPLATES)
            lead, slots = fill(rng, template)
            background, _ = fill(rng, rng.choice(TEMPLATES))
            self.stories.append((template, slots, background))
        sentences = [lead, background]
        sentences += rng.sample(BOILERPLATE, rng.randint(1, 3))
        while len(sentences) < 12:
            sentences.append(fill(rng, rng.choice(TEMPLATES))[0] if rng.random() < 0.2 else self.novel())
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        return "\n\n".join(paragraphs) + "\n"

    def sentences(self, n: int) -> list[str]:
        """``n`` sentences in the proportions of :meth:`article` (without building articles)."""
        rng = self.rng
        out = []
        while len(out) < n:
            if self.stories and rng.random() < 0.4:
                template, slots, background = rng.choice(self.stories)
                changed = {k: v for k, v in slots.items() if k not in rng.sample(["num", "day", "month", "pct"], 2)}
                out += [fill(rng, template, changed)[0], background]
            else:
                template = rng.choice(TEMPLATES)
                lead, slots = fill(rng, template)
                background = fill(rng, rng.choice(TEMPLATES))[0]
                self.stories.append((template, slots, background))
                out += [lead, background]
            out += rng.sample(BOILERPLATE, rng.randint(1, 3))
            out += [fill(rng, rng.choice(TEMPLATES))[0] if rng.random() < 0.2 else self.novel() for _ in range(8)]
        return out[:n]


def _split(paragraph: str) -> list[str]:
    from l10n.segment import segment_text

    return [s.text for s in segment_text(paragraph)]


class EchoEngine:
    source = "en"

    def __init__(self, target: str):
        self.target, self.origin, self.segments = target, f"echo {target}", 0

    def translate(self, texts, progress=None):
        self.segments += len(texts)
        return [Draft(f"<{self.target}> {t}") for t in texts]


def review_all(paths: list[Path]) -> int:
    """A translator approves every draft (as Poedit would save it)."""
    count = 0
    for path in paths:
        po = polib.pofile(str(path))
        for entry in po:
            if entry.msgstr and "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.previous_msgid = None
                count += 1
        po.save()
    return count


@contextmanager
def memory_switched_off():
    """The baseline: the same run with no memory at all (no index, no lookups, no propagation)."""
    import l10n.translate.drafting as drafting
    import l10n.translate.run as run

    class Empty:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    saved = (drafting.open_memory, drafting.memory_drafts, drafting.exact_drafts, run.remember_written,
             drafting._untouched_machine_drafts)
    untouched = drafting._untouched_machine_drafts
    drafting.open_memory = lambda *a, **k: Empty()
    drafting.memory_drafts = drafting.exact_drafts = lambda index, lang, items, *a: [None] * len(items)
    drafting._untouched_machine_drafts = lambda works, lang, store, memory=None: (
        [] if memory is not None else untouched(works, lang, store))
    run.remember_written = lambda *a, **k: None
    try:
        yield
    finally:
        (drafting.open_memory, drafting.memory_drafts, drafting.exact_drafts, run.remember_written,
         drafting._untouched_machine_drafts) = saved


@contextmanager
def timed_lookups(stats: dict):
    """Time every memory step of the run: sync, lookups, propagation check, the index update after writing."""
    import l10n.translate.drafting as drafting
    import l10n.translate.run as run

    saved = (drafting.open_memory, drafting.memory_drafts, drafting.exact_drafts, run.remember_written,
             drafting._untouched_machine_drafts)

    def timed(fn, count=False):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            out = fn(*args, **kwargs)
            stats["seconds"] += time.perf_counter() - t0
            if count:
                stats["lookups"] += len(out)
                for hit in out:
                    if hit is not None:
                        stats["exact" if hit.percent == 100 else "fuzzy"] += 1
            return out
        return wrapper

    drafting.open_memory = timed(saved[0])
    drafting.memory_drafts = timed(saved[1], count=True)
    drafting.exact_drafts = timed(saved[2])
    run.remember_written = timed(saved[3])
    drafting._untouched_machine_drafts = timed(saved[4])  # includes the store queries it always made
    try:
        yield
    finally:
        (drafting.open_memory, drafting.memory_drafts, drafting.exact_drafts, run.remember_written,
         drafting._untouched_machine_drafts) = saved


def write_articles(root: Path, prefix: str, texts: list[str]) -> None:
    for i, text in enumerate(texts):
        (root / "source" / f"{prefix}-{i:04d}.txt").write_text(text, encoding="utf-8")


def archive(n: int, repeat: int, engine: str) -> None:
    import shutil

    from l10n.memory.sync import open_memory

    newsroom = Newsroom(7)
    history = [newsroom.article() for _ in range(n)]
    fresh = [newsroom.article() for _ in range(n)]
    langs = [CORPUS_LANG]
    factory = EchoEngine
    if engine == "demo":  # the real Argos/CTranslate2 path with the bundled demo package
        from l10n.demo import install_demo_packages
        from l10n.engine.factory import argos_engine_factory

        packages = Path(tempfile.mkdtemp()) / "packages"
        install_demo_packages(packages)
        factory = argos_engine_factory(packages)

    with tempfile.TemporaryDirectory() as tmp:
        prepared = Path(tmp) / "prepared"
        (prepared / "source").mkdir(parents=True)
        write_articles(prepared, "old", history)
        project = Project.open(prepared)
        translate_project(project, project.documents(), langs, factory)
        reviewed = review_all(sorted((prepared / "locales" / CORPUS_LANG / "LC_MESSAGES").glob("*.po")))
        t0 = time.perf_counter()
        open_memory(project, langs).close()  # the index as it stands after the reviews (built once)
        build = time.perf_counter() - t0
        write_articles(prepared, "new", fresh)
        times: dict[str, list[float]] = {"baseline": [], "memory": []}
        for attempt in range(repeat):  # alternating, on fresh copies: the machine's noise hits both alike
            for mode in ("baseline", "memory"):
                root = Path(tmp) / f"{mode}-{attempt}"
                shutil.copytree(prepared, root, symlinks=True)
                project = Project.open(root)
                new_docs = [d for d in project.documents() if d.name.startswith("new-")]
                stats = {"seconds": 0.0, "lookups": 0, "exact": 0, "fuzzy": 0}
                context = memory_switched_off() if mode == "baseline" else timed_lookups(stats)
                t0 = time.perf_counter()
                with context:
                    result = translate_project(project, new_docs, langs, factory)
                times[mode].append(time.perf_counter() - t0)
                if mode == "memory":
                    mem_s, mem_stats, mem_project = result.languages[0], stats, project
                    queries = [e.msgid for d in new_docs[:20]
                               for e in polib.pofile(str(project.po_path(d, CORPUS_LANG)))]
                else:
                    base_s = result.languages[0]
                shutil.rmtree(root) if mode == "baseline" or attempt < repeat - 1 else None
        segs, stats = mem_s.segments, mem_stats
        base_t, mem_t = min(times["baseline"]), min(times["memory"])
        print(f"Archive: {n} reviewed articles ({reviewed} reviewed entries) + {n} new articles, "
              f"{segs} segments to translate into {CORPUS_LANG}")
        print(f"  index built from the reviewed catalogs: {build:.2f}s (once; then incremental)")
        print(f"  drafted from memory at 100%:  {stats['exact']:6d}  {100 * stats['exact'] / segs:5.1f}%")
        print(f"  drafted from memory at >=85%: {stats['fuzzy']:6d}  {100 * stats['fuzzy'] / segs:5.1f}%  "
              f"(fuzzy, < 100%)")
        print(f"  drafted by the engine:        {mem_s.drafted:6d}  {100 * mem_s.drafted / segs:5.1f}%  "
              f"(baseline: {base_s.drafted})")
        print(f"  memory (sync, lookups, propagation, index update): {1000 * stats['seconds'] / segs:.3f} ms "
              f"per segment, {stats['seconds']:.2f}s in all ({stats['lookups']} lookups)")
        print(f"  translate run of {n} articles, best of {repeat}: baseline (no memory) {base_t:.2f}s, "
              f"with memory {mem_t:.2f}s, ratio {mem_t / base_t:.3f} (goal <= 1.10; engine: {engine}"
              f"{', which costs nothing' if engine == 'echo' else ''}; all runs: baseline {', '.join(f'{t:.1f}' for t in times['baseline'])}, "
              f"memory {', '.join(f'{t:.1f}' for t in times['memory'])})", flush=True)
        compare_translate_toolkit(mem_project, queries)


def compare_translate_toolkit(project: Project, queries: list[str]) -> None:
    from translate.search.match import matcher
    from translate.storage import po as tt_po

    from l10n.memory.sync import open_memory

    with open_memory(project, [CORPUS_LANG]) as index:
        units = [u for _, u in index.all_units(CORPUS_LANG)]
        store = tt_po.pofile()
        for unit in units:
            store.addsourceunit(unit.source).target = unit.target
        t0 = time.perf_counter()
        tt = matcher(store, max_candidates=1, min_similarity=85, max_length=1000)
        tt_build = time.perf_counter() - t0
        ours, theirs = set(), set()
        t_ours = t_theirs = 0.0
        t0 = time.perf_counter()
        for q, found in zip(queries, index.fuzzy_many(CORPUS_LANG, [(q, None) for q in queries], 85, limit=1)):
            if found:
                ours.add(q)
        t_ours = time.perf_counter() - t0
        for q in queries:
            t0 = time.perf_counter()
            if tt.matches(q):
                theirs.add(q)
            t_theirs += time.perf_counter() - t0
    both, n = len(ours & theirs), len(queries)
    agree = n - len(ours ^ theirs)
    print(f"Against translate-toolkit's matcher (pretranslate --tm, min_similarity 85; character Levenshtein), "
          f"{n} segments, memory of {len(units)} units:")
    print(f"  >= 85% match: l10n {len(ours)}, translate-toolkit {len(theirs)}, both {both}; "
          f"agreement {100 * agree / n:.1f}% of segments")
    print(f"  time per segment: l10n {1000 * t_ours / n:.2f} ms (batched), translate-toolkit "
          f"{1000 * t_theirs / n:.2f} ms "
          f"(ratio {t_theirs / max(t_ours, 1e-9):.1f}x; its index build {tt_build:.2f}s)")


def scaling(sizes: list[int]) -> None:
    from l10n.memory.index import MemoryIndex

    print("Lookup time per segment by memory size (fuzzy, threshold 85; 300 queries: 1/2 new, 1/2 follow-ups):")
    newsroom = Newsroom(11)
    distinct: dict[str, None] = {}
    while len(distinct) < max(sizes):
        distinct.update(dict.fromkeys(newsroom.sentences(max(sizes) // 4 + 1000)))
    pool = list(distinct)
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        index = MemoryIndex(Path(tmp) / "scale.sqlite")
        have = 0
        rows = []
        for size in sorted(sizes):
            t0 = time.perf_counter()
            with index.transaction():
                chunk = pool[have:size]
                for start in range(0, len(chunk), 20000):
                    index.add(CORPUS_LANG, f"d{start}", "po", [(s, f"<ru> {s}") for s in chunk[start:start + 20000]])
            build = time.perf_counter() - t0
            have = size
            indexed = pool[:size]
            assert len(indexed) == size
            queries = [_vary(rng, rng.choice(indexed)) for _ in range(150)] + newsroom.sentences(150)
            times, found = [], 0
            for q in queries:  # one at a time, as the review page asks
                t0 = time.perf_counter()
                found += bool(index.fuzzy(CORPUS_LANG, q, 85, limit=1))
                times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            index.fuzzy_many(CORPUS_LANG, [(q, None) for q in queries], 85, limit=1)  # as translate asks
            batch = (time.perf_counter() - t0) / len(queries)
            rows.append((size, build, statistics.mean(times), sorted(times)[int(0.95 * len(times))], found, batch))
            db = Path(tmp) / "scale.sqlite"
            print(f"  {size:>9,} entries: batched {1000 * batch:6.3f} ms (ratio to the smallest "
                  f"{batch / rows[0][5]:4.2f}); one by one {1000 * rows[-1][2]:6.3f} ms mean, "
                  f"{1000 * rows[-1][3]:6.3f} ms p95, "
                  f"{found}/{len(queries)} with a match (one by one: ratio {rows[-1][2] / rows[0][2]:4.2f}); "
                  f"(adding {size - (rows[-2][0] if len(rows) > 1 else 0):,} took {build:.1f}s, "
                  f"index {db.stat().st_size / 2**20:.0f} MiB)", flush=True)
        index.close()


def _vary(rng: random.Random, sentence: str) -> str:
    words = sentence.split()
    i = rng.randrange(len(words))
    words[i] = str(rng.randint(1, 99)) if words[i][:1].isdigit() else rng.choice(DAYS + CITIES)
    return " ".join(words)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3, help="translate runs per mode (the best is shown)")
    parser.add_argument("--engine", choices=("echo", "demo"), default="echo",
                        help="echo: a free in-process engine (the memory's share is largest); demo: the bundled "
                             "Argos demo package run by CTranslate2")
    parser.add_argument("--skip-archive", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_archive:
        archive(args.articles, args.repeat, args.engine)
    if args.sizes:
        scaling([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main(sys.argv[1:])
