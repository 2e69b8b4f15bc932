"""Structurally valid model folders with meaningless contents, and a fake hub cache.

Enough for every check that looks at files (which ones, their headers, their
sizes) without torch: a real, loadable checkpoint is ``tests/tiny_models.py``.
"""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from pathlib import Path

import pytest


def safetensors_bytes(floats: int = 4) -> bytes:
    """A valid safetensors file holding one float32 tensor of ``floats`` zeros."""
    header = json.dumps(
        {"weight": {"dtype": "F32", "shape": [floats], "data_offsets": [0, 4 * floats]}}
    ).encode()
    return struct.pack("<Q", len(header)) + header + bytes(4 * floats)


def pytorch_bin_bytes(folder: Path) -> bytes:
    """A zip archive, which is what ``torch.save`` writes."""
    path = folder / ".tmp.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
    data = path.read_bytes()
    path.unlink()
    return data


FILES: dict[str, dict[str, bytes | str]] = {
    "nllb": {
        "config.json": json.dumps({"model_type": "m2m_100"}),
        "model.safetensors": safetensors_bytes(),
        "sentencepiece.bpe.model": b"spm",
        "tokenizer_config.json": json.dumps({"tokenizer_class": "NllbTokenizer"}),
        "special_tokens_map.json": "{}",
    },
    "marian": {
        "config.json": json.dumps({"model_type": "marian"}),
        "model.safetensors": safetensors_bytes(),
        "source.spm": b"spm",
        "target.spm": b"spm",
        "vocab.json": json.dumps({"</s>": 0}),
        "tokenizer_config.json": json.dumps({"tokenizer_class": "MarianTokenizer"}),
    },
    "mms": {
        "config.json": json.dumps({"model_type": "vits"}),
        "model.safetensors": safetensors_bytes(),
        "vocab.json": json.dumps({"a": 0}),
        "tokenizer_config.json": json.dumps({"tokenizer_class": "VitsTokenizer"}),
    },
    "nllb-ct2": {
        "config.json": json.dumps({"add_source_bos": False}),
        "model.bin": b"\x06\x00\x00\x00ct2",
        "shared_vocabulary.json": json.dumps(["<s>", "</s>"]),
        "sentencepiece.bpe.model": b"spm",
        "tokenizer_config.json": json.dumps({"tokenizer_class": "NllbTokenizer"}),
    },
}
"""Files of each kind of folder: ``nllb``, ``marian``, ``mms`` (voice), ``nllb-ct2``."""


def make_model(folder: Path, kind: str = "nllb", without: tuple[str, ...] = ()) -> Path:
    """Write a folder of ``kind`` (a key of FILES), leaving out the files in ``without``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in FILES[kind].items():
        if name in without:
            continue
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return folder


def folder_bytes(kind: str) -> int:
    """Total size of a complete folder of ``kind``."""
    return sum(len(d.encode() if isinstance(d, str) else d) for d in FILES[kind].values())


def make_hub_entry(
    cache: Path, repo: str, kind: str = "nllb", without: tuple[str, ...] = ()
) -> Path:
    """A hub cache entry as huggingface_hub writes it: blobs, a ref, a snapshot of links."""
    root = cache / ("models--" + repo.replace("/", "--"))
    commit = hashlib.sha1(repo.encode()).hexdigest()
    snapshot = root / "snapshots" / commit
    snapshot.mkdir(parents=True)
    (root / "blobs").mkdir()
    (root / "refs").mkdir()
    (root / "refs" / "main").write_text(commit)
    source = make_model(cache / ".source" / repo, kind, without)
    for file in source.iterdir():
        blob = root / "blobs" / hashlib.sha256(file.read_bytes()).hexdigest()
        blob.write_bytes(file.read_bytes())
        (snapshot / file.name).symlink_to(Path("..", "..", "blobs", blob.name))
    return snapshot


ISOLATED = ("HF_HUB_CACHE", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT", "KUMA_TM")


def isolate(monkeypatch: pytest.MonkeyPatch, root: Path) -> tuple[Path, Path]:
    """Point Kuma's home and the hub cache into ``root``; returns (models folder, hub cache).

    No setting of the machine running the tests leaks in.
    """
    for name in ISOLATED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KUMA_HOME", str(root / "kuma"))
    monkeypatch.setenv("HF_HOME", str(root / "hf"))
    return root / "kuma" / "models", root / "hf" / "hub"
