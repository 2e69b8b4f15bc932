"""What ``kuma models list`` reports: every known alias and every stored model, and their state."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import KumaError
from pipeline.models.catalogue import CATALOGUE, KnownModel, ModelKind
from pipeline.models.checkpoint import inspect_checkpoint
from pipeline.models.locate import CT2_SUFFIX, hf_snapshot, models_dir
from pipeline.models.store import StoredModel, stored_models


@dataclass
class ModelStatus:
    """One row of ``kuma models list``."""

    name: str
    """Alias or stored name."""
    kind: str
    """``translation`` or ``voice``."""
    family: str
    """``nllb``, ``marian`` or ``mms`` (empty when a stray folder cannot be read)."""
    repo: str = ""
    """Hub repository of a known alias."""
    languages: tuple[str, ...] = ()
    """Languages it serves, when known."""
    download_mb: int = 0
    """Approximate download size of a known alias (0 = unknown)."""
    on_disk: bool = False
    """A complete checkpoint is on this machine."""
    where: str = ""
    """``hf-cache`` (pulled) or ``kuma`` (imported or converted), empty when absent."""
    path: str = ""
    """Folder of the checkpoint found (complete or not)."""
    size_bytes: int = 0
    """Size of that folder."""
    problem: str = ""
    """Why a folder that is there cannot be used (incomplete, damaged)."""
    converted: bool = False
    """A complete CTranslate2 conversion (``NAME-ct2``) is stored."""
    ct2_path: str = ""
    """Folder of that conversion."""
    ct2_size_bytes: int = 0
    """Size of that conversion."""
    source: str = ""
    """Where a stored model came from (imported folder, hub repository)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {**asdict(self), "languages": list(self.languages)}


def _check(row: ModelStatus, folder: Path, pull: str = "") -> None:
    """Fill ``row`` with the state of the checkpoint in ``folder``."""
    row.path = str(folder)
    try:
        checkpoint = inspect_checkpoint(folder, pull=pull)
    except KumaError as exc:
        row.problem = str(exc)
        return
    row.on_disk = True
    row.size_bytes = checkpoint.size_bytes
    row.family = row.family or checkpoint.family


def _check_ct2(row: ModelStatus, folder: Path, pull: str = "") -> None:
    if not folder.is_dir():
        return
    row.ct2_path = str(folder)
    try:
        checkpoint = inspect_checkpoint(folder, pull=pull)
    except KumaError as exc:
        row.problem = row.problem or str(exc)
        return
    row.converted = True
    row.ct2_size_bytes = checkpoint.size_bytes


def _known_row(model: KnownModel, stored: dict[str, StoredModel]) -> ModelStatus:
    row = ModelStatus(
        model.alias, model.kind.value, model.family, model.repo_id, model.languages,
        model.size_mb,
    )
    snapshot = hf_snapshot(model.repo_id)
    if model.alias in stored:
        row.where, row.source = "kuma", stored[model.alias].source
        _check(row, models_dir() / model.alias)
    elif snapshot is not None:
        row.where, row.source = "hf-cache", model.repo_id
        _check(row, snapshot, pull=model.alias)
    ct2 = f"{model.alias}{CT2_SUFFIX}"
    _check_ct2(row, models_dir() / ct2, pull=ct2 if model.convertible else "")
    return row


def _stored_row(name: str, model: StoredModel) -> ModelStatus:
    kind = ModelKind.VOICE if model.family == "mms" else ModelKind.TRANSLATION
    row = ModelStatus(name, kind.value, model.family, where="kuma", source=model.source)
    if model.format == "ct2":
        _check_ct2(row, model.path)
        row.on_disk = row.converted
    else:
        _check(row, model.path)
        _check_ct2(row, models_dir() / f"{name}{CT2_SUFFIX}")
    return row


def list_models() -> list[ModelStatus]:
    """Every known alias (on disk or not), then every other stored model.

    A stored ``NAME-ct2`` is shown on the row of ``NAME`` when there is one.
    """
    stored = stored_models()
    rows = [_known_row(model, stored) for model in CATALOGUE.values()]
    shown = {row.name for row in rows}
    bases = set(shown) | set(stored)
    for name, model in stored.items():
        base = name.removesuffix(CT2_SUFFIX)
        if name in shown or (name != base and base in bases):
            continue
        rows.append(_stored_row(name, model))
    return rows
