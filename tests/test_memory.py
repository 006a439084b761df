"""The memory index: tokens, the match percentage, lookup against a brute-force scan, incremental sync."""

from __future__ import annotations

import random

import polib
import pytest
from catalog_helpers import make_project

from l10n.glossary import Glossary, Term
from l10n.memory.carry import carry_numbers
from l10n.memory.fuzzy import percent
from l10n.memory.index import MemoryIndex
from l10n.memory.normalize import NUMBER, tokenize
from l10n.memory.sync import index_path, open_memory
from l10n.project import Project


def score(a: str, b: str, glossary=None) -> int:
    return percent(tokenize(a, glossary), tokenize(b, glossary), " ".join(a.split()) == " ".join(b.split()))


def test_tokens_normalize_numbers_case_and_glossary_terms():
    toks = tokenize("Exports rose to 1.2 billion, the World Customs Organization said.",
                    Glossary([Term("World Customs Organization", {"ru": "ВТО"})]))
    assert toks.tokens == ("exports", "rose", "to", NUMBER, "billion", ",", "the", "world_customs_organization",
                           "said", ".")
    assert toks.placeables == ("1.2",)
    assert tokenize("Press {1}here{/1}.").tokens == ("press", "<tag>", "here", "<tag>", ".")


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Exports rose to 1.2 billion dollars.", "Exports rose to 1.2 billion dollars.", 100),
    # ten tokens, all equal once numbers are one token; one point off for the differing number
    ("Exports rose to 1.2 billion dollars in March, he said.", "Exports rose to 1.5 billion dollars in March, he said.", 99),
    ("The committee met in Baku.", "the committee met in Baku.", 99),  # case only: never 100
    # 13 tokens, one substituted: floor(100 * 12 / 13) = 92, minus 1 for the number
    ("Exports rose to 1.2 billion dollars in March, the ministry said.",
     "Exports rose to 1.5 billion dollars in April, the ministry said.", 91),
    ("The committee met in Baku on Monday.", "Trade grew by five percent.", 12),  # only the "." is shared: 1/8
])
def test_percent_is_word_level_edit_similarity(a, b, expected):
    assert score(a, b) == expected


def test_a_glossary_term_counts_as_one_word():
    glossary = Glossary([Term("World Customs Organization", {"ru": "ВТО"})])
    a = "The World Customs Organization met in Brussels."
    b = "The World Customs Organization met in Baku."
    assert score(a, b, glossary) == 83  # 6 tokens, one differs
    assert score(a, b) == 87  # without the glossary: 8 tokens


def test_numbers_carried_over_when_unambiguous():
    assert carry_numbers("Exports rose to 1.2 billion.", "Exports rose to 1.5 billion.",
                         "Экспорт вырос до 1,2 млрд.", "ru") == "Экспорт вырос до 1,5 млрд."
    assert carry_numbers("It cost 1,200 manat.", "It cost 1,500 manat.", "1 200 манатов", "ru") == "1 500 манатов"
    assert carry_numbers("Up 5 and 5.", "Up 6 and 5.", "5 и 5", "ru") is None  # which 5?
    assert carry_numbers("Up 5 percent.", "Up 6 percent.", "рост на пять процентов", "ru") is None  # not found
    assert carry_numbers("In 2020 and 2021.", "In 2020.", "В 2020 и 2021.", "ru") is None  # counts differ


WORDS = ("exports imports oil gas trade customs committee ministry minister bank budget grew rose fell "
         "in on at by to from the a said reported Baku Moscow Monday Tuesday March April percent billion").split()


def _sentences(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(3, 14))]
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), str(rng.randint(1, 99)))
        out.append(" ".join(words) + ".")
    return out


def test_lookup_finds_what_a_full_scan_finds(tmp_path):
    """The bigram prefilter loses no match: the same results as scoring every unit."""
    rng = random.Random(7)
    base = _sentences(rng, 400)
    units = []
    for s in base:  # near-duplicates, as follow-up articles make them
        units.append(s)
        words = s.split()
        for _ in range(rng.randint(0, 2)):
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        units.append(" ".join(words))
    index = MemoryIndex(tmp_path / "m.sqlite")
    with index.transaction():
        index.add("ru", "a", "po", [(u, f"T:{u}") for u in dict.fromkeys(units)])
    queries = _sentences(rng, 80) + [u.replace(u.split()[0], rng.choice(WORDS), 1) for u in base[:120]]
    hits = 0
    distinct = {u: tokenize(u) for u in dict.fromkeys(units)}
    for q in queries:
        qt = tokenize(q)
        scores = [(percent(qt, ut, q == u), u) for u, ut in distinct.items()]
        for threshold in (70, 85):
            got = [(m.percent, m.source) for m in index.fuzzy("ru", q, threshold, limit=1000)]
            scan = sorted(((p, u) for p, u in scores if p >= threshold), key=lambda x: (-x[0], x[1]))
            assert got == scan, q
            hits += bool(scan)
    assert hits > 50, "the data must exercise matches"
    assert index.fuzzy("az", queries[0], 50) == [], "languages are separate"


def _catalog(path, entries):
    po = polib.POFile()
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def test_sync_is_incremental_and_the_index_a_rebuildable_cache(tmp_path):
    make_project(tmp_path, {"a.txt": "A.\n"})
    project = Project.open(tmp_path)
    folder = tmp_path / "locales/ru/LC_MESSAGES"
    _catalog(folder / "a.po", [("The committee met.", "Комитет собрался.", False),
                               ("Trade grew.", "Торговля выросла (черновик).", True)])
    _catalog(folder / "b.po", [("Oil prices fell.", "Цены на нефть упали.", False)])
    with open_memory(project, ["ru"]) as index:
        assert sorted(u.source for _, u in index.all_units("ru")) == ["Oil prices fell.", "The committee met."]
    before = index_path(project).read_bytes()
    with open_memory(project, ["ru"]):
        pass
    assert index_path(project).read_bytes() == before, "nothing changed: nothing written"

    _catalog(folder / "b.po", [("Oil prices fell.", "Нефть подешевела.", False), ("Gas rose.", "Газ подорожал.", False)])
    (folder / "a.po").unlink()
    with open_memory(project, ["ru"]) as index:
        got = {(u.source, u.target, u.origin) for _, u in index.all_units("ru")}
        assert got == {("Oil prices fell.", "Нефть подешевела.", "b"), ("Gas rose.", "Газ подорожал.", "b")}
        assert index.conn.execute("SELECT count(*) FROM units WHERE origin = 'a'").fetchone() == (0,)
        assert index.exact("ru", "Gas  rose.")[0].target == "Газ подорожал."

    index_path(project).unlink()
    with open_memory(project, ["ru"]) as index:
        assert {(u.source, u.target, u.origin) for _, u in index.all_units("ru")} == got, "rebuilt from the catalogs"


def test_a_malformed_catalog_is_skipped_with_a_warning(tmp_path):
    make_project(tmp_path, {"a.txt": "A.\n"})
    folder = tmp_path / "locales/ru/LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "bad.po").write_text('msgid "x"\nmsgstr "y\n', encoding="utf-8")
    warnings: list[str] = []
    with open_memory(Project.open(tmp_path), ["ru"], warnings) as index:
        assert index.all_units() == []
    assert len(warnings) == 1 and "bad.po:2" in warnings[0]


def test_an_unreadable_index_is_rebuilt(tmp_path):
    make_project(tmp_path, {"a.txt": "A.\n"})
    project = Project.open(tmp_path)
    _catalog(tmp_path / "locales/ru/LC_MESSAGES/a.po", [("The committee met.", "Комитет собрался.", False)])
    index_path(project).parent.mkdir(parents=True, exist_ok=True)
    index_path(project).write_bytes(b"not a database, just bytes" * 100)
    with open_memory(project, ["ru"]) as index:
        assert [u.target for _, u in index.all_units("ru")] == ["Комитет собрался."]
