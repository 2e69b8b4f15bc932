"""Arabic vowel marks (tashkeel) before synthesis: espeak-ng reads vocalised Arabic far better.

The diacritiser is libtashkeel's ONNX model as shipped in the ``piper-tts`` package
(GPL-3.0; optional, not a dependency of Kuma).  Without it, Arabic is spoken as
written and ``diacritiser_name()`` is empty, which the manifest records.
Marks already in the text, such as the glossary's pronunciation hints, are kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec

from pipeline.speech.split import split_long

CHUNK_CHARS = 400
"""Characters given to the model at once: its time grows faster than the length (3,000
characters take 15 times as long as 400), so long texts go in pieces, cut at a clause."""


@cache
def _diacritiser() -> Callable[[str], str] | None:
    if find_spec("piper") is None or find_spec("onnxruntime") is None:
        return None
    try:
        from piper.tashkeel import TashkeelDiacritizer
    except ImportError:
        return None
    return TashkeelDiacritizer()  # type: ignore[no-any-return]


def diacritiser_name() -> str:
    """``libtashkeel (piper-tts 1.8.0)``, or empty when none is installed."""
    if _diacritiser() is None:
        return ""
    try:
        return f"libtashkeel (piper-tts {version('piper-tts')})"
    except PackageNotFoundError:
        return "libtashkeel"


def diacritise(text: str) -> str:
    """``text`` with Arabic vowel marks added; unchanged when no diacritiser is installed."""
    model = _diacritiser()
    if model is None or not text.strip():
        return text
    # The model writes shadda and vowel in either order; NFC puts them in one.
    return unicodedata.normalize("NFC", " ".join(model(piece) for piece in _pieces(text)))


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of at most ``CHUNK_CHARS``, at a clause if possible."""
    return split_long(text, CHUNK_CHARS)
