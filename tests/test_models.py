"""Model management: the catalogue, checking folders, importing them, listing what is on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from model_folders import folder_bytes, isolate, make_hub_entry, make_model, safetensors_bytes

from pipeline.errors import KumaError, ModelMissingError
from pipeline.models.catalogue import CATALOGUE, ModelKind
from pipeline.models.checkpoint import CheckpointError, inspect_checkpoint
from pipeline.models.listing import list_models
from pipeline.models.locate import resolve_model
from pipeline.models.store import import_model, read_index, stored_models


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(Kuma's models folder, the hub cache), both empty, inside tmp_path."""
    return isolate(monkeypatch, tmp_path)


# -- catalogue ---------------------------------------------------------------


@pytest.mark.parametrize(
    "alias, repo, family, kind",
    [
        ("nllb-600m", "facebook/nllb-200-distilled-600M", "nllb", "translation"),
        ("nllb-1.3b", "facebook/nllb-200-distilled-1.3B", "nllb", "translation"),
        ("nllb-3.3b", "facebook/nllb-200-3.3B", "nllb", "translation"),
        ("opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-fr", "marian", "translation"),
        ("opus-mt-en-ar", "Helsinki-NLP/opus-mt-en-ar", "marian", "translation"),
        ("mms-tts-bam", "facebook/mms-tts-bam", "mms", "voice"),
        ("mms-tts-fra", "facebook/mms-tts-fra", "mms", "voice"),
        ("mms-tts-ara", "facebook/mms-tts-ara", "mms", "voice"),
    ],
)
def test_catalogue(alias: str, repo: str, family: str, kind: str) -> None:
    model = CATALOGUE[alias]
    assert (model.repo_id, model.family, model.kind.value) == (repo, family, kind)
    assert model.size_mb > 0 and model.languages
    assert model.convertible is (model.kind is ModelKind.TRANSLATION)


def test_nllb_serves_every_target_language() -> None:
    assert CATALOGUE["nllb-600m"].languages == ("fr", "ar", "bm", "dyu")


# -- checking folders --------------------------------------------------------


@pytest.mark.parametrize(
    "kind, family, fmt",
    [
        ("nllb", "nllb", "transformers"),
        ("marian", "marian", "transformers"),
        ("mms", "mms", "transformers"),
        ("nllb-ct2", "nllb", "ct2"),
    ],
)
def test_a_complete_folder_is_recognised(tmp_path: Path, kind: str, family: str, fmt: str) -> None:
    checkpoint = inspect_checkpoint(make_model(tmp_path / "m", kind))
    assert (checkpoint.family, checkpoint.format) == (family, fmt)
    assert checkpoint.size_bytes == folder_bytes(kind)


@pytest.mark.parametrize(
    "kind, missing, says",
    [
        ("nllb", "config.json", "has no config.json"),
        ("nllb", "model.safetensors", "has no model weights"),
        ("nllb", "sentencepiece.bpe.model", "has no tokenizer.json or sentencepiece.bpe.model"),
        ("marian", "target.spm", "has no target.spm"),
        ("marian", "vocab.json", "has no vocab.json"),
        ("mms", "model.safetensors", "has no model weights"),
        ("mms", "vocab.json", "has no vocab.json"),
        ("nllb-ct2", "shared_vocabulary.json", "has no vocabulary file"),
        ("nllb-ct2", "tokenizer_config.json", "has no tokenizer files"),
    ],
)
def test_a_partial_folder_names_the_missing_file(
    tmp_path: Path, kind: str, missing: str, says: str
) -> None:
    folder = make_model(tmp_path / "m", kind, without=(missing,))
    with pytest.raises(ModelMissingError) as caught:
        inspect_checkpoint(folder)
    assert str(caught.value).startswith(f"model folder {folder} {says}")


def test_a_missing_file_of_a_known_model_says_what_to_pull(tmp_path: Path) -> None:
    folder = make_model(tmp_path / "m", "mms", without=("vocab.json",))
    with pytest.raises(ModelMissingError) as caught:
        inspect_checkpoint(folder, pull="mms-tts-bam")
    assert str(caught.value) == (
        f"model folder {folder} has no vocab.json (tokenizer file missing): "
        "run `kuma models pull mms-tts-bam`"
    )


def test_a_missing_shard_is_named(tmp_path: Path) -> None:
    folder = make_model(tmp_path / "m", "nllb", without=("model.safetensors",))
    index = {"weight_map": {"a": "model-00001-of-00002.safetensors",
                            "b": "model-00002-of-00002.safetensors"}}
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    (folder / "model-00001-of-00002.safetensors").write_bytes(safetensors_bytes())
    with pytest.raises(ModelMissingError, match="has no model-00002-of-00002.safetensors"):
        inspect_checkpoint(folder)


WHOLE = len(safetensors_bytes())


@pytest.mark.parametrize(
    "file, data, why",
    [
        ("model.safetensors", safetensors_bytes()[:-3], f"truncated: {WHOLE - 3} of {WHOLE} bytes"),
        ("model.safetensors", safetensors_bytes()[:20], "truncated: 20 bytes"),
        ("model.safetensors", b"", "empty"),
        ("model.safetensors", b"\x04\0\0\0\0\0\0\0{{{{", "unreadable header"),
        ("pytorch_model.bin", b"PK\x03\x04 cut short", "not a complete PyTorch archive"),
        ("sentencepiece.bpe.model", b"", "empty"),
    ],
    ids=["data-cut", "header-cut", "empty", "bad-header", "bad-zip", "empty-spm"],
)
def test_a_damaged_file_is_refused(tmp_path: Path, file: str, data: bytes, why: str) -> None:
    folder = make_model(tmp_path / "m", "nllb")
    (folder / file).write_bytes(data)
    with pytest.raises(CheckpointError) as caught:
        inspect_checkpoint(folder)
    assert str(caught.value) == (
        f"model file {folder / file} is damaged ({why}): copy the whole folder again"
    )


def test_an_unsupported_architecture_is_refused(tmp_path: Path) -> None:
    folder = make_model(tmp_path / "m", "nllb")
    (folder / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(KumaError, match="holds a 'bert' model"):
        inspect_checkpoint(folder)


def test_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError) as caught:
        inspect_checkpoint(tmp_path / "nowhere")
    assert str(caught.value) == f"model folder {tmp_path / 'nowhere'} does not exist"


# -- importing ---------------------------------------------------------------


def test_import_copies_checks_and_records(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    source = make_model(tmp_path / "usb" / "nllb-600M", "nllb")
    stored = import_model(source, "my-nllb")
    assert stored.path == models / "my-nllb"
    assert (stored.family, stored.format, stored.source) == ("nllb", "transformers", str(source))
    assert stored.size_bytes == folder_bytes("nllb")
    assert sorted(p.name for p in stored.path.iterdir()) == sorted(p.name for p in source.iterdir())
    assert read_index()["my-nllb"] == stored
    assert [p.name for p in models.iterdir() if p.name.startswith(".my-nllb")] == []
    # what was imported is what --model finds
    assert resolve_model("my-nllb", "transformers").path == models / "my-nllb"


def test_import_follows_the_links_of_a_hub_snapshot(
    tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    snapshot = make_hub_entry(tmp_path / "other-machine", "facebook/mms-tts-bam", "mms")
    stored = import_model(snapshot, "mms-tts-bam")
    assert stored.family == "mms"
    assert not any(p.is_symlink() for p in stored.path.iterdir())
    assert (stored.path / "vocab.json").read_text() == (snapshot / "vocab.json").read_text()


def test_a_partial_folder_is_not_imported(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    source = make_model(tmp_path / "usb", "marian", without=("source.spm",))
    with pytest.raises(ModelMissingError, match="has no source.spm"):
        import_model(source, "opus")
    assert not (models / "opus").exists()


def test_an_interrupted_copy_leaves_nothing(
    tmp_path: Path, dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    models, _ = dirs
    source = make_model(tmp_path / "usb", "nllb")

    def pulled_out(src: Path, dst: Path, **kwargs: object) -> None:
        shutil.copy(Path(src) / "config.json", dst)
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(shutil, "copytree", pulled_out)
    with pytest.raises(OSError):
        import_model(source, "my-nllb")
    assert list(models.iterdir()) == []


def test_a_copy_damaged_on_the_way_is_not_installed(
    tmp_path: Path, dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    models, _ = dirs
    source = make_model(tmp_path / "usb", "nllb")
    copytree = shutil.copytree

    def bad_read(src: Path, dst: Path, **kwargs: object) -> None:
        copytree(src, dst, **kwargs)  # type: ignore[arg-type]
        weights = Path(dst) / "model.safetensors"
        weights.write_bytes(weights.read_bytes()[:-10])

    monkeypatch.setattr(shutil, "copytree", bad_read)
    with pytest.raises(CheckpointError, match="is damaged"):
        import_model(source, "my-nllb")
    assert list(models.iterdir()) == []


def test_an_existing_name_is_kept_unless_forced(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    import_model(make_model(tmp_path / "a", "nllb"), "mine")
    with pytest.raises(CheckpointError) as caught:
        import_model(make_model(tmp_path / "b", "marian"), "mine")
    assert str(caught.value) == (
        f"a model named 'mine' already exists in {models}: "
        "choose another --name or use --force to replace it"
    )
    assert read_index()["mine"].family == "nllb"
    assert import_model(tmp_path / "b", "mine", replace=True).family == "marian"
    assert (models / "mine" / "source.spm").exists()
    assert sorted(p.name for p in models.iterdir()) == [".index.lock", "index.json", "mine"]


NAMING = "use lowercase letters, digits, '.', '_' or '-'"


@pytest.mark.parametrize(
    "kind, name, message",
    [
        ("nllb-ct2", "nllb-600m",
         "{path} is a CTranslate2 conversion: import it as nllb-600m-ct2"),
        ("nllb", "mine-ct2",
         "{path} is a transformers checkpoint, not a CTranslate2 conversion: import it as mine"),
        ("nllb", "Mine", "invalid model name 'Mine': " + NAMING),
        ("nllb", "../x", "invalid model name '../x': " + NAMING),
        ("nllb", "index.json", "invalid model name 'index.json': " + NAMING),
    ],
)
def test_names_that_would_mislead_are_refused(
    tmp_path: Path, dirs: tuple[Path, Path], kind: str, name: str, message: str
) -> None:
    source = make_model(tmp_path / "usb", kind)
    with pytest.raises(CheckpointError) as caught:
        import_model(source, name)
    assert str(caught.value) == message.format(path=source)


def test_a_ct2_folder_imported_under_its_ct2_name_is_found_by_the_ct2_engine(
    tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    import_model(make_model(tmp_path / "usb", "nllb-ct2"), "nllb-600m-ct2")
    assert resolve_model("nllb-600m", "ct2").name == "nllb-600m-ct2"


def test_folders_copied_by_hand_are_listed_from_their_files(dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    make_model(models / "by-hand", "marian")
    make_model(models / "broken", "marian", without=("vocab.json",))
    found = stored_models()
    assert (found["by-hand"].family, found["by-hand"].source) == ("marian", "copied by hand")
    assert found["broken"].family == ""


def test_an_unreadable_index_counts_as_empty(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    import_model(make_model(tmp_path / "a", "nllb"), "mine")
    (models / "index.json").write_text("{not json")
    assert read_index() == {}
    assert stored_models()["mine"].source == "copied by hand"


# -- listing -----------------------------------------------------------------


def test_list_with_an_empty_machine(dirs: tuple[Path, Path]) -> None:
    rows = list_models()
    assert [row.name for row in rows] == list(CATALOGUE)
    assert not any(row.on_disk or row.converted or row.problem for row in rows)
    assert rows[0].download_mb == 2500


def test_list_finds_the_hub_cache_kuma_models_and_conversions(
    tmp_path: Path, dirs: tuple[Path, Path]
) -> None:
    models, cache = dirs
    snapshot = make_hub_entry(cache, "facebook/nllb-200-distilled-600M", "nllb")
    make_hub_entry(cache, "Helsinki-NLP/opus-mt-en-fr", "marian", without=("target.spm",))
    import_model(make_model(tmp_path / "a", "nllb-ct2"), "nllb-600m-ct2")
    import_model(make_model(tmp_path / "b", "mms"), "mms-tts-bam")
    import_model(make_model(tmp_path / "c", "nllb"), "field-nllb")
    import_model(make_model(tmp_path / "d", "nllb-ct2"), "field-nllb-ct2")
    import_model(make_model(tmp_path / "e", "nllb-ct2"), "lone-ct2")
    rows = {row.name: row for row in list_models()}
    assert list(rows)[-2:] == ["field-nllb", "lone-ct2"]

    nllb = rows["nllb-600m"]
    assert (nllb.on_disk, nllb.where, nllb.path) == (True, "hf-cache", str(snapshot))
    assert nllb.size_bytes == folder_bytes("nllb")
    assert (nllb.converted, nllb.ct2_path) == (True, str(models / "nllb-600m-ct2"))
    assert nllb.ct2_size_bytes == folder_bytes("nllb-ct2")

    opus = rows["opus-mt-en-fr"]
    assert (opus.on_disk, opus.where) == (False, "hf-cache")
    assert opus.problem.endswith("has no target.spm (tokenizer file missing): "
                                 "run `kuma models pull opus-mt-en-fr`")

    voice = rows["mms-tts-bam"]
    assert (voice.on_disk, voice.where, voice.kind) == (True, "kuma", "voice")
    assert not voice.converted

    field = rows["field-nllb"]
    assert (field.on_disk, field.converted, field.family, field.kind) == (
        True, True, "nllb", "translation"
    )
    lone = rows["lone-ct2"]
    assert (lone.on_disk, lone.converted, lone.path, lone.ct2_path) == (
        True, True, "", str(models / "lone-ct2")
    )
    assert not rows["nllb-1.3b"].on_disk


def test_list_as_json_is_plain_data(dirs: tuple[Path, Path]) -> None:
    data = json.loads(json.dumps([row.to_dict() for row in list_models()]))
    assert data[0]["name"] == "nllb-600m"
    assert data[0]["languages"] == ["fr", "ar", "bm", "dyu"]
    assert set(data[0]) >= {"on_disk", "where", "path", "size_bytes", "converted", "ct2_path"}
