"""A programme: the clips of a document laid end to end, with pauses, and exact timings.

``assemble`` puts a pause after each sentence and a longer one after each paragraph
or heading, and knows to the sample when each segment starts and ends; captions
and the EPUB's media overlays are timed from it.

A clip after a long pause starts on a multiple of ``FRAME_ALIGN`` samples (the pause is
lengthened by less than that, at most an eighth of it: under 53 ms at 22,050 Hz).  The
MP3 encoder can then encode the programme in pieces cut there, each the same bytes
wherever it falls (``speech.encode.mp3_pieces``): a correction re-encodes one piece.
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
        gap = _aligned(gap, position)
        parts.append(gap)
        position += len(gap)
        parts.append(clip.samples.astype(np.float32, copy=False))
        timings[clip.key] = (position / rate, (position + len(clip.samples)) / rate)
        position += len(clip.samples)
        gap = np.zeros(_count(clip.pause_after, rate), dtype=np.float32)
    parts.append(np.zeros(_count(pauses.tail, rate), dtype=np.float32))
    return Programme(np.concatenate(parts), rate, timings)


FRAME_ALIGN = 1152
"""Samples in an MPEG-1 layer III frame (two MPEG-2 frames): where long pauses end."""


def _aligned(gap: np.ndarray, position: int) -> np.ndarray:
    """``gap`` (the silence from ``position``) lengthened to end on a multiple of
    ``FRAME_ALIGN``, when it is long enough (eight times the most that is added)."""
    if len(gap) < 8 * FRAME_ALIGN:
        return gap
    extra = -(position + len(gap)) % FRAME_ALIGN
    return np.zeros(len(gap) + extra, dtype=np.float32) if extra else gap


PIECE_SILENCE = 3 * FRAME_ALIGN
"""Digital silence before a cut at least: the trimmed end of the piece before (an MP3
frame, ``speech.encode.PIECE_TRIM``), a frame of silence opening the next, and a frame
to spare."""


def sound_cuts(samples: np.ndarray) -> list[int]:
    """Where a programme may be cut into pieces that are each the same samples wherever
    they fall: one frame before a frame of ``FRAME_ALIGN`` samples (counted from the
    start) that has sound after at least ``PIECE_SILENCE`` samples of digital silence
    (the start of a clip after a long pause, as ``assemble`` lays it)."""
    frames = len(samples) // FRAME_ALIGN
    if frames < 4:
        return []
    whole = samples[: frames * FRAME_ALIGN].reshape(frames, FRAME_ALIGN)
    silent = np.asarray(~whole.any(axis=1), dtype=bool)
    runs = PIECE_SILENCE // FRAME_ALIGN
    # Frame k has sound after ``runs`` silent frames.
    quiet = np.ones(frames - runs, dtype=bool)
    for back in range(1, runs + 1):
        quiet &= silent[runs - back : frames - back]
    starts = np.flatnonzero(quiet & ~silent[runs:]) + runs
    return [int(k) * FRAME_ALIGN - FRAME_ALIGN for k in starts]


def _count(seconds: float, rate: int) -> int:
    return int(round(seconds * rate))


def resample(samples: np.ndarray, rate: int, target: int) -> np.ndarray:
    """``samples`` at ``target`` samples per second (polyphase filter)."""
    if rate == target:
        return samples.astype(np.float32, copy=False)
    from scipy.signal import resample_poly

    ratio = Fraction(target, rate)
    return resample_poly(samples, ratio.numerator, ratio.denominator).astype(np.float32)
