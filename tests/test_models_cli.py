"""``kuma models list | import | pull | convert`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from model_folders import folder_bytes, isolate, make_hub_entry, make_model

from pipeline.cli import cli
from pipeline.commands.models import format_size


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(Kuma's models folder, the hub cache), both empty, inside tmp_path."""
    return isolate(monkeypatch, tmp_path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "size, text",
    [(0, "0 B"), (999, "999 B"), (1000, "1.0 KB"), (2_500_000_000, "2.5 GB"),
     (17.6e9, "17.6 GB"), (3e12, "3000.0 GB")],
)
def test_format_size(size: float, text: str) -> None:
    assert format_size(size) == text


def test_list_table(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, cache = dirs
    make_hub_entry(cache, "facebook/nllb-200-distilled-600M", "nllb")
    opus = make_hub_entry(cache, "Helsinki-NLP/opus-mt-en-fr", "marian", without=("vocab.json",))
    make_model(models / "nllb-600m-ct2", "nllb-ct2")
    code, out, _ = invoke("models", "list")
    assert code == 0, out
    nllb, ct2 = format_size(folder_bytes("nllb")), format_size(folder_bytes("nllb-ct2"))
    assert out.splitlines() == [
        "name           kind         languages     on disk     size       ct2 int8",
        f"nllb-600m      translation  fr ar bm dyu  hf-cache    {nllb}      yes, {ct2}",
        "nllb-1.3b      translation  fr ar bm dyu  no          ~5.5 GB    no",
        "nllb-3.3b      translation  fr ar bm dyu  no          ~17.6 GB   no",
        "opus-mt-en-fr  translation  fr            incomplete             no",
        "opus-mt-en-ar  translation  ar            no          ~310.0 MB  no",
        "mms-tts-bam    voice        bm            no          ~145.0 MB  -",
        "mms-tts-fra    voice        fr            no          ~145.0 MB  -",
        "mms-tts-ara    voice        ar            no          ~145.0 MB  -",
        f"! opus-mt-en-fr: model folder {opus} has no vocab.json (tokenizer file missing): "
        "run `kuma models pull opus-mt-en-fr`",
        f"Hugging Face cache: {cache}",
        f"Kuma models: {models}",
        "Get one with `kuma models pull NAME`, or `kuma models import PATH --name NAME`.",
    ]


def test_list_json(dirs: tuple[Path, Path]) -> None:
    code, out, _ = invoke("models", "list", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert [row["name"] for row in data][:2] == ["nllb-600m", "nllb-1.3b"]
    assert data[0]["on_disk"] is False and data[0]["repo"] == "facebook/nllb-200-distilled-600M"


def test_import(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    models, _ = dirs
    source = make_model(tmp_path / "usb" / "opus", "marian")
    code, out, err = invoke("models", "import", str(source), "--name", "opus-mt-en-fr")
    assert code == 0, err
    size = format_size(folder_bytes("marian"))
    assert out == (
        f"opus-mt-en-fr: marian (transformers, {size}) imported to {models}/opus-mt-en-fr\n"
    )
    assert err == f"copying {source} (marian, transformers) to {models}\n"
    code, out, _ = invoke("models", "list")
    assert "opus-mt-en-fr  translation  fr            kuma" in out


def test_import_quiet_and_refusals(tmp_path: Path, dirs: tuple[Path, Path]) -> None:
    source = make_model(tmp_path / "usb", "nllb", without=("sentencepiece.bpe.model",))
    code, out, err = invoke("models", "import", str(source), "--name", "x", "-q")
    assert (code, out) == (1, "")
    assert err == (
        f"Error: model folder {source} has no tokenizer.json or sentencepiece.bpe.model "
        "(tokenizer missing): copy or convert the whole folder again\n"
    )
    code, _, err = invoke("models", "import", str(tmp_path / "nowhere"), "--name", "x")
    assert code == 2 and "does not exist" in err


def test_pull_offline(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    code, out, err = invoke("models", "pull", "opus-mt-en-ar")
    assert (code, out) == (1, "")
    assert err == (
        "downloading opus-mt-en-ar (Helsinki-NLP/opus-mt-en-ar, about 0.3 GB) into "
        f"{dirs[1]}\n"
        "Error: could not download Helsinki-NLP/opus-mt-en-ar: HF_HUB_OFFLINE is set (copy the "
        "model folder from another machine and run `kuma models import PATH --name "
        "opus-mt-en-ar`)\n"
    )


def test_pull_of_a_cached_voice(dirs: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    snapshot = make_hub_entry(dirs[1], "facebook/mms-tts-bam", "mms")
    code, out, err = invoke("models", "pull", "mms-tts-bam", "--quiet")
    assert (code, out, err) == (0, f"mms-tts-bam: already in {snapshot}\n", "")


def test_convert_a_model_that_is_not_here(dirs: tuple[Path, Path]) -> None:
    code, _, err = invoke("models", "convert", "nllb-1.3b")
    assert code == 1
    assert err == (
        "Error: model nllb-1.3b (facebook/nllb-200-distilled-1.3B) is not on this machine: "
        "run `kuma models pull nllb-1.3b`\n"
    )


def test_convert_a_voice(dirs: tuple[Path, Path]) -> None:
    code, _, err = invoke("models", "convert", "mms-tts-bam")
    assert code == 1
    assert err == (
        "Error: mms-tts-bam is a voice (mms): CTranslate2 converts translation models only\n"
    )
