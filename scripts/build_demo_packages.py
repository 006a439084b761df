"""Build the tiny demo Argos packages l10n/demo/en_az.argosmodel and en_ru.argosmodel.

Each package is a real Argos Translate package: a SentencePiece model and a
small Transformer trained here on scripts/demo_corpus/news.tsv (the sample
article's sentences plus a few dozen short news sentences, with hand-made
Azerbaijani and Russian translations), converted to CTranslate2 and zipped the
Argos way. The models only know their training sentences: anything else comes
out as nonsense. They exist so that tests and `l10n demo` exercise the real
loading and translation path offline.

After building, the script installs each package into a temporary folder and
checks that l10n's own engine (l10n.engine.argos with its default decoding
settings, i.e. argostranslate's) reproduces every training sentence under each
CTranslate2 GEMM backend and ISA it may meet (Intel MKL and oneDNN, int8 and
float32: see BACKENDS; an AMD machine uses oneDNN, whose int8 results differ);
training continues until it does.

Training needs torch, which l10n must not depend on. Run it with a throwaway
environment:

    python3.11 -m venv /tmp/trainenv
    /tmp/trainenv/bin/pip install torch==2.13.0 ctranslate2==4.8.5 sentencepiece==0.2.3 numpy
    /tmp/trainenv/bin/python scripts/build_demo_packages.py

The seed is fixed and torch runs on one thread, so rebuilding gives byte-identical
packages (checked: `--out /tmp/rebuild`, then `cmp` with l10n/demo/*.argosmodel).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import ctranslate2  # noqa: E402
import numpy as np  # noqa: E402
import sentencepiece as spm  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from l10n.atomic import atomic_write_bytes  # noqa: E402

CORPUS = REPO / "scripts" / "demo_corpus" / "news.tsv"
OUT = REPO / "l10n" / "demo"
NAMES = {"en": "English", "az": "Azerbaijani", "ru": "Russian"}

SEED = 1234
D_MODEL = 64
HEADS = 4
LAYERS = 2
FFN = 256
VOCAB = 1000
MAX_POSITIONS = 512
PAD, BOS, EOS = 3, 1, 2
#: Trained with dropout, the model still gets every sentence right when its activations are
#: perturbed, so int8 rounding on another GEMM backend does not flip a token (trained without
#: it, the packages reproduced their sentences under Intel MKL but lost 1-2 under oneDNN).
DROPOUT = 0.1


def read_corpus(target: str) -> list[tuple[str, str]]:
    with CORPUS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row["en"], row[target]) for row in rows]


def check_article_covered(pairs: list[tuple[str, str]]) -> None:
    """Every sentence of the sample article must be in the corpus."""
    known = {en for en, _ in pairs}
    article = REPO / "source" / "wco-europe-customs.txt"
    try:
        from l10n.segment import segment_text  # the project's own segmenter, when present

        sentences = [s.text for s in segment_text(article.read_text(encoding="utf-8"))]
    except ImportError:
        sentences = [p.strip() for p in article.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    missing = [s for s in sentences if s not in known]
    if missing:
        raise SystemExit(f"sample article sentences missing from {CORPUS}: {missing}")


def train_sentencepiece(pairs: list[tuple[str, str]]) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter([s for pair in pairs for s in pair]),
        model_writer=model,
        model_type="unigram",
        vocab_size=VOCAB,
        hard_vocab_limit=False,
        character_coverage=1.0,
        normalization_rule_name="identity",
        unk_id=0,
        bos_id=BOS,
        eos_id=EOS,
        pad_id=PAD,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def sinusoids(length: int, dim: int) -> torch.Tensor:
    position = torch.arange(length, dtype=torch.float32).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2, dtype=torch.float32) * (-math.log(10000.0) / dim))
    table = torch.zeros(length, dim)
    table[:, 0::2] = torch.sin(position * div)
    table[:, 1::2] = torch.cos(position * div)
    return table


class TinyTransformer(nn.Module):
    """Pre-norm Transformer with tied embeddings, laid out the way CTranslate2 expects."""

    def __init__(self, vocab: int):
        super().__init__()
        self.embed = nn.Embedding(vocab, D_MODEL)
        nn.init.normal_(self.embed.weight, std=D_MODEL**-0.5)
        self.core = nn.Transformer(
            d_model=D_MODEL,
            nhead=HEADS,
            num_encoder_layers=LAYERS,
            num_decoder_layers=LAYERS,
            dim_feedforward=FFN,
            dropout=DROPOUT,
            batch_first=True,
            norm_first=True,
            layer_norm_eps=1e-6,
        )
        self.register_buffer("positions", sinusoids(MAX_POSITIONS, D_MODEL))

    def embed_tokens(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embed(ids) * math.sqrt(D_MODEL) + self.positions[: ids.shape[1]]

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor) -> torch.Tensor:
        causal = nn.Transformer.generate_square_subsequent_mask(tgt_in.shape[1])
        out = self.core(
            self.embed_tokens(src),
            self.embed_tokens(tgt_in),
            tgt_mask=causal,
            tgt_is_causal=True,
            src_key_padding_mask=src == PAD,
            tgt_key_padding_mask=tgt_in == PAD,
            memory_key_padding_mask=src == PAD,
        )
        return out @ self.embed.weight.T


def pad(rows: list[list[int]]) -> torch.Tensor:
    width = max(len(r) for r in rows)
    return torch.tensor([r + [PAD] * (width - len(r)) for r in rows])


def to_ctranslate2(model: TinyTransformer, vocab: list[str], folder: Path) -> None:
    """Copy the weights into a CTranslate2 TransformerSpec and save it (int8) to ``folder``."""
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True)
    spec.config.layer_norm_epsilon = 1e-6
    t = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    d = D_MODEL

    def norm(dst, prefix):
        dst.gamma = t[prefix + ".weight"]
        dst.beta = t[prefix + ".bias"]

    def linear(dst, weight, bias):
        dst.weight = weight
        dst.bias = bias

    enc, dec = spec.encoder, spec.decoder
    enc.embeddings[0].weight = t["embed.weight"]
    dec.embeddings.weight = t["embed.weight"]
    enc.position_encodings.encodings = t["positions"]
    dec.position_encodings.encodings = t["positions"]
    norm(enc.layer_norm, "core.encoder.norm")
    norm(dec.layer_norm, "core.decoder.norm")
    linear(dec.projection, t["embed.weight"], np.zeros(len(vocab), dtype=np.float32))
    for i, layer in enumerate(enc.layer):
        p = f"core.encoder.layers.{i}."
        norm(layer.self_attention.layer_norm, p + "norm1")
        linear(layer.self_attention.linear[0], t[p + "self_attn.in_proj_weight"], t[p + "self_attn.in_proj_bias"])
        linear(layer.self_attention.linear[1], t[p + "self_attn.out_proj.weight"], t[p + "self_attn.out_proj.bias"])
        norm(layer.ffn.layer_norm, p + "norm2")
        linear(layer.ffn.linear_0, t[p + "linear1.weight"], t[p + "linear1.bias"])
        linear(layer.ffn.linear_1, t[p + "linear2.weight"], t[p + "linear2.bias"])
    for i, layer in enumerate(dec.layer):
        p = f"core.decoder.layers.{i}."
        norm(layer.self_attention.layer_norm, p + "norm1")
        linear(layer.self_attention.linear[0], t[p + "self_attn.in_proj_weight"], t[p + "self_attn.in_proj_bias"])
        linear(layer.self_attention.linear[1], t[p + "self_attn.out_proj.weight"], t[p + "self_attn.out_proj.bias"])
        w, b = t[p + "multihead_attn.in_proj_weight"], t[p + "multihead_attn.in_proj_bias"]
        norm(layer.attention.layer_norm, p + "norm2")
        linear(layer.attention.linear[0], w[:d], b[:d])
        linear(layer.attention.linear[1], w[d:], b[d:])
        linear(layer.attention.linear[2], t[p + "multihead_attn.out_proj.weight"], t[p + "multihead_attn.out_proj.bias"])
        norm(layer.ffn.layer_norm, p + "norm3")
        linear(layer.ffn.linear_0, t[p + "linear1.weight"], t[p + "linear1.bias"])
        linear(layer.ffn.linear_1, t[p + "linear2.weight"], t[p + "linear2.bias"])
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))


def zip_package(folder: Path, top: str) -> bytes:
    """Zip ``folder`` with every entry under ``top/``, with fixed timestamps (repeatable)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", (2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def write_package_files(folder: Path, target: str, sp_model: bytes, model: TinyTransformer, vocab: list[str]) -> None:
    to_ctranslate2(model, vocab, folder / "model")
    (folder / "sentencepiece.model").write_bytes(sp_model)
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": "en",
        "from_name": NAMES["en"],
        "to_code": target,
        "to_name": NAMES[target],
        "type": "translate",
        "links": [],
        "description": "l10n demo fixture: only knows its training sentences",
    }
    (folder / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
    (folder / "README.md").write_text(
        f"# l10n demo package en->{target}\n\n"
        "A tiny Transformer trained by l10n's scripts/build_demo_packages.py on a few dozen\n"
        "sentences (scripts/demo_corpus/news.tsv). It only knows those sentences; anything\n"
        "else comes out as nonsense. For tests and demos, not for real translation.\n",
        encoding="utf-8",
    )


#: CTranslate2 picks its GEMM backend by CPU: Intel MKL on Intel, oneDNN on AMD (int8 results
#: differ in the last bits), and its kernels by ISA. A demo model that reproduces its sentences
#: on one machine only is a broken fixture, so every build is checked under each of these.
BACKENDS = [
    ({"CT2_USE_MKL": "1"}, "int8"),
    ({"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "AVX"}, "int8"),
    ({"CT2_USE_MKL": "0"}, "int8"),
    ({"CT2_USE_MKL": "0", "CT2_FORCE_CPU_ISA": "GENERIC"}, "int8"),
    ({"CT2_USE_MKL": "0"}, "float32"),
    ({"CT2_USE_MKL": "1"}, "float32"),
]


def verify_here(archive_path: Path, target: str, compute_type: str) -> list[tuple[str, str, str]]:
    """Install the archive in a temp folder; return the sentences l10n's engine gets wrong."""
    from l10n.engine import argos
    from l10n.engine.install import install_archive

    pairs = read_corpus(target)
    with tempfile.TemporaryDirectory() as tmp:
        install_archive(archive_path, Path(tmp) / "packages")
        engine = argos.load_engine("en", target, packages_dir=Path(tmp) / "packages", threads=1,
                                   compute_type=compute_type)
        drafts = engine.translate([en for en, _ in pairs])
    return [(en, ref, d.text) for (en, ref), d in zip(pairs, drafts) if d.text != ref]


def verify(archive: bytes, target: str) -> list[tuple[str, str, str]]:
    """Check the archive under every backend of :data:`BACKENDS`, each in its own process
    (CTranslate2 reads the variables once); return the first failing backend's wrong sentences."""
    import os
    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"en_{target}.argosmodel"
        path.write_bytes(archive)
        for env, compute_type in BACKENDS:
            done = subprocess.run(
                [sys.executable, __file__, "--verify", str(path), target, compute_type],
                env={**os.environ, **env}, capture_output=True, text=True, check=True,
            )
            wrong = [tuple(row) for row in json.loads(done.stdout)]
            if wrong:
                print(f"    under {env} {compute_type}: {len(wrong)} wrong")
                return wrong
    return []


def build(target: str, max_steps: int) -> bytes:
    started = time.time()
    pairs = read_corpus(target)
    check_article_covered(pairs)
    sp_model = train_sentencepiece(pairs)
    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    src = pad([sp.encode(en) for en, _ in pairs])
    tgt_ids = [sp.encode(ref) for _, ref in pairs]
    tgt_in = pad([[BOS] + ids for ids in tgt_ids])
    tgt_out = pad([ids + [EOS] for ids in tgt_ids])
    mask = tgt_out != PAD

    torch.manual_seed(SEED)
    model = TinyTransformer(len(vocab))
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss(ignore_index=PAD)
    top = f"translate-en_{target}-1_0"
    step = 0
    next_check = None
    while step < max_steps:
        model.train()
        logits = model(src, tgt_in)
        loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt_out.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        step += 1
        if step % 50:
            continue
        exact = ((logits.argmax(-1) == tgt_out) | ~mask).all(dim=1).float().mean().item()
        print(f"  en->{target} step {step}: loss {loss.item():.4f}, teacher-forced exact {exact:.0%}", flush=True)
        if exact < 1.0:
            continue
        if next_check is None:
            next_check = step + 100  # a margin beyond the first perfect step
        if step < next_check:
            continue
        model.eval()
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / top
            write_package_files(folder, target, sp_model, model, vocab)
            archive = zip_package(folder, top)
        wrong = verify(archive, target)
        print(f"  en->{target} step {step}: engine reproduces {len(pairs) - len(wrong)}/{len(pairs)}", flush=True)
        if not wrong:
            print(f"en->{target}: {len(archive)} bytes, {time.time() - started:.0f} s", flush=True)
            return archive
        for en, ref, got in wrong[:3]:
            print(f"    {en!r}\n      want {ref!r}\n      got  {got!r}")
        next_check = step + 100
    raise SystemExit(f"en->{target}: not every training sentence reproduced after {max_steps} steps")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=["az", "ru"])
    parser.add_argument("--max-steps", type=int, default=6000)
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    parser.add_argument("--verify", nargs=3, metavar=("ARCHIVE", "TARGET", "COMPUTE_TYPE"),
                        help="(internal) check one archive in this process, print the wrong sentences as JSON")
    args = parser.parse_args()
    if args.verify:
        archive_path, target, compute_type = args.verify
        print(json.dumps(verify_here(Path(archive_path), target, compute_type), ensure_ascii=False))
        return
    warnings.filterwarnings("ignore", category=UserWarning, module="torch")  # nested-tensor/mask notices
    torch.set_num_threads(1)
    for target in args.targets:
        archive = build(target, args.max_steps)
        atomic_write_bytes(args.out / f"en_{target}.argosmodel", archive)
        print(f"wrote {args.out / f'en_{target}.argosmodel'}")


if __name__ == "__main__":
    main()
