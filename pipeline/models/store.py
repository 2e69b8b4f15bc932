"""Kuma's own model folder: imported and converted models, and a small JSON index of them.

Each model is one folder, ``models_dir()/NAME``, the name ``kuma run --model NAME``
takes.  The index (``models_dir()/index.json``) remembers where each came from and
when; the folders themselves are the truth about what is on disk.  A folder is
copied or converted under a temporary name and renamed into place only once it is
whole, so an interrupted import leaves nothing half-written under a real name.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import KumaError
from pipeline.models.catalogue import CATALOGUE
from pipeline.models.checkpoint import Checkpoint, CheckpointError, inspect_checkpoint
from pipeline.models.locate import CT2_SUFFIX, models_dir
from pipeline.storage import write_atomic

INDEX_NAME = "index.json"
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_SKIPPED = shutil.ignore_patterns(".git", ".cache", ".DS_Store")
"""Not part of a model: version control and download bookkeeping."""


@dataclass(frozen=True)
class StoredModel:
    """A model folder in Kuma's models folder, as recorded in the index."""

    name: str
    """Folder name, and what ``--model`` takes."""
    family: str
    """``nllb``, ``marian`` or ``mms``."""
    format: str
    """``transformers`` or ``ct2``."""
    source: str
    """Where it came from: the imported folder, the hub repository, or the model converted."""
    added: str
    """When it was stored (ISO 8601, UTC)."""
    size_bytes: int
    """Size on disk when stored."""

    @property
    def path(self) -> Path:
        """The folder."""
        return models_dir() / self.name


def check_name(name: str) -> str:
    """Refuse names that are not a plain lowercase folder name."""
    if not _NAME.fullmatch(name) or name == INDEX_NAME:
        raise CheckpointError(
            f"invalid model name {name!r}: use lowercase letters, digits, '.', '_' or '-'"
        )
    return name


def check_name_fits(name: str, checkpoint: Checkpoint) -> None:
    """A CTranslate2 folder is found as ``NAME-ct2``, a transformers one under a plain name.

    ``kuma run --engine ct2 --model nllb-600m`` looks for ``nllb-600m-ct2``: storing a
    conversion under a known alias, or a transformers checkpoint under ``-ct2``,
    would make the engines find the wrong kind of folder.
    """
    if checkpoint.format == "ct2" and name in CATALOGUE:
        raise CheckpointError(
            f"{checkpoint.path} is a CTranslate2 conversion: import it as {name}{CT2_SUFFIX}"
        )
    if checkpoint.format != "ct2" and name.endswith(CT2_SUFFIX):
        raise CheckpointError(
            f"{checkpoint.path} is a transformers checkpoint, not a CTranslate2 "
            f"conversion: import it as {name.removesuffix(CT2_SUFFIX)}"
        )


# -- the index ---------------------------------------------------------------


def _index_path() -> Path:
    return models_dir() / INDEX_NAME


def read_index() -> dict[str, StoredModel]:
    """Recorded models by name (an unreadable index counts as empty: the folders remain)."""
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
        return {name: StoredModel(name=name, **entry) for name, entry in data["models"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_index(models: dict[str, StoredModel]) -> None:
    entries = {
        name: {k: v for k, v in asdict(model).items() if k != "name"}
        for name, model in sorted(models.items())
    }
    text = json.dumps({"version": 1, "models": entries}, indent=2, ensure_ascii=False) + "\n"
    write_atomic(_index_path(), text)


@contextlib.contextmanager
def _index_lock() -> Iterator[None]:
    """Serialise read-modify-write of the index between processes (where flock exists)."""
    models_dir().mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: imports are rare and interactive
        yield
        return
    with open(models_dir() / ".index.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def record(name: str, checkpoint: Checkpoint, source: str) -> StoredModel:
    """Add (or replace) ``name`` in the index."""
    model = StoredModel(
        name=name,
        family=checkpoint.family,
        format=checkpoint.format,
        source=source,
        added=datetime.now(UTC).isoformat(timespec="seconds"),
        size_bytes=checkpoint.size_bytes,
    )
    with _index_lock():
        models = read_index()
        models[name] = model
        _write_index(models)
    return model


def stored_models() -> dict[str, StoredModel]:
    """Every model folder in ``models_dir()``, described by the index when it knows it.

    Folders nobody recorded (copied there by hand) are described from their files;
    index entries whose folder is gone are left out.
    """
    recorded = read_index()
    found: dict[str, StoredModel] = {}
    root = models_dir()
    if not root.is_dir():
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and _NAME.fullmatch(p.name)):
        if folder.name in recorded:
            found[folder.name] = recorded[folder.name]
            continue
        try:
            checkpoint = inspect_checkpoint(folder)
        except (KumaError, OSError):  # an unusable stray folder is listed as such
            found[folder.name] = StoredModel(folder.name, "", "", "copied by hand", "", 0)
            continue
        found[folder.name] = StoredModel(
            folder.name, checkpoint.family, checkpoint.format, "copied by hand", "",
            checkpoint.size_bytes,
        )
    return found


# -- putting folders in place ------------------------------------------------


def temporary_folder(name: str) -> Path:
    """An empty folder beside ``models_dir()/name``, renamed into place by :func:`install`."""
    models_dir().mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=models_dir()))


def _exists(name: str) -> CheckpointError:
    return CheckpointError(
        f"a model named {name!r} already exists in {models_dir()}: "
        "choose another --name or use --force to replace it"
    )


def install(folder: Path, name: str, replace: bool = False) -> Path:
    """Rename the finished ``folder`` to ``models_dir()/name``.

    An existing model of that name is refused unless ``replace``; then it is moved
    aside first and deleted only once the new one is in place.
    """
    target = models_dir() / name
    old: Path | None = None
    if target.exists():
        if not replace:
            shutil.rmtree(folder, ignore_errors=True)
            raise _exists(name)
        old = target.with_name(f".{name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(folder, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return target


def import_model(
    source: Path,
    name: str,
    replace: bool = False,
    report: Callable[[str], None] = lambda message: None,
) -> StoredModel:
    """Check ``source``, copy it to ``models_dir()/name`` and record it.

    The source is checked before copying and the copy after, so a folder that was
    incomplete, or damaged on the way, never gets the name.
    """
    check_name(name)
    checkpoint = inspect_checkpoint(source)
    check_name_fits(name, checkpoint)
    if (models_dir() / name).exists() and not replace:
        raise _exists(name)
    work = temporary_folder(name)
    try:
        report(f"copying {source} ({checkpoint.family}, {checkpoint.format}) to {models_dir()}")
        shutil.copytree(source, work, ignore=_SKIPPED, dirs_exist_ok=True)
        copied = inspect_checkpoint(work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    install(work, name, replace=replace)
    return record(name, copied, str(source.resolve()))


def describe(model: StoredModel) -> dict[str, Any]:
    """The index entry as JSON-ready data, with its path."""
    return {**asdict(model), "path": str(model.path)}
