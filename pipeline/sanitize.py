"""Making text from outside safe and regular before anything else looks at it.

The one clean-up for every text that enters Kuma: article files, XLIFF targets,
glossary cells (CSV and TBX), documents read back from a package.  Invisible
characters that can spoof or hide text are removed (control characters other than
tab and line feed, bidi embeddings and overrides, noncharacters such as U+FFFE,
lone surrogates), the text is put in Unicode NFC (so that "é" is one code point
whichever keyboard typed it, and glossary matching and translation memories see
one spelling), and whitespace is made regular.  What comes out can always be
encoded as UTF-8 and written into XML 1.0.
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
    return _HORIZONTAL_SPACE.sub(" ", remove_unsafe(text))


def remove_unsafe(text: str) -> str:
    """``text`` in NFC without the characters that are never text (see the module's
    docstring), its spacing left as written: what a translator's target keeps, since
    no-break spaces are French typography («\u00a0oui\u00a0»)."""
    if text.isascii() and text.isprintable():
        return text
    return unicodedata.normalize("NFC", "".join(ch for ch in text if _keep(ch)))


def _keep(ch: str) -> bool:
    """Whether a character may stay in text."""
    if ch in "\n\t":
        return True
    category = unicodedata.category(ch)
    if category in ("Cc", "Cs"):  # controls; surrogates, which are no characters alone
        return False
    if category == "Cf":
        return ch in KEPT_FORMAT_CHARACTERS
    return not is_noncharacter(ch)


def is_noncharacter(ch: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF...):
    reserved for internal use, never text; XML forbids U+FFFE and U+FFFF."""
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def clean_line(text: str) -> str:
    """``sanitise`` then ``normalise_space``: one clean line (names, titles, cells)."""
    return normalise_space(sanitise(text))


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace (line breaks included) to one space and trim."""
    return " ".join(text.split())
