"""Small text operations every easy-to-read rule needs: words, sentence ends, capitals.

The same ``sentences`` and ``count_words`` serve the rewriting and the readability
measures, so that a sentence the simplifier produced is the sentence that is measured.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.segment import NEVER_FINAL, QUOTE_PAIRS, quote_spans

Span = tuple[int, int]

OPENERS = "\"“«„‘'"
"""Characters that may open a quotation or stand before a sentence's first word."""
CLOSERS = "\"”»’')]"
"""Characters that may close a quotation or bracket after a sentence's last word."""
TERMINAL = ".!?؟…"
"""Marks that end a sentence (Arabic uses ``؟`` for the question mark)."""
ENDINGS = TERMINAL + ":"
"""Marks an easy sentence may end with (a colon introduces what a speaker said)."""

_BOUNDARY = re.compile(r"[.!?؟…]+[\"”»’')\]]*\s+")
_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not the no-break spaces French puts before ":"


def collapse_space(text: str) -> str:
    """Runs of ordinary whitespace as one space, ends stripped; no-break spaces kept."""
    return _SPACES.sub(" ", text).strip()


def count_words(text: str) -> int:
    """Words of ``text``: whitespace-separated tokens with at least one letter or digit.

    ``d'une``, ``al-Qaida`` and ``2,000`` are one word each; a lone dash or
    quotation mark is none.
    """
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def word_spans(text: str) -> list[Span]:
    """``(start, end)`` of every word, as ``count_words`` counts them."""
    return [m.span() for m in re.finditer(r"\S+", text) if any(c.isalnum() for c in m.group())]


class SpanIndex:
    """Spans ``[start, end)``, asked in logarithmic time whether they cover a position
    (a loop over every span for every position is quadratic on long texts)."""

    def __init__(self, spans: list[Span]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def covers(self, position: int) -> bool:
        """Whether some span holds ``position``."""
        index = bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ends[index]


def sentences(text: str) -> list[str]:
    """Split running text at sentence ends that lie outside quotations.

    A boundary is terminal punctuation (with its closing quotes) followed by
    whitespace, not inside a closed quotation, not after an abbreviation that
    never ends a sentence, and not before a lowercase word.
    """
    text = collapse_space(text)
    if not text:
        return []
    # Inside a quotation means strictly between its marks: (a, b - 1) open.
    quoted = SpanIndex([(a + 1, b - 1) for a, b in quote_spans(text)])
    cuts = [0]
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        last = len(match.group().rstrip()) + match.start() - 1  # the mark or its closing quote
        if end >= len(text) or quoted.covers(last):
            continue  # inside a quotation: "We left. We came back," is one sentence
        if _abbreviation_before(text, match.start()) or text[end].islower():
            continue
        cuts.append(end)
    cuts.append(len(text))
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if text[a:b].strip()]


_LOOK_BACK = 40
"""Characters before a full stop searched for an abbreviation (a window, so that a very
long text costs time in proportion to its length, not its square)."""


def _abbreviation_before(text: str, dot: int) -> bool:
    before = text[max(0, dot - _LOOK_BACK) : dot]
    word = before.rsplit(maxsplit=1)[-1].lstrip(OPENERS).lower() if before.strip() else ""
    return word in NEVER_FINAL or (len(word) == 1 and word.isalpha() and text[dot] == ".")


def is_quotation(text: str) -> bool:
    """Whether ``text`` is one quotation from its first to its last character (end mark aside)."""
    core = text.rstrip(TERMINAL + ",; ")
    if not core or core[0] not in QUOTE_PAIRS:
        return False
    return any(a == 0 and b == len(core) for a, b in quote_spans(core))


def ends_sentence(text: str) -> bool:
    """Whether ``text`` already ends with a sentence mark (before any closing quotes)."""
    core = text.rstrip(CLOSERS + " ")
    return bool(core) and core[-1] in ENDINGS


def close_sentence(text: str, mark: str = ".") -> str:
    """End ``text`` with ``mark`` unless it already ends a sentence.

    A trailing comma or semicolon becomes the mark, also inside a closing quote
    (``new,"`` becomes ``new."``).
    """
    text = text.strip()
    if not text:
        return text
    body = text.rstrip(CLOSERS + " \u00a0")
    closers = text[len(body) :]  # closing quotes, with the space French puts before them
    stripped = body.rstrip(" ,;،؛—–-")
    if stripped and stripped[-1] in ENDINGS:
        return stripped + closers
    if closers and closers[0] in "\"”’'" and body.endswith((",", ";")):
        return stripped + mark + closers  # English style: the mark inside the quote
    return stripped + closers + mark


def capitalise(text: str) -> str:
    """Upper-case the first letter when it is lowercase (scripts without case are unchanged)."""
    for i, char in enumerate(text):
        if char.isalpha():
            return text[:i] + char.upper() + text[i + 1 :] if char.islower() else text
        if char not in OPENERS and not char.isspace():
            return text
    return text


def inside(spans: list[Span], position: int) -> bool:
    """Whether ``position`` lies strictly inside one of ``spans``."""
    return any(a < position < b for a, b in spans)


def tidy(text: str) -> str:
    """Collapse whitespace and remove spaces left before commas and full stops."""
    text = collapse_space(text)
    return re.sub(r"\s+([,.;](?:\s|$))", r"\1", text).strip()


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (word lists stay readable)."""
    return frozenset(words.split())
