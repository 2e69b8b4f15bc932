"""How machine translation fails: nothing, a decoding loop, or a sentence cut short.

- **empty**: a source with words and no translation.  **Critical**: nothing to publish.
- **repetition**: the same words over and over, the mark of a decoding loop
  (``les groupes armés les groupes armés les groupes armés``): a phrase of two to
  six words repeated back to back, or one word three times in a row, that the
  source does not repeat.  **Major**: the sentence is garbled and what follows the
  loop is usually lost.  (A word said twice is the ``doubled-word`` check's.)
- **truncation**: the source ends a sentence and the translation stops without
  any end mark, or on a comma, a dash or a colon.  **Major**: the end of the
  sentence is probably missing (how much, only a reader can say).
"""

from __future__ import annotations

import re

from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

MAX_PHRASE = 6
"""Longest repeated phrase looked for, in words."""

_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_CLOSERS = "\"'”’»)]› \u00a0\u202f"
_ENDS = ".!?…؟。"
_DANGLING = ",;:-–—،؛"


def check_empty(pair: Pair) -> list[Finding]:
    """A critical finding when the translation is empty but the source is not."""
    if pair.target.strip() or not any(c.isalnum() for c in pair.source):
        return []
    return [pair.finding("empty", Category.ACCURACY, Severity.CRITICAL, "the translation is empty")]


def check_repetition(pair: Pair) -> list[Finding]:
    """A major finding for a phrase repeated back to back that the source does not repeat."""
    loop = find_loop(pair.target)
    if loop is None or find_loop(pair.source) is not None:
        return []
    start, end, phrase, times = loop
    return [
        pair.finding(
            "repetition",
            Category.FLUENCY,
            Severity.MAJOR,
            f"{phrase!r} is repeated {times} times in a row: a decoding loop?",
            target_span=(start, end),
        )
    ]


def find_loop(text: str) -> tuple[int, int, str, int] | None:
    """``(start, end, phrase, times)`` of the first back-to-back repetition, or None.

    A phrase of 2..MAX_PHRASE words must come twice in a row, a single word three times.
    """
    tokens = list(_TOKEN.finditer(text))
    words = [t.group().casefold() for t in tokens]
    for i in range(len(words)):
        for size in range(1, MAX_PHRASE + 1):
            times = _repeats(words, i, size)
            if times >= (3 if size == 1 else 2):
                last = tokens[i + size * times - 1]
                phrase = " ".join(t.group() for t in tokens[i : i + size])
                return tokens[i].start(), last.end(), phrase, times
    return None


def _repeats(words: list[str], start: int, size: int) -> int:
    phrase = words[start : start + size]
    if len(phrase) < size:
        return 0
    times = 1
    while words[start + size * times : start + size * (times + 1)] == phrase:
        times += 1
    return times


def check_truncation(pair: Pair) -> list[Finding]:
    """A major finding when the source ends a sentence and the translation does not."""
    source = pair.source.rstrip(_CLOSERS)
    target = pair.target.rstrip(_CLOSERS)
    if not target or not source.endswith(tuple(_ENDS)):
        return []
    if target.endswith(tuple(_ENDS)):
        return []
    how = "on a dangling mark" if target.endswith(tuple(_DANGLING)) else "without an end mark"
    return [
        pair.finding(
            "truncation",
            Category.ACCURACY,
            Severity.MAJOR,
            f"the source ends a sentence but the translation stops {how}: is its end missing?",
            target_span=(max(0, len(target) - 20), len(target)),
        )
    ]
