"""``kuma tm stats`` and ``kuma tm clear``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.translate.memory import TranslationMemory


@pytest.fixture
def tm_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A memory with 2 nllb entries into French, 1 into Arabic and 1 human one, via KUMA_TM."""
    path = tmp_path / "tm.sqlite"
    monkeypatch.setenv("KUMA_TM", str(path))
    with TranslationMemory(path) as memory:
        memory.store({"a": "1", "b": "2"}, "en", "fr", "nllb", "nllb-600m", "g")
        memory.store({"a": "3"}, "en", "ar", "nllb", "nllb-600m", "g")
        memory.store_human({"a": "4"}, "en", "fr")
    return path


def invoke(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_stats_table(tm_path: Path) -> None:
    code, out, _ = invoke("tm", "stats")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].startswith(f"Translation memory {tm_path}: 4 entries, ")
    assert lines[0].endswith(" KB")
    assert lines[1:] == [
        "engine          pair     entries",
        "human           en-fr          1",
        "nllb:nllb-600m  en-ar          1",
        "nllb:nllb-600m  en-fr          2",
    ]


def test_stats_json(tm_path: Path) -> None:
    code, out, _ = invoke("tm", "stats", "--json")
    assert code == 0, out
    data = json.loads(out)
    assert (data["entries"], data["path"]) == (4, str(tm_path))
    assert data["by_engine"] == {"human": 1, "nllb": 3}
    assert data["by_pair"] == {"en-fr": 3, "en-ar": 1}


def test_stats_of_another_file_and_of_an_empty_memory(tmp_path: Path, tm_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    code, out, _ = invoke("tm", "stats", "--memory", str(other))
    assert (code, out) == (0, f"Translation memory {other}: empty\n")
    assert not other.exists()


@pytest.mark.parametrize(
    "options, prompt, removed, left",
    [
        ([], "every entry", "4 entries", 0),
        (["--engine", "nllb"], "the nllb entries", "3 entries", 1),
        (["--lang", "AR"], "the entries into ar", "1 entry", 3),
        (["--engine", "human", "--lang", "fr"], "the human entries into fr", "1 entry", 3),
    ],
)
def test_clear_asks_then_removes(
    tm_path: Path, options: list[str], prompt: str, removed: str, left: int
) -> None:
    code, out, err = invoke("tm", "clear", *options, input="y\n")
    assert code == 0, out
    assert err == f"Remove {prompt} from {tm_path}? [y/N]: y\n"
    assert out == f"Removed {removed} from {tm_path}\n"
    assert TranslationMemory(tm_path).stats()["entries"] == left


def test_clear_refused_keeps_everything(tm_path: Path) -> None:
    code, out, err = invoke("tm", "clear", input="n\n")
    assert code == 1
    assert err.endswith("Aborted!\n")
    assert TranslationMemory(tm_path).stats()["entries"] == 4


def test_clear_yes_does_not_ask(tm_path: Path) -> None:
    code, out, err = invoke("tm", "clear", "--yes")
    assert (code, out, err) == (0, f"Removed 4 entries from {tm_path}\n", "")


def test_clear_an_unknown_language(tm_path: Path) -> None:
    code, _, err = invoke("tm", "clear", "--lang", "xx", "--yes")
    assert code == 1
    assert err == "Error: unknown language code 'xx' (known: en, fr, ar, bm, dyu)\n"


def test_a_corrupt_memory_names_the_file_and_the_way_out(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"garbage " * 1000)
    code, _, err = invoke("tm", "stats", "--memory", str(path))
    assert code == 1
    assert err == (
        f"Error: translation memory {path} is corrupt (file is not a database): "
        "run `kuma tm clear` to start a new one\n"
    )
    code, out, _ = invoke("tm", "clear", "--memory", str(path), "--yes")
    assert (code, out) == (0, f"Removed 0 entries from {path}\n")
    assert invoke("tm", "stats", "--memory", str(path))[1] == f"Translation memory {path}: empty\n"
