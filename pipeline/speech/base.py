"""The ``Voice`` protocol, the audio it returns, and the registry of voices by name.

Built-in voices register themselves the way a third-party package does: through
the ``kuma.voices`` entry-point group, whose entries point at a factory
``(**options) -> Voice``.  Factories are imported only when their voice is asked
for, so espeak-ng, gTTS and torch load only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

import numpy as np

from pipeline.errors import KumaError
from pipeline.langs import LANGUAGES

ENTRY_POINT_GROUP = "kuma.voices"

_BUILTIN: dict[str, str] = {
    "espeak": "pipeline.speech.espeak:EspeakVoice",
    "gtts": "pipeline.speech.gtts_voice:GttsVoice",
    "mms": "pipeline.speech.mms:MmsVoice",
}
"""Built-in voices, ``name -> "module:factory"``, imported lazily."""

_REGISTERED: dict[str, Callable[..., Voice]] = {}


class SpeechError(KumaError):
    """Text cannot be spoken as asked: unknown voice, wrong language, nothing to say."""


class VoiceFailure(SpeechError):
    """A voice that should work failed while speaking (network down, service refusing)."""


@dataclass(frozen=True)
class Clip:
    """Mono audio from a voice."""

    samples: np.ndarray
    """float32 samples in [-1, 1]."""
    rate: int
    """Samples per second."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.rate

    @classmethod
    def silence(cls, rate: int) -> Clip:
        """An empty clip: what a voice returns for text with nothing to say."""
        return cls(np.zeros(0, dtype=np.float32), rate)


@runtime_checkable
class Voice(Protocol):
    """A speech synthesiser."""

    name: str
    """Registry name (``espeak``, ``gtts``, ``mms``...)."""
    needs_network: bool
    """True if it cannot work offline."""

    def languages(self) -> set[str]:
        """Language codes this voice can speak (usable here or not)."""
        ...

    def availability(self, lang: str) -> str | None:
        """None when usable for ``lang`` on this machine, else why not and what to run."""
        ...

    def version(self, lang: str) -> str:
        """What produces the audio for ``lang``, with versions, for the manifest."""
        ...

    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text`` (already prepared for speech) in ``lang``."""
        ...


def register_voice(name: str, factory: Callable[..., Voice]) -> None:
    """Register a voice factory under ``name`` (used by plugins and tests)."""
    _REGISTERED[name] = factory


def unregister_voice(name: str) -> None:
    """Forget a voice registered with ``register_voice`` (tests clean up with it)."""
    _REGISTERED.pop(name, None)


def _entry_points() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def voice_names() -> list[str]:
    """Every voice name known: built-in, registered, and from entry points."""
    return sorted(set(_BUILTIN) | set(_REGISTERED) | set(_entry_points()))


def get_voice(name: str, **options: Any) -> Voice:
    """Create the voice called ``name`` with ``options``."""
    if name in _REGISTERED:
        return _REGISTERED[name](**options)
    if name in _BUILTIN:
        module_name, _, attr = _BUILTIN[name].partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
        return factory(**options)  # type: ignore[no-any-return]
    eps = _entry_points()
    if name in eps:
        return eps[name].load()(**options)  # type: ignore[no-any-return]
    known = ", ".join(["auto", *voice_names(), "none"])
    raise SpeechError(f"unknown voice {name!r} (known: {known})")


def voices_for(lang: str) -> list[str]:
    """Names of the voices that speak ``lang``, usable here or not."""
    found = []
    for name in voice_names():
        try:
            if lang in get_voice(name).languages():
                found.append(name)
        except Exception:  # a broken plugin must not hide the others
            continue
    return found


def language_name(lang: str) -> str:
    """``Bambara (bm)``: how messages name a language."""
    language = LANGUAGES.get(lang)
    return f"{language.name} ({lang})" if language else repr(lang)
