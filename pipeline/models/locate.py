"""Where translation models live, and what a ``--model`` value points at.

``--model`` takes a known alias (``nllb-600m``, from ``pipeline.models.catalogue``),
a name stored under the Kuma models folder (what ``kuma models pull`` and ``kuma
models import`` write), or a path to a checkpoint folder.  Resolution only looks
at the disk: nothing is ever downloaded here, and what is missing or incomplete
is an error that says what to run.  The Hugging Face cache is found the way
``huggingface_hub`` finds it (``HF_HUB_CACHE``, else ``HF_HOME/hub``), read at
call time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pipeline.errors import KumaError, ModelMissingError
from pipeline.models.catalogue import CATALOGUE, KnownModel
from pipeline.models.catalogue import ModelKind as CatalogueKind
from pipeline.storage import kuma_home

CT2_SUFFIX = "-ct2"
"""A CTranslate2 conversion of alias ``A`` is stored as ``A-ct2`` in the models folder."""


class ModelKind(StrEnum):
    """The runtime a checkpoint folder is written for."""

    TRANSFORMERS = "transformers"
    CT2 = "ct2"


class Family(StrEnum):
    """The model architecture, which decides how languages are asked for."""

    NLLB = "nllb"
    MARIAN = "marian"


@dataclass(frozen=True)
class ModelRef:
    """A model folder found on disk, checked to be complete."""

    path: Path
    """The folder holding weights, configuration and tokenizer files."""
    kind: ModelKind
    """transformers checkpoint or CTranslate2 conversion."""
    family: Family
    """NLLB or Marian."""
    name: str
    """Name shown in provenance and manifests (the alias, stored name or folder name)."""
    pull: str = ""
    """Name to give ``kuma models pull`` to get it again; empty for a plain path."""

    def missing(self, what: str) -> ModelMissingError:
        """The error for a folder that lacks ``what``, with the way to repair it."""
        return ModelMissingError(f"model folder {self.path} {what}{self.repair_hint()}")

    def corrupt(self, what: str, exc: BaseException) -> ModelMissingError:
        """The error for a folder whose ``what`` (weights, tokenizer) fails to load."""
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        reason = f"{type(exc).__name__}: {reason[:120]}" if reason else type(exc).__name__
        return ModelMissingError(
            f"model folder {self.path} has corrupt {what} ({reason}){self.repair_hint()}"
        )

    def repair_hint(self) -> str:
        """``: run `kuma models pull NAME``` when the model has a name, else what to do."""
        if self.pull:
            return f": run `kuma models pull {self.pull}`"
        return ": copy or convert the whole folder again"


def models_dir() -> Path:
    """Where pulled conversions and imported models are stored, one folder per name."""
    return kuma_home() / "models"


def hf_hub_cache() -> Path:
    """The Hugging Face hub cache, resolved like ``huggingface_hub`` does, at call time."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    home = os.environ.get("HF_HOME") or Path(xdg) / "huggingface"
    return Path(home).expanduser() / "hub"


def hf_snapshot(repo: str) -> Path | None:
    """The cached snapshot folder of hub repository ``repo``, or None when not cached."""
    root = hf_hub_cache() / ("models--" + repo.replace("/", "--"))
    snapshots = root / "snapshots"
    ref = root / "refs" / "main"
    if ref.is_file():
        folder = snapshots / ref.read_text(encoding="utf-8").strip()
        if folder.is_dir():
            return folder
    if not snapshots.is_dir():
        return None
    found = sorted(snapshots.iterdir(), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def ct2_name(name: str) -> str:
    """The stored name of the CTranslate2 conversion of ``name``."""
    return name if name.endswith(CT2_SUFFIX) else name + CT2_SUFFIX


def resolve_model(spec: str, kind: str) -> ModelRef:
    """Find the complete model folder that ``spec`` names, for runtime ``kind``.

    ``spec`` is a path, a name stored in ``models_dir()``, or a catalogue alias.
    Raises ModelMissingError when it is not on this machine or incomplete, and
    KumaError when the folder is of the other kind or an unsupported architecture.
    """
    wanted = ModelKind(kind)
    if _looks_like_path(spec):
        path = Path(spec).expanduser()
        if path.is_file():
            raise ModelMissingError(f"{path} is a file: give the model folder that holds it")
        if not path.is_dir():
            raise ModelMissingError(f"model folder {path} does not exist")
        return _expect_kind(inspect_folder(path, name=path.name), wanted)
    stored_as = ct2_name(spec) if wanted is ModelKind.CT2 and _alias(spec) else spec
    stored = models_dir() / stored_as
    if stored.is_dir():
        return _expect_kind(inspect_folder(stored, name=stored_as, pull=stored_as), wanted)
    alias = _alias(spec.removesuffix(CT2_SUFFIX))
    if alias is None:
        known = ", ".join(translation_aliases())
        raise ModelMissingError(
            f"unknown model {spec!r}: give a folder, an alias ({known}) or a name "
            "imported with `kuma models import`"
        )
    if wanted is ModelKind.CT2:
        raise ModelMissingError(
            f"model {stored_as} (CTranslate2 conversion of {alias.repo_id}) is not on this "
            f"machine: run `kuma models pull {stored_as}`"
        )
    snapshot = hf_snapshot(alias.repo_id)
    if snapshot is None:
        raise ModelMissingError(
            f"model {alias.alias} ({alias.repo_id}) is not on this machine: "
            f"run `kuma models pull {alias.alias}`"
        )
    return _expect_kind(inspect_folder(snapshot, name=alias.alias, pull=alias.alias), wanted)


def translation_aliases() -> list[str]:
    """Aliases of the translation models in the catalogue."""
    return [m.alias for m in CATALOGUE.values() if m.kind is CatalogueKind.TRANSLATION]


def _alias(name: str) -> KnownModel | None:
    model = CATALOGUE.get(name)
    return model if model is not None and model.kind is CatalogueKind.TRANSLATION else None


def _looks_like_path(spec: str) -> bool:
    return os.sep in spec or "/" in spec or spec.startswith((".", "~")) or Path(spec).is_dir()


def _expect_kind(ref: ModelRef, wanted: ModelKind) -> ModelRef:
    if ref.kind is wanted:
        return ref
    if ref.kind is ModelKind.CT2:
        raise KumaError(f"model folder {ref.path} is a CTranslate2 conversion: use --engine ct2")
    raise KumaError(
        f"model folder {ref.path} is a transformers checkpoint, not a CTranslate2 "
        f"conversion: use --engine {ref.family.value}, or convert it with "
        "ct2-transformers-converter --copy_files"
    )


def inspect_folder(path: Path, name: str, pull: str = "") -> ModelRef:
    """Detect the kind and family of the model in ``path`` and check nothing is missing."""
    if (path / "model.bin").exists() or (path / "shared_vocabulary.json").exists():
        ref = ModelRef(path, ModelKind.CT2, _tokenizer_family(path, name, pull), name, pull)
        _check_ct2(ref)
    else:
        ref = ModelRef(path, ModelKind.TRANSFORMERS, _config_family(path, name, pull), name, pull)
        _check_weights(ref)
    _check_tokenizer(ref)
    return ref


def _read_json(path: Path, owner: ModelRef) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelMissingError(
            f"model folder {owner.path} has an unreadable {path.name} ({type(exc).__name__})"
            f"{owner.repair_hint()}"
        ) from None
    if not isinstance(data, dict):
        raise owner.missing(f"has an invalid {path.name}")
    return data


def _config_family(path: Path, name: str, pull: str) -> Family:
    probe = ModelRef(path, ModelKind.TRANSFORMERS, Family.NLLB, name, pull)
    config = path / "config.json"
    if not config.exists():
        raise probe.missing("has no config.json (partial download?)")
    model_type = _read_json(config, probe).get("model_type")
    families = {"m2m_100": Family.NLLB, "marian": Family.MARIAN}
    if model_type not in families:
        raise KumaError(
            f"model folder {path} holds a {model_type!r} model; Kuma runs NLLB (m2m_100) "
            "and Marian checkpoints"
        )
    return families[str(model_type)]


def _tokenizer_family(path: Path, name: str, pull: str) -> Family:
    """The family of a CTranslate2 folder, told by the tokenizer files copied beside it.

    ``tokenizer_config.json`` is required for NLLB: it carries the language codes,
    which a tokenizer rebuilt from ``sentencepiece.bpe.model`` alone may lack.
    """
    probe = ModelRef(path, ModelKind.CT2, Family.NLLB, name, pull)
    if (path / "source.spm").exists():
        return Family.MARIAN
    config = path / "tokenizer_config.json"
    if not config.exists():
        raise probe.missing(
            "has no tokenizer files (convert it with ct2-transformers-converter --copy_files)"
        )
    tokenizer_class = str(_read_json(config, probe).get("tokenizer_class", ""))
    return Family.MARIAN if tokenizer_class.startswith("Marian") else Family.NLLB


def _check_weights(ref: ModelRef) -> None:
    for index in ("model.safetensors.index.json", "pytorch_model.bin.index.json"):
        if (ref.path / index).exists():
            weight_map = _read_json(ref.path / index, ref).get("weight_map", {})
            shards = sorted(set(weight_map.values())) if isinstance(weight_map, dict) else []
            for shard in shards:
                if not (ref.path / shard).exists():
                    raise ref.missing(f"has no {shard} (partial download?)")
            if shards:
                return
    if not any((ref.path / w).exists() for w in ("model.safetensors", "pytorch_model.bin")):
        raise ref.missing("has no model weights (model.safetensors; partial download?)")


def _check_ct2(ref: ModelRef) -> None:
    for needed in ("model.bin", "config.json"):
        if not (ref.path / needed).exists():
            raise ref.missing(f"has no {needed} (partial conversion?)")
    vocabularies = ("shared_vocabulary", "source_vocabulary", "target_vocabulary")
    if not any((ref.path / f"{v}.{ext}").exists() for v in vocabularies for ext in ("json", "txt")):
        raise ref.missing("has no vocabulary file (partial conversion?)")


def _check_tokenizer(ref: ModelRef) -> None:
    if ref.family is Family.MARIAN:
        needed = ("source.spm", "target.spm", "vocab.json")
        for file in needed:
            if not (ref.path / file).exists():
                raise ref.missing(f"has no {file} (tokenizer file missing)")
    elif not any((ref.path / f).exists() for f in ("tokenizer.json", "sentencepiece.bpe.model")):
        raise ref.missing("has no tokenizer.json or sentencepiece.bpe.model (tokenizer missing)")
