"""Splitting inputs longer than a model's limit, so that nothing is ever truncated.

A sequence-to-sequence model silently drops what does not fit its input window
(the known NLLB pitfall: the last sentence of a long paragraph vanishes).  Text
that does not fit is cut at the gentlest boundary that works: between sentences,
then after clause punctuation, then between words, and only as a last resort
inside a run of characters.  Cuts never fall inside a protected span (a glossary
mention).  The chunks, concatenated, give back the text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

Fits = Callable[[str], bool]
"""Whether a piece of text fits the model's input window."""

_BOUNDARIES = (
    re.compile(r"(?<=[.!?…؟])[\"'”’»)\]]*\s+"),  # after a sentence end (and its closing quote)
    re.compile(r"(?<=[,;:،؛])\s+|\s+(?=[–—-]\s)"),  # after clause punctuation, before a dash
    re.compile(r"\s+"),  # between words
)


def split_to_fit(text: str, fits: Fits, protected: Sequence[tuple[int, int]] = ()) -> list[str]:
    """Cut ``text`` into consecutive chunks that each fit; ``"".join(result) == text``."""
    if fits(text):
        return [text]
    return [text[start:end] for start, end in _split(text, 0, len(text), fits, protected, 0)]


def _split(
    text: str, start: int, end: int, fits: Fits, protected: Sequence[tuple[int, int]], level: int
) -> list[tuple[int, int]]:
    if level == len(_BOUNDARIES):
        return _split_characters(text, start, end, fits, protected)
    cuts = [
        m.end()
        for m in _BOUNDARIES[level].finditer(text, start, end)
        if start < m.end() < end and not _inside(m.end(), protected)
    ]
    if not cuts:
        return _split(text, start, end, fits, protected, level + 1)
    pieces = list(zip([start, *cuts], [*cuts, end], strict=True))
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in _pack(text, pieces, fits):
        if fits(text[piece_start:piece_end]):
            spans.append((piece_start, piece_end))
        else:
            spans += _split(text, piece_start, piece_end, fits, protected, level + 1)
    return spans


def _pack(text: str, pieces: list[tuple[int, int]], fits: Fits) -> list[tuple[int, int]]:
    """Merge neighbouring pieces greedily while the merged text still fits."""
    packed: list[tuple[int, int]] = []
    for start, end in pieces:
        if packed and fits(text[packed[-1][0] : end]):
            packed[-1] = (packed[-1][0], end)
        else:
            packed.append((start, end))
    return packed


def _split_characters(
    text: str, start: int, end: int, fits: Fits, protected: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Cut a run with no usable boundary into the longest pieces that fit."""
    spans = []
    while start < end:
        low, high = start + 1, end  # the longest fitting prefix, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            if fits(text[start:middle]):
                low = middle
            else:
                high = middle - 1
        cut = low
        while cut < end and _inside(cut, protected) and cut > start + 1:
            cut -= 1  # step back out of a protected span if the piece allows it
        spans.append((start, cut))
        start = cut
    return spans


def _inside(position: int, protected: Sequence[tuple[int, int]]) -> bool:
    return any(start < position < end for start, end in protected)
