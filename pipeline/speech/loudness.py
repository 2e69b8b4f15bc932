"""Loudness (ITU-R BS.1770 / EBU R 128) and true peak: measuring them and meeting targets.

Integrated loudness is measured with ``pyloudnorm``.  True peak is the highest
sample of the signal oversampled four times (``scipy.signal.resample_poly``), as
BS.1770 Annex 2 describes.  Normalising speech to a loud target pushes its peaks
over the ceiling, so a look-ahead peak limiter follows, and the two are repeated
until loudness is on target and the true peak under the ceiling.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from pipeline.storage import Cache

OVERSAMPLING = 4
BLOCK = 4096
"""Samples per block when looking for the parts of a signal loud enough to oversample."""
MAX_OVERSHOOT_DB = 6.0
"""How far a true peak can rise above the samples around it.  Real, band-limited audio
stays well under this, so blocks quieter than ``ceiling - MAX_OVERSHOOT_DB`` cannot hold
a peak that matters, and are not oversampled: it saves most of the work on speech."""
MAX_RUN = 64
"""Blocks oversampled in one call at most: bounds memory on long programmes."""
_PAD = 64
"""Context on each side of an oversampled run, longer than the resampling filter's half-length."""
SILENT = -70.0
"""Loudness reported for silence (BS.1770's absolute gate)."""
LOOKAHEAD_S = 0.010
"""The limiter's attack and release ramps."""
HOLD_S = 0.030
"""How long the limiter holds a gain reduction around a peak."""
GAIN_STEP_DB = 0.1
"""A gain that needs no limiting is rounded to this step (the loudness is then within
0.05 LU of its target): a correction of one sentence seldom moves a long programme's
loudness by that much, so the rest of the programme keeps the very same samples and its
encoded pieces are reused (``speech.encode.mp3_pieces``)."""
SEARCH_DB = 30.0
"""Most gain added beyond plain normalisation to make up for what limiting takes away."""


def integrated_loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness in LUFS; ``SILENT`` for silence."""
    import pyloudnorm

    gate = int(0.4 * rate)  # BS.1770 needs one 400 ms block at least
    data = samples if len(samples) >= gate else np.pad(samples, (0, gate - len(samples)))
    with np.errstate(divide="ignore"):
        # float32 halves the filtering time; the per-block sums stay exact to 1e-6.
        value = pyloudnorm.Meter(rate).integrated_loudness(data.astype(np.float32))
    return float(value) if np.isfinite(value) and value > SILENT else SILENT


def peak_envelope(samples: np.ndarray, floor: float = 0.0) -> np.ndarray:
    """Per sample, the largest absolute value of the 4x oversampled signal around it.

    Only blocks whose samples reach ``floor / MAX_OVERSHOOT`` are oversampled; elsewhere
    the envelope is the samples' own magnitude.
    """
    envelope = np.abs(samples).astype(np.float32)
    if len(envelope) == 0:
        return envelope
    reach = floor * 10 ** (-MAX_OVERSHOOT_DB / 20)
    maxima = np.maximum.reduceat(envelope, np.arange(0, len(envelope), BLOCK))
    for first, last in _runs(np.flatnonzero(maxima >= reach)):
        start, end = first * BLOCK, min(len(envelope), (last + 1) * BLOCK)
        lo, hi = max(0, start - _PAD), min(len(envelope), end + _PAD)
        from scipy.signal import resample_poly  # scipy loads when audio is made, not before

        up = resample_poly(samples[lo:hi].astype(np.float32), OVERSAMPLING, 1)
        up = np.abs(up[(start - lo) * OVERSAMPLING : (end - lo) * OVERSAMPLING])
        # The 4 phases' maxima, slice by slice: far faster than a reduction along axis 1.
        phases = [up[k::OVERSAMPLING] for k in range(OVERSAMPLING)]
        envelope[start:end] = np.maximum.reduce([envelope[start:end], *phases])
    return envelope


def _runs(blocks: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive block numbers grouped as (first, last) runs of at most ``MAX_RUN``."""
    if len(blocks) == 0:
        return []
    breaks = np.flatnonzero(np.diff(blocks) > 1)
    firsts = np.concatenate(([blocks[0]], blocks[breaks + 1]))
    lasts = np.concatenate((blocks[breaks], [blocks[-1]]))
    runs = []
    for first, last in zip(firsts.tolist(), lasts.tolist(), strict=True):
        runs += [(s, min(s + MAX_RUN - 1, last)) for s in range(first, last + 1, MAX_RUN)]
    return runs


def true_peak(
    samples: np.ndarray, cache: Cache | None = None, cuts: Sequence[int] | None = None
) -> float:
    """True peak in dBTP (dB relative to full scale, 4x oversampled).

    With a ``cache``, the signal is measured in parts, cut at ``cuts`` (by default where
    it may be cut into pieces, ``programme.sound_cuts``: in long digital silence), and
    the peak of a part already measured is taken from the cache: a programme corrected
    in one sentence is oversampled in one part.  Cut in silence, the parts' peaks are
    the whole's (a part of a decoded MP3 begins with the codec's faint noise, which no
    peak is near).
    """
    if len(samples) == 0:
        return float("-inf")
    if cache is None:
        peak = _peak(samples)
    else:
        from pipeline.speech.programme import sound_cuts

        bounds = [0, *(sound_cuts(samples) if cuts is None else cuts), len(samples)]
        peak = max(_part_peak(samples[a:b], cache) for a, b in zip(bounds, bounds[1:],
                                                                      strict=False) if b > a)
    return float(20 * np.log10(peak)) if peak > 0 else float("-inf")


PEAK_CACHE = "peaks"
"""Cache kind of the true peaks of parts of programmes."""


def _peak(samples: np.ndarray) -> float:
    """The largest magnitude of ``samples`` oversampled (linear)."""
    return float(peak_envelope(samples, float(np.abs(samples).max())).max())


def _part_peak(samples: np.ndarray, cache: Cache) -> float:
    import hashlib

    from pipeline.storage import Cache

    data = np.ascontiguousarray(samples, dtype="<f4").tobytes()
    key = Cache.key(PEAK_CACHE, OVERSAMPLING, hashlib.sha256(data).hexdigest())
    kept = cache.get(PEAK_CACHE, key)
    if kept is not None:
        try:
            return float(kept.decode("ascii"))
        except ValueError:
            pass
    peak = _peak(samples)
    cache.put(PEAK_CACHE, key, repr(peak).encode("ascii"))
    return peak


def limit(samples: np.ndarray, rate: int, ceiling_db: float) -> np.ndarray:
    """``samples`` with every true peak brought down to ``ceiling_db`` by a smooth gain."""
    ceiling = 10 ** (ceiling_db / 20)
    envelope = peak_envelope(samples, ceiling)
    if envelope.max() <= ceiling:
        return samples
    return (samples * gain_curve(envelope, rate, ceiling)).astype(np.float32)


def gain_curve(envelope: np.ndarray, rate: int, ceiling: float) -> np.ndarray:
    """The limiter's gain per sample for a signal with this peak ``envelope``.

    The gain each sample needs is held (minimum filter) and then smoothed (moving
    average) over a shorter window: it is reached before each peak, and never exceeds
    what any sample within reach needs.  Only the blocks around peaks are filtered.
    """
    need = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-9)).astype(np.float32)
    if need.min() >= 1.0:
        return need
    ramp = _odd(LOOKAHEAD_S * rate)
    hold = max(_odd(HOLD_S * rate), ramp)
    reach = hold + ramp  # how far a peak's gain reduction spreads
    minima = np.minimum.reduceat(need, np.arange(0, len(need), BLOCK))
    curve = np.ones_like(need)
    for first, last in _runs(np.flatnonzero(minima < 1.0)):
        start, end = first * BLOCK, min(len(need), (last + 1) * BLOCK)
        lo, hi = max(0, start - 2 * reach), min(len(need), end + 2 * reach)
        from scipy.ndimage import minimum_filter1d, uniform_filter1d

        held = minimum_filter1d(need[lo:hi], hold, mode="nearest")
        smooth = uniform_filter1d(held, ramp, mode="nearest")
        keep = slice(max(0, start - reach) - lo, min(len(need), end + reach) - lo)
        curve[lo + keep.start : lo + keep.stop] = np.minimum(
            curve[lo + keep.start : lo + keep.stop], smooth[keep]
        )
    return curve


def meet_targets(
    samples: np.ndarray, rate: int, target_lufs: float, ceiling_db: float, rounds: int = 6,
    cache: Cache | None = None,
) -> tuple[np.ndarray, float]:
    """Gain and limiting that bring ``samples`` to ``target_lufs`` under ``ceiling_db`` dBTP;
    returns them with the loudness reached (short of a target too loud for the speech).

    A peak envelope scales with the gain, so it is computed once.  Each round measures
    the loudness the limiting left, and the next gain is found by the secant method
    (the more limiting, the less a decibel of gain adds to loudness).
    """
    measured = integrated_loudness(samples, rate)
    if measured <= SILENT:
        return samples, measured
    ceiling = 10 ** (ceiling_db / 20)
    first_gain = round((target_lufs - measured) / GAIN_STEP_DB) * GAIN_STEP_DB
    plain = (samples * np.float32(10 ** (first_gain / 20))).astype(np.float32)
    if true_peak(plain, cache) <= ceiling_db:
        # No peak to limit (speech at broadcast loudness, usually): gain alone is exact,
        # since loudness moves decibel for decibel with it (to the step it is rounded to).
        return plain, measured + first_gain
    envelopes: dict[str, Any] = {}

    def shaped(gain_db: float) -> np.ndarray:
        # Computed again only when the gain outgrows the blocks it oversampled.
        if envelopes.get("gain", -np.inf) < gain_db:
            envelopes["gain"] = gain_db + 6.0
            envelopes["env"] = peak_envelope(samples, ceiling / 10 ** (envelopes["gain"] / 20))
        gain = np.float32(10 ** (gain_db / 20))
        curve = gain_curve(envelopes["env"] * gain, rate, ceiling)
        return (samples * gain * curve).astype(np.float32)

    tried: list[tuple[float, float]] = []  # (gain, loudness reached)
    gain_db = first_gain
    for _ in range(rounds):
        result = shaped(gain_db)
        reached = integrated_loudness(result, rate)
        if abs(target_lufs - reached) < 0.02:
            break
        if tried and abs(reached - tried[-1][1]) < 0.02:
            break  # saturated: more gain only squares the waveform off
        tried.append((gain_db, reached))
        gain_db = _next_gain(tried, target_lufs)
    # The smoothed gain leaves tiny overshoots between samples: a last pass removes them.
    excess = true_peak(result) - ceiling_db
    if excess > 0:
        result = limit(result, rate, ceiling_db - excess - 0.01)
    return result, reached


def _next_gain(tried: list[tuple[float, float]], target: float) -> float:
    gain, reached = tried[-1]
    slope = 1.0
    if len(tried) > 1:
        (g0, l0), (g1, l1) = tried[-2], tried[-1]
        if abs(g1 - g0) > 1e-6 and l1 != l0:
            slope = min(1.0, max(0.05, (l1 - l0) / (g1 - g0)))
    return min(gain + (target - reached) / slope, tried[0][0] + SEARCH_DB)


def _odd(length: float) -> int:
    n = max(1, int(round(length)))
    return n if n % 2 else n + 1
