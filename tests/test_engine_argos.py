"""The Argos engine, driven through the real path: committed demo package -> install -> load_engine.

The demo packages (l10n/demo/*.argosmodel) are tiny real models that only know
their training sentences (scripts/demo_corpus/news.tsv); tests only ask for those.
"""

from __future__ import annotations

import csv
import json
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

import l10n
from l10n.engine import argos
from l10n.engine.argos import Decoding, LongSegmentWarning, load_engine, split_pieces, token_batches
from l10n.engine.base import Draft, Engine
from l10n.engine.packages import packages_dir
from l10n.engine.install import install_archive
from l10n.errors import L10nError

DEMO = Path(l10n.__file__).parent / "demo"
CORPUS = Path(__file__).resolve().parent.parent / "scripts" / "demo_corpus" / "news.tsv"


def corpus() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture
def installed():
    """Both demo packages installed into the test's own ARGOS_PACKAGES_DIR."""
    for target in ("az", "ru"):
        install_archive(DEMO / f"en_{target}.argosmodel")
    return packages_dir()


@pytest.mark.parametrize("target", ["az", "ru"])
def test_demo_package_reproduces_every_training_sentence(installed, target):
    rows = corpus()
    engine = load_engine("en", target)
    drafts = engine.translate([r["en"] for r in rows])
    assert [d.text for d in drafts] == [r[target] for r in rows]
    assert all(isinstance(d, Draft) and d.score is not None and d.score <= 0 for d in drafts)
    assert engine.origin == f"argos translate-en_{target}-1_0 1.0"
    assert isinstance(engine, Engine)


def test_drafts_come_back_in_input_order_across_batches(installed):
    rows = corpus()
    # Mix long and short sentences; a small budget forces many length-sorted batches.
    picked = [rows[5], rows[40], rows[0], rows[30], rows[9], rows[27]]
    engine = load_engine("en", "ru", max_batch_tokens=40)
    drafts = engine.translate([r["en"] for r in picked])
    assert [d.text for d in drafts] == [r["ru"] for r in picked]


def test_progress_is_reported_per_batch_up_to_the_total(installed):
    rows = corpus()[:12]
    calls = []
    engine = load_engine("en", "az", max_batch_tokens=30)
    engine.translate([r["en"] for r in rows], progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 1
    assert all(total == 12 for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (12, 12)


def test_placeholder_with_underscore_survives(installed):
    (draft,) = load_engine("en", "az").translate(["Welcome back, {user_name}."])
    assert draft.text == "Yenidən xoş gəlmisiniz, {user_name}."


def test_detokenizer_keeps_underscores_and_spaces(installed):
    engine = load_engine("en", "ru")
    tokenizer = engine.tokenizer
    for text in ["Hello, {user_name}.", "С возвращением, {user_name}.", "a_b _c d_"]:
        assert tokenizer.decode(tokenizer.encode(text)) == text


def test_empty_input_and_blank_segment(installed):
    engine = load_engine("en", "az")
    assert engine.translate([]) == []
    drafts = engine.translate(["", "Read more on our website."])
    assert drafts[0].text == ""
    assert drafts[1].text == "Ətraflı məlumatı saytımızda oxuyun."


def test_beam_one_is_an_option(installed):
    rows = corpus()[11:20]
    engine = load_engine("en", "az", beam_size=1)
    assert engine.decoding.beam_size == 1
    assert [d.text for d in engine.translate([r["en"] for r in rows])] == [r["az"] for r in rows]


def test_default_decoding_is_argostranslates():
    options = Decoding().kwargs()
    assert options["beam_size"] == 4
    assert options["num_hypotheses"] == 1
    assert options["length_penalty"] == 0.2
    assert options["replace_unknowns"] is True
    assert options["patience"] == 1
    assert options["max_decoding_length"] == 256
    assert options["return_scores"] is True


def test_long_segment_is_chunked_with_a_warning(installed):
    rows = corpus()
    text = " ".join([rows[0]["en"]] * 6)
    engine = load_engine("en", "az", max_input_tokens=60)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (draft,) = engine.translate(["Read more on our website.", text])[1:]
    long_warnings = [w for w in caught if issubclass(w.category, LongSegmentWarning)]
    assert len(long_warnings) == 1
    message = str(long_warnings[0].message)
    assert "segment 2" in message and "60-token limit" in message and "chunks" in message
    assert draft.text  # translated (nonsense for this toy model), not dropped


def test_split_pieces_prefers_word_starts():
    pieces = ["▁a", "b", "▁c", "d", "e", "▁f", "▁g"]
    chunks = split_pieces(pieces, 4, lambda p: p.startswith("▁"))
    assert sum(chunks, []) == pieces
    assert all(len(c) <= 4 for c in chunks)
    assert chunks[0] == ["▁a", "b"]
    assert all(c[0].startswith("▁") for c in chunks)


def test_token_batches_sort_by_length_and_respect_the_budget():
    lengths = [5, 30, 2, 8, 8, 100, 1]
    batches = token_batches(lengths, 20)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    for batch in batches:
        assert len(batch) == 1 or len(batch) * max(lengths[i] for i in batch) <= 20


def _with_target_prefix(tmp_path: Path, prefix: str) -> Path:
    """A copy of the en->ru demo package whose metadata declares a target prefix."""
    src = DEMO / "en_ru.argosmodel"
    out = tmp_path / "prefixed.argosmodel"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith("metadata.json"):
                meta = json.loads(data)
                meta["target_prefix"] = prefix
                data = json.dumps(meta).encode()
            zout.writestr(info, data)
    return out


def test_target_prefix_is_sent_and_stripped(tmp_path):
    # "▁По" is the first piece of "Подробнее читайте на нашем сайте." in the ru vocabulary:
    # the model continues after it, and the prefix piece itself is removed from the draft.
    install_archive(_with_target_prefix(tmp_path, "▁По"))
    engine = load_engine("en", "ru")
    calls = []
    real = engine.translator

    class Spy:
        def translate_batch(self, source, target_prefix=None, **kwargs):
            calls.append(target_prefix)
            return real.translate_batch(source, target_prefix=target_prefix, **kwargs)

    engine_translator = type(engine).translator
    try:
        type(engine).translator = property(lambda self: Spy())
        (draft,) = engine.translate(["Read more on our website."])
    finally:
        type(engine).translator = engine_translator
    assert calls == [[["▁По"]]]
    assert draft.text == "дробнее читайте на нашем сайте."


def test_no_package_names_pair_and_install_commands():
    with pytest.raises(L10nError) as err:
        load_engine("en", "az")
    text = str(err.value)
    assert "en->az" in text
    assert "l10n models install en:az" in text


def test_translator_is_created_once_per_process(installed):
    argos._TRANSLATORS.clear()
    first = load_engine("en", "az")
    second = load_engine("en", "az")
    first.translate(["Read more on our website."])
    second.translate(["Read more on our website."])
    assert first.translator is second.translator
    assert len(argos._TRANSLATORS) == 1


def test_importing_the_engine_loads_no_ctranslate2():
    import subprocess

    code = "import l10n.engine.argos, l10n.cli, sys; print('ctranslate2' in sys.modules, 'argostranslate' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_bpe_package_is_detected(tmp_path):
    folder = packages_dir() / "translate-en_de-1_0"
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "model.bin").write_bytes(b"x")
    (folder / "model" / "config.json").write_text("{}")
    (folder / "model" / "source_vocabulary.txt").write_text("<unk>\n")
    (folder / "model" / "target_vocabulary.txt").write_text("<unk>\n")
    (folder / "bpe.model").write_text("#version: 0.2\n")
    (folder / "metadata.json").write_text(json.dumps({"from_code": "en", "to_code": "de"}))
    engine = load_engine("en", "de")
    assert isinstance(engine.tokenizer, argos.BPETokenizer)
    tokens = engine.tokenizer.encode("Hello, world.")
    assert tokens[-1] == "."  # Moses tokenization, then BPE (no merges in this toy model)
    assert engine.tokenizer.decode(tokens) == "Hello, world."


def test_tokenizer_is_the_packages_sentencepiece_model(installed):
    engine = load_engine("en", "az")
    assert engine.tokenizer.model_file == engine.package.path / "sentencepiece.model"
    assert engine.tokenizer.encode("Customs and trade")[0].startswith("▁")


def _argostranslate_way(engine, text: str) -> str:
    """argostranslate 1.11's apply_packaged_translation for one sentence (no torch needed)."""
    sp = engine.tokenizer._sp
    (result,) = engine.translator.translate_batch(
        [sp.encode(text, out_type=str)], target_prefix=None, replace_unknowns=True, max_batch_size=32,
        batch_type="tokens", beam_size=4, num_hypotheses=1, length_penalty=0.2, return_scores=True,
    )
    value = sp.decode_pieces(result.hypotheses[0]).replace("\u2581", " ").replace("_", " ")
    return value[1:] if value.startswith(" ") else value


def test_same_drafts_as_argostranslate_one_call_per_sentence(installed):
    rows = corpus()
    unseen = ["The cat sat on the mat.", "Customs officers met the president on Friday.", "Prices rose."]
    texts = [r["en"] for r in rows[:15]] + unseen
    engine = load_engine("en", "ru")
    ours = [d.text for d in engine.translate(texts)]
    assert ours == [_argostranslate_way(engine, t) for t in texts]


def test_translators_are_cached_per_settings(installed):
    argos._TRANSLATORS.clear()
    one = load_engine("en", "az", threads=1, compute_type="int8")
    two = load_engine("en", "az", threads=2, compute_type="int8")
    assert one.translator is not two.translator
    assert one.translator is load_engine("en", "az", threads=1, compute_type="int8").translator
    (draft,) = one.translate(["Read more on our website."])
    assert draft.text == "Ətraflı məlumatı saytımızda oxuyun."


def test_a_hard_wrapped_segment_is_translated_as_one_line(installed):
    """The segmenter keeps a hard-wrapped sentence's newline; the model must not see it."""
    engine = load_engine("en", "ru")
    flat, wrapped = engine.translate(["Customs and trade", "Customs  and\n  trade"])
    assert wrapped.text == flat.text == "Таможня и торговля"


def test_progress_starts_before_the_first_batch(installed):
    # a progress bar appears (and its clock starts) when drafting starts, not after the first batch
    rows = corpus()[:3]
    calls = []
    engine = load_engine("en", "az")
    engine.translate([r["en"] for r in rows], progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 3)
    assert calls[-1] == (3, 3)


def test_a_draft_cut_at_the_output_limit_is_reported_not_silent(installed):
    from l10n.engine.base import TruncatedDraftWarning

    long_sentence = ("Mehdiyev informed the participants about the work done by the Azerbaijani State "
                     "Customs Committee during the chairmanship in the European region.")  # 44 target tokens
    engine = load_engine("en", "ru", decoding=Decoding(max_decoding_length=20))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        short, cut = engine.translate(["Customs and trade", long_sentence])
    assert short.text == "Таможня и торговля"  # 7 tokens: well under the limit, no warning
    truncated = [w.message for w in caught if isinstance(w.message, TruncatedDraftWarning)]
    assert [w.index for w in truncated] == [1] and truncated[0].limit == 20
    assert "output limit" in truncated[0].detail
    assert cut.text  # the cut draft is kept for a person to finish, not dropped
