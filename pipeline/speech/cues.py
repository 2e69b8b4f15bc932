"""Captions cut as subtitlers cut them: short lines, short cues, readable at the speed spoken.

BBC and EBU subtitling practice: at most two lines of at most 42 characters (37 for
Arabic script), each cue on screen between 1 and 7 seconds, at most 180 words a
minute (160 for easy-to-read versions), lines and cues broken at phrase boundaries
(``pipeline.speech.breaks``).  ``plan_cues`` chooses, for one spoken segment, the cuts
that keep within these limits at the least cost: every cue costs something (fewer
cues are easier to follow), a poor break costs more, a limit broken costs most.
A cue shows when its first word is heard, or a little before or after when it needs
more time to be read (``cuetimes``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.langs import get_language
from pipeline.speech.align import Span
from pipeline.speech.breaks import NAME, SENTENCE, break_costs
from pipeline.speech.cuetimes import (
    ANTICIPATE_S,
    GAP_S,
    HANG_S,
    LAG_S,
    LEAD_IN_S,
    cue_bounds,
)
from pipeline.speech.pace import CAPTION_WPM, Delivery

CUE_COST = 10.0
"""What each cue costs: fewer, fuller cues unless a limit or a break says otherwise."""
LIMIT_COST = 1000.0
"""What breaking a limit costs, plus as much again per unit it is broken by."""
SHORT_COST = 6.0
"""What a cue of one or two words costs when its segment has more: it flashes by."""
SENTENCE_INSIDE_COST = 8.0
"""What a sentence ending inside a cue costs: subtitles hold single sentences where they can."""
MAX_WORDS = 40
"""Most words a cue is ever tried with (two full lines hold far fewer)."""
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class CaptionLimits:
    """What a caption may not exceed."""

    max_chars: int = 42
    """Characters per line."""
    max_lines: int = 2
    """Lines per cue."""
    min_seconds: float = 1.0
    """Shortest time on screen."""
    max_seconds: float = 7.0
    """Longest time on screen."""
    max_wpm: float = 180.0
    """Highest reading rate, words a minute."""


def caption_limits(lang: str, delivery: Delivery = Delivery.NEWS) -> CaptionLimits:
    """The limits for captions in ``lang``: 37 characters a line in Arabic script (its letters
    are wider), and a slower reading rate for easy-to-read versions."""
    chars = 37 if get_language(lang).script == "Arab" else 42
    return CaptionLimits(max_chars=chars, max_wpm=CAPTION_WPM[delivery])


@dataclass(frozen=True)
class Cue:
    """One caption on screen."""

    id: str
    """``<segment id>``, then ``<segment id>-2``...: a cue never spans two segments."""
    start: float
    """Seconds from the start of the audio."""
    end: float
    """Seconds from the start of the audio."""
    lines: tuple[str, ...]
    """The text, line by line, as published."""


@dataclass(frozen=True)
class Said:
    """One segment as it was heard."""

    key: str
    """Segment id (or ``opening``)."""
    text: str
    """The text as published."""
    tokens: list[Span]
    """Its words (``align.tokens``)."""
    starts: list[float]
    """When each word is heard, in seconds from the start of the audio."""
    end: float
    """When the voice stops."""
    latest: float
    """Until when a caption may stay: the next segment's start (or the end of the audio)."""
    names: list[Span] = field(default_factory=list)
    """Spans of glossary names in ``text``."""
    earliest: float = 0.0
    """When its first caption may show at the soonest (after the captions before it)."""


@dataclass(frozen=True)
class _Plan:
    """The cues of one segment being chosen: what every cut costs."""

    said: Said
    limits: CaptionLimits
    costs: list[float]
    """Cost of a break after each word."""
    words: list[int]
    """1 for a word with a letter or digit, 0 for lone punctuation."""
    text: str = ""
    """The segment's words as written, spaces made single (no-break spaces kept)."""
    bounds: list[tuple[int, int]] = field(default_factory=list)
    """Each word's ``(start, end)`` in ``text``: a line is one slice of it, so that the
    cost of every possible cue is found without rewriting its text each time."""

    def line(self, begin: int, stop: int) -> str:
        """The words ``begin`` to ``stop`` as written (what ``_line`` gives, precomputed)."""
        return self.text[self.bounds[begin][0] : self.bounds[stop - 1][1]]


def plan_cues(said: Said, lang: str, limits: CaptionLimits) -> list[Cue]:
    """The cues of one spoken segment, cut where they cost least (see the module's doc)."""
    if not said.tokens:
        return []
    words = [int(any(c.isalnum() for c in said.text[a:b])) for a, b in said.tokens]
    text, bounds = _spaced(said)
    costs = break_costs(said.text, said.tokens, lang, said.names)
    plan = _Plan(said, limits, costs, words, text, bounds)
    count = len(said.tokens)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * count
    for stop in range(1, count + 1):
        cut = plan.costs[stop - 1] if stop < count else 0.0
        if cut >= NAME:
            continue
        for begin in range(max(0, stop - MAX_WORDS), stop):
            cost = best[begin][0] + cut + _cue_cost(plan, begin, stop)
            if cost < best[stop][0]:
                best[stop] = (cost, begin)
    return _cues(plan, _cuts(best, count))


def _need(plan: _Plan, begin: int, stop: int) -> float:
    """Seconds the cue of words ``begin`` to ``stop`` needs: to be read, and to be seen."""
    words = sum(plan.words[begin:stop])
    # A millisecond more, so that the times, rounded to milliseconds, keep the rate.
    return max(plan.limits.min_seconds, words * 60 / plan.limits.max_wpm + 0.001)


def _cuts(best: list[tuple[float, int]], count: int) -> list[tuple[int, int]]:
    """The chosen cues as (first word, word after the last), in order."""
    cuts, stop = [], count
    while stop > 0:
        begin = best[stop][1]
        cuts.append((begin, stop))
        stop = begin
    return cuts[::-1]


def _cue_cost(plan: _Plan, begin: int, stop: int) -> float:
    """What the cue of words ``begin`` to ``stop`` costs: its lines and its timing.

    A cue takes the time it needs (``_need``) from the silence before or after its segment
    at no cost; a limit it meets only by showing while other words are heard costs a tenth
    of ``LIMIT_COST``, so that cues in step with the voice are preferred; one it cannot
    meet even so costs ``LIMIT_COST``.
    """
    lines = _layout(plan, begin, stop)
    if lines is None:
        return math.inf
    start, end = plan.said.starts[begin], _end(plan, stop)
    silence, overlap = _room(plan, begin, stop)
    need, seconds = _need(plan, begin, stop), end - start
    in_step = min(max(seconds, need), seconds + silence)
    moved = min(max(seconds, need), seconds + silence + overlap)
    inside = sum(1 for cost in plan.costs[begin : stop - 1] if cost == SENTENCE)
    short = sum(plan.words[begin:stop]) <= 2 < sum(plan.words)
    cost = CUE_COST + lines[1] + SENTENCE_INSIDE_COST * inside + SHORT_COST * short
    return cost + LIMIT_COST * (
        _overrun(plan, begin, stop, moved) + 0.1 * _overrun(plan, begin, stop, in_step)
    )


def _overrun(plan: _Plan, begin: int, stop: int, seconds: float) -> float:
    """How far a cue of ``seconds`` is outside the limits (0 inside them): 1 for any limit
    broken, plus a second too long or short, or 10 words a minute too fast."""
    limits = plan.limits
    words = sum(plan.words[begin:stop])
    rate = words / seconds * 60 if seconds > 0 else math.inf
    overrun = 0.0
    if seconds > limits.max_seconds:
        overrun += 1 + seconds - limits.max_seconds
    if seconds < limits.min_seconds:
        overrun += 1 + limits.min_seconds - seconds
    if rate > limits.max_wpm:
        overrun += 1 + (rate - limits.max_wpm) / 10
    return overrun


def _end(plan: _Plan, stop: int) -> float:
    """When a cue ending before word ``stop`` ends in step with the voice."""
    said = plan.said
    return said.starts[stop] if stop < len(said.tokens) else said.end


def _room(plan: _Plan, begin: int, stop: int) -> tuple[float, float]:
    """Seconds the cue may take beyond its words at the most (``cuetimes``): from the silence
    around its segment, and while other words are heard."""
    said = plan.said
    silence = max(0.0, min(LEAD_IN_S, said.starts[0] - said.earliest)) if begin == 0 else 0.0
    overlap = ANTICIPATE_S if begin else 0.0
    if stop < len(said.tokens):
        return silence, overlap + LAG_S
    pause = max(0.0, min(said.latest - GAP_S, said.end + HANG_S) - said.end)
    return silence + pause, overlap + min(LAG_S, max(0.0, said.end + HANG_S - said.latest))


def _layout(plan: _Plan, begin: int, stop: int) -> tuple[list[str], float] | None:
    """The lines of a cue and what its line break costs; None when it cannot fit."""
    limits = plan.limits
    whole = plan.line(begin, stop)
    if len(whole) <= limits.max_chars or stop - begin == 1:
        overflow = max(0, len(whole) - limits.max_chars)
        return [whole], LIMIT_COST * overflow
    if limits.max_lines < 2:
        return None
    options = []
    for cut in range(begin + 1, stop):
        top, bottom = plan.line(begin, cut), plan.line(cut, stop)
        if len(top) <= limits.max_chars and len(bottom) <= limits.max_chars:
            # A slight preference for lines of even length.
            options.append((plan.costs[cut - 1] + 0.1 * abs(len(top) - len(bottom)), cut))
    if not options:
        return None
    cost, cut = min(options)
    return [plan.line(begin, cut), plan.line(cut, stop)], cost


def _spaced(said: Said) -> tuple[str, list[tuple[int, int]]]:
    """The segment's words with the spaces between them made single, and where each word
    is in that text (words hold no spaces: only what lies between them changes)."""
    parts: list[str] = []
    bounds: list[tuple[int, int]] = []
    length = 0
    for n, (start, end) in enumerate(said.tokens):
        if n:
            gap = _SPACES.sub(_space, said.text[said.tokens[n - 1][1] : start])
            parts.append(gap)
            length += len(gap)
        parts.append(said.text[start:end])
        bounds.append((length, length + end - start))
        length += end - start
    return "".join(parts), bounds


def _line(said: Said, begin: int, stop: int) -> str:
    """The words ``begin`` to ``stop`` as written, spaces made single (no-break spaces kept)."""
    text = said.text[said.tokens[begin][0] : said.tokens[stop - 1][1]]
    return _SPACES.sub(_space, text)


def _space(match: re.Match[str]) -> str:
    run = match.group(0)
    return run if run in ("\u00a0", "\u202f") else " "


def _cues(plan: _Plan, cuts: Sequence[tuple[int, int]]) -> list[Cue]:
    """The chosen cues, timed by ``cuetimes``."""
    said = plan.said
    bounds = cue_bounds([said.starts[begin] for begin, _ in cuts],
                        [_need(plan, begin, stop) for begin, stop in cuts],
                        said.earliest, said.end, said.latest, plan.limits.max_seconds)
    cues = []
    for number, (begin, stop) in enumerate(cuts, start=1):
        layout = _layout(plan, begin, stop)
        lines = layout[0] if layout else [_line(said, begin, stop)]
        key = said.key if number == 1 else f"{said.key}-{number}"
        start, end = bounds[number - 1], bounds[number]
        cues.append(Cue(key, round(start, 3), round(end, 3), tuple(lines)))
    return cues
