"""Audio files as bytes: MP3 (``lameenc``) with ID3 tags (``mutagen``), WAV (``soundfile``).

No system ffmpeg: LAME and libsndfile come inside their wheels.  Nothing here
writes to disk; the caller decides where the bytes go.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import numpy as np

ISO_639_2 = {"fr": "fra", "ar": "ara", "bm": "bam", "en": "eng", "dyu": "dyu"}
"""Kuma language -> the three-letter code ID3 frames use."""

MP3_QUALITY = 5
"""LAME's algorithm quality (2 best, 7 fastest); 5 is transparent for speech at 64 kbps."""


@dataclass(frozen=True)
class Tags:
    """What the MP3 says about itself."""

    title: str
    """Title of the article, in the language spoken."""
    lang: str
    """Kuma language code of the speech."""
    source: str = ""
    """Where the text came from (the source file name)."""
    comment: str = ""
    """How the audio was made: translation, voice, loudness."""
    artist: str = "Kuma"
    """Shown as the artist by players."""
    created: datetime | None = None
    """When the audio was made, for a Broadcast Wave file; None: now (or SOURCE_DATE_EPOCH)."""


def encode_mp3(samples: np.ndarray, rate: int, bitrate_kbps: int, tags: Tags) -> bytes:
    """Mono constant-bitrate MP3 of float ``samples`` in [-1, 1], with ID3v2.4 tags."""
    return id3_tags(tags) + _lame(samples, rate, bitrate_kbps)


def _lame(samples: np.ndarray, rate: int, bitrate_kbps: int) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate_kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(rate)  # else LAME picks a lower rate for low bitrates
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    return bytes(encoder.encode(to_int16(samples).tobytes())) + bytes(encoder.flush())


@dataclass(frozen=True)
class Codec:
    """What the MP3 round trip does to a signal, measured on a probe."""

    gain_db: float
    """Level change from PCM to decoded MP3 (LAME scales its input down a little)."""
    delay_s: float
    """How late the decoded audio starts (encoder and decoder delay)."""


@lru_cache(maxsize=8)
def mp3_codec(rate: int, bitrate_kbps: int) -> Codec:
    """The codec's gain and delay at ``rate`` and ``bitrate_kbps``: measured once per
    encoder version and kept in Kuma's cache (measuring takes about a second)."""
    import json
    from importlib.metadata import version

    from pipeline.storage import Cache, default_cache

    cache = default_cache()
    key = Cache.key("codec", 1, version("lameenc"), rate, bitrate_kbps, MP3_QUALITY)
    kept = cache.get("codec", key)
    if kept is not None:
        try:
            return Codec(**json.loads(kept))
        except (ValueError, TypeError):
            pass
    codec = measure_codec(rate, bitrate_kbps)
    cache.put("codec", key, json.dumps(codec.__dict__).encode())
    return codec


def measure_codec(rate: int, bitrate_kbps: int) -> Codec:
    """Measure the codec: its gain on a 1 kHz tone, its delay on a burst of noise limited
    to the speech band."""
    from scipy.signal import butter, sosfilt

    time = np.arange(rate // 2) / rate
    tone = (0.3 * np.sin(2 * np.pi * 1000 * time)).astype(np.float32)
    decoded, _ = decode(_lame(tone, rate, bitrate_kbps))
    middle = slice(rate // 8, rate // 2 - rate // 8)
    gain = float(np.sqrt(np.mean(decoded[middle] ** 2) / np.mean(tone[middle] ** 2)))
    noise = np.random.default_rng(0).normal(0, 0.1, rate // 4)
    burst = sosfilt(butter(6, 4000, fs=rate, output="sos"), noise).astype(np.float32)
    decoded, _ = decode(_lame(np.pad(burst, (0, rate // 4)), rate, bitrate_kbps))
    lag = int(np.argmax(np.correlate(decoded[: rate // 2], burst[: rate // 8], mode="valid")))
    return Codec(gain_db=float(20 * np.log10(gain)), delay_s=lag / rate)


def id3_tags(tags: Tags) -> bytes:
    """An ID3v2.4 tag block (title, artist, language, source, comment, encoder)."""
    from mutagen.id3 import COMM, ID3, TIT2, TLAN, TPE1, TSSE, TXXX

    lang = ISO_639_2.get(tags.lang, "und")
    frames = ID3()
    frames.add(TIT2(encoding=3, text=tags.title))
    frames.add(TPE1(encoding=3, text=tags.artist))
    frames.add(TLAN(encoding=3, text=lang))
    frames.add(TSSE(encoding=3, text="LAME (lameenc)"))
    if tags.source:
        frames.add(TXXX(encoding=3, desc="source", text=tags.source))
    if tags.comment:
        frames.add(COMM(encoding=3, lang=lang, desc="", text=tags.comment))
    buffer = io.BytesIO()
    frames.save(buffer, padding=lambda info: 0)
    return buffer.getvalue()


def decode(data: bytes) -> tuple[np.ndarray, int]:
    """Mono float samples and rate of an MP3 or WAV held in memory."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    return np.ascontiguousarray(samples.mean(axis=1)), int(rate)


def to_int16(samples: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] as rounded 16-bit integers."""
    return np.round(np.clip(samples, -1.0, 32767 / 32768) * 32768).astype("<i2")
