"""Making input text safe and regular before anything else looks at it.

Every character that reaches a Document has passed through here: invisible
characters that can spoof or hide text are removed, the text is put in Unicode
NFC (so that "é" is one code point whichever keyboard typed it, and glossary
matching and translation memories see one spelling), and whitespace is made
regular.
"""

from __future__ import annotations

import re
import unicodedata

KEPT_FORMAT_CHARACTERS = frozenset(
    "\u200c\u200d"  # ZWNJ and ZWJ: shape Arabic (and Persian) letters correctly
    "\u200e\u200f\u061c"  # LRM, RLM, ALM: mark direction around numbers in RTL text
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u08e2"  # Arabic number and ayah signs
)
"""Invisible format characters (Unicode category Cf) that carry meaning and stay.

Every other Cf character goes: bidi embeddings, overrides and isolates
(U+202A-202E, U+2066-2069) can make text display differently from what it says,
and zero-width spaces, soft hyphens, word joiners, stray byte-order marks and
tag characters hide inside words and break term matching.
"""

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")


def sanitise(text: str) -> str:
    """Return ``text`` with unsafe characters removed, in NFC, with ``\\n`` line breaks.

    Line structure is kept (readers of plain text need it); runs of other
    whitespace, including no-break and other Unicode spaces, become one space.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = "".join(ch for ch in text if _keep(ch))
    text = unicodedata.normalize("NFC", text)
    return _HORIZONTAL_SPACE.sub(" ", text)


def _keep(ch: str) -> bool:
    """Whether a character may stay in article text."""
    if ch in "\n\t":
        return True
    category = unicodedata.category(ch)
    if category == "Cc":
        return False
    if category == "Cf":
        return ch in KEPT_FORMAT_CHARACTERS
    return True


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space and trim."""
    return " ".join(text.split())
