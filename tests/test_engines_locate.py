"""Resolving ``--model`` to a folder on disk, and refusing missing, partial or corrupt ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tiny_models import TinyModels

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import KumaError, ModelMissingError
from pipeline.models.locate import Family, ModelKind, hf_hub_cache, kuma_home, resolve_model
from pipeline.translate.engines import Ct2Translator, MarianTranslator, NllbTranslator

pytestmark = pytest.mark.usefixtures("no_network")


def copy(source: Path, folder: Path) -> Path:
    shutil.copytree(source, folder)
    return folder


def hub_entry(cache: Path, repo: str, source: Path, commit: str = "0" * 40) -> Path:
    """A Hugging Face cache entry for ``repo``, laid out as huggingface_hub writes it."""
    root = cache / ("models--" + repo.replace("/", "--"))
    (root / "refs").mkdir(parents=True)
    (root / "refs" / "main").write_text(commit)
    return copy(source, root / "snapshots" / commit)


def one_segment() -> Document:
    return Document("t", "en", make_blocks([(BlockKind.PARAGRAPH, ["Kidal is calm."])]))


@pytest.mark.parametrize(
    ("attr", "kind", "family"),
    [
        ("nllb", ModelKind.TRANSFORMERS, Family.NLLB),
        ("nllb_ct2", ModelKind.CT2, Family.NLLB),
        ("marian_fr", ModelKind.TRANSFORMERS, Family.MARIAN),
        ("marian_fr_ct2", ModelKind.CT2, Family.MARIAN),
    ],
)
def test_a_path_is_inspected(
    tiny_models: TinyModels, attr: str, kind: ModelKind, family: Family
) -> None:
    path = getattr(tiny_models, attr)
    ref = resolve_model(str(path), kind.value)
    assert (ref.path, ref.kind, ref.family, ref.name, ref.pull) == (
        path,
        kind,
        family,
        path.name,
        "",
    )


def test_an_alias_is_found_in_the_hub_cache_under_hf_home(
    tiny_models: TinyModels, model_home: Path
) -> None:
    assert hf_hub_cache() == model_home / "hf" / "hub"
    snapshot = hub_entry(
        model_home / "hf" / "hub", "facebook/nllb-200-distilled-600M", tiny_models.nllb
    )
    ref = resolve_model("nllb-600m", "transformers")
    assert (ref.path, ref.name, ref.pull, ref.family) == (
        snapshot,
        "nllb-600m",
        "nllb-600m",
        Family.NLLB,
    )


def test_hf_hub_cache_wins_over_hf_home(
    tiny_models: TinyModels, model_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(model_home / "elsewhere"))
    repo = "Helsinki-NLP/opus-mt-en-fr"
    snapshot = hub_entry(model_home / "elsewhere", repo, tiny_models.marian_fr)
    assert resolve_model("opus-mt-en-fr", "transformers").path == snapshot


def test_stored_names_live_under_kuma_home(tiny_models: TinyModels, model_home: Path) -> None:
    assert kuma_home() == model_home / "kuma"
    models = model_home / "kuma" / "models"
    copy(tiny_models.nllb_ct2, models / "nllb-600m-ct2")
    copy(tiny_models.marian_fr, models / "my-marian")
    ct2 = resolve_model("nllb-600m", "ct2")
    name = "nllb-600m-ct2"
    assert (ct2.path, ct2.name, ct2.pull) == (models / name, name, name)
    assert resolve_model("nllb-600m-ct2", "ct2").path == models / "nllb-600m-ct2"
    assert resolve_model("my-marian", "transformers").family is Family.MARIAN


@pytest.mark.parametrize(
    ("spec", "kind", "message"),
    [
        (
            "nllb-600m",
            "transformers",
            "model nllb-600m (facebook/nllb-200-distilled-600M) is not on this machine: "
            "run `kuma models pull nllb-600m`",
        ),
        (
            "opus-mt-en-ar",
            "transformers",
            "model opus-mt-en-ar (Helsinki-NLP/opus-mt-en-ar) is not on this machine: "
            "run `kuma models pull opus-mt-en-ar`",
        ),
        (
            "nllb-1.3b",
            "ct2",
            "model nllb-1.3b-ct2 (CTranslate2 conversion of facebook/nllb-200-distilled-1.3B) "
            "is not on this machine: run `kuma models pull nllb-1.3b-ct2`",
        ),
        (
            "nllb-7b",
            "transformers",
            "unknown model 'nllb-7b': give a folder, an alias (nllb-600m, nllb-1.3b, "
            "nllb-3.3b, opus-mt-en-fr, opus-mt-en-ar) or a name imported with "
            "`kuma models import`",
        ),
    ],
)
def test_missing_models_say_what_to_run(
    model_home: Path, spec: str, kind: str, message: str
) -> None:
    with pytest.raises(ModelMissingError) as error:
        resolve_model(spec, kind)
    assert str(error.value) == message


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError) as error:
        resolve_model(str(tmp_path / "nowhere"), "transformers")
    assert str(error.value) == f"model folder {tmp_path / 'nowhere'} does not exist"


def test_a_file_instead_of_a_folder(tiny_models: TinyModels) -> None:
    path = tiny_models.nllb_ct2 / "model.bin"
    with pytest.raises(ModelMissingError) as error:
        resolve_model(str(path), "ct2")
    assert str(error.value) == f"{path} is a file: give the model folder that holds it"


@pytest.mark.parametrize(
    ("attr", "removed", "what"),
    [
        ("nllb", ("config.json",), "has no config.json (partial download?)"),
        (
            "nllb",
            ("model.safetensors",),
            "has no model weights (model.safetensors; partial download?)",
        ),
        (
            "nllb",
            ("tokenizer.json", "sentencepiece.bpe.model"),
            "has no tokenizer.json or sentencepiece.bpe.model (tokenizer missing)",
        ),
        ("marian_fr", ("target.spm",), "has no target.spm (tokenizer file missing)"),
        ("nllb_ct2", ("model.bin",), "has no model.bin (partial conversion?)"),
        (
            "nllb_ct2",
            ("shared_vocabulary.json",),
            "has no vocabulary file (partial conversion?)",
        ),
        (
            "nllb_ct2",
            ("tokenizer_config.json", "tokenizer.json", "sentencepiece.bpe.model"),
            "has no tokenizer files (convert it with ct2-transformers-converter --copy_files)",
        ),
    ],
)
def test_partial_folders_are_refused(
    tiny_models: TinyModels,
    model_home: Path,
    attr: str,
    removed: tuple[str, ...],
    what: str,
) -> None:
    name = "nllb-600m-ct2" if attr == "nllb_ct2" else "tiny"
    folder = copy(getattr(tiny_models, attr), model_home / "kuma" / "models" / name)
    for file in removed:
        (folder / file).unlink()
    kind = "ct2" if attr == "nllb_ct2" else "transformers"
    with pytest.raises(ModelMissingError) as error:
        resolve_model(name, kind)
    assert str(error.value) == f"model folder {folder} {what}: run `kuma models pull {name}`"


def test_a_partial_plain_folder_says_to_copy_it_again(
    tiny_models: TinyModels, tmp_path: Path
) -> None:
    folder = copy(tiny_models.nllb, tmp_path / "nllb")
    (folder / "model.safetensors").unlink()
    with pytest.raises(ModelMissingError) as error:
        resolve_model(str(folder), "transformers")
    assert str(error.value) == (
        f"model folder {folder} has no model weights (model.safetensors; partial download?): "
        "copy or convert the whole folder again"
    )


def test_a_missing_shard_is_found(tiny_models: TinyModels, tmp_path: Path) -> None:
    folder = copy(tiny_models.nllb, tmp_path / "nllb")
    (folder / "model.safetensors").rename(folder / "model-00001-of-00002.safetensors")
    shards = {"a": "model-00001-of-00002.safetensors", "b": "model-00002-of-00002.safetensors"}
    index = {"weight_map": shards}
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    with pytest.raises(ModelMissingError, match="has no model-00002-of-00002.safetensors"):
        resolve_model(str(folder), "transformers")


def test_a_corrupt_config_is_reported(tiny_models: TinyModels, tmp_path: Path) -> None:
    folder = copy(tiny_models.nllb, tmp_path / "nllb")
    (folder / "config.json").write_text("{not json")
    with pytest.raises(ModelMissingError) as error:
        resolve_model(str(folder), "transformers")
    assert str(error.value).startswith(
        f"model folder {folder} has an unreadable config.json (JSONDecodeError)"
    )


def test_an_unsupported_architecture(tiny_models: TinyModels, tmp_path: Path) -> None:
    folder = copy(tiny_models.nllb, tmp_path / "bert")
    (folder / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(KumaError) as error:
        resolve_model(str(folder), "transformers")
    assert str(error.value) == (
        f"model folder {folder} holds a 'bert' model; Kuma runs NLLB (m2m_100) and Marian "
        "checkpoints"
    )


@pytest.mark.parametrize(
    ("attr", "kind", "message"),
    [
        ("nllb_ct2", "transformers", "is a CTranslate2 conversion: use --engine ct2"),
        (
            "nllb",
            "ct2",
            "is a transformers checkpoint, not a CTranslate2 conversion: use --engine nllb, "
            "or convert it with ct2-transformers-converter --copy_files",
        ),
    ],
)
def test_the_wrong_kind_of_folder(
    tiny_models: TinyModels, attr: str, kind: str, message: str
) -> None:
    path = getattr(tiny_models, attr)
    with pytest.raises(KumaError) as error:
        resolve_model(str(path), kind)
    assert str(error.value) == f"model folder {path} {message}"


def test_the_wrong_family_for_the_engine(tiny_models: TinyModels) -> None:
    engine = NllbTranslator(model=str(tiny_models.marian_fr))
    with pytest.raises(KumaError) as error:
        engine.translate(one_segment(), "fr")
    assert str(error.value) == "model marian-en-fr is a marian model: use --engine marian"


@pytest.mark.parametrize(
    ("attr", "damaged", "message"),
    [
        ("nllb", "model.safetensors", "has corrupt weights (SafetensorError"),
        ("nllb", "tokenizer.json", "has corrupt tokenizer files ("),
        ("marian_fr", "source.spm", "has corrupt tokenizer files ("),
        ("nllb_ct2", "model.bin", "has corrupt weights (model.bin) ("),
    ],
)
def test_corrupt_files_fail_with_a_clear_error(
    tiny_models: TinyModels, tmp_path: Path, attr: str, damaged: str, message: str
) -> None:
    folder = copy(getattr(tiny_models, attr), tmp_path / attr)
    data = (folder / damaged).read_bytes()
    (folder / damaged).write_bytes(data[: len(data) // 3])  # a copy cut short
    engines = {"nllb": NllbTranslator, "marian_fr": MarianTranslator, "nllb_ct2": Ct2Translator}
    engine = engines[attr](model=str(folder))
    with pytest.raises(ModelMissingError) as error:
        engine.translate(one_segment(), "fr")
    assert str(error.value).startswith(f"model folder {folder} {message}")
    assert str(error.value).endswith("): copy or convert the whole folder again")
