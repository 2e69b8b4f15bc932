"""Audio files as bytes: MP3 (``lameenc``) with ID3 tags (``mutagen``), WAV (``soundfile``).

No system ffmpeg: LAME and libsndfile come inside their wheels.  Nothing here
writes to disk; the caller decides where the bytes go.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from pipeline.speech.programme import sound_cuts

if TYPE_CHECKING:
    from pipeline.storage import Cache

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


def encode_mp3(
    samples: np.ndarray, rate: int, bitrate_kbps: int, tags: Tags, cache: Cache | None = None
) -> bytes:
    """Mono constant-bitrate MP3 of float ``samples`` in [-1, 1], with ID3v2.4 tags;
    encoded in pieces (``mp3_pieces``), those already in ``cache`` taken from it."""
    return id3_tags(tags) + b"".join(mp3_pieces(samples, rate, bitrate_kbps, cache))


PIECE_CACHE = "mp3"
"""Cache kind of encoded pieces of programmes."""
PIECE_TRIM = 1152
"""Samples left out of the end of a piece that another follows.  A piece whose length
is a whole number of frames, less these, comes out of LAME exactly as long as the
piece (its encoder delay and the padding of its last frame make them up), so pieces
joined end to end play in time, the one codec delay at the very start aside."""


def mp3_pieces(
    samples: np.ndarray, rate: int, bitrate_kbps: int, cache: Cache | None = None
) -> list[bytes]:
    """The MP3 frames of ``samples``, in pieces that join into one stream.

    A programme is cut one frame before each sound that follows a long silence and
    starts on a multiple of ``FRAME_ALIGN`` samples (``speech.programme.sound_cuts``;
    ``assemble`` lays clips after long pauses so).  Each piece is encoded by itself,
    with a fresh encoder, so the same sound gives the same bytes wherever it is in the
    programme, and a piece found in ``cache`` is not encoded again.  Every piece but the
    last must come out exactly as many frames long as it is; when one does not, the
    whole programme is encoded at once instead (one piece).
    """
    bounds = [0, *sound_cuts(samples), len(samples)]
    frame = _frame_samples(rate)
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        last = end == len(samples)
        data = _piece(samples[start : end if last else end - PIECE_TRIM], rate, bitrate_kbps,
                      cache)
        if not last and _frames(data) * frame != end - start:
            return [_lame(samples, rate, bitrate_kbps)]
        pieces.append(data)
    return pieces


def _piece(samples: np.ndarray, rate: int, bitrate_kbps: int, cache: Cache | None) -> bytes:
    """One piece encoded, from ``cache`` when it was encoded before."""
    pcm = to_int16(samples).tobytes()
    key = ""
    if cache is not None:
        import hashlib

        from pipeline.storage import Cache

        key = Cache.key(PIECE_CACHE, _lame_version(), MP3_QUALITY, rate, bitrate_kbps,
                        hashlib.sha256(pcm).hexdigest())
        kept = cache.get(PIECE_CACHE, key)
        if kept is not None:
            return kept
    data = _lame_pcm(pcm, rate, bitrate_kbps)
    if cache is not None:
        cache.put(PIECE_CACHE, key, data)
    return data


@lru_cache(maxsize=1)
def _lame_version() -> str:
    from importlib.metadata import version

    return version("lameenc")


def _frame_samples(rate: int) -> int:
    """Samples per frame: 1,152 in MPEG-1 (32 kHz and up), 576 below."""
    return 1152 if rate >= 32000 else 576


def _frames(data: bytes) -> int:
    """How many MPEG audio layer III frames ``data`` holds; -1 when it is not a run of
    whole frames."""
    count, position = 0, 0
    while position < len(data):
        if position + 4 > len(data):
            return -1
        header = int.from_bytes(data[position : position + 4], "big")
        version, layer = (header >> 19) & 3, (header >> 17) & 3
        bitrate_index, rate_index = (header >> 12) & 15, (header >> 10) & 3
        if header >> 21 != 0x7FF or layer != 1 or version == 1 or rate_index == 3 or \
                bitrate_index in (0, 15):
            return -1
        mpeg1 = version == 3
        bitrate = (_MPEG1_KBPS if mpeg1 else _MPEG2_KBPS)[bitrate_index] * 1000
        rate = _RATES[rate_index] // {3: 1, 2: 2, 0: 4}[version]
        position += (144 if mpeg1 else 72) * bitrate // rate + ((header >> 9) & 1)
        count += 1
    return count


_MPEG1_KBPS = (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
_MPEG2_KBPS = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_RATES = (44100, 48000, 32000)


def _lame(samples: np.ndarray, rate: int, bitrate_kbps: int) -> bytes:
    return _lame_pcm(to_int16(samples).tobytes(), rate, bitrate_kbps)


def _lame_pcm(pcm: bytes, rate: int, bitrate_kbps: int) -> bytes:
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate_kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(rate)  # else LAME picks a lower rate for low bitrates
    encoder.set_channels(1)
    encoder.set_quality(MP3_QUALITY)
    return bytes(encoder.encode(pcm)) + bytes(encoder.flush())


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
