"""Plugins for real: backends register through entry-point metadata, Kuma's own included.

The fake plugin below is not installed: a ``*.dist-info`` folder with an
``entry_points.txt`` and a module beside it on ``sys.path`` is all that Python's
``importlib.metadata`` (and so Kuma) needs to find it, as it finds an installed one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.speech.base import VOICES, get_voice, voice_names
from pipeline.translate.base import TRANSLATORS, get_translator, translator_names

PLUGIN = '''
import numpy as np

from pipeline.speech.base import Clip
from pipeline.translate.base import Translation


class Shout:
    """Translates into "French" by shouting: enough to see a plugin do a run's work."""

    name = "shout"
    needs_network = False

    def __init__(self, **options):  # a factory takes the engine options Kuma passes
        self.options = options

    def languages(self):
        return {"fr"}

    def availability(self, lang):
        return None

    def translate(self, document, lang):
        texts = {s.id: s.text.upper() for s in document.segments()}
        return Translation(lang, texts, dict.fromkeys(texts, "shout:1"), "shout", "caps")


class Beep:
    """A voice that beeps once per word."""

    name = "beep"
    needs_network = False

    def __init__(self, **options):
        self.options = options

    def languages(self):
        return {"fr", "en"}

    def availability(self, lang):
        return None

    def version(self, lang):
        return "beep 1"

    def synthesize(self, text, lang):
        rate = 16000
        words = max(1, len(text.split()))
        t = np.arange(int(0.25 * rate)) / rate
        beep = (0.3 * np.sin(2 * np.pi * 880 * t)).astype(np.float32)
        gap = np.zeros(int(0.1 * rate), dtype=np.float32)
        return Clip(np.concatenate([beep, gap] * words), rate)
'''

ENTRY_POINTS = """\
[kuma.translators]
shout = kuma_fake_plugin:Shout

[kuma.voices]
beep = kuma_fake_plugin:Beep
"""


@pytest.fixture
def fake_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plugin's module and its distribution metadata on ``sys.path``."""
    (tmp_path / "kuma_fake_plugin.py").write_text(PLUGIN)
    info = tmp_path / "kuma_fake_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kuma-fake-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("kuma_fake_plugin", None)


def test_kumas_own_backends_come_from_entry_points() -> None:
    assert {"human", "nllb", "marian", "ct2"} <= set(TRANSLATORS.entry_points())
    assert {"espeak", "gtts", "mms"} <= set(VOICES.entry_points())
    assert TRANSLATORS.registered == {} and VOICES.registered == {}


def test_a_plugin_is_found_through_its_metadata(fake_plugin: Path) -> None:
    assert "shout" in translator_names() and "beep" in voice_names()
    assert get_translator("shout").languages() == {"fr"}
    assert get_voice("beep").version("fr") == "beep 1"


def test_without_its_metadata_there_is_no_plugin() -> None:
    assert "shout" not in translator_names()


def test_a_run_uses_the_plugins(fake_plugin: Path, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Talks in Kidal\n\nThe army said the rebels left Kidal on Monday.\n")
    result = CliRunner().invoke(
        cli,
        ["run", str(article), "--lang", "fr", "--engine", "shout", "--voice", "beep",
         "--no-easy", "--out", str(tmp_path / "out"), "-q"],
    )
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "story"
    assert "THE ARMY SAID THE REBELS LEFT KIDAL ON MONDAY." in (
        package / "fr" / "article.txt"
    ).read_text()
    assert (package / "fr" / "article.mp3").stat().st_size > 1000
    assert "produced by shout" in result.output
