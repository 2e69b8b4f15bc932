"""A programme: the clips of a document laid end to end, with pauses, and exact timings.

``assemble`` puts a pause after each sentence and a longer one after each paragraph
or heading, and knows to the sample when each segment starts and ends; captions
and the EPUB's media overlays are timed from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from pipeline.speech.base import SpeechError


@dataclass(frozen=True)
class Pauses:
    """Silence, in seconds, laid between clips."""

    sentence: float = 0.35
    """After each sentence of a paragraph."""
    paragraph: float = 0.9
    """After the last sentence of a paragraph (and after the opening line)."""
    heading: float = 1.2
    """After a title or a subheading."""
    lead_in: float = 0.3
    """Before the first word."""
    tail: float = 0.6
    """After the last word."""

    def __post_init__(self) -> None:
        for name, value in self.to_dict().items():
            if not (0 <= value <= 10):
                raise SpeechError(f"pause {name} must be between 0 and 10 seconds, not {value}")

    def to_dict(self) -> dict[str, float]:
        """The pauses, for the manifest."""
        names = ("sentence", "paragraph", "heading", "lead_in", "tail")
        return {name: getattr(self, name) for name in names}


@dataclass(frozen=True)
class Placed:
    """One clip to lay down, and the silence that follows it."""

    key: str
    """Segment id (or ``opening``)."""
    samples: np.ndarray
    """float32 mono samples at the programme's rate."""
    pause_after: float
    """Seconds of silence after it."""


@dataclass
class Programme:
    """Clips laid end to end: the audio before mastering, and when each clip sounds."""

    samples: np.ndarray
    """float32 mono samples."""
    rate: int
    """Samples per second."""
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Segment id (or ``opening``) -> (start, end) in seconds."""

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return len(self.samples) / self.rate


def assemble(clips: Iterable[Placed], rate: int, pauses: Pauses) -> Programme:
    """Lay ``clips`` end to end with their pauses, from ``pauses.lead_in`` to ``pauses.tail``.

    The last clip is followed by ``pauses.tail`` instead of its own pause.
    """
    parts = [np.zeros(_count(pauses.lead_in, rate), dtype=np.float32)]
    position = len(parts[0])
    timings: dict[str, tuple[float, float]] = {}
    gap = np.zeros(0, dtype=np.float32)
    for clip in clips:
        # The pause of the clip before, now that it is known not to be the last.
        parts.append(gap)
        position += len(gap)
        parts.append(clip.samples.astype(np.float32, copy=False))
        timings[clip.key] = (position / rate, (position + len(clip.samples)) / rate)
        position += len(clip.samples)
        gap = np.zeros(_count(clip.pause_after, rate), dtype=np.float32)
    parts.append(np.zeros(_count(pauses.tail, rate), dtype=np.float32))
    return Programme(np.concatenate(parts), rate, timings)


def _count(seconds: float, rate: int) -> int:
    return int(round(seconds * rate))


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """``samples`` at ``target`` samples per second (polyphase filter)."""
    if rate == target:
        return samples.astype(np.float32, copy=False)
    from scipy.signal import resample_poly

    ratio = Fraction(target, rate)
    return resample_poly(samples, ratio.numerator, ratio.denominator).astype(np.float32)
