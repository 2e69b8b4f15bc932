"""What the audio is delivered as: ``compact`` for pages, books and phones, ``broadcast`` for
radio stations (``--format``).

- ``compact`` (the default): a mono MP3 at the voice's own rate (22.05 kHz for espeak-ng,
  16 kHz for MMS) and 64 kb/s.  The voice has nothing above half its rate, so a higher
  rate would add bytes and nothing to hear; it is the file the HTML page and the EPUB
  carry and that listeners download over mobile data, half the size of the broadcast one.
- ``broadcast``: what stations take in.  A mono MP3 at 44.1 kHz and 128 kb/s, and a
  Broadcast Wave file (48 kHz, 24-bit, EBU Tech 3285 ``bext`` chunk with its loudness)
  for playout systems and studios.  Both are mastered and measured at their own rate.
"""

from __future__ import annotations

from pipeline.speech.base import SpeechError
from pipeline.speech.master import MasterSettings

FORMATS = ("compact", "broadcast")
"""Names ``--format`` accepts."""

BROADCAST = {"sample_rate": 44100, "bitrate_kbps": 128, "wav": True, "wav_rate": 48000}
"""The broadcast format's settings."""


def master_settings(name: str = "compact", loudness: float = -23.0,
                    wav: bool = False) -> MasterSettings:
    """The mastering settings of the format ``name``; ``wav`` adds a WAV to the compact one."""
    if name == "broadcast":
        return MasterSettings(loudness=loudness, **BROADCAST)  # type: ignore[arg-type]
    if name == "compact":
        return MasterSettings(loudness=loudness, wav=wav)
    raise SpeechError(f"unknown audio format {name!r} (known: {', '.join(FORMATS)})")
