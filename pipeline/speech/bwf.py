"""Broadcast Wave (EBU Tech 3285 version 2): 24-bit PCM WAV with a ``bext`` chunk.

The ``bext`` chunk says what the audio is, who made it and when, and its loudness:
integrated loudness, loudness range, maximum true peak, maximum momentary and
short-term loudness, each as a 16-bit integer in hundredths.  Its text fields are
ASCII: titles in other scripts are transliterated (``anyascii``).  Chunks are laid
``bext``, ``fmt ``, ``data``, as broadcast playout systems expect to find them.
"""

from __future__ import annotations

import hashlib
import os
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from pipeline.speech.meter import LoudnessReport

BEXT_VERSION = 2
PCM_BITS = 24
_FULL_SCALE = 2 ** (PCM_BITS - 1)
_BEXT_LAYOUT = "<256s32s32s10s8sIIH64shhhhh180s"
"""Description, Originator, OriginatorReference, OriginationDate, OriginationTime,
TimeReference (low, high), Version, UMID, the five loudness values, Reserved."""


@dataclass(frozen=True)
class BroadcastInfo:
    """What the ``bext`` chunk says."""

    description: str
    """What the audio is: a summary in its first 64 characters, details after (ASCII)."""
    loudness: LoudnessReport
    """The audio's measured loudness."""
    origination: datetime
    """When the audio was made."""
    coding_history: str
    """How it was made, one EBU R 98 line (``A=PCM,F=48000,W=24,M=mono,T=...``)."""
    originator: str = "Kuma"
    """The program that made it."""


def origination_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds), in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC)


def quantised(samples: np.ndarray) -> np.ndarray:
    """``samples`` rounded to what 24-bit PCM holds, as float64: measure what is written."""
    ints = np.round(np.clip(samples.astype(np.float64), -1.0, 1.0 - 1 / _FULL_SCALE) * _FULL_SCALE)
    return ints / _FULL_SCALE


def broadcast_wave(samples: np.ndarray, rate: int, info: BroadcastInfo) -> bytes:
    """A mono 24-bit Broadcast Wave file of ``samples`` (floats in [-1, 1]) at ``rate``."""
    ints = np.round(quantised(samples) * _FULL_SCALE).astype("<i4")
    pcm = ints.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    reference = "KUMA" + hashlib.sha256(pcm).hexdigest()[:28]
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 3, 3, PCM_BITS)
    body = b"WAVE" + _chunk(b"bext", bext(info, reference)) + _chunk(b"fmt ", fmt)
    body += _chunk(b"data", pcm)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def bext(info: BroadcastInfo, reference: str = "") -> bytes:
    """The ``bext`` chunk's content (EBU Tech 3285 version 2)."""
    figures = info.loudness
    loudness = [_hundredths(v) for v in (figures.integrated, figures.range, figures.true_peak,
                                          figures.max_momentary, figures.max_short_term)]
    date, time = (info.origination.strftime(f).encode() for f in ("%Y-%m-%d", "%H:%M:%S"))
    fixed = struct.pack(
        _BEXT_LAYOUT,
        _ascii(info.description, 256), _ascii(info.originator, 32), _ascii(reference, 32),
        date, time, 0, 0, BEXT_VERSION, bytes(64), *loudness, bytes(180),
    )
    return fixed + _ascii(info.coding_history.rstrip("\r\n") + "\r\n", 0)


def _chunk(name: bytes, content: bytes) -> bytes:
    """A RIFF chunk, padded to an even length."""
    pad = b"\0" if len(content) % 2 else b""
    return name + struct.pack("<I", len(content)) + content + pad


def _hundredths(value: float) -> int:
    """A loudness figure as BWF stores it: hundredths, in a signed 16-bit integer."""
    if not np.isfinite(value):
        value = -327.68 if value < 0 else 327.67
    return int(max(-32768, min(32767, round(value * 100))))


def _ascii(text: str, size: int) -> bytes:
    """``text`` in ASCII (transliterated), cut to ``size`` bytes (0: no limit)."""
    from anyascii import anyascii

    data = anyascii(text).encode("ascii", "replace")
    return data[:size] if size else data
