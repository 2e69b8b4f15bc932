"""``kuma doctor``: every engine asked about every language, through the registry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from model_folders import isolate

from pipeline import __version__
from pipeline.cli import cli
from pipeline.doctor import Usability, check_backend, diagnose, library_versions
from pipeline.document import Document
from pipeline.translate import base


class Partial:
    """A plugin serving French (usable) and Bambara (model missing)."""

    name = "partial"
    needs_network = True

    def languages(self) -> set[str]:
        return {"fr", "bm"}

    def availability(self, lang: str) -> str | None:
        return None if lang == "fr" else "model x is not on this machine: run `kuma models pull x`"

    def translate(self, document: Document, lang: str) -> None:
        raise AssertionError("the doctor never translates")


def broken(**options: object) -> Partial:
    raise ImportError("No module named 'fancy_mt'")


class Moody(Partial):
    """A plugin whose availability check itself fails."""

    def availability(self, lang: str) -> str | None:
        raise RuntimeError("disk on fire")


@pytest.fixture
def plugins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Register three plugins (undone after the test), on an isolated machine."""
    isolate(monkeypatch, tmp_path)
    monkeypatch.setitem(base.TRANSLATORS.registered, "partial", lambda **options: Partial())
    monkeypatch.setitem(base.TRANSLATORS.registered, "broken", broken)
    monkeypatch.setitem(base.TRANSLATORS.registered, "moody", lambda **options: Moody())


def test_check_backend() -> None:
    assert check_backend("partial", Partial, ["fr", "ar", "bm"]) == [
        Usability("partial", "fr", True, "", True),
        Usability("partial", "ar", False, "does not translate into ar", True),
        Usability(
            "partial",
            "bm",
            False,
            "model x is not on this machine: run `kuma models pull x`",
            True,
        ),
    ]


def test_a_plugin_that_fails_to_load_or_to_answer_is_reported() -> None:
    reason = "cannot be loaded: ImportError: No module named 'fancy_mt'"
    assert check_backend("broken", broken, ["fr"]) == [Usability("broken", "fr", False, reason)]
    assert check_backend("moody", Moody, ["fr"]) == [
        Usability("moody", "fr", False, "cannot tell: RuntimeError: disk on fire", True)
    ]


def test_diagnose_covers_every_registered_engine_and_target(plugins: None) -> None:
    result = diagnose()
    engines = {u.engine for u in result.translation}
    assert {"human", "partial", "broken", "moody"} <= engines
    assert {u.lang for u in result.translation} == {"fr", "ar", "bm", "dyu"}
    assert len(result.translation) == 4 * len(engines)
    assert "partial" in result.usable("fr") and "partial" not in result.usable("bm")
    human = next(u for u in result.translation if u.engine == "human" and u.lang == "bm")
    assert not human.usable and "kuma xliff export" in human.reason


def test_library_versions() -> None:
    versions = library_versions(["kuma", "click", "surely-not-installed-here"])
    assert versions["kuma"] == __version__
    assert versions["surely-not-installed-here"] is None
    assert versions["python"].count(".") == 2


def test_doctor_text(plugins: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["doctor"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Translation (ok = usable now, net = usable online only):"
    assert lines[1].split() == ["engine", "fr", "ar", "bm", "dyu"]
    assert "partial  net  -    -    -" in lines  # it needs the network
    assert "  partial bm: model x is not on this machine: run `kuma models pull x`" in lines
    assert "  partial ar, dyu: does not translate into <lang>" in lines
    assert (
        "  broken fr, ar, bm, dyu: cannot be loaded: ImportError: No module named 'fancy_mt'"
        in lines
    )
    assert f"  kuma {__version__}" in lines
    assert f"  kuma_home: {tmp_path / 'kuma'}" in lines
    assert f"  hf_cache: {tmp_path / 'hf' / 'hub'}" in lines
    assert "  hf_hub_offline: no" in lines


def test_doctor_json(plugins: None) -> None:
    result = CliRunner().invoke(cli, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["translation"]["partial"]["fr"] == {
        "usable": True,
        "reason": "",
        "needs_network": True,
    }
    assert data["translation"]["partial"]["dyu"]["reason"] == "does not translate into dyu"
    assert data["libraries"]["kuma"] == __version__
    assert set(data["settings"]) == {
        "kuma_home",
        "models",
        "hf_cache",
        "hf_hub_offline",
        "translation_memory",
    }


def test_doctor_lists_the_voices() -> None:
    result = CliRunner().invoke(cli, ["doctor", "--json"])
    assert result.exit_code == 0, result.output
    speech = json.loads(result.stdout)["speech"]
    assert speech["espeak"]["fr"]["usable"] is True
    assert speech["gtts"]["fr"]["needs_network"] is True
    assert "kuma models pull mms-tts-bam" in speech["mms"]["bm"]["reason"]
    assert "bm" not in speech["espeak"]
