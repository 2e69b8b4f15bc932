"""Passages written in another script than the text around them.

A Latin name inside Arabic text, or Arabic words inside a French sentence, must
be marked with their own ``lang`` and ``dir``: screen readers then switch voice,
and the browser lays each passage out as an isolated run, so a Latin acronym
cannot drag the full stop of an Arabic sentence to the wrong side.

Only what the script shows is marked: two Latin-script languages (French inside
Bambara) cannot be told apart character by character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.langs import Direction, get_language

LATIN = "Latn"
ARABIC = "Arab"
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class Run:
    """A stretch of text in one script."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    lang: str | None = None
    """Language code (``pipeline.langs``) when the stretch is in another language than its
    context, else None."""
    direction: Direction | None = None
    """Its direction when it differs in script from its context, else None."""


def script_of(char: str) -> str | None:
    """``Latn`` or ``Arab`` for a letter or mark of those scripts, else None."""
    if not unicodedata.category(char).startswith(("L", "M")):
        return None
    name = unicodedata.name(char, "")
    if name.startswith("ARABIC"):
        return ARABIC
    if name.startswith("LATIN"):
        return LATIN
    return None


def foreign_runs(text: str, lang: str, latin_lang: Callable[[str], str] | None = None) -> list[Run]:
    """The stretches of ``text`` whose letters are in another script than ``lang``'s.

    A stretch runs from its first to its last letter of that script (with the digits
    written against them), across spaces, digits and punctuation, and stops before any
    letter of the context's script.
    Arabic stretches are ``ar``; a Latin stretch takes the language ``latin_lang``
    gives it (default English, the language of Kuma's sources).
    """
    own = get_language(lang).script
    runs: list[Run] = []
    current: str | None = None
    start = last = 0
    for index, char in enumerate(text):
        script = script_of(char)
        if script is None and unicodedata.combining(char) and index == last + 1:
            script = current if current is not None else own  # an accent on the letter before
        if script is None:
            continue
        if script == current:
            last = index
            continue
        if current is not None:
            runs.append(_run(text, start, last + 1, current, latin_lang))
        current = None if script == own else script
        start = last = index
    if current is not None:
        runs.append(_run(text, start, last + 1, current, latin_lang))
    return runs


def _run(
    text: str, start: int, end: int, script: str, latin_lang: Callable[[str], str] | None
) -> Run:
    # Digits written against the letters belong to the word (MP3, 5G): left outside, they
    # would be laid out in the context's direction, on the wrong side of it.
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    if script == ARABIC:
        return Run(start, end, "ar", Direction.RTL)
    lang = latin_lang(text[start:end]) if latin_lang else "en"
    return Run(start, end, lang, Direction.LTR)
