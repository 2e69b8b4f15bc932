"""Checking a model folder before Kuma trusts it: complete, undamaged, of a known family.

Translation checkpoints (NLLB, Marian; transformers or CTranslate2) are checked by
:func:`pipeline.models.locate.inspect_folder`, the same check ``kuma run`` makes;
voices (MMS, VITS) are checked here.  On top of that, every weight file is checked
for truncation, the usual damage of a copy from a USB stick that was pulled out early.
"""

from __future__ import annotations

import json
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import KumaError, ModelMissingError
from pipeline.models.locate import Family, ModelKind, ModelRef, inspect_folder

VOICE_FAMILY = "mms"
VOICE_FORMAT = "transformers"
VOICE_TOKENIZER = ("vocab.json",)
_NOT_EMPTY = ("model.bin", "sentencepiece.bpe.model", "source.spm", "target.spm")
"""Files with no header to check, that are useless when empty."""


class CheckpointError(KumaError):
    """A model folder is damaged, or cannot be stored under the name asked for."""


@dataclass(frozen=True)
class Checkpoint:
    """A model folder that passed every check."""

    path: Path
    """The folder."""
    family: str
    """``nllb``, ``marian`` or ``mms``."""
    format: str
    """``transformers`` or ``ct2`` (the runtime it is written for)."""
    size_bytes: int
    """Total size of its files."""


def folder_size(path: Path) -> int:
    """Bytes in every file under ``path`` (following the symlinks of the hub cache)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _model_type(path: Path) -> str:
    try:
        data = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return ""  # the translation check reports a missing or unreadable config
    return str(data.get("model_type", "")) if isinstance(data, dict) else ""


def inspect_checkpoint(path: Path, pull: str = "") -> Checkpoint:
    """Check ``path`` holds a complete, undamaged model and say what it is.

    ``pull`` is the alias ``kuma models pull`` would fetch it again with, for the
    error messages.  Raises ModelMissingError naming the missing file,
    CheckpointError for a damaged one, KumaError for an architecture Kuma does not run.
    """
    if not path.is_dir():
        raise ModelMissingError(f"model folder {path} does not exist")
    if _model_type(path) == "vits":
        _check_voice(path, pull)
        family, fmt = VOICE_FAMILY, VOICE_FORMAT
    else:
        ref = inspect_folder(path, name=path.name, pull=pull)
        family, fmt = ref.family.value, ref.kind.value
    for weights in sorted(path.iterdir()):
        check_weights_file(weights)
    return Checkpoint(path, family, fmt, folder_size(path))


def _check_voice(path: Path, pull: str) -> None:
    # A ModelRef only to word the errors as the translation checks do; the family
    # it is given plays no part in the message.
    ref = ModelRef(path, ModelKind.TRANSFORMERS, Family.NLLB, path.name, pull)
    if not any((path / w).exists() for w in ("model.safetensors", "pytorch_model.bin")):
        raise ref.missing("has no model weights (model.safetensors; partial download?)")
    for file in VOICE_TOKENIZER:
        if not (path / file).exists():
            raise ref.missing(f"has no {file} (tokenizer file missing)")


def check_weights_file(path: Path) -> None:
    """Refuse an empty or truncated weights file (safetensors, PyTorch zip, CTranslate2)."""
    name = path.name
    if name.endswith(".safetensors"):
        _check_safetensors(path)
    elif name.endswith(".bin") and name.startswith("pytorch_model"):
        if not zipfile.is_zipfile(path):
            raise _damaged(path, "not a complete PyTorch archive")
    elif name in _NOT_EMPTY and path.stat().st_size == 0:
        raise _damaged(path, "empty")


def _damaged(path: Path, why: str) -> CheckpointError:
    return CheckpointError(
        f"model file {path} is damaged ({why}): copy the whole folder again"
    )


def _check_safetensors(path: Path) -> None:
    """A safetensors file starts with its header length and a JSON header giving
    every tensor's byte range: the file must be at least as long as they say."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(8)
        if len(head) < 8:
            raise _damaged(path, "empty")
        (header_len,) = struct.unpack("<Q", head)
        if header_len > size - 8:
            raise _damaged(path, f"truncated: {size} bytes")
        try:
            header = json.loads(handle.read(header_len))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _damaged(path, "unreadable header") from None
    ends = [
        entry["data_offsets"][1]
        for key, entry in header.items()
        if key != "__metadata__" and isinstance(entry, dict) and "data_offsets" in entry
    ]
    expected = 8 + header_len + max(ends, default=0)
    if size < expected:
        raise _damaged(path, f"truncated: {size} of {expected} bytes")
