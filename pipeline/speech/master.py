"""Mastering: a programme brought to broadcast loudness under a true-peak ceiling, encoded.

``master_audio`` normalises loudness (ITU-R BS.1770) to the target, limits the true
peak, resamples to the output rate, encodes MP3 (and a Broadcast Wave file if asked),
and measures the MP3 as a listener's player decodes it and the WAV as written: the
figures it reports are those of the files delivered.  Gain changes do not move
anything in time, so the timings of the programme (``pipeline.speech.programme``) hold
for the MP3, give or take the codec's delay, which ``MasteredAudio.delay_s`` gives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from pipeline.speech.base import SpeechError
from pipeline.speech.bwf import BroadcastInfo, broadcast_wave, origination_time, quantised
from pipeline.speech.encode import Tags, decode, encode_mp3, mp3_codec
from pipeline.speech.loudness import integrated_loudness, limit, meet_targets, true_peak
from pipeline.speech.meter import LoudnessReport, measure
from pipeline.speech.programme import resample, sound_cuts

if TYPE_CHECKING:
    from pipeline.storage import Cache

LOUDNESS_PRESETS = {"broadcast": -23.0, "podcast": -16.0}
"""EBU R 128 for radio and television; the -16 LUFS streaming platforms ask of podcasts."""
LOUDNESS_RANGE = (-31.0, -10.0)
"""Targets accepted, in LUFS."""
CODEC_HEADROOM_DB = 0.8
"""MP3 encoding raises inter-sample peaks: the limiter aims this much under the ceiling."""
MP3_RATES = (8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000)
"""Sample rates MPEG audio layer III has."""
MP3_BITRATES = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160)
"""Bitrates (kb/s) MP3 has at every one of those rates."""
LOUDNESS_TOLERANCE = 0.2
"""How far from the target (LU) the delivered MP3 may measure before another round."""
MAX_SHORTFALL = 0.5
"""How far from the target (LU) the delivered MP3 may be without a note saying so."""
WAV_HEADROOM_DB = 0.1
"""A WAV has no codec to raise its peaks: the limiter aims only this much under the ceiling."""


def parse_loudness(value: str | float) -> float:
    """``broadcast`` (-23), ``podcast`` (-16) or a number of LUFS in -31...-10."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in LOUDNESS_PRESETS:
            return LOUDNESS_PRESETS[text]
        try:
            number = float(text.removesuffix("lufs").strip())
        except ValueError:
            raise SpeechError(
                f"loudness {value!r} is not broadcast, podcast or a number of LUFS"
            ) from None
    else:
        number = float(value)
    low, high = LOUDNESS_RANGE
    if not math.isfinite(number) or not low <= number <= high:
        raise SpeechError(
            f"loudness target {number:g} LUFS is outside {low:g} to {high:g} LUFS "
            "(broadcast is -23, podcast -16)"
        )
    return number


@dataclass(frozen=True)
class MasterSettings:
    """What the delivered audio must meet."""

    loudness: float = -23.0
    """Integrated loudness target in LUFS (EBU R 128 broadcast by default)."""
    max_true_peak: float = -1.0
    """Ceiling for the true peak, in dBTP."""
    sample_rate: int | None = None
    """Output rate; None keeps the voice's own (22,050 for espeak-ng, 16,000 for MMS):
    a voice has nothing above half its rate, so a higher one only adds bytes and work."""
    bitrate_kbps: int = 64
    """MP3 bitrate; 64 kb/s mono is clean for speech."""
    wav: bool = False
    """Also deliver a 24-bit Broadcast Wave file for studios."""
    wav_rate: int | None = None
    """Rate of the WAV; None: the MP3's."""

    def __post_init__(self) -> None:
        parse_loudness(self.loudness)
        if self.bitrate_kbps not in MP3_BITRATES:
            rates = ", ".join(map(str, MP3_BITRATES))
            raise SpeechError(f"MP3 bitrate {self.bitrate_kbps} kb/s is not one of {rates}")
        if self.wav_rate is not None and not 8000 <= self.wav_rate <= 192000:
            raise SpeechError(f"a WAV rate of {self.wav_rate} Hz is not one studios use")

    def to_dict(self) -> dict[str, Any]:
        """The settings, for the manifest."""
        return {
            "loudness_target_lufs": self.loudness,
            "max_true_peak_dbtp": self.max_true_peak,
            "sample_rate": self.sample_rate,
            "mp3_bitrate_kbps": self.bitrate_kbps,
            "wav": self.wav,
            "wav_sample_rate": self.wav_rate,
        }


@dataclass
class MasteredAudio:
    """The delivered audio and its measured figures."""

    mp3: bytes
    """MP3 file with ID3 tags."""
    wav: bytes | None
    """24-bit Broadcast Wave file, when asked for."""
    loudness_lufs: float
    """Integrated loudness of the MP3 as decoded."""
    true_peak_dbtp: float
    """True peak of the MP3 as decoded."""
    duration_s: float
    """Length of the programme in seconds."""
    sample_rate: int
    """Samples per second of the files."""
    delay_s: float = 0.0
    """How much later than the programme's timings the decoded MP3 sounds (codec delay)."""
    note: str = ""
    """Why the loudness is off target, when it is (a target too loud for the speech)."""
    wav_loudness: LoudnessReport | None = None
    """The WAV's loudness figures, as its ``bext`` chunk declares them."""
    wav_rate: int = 0
    """Samples per second of the WAV (0 without one)."""

    def to_dict(self) -> dict[str, Any]:
        """The measured figures, for the manifest."""
        wav = {}
        if self.wav_loudness is not None:
            wav = {"wav": {"sample_rate": self.wav_rate, "bits": 24, **self.wav_loudness.to_dict()}}
        return {
            "loudness_lufs": round(self.loudness_lufs, 2),
            "true_peak_dbtp": round(self.true_peak_dbtp, 2),
            "duration_s": round(self.duration_s, 3),
            "sample_rate": self.sample_rate,
            "codec_delay_s": round(self.delay_s, 4),
            **wav,
            **({"note": self.note} if self.note else {}),
        }


def master_audio(
    samples: np.ndarray, rate: int, settings: MasterSettings, tags: Tags,
    cache: Cache | None = None,
) -> MasteredAudio:
    """Normalise, limit, resample and encode ``samples``; measure what was delivered.

    Loudness and peaks are worked at the voice's own rate, checked again at the output
    rate, and finally measured on the MP3 as decoded; when the codec moved them off
    target, another round corrects for it.  A target the speech cannot reach under the
    ceiling (very loud ones) is approached as near as limiting allows, and ``note`` says so.
    The MP3 is encoded in pieces, those in ``cache`` reused (``speech.encode.mp3_pieces``).
    """
    if len(samples) == 0:
        raise SpeechError("there is no audio to master")
    out_rate = output_rate(rate, settings.sample_rate)
    codec = mp3_codec(out_rate, settings.bitrate_kbps)
    # LAME scales its input down a little: scale up by as much so the file is on target.
    boost = np.float32(10 ** (-codec.gain_db / 20))
    target, ceiling = settings.loudness, settings.max_true_peak - CODEC_HEADROOM_DB
    shaped, reached = meet_targets(samples.astype(np.float32), rate, target, ceiling,
                                   cache=cache)
    for _ in range(4):
        # Resampling can move peaks between samples: limit again at the new rate.
        delivered = shaped if out_rate == rate else limit(resample(shaped, rate, out_rate),
                                                          out_rate, ceiling)
        mp3 = encode_mp3(delivered * boost, out_rate, settings.bitrate_kbps, tags, cache)
        decoded, _ = decode(mp3)
        loudness = integrated_loudness(decoded, out_rate)
        # Measured in the parts the programme was cut into (each one's peak is cached).
        peak = true_peak(decoded, cache, sound_cuts(delivered) if cache is not None else None)
        if peak > settings.max_true_peak:
            # The codec overshot (squared-off, heavily limited speech does): limit lower.
            ceiling -= peak - settings.max_true_peak + 0.3
            shaped = limit(shaped, rate, ceiling)
        elif abs(loudness - settings.loudness) > LOUDNESS_TOLERANCE and abs(reached - target) < 0.1:
            # Limiting reached its target, so the codec moved the loudness: aim off by as much.
            target += settings.loudness - loudness
            shaped, reached = meet_targets(samples.astype(np.float32), rate, target, ceiling,
                                           cache=cache)
        else:
            break
    mastered = MasteredAudio(
        mp3=mp3,
        wav=None,
        loudness_lufs=loudness,
        true_peak_dbtp=peak,
        duration_s=len(delivered) / out_rate,
        sample_rate=out_rate,
        delay_s=codec.delay_s,
        note=_shortfall(settings, loudness),
    )
    if settings.wav:
        wav_rate = settings.wav_rate or out_rate
        mastered.wav, mastered.wav_loudness = master_wav(samples, rate, wav_rate, settings, tags)
        mastered.wav_rate = wav_rate
    return mastered


def master_wav(
    samples: np.ndarray, rate: int, out_rate: int, settings: MasterSettings, tags: Tags
) -> tuple[bytes, LoudnessReport]:
    """A Broadcast Wave file of ``samples`` on target at ``out_rate``, and its figures.

    Mastered apart from the MP3: the MP3 is aimed off target by what its codec does,
    and needs more headroom for the peaks the codec adds; a WAV needs neither.
    """
    ceiling = settings.max_true_peak - WAV_HEADROOM_DB
    shaped, _ = meet_targets(samples.astype(np.float32), rate, settings.loudness, ceiling)
    if out_rate != rate:
        shaped = limit(resample(shaped, rate, out_rate), out_rate, ceiling)
    written = quantised(shaped)
    figures = measure(written, out_rate)
    return broadcast_wave(written, out_rate, _broadcast_info(tags, figures, out_rate)), figures


def _broadcast_info(tags: Tags, figures: LoudnessReport, rate: int) -> BroadcastInfo:
    """The ``bext`` fields: the title first (a summary in 64 characters), then how it was made."""
    from pipeline import __version__

    summary = tags.title if len(tags.title) <= 62 else tags.title[:61] + "…"
    return BroadcastInfo(
        description=f"{summary}. {tags.comment}" if tags.comment else summary,
        loudness=figures,
        origination=tags.created or origination_time(),
        coding_history=f"A=PCM,F={rate},W=24,M=mono,T=Kuma {__version__}",
    )


def output_rate(voice_rate: int, wanted: int | None) -> int:
    """``wanted``, or the voice's rate when MP3 has it, else the next MP3 rate above it."""
    rate = wanted or next((r for r in MP3_RATES if r >= voice_rate), MP3_RATES[-1])
    if rate not in MP3_RATES:
        rates = ", ".join(map(str, MP3_RATES))
        raise SpeechError(f"an MP3 cannot be {rate} Hz (MP3 rates: {rates})")
    return rate


def _shortfall(settings: MasterSettings, loudness: float) -> str:
    if abs(loudness - settings.loudness) <= MAX_SHORTFALL:
        return ""
    return (
        f"loudness {loudness:.1f} LUFS, not {settings.loudness:g}: the speech cannot be made "
        f"that loud under {settings.max_true_peak:g} dBTP without distortion"
    )
