"""Which of a few plausible languages a short text is in, or an honest "cannot tell".

The verdict is built in three steps, each by the tool that knows best:

1. **Script.**  A text mostly in Arabic letters is Arabic (the only Arabic-script
   language Kuma knows); no statistics needed.
2. **Which Latin-script language**, among the candidates, by pyfranc's trigram
   profiles: it is the only identifier here with profiles for Bambara (``bam``) and
   Dyula (``dyu``), and it tells them from English and French reliably from
   ``MIN_WORDS`` words on (see ``benchmarks/langid_calibration.py``).
3. **English or French**: when pyfranc says one of them, langdetect (trained on
   far more text than pyfranc's one-page profiles) decides between the two, with
   a fixed seed so that a text always gets the same answer.

Below ``MIN_WORDS`` words there is no verdict: on three words both tools guess
(``Russian 'mercenaries'`` is Bambara to pyfranc).  Bambara and Dyula are one
language continuum; when both are candidates and their trigram distances are
within ``CLOSE_MARGIN`` the answer is "Bambara or Dyula", not a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.langs import get_language

MIN_WORDS = 5
"""Fewest words (with a letter, names included) for a verdict.  Calibrated on windows of
the example translations: from 5 words pyfranc + langdetect is right on 97-100 % of
English, French and Bambara windows, at 3-4 words it drops to 85-95 %."""

CLOSE_MARGIN = 0.08
"""pyfranc's normalised distance between Bambara and Dyula below which no verdict is given."""

ARABIC_SHARE = 0.5
"""Share of Arabic-script letters above which a text is taken to be in Arabic script."""

FRANC_CODES = {"en": "eng", "fr": "fra", "bm": "bam", "dyu": "dyu"}
"""Kuma code -> pyfranc (ISO 639-3) code, for the Latin-script languages."""

LANGDETECT_CODES = ("en", "fr")
"""Languages langdetect decides between (it has no Bambara or Dyula profile)."""

ALL_CANDIDATES = ("en", "fr", "ar", "bm", "dyu")

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Identification:
    """The language of a text, or why there is no verdict."""

    lang: str | None
    """Kuma code (``en``, ``fr``, ``ar``, ``bm``, ``dyu``), or None when there is no verdict."""
    confidence: float
    """0..1: how clearly the winner beat the runner-up (0 when there is no verdict)."""
    reason: str
    """Why there is no verdict, or which tool gave it (``script``, ``pyfranc``, ``langdetect``)."""


def identify(text: str, candidates: Sequence[str] = ALL_CANDIDATES) -> Identification:
    """Which of ``candidates`` ``text`` is written in; ``lang`` is None when it cannot tell.

    Unknown candidate codes raise LanguageError.
    """
    codes = [get_language(code).code for code in candidates]
    arabic, latin = _letters(text)
    if arabic + latin == 0:
        return _none("no letters")
    if arabic / (arabic + latin) > ARABIC_SHARE:
        if "ar" in codes:
            return Identification("ar", round(arabic / (arabic + latin), 3), "script")
        return _none("Arabic script, which no candidate is written in")
    latin_codes = [code for code in codes if code in FRANC_CODES]
    if not latin_codes:
        return _none("Latin script, which no candidate is written in")
    words = count_words(text)
    if words < MIN_WORDS:
        return _none(f"too short: {words} word{'s' if words != 1 else ''}")
    return _latin(text, latin_codes)


def count_words(text: str) -> int:
    """Words with at least one letter (numbers alone do not tell a language)."""
    return sum(1 for word in _WORD.findall(text) if any(c.isalpha() for c in word))


def _latin(text: str, codes: list[str]) -> Identification:
    if len(codes) == 1:
        # Nothing to tell apart; the script already agreed.
        return Identification(codes[0], 1.0, "only Latin-script candidate")
    ranked = _franc(text, codes)
    if not ranked:
        return _none("pyfranc gave no verdict")
    (best, _), (second, second_score) = ranked[0], ranked[1]
    margin = round(1.0 - second_score, 3)
    if best in LANGDETECT_CODES:
        european = [code for code in codes if code in LANGDETECT_CODES]
        if len(european) > 1:
            return _langdetect(text, european)
    if {best, second} == {"bm", "dyu"} and margin < CLOSE_MARGIN:
        return _none(f"Bambara or Dyula: too close to tell (margin {margin:.2f})")
    return Identification(best, margin, "pyfranc")


def _franc(text: str, codes: list[str]) -> list[tuple[str, float]]:
    """(Kuma code, pyfranc score 0..1, the best is 1) best first, among ``codes``."""
    from pyfranc import franc

    back = {FRANC_CODES[code]: code for code in codes}
    result = franc.lang_detect(text, whitelist=list(back), minlength=1)
    return [(back[name], float(score)) for name, score in result if name in back]


def _langdetect(text: str, codes: list[str]) -> Identification:
    """langdetect's choice among ``codes`` (all in ``LANGDETECT_CODES``)."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.set_prior_map({code: 1.0 for code in codes})
    detector.append(text)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:
        return _none("langdetect found no features")
    best = ranked[0]
    if best.lang not in codes:
        return _none(f"langdetect said {best.lang!r}")
    return Identification(best.lang, round(float(best.prob), 3), "langdetect")


@cache
def _factory() -> Any:
    """langdetect's profiles, loaded once, with a fixed seed: one text, one answer."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def _letters(text: str) -> tuple[int, int]:
    """(Arabic-script letters, other letters) in ``text``."""
    arabic = other = 0
    for char in text:
        if not char.isalpha():
            continue
        if "ARABIC" in unicodedata.name(char, ""):
            arabic += 1
        else:
            other += 1
    return arabic, other


def _none(reason: str) -> Identification:
    return Identification(None, 0.0, reason)
