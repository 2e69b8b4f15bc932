"""Quotations inside a sentence, so they can be published as ``<q>`` elements.

Only pairs that open and close inside the same text count: a quotation that runs
over several sentences (opened in one segment, closed in a later one) is left as
it is written, marks and all.  The marks themselves are not part of the
quotation: HTML puts them back from the page's style, in the reader's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}
"""Opening mark -> closing mark: “…”, «…», „…“."""
_STRAIGHT = '"'
_SPACES = " \u00a0\u202f"
"""Spaces French typography puts inside « »."""


@dataclass(frozen=True)
class Quotation:
    """One quotation: its marks and the quoted words between them."""

    open: int
    """Offset of the opening mark."""
    start: int
    """Offset of the first quoted character (after the mark and any space)."""
    end: int
    """Offset just past the last quoted character."""
    close: int
    """Offset just past the closing mark."""


def quotations(text: str) -> list[Quotation]:
    """Top-level quotations of ``text`` with both marks present, in order, never overlapping."""
    found: list[Quotation] = []
    index = 0
    straight = text.count(_STRAIGHT) % 2 == 0  # an odd count cannot be paired safely
    unclosed: set[str] = set()  # closing marks absent from the rest of the text
    while index < len(text):
        char = text[index]
        closing = _PAIRS.get(char) or (_STRAIGHT if straight and char == _STRAIGHT else None)
        end = -1
        if closing and closing not in unclosed:
            end = text.find(closing, index + 1)
            if end < 0:
                unclosed.add(closing)  # searched to the end once: never again (linear time)
        if closing and end > index + 1:
            quote = _trimmed(text, index, end)
            if quote is not None:
                found.append(quote)
            index = end + 1
        else:
            index += 1
    return found


def _trimmed(text: str, open_at: int, close_at: int) -> Quotation | None:
    """The quotation between two marks, without the spaces that hug the marks."""
    inner = text[open_at + 1 : close_at]
    stripped = inner.strip(_SPACES)
    if not stripped or re.search(r"[\"“”«»„]", stripped):
        return None  # nested or mismatched marks: leave the text as written
    start = open_at + 1 + (len(inner) - len(inner.lstrip(_SPACES)))
    return Quotation(open_at, start, start + len(stripped), close_at + 1)
