"""Folding text for tolerant matching, keeping the way back to the original offsets.

Folding removes what writers add or leave out freely and keeps what tells words
apart: combining marks (Latin accents, Bambara tone marks, Arabic harakat),
format characters (soft hyphen, zero-width joiners, direction marks) and the
Arabic tatweel are dropped; alef variants, alef maqsura, teh marbuta, typographic
apostrophes and Unicode hyphens are merged with their plain forms.  Case is kept:
acronyms are matched case-sensitively, so case is the matcher's business.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SUBSTITUTES = {
    "\u2019": "'",  # right single quotation mark, the usual typographic apostrophe
    "\u2018": "'",
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u0671": "\u0627",  # alef wasla -> alef (hamza variants fold through NFD)
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u06cc": "\u064a",  # Farsi yeh, common in copied text -> yeh
    "\u0629": "\u0647",  # teh marbuta -> heh
}
_TATWEEL = "\u0640"
_DROPPED = frozenset({"Mn", "Mc", "Me", "Cf"})


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one character: usually one character, sometimes none."""
    if char == _TATWEEL:
        return ""
    out = []
    for part in unicodedata.normalize("NFD", char):
        if unicodedata.category(part) in _DROPPED:
            continue
        out.append(_SUBSTITUTES.get(part, part))
    return "".join(out)


def fold_text(text: str) -> str:
    """Fold ``text`` (see the module docstring); the offsets are not kept."""
    return text if text.isascii() else "".join(fold_char(c) for c in text)


@dataclass(frozen=True)
class Folded:
    """A folded text and the map from its positions back to the original."""

    original: str
    """The text as given."""
    text: str
    """The folded text that patterns run on."""
    offsets: tuple[int, ...] | None
    """Original index of each folded character; None when folding changed nothing."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty folded span back to the original text.

        The end is extended over combining marks that follow, so that a match on
        ``Mene`` in ``Mene\u0301`` covers the accent that belongs to its last letter.
        """
        if self.offsets is None:
            return start, end
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1
        while last < len(self.original) and unicodedata.category(self.original[last])[0] == "M":
            last += 1
        return first, last


def fold(text: str) -> Folded:
    """Fold ``text`` and keep, for each folded character, where it came from."""
    if text.isascii():
        return Folded(text, text, None)
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for part in fold_char(char):
            chars.append(part)
            offsets.append(index)
    return Folded(text, "".join(chars), tuple(offsets))
