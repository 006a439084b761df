"""Glossary: TSV parsing, term matching, inflection-tolerant rendering checks, GlossaryEngine."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from l10n.engine.base import Draft, Engine
from l10n.errors import L10nError
from l10n.glossary import (
    Glossary,
    find_glossary,
    load_glossary,
    parse_glossary,
    read_glossary,
    rendering_found,
)
from l10n.engine.glossary import GlossaryEngine
from l10n.engine.protect import protect

REPO = Path(__file__).resolve().parents[1]

TSV = (
    "# sample\n"
    "en\taz\tru\tflags\n"
    "World Customs Organization\tÜmumdünya Gömrük Təşkilatı\tВсемирная таможенная организация\t\n"
    "WCO\tÜGT\tВТамО\t\n"
    "State Customs Committee\tDövlət Gömrük Komitəsi\tГосударственный таможенный комитет\t\n"
    "Trend\t=\t=\t\n"
    "COVID-19\t\t\tdnt\n"
    "customs\tgömrük\t\tnocase\n"
)


@pytest.fixture
def glossary() -> Glossary:
    return parse_glossary(TSV, "g.tsv")


def test_parse_columns_flags_and_keep(glossary):
    assert len(glossary) == 6
    by = {t.source: t for t in glossary.terms}
    assert by["WCO"].rendering("ru") == "ВТамО"
    assert by["Trend"].rendering("az") == "Trend" and by["Trend"].kept("ru")
    assert by["COVID-19"].dnt and by["COVID-19"].rendering("ru") == "COVID-19"
    assert by["customs"].rendering("ru") is None
    assert not by["customs"].case_sensitive and by["WCO"].case_sensitive
    assert by["WCO"].line == 4


@pytest.mark.parametrize(
    "text, message",
    [
        ("az\tru\nx\ty\n", "header must start with 'en'"),
        ("en\taz\nx\ty\tz\n", "3 columns"),
        ("en\taz\tflags\nx\ty\tloud\n", "unknown flag 'loud'"),
        ("en\taz\nx\ty\nx\tz\n", "already defined on line 2"),
        ("en\taz\n\ty\n", "empty English term"),
    ],
)
def test_parse_errors_name_file_and_line(text, message):
    with pytest.raises(L10nError) as err:
        read_glossary(io.StringIO(text), "glossary.tsv")
    assert message in str(err.value)
    assert str(err.value).startswith("glossary.tsv:")


def test_load_rejects_non_utf8(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_bytes(b"en\taz\nTrend\t\xff\n")
    with pytest.raises(L10nError, match="not UTF-8"):
        load_glossary(path)


def test_find_is_whole_word_longest_first_and_case_sensitive(glossary):
    text = "The World Customs Organization (WCO) and trend, Trend reports; Customs and WCOs."
    found = [(m.term.source, text[m.start:m.end]) for m in glossary.find(text)]
    assert found == [
        ("World Customs Organization", "World Customs Organization"),
        ("WCO", "WCO"),
        ("Trend", "Trend"),
        ("customs", "Customs"),
    ]
    # with a language, only terms that have a rendering in it
    assert [m.term.source for m in glossary.find("Customs", "ru")] == []


@pytest.mark.parametrize(
    "rendering, translation, lang, ok",
    [
        ("Всемирная таможенная организация", "во Всемирной таможенной организации", "ru", True),
        ("Государственный таможенный комитет", "Государственного таможенного комитета", "ru", True),
        ("Государственный таможенный комитет", "Государственной налоговой службы", "ru", False),
        ("Всемирная таможенная организация", "Всемирная организация здравоохранения", "ru", False),
        ("ВТамО", "ВТО", "ru", False),
        ("Dövlət Gömrük Komitəsi", "Dövlət Gömrük Komitəsinin sədri", "az", True),
        ("Dövlət Gömrük Komitəsi", "Dövlət Vergi Xidməti", "az", False),
        ("ÜGT", "ÜGT-nin Avropa regionu", "az", True),
    ],
)
def test_rendering_found_tolerates_inflection(rendering, translation, lang, ok):
    assert rendering_found(rendering, translation, lang) is ok


def test_kept_terms_must_stay_exact(glossary):
    assert glossary.missing("Trend reports", "сообщает Trend", "ru") == []
    assert [t.source for t in glossary.missing("Trend reports", "сообщает Тренд", "ru")] == ["Trend"]
    # a kept word is not shortened to a stem: "Tren..." is not enough
    assert [t.source for t in glossary.missing("Trend reports", "сообщает Trenda", "ru")] == []
    assert [t.source for t in glossary.missing("Trend reports", "сообщает Tren", "ru")] == ["Trend"]


def test_find_glossary_walks_up_to_the_project_root(tmp_path):
    (tmp_path / "source").mkdir()
    (tmp_path / "glossary.tsv").write_text("en\taz\n")
    deep = tmp_path / "locales" / "az" / "LC_MESSAGES"
    deep.mkdir(parents=True)
    assert find_glossary(deep) == tmp_path / "glossary.tsv"
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "source").mkdir()
    assert find_glossary(other) is None


def test_repo_glossary_has_the_sample_entities():
    g = load_glossary(REPO / "glossary.tsv")
    by = {t.source: t for t in g.terms}
    for term in ["WCO", "World Customs Organization", "State Customs Committee",
                 "Safar Mehdiyev", "Kunio Mikuriya", "COVID-19", "Trend"]:
        assert by[term].rendering("az") and by[term].rendering("ru"), term
    assert by["Trend"].kept("az") and by["Trend"].kept("ru")
    assert by["COVID-19"].kept("ru")
    assert by["World Customs Organization"].rendering("ru") == "Всемирная таможенная организация"


def test_protect_uses_tokens_absent_from_the_text(glossary):
    p = protect("ZX1 met the WCO.", glossary, "ru")
    assert "ZX1 met the" in p.text and "WCO" not in p.text
    assert p.slots[0].token.startswith("QZX")
    restored, lost = p.restore("ZX1 встретился с QZX1.")
    assert restored == "ZX1 встретился с ВТамО." and lost == []
    _, lost = p.restore("ZX1 встретился.")
    assert [s.term for s in lost] == ["WCO"]


# -- GlossaryEngine with a fake underlying engine (the engine is not what is tested) --

class WordEngine:
    """Fake MT: a fixed table of whole sentences, else word-by-word with a tiny lexicon.

    Unknown words (like placeholder tokens) are copied, as real models tend to do.
    """

    source, target, origin = "en", "ru", "fake 1.0"
    LEXICON = {"the": "", "reports": "сообщает", "met": "встретил", "head": "глава",
               "of": "", "WCO": "ВТО", "Trend": "Тренд", "ZX1": "ZX1", "ZX2": "ZX2"}

    def __init__(self, sentences=None, drop_tokens=False):
        self.sentences = sentences or {}
        self.drop_tokens = drop_tokens
        self.calls: list[list[str]] = []

    def translate(self, texts, progress=None):
        self.calls.append(list(texts))
        out = []
        for text in texts:
            if text in self.sentences:
                out.append(Draft(self.sentences[text], -0.1))
                continue
            words = [self.LEXICON.get(w.strip(".,"), w.strip(".,")) for w in text.split()]
            if self.drop_tokens:
                words = [w for w in words if not w.startswith("ZX")]
            out.append(Draft(" ".join(w for w in words if w) + ".", -0.5))
        if progress:
            progress(len(texts), len(texts))
        return out


def test_glossary_engine_is_an_engine(glossary):
    engine = GlossaryEngine(WordEngine(), glossary)
    assert isinstance(engine, Engine)
    assert (engine.source, engine.target) == ("en", "ru")
    assert engine.origin == "fake 1.0 +glossary"


def test_retry_keeps_good_drafts_and_protects_only_failures(glossary):
    good = "Глава ВТамО встретился."
    fake = WordEngine({"The head of the WCO met.": good})
    engine = GlossaryEngine(fake, glossary)
    seen = []
    drafts = engine.translate(["The head of the WCO met.", "Trend reports.", "Nothing here."],
                              progress=lambda d, t: seen.append((d, t)))
    assert drafts[0].text == good  # already right: untouched
    assert drafts[1].text == "Trend сообщает."  # restored from the placeholder
    assert drafts[2].text == "Nothing here."
    assert fake.calls[1] == ["ZX1 reports."]  # second pass: only the failing text, protected
    assert engine.issues == []
    assert seen and seen[-1] == (3, 3)


def test_lost_placeholder_is_reported_not_faked(glossary):
    fake = WordEngine(drop_tokens=True)
    engine = GlossaryEngine(fake, glossary)
    drafts = engine.translate(["Trend reports."])
    assert drafts[0].text == "Тренд сообщает."  # the model's own draft is kept as is
    assert len(engine.issues) == 1
    issue = engine.issues[0]
    assert issue.index == 0 and issue.missing == ("Trend",)
    assert "Trend" in issue.message("ru")
    # the issues list is per call
    engine.translate(["Nothing here."])
    assert engine.issues == []


def test_protect_strategy_protects_before_the_first_pass(glossary):
    fake = WordEngine()
    engine = GlossaryEngine(fake, glossary, strategy="protect")
    drafts = engine.translate(["The head of the WCO met.", "Nothing here."])
    assert fake.calls == [["Nothing here."], ["The head of the ZX1 met."]]
    assert drafts[0].text == "The глава ВТамО встретил."
    assert drafts[1].text == "Nothing here."
    assert engine.issues == []


class BatchWordEngine(WordEngine):
    """WordEngine that hands drafts over one text at a time (``on_batch``), as the Argos engine does by batch."""

    def translate(self, texts, progress=None, *, on_batch=None):
        drafts = super().translate(texts, progress)
        for i, draft in enumerate(drafts):
            if on_batch is not None:
                on_batch([i], [draft])
        return drafts


@pytest.mark.parametrize("strategy", ["retry", "protect"])
def test_drafts_are_handed_over_once_each_when_final(glossary, strategy):
    """A draft that keeps its terms is handed over as the first pass makes it; one that is translated
    again, after its second pass: so a killed run keeps what finished (the draft store gets them)."""
    good = "Глава ВТамО встретился."
    fake = BatchWordEngine({"The head of the WCO met.": good})
    engine = GlossaryEngine(fake, glossary, strategy=strategy)
    texts = ["The head of the WCO met.", "Trend reports.", "Nothing here."]
    events = []
    drafts = engine.translate(texts, on_batch=lambda indexes, batch: events.append((len(fake.calls), indexes, batch)))
    handed = {i: (call, d) for call, indexes, batch in events for i, d in zip(indexes, batch)}
    assert sum(len(indexes) for _, indexes, _ in events) == len(texts) == len(handed)  # each once
    assert {i: d for i, (_, d) in handed.items()} == dict(enumerate(drafts))  # the final drafts
    assert handed[2][0] == 1  # no terms: handed over by the first pass
    assert handed[1][0] == 2  # "Trend" missed as-is (retry) or protected (protect): after the second pass
    assert handed[0][0] == (1 if strategy == "retry" else 2)
    assert drafts[1].text == "Trend сообщает."


def test_an_underlying_engine_without_on_batch_hands_over_at_the_end(glossary):
    engine = GlossaryEngine(WordEngine(), glossary)
    events = []
    drafts = engine.translate(["Trend reports.", "Nothing here."], on_batch=lambda i, b: events.append((i, b)))
    assert sorted(i for indexes, _ in events for i in indexes) == [0, 1]
    assert dict((i, d) for indexes, batch in events for i, d in zip(indexes, batch)) == dict(enumerate(drafts))


def test_unknown_strategy_is_refused(glossary):
    with pytest.raises(ValueError):
        GlossaryEngine(WordEngine(), glossary, strategy="magic")


@pytest.mark.parametrize("target", ["az", "ru"])
def test_real_demo_engine_drafts_respect_the_repo_glossary(target):
    """The real path: demo Argos package -> load_engine -> GlossaryEngine, on the sample article."""
    import l10n
    from l10n.engine.argos import load_engine
    from l10n.engine.install import install_archive
    from l10n.segment import segment_file

    install_archive(Path(l10n.__file__).parent / "demo" / f"en_{target}.argosmodel")
    glossary = load_glossary(REPO / "glossary.tsv")
    texts = list(dict.fromkeys(s.text for s in segment_file(REPO / "source" / "wco-europe-customs.txt")))
    assert sum(1 for t in texts if glossary.find(t, target)) >= 8
    plain = load_engine("en", target)
    engine = GlossaryEngine(plain, glossary)
    drafts = engine.translate(texts)
    assert engine.issues == []  # every term came out right the first time: no second pass
    assert [d.text for d in drafts] == [d.text for d in plain.translate(texts)]
    assert all(glossary.missing(t, d.text, target) == [] for t, d in zip(texts, drafts))


def test_real_demo_engine_with_placeholders_reports_what_it_loses():
    """Placeholders on a tiny model that only knows its training sentences: whatever comes out,
    a draft is listed in ``issues`` exactly when it lacks a required rendering (nothing faked)."""
    import l10n
    from l10n.engine.argos import load_engine
    from l10n.engine.install import install_archive
    from l10n.segment import segment_file

    install_archive(Path(l10n.__file__).parent / "demo" / "en_ru.argosmodel")
    glossary = load_glossary(REPO / "glossary.tsv")
    texts = [s.text for s in segment_file(REPO / "source" / "wco-europe-customs.txt")][:4]
    engine = GlossaryEngine(load_engine("en", "ru"), glossary, strategy="protect")
    drafts = engine.translate(texts)
    flagged = {issue.index for issue in engine.issues}
    for i, (text, draft) in enumerate(zip(texts, drafts)):
        assert (i in flagged) == bool(glossary.missing(text, draft.text, "ru")), (text, draft.text)
        assert "ZX" not in draft.text or i in flagged


def test_duplicated_placeholder_is_not_restored_and_is_reported(glossary):
    class Doubler(WordEngine):
        def translate(self, texts, progress=None):
            return [Draft(d.text + " " + d.text) for d in super().translate(texts, progress)]

    engine = GlossaryEngine(Doubler(), glossary, strategy="protect")
    (draft,) = engine.translate(["Trend reports."])
    assert draft.text == "ZX1 сообщает. ZX1 сообщает."  # kept as the model wrote it, not patched
    assert [i.missing for i in engine.issues] == [("Trend",)]


TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1">
  <langSet xml:lang="en"><tig><term>World Customs Organization</term></tig></langSet>
  <langSet xml:lang="az"><tig><term>Ümumdünya Gömrük Təşkilatı</term></tig></langSet>
  <langSet xml:lang="ru-RU"><tig><term>Всемирная таможенная организация</term></tig></langSet>
</termEntry>
<termEntry id="c2">
  <langSet xml:lang="en"><tig><term>Trend</term></tig></langSet>
  <langSet xml:lang="ru"><tig><term>Trend</term></tig></langSet>
</termEntry>
</body></text></martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en"><termSec><term>WCO</term></termSec></langSec>
  <langSec xml:lang="ru"><termSec><term>ВТамО</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
"""


def test_tbx_2_and_3(tmp_path):
    path = tmp_path / "glossary.tbx"
    path.write_text(TBX2, encoding="utf-8")
    g = load_glossary(path)
    by = {t.source: t for t in g.terms}
    assert by["World Customs Organization"].rendering("ru") == "Всемирная таможенная организация"
    assert by["World Customs Organization"].rendering("az") == "Ümumdünya Gömrük Təşkilatı"
    assert by["Trend"].kept("ru") and by["Trend"].rendering("az") is None
    path.write_text(TBX3, encoding="utf-8")
    (term,) = load_glossary(path).terms
    assert (term.source, term.rendering("ru")) == ("WCO", "ВТамО")


def test_tbx_syntax_error_has_a_line(tmp_path):
    path = tmp_path / "glossary.tbx"
    path.write_text('<?xml version="1.0"?>\n<martif>\n<termEntry>\n</martif>\n', encoding="utf-8")
    with pytest.raises(L10nError) as err:
        load_glossary(path)
    assert str(err.value).startswith(f"{path}:4: invalid TBX")


def test_a_tbx_only_project_gets_its_glossary_in_drafts_as_in_check(tmp_path):
    """translate applied only glossary.tsv while check also read glossary.tbx: a TBX-only project
    got glossary checks but no glossary in its drafts. Both now use the one lookup."""
    import shutil

    import l10n
    from l10n.check.runner import check_paths
    from l10n.engine.install import install_archive
    from l10n.translate import translate_paths

    (tmp_path / "source").mkdir()
    shutil.copy(REPO / "source" / "wco-europe-customs.txt", tmp_path / "source")
    (tmp_path / "glossary.tbx").write_text(TBX2, encoding="utf-8")
    packages = tmp_path / "packages"
    install_archive(Path(l10n.__file__).parent / "demo" / "en_az.argosmodel", packages)
    result = translate_paths([tmp_path], ["az"], packages_dir=packages)
    assert result.languages[0].origin.endswith("+glossary"), result.languages[0].origin
    assert find_glossary(tmp_path) == (tmp_path / "glossary.tbx").resolve()
    report = check_paths([tmp_path / "locales"], lang="az")  # the same file is what check enforces
    assert report.catalogs
