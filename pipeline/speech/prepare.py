"""Text made ready for a voice: names as the glossary says them, numbers and
abbreviations in words, symbols a voice would stumble on removed, and Arabic vocalised.

The order matters: glossary terms are found in the text as written (before numbers
and abbreviations change it), and vowel marks are added last, to the words the
voice will actually read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pipeline.speech.bambara import read_numbers_bm
from pipeline.speech.diacritise import diacritise
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.numbers import read_numbers

ABBREVIATIONS: dict[str, dict[str, str]] = {
    "fr": {
        r"\bM\.(?=\s+\w)": "monsieur",
        r"\bMM\.(?=\s+\w)": "messieurs",
        r"\bMme\b": "madame",
        r"\bMmes\b": "mesdames",
        r"\bDr\b\.?": "docteur",
        r"\betc\.": "et cetera",
        r"\bn°\s?": "numéro ",
    },
    "en": {
        r"\bMr\b\.?": "mister",
        r"\bMrs\b\.?": "missus",
        r"\bDr\b\.?(?=\s+[A-Z])": "doctor",
        r"\betc\.": "et cetera",
        r"\bNo\.(?=\s*\d)": "number",
    },
}
"""Common news abbreviations per language, as patterns -> words."""

_ROMAN_CENTURY = re.compile(
    r"\b([IVXL]+)(?:e|ème|ᵉ)(?=\s+(?:siècle|millénaire|République|arrondissement|législature))"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SILENT_CATEGORIES = ("So", "Sk", "Cs", "Co", "Cn")
"""Emoji and other symbols, surrogates and unassigned code points: nothing a voice can say."""


def prepare_text(
    text: str, lang: str, lexicon: Lexicon | None = None, vocalise: bool = True
) -> str:
    """``text`` as the voice for ``lang`` should receive it (empty if nothing is left to say).

    Glossary hints are put in first and left exactly as the glossary writes them;
    the rest is read out and, in Arabic, vocalised (``vocalise=False`` skips that,
    for word counts).
    """
    text = unicodedata.normalize("NFC", text)
    pieces = lexicon.pieces(text) if lexicon is not None else [(text, False)]
    spoken = []
    for piece, is_hint in pieces:
        if not is_hint:
            piece = _without_symbols(_read_out(piece, lang))
            if lang == "ar" and vocalise and is_speakable(piece):
                piece = _keep_spaces(piece, diacritise)
        spoken.append(piece)
    result = re.sub(r"\s+", " ", "".join(spoken)).strip()
    return result if is_speakable(result) else ""


def _read_out(text: str, lang: str) -> str:
    text = read_abbreviations(text, lang)
    return read_numbers_bm(text) if lang == "bm" else read_numbers(text, lang)


def _keep_spaces(text: str, change: Callable[[str], str]) -> str:
    """``change`` applied to ``text`` without its leading and trailing spaces, kept."""
    core = text.strip()
    start = text.index(core[0]) if core else 0
    return text[:start] + change(core) + text[start + len(core) :]


def read_abbreviations(text: str, lang: str) -> str:
    """Common abbreviations (``M.``, ``Mme``, ``etc.``) and French centuries in words."""
    for pattern, words in ABBREVIATIONS.get(lang, {}).items():
        text = re.sub(pattern, words, text)
    if lang == "fr":
        text = _ROMAN_CENTURY.sub(_roman_ordinal, text)
    return text


def is_speakable(text: str) -> bool:
    """True when ``text`` has a letter or a digit: punctuation and emoji alone say nothing."""
    return any(unicodedata.category(c)[0] in "LN" for c in text)


def _without_symbols(text: str) -> str:
    kept = "".join(" " if unicodedata.category(c) in _SILENT_CATEGORIES else c for c in text)
    return re.sub(r"\s+", " ", kept)


def _roman_ordinal(match: re.Match[str]) -> str:
    from num2words import num2words

    letters = match.group(1)
    values = [_ROMAN[c] for c in letters]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return str(num2words(total, lang="fr", to="ordinal"))
