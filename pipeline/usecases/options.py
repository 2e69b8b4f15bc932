"""What a run is asked to do, as typed values (no comma strings, no ``"none"`` sentinels)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.langs import parse_targets

NO_VOICE = "none"
"""How the command line and the manifest spell "no audio"."""


@dataclass(frozen=True)
class PublishSettings:
    """How the publications of a package are made; kept in its manifest, so that
    ``kuma publish`` and ``kuma xliff import`` make them again the same way."""

    voice: str | None = "auto"
    """Voice name (``auto``, ``espeak``, ``gtts``, ``mms``...); None for no audio."""
    loudness: float | str = "broadcast"
    """``broadcast`` (-23 LUFS), ``podcast`` (-16) or a number of LUFS."""
    opening: bool = False
    """Begin each recording with a line saying how the text was made."""
    wav: bool = False
    """Also write a WAV beside each MP3."""
    easy: bool = True
    """Make easy-to-read versions."""
    format: str = "compact"
    """Audio delivery: ``compact`` (MP3 at the voice's rate) or ``broadcast`` (44.1 kHz
    MP3 and a 48 kHz Broadcast Wave file, see ``pipeline.speech.formats``)."""

    def to_dict(self) -> dict[str, Any]:
        """The manifest's ``settings``."""
        return {
            "voice": self.voice if self.voice is not None else NO_VOICE,
            "loudness": self.loudness,
            "opening": self.opening,
            "wav": self.wav,
            "easy": self.easy,
            "format": self.format,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PublishSettings:
        """Settings read from a manifest (any earlier shape)."""
        voice = data.get("voice", "auto")
        return cls(
            voice=None if voice in (None, NO_VOICE) else str(voice),
            loudness=data.get("loudness", "broadcast"),
            opening=bool(data.get("opening", False)),
            wav=bool(data.get("wav", False)),
            easy=bool(data.get("easy", True)),
            format=str(data.get("format", "compact")),
        )


@dataclass
class RunOptions:
    """What ``run`` (``kuma run``) is asked to do."""

    langs: Sequence[str] = ("fr", "ar", "bm")
    """Target language codes."""
    out: Path = Path("output")
    """Folder under which each article's package ``<slug>/`` is written."""
    glossary: Path | None = None
    """Glossary file; None = the shipped one."""
    translations: Sequence[Path] = ()
    """XLIFF files or folders with human translations."""
    engine: str = "auto"
    """Translation engine name, or ``auto``."""
    model: str | None = None
    """Model alias, registered name or folder for machine engines; None = their default."""
    beam_size: int = 4
    """Beam size for machine engines."""
    memory: bool = True
    """Use the translation memory (read and write)."""
    source_lang: str | None = None
    """The articles' language; None = detect it."""
    publish: PublishSettings = field(default_factory=PublishSettings)
    """How the publications are made."""

    def targets(self) -> list[str]:
        """The target codes, checked, in order, once each."""
        return [language.code for language in parse_targets(self.langs)]
