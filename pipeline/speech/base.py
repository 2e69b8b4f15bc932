"""The ``Voice`` protocol, the audio it returns, and the registry of voices by name.

Kuma's own voices register the way a third-party package does: through the
``kuma.voices`` entry-point group declared in ``pyproject.toml``, whose entries point
at a factory ``(**options) -> Voice``.  Factories are imported only when their voice is asked
for, so espeak-ng, gTTS and torch load only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

from pipeline.errors import KumaError
from pipeline.langs import LANGUAGES
from pipeline.registry import Registry

ENTRY_POINT_GROUP = "kuma.voices"


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
    words: tuple[tuple[int, int, float], ...] = field(default=())
    """Each word the voice reported as ``(start, end, seconds)``: where the word is in the
    text the voice was given (character offsets) and when it starts in the clip.  Empty
    when the voice reports none (captions are then timed in proportion to the text)."""

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


# A voice may also offer ``paced(delivery: str) -> Voice``: a copy of itself that speaks
# at the pace of that delivery (``news`` or ``easy``, see ``pipeline.speech.pace``).
# Voices without it speak every delivery at their own pace, and the result says so.


VOICES: Registry[Voice] = Registry(ENTRY_POINT_GROUP)
"""The voices by name; built-in ones are imported lazily."""


def register_voice(name: str, factory: Callable[..., Voice]) -> None:
    """Register a voice factory under ``name`` (used by plugins and tests)."""
    VOICES.register(name, factory)


def unregister_voice(name: str) -> None:
    """Forget a voice registered with ``register_voice`` (tests clean up with it)."""
    VOICES.unregister(name)


def voice_names() -> list[str]:
    """Every voice name known: built-in, registered, and from entry points."""
    return VOICES.names()


def get_voice(name: str, **options: Any) -> Voice:
    """Create the voice called ``name`` with ``options``."""
    voice = VOICES.create(name, **options)
    if voice is None:
        known = ", ".join(["auto", *voice_names(), "none"])
        raise SpeechError(f"unknown voice {name!r} (known: {known})")
    return voice


def voices_for(lang: str) -> list[str]:
    """Names of the voices that speak ``lang``, usable here or not."""
    return VOICES.serving(lang)


def language_name(lang: str) -> str:
    """``Bambara (bm)``: how messages name a language."""
    language = LANGUAGES.get(lang)
    return f"{language.name} ({lang})" if language else repr(lang)
