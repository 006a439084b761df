"""Drafting speed: `l10n translate` against argostranslate's way and the best raw CTranslate2 setting.

Builds, in a temporary folder at run time, two random-weight packages of real Argos
size (en->az and en->ru: 6+6 layers, d_model 512, 8 heads, ffn 2048, a shared
16k SentencePiece vocabulary, int8), installs them with ``l10n models install``,
and writes a project of ~300 distinct news sentences of varying length (the
sample article, scripts/demo_corpus/news.tsv and templated news). Random weights
never stop by themselves, so the builder wires a few residual channels so that
the ``</s>`` logit grows with the target position minus the source length: every
method decodes with beam search until the model ends the sentence, at about 1.2x
the source tokens (printed), so output length varies with the sentence.

Every method is a whole process, model load included, timed from the outside
(wall clock; peak memory is the child's ru_maxrss):

  (a)  ``l10n translate --to az`` on the project;
  (a2) ``l10n translate --to az,ru`` (target: <= 1.9x (a));
  (b)  argostranslate 1.11's way: its Translator settings (inter_threads 1,
       intra_threads 0, compute_type auto) and one ``translate_batch`` per sentence
       with its arguments (beam 4, length_penalty 0.2, max_batch_size 32 tokens,
       replace_unknowns, return_scores); reproduced here because importing
       argostranslate.translate needs stanza and torch (its tokenizer is used as is);
  (c)  raw CTranslate2, several settings (inter_threads x intra_threads, token or
       example batches, one call / asynchronous calls / translate_iterable); the
       best is the limit. Targets: (a) >= 0.9x (c) and >= 4x (b).
  resume: a run killed (SIGKILL) once the draft store holds the drafts of 80% of the source tokens,
       then the next run; engine time (first to last progress report, model load
       included) of the resumed run against a full run (target <= 30%).

(a) and (c) run --repeat times in alternation; medians are compared. The drafts of
(a), (b) and (c) are compared too (they must be the same text).

    nice -n 0 uv run python scripts/bench_engine.py [--sentences 300] [--repeat 1] [--sweep quick|full]
        [--argos-every 3] [--skip-argos] [--skip-resume | --only-resume] [--keep DIR]

(b) translates every --argos-every-th sentence and its sentence loop is scaled to
all of them (it is the slow one). Children run without PYTHONDONTWRITEBYTECODE
(with a bytecode cache in the work folder), as a user's Python does, after an
untimed warm-up run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LAYERS, HEADS, D_MODEL, FFN, VOCAB = 6, 8, 512, 2048, 16000
LEARNED_PIECES = 1100  # real pieces of the 16k vocabulary; the rest are padding symbols (see build_sentencepiece)
SEED = 20201
#: Where the </s> logit overtakes the others, in target tokens per source token (both languages the
#: same, so that --to az,ru is twice the work of --to az); beam search ends at ~1.2x the source.
LENGTH_RATIO = 1.15
#: arguments of argostranslate 1.11 apply_packaged_translation (translate.py), with its settings.py defaults
ARGOS_TRANSLATOR = {"device": "cpu", "inter_threads": 1, "intra_threads": 0, "compute_type": "auto"}
ARGOS_DECODING = {"replace_unknowns": True, "max_batch_size": 32, "batch_type": "tokens", "beam_size": 4,
                  "num_hypotheses": 1, "length_penalty": 0.2, "return_scores": True}

# --- sentences ------------------------------------------------------------------------

SUBJECTS = [
    "The government", "The central bank", "The State Customs Committee", "The ministry of economy",
    "Azerbaijan's president", "The European Commission", "Local authorities in Ganja", "The national oil company",
    "A group of international experts", "The parliament", "Police in the capital", "The World Customs Organization",
    "Farmers in the southern regions", "The country's largest airline", "Officials from both countries",
    "The Ministry of Emergency Situations", "The state statistics committee", "Georgian railway operators",
    "A delegation from Kazakhstan", "The mayor of Sumgayit", "Shareholders of the bank",
]
VERBS = [
    "announced", "approved", "discussed", "rejected", "signed", "postponed", "welcomed", "criticized",
    "presented", "reviewed", "launched", "extended", "suspended", "finalized", "endorsed",
]
OBJECTS = [
    "a new plan to develop international trade", "the draft budget for next year",
    "an agreement on energy cooperation", "measures to fight smuggling and drug trafficking",
    "a program for young farmers", "the results of the first quarter", "new rules for imported goods",
    "a project to modernize border checkpoints", "the construction of a new railway line",
    "a report on inflation and prices", "plans to expand gas exports to Europe",
    "a strategy for renewable energy", "the tender for a water treatment plant in Lankaran",
    "a memorandum on digital customs declarations", "tax incentives for small and medium-sized businesses",
    "the reconstruction of schools damaged by the earthquake", "a loan of 120 million dollars",
]
TAILS = [
    "on Monday", "at a meeting in Baku", "after months of negotiations", "during a virtual conference",
    "despite objections from the opposition", "according to a statement published on its website",
    "amid rising prices for food and fuel", "as part of a wider reform of public services",
    "in the presence of foreign diplomats and journalists", "Trend reports",
    "ahead of the elections planned for the autumn", "following a request from the business community",
    "last week", "on the sidelines of the investment forum in Shaki",
]
OFFICIALS = ["the deputy minister said", "a spokesman for the committee told reporters", "the agency reported",
             "the head of the department said", "Mehdiyev added", "officials said"]
GOODS = ["Wheat", "Cotton", "Gasoline", "Sugar", "Cement", "Tomato", "Hazelnut", "Electricity"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]


def news_sentences(count: int) -> list[str]:
    """``count`` distinct English news sentences of varying length (fixed seed).

    The sample article's sentences and the demo corpus's come first, then templated
    ones: short market notes, reported statements, long two-clause sentences.
    """
    article = (REPO / "source" / "wco-europe-customs.txt").read_text(encoding="utf-8")
    found = [p.strip() for p in article.split("\n\n") if p.strip()]
    corpus = REPO / "scripts" / "demo_corpus" / "news.tsv"
    found += [line.split("\t")[0].strip() for line in corpus.read_text(encoding="utf-8").splitlines()[1:]]
    sentences = list(dict.fromkeys(s for s in found if len(s.split()) >= 3))
    rng = random.Random(SEED)
    seen = set(sentences)
    while len(sentences) < count:
        kind = rng.random()
        s, v, o, t = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS)
        if kind < 0.2:
            text = (f"{rng.choice(GOODS)} prices {rng.choice(['rose', 'fell'])} by {rng.randint(2, 19)}.{rng.randint(1, 9)} "
                    f"percent in {rng.choice(MONTHS)}.")
        elif kind < 0.55:
            text = f"{s} {v} {o} {t}."
        elif kind < 0.75:
            text = f"{s} {v} {o} {t}, {rng.choice(OFFICIALS)}."
        else:
            s2, v2, o2 = rng.choice(SUBJECTS).lower(), rng.choice(VERBS), rng.choice(OBJECTS)
            text = f"{s} {v} {o} {t}, while {s2} {v2} {o2} {rng.choice(TAILS)}."
        if text not in seen:
            seen.add(text)
            sentences.append(text)
    return sentences[:count]


# --- the random-weight packages -----------------------------------------------------------


def build_sentencepiece(texts: list[str]) -> bytes:
    """A BPE SentencePiece model with exactly VOCAB pieces.

    A few hundred sentences cannot train 16k real pieces, and a vocabulary that
    covers every word would make one token per word (real Argos models cut news
    English into ~1.3 pieces per word). So LEARNED_PIECES are learned and the rest
    of the 16k are user-defined padding symbols: the model's embedding and output
    layers have the full 16k rows, which is what costs time.
    """
    import sentencepiece as spm

    common = dict(sentence_iterator=None, model_type="bpe", hard_vocab_limit=False, character_coverage=1.0,
                  normalization_rule_name="identity", unk_id=0, bos_id=1, eos_id=2, pad_id=3, num_threads=1,
                  minloglevel=2)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(**{**common, "sentence_iterator": iter(texts)}, model_writer=model,
                                   vocab_size=LEARNED_PIECES)
    learned = spm.SentencePieceProcessor(model_proto=model.getvalue()).get_piece_size()
    model = io.BytesIO()
    padding = [f"{PADDING_PREFIX}{i}>" for i in range(VOCAB - learned)]
    spm.SentencePieceTrainer.train(**{**common, "sentence_iterator": iter(texts)}, model_writer=model,
                                   vocab_size=VOCAB, user_defined_symbols=padding)
    return model.getvalue()


#: Residual channels the builder reserves (nothing random writes to them): +/- the
#: token's own position (in pairs, so that layer norm's mean cancels out) and, in the
#: decoder, +/- the mean source position that a uniform cross-attention head reads.
POS, NEG, SRC, SRCN = 0, 1, 2, 3
POSITION_SLOPE = 0.02  # position channel value per token
EOS_GAIN = 25.0  # </s> logit per unit of (position - ratio x source length) channel
#: Normalized source-position channel per source token, relative to the target's
#: (the encoder's final residual is wider than the position channel): calibrated
#: once on this builder so that outputs come out at LENGTH_RATIO x the source tokens.
SOURCE_SCALE = 2.5
EOS_BIAS = 0.0
EOS_ID = 2
PADDING_PREFIX = "<x"
#: Logit offset of the 16k vocabulary's padding symbols: drafts are mostly made of real pieces.
PADDING_BIAS = -4.0


def build_model(folder: Path, vocab: list[str], seed: int, ratio: float) -> None:
    """A random-weight Argos-size Transformer (pre-norm), int8, whose ``</s>`` ends sentences.

    Random weights everywhere except four reserved residual channels: the position
    encodings carry +/-position on channels POS/NEG (sinusoids elsewhere); the first
    decoder layer's cross-attention has zero queries (uniform attention over the
    source) and copies the source's mean position into SRC/SRCN; the ``</s>`` row of
    the output projection reads ``(target position) - ratio x (source length)``, so
    ``</s>`` wins once the output is about ``ratio`` times the source, give or take
    what the random logits add.
    """
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    d = D_MODEL
    reserved = [POS, NEG, SRC, SRCN]
    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)

    def random(*shape, scale=0.02):
        return rng.standard_normal(shape, dtype=np.float32) * scale

    def norm(dst):
        dst.gamma = np.ones(d, dtype=np.float32)
        dst.beta = np.zeros(d, dtype=np.float32)

    def linear(dst, out_dim, in_dim, writes_residual=False):
        weight = random(out_dim, in_dim)
        if writes_residual:
            weight[reserved] = 0.0
        dst.weight = weight
        dst.bias = np.zeros(out_dim, dtype=np.float32)

    embeddings = random(VOCAB, d, scale=d**-0.5)
    embeddings[:, reserved] = 0.0
    positions = np.arange(1024, dtype=np.float32)[:, None]
    inv = np.exp(-np.log(10000.0) * np.arange(d // 2, dtype=np.float32) / (d // 2 - 1))
    encodings = np.concatenate([np.sin(positions * inv), np.cos(positions * inv)], axis=1).astype(np.float32)
    encodings[:, reserved] = 0.0
    encodings[:, POS] = POSITION_SLOPE * positions[:, 0]
    encodings[:, NEG] = -POSITION_SLOPE * positions[:, 0]
    for part in (spec.encoder, spec.decoder):
        norm(part.layer_norm)
        part.position_encodings.encodings = encodings
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d, writes_residual=True)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN, d)
        linear(layer.ffn.linear_1, d, FFN, writes_residual=True)
    for k, layer in enumerate(spec.decoder.layer):
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d, writes_residual=True)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d, writes_residual=True)
        if k == 0:
            layer.attention.linear[0].weight[:] = 0.0  # zero queries: uniform attention over the source
            kv, out = layer.attention.linear[1].weight, layer.attention.linear[2].weight
            for channel, source in ((SRC, POS), (SRCN, NEG)):
                kv[d + channel] = 0.0
                kv[d + channel, source] = 1.0  # the value reads the source position...
                out[channel, channel] = 1.0  # ...and the output writes its mean
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN, d)
        linear(layer.ffn.linear_1, d, FFN, writes_residual=True)
    # Its own output projection: tied to the embeddings, a random model repeats its input token.
    projection = random(VOCAB, d, scale=d**-0.5)
    projection[:, reserved] = 0.0
    eos = projection[EOS_ID]
    eos[POS], eos[NEG] = EOS_GAIN, -EOS_GAIN
    eos[SRC], eos[SRCN] = -EOS_GAIN * ratio * SOURCE_SCALE, EOS_GAIN * ratio * SOURCE_SCALE
    spec.decoder.projection.weight = projection
    bias = np.zeros(VOCAB, dtype=np.float32)
    bias[EOS_ID] = EOS_BIAS
    for i, piece in enumerate(vocab):
        if piece in ("<unk>", "<s>", "<pad>"):
            bias[i] = -30.0  # never emitted
        elif piece.startswith(PADDING_PREFIX):
            bias[i] = PADDING_BIAS
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def build_packages(work: Path, texts: list[str], languages: list[str]) -> Path:
    """``.argosmodel`` archives for en->each language, in ``work/archives``."""
    import sentencepiece as spm

    sp_model = build_sentencepiece(texts)
    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    archives = work / "archives"
    archives.mkdir(parents=True)
    for n, lang in enumerate(languages):
        name = f"translate-en_{lang}-bench"
        folder = work / "build" / name
        build_model(folder / "model", vocab, SEED + n, LENGTH_RATIO)
        (folder / "sentencepiece.model").write_bytes(sp_model)
        meta = {"package_version": "bench", "from_code": "en", "to_code": lang, "type": "translate",
                "from_name": "English", "to_name": f"{lang} (random weights)", "links": []}
        (folder / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
        with zipfile.ZipFile(archives / f"{name}.argosmodel", "w", zipfile.ZIP_STORED) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, f"{name}/{path.relative_to(folder).as_posix()}")
    return archives


def write_project(root: Path, sentences: list[str], per_article: int = 30) -> None:
    """One article per ``per_article`` sentences, a sentence per paragraph."""
    (root / "source").mkdir(parents=True)
    for k in range(0, len(sentences), per_article):
        text = "\n\n".join(sentences[k : k + per_article]) + "\n"
        (root / "source" / f"news-{k // per_article + 1:02d}.txt").write_text(text, encoding="utf-8")


# --- children (each method is a whole process) ----------------------------------------------


def child_argos(args) -> None:
    """argostranslate 1.11's way, sentence by sentence (see the module doc)."""
    import ctranslate2
    from argostranslate.tokenizer import SentencePieceTokenizer

    sentences = json.loads(Path(args.input).read_text(encoding="utf-8"))
    translator = ctranslate2.Translator(str(Path(args.package) / "model"), **ARGOS_TRANSLATOR)
    tokenizer = SentencePieceTokenizer(Path(args.package) / "sentencepiece.model")
    out = []
    started, cpu = time.perf_counter(), time.process_time()
    for sentence in sentences:
        results = translator.translate_batch([tokenizer.encode(sentence)], target_prefix=None, **ARGOS_DECODING)
        value = tokenizer.decode(results[0].hypotheses[0])
        out.append(value[1:] if value.startswith(" ") else value)
    loop, cpu = time.perf_counter() - started, time.process_time() - cpu
    Path(args.output).write_text(json.dumps({"drafts": out, "translate_s": loop, "translate_cpu_s": cpu}),
                                 encoding="utf-8")


def child_raw(args) -> None:
    """Raw CTranslate2 with one setting (``--config``): tokenize, translate all, detokenize."""
    import ctranslate2
    import sentencepiece as spm

    config = RawConfig.parse(args.config)
    sentences = json.loads(Path(args.input).read_text(encoding="utf-8"))
    translator = ctranslate2.Translator(str(Path(args.package) / "model"), device="cpu", compute_type="auto",
                                        inter_threads=config.inter, intra_threads=config.intra)
    sp = spm.SentencePieceProcessor(model_file=str(Path(args.package) / "sentencepiece.model"))
    tokens = sp.encode(sentences, out_type=str)
    options = {"beam_size": 4, "length_penalty": 0.2, "replace_unknowns": True, "return_scores": True,
               "max_batch_size": config.batch, "batch_type": config.batch_type}
    if config.mode == "batch":
        hypotheses = [r.hypotheses[0] for r in translator.translate_batch(tokens, **options)]
    elif config.mode == "iterable":
        hypotheses = [r.hypotheses[0] for r in translator.translate_iterable(iter(tokens), **options)]
    else:  # async: length-sorted batches of config.batch tokens, all submitted at once
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        batches, current = [], []
        for i in order:
            if current and (len(current) + 1) * len(tokens[i]) > config.batch:
                batches.append(current)
                current = []
            current.append(i)
        batches.append(current)
        options.pop("max_batch_size"), options.pop("batch_type")
        futures = [(b, translator.translate_batch([tokens[i] for i in b], asynchronous=True, **options))
                   for b in batches]
        found = {}
        for batch, results in futures:
            for i, result in zip(batch, results):
                found[i] = result.result().hypotheses[0]
        hypotheses = [found[i] for i in range(len(tokens))]
    out = []
    for pieces in hypotheses:
        text = sp.decode_pieces(pieces)
        out.append(text[1:] if text.startswith(" ") else text)
    Path(args.output).write_text(json.dumps(out), encoding="utf-8")


def child_engine_time(args) -> None:
    """`l10n translate` through the library, printing its engine time (first to last progress report)."""
    from l10n.translate.run import translate_paths

    marks: list[float] = []
    translate_paths([], languages=args.langs.split(","), packages_dir=Path(args.package), cwd=args.project,
                    progress=lambda lang, done, total: marks.append(time.perf_counter()))
    print(json.dumps({"engine_s": marks[-1] - marks[0] if marks else 0.0, "reports": len(marks)}))


@dataclass(frozen=True)
class RawConfig:
    inter: int
    intra: int
    batch: int
    batch_type: str
    mode: str  # batch | async | iterable

    def __str__(self) -> str:
        return f"{self.inter}x{self.intra} {self.batch}-{self.batch_type} {self.mode}"

    def arg(self) -> str:
        return f"{self.inter},{self.intra},{self.batch},{self.batch_type},{self.mode}"

    @classmethod
    def parse(cls, text: str) -> "RawConfig":
        inter, intra, batch, batch_type, mode = text.split(",")
        return cls(int(inter), int(intra), int(batch), batch_type, mode)


def raw_configs(cores: int, sweep: str) -> list[RawConfig]:
    """The raw CTranslate2 settings to try: workers x threads over the cores, batch sizes, call styles."""
    configs = [RawConfig(cores, 1, 1024, "tokens", "batch"), RawConfig(1, cores, 1024, "tokens", "batch"),
               RawConfig(cores, 1, 2048, "tokens", "batch"), RawConfig(cores, 1, 512, "tokens", "async"),
               RawConfig(cores, 1, 256, "tokens", "async")]
    if cores >= 4:
        configs.append(RawConfig(cores // 2, 2, 1024, "tokens", "batch"))
    if sweep == "full":
        configs += [RawConfig(cores, 1, 512, "tokens", "batch"), RawConfig(cores, 1, 4096, "tokens", "batch"),
                    RawConfig(cores, 1, 32, "examples", "batch"), RawConfig(cores, 1, 16, "examples", "batch"),
                    RawConfig(cores, 1, 1024, "tokens", "async"), RawConfig(cores, 1, 128, "tokens", "async"),
                    RawConfig(cores, 1, 1024, "tokens", "iterable"), RawConfig(2 * cores, 1, 512, "tokens", "batch"),
                    RawConfig(2 * cores, 1, 256, "tokens", "async"), RawConfig(1, cores, 4096, "tokens", "batch")]
    return configs


# --- the parent ---------------------------------------------------------------------------


@dataclass
class Timed:
    seconds: float
    max_rss_mb: float
    stdout: str
    cpu_s: float = 0.0


#: The children's environment. A user's Python caches bytecode; with PYTHONDONTWRITEBYTECODE
#: (set on some CI machines) every process would compile l10n, typer, rich, polib and babel
#: again, which costs (a) a second that (c) does not pay. The cache goes to the work folder.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_timed(cmd: list[str], cwd: Path | None = None) -> Timed:
    """Run a whole process; its wall time."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=CHILD_ENV)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return Timed(seconds, 0.0, out)


def run_measured(cmd: list[str], cwd: Path | None = None) -> Timed:
    """Like run_timed, with the child's own peak memory (os.wait4 on it)."""
    out_file = tempfile.TemporaryFile(mode="w+")
    err_file = tempfile.TemporaryFile(mode="w+")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_file, stderr=err_file, text=True, env=CHILD_ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    out_file.seek(0)
    err_file.seek(0)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, cmd))}\n{err_file.read()[-2000:]}")
    return Timed(seconds, usage.ru_maxrss / 1024, out_file.read(), usage.ru_utime + usage.ru_stime)


def l10n_drafts(project: Path, lang: str) -> dict[str, str]:
    import polib

    drafts = {}
    for path in sorted((project / "locales" / lang).rglob("*.po")):
        for entry in polib.pofile(str(path)):
            drafts[entry.msgid] = entry.msgstr
    return drafts


def store_count(store: Path, lang: str) -> int:
    if not store.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.2) as db:
            return db.execute("SELECT COUNT(DISTINCT msgid) FROM drafts WHERE lang = ?", (lang,)).fetchone()[0]
    except sqlite3.Error:
        return 0


def source_tokens(segments: list[str], packages: Path, lang: str) -> dict[str, int]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(packages / f"translate-en_{lang}-bench" / "sentencepiece.model"))
    return dict(zip(segments, (len(t) for t in sp.encode(segments))))


def stored_share(store: Path, lang: str, tokens: dict[str, int]) -> float:
    """The share of the source tokens whose drafts the store holds (the engine work done)."""
    if not store.is_file():
        return 0.0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.2) as db:
            stored = {row[0] for row in db.execute("SELECT DISTINCT msgid FROM drafts WHERE lang = ?", (lang,))}
    except sqlite3.Error:
        return 0.0
    return sum(n for s, n in tokens.items() if s in stored) / sum(tokens.values())


def fresh_project(pristine: Path, work: Path, name: str) -> Path:
    target = work / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pristine, target)
    return target


def measure_resume(pristine: Path, work: Path, packages: Path, segments: list[str], me: list[str]) -> dict:
    """Engine time of a full run, and of the run after one killed once 80% of the source tokens are drafted."""
    full = fresh_project(pristine, work, "resume-full")
    child = me + ["--child", "engine-time", "--project", str(full), "--package", str(packages), "--langs", "az"]
    first = run_measured(child)
    full_s = json.loads(first.stdout)["engine_s"]
    killed = fresh_project(pristine, work, "resume-killed")
    store = killed / "locales" / ".l10n" / "drafts.sqlite"
    child[child.index("--project") + 1] = str(killed)
    proc = subprocess.Popen(child, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV)
    tokens = source_tokens(segments, packages, "az")
    while proc.poll() is None and stored_share(store, "az", tokens) < 0.8:  # 80% of the engine's work
        time.sleep(0.02)
    at_kill = store_count(store, "az")
    work_done = stored_share(store, "az", tokens)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    if at_kill >= len(segments):
        raise SystemExit("resume: the run finished before it could be killed at 80%")
    second = run_measured(child)
    resumed = json.loads(second.stdout)
    drafted = len([t for t in l10n_drafts(killed, "az").values() if t])
    return {"full_s": full_s, "resumed_s": resumed["engine_s"], "killed_at": at_kill, "drafted": drafted,
            "full_cpu": first.cpu_s, "resumed_cpu": second.cpu_s, "work_done": work_done}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="runs of (a), (a2) and each (c) setting; medians")
    parser.add_argument("--sweep", choices=("quick", "full"), default="quick", help="raw CTranslate2 settings")
    parser.add_argument("--skip-argos", action="store_true", help="skip the slow per-sentence method (b)")
    parser.add_argument("--argos-every", type=int, default=3,
                        help="(b) translates every N-th sentence and its loop time is scaled to all (default 3)")
    parser.add_argument("--skip-resume", action="store_true")
    parser.add_argument("--only-resume", action="store_true", help="only the resume measurement")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--child", choices=("argos", "raw", "engine-time"), help=argparse.SUPPRESS)
    parser.add_argument("--package", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--config", help=argparse.SUPPRESS)
    parser.add_argument("--project", help=argparse.SUPPRESS)
    parser.add_argument("--langs", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        {"argos": child_argos, "raw": child_raw, "engine-time": child_engine_time}[args.child](args)
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        bench(args, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="l10n-bench-") as tmp:
            bench(args, Path(tmp))


def bench(args, work: Path) -> None:
    import ctranslate2
    import sentencepiece as spm

    from l10n.engine.argos import available_cores, plan_workers
    from l10n.segment import segment_file

    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    me = [sys.executable, str(Path(__file__).resolve())]
    l10n = str(Path(sys.executable).with_name("l10n"))
    cores = available_cores()
    sentences = news_sentences(args.sentences)
    pristine = work / "project"
    write_project(pristine, sentences)
    segments = list(dict.fromkeys(s.text for p in sorted((pristine / "source").iterdir()) for s in segment_file(p)))
    if len(segments) != len(sentences):
        raise SystemExit(f"the project segments into {len(segments)} segments, expected {len(sentences)}")
    # The tokenizer is trained on the same texts whatever --sentences says, so that it cuts the same.
    corpus = REPO / "scripts" / "demo_corpus" / "news.tsv"
    texts = news_sentences(max(300, len(segments)))
    texts += [c for line in corpus.read_text(encoding="utf-8").splitlines()[1:] for c in line.split("\t")]
    started = time.perf_counter()
    archives = build_packages(work, texts, ["az", "ru"])
    packages = work / "packages"
    run_timed([l10n, "models", "install", str(archives), "--dir", str(packages)])
    az_package = packages / "translate-en_az-bench"
    (work / "segments.json").write_text(json.dumps(segments), encoding="utf-8")
    sp = spm.SentencePieceProcessor(model_file=str(az_package / "sentencepiece.model"))
    lengths = [len(t) for t in sp.encode(segments)]
    workers, threads = plan_workers(cores)
    print(f"built and installed 2 packages in {time.perf_counter() - started:.0f} s; {len(segments)} sentences, "
          f"{sum(lengths)} source tokens ({min(lengths)}-{max(lengths)} per sentence, "
          f"{sum(lengths) / sum(len(s.split()) for s in segments):.2f} per word); ctranslate2 "
          f"{ctranslate2.__version__}, {cores} cores, l10n's default: {workers} workers x {threads} threads",
          flush=True)

    def l10n_run(langs: str, tag: str, source: Path = pristine) -> tuple[Timed, Path]:
        project = fresh_project(source, work, tag)
        timed = run_measured([l10n, "translate", "--to", langs, "--models", str(packages), "--json"], cwd=project)
        summary = json.loads(timed.stdout)
        expected = len(segment_file(next((project / "source").iterdir()))) if source != pristine else len(segments)
        for lang in summary["languages"]:
            if lang["drafted"] < expected:
                raise SystemExit(f"{tag}: drafted {lang['drafted']} of {expected} for {lang['language']}")
        return timed, project

    def raw_run(config: RawConfig, segments_file: Path = work / "segments.json") -> tuple[Timed, list[str]]:
        out = work / "raw.json"
        timed = run_measured(me + ["--child", "raw", "--config", config.arg(), "--package", str(az_package),
                                   "--input", str(segments_file), "--output", str(out)])
        return timed, json.loads(out.read_text(encoding="utf-8"))

    if args.only_resume:
        print_resume(measure_resume(pristine, work, packages, segments, me), segments)
        return

    # Warm-up (not timed): the children's bytecode cache, the packages in the page cache.
    tiny = work / "tiny"
    write_project(tiny, segments[:3])
    l10n_run("az,ru", "warm-up", tiny)
    (work / "tiny.json").write_text(json.dumps(segments[:3]), encoding="utf-8")
    raw_run(RawConfig(1, 1, 1024, "tokens", "batch"), work / "tiny.json")

    configs = raw_configs(cores, args.sweep)
    runs: dict[str, list[Timed]] = {"a": [], "a2": []}
    raw_runs: dict[RawConfig, list[Timed]] = {c: [] for c in configs}
    raw_out: dict[RawConfig, list[str]] = {}
    a_drafts: dict[str, str] = {}
    for round_ in range(args.repeat):
        timed, project = l10n_run("az", "a")
        runs["a"].append(timed)
        a_drafts = l10n_drafts(project, "az")
        print(f"(a)  l10n translate --to az         {timed.seconds:6.1f} s", flush=True)
        for config in configs:
            timed, out = raw_run(config)
            raw_runs[config].append(timed)
            raw_out[config] = out
            print(f"(c)  raw {str(config):28} {timed.seconds:6.1f} s", flush=True)
        timed, _ = l10n_run("az,ru", "a2")
        runs["a2"].append(timed)
        print(f"(a2) l10n translate --to az,ru      {timed.seconds:6.1f} s", flush=True)

    argos = None
    if not args.skip_argos:
        subset = segments[:: args.argos_every]
        (work / "argos-in.json").write_text(json.dumps(subset), encoding="utf-8")
        out = work / "argos.json"
        timed = run_measured(me + ["--child", "argos", "--package", str(az_package),
                                   "--input", str(work / "argos-in.json"), "--output", str(out)])
        result = json.loads(out.read_text(encoding="utf-8"))
        loop, loop_cpu, scale = result["translate_s"], result["translate_cpu_s"], len(segments) / len(subset)
        argos = {"measured": timed.seconds, "n": len(subset), "rss": timed.max_rss_mb,
                 "cpu": timed.cpu_s - loop_cpu + loop_cpu * scale,
                 "estimate": timed.seconds - loop + loop * scale,
                 "drafts": dict(zip(subset, result["drafts"]))}
        print(f"(b)  argostranslate's way, {len(subset)} sentences {timed.seconds:6.1f} s", flush=True)

    resume = None if args.skip_resume else measure_resume(pristine, work, packages, segments, me)
    report(args, cores, segments, runs, raw_runs, raw_out, a_drafts, argos, resume, sp)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_resume(resume: dict, segments: list[str]) -> None:
    share = resume["resumed_s"] / resume["full_s"]
    print(f"resume: killed (SIGKILL) with {resume['killed_at']}/{len(segments)} drafts stored "
          f"({resume['work_done']:.0%} of the source tokens); engine time of the "
          f"next run {resume['resumed_s']:.1f} s vs {resume['full_s']:.1f} s for a full run = {share:.0%} "
          f"(target <= 30%: {verdict(share <= 0.3)}); {resume['drafted']}/{len(segments)} drafts in its catalogs; "
          f"whole-process cpu {resume['resumed_cpu']:.1f} s vs {resume['full_cpu']:.1f} s")


def report(args, cores, segments, runs, raw_runs, raw_out, a_drafts, argos, resume, sp=None) -> None:
    def med(timings, attr="seconds"):
        return statistics.median(getattr(t, attr) for t in timings)

    a, a2 = med(runs["a"]), med(runs["a2"])
    medians = {c: med(t) for c, t in raw_runs.items()}
    best = min(medians, key=medians.get)
    c = medians[best]
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print()
    print(f"{len(segments)} sentences; whole processes, model load included; median of {args.repeat} run(s); "
          f"load average {load} on {cores} cores")
    print(f"{'':48} {'wall s':>7} {'cpu s':>6} {'peak MB':>8}  ratio")

    def row(label, timings, ratio):
        peak = max(t.max_rss_mb for t in timings)
        print(f"{label:48} {med(timings):7.1f} {med(timings, 'cpu_s'):6.1f} {peak:8.0f}  {ratio}")

    row("(a)  l10n translate --to az", runs["a"], f"{c / a:.2f}x the limit's speed (target >= 0.9: {verdict(c / a >= 0.9)})")
    for config in sorted(medians, key=medians.get):
        mark = " <- the limit (c)" if config == best else ""
        row(f"(c)  raw CTranslate2 {config}", raw_runs[config], f"{medians[config] / c:.2f}x the limit's time{mark}")
    if argos is not None:
        b = argos["estimate"]
        print(f"{'(b)  argostranslate 1.11, one call per sentence':48} {b:7.1f} {argos['cpu']:6.1f} {argos['rss']:8.0f}  "
              f"(a) is {b / a:.1f}x faster (target >= 4: {verdict(b / a >= 4)})")
        print(f"{'':53}(measured {argos['measured']:.1f} s on every {args.argos_every}. sentence, "
              f"{argos['n']}, model load included; the sentence loop scaled to all)")
    row("(a2) l10n translate --to az,ru", runs["a2"], f"{a2 / a:.2f}x (a) (target <= 1.9: {verdict(a2 / a <= 1.9)})")
    a_cpu, a2_cpu = med(runs["a"], "cpu_s"), med(runs["a2"], "cpu_s")
    floor = 2 * a_cpu / cores
    print(f"{'':53}(a) keeps {a_cpu / a:.2f} of {cores} cores busy: with no core idle, (a2) would take "
          f"2 x its cpu / {cores} cores = {floor:.1f} s = {floor / a:.2f}x (a); (a2) used {a2_cpu / (2 * a_cpu):.2f}x "
          f"twice (a)'s cpu and left {a2 * cores - a2_cpu:.1f} core-seconds idle")
    if resume is not None:
        print_resume(resume, segments)
    if sp is not None:
        out_tokens = [len(t) for t in sp.encode(raw_out[best])]
        src_tokens = [len(t) for t in sp.encode(segments)]
        ratios = sorted(o / i for o, i in zip(out_tokens, src_tokens))
        print(f"output length: {sum(out_tokens) / sum(src_tokens):.2f}x the source tokens "
              f"(per sentence {ratios[len(ratios) // 10]:.2f}-{ratios[-len(ratios) // 10]:.2f}, 10th-90th percentile)")
    same_c = sum(a_drafts.get(s) == t for s, t in zip(segments, raw_out[best]))
    line = f"same drafts: (a) = (c) for {same_c}/{len(segments)} sentences"
    if argos is not None:
        same_b = sum(a_drafts.get(s) == t for s, t in argos["drafts"].items())
        line += f", (a) = (b) for {same_b}/{len(argos['drafts'])}"
    print(line)


if __name__ == "__main__":
    main()
