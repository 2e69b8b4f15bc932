"""``kuma models convert`` and the conversion after a pull, on real (tiny) checkpoints."""

from __future__ import annotations

import shutil
from pathlib import Path

import huggingface_hub
import pytest
from click.testing import CliRunner
from model_folders import isolate
from tiny_models import TinyModels

from pipeline.cli import cli
from pipeline.commands.models import format_size
from pipeline.errors import KumaError
from pipeline.models import convert as convert_module
from pipeline.models.convert import TOKENIZER_FILES, convert_model
from pipeline.models.listing import list_models
from pipeline.models.locate import resolve_model
from pipeline.models.pull import pull_model
from pipeline.models.store import import_model, read_index

CT2_FILES = {"model.bin", "config.json", "shared_vocabulary.json"}


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Kuma's (empty) models folder on an isolated machine."""
    return isolate(monkeypatch, tmp_path)[0]


def tokenizer_files(folder: Path) -> set[str]:
    return {name for name in TOKENIZER_FILES if (folder / name).is_file()}


@pytest.mark.parametrize("which", ["nllb", "marian_fr"])
def test_convert_writes_model_bin_and_the_tokenizer_files(
    tiny_models: TinyModels, models: Path, which: str
) -> None:
    source: Path = getattr(tiny_models, which)
    import_model(source, "tiny")
    stored = convert_model("tiny", show_progress=False)
    assert (stored.name, stored.format, stored.source) == ("tiny-ct2", "ct2", "tiny (int8)")
    assert stored.path == models / "tiny-ct2"
    files = {p.name for p in stored.path.iterdir()}
    assert files == CT2_FILES | tokenizer_files(source)
    assert tokenizer_files(source) >= (
        {"sentencepiece.bpe.model"} if which == "nllb" else {"source.spm", "target.spm"}
    )
    assert read_index()["tiny-ct2"] == stored
    assert [p.name for p in models.iterdir() if p.name.endswith(".partial")] == []
    ref = resolve_model("tiny-ct2", "ct2")
    assert ref.family.value == ("nllb" if which == "nllb" else "marian")


def test_the_conversion_loads_and_translates(tiny_models: TinyModels, models: Path) -> None:
    import ctranslate2

    import_model(tiny_models.nllb, "tiny")
    stored = convert_model("tiny", show_progress=False)
    translator = ctranslate2.Translator(str(stored.path), device="cpu", compute_type="int8")
    result = translator.translate_batch(
        [["▁The", "▁army", "</s>", "eng_Latn"]], target_prefix=[["fra_Latn"]],
        max_decoding_length=8,
    )
    assert result[0].hypotheses[0][0] == "fra_Latn"


def test_converting_again_replaces_the_conversion(tiny_models: TinyModels, models: Path) -> None:
    import_model(tiny_models.marian_fr, "tiny")
    convert_model("tiny", show_progress=False)
    (models / "tiny-ct2" / "stale").write_text("from the last conversion")
    convert_model("tiny", show_progress=False)
    assert not (models / "tiny-ct2" / "stale").exists()
    with pytest.raises(KumaError, match="already exists"):
        convert_model("tiny", replace=False, show_progress=False)


def test_a_failed_conversion_leaves_nothing(
    tiny_models: TinyModels, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ctranslate2.converters import TransformersConverter

    def fail(self: object, output_dir: str, **kwargs: object) -> str:
        Path(output_dir, "model.bin").write_bytes(b"half")
        raise RuntimeError("out of memory")

    monkeypatch.setattr(TransformersConverter, "convert", fail)
    import_model(tiny_models.nllb, "tiny")
    with pytest.raises(KumaError) as caught:
        convert_model("tiny", show_progress=False)
    assert str(caught.value) == f"could not convert tiny ({models / 'tiny'}): out of memory"
    assert sorted(p.name for p in models.iterdir()) == [".index.lock", "index.json", "tiny"]


def test_without_ctranslate2_the_error_says_what_to_install(
    tiny_models: TinyModels, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_model(tiny_models.nllb, "tiny")
    real = convert_module.find_spec
    monkeypatch.setattr(
        convert_module, "find_spec", lambda name: None if name == "ctranslate2" else real(name)
    )
    with pytest.raises(KumaError) as caught:
        convert_model("tiny")
    assert str(caught.value) == (
        "converting needs ctranslate2, which is not installed: pip install 'kuma[mt]'"
    )


def hub_copy(source: Path, cache: Path, repo: str) -> Path:
    """Put ``source`` in the hub cache as huggingface_hub would (a snapshot under a commit)."""
    root = cache / ("models--" + repo.replace("/", "--"))
    snapshot = root / "snapshots" / ("0" * 40)
    shutil.copytree(source, snapshot)
    (root / "refs").mkdir()
    (root / "refs" / "main").write_text("0" * 40)
    return snapshot


def test_pull_downloads_then_converts(
    tiny_models: TinyModels, tmp_path: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_download(repo_id: str, **kwargs: object) -> str:
        return str(hub_copy(tiny_models.nllb, Path(str(kwargs["cache_dir"])), repo_id))

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    messages: list[str] = []
    result = pull_model("nllb-600m", show_progress=False, report=messages.append)
    assert result.downloaded and result.converted is not None
    assert result.converted.path == models / "nllb-600m-ct2"
    assert messages[1] == "converting nllb-600m to CTranslate2 int8 (nllb-600m-ct2)"
    row = next(r for r in list_models() if r.name == "nllb-600m")
    assert (row.on_disk, row.where, row.converted) == (True, "hf-cache", True)
    # what the engines resolve is what was pulled
    assert resolve_model("nllb-600m", "ct2").path == models / "nllb-600m-ct2"
    assert resolve_model("nllb-600m", "transformers").path == result.path

    again = pull_model("nllb-600m", show_progress=False)
    assert (again.downloaded, again.converted) == (False, None)
    assert again.note == "nllb-600m-ct2 is already converted"


def test_convert_from_the_command_line(tiny_models: TinyModels, models: Path) -> None:
    import_model(tiny_models.marian_fr, "opus-mt-en-fr")
    result = CliRunner().invoke(cli, ["models", "convert", "opus-mt-en-fr", "-q"])
    assert result.exit_code == 0, result.output
    size = format_size(read_index()["opus-mt-en-fr-ct2"].size_bytes)
    assert result.stdout == (
        f"opus-mt-en-fr-ct2: {size} written to {models / 'opus-mt-en-fr-ct2'}\n"
    )
    assert result.stderr == ""
