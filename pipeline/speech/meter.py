"""An EBU R 128 meter: momentary and short-term loudness, their maxima, and loudness range.

What a Broadcast Wave file declares about its audio (EBU Tech 3285 version 2):

- integrated loudness (ITU-R BS.1770, measured with ``pyloudnorm``, as everywhere in Kuma);
- maximum momentary loudness (400 ms window) and maximum short-term loudness (3 s window),
  EBU Tech 3341, the windows slid in steps of 10 ms;
- loudness range, EBU Tech 3342: the short-term loudness every 100 ms, gated at -70 LUFS
  and then 20 LU under the power mean of what is left; the range is the 95th minus the
  10th percentile of the rest (nearest rank, as the reference implementation does);
- true peak (BS.1770 Annex 2, 4x oversampling: ``loudness.true_peak``).

The K-weighting filter is the BS.1770 pre-filter and RLB high-pass, designed for any
sample rate from their analogue prototypes (the same design libebur128 uses), so that
22.05, 44.1 and 48 kHz audio measure alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipeline.speech.loudness import SILENT, integrated_loudness, true_peak

MOMENTARY_S = 0.4
SHORT_TERM_S = 3.0
MAX_STEP_S = 0.01
"""Step of the sliding windows when looking for the maxima."""
RANGE_STEP_S = 0.1
"""Step of the short-term measurements the loudness range is taken from (10 Hz)."""
RANGE_GATE_LU = 20.0
RANGE_PERCENTILES = (0.10, 0.95)
_SHELF = (1681.974450955533, 3.999843853973347, 0.7071752369554196)
"""Pre-filter (high shelf): centre frequency, gain in dB, Q."""
_HIGHPASS = (38.13547087602444, 0.5003270373238773)
"""RLB high-pass: centre frequency, Q."""


@dataclass(frozen=True)
class LoudnessReport:
    """The loudness figures of a programme, as EBU R 128 names them."""

    integrated: float
    """Programme loudness, LUFS."""
    range: float
    """Loudness range (LRA), LU."""
    true_peak: float
    """Maximum true peak level, dBTP."""
    max_momentary: float
    """Highest momentary loudness, LUFS."""
    max_short_term: float
    """Highest short-term loudness, LUFS."""

    def to_dict(self) -> dict[str, Any]:
        """The figures for the manifest, rounded to a hundredth (what BWF stores)."""
        return {
            "loudness_lufs": round(self.integrated, 2),
            "loudness_range_lu": round(self.range, 2),
            "true_peak_dbtp": round(self.true_peak, 2),
            "max_momentary_lufs": round(self.max_momentary, 2),
            "max_short_term_lufs": round(self.max_short_term, 2),
        }


def measure(samples: np.ndarray, rate: int) -> LoudnessReport:
    """Every R 128 figure of mono ``samples`` at ``rate``."""
    weighted = k_weighted(samples, rate)
    return LoudnessReport(
        integrated=integrated_loudness(samples, rate),
        range=loudness_range(weighted, rate),
        true_peak=true_peak(samples),
        max_momentary=_max_loudness(weighted, rate, MOMENTARY_S),
        max_short_term=_max_loudness(weighted, rate, SHORT_TERM_S),
    )


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """``samples`` through the BS.1770 K-weighting filter (float64)."""
    from scipy.signal import lfilter

    shelf_b, shelf_a = _shelf(rate)
    pass_b, pass_a = _highpass(rate)
    return lfilter(pass_b, pass_a, lfilter(shelf_b, shelf_a, samples.astype(np.float64)))


def _shelf(rate: int) -> tuple[list[float], list[float]]:
    centre, gain_db, q = _SHELF
    k = math.tan(math.pi * centre / rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    b = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
    a = [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return b, a


def _highpass(rate: int) -> tuple[list[float], list[float]]:
    centre, q = _HIGHPASS
    k = math.tan(math.pi * centre / rate)
    a0 = 1 + k / q + k * k
    return [1.0, -2.0, 1.0], [1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]


def window_loudness(weighted: np.ndarray, rate: int, window_s: float, step_s: float) -> np.ndarray:
    """Loudness (LUFS) of a window of ``window_s`` slid by ``step_s`` over K-weighted audio;
    audio shorter than the window is measured as one window, padded with silence."""
    window, step = int(round(window_s * rate)), max(1, int(round(step_s * rate)))
    energy = np.concatenate(([0.0], np.cumsum(weighted * weighted)))
    ends = np.arange(window, len(weighted) + 1, step)
    sums = energy[ends] - energy[ends - window] if len(ends) else energy[-1:]
    with np.errstate(divide="ignore"):
        return -0.691 + 10 * np.log10(np.maximum(sums, 0.0) / window)


def _max_loudness(weighted: np.ndarray, rate: int, window_s: float) -> float:
    loudest = float(window_loudness(weighted, rate, window_s, MAX_STEP_S).max())
    return loudest if math.isfinite(loudest) and loudest > SILENT else SILENT


def loudness_range(weighted: np.ndarray, rate: int) -> float:
    """Loudness range (EBU Tech 3342) of K-weighted audio, in LU; 0 when too little is loud."""
    short = window_loudness(weighted, rate, SHORT_TERM_S, RANGE_STEP_S)
    short = short[short > SILENT]
    if len(short) < 2:
        return 0.0
    gate = 10 * np.log10(np.mean(10 ** (short / 10))) - RANGE_GATE_LU
    kept = np.sort(short[short >= gate])
    low, high = (kept[int((len(kept) - 1) * p + 0.5)] for p in RANGE_PERCENTILES)
    return float(high - low)
