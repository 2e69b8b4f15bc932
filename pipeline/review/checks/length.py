"""Length: a translation much shorter or longer than its language usually makes it.

The range is the ratio of characters, translation / source, per language pair.
It was calibrated on the hand-made example translations (examples/translations,
27 segments per language) by ``benchmarks/review_calibration.py --length``:
on the segments whose source has at least ``MIN_SOURCE_CHARS`` characters (shorter
ones vary too much: "Russian 'mercenaries'" -> "Des « mercenaires » russes"),
the lowest and highest ratios observed were widened by ``TOLERANCE`` on each side:

=======  =====================  ===============
pair     observed (min-max)     range flagged outside
=======  =====================  ===============
en->fr   0.82 - 1.34            0.63 - 1.74
en->ar   0.62 - 1.40            0.48 - 1.82
en->bm   0.64 - 1.37            0.49 - 1.78
=======  =====================  ===============

Dyula has no example translation: it borrows Bambara's range, its closest
language.  Any other pair gets the loose ``DEFAULT_RANGE``.

Outside the range is **minor** (a hint of an omission or an addition, which the
other checks may name), and **major** when the ratio is beyond the range by a
further factor of ``TOLERANCE`` (half a sentence gone, or a paragraph added).
"""

from __future__ import annotations

from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

MIN_SOURCE_CHARS = 40
"""Shorter sources are not checked."""
TOLERANCE = 1.3
"""Factor the observed extremes were widened by."""

OBSERVED: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "fr"): (0.82, 1.34),
    ("en", "ar"): (0.62, 1.40),
    ("en", "bm"): (0.64, 1.37),
}
"""Lowest and highest character ratio in the example translations (sources >= 40 chars)."""
OBSERVED[("en", "dyu")] = OBSERVED[("en", "bm")]

DEFAULT_RANGE = (0.4, 2.5)
"""Flagged outside this for pairs without examples."""


def ratio_range(source_lang: str, target_lang: str) -> tuple[float, float]:
    """``(low, high)`` ratio of characters outside which a translation is flagged."""
    observed = OBSERVED.get((source_lang, target_lang))
    if observed is None:
        return DEFAULT_RANGE
    low, high = observed
    return round(low / TOLERANCE, 2), round(high * TOLERANCE, 2)


def check_length(pair: Pair) -> list[Finding]:
    """A finding when the translation's length is out of its pair's range."""
    source, target = len(pair.source.strip()), len(pair.target.strip())
    if source < MIN_SOURCE_CHARS or not target:
        return []
    low, high = ratio_range(pair.source_lang, pair.target_lang)
    ratio = target / source
    if low <= ratio <= high:
        return []
    far = ratio < low / TOLERANCE or ratio > high * TOLERANCE
    side = "shorter" if ratio < low else "longer"
    return [
        pair.finding(
            "length",
            Category.ACCURACY,
            Severity.MAJOR if far else Severity.MINOR,
            f"the translation is {ratio:.2f} times the source's length, {side} than usual "
            f"for {pair.source_lang}->{pair.target_lang} ({low}-{high}): "
            "something may be missing or added",
        )
    ]
