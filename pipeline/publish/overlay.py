"""EPUB media overlays: each segment's sentence paired with its clip of the audio.

A reading system that supports them plays the clips in order and highlights the
sentence being spoken (``media:active-class``).  Clips follow the book's reading
order (the title first, as the XHTML shows it, wherever the audio put it), so the
overlay never jumps backwards through the text (EPUBCheck's MED_015); segments that
were not spoken (no timing, or an empty one) have no clip and are simply read past.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.document import Document
from pipeline.publish.view import reading_order

ACTIVE_CLASS = "-epub-media-overlay-active"
"""Class a reading system puts on the sentence being spoken (styled in ``book.css``)."""


@dataclass(frozen=True)
class OverlayClip:
    """One sentence and where it is in the audio."""

    id: str
    """Segment id: the fragment of the sentence's ``<span>``."""
    begin: float
    """Start in seconds."""
    end: float
    """End in seconds."""

    @property
    def clip_begin(self) -> str:
        """``clipBegin`` as a SMIL clock value."""
        return smil_clock(self.begin)

    @property
    def clip_end(self) -> str:
        """``clipEnd`` as a SMIL clock value."""
        return smil_clock(self.end)


def overlay_clips(doc: Document, timings: Mapping[str, tuple[float, float]]) -> list[OverlayClip]:
    """The clips of ``doc``'s spoken segments, in reading order."""
    clips = []
    for segment in (s for block in reading_order(doc) for s in block.segments):
        times = timings.get(segment.id)
        if times and times[1] > times[0] >= 0:
            clips.append(OverlayClip(segment.id, round(times[0], 3), round(times[1], 3)))
    return clips


def overlay_duration(clips: list[OverlayClip]) -> float:
    """How long playing every clip takes: the overlay's ``media:duration``."""
    return round(sum(clip.end - clip.begin for clip in clips), 3)


def smil_clock(seconds: float) -> str:
    """A full SMIL clock value, ``0:01:02.345``."""
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours}:{minutes:02d}:{secs:02d}.{millis:03d}"
