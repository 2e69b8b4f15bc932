"""When each caption shows: with its first word, or a little before or after when a cue
needs more time to be read than the voice gives it.

Subtitling practice lets a subtitle anticipate speech or stay after it (the BBC's
guidelines: by no more than 1.5 seconds).  Kuma shows a segment's first cue at most
``LEAD_IN_S`` before the voice starts (in the pause before it), moves the start of the
others at most ``ANTICIPATE_S`` earlier or ``LAG_S`` later than their first word, and
lets a segment's last cue stay at most ``HANG_S`` after the voice stops, and at most
``LAG_S`` into the next segment.  Within those bounds, each cue gets the time its words
need at the highest reading rate, when that is possible, and starts as close to its
first word as it can.
"""

from __future__ import annotations

from collections.abc import Sequence

LEAD_IN_S = 1.0
"""Most a segment's first cue may show before the voice starts, in the pause before it."""
ANTICIPATE_S = 0.5
"""Most any other cue may show before its first word is heard."""
LAG_S = 0.5
"""Most a cue may show after its first word is heard (the one before stays that much longer,
even into the next segment)."""
HANG_S = 1.5
"""Most a segment's last cue may stay after the voice stops."""
GAP_S = 0.08
"""Least time between the last cue of a segment and the next cue (two frames at 25 fps)."""


def cue_bounds(
    starts: Sequence[float],
    needs: Sequence[float],
    earliest: float,
    speech_end: float,
    latest: float,
    longest: float = 7.0,
) -> list[float]:
    """Times of the boundaries of a segment's cues: the first cue's start, the starts of
    the others, and the last cue's end.

    ``starts`` are the times the first word of each cue is heard, ``needs`` the time each
    cue needs, ``earliest`` when the first cue may show at the soonest (after the previous
    segment's captions), ``speech_end`` when the voice stops, ``latest`` when the next
    segment starts, and ``longest`` the most a cue may stay.  When the needs cannot all be
    met, the cues earlier in the segment get theirs first.
    """
    wanted = [*starts, speech_end]
    lowest = [max(earliest, starts[0] - LEAD_IN_S)]
    lowest += [s - ANTICIPATE_S for s in starts[1:]] + [speech_end]
    highest = [s + LAG_S for s in starts]
    highest += [max(speech_end, min(latest + LAG_S - GAP_S, speech_end + HANG_S))]
    # How far each boundary may go so that the cues around it can all have their time.
    low, high = list(lowest), list(highest)
    for k in range(1, len(low)):
        low[k] = max(low[k], low[k - 1] + needs[k - 1])
    for k in range(len(high) - 2, -1, -1):
        high[k] = min(high[k], high[k + 1] - needs[k])
    bounds: list[float] = []
    for k, time in enumerate(wanted):
        floor = low[k] if not bounds else max(low[k], bounds[-1] + needs[k - 1])
        # When not every cue can have its time, this boundary goes as early as it may.
        ceiling = high[k] if floor <= high[k] else max(lowest[k], min(floor, highest[k]))
        if bounds:
            ceiling = min(ceiling, bounds[-1] + longest)
        bounds.append(max(bounds[-1] if bounds else 0.0, min(max(time, floor), ceiling)))
    return bounds
