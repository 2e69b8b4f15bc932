"""Generate tiny, random-weight translation checkpoints for the tests.

No neural translation weights can be downloaded here, and the real ones weigh
gigabytes, so the tests run the real code paths on models with the real
architectures and file layouts but a few thousand parameters:

- ``nllb``: an NLLB-architecture ``M2M100ForConditionalGeneration`` with an
  ``NllbTokenizer`` built from a sentencepiece BPE model trained on the example
  article and the glossary (the FLORES language codes added as special tokens);
- ``marian-en-fr`` and ``marian-en-ar``: ``MarianMTModel`` checkpoints with their
  ``MarianTokenizer`` files (``source.spm``, ``target.spm``, ``vocab.json``); the
  Arabic one is multi-target like OPUS-MT's and wants ``>>ara<<`` in front;
- ``nllb-ct2`` and ``marian-en-fr-ct2``: their CTranslate2 int8 conversions, with
  the tokenizer files copied beside ``model.bin``.

Their output is gibberish; tests assert behaviour that does not depend on quality.
Run ``python tests/tiny_models.py FOLDER`` to write them somewhere to look at.
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "mali-article.txt"
GLOSSARY = ROOT / "glossaries" / "sahel.csv"

NLLB_CODES = ("eng_Latn", "fra_Latn", "arb_Arab", "bam_Latn", "dyu_Latn")
MAX_LENGTH = 64
"""Positions of the tiny models: small, so that the tests exercise splitting of long inputs."""
DIMENSIONS: dict[str, Any] = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": MAX_LENGTH,
    "dropout": 0.0,
    "attention_dropout": 0.0,
    "activation_dropout": 0.0,
    "scale_embedding": True,
}


@dataclass(frozen=True)
class TinyModels:
    """Folders of the generated checkpoints."""

    nllb: Path
    nllb_ct2: Path
    marian_fr: Path
    marian_fr_ct2: Path
    marian_ar: Path


def fingerprint() -> str:
    """Changes when this script, its training text or the libraries change."""
    import ctranslate2
    import sentencepiece
    import transformers

    digest = hashlib.sha256()
    for path in (Path(__file__), ARTICLE, GLOSSARY):
        digest.update(path.read_bytes())
    for module in (transformers, ctranslate2, sentencepiece):
        digest.update(module.__version__.encode())
    return digest.hexdigest()[:16]


def training_lines(langs: tuple[str, ...]) -> list[str]:
    """The example article (for English) and every glossary cell in ``langs``."""
    lines = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines if "en" in langs else []
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for lang in langs:
                for column in (lang, f"{lang}_aliases", f"explain_{lang}"):
                    lines += [part.strip() for part in row[column].split(" | ") if part.strip()]
    return lines


def train_spm(prefix: Path, lines: list[str], vocab_size: int, **ids: Any) -> Path:
    """Train a BPE sentencepiece model; returns the ``.model`` file."""
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        model_type="bpe",
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        minloglevel=2,
        num_threads=1,
        **ids,
    )
    Path(f"{prefix}.vocab").unlink()
    return Path(f"{prefix}.model")


def build_nllb(folder: Path, seed: int = 0) -> Path:
    """An NLLB-architecture checkpoint with an NllbTokenizer, in ``folder``."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    lines = training_lines(("en", "fr", "ar", "bm", "dyu"))
    # fairseq's order of the special tokens, which NllbTokenizer expects
    train_spm(folder / "sentencepiece.bpe", lines, 800, bos_id=0, pad_id=1, eos_id=2, unk_id=3)
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "NllbTokenizer", "model_max_length": MAX_LENGTH})
    )
    tokenizer = NllbTokenizer.from_pretrained(str(folder), src_lang="eng_Latn")
    # transformers 5 leaves the language codes out of a new vocabulary: add them
    tokenizer.add_tokens(list(NLLB_CODES), special_tokens=True)
    tokenizer.src_lang = "eng_Latn"
    tokenizer.save_pretrained(folder)
    torch.manual_seed(seed)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        **DIMENSIONS,
    )
    M2M100ForConditionalGeneration(config).eval().save_pretrained(folder)
    return folder


def build_marian(folder: Path, target: str, seed: int = 0) -> Path:
    """A Marian (OPUS-MT layout) checkpoint from English into ``target``, in ``folder``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    source = train_spm(folder / "source", training_lines(("en",)), 400)
    target_lines = training_lines((target,))
    train_spm(folder / "target", target_lines, 300 if target == "ar" else 400)
    source.rename(folder / "source.spm")
    (folder / "target.model").rename(folder / "target.spm")
    vocab = _marian_vocab(folder, multi_target=target == "ar")
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False))
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "MarianTokenizer",
                "source_lang": "en",
                "target_lang": target,
                "model_max_length": MAX_LENGTH,
            }
        )
    )
    tokenizer = MarianTokenizer.from_pretrained(str(folder))
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        share_encoder_decoder_embeddings=True,
        **DIMENSIONS,
    )
    MarianMTModel(config).eval().save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _marian_vocab(folder: Path, multi_target: bool) -> dict[str, int]:
    """One vocabulary for both sides, laid out as OPUS-MT does: ``</s>``, ``<unk>``... ``<pad>``."""
    import sentencepiece as spm

    pieces = ["</s>", "<unk>"]
    if multi_target:
        pieces += [">>ara<<", ">>arz<<"]  # OPUS-MT en-ar serves several Arabic varieties
    for name in ("source.spm", "target.spm"):
        model = spm.SentencePieceProcessor(model_file=str(folder / name))
        for index in range(model.get_piece_size()):
            piece = model.id_to_piece(index)
            if not model.is_control(index) and not model.is_unknown(index) and piece not in pieces:
                pieces.append(piece)
    pieces.append("<pad>")
    return {piece: index for index, piece in enumerate(pieces)}


def convert_ct2(source: Path, folder: Path, quantization: str = "int8") -> Path:
    """Convert a checkpoint with CTranslate2, copying the tokenizer files beside ``model.bin``."""
    from ctranslate2.converters import TransformersConverter

    tokenizer_files = [
        p.name
        for p in source.iterdir()
        if p.name.startswith("tokenizer")
        or p.suffix in (".spm", ".model")
        or p.name in ("vocab.json", "special_tokens_map.json")
    ]
    converter = TransformersConverter(str(source), copy_files=sorted(tokenizer_files))
    converter.convert(str(folder), quantization=quantization, force=True)
    return folder


def build_all(root: Path) -> TinyModels:
    """Generate every tiny model under ``root`` (a few seconds)."""
    models = TinyModels(
        nllb=build_nllb(root / "nllb"),
        nllb_ct2=root / "nllb-ct2",
        marian_fr=build_marian(root / "marian-en-fr", "fr"),
        marian_fr_ct2=root / "marian-en-fr-ct2",
        marian_ar=build_marian(root / "marian-en-ar", "ar"),
    )
    convert_ct2(models.nllb, models.nllb_ct2)
    convert_ct2(models.marian_fr, models.marian_fr_ct2)
    return models


def cached_models(cache: Path) -> TinyModels:
    """The tiny models under ``cache``, generated once per fingerprint (older ones removed)."""
    root = cache / fingerprint()
    if not (root / "complete").exists():
        for stale in cache.iterdir():
            if stale.is_dir() and not stale.name.startswith("."):
                shutil.rmtree(stale, ignore_errors=True)
        work = Path(tempfile.mkdtemp(prefix=".partial-", dir=cache))
        build_all(work)
        (work / "complete").write_text("")
        try:
            work.rename(root)
        except OSError:  # another test session finished first: use its copy
            shutil.rmtree(work, ignore_errors=True)
    return TinyModels(
        nllb=root / "nllb",
        nllb_ct2=root / "nllb-ct2",
        marian_fr=root / "marian-en-fr",
        marian_fr_ct2=root / "marian-en-fr-ct2",
        marian_ar=root / "marian-en-ar",
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/tiny_models.py FOLDER")
    for name, path in vars(build_all(Path(sys.argv[1]))).items():
        print(f"{name}: {path}")
