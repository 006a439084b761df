"""Throughput of l10n's Argos engine against argostranslate's way and a raw translate_batch.

Builds (once, then reuses from --cache) a random-weight CTranslate2 model with the
shape of a real Argos package (6+6 layers, d_model 512, 8 heads, ffn 2048, shared
32k vocabulary, int8) plus a SentencePiece model, zipped and installed as an Argos
package. Then, in one run, on the same ~300 news sentences (fixed seed) and the
same CTranslate2 translator, times:

  (a) l10n: ``load_engine(...).translate(all sentences)`` (length-sorted
      1024-token batches, beam 4, tokenize + decode included);
  (b) argostranslate's way: one ``translate_batch`` per sentence with its exact
      arguments (beam 4, ``max_batch_size=32, batch_type="tokens"``,
      ``length_penalty=0.2``, ``replace_unknowns``, ``return_scores``),
      emulated here because importing argostranslate.translate needs torch;
  (c) the limit: one raw ``translate_batch`` over all pre-tokenized sentences
      (``max_batch_size=1024, batch_type="tokens"``), no tokenization timed.

Random weights rarely emit ``</s>``, so every method decodes exactly
L = 1.3 x the longest source (``min_decoding_length = max_decoding_length = L``).
Targets: (a) >= 4x (b) and (a) >= 0.9x (c), at the same beam.

    uv run python scripts/bench_engine.py [--beam 4] [--threads 0] [--cache DIR]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from l10n.engine.argos import Decoding, load_engine  # noqa: E402
from l10n.engine.install import install_archive

LAYERS, HEADS, D_MODEL, FFN, VOCAB = 6, 8, 512, 2048, 32000
PAIR = ("en", "xx")
SEED = 20201

# --- sentences ------------------------------------------------------------------------

SUBJECTS = [
    "The government", "The central bank", "The State Customs Committee", "The ministry of economy",
    "Azerbaijan's president", "The European Commission", "Local authorities in Ganja", "The national oil company",
    "A group of international experts", "The parliament", "Police in the capital", "The World Customs Organization",
    "Farmers in the southern regions", "The country's largest airline", "Officials from both countries",
]
VERBS = [
    "announced", "approved", "discussed", "rejected", "signed", "postponed", "welcomed", "criticized",
    "presented", "reviewed", "launched", "extended",
]
OBJECTS = [
    "a new plan to develop international trade", "the draft budget for next year",
    "an agreement on energy cooperation", "measures to fight smuggling and drug trafficking",
    "a program for young farmers", "the results of the first quarter", "new rules for imported goods",
    "a project to modernize border checkpoints", "the construction of a new railway line",
    "a report on inflation and prices", "plans to expand gas exports to Europe",
    "a strategy for renewable energy",
]
TAILS = [
    "on Monday", "at a meeting in Baku", "after months of negotiations", "during a virtual conference",
    "despite objections from the opposition", "according to a statement published on its website",
    "amid rising prices for food and fuel", "as part of a wider reform of public services",
    "in the presence of foreign diplomats and journalists", "Trend reports",
    "ahead of the elections planned for the autumn", "following a request from the business community",
]


def news_sentences(count: int = 300) -> list[str]:
    """The sample article's sentences plus generated news sentences (fixed seed)."""
    article = (REPO / "source" / "wco-europe-customs.txt").read_text(encoding="utf-8")
    sentences = [p.strip() for p in article.split("\n\n") if p.strip()]
    rng = random.Random(SEED)
    while len(sentences) < count:
        text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
        if rng.random() < 0.35:
            text = text[:-1] + f", while {rng.choice(SUBJECTS).lower()} {rng.choice(VERBS)} {rng.choice(OBJECTS)}."
        if text not in sentences:
            sentences.append(text)
    return sentences[:count]


# --- the random-weight package ------------------------------------------------------------


def build_sentencepiece(sentences: list[str]) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        # Word pieces: about one token per word, close to a real Argos model's 32k-piece
        # vocabulary on news text (a few hundred sentences cannot train 32k subwords).
        sentence_iterator=iter(sentences), model_writer=model, model_type="word", vocab_size=8000,
        hard_vocab_limit=False, character_coverage=1.0, normalization_rule_name="identity",
        unk_id=0, bos_id=1, eos_id=2, pad_id=3, num_threads=1, minloglevel=2,
    )
    return model.getvalue()


def build_model(folder: Path, pieces: list[str]) -> None:
    """A random-weight Argos-size Transformer (pre-norm, sinusoidal positions), saved as int8."""
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(SEED)
    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)

    def w(*shape, scale=0.02):
        return (rng.standard_normal(shape, dtype=np.float32) * scale).astype(np.float32)

    def norm(dst):
        dst.gamma = np.ones(D_MODEL, dtype=np.float32)
        dst.beta = np.zeros(D_MODEL, dtype=np.float32)

    def linear(dst, out_dim, in_dim):
        dst.weight = w(out_dim, in_dim)
        dst.bias = np.zeros(out_dim, dtype=np.float32)

    embeddings = w(VOCAB, D_MODEL, scale=D_MODEL**-0.5)
    spec.encoder.embeddings[0].weight = embeddings
    spec.decoder.embeddings.weight = embeddings
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    spec.decoder.projection.weight = embeddings
    spec.decoder.projection.bias = np.zeros(VOCAB, dtype=np.float32)
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN, D_MODEL)
        linear(layer.ffn.linear_1, D_MODEL, FFN)
    for layer in spec.decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], D_MODEL, D_MODEL)
        linear(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)
        linear(layer.attention.linear[2], D_MODEL, D_MODEL)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, FFN, D_MODEL)
        linear(layer.ffn.linear_1, D_MODEL, FFN)
    vocab = list(pieces) + [f"<extra_{i}>" for i in range(VOCAB - len(pieces))]
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def ensure_package(cache: Path, sentences: list[str]) -> Path:
    """The installed random-weight package's packages folder (built on first use)."""
    import json

    import sentencepiece as spm

    packages = cache / "packages"
    if (packages / "translate-en_xx-bench" / "model" / "model.bin").is_file():
        return packages
    print(f"building the random-weight Argos-size package in {cache} (once) ...", flush=True)
    started = time.time()
    work = cache / "build" / "translate-en_xx-bench"
    sp_model = build_sentencepiece(sentences)
    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    build_model(work / "model", [sp.id_to_piece(i) for i in range(sp.get_piece_size())])
    (work / "sentencepiece.model").write_bytes(sp_model)
    meta = {"package_version": "bench", "from_code": PAIR[0], "to_code": PAIR[1], "type": "translate",
            "from_name": "English", "to_name": "random weights", "links": []}
    (work / "metadata.json").write_text(json.dumps(meta), encoding="utf-8")
    archive = cache / "translate-en_xx-bench.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for path in sorted(work.rglob("*")):
            if path.is_file():
                zf.write(path, f"{work.name}/{path.relative_to(work).as_posix()}")
    install_archive(archive, packages)
    print(f"built in {time.time() - started:.0f} s ({archive.stat().st_size / 1e6:.0f} MB)", flush=True)
    return packages


# --- the three methods -------------------------------------------------------------------------


def run_l10n(engine, sentences):
    return [d.text for d in engine.translate(sentences)]


def run_argos_way(translator, sp, sentences, beam, length):
    """argostranslate 1.11 apply_packaged_translation for one sentence per call (its ITranslation path)."""
    out = []
    for sentence in sentences:
        tokenized = [sp.encode(sentence, out_type=str)]
        results = translator.translate_batch(
            tokenized,
            target_prefix=None,
            replace_unknowns=True,
            max_batch_size=32,
            batch_type="tokens",
            beam_size=max(1, beam),
            num_hypotheses=1,
            length_penalty=0.2,
            return_scores=True,
            min_decoding_length=length,
            max_decoding_length=length,
        )
        value = sp.decode_pieces(results[0].hypotheses[0]).replace("\u2581", " ").replace("_", " ")
        out.append(value[1:] if value.startswith(" ") else value)
    return out


def run_raw(translator, tokenized, beam, length):
    return translator.translate_batch(
        tokenized,
        max_batch_size=1024,
        batch_type="tokens",
        beam_size=beam,
        length_penalty=0.2,
        replace_unknowns=True,
        min_decoding_length=length,
        max_decoding_length=length,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/l10n-bench-cache"))
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--threads", type=int, default=0, help="CTranslate2 intra_threads (0: its default)")
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2, help="alternating runs of (a) and (c); best kept")
    parser.add_argument("--skip-argos", action="store_true", help="skip the slow per-call method (b)")
    args = parser.parse_args()

    import ctranslate2

    sentences = news_sentences(args.sentences)
    packages = ensure_package(args.cache, sentences)
    probe = load_engine(*PAIR, packages_dir=packages)
    sp = probe.tokenizer._sp
    tokenized = [sp.encode(s, out_type=str) for s in sentences]
    length = round(1.3 * max(len(t) for t in tokenized))
    decoding = Decoding(beam_size=args.beam, min_decoding_length=length, max_decoding_length=length)
    engine = load_engine(*PAIR, packages_dir=packages, decoding=decoding, threads=args.threads)
    translator = engine.translator  # the same Translator object for every method
    print(
        f"{len(sentences)} sentences, {sum(map(len, tokenized))} source tokens (longest {max(map(len, tokenized))}), "
        f"fixed output length {length}, beam {args.beam}, ctranslate2 {ctranslate2.__version__}, "
        f"intra_threads {args.threads or 'default'}, compute_type auto (int8 model)",
        flush=True,
    )
    run_raw(translator, tokenized[:4], args.beam, length)  # warm-up, shared by all methods

    # (a) and (c) alternate --repeat times and keep their best time, so that a burst of
    # load from other processes on a shared machine hurts neither side more.
    timings = {"a": float("inf"), "c": float("inf")}
    for _ in range(args.repeat):
        started = time.perf_counter()
        drafts = run_l10n(engine, sentences)
        timings["a"] = min(timings["a"], time.perf_counter() - started)
        assert len(drafts) == len(sentences)
        started = time.perf_counter()
        raw = run_raw(translator, tokenized, args.beam, length)
        timings["c"] = min(timings["c"], time.perf_counter() - started)
        assert all(len(r.hypotheses[0]) == length for r in raw)
    print(f"(a) l10n engine:             {len(sentences) / timings['a']:7.2f} sent/s  ({timings['a']:.1f} s)")
    print(f"(c) raw translate_batch:     {len(sentences) / timings['c']:7.2f} sent/s  ({timings['c']:.1f} s)",
          flush=True)

    if not args.skip_argos:
        started = time.perf_counter()
        argos = run_argos_way(translator, sp, sentences, args.beam, length)
        timings["b"] = time.perf_counter() - started
        assert len(argos) == len(sentences)
        print(f"(b) argostranslate per call: {len(sentences) / timings['b']:7.2f} sent/s  ({timings['b']:.1f} s)",
              flush=True)

    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    ratio_c = timings["c"] / timings["a"]
    print(f"(a)/(c) = {ratio_c:.2f}x  (target >= 0.9)")
    if "b" in timings:
        ratio_b = timings["b"] / timings["a"]
        print(f"(a)/(b) = {ratio_b:.2f}x  (target >= 4)")


if __name__ == "__main__":
    main()
