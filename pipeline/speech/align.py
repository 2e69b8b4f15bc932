"""When each word of the published text is heard, from the words the voice read.

The voice reads a respelling of the published text: numbers in words, names as the
glossary says them, Arabic with its vowel marks.  Words that are the same in both
(compared without case, accents, vowel marks or punctuation) take the time the voice
reported for them; the others share the time between their neighbours in proportion
to their length.  A voice that reports no word times (MMS, gTTS, most plugins) gets
them spread over its clip in proportion to the letters it read.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

Span = tuple[int, int]
Mark = tuple[int, int, float]

_TOKEN = re.compile(r"\S+")
_ARABIC_LETTERS = str.maketrans("ٱىة", "ايه")
_TATWEEL = "\u0640"
PAUSE_WEIGHT = 4
"""Letters' worth of time a voice spends on the pause after a comma or full stop."""


def tokens(text: str) -> list[Span]:
    """``(start, end)`` of each run of non-space characters in ``text``."""
    return [match.span() for match in _TOKEN.finditer(text)]


def word_key(word: str) -> str:
    """``word`` compared without case, accents, Arabic vowel marks or punctuation."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c) and c != _TATWEEL)
    return "".join(c for c in bare.casefold().translate(_ARABIC_LETTERS) if c.isalnum())


def word_starts(text: str, spoken: str, marks: Sequence[Mark], duration: float) -> list[float]:
    """Seconds into the clip at which each token of ``text`` (see ``tokens``) is heard.

    ``spoken`` is what the voice read, ``marks`` the words it reported in it (``Clip.words``),
    and ``duration`` the clip's length.
    """
    shown, said = tokens(text), tokens(spoken)
    heard = _spoken_starts(spoken, said, marks, duration)
    starts: list[float | None] = [None] * len(shown)
    weights = [_weight(text, span) for span in shown]
    matcher = SequenceMatcher(None, _keys(text, shown), _keys(spoken, said), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            starts[i1:i2] = heard[j1:j2]
        elif tag in ("replace", "delete"):
            begin = heard[j1] if j1 < len(heard) else duration
            end = begin if tag == "delete" else (heard[j2] if j2 < len(heard) else duration)
            starts[i1:i2] = _spread(weights[i1:i2], begin, end)
    return _ordered([0.0 if s is None else s for s in starts], duration)


def _spoken_starts(
    spoken: str, said: list[Span], marks: Sequence[Mark], duration: float
) -> list[float]:
    """When each token of ``spoken`` starts: from the marks inside it, else in proportion."""
    starts: list[float | None] = [None] * len(said)
    firsts = [start for start, _ in said]
    for position, _, seconds in marks:
        index = bisect_right(firsts, position) - 1
        if index >= 0 and position < said[index][1]:
            known = starts[index]
            starts[index] = seconds if known is None else min(known, seconds)
    weights = [_weight(spoken, span) for span in said]
    return _ordered(_fill(starts, weights, duration), duration)


def _fill(starts: list[float | None], weights: list[int], duration: float) -> list[float]:
    """Unknown starts spread between the known ones around them, by weight."""
    known = [i for i, s in enumerate(starts) if s is not None]
    filled = list(starts)
    bounds = [-1, *known, len(starts)]
    for left, right in zip(bounds, bounds[1:], strict=False):
        if right - left <= 1:
            continue
        first = max(left, 0)
        begin = starts[left] if left >= 0 else 0.0
        end = starts[right] if right < len(starts) else duration
        assert begin is not None and end is not None
        spread = _spread(weights[first:right], begin, end)
        filled[first:right] = spread if left < 0 else [begin, *spread[1:]]
    return [0.0 if s is None else s for s in filled]


def _spread(weights: Sequence[int], begin: float, end: float) -> list[float]:
    """Starts of items of these ``weights`` laid end to end from ``begin`` to ``end``."""
    total = sum(weights) or 1
    cumulative = np.concatenate(([0], np.cumsum(weights)[:-1])) if weights else np.zeros(0)
    return [begin + (end - begin) * float(c) / total for c in cumulative]


def _weight(text: str, span: Span) -> int:
    """How long a token takes, in letters: its letters and digits, and a pause after it."""
    word = text[span[0] : span[1]]
    letters = sum(1 for c in word if c.isalnum())
    return letters + (PAUSE_WEIGHT if word[-1] in ",.;:!?،؛؟" else 0) + 1


def _keys(text: str, spans: list[Span]) -> list[str]:
    """Comparison keys of the tokens; tokens with no letter get keys that match nothing."""
    keys = [word_key(text[a:b]) for a, b in spans]
    return [key or f"\0{index}" for index, key in enumerate(keys)]


def _ordered(starts: list[float], duration: float) -> list[float]:
    """``starts`` made non-decreasing and within the clip."""
    if not starts:
        return []
    ordered = np.maximum.accumulate(np.clip(np.asarray(starts, dtype=float), 0.0, duration))
    return [float(s) for s in ordered]
