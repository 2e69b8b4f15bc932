"""Converting a translation checkpoint to CTranslate2 int8: several times faster on a CPU.

The conversion of ``NAME`` is stored as ``NAME-ct2`` in Kuma's models folder, with
the tokenizer files copied beside ``model.bin`` so the ``ct2`` engine needs nothing
else.  It is written under a temporary name and renamed only once checked.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pipeline.errors import KumaError
from pipeline.models.catalogue import KnownModel, known_model
from pipeline.models.checkpoint import CheckpointError, inspect_checkpoint
from pipeline.models.locate import ModelRef, ct2_name, resolve_model
from pipeline.models.store import StoredModel, install, record, temporary_folder

QUANTIZATION = "int8"

TOKENIZER_FILES = (
    "tokenizer_config.json",
    "special_tokens_map.json",
    "added_tokens.json",
    "tokenizer.json",
    "sentencepiece.bpe.model",
    "source.spm",
    "target.spm",
    "vocab.json",
    "generation_config.json",
)
"""Files the ``ct2`` engine reads besides ``model.bin`` (those the checkpoint has are copied)."""

INSTALL_HINT = "pip install 'kuma[mt]'"


def not_convertible(model: KnownModel) -> CheckpointError:
    """The error for asking a CTranslate2 conversion of a voice."""
    return CheckpointError(
        f"{model.alias} is a voice ({model.family}): CTranslate2 converts translation models only"
    )


def _source(name: str) -> ModelRef:
    """The transformers checkpoint ``name`` designates (a stored name, alias or folder)."""
    known = known_model(name)
    if known is not None and not known.convertible:
        raise not_convertible(known)
    return resolve_model(name, "transformers")


def convert_model(
    name: str,
    replace: bool = True,
    show_progress: bool = True,
    report: Callable[[str], None] = lambda message: None,
) -> StoredModel:
    """Convert ``name`` to CTranslate2 int8 and store it as ``NAME-ct2``.

    An existing ``NAME-ct2`` is replaced unless ``replace`` is False.  Raises
    ModelMissingError (with the command to run) when ``name`` is not on this
    machine, and KumaError when CTranslate2 or transformers are not installed.
    """
    ref = _source(name)
    target = ct2_name(ref.name)
    converter = _converter(ref.path)
    work = temporary_folder(target)
    try:
        report(f"converting {ref.name} to CTranslate2 {QUANTIZATION} ({target})")
        with _progress_bars(show_progress):
            converter.convert(str(work), quantization=QUANTIZATION, force=True)
        checkpoint = inspect_checkpoint(work)
    except BaseException as exc:
        shutil.rmtree(work, ignore_errors=True)
        if isinstance(exc, KumaError) or not isinstance(exc, Exception):
            raise
        # the converter raises ValueError, RuntimeError, OSError... for a model it cannot read
        raise KumaError(f"could not convert {ref.name} ({ref.path}): {exc}") from exc
    install(work, target, replace=replace)
    return record(target, checkpoint, f"{ref.name} ({QUANTIZATION})")


@contextlib.contextmanager
def _progress_bars(show: bool) -> Iterator[None]:
    """transformers' weight-loading progress bars (on stderr), or none at all."""
    from transformers.utils import logging

    was_enabled = logging.is_progress_bar_enabled()
    (logging.enable_progress_bar if show else logging.disable_progress_bar)()
    try:
        yield
    finally:
        (logging.enable_progress_bar if was_enabled else logging.disable_progress_bar)()


def _converter(path: Path) -> Any:
    """A CTranslate2 converter for ``path``, copying the tokenizer files it has."""
    # ctranslate2 swallows a missing torch or transformers at import and fails later.
    missing = [m for m in ("ctranslate2", "torch", "transformers") if find_spec(m) is None]
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise KumaError(
            f"converting needs {' and '.join(missing)}, which {verb} not installed: {INSTALL_HINT}"
        )
    from ctranslate2.converters import TransformersConverter

    copy_files = [file for file in TOKENIZER_FILES if (path / file).is_file()]
    return TransformersConverter(str(path), copy_files=copy_files, low_cpu_mem_usage=True)
