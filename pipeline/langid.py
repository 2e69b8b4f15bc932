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
within ``MIN_MARGIN`` the answer is "Bambara or Dyula", not a guess.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.langs import LANGUAGES, TARGET_LANGUAGES, get_language

MIN_WORDS = 5
"""Fewest words, names and numbers aside (``language_words``), for a verdict.  Calibrated
with ``benchmarks/langid_calibration.py`` on windows of the example translations."""

MIN_MARGIN = 0.15
"""Least lead of pyfranc's winner over its runner-up (normalised score) for a verdict.  On
the calibration windows right verdicts had leads of 0.21 and more but for three (0.04-0.09);
the one wrong verdict had 0.10.  Bambara and Dyula within this margin are "too close"."""

MIN_PROBABILITY = 0.9
"""Least probability langdetect must give English or French for a verdict (its wrong
calls on 6-word windows had 0.57 and 0.86)."""

ARABIC_SHARE = 0.5
"""Share of Arabic-script letters above which a text is taken to be in Arabic script."""

FRANC_CODES = {"en": "eng", "fr": "fra", "bm": "bam", "dyu": "dyu"}
"""Kuma code -> pyfranc (ISO 639-3) code, for the Latin-script languages."""

LANGDETECT_CODES = ("en", "fr")
"""Languages langdetect decides between (it has no Bambara or Dyula profile)."""

ALL_CANDIDATES = ("en", "fr", "ar", "bm", "dyu")

_WORD = re.compile(r"\w+")
_QUOTES = " \"'“”«»‘’()\u00a0\u202f\t\n"
_SENTENCE_ENDS = (".", "!", "?", "؟", ":", "…")


@dataclass(frozen=True)
class Identification:
    """The language of a text, or why there is no verdict."""

    lang: str | None
    """Kuma code (``en``, ``fr``, ``ar``, ``bm``, ``dyu``), or None when there is no verdict."""
    confidence: float
    """0..1: how clearly the winner beat the runner-up (0 when there is no verdict)."""
    reason: str
    """Why there is no verdict, or which tool gave it (``script``, ``pyfranc``, ``langdetect``)."""


SIBLINGS = {"bm": "dyu", "dyu": "bm"}
"""Languages too close to each other to call one a mistake for the other."""


def plausible(expected: str, source: str = "en") -> tuple[str, ...]:
    """The languages a text meant to be in ``expected`` could be in by mistake: itself,
    the source, and the other target languages, without ``expected``'s close sibling."""
    codes = [expected, source, *TARGET_LANGUAGES]
    sibling = SIBLINGS.get(expected)
    return tuple(c for c in dict.fromkeys(codes) if c != sibling and c in LANGUAGES)


def identify(text: str, candidates: Sequence[str] = ALL_CANDIDATES) -> Identification:
    """Which of ``candidates`` ``text`` is written in; ``lang`` is None when it cannot tell.

    Unknown candidate codes raise LanguageError.
    """
    codes = [get_language(code).code for code in candidates]
    arabic, latin = _letters(text)
    if arabic + latin == 0:
        return _none("no letters")
    share = round(arabic / (arabic + latin), 3)
    if share > ARABIC_SHARE:
        if "ar" in codes:
            return Identification("ar", share, "script")
        return _none("Arabic script, which no candidate is written in")
    latin_codes = [code for code in codes if code in FRANC_CODES]
    if not latin_codes:
        return _none("Latin script, which no candidate is written in")
    words = language_words(text)
    if len(words) < MIN_WORDS:
        count = len(words)
        return _none(f"too short: {count} word{'s' if count != 1 else ''} besides names")
    if len(latin_codes) == 1:
        # Nothing to tell apart: the script is all the evidence there is.
        return Identification(latin_codes[0], round(1 - share, 3), "script (one Latin candidate)")
    return _latin(" ".join(words), latin_codes)


def language_words(text: str) -> list[str]:
    """The words that tell a language: names and numbers left out.

    A capitalised word is a name unless it opens a sentence: ``Iyad Ag Ghaly`` is
    written the same in every language, and in a short text it outvotes the rest.
    """
    words = []
    opens = True  # the text's first word opens a sentence
    position = 0
    for match in _WORD.finditer(text):
        between = text[position : match.start()].strip(_QUOTES)
        opens = (opens and not between) or between.endswith(_SENTENCE_ENDS)
        position = match.end()
        word = match.group()
        if any(c.isalpha() for c in word) and (opens or not word[0].isupper()):
            words.append(word)
        opens = False
    return words


def _latin(text: str, codes: list[str]) -> Identification:
    ranked = _franc(text, codes)
    if len(ranked) < 2:
        return _none("pyfranc gave no verdict")
    (best, _), (second, second_score) = ranked[0], ranked[1]
    margin = round(1.0 - second_score, 3)
    if best in LANGDETECT_CODES:
        european = [code for code in codes if code in LANGDETECT_CODES]
        if len(european) > 1:
            return _langdetect(text, european)
    if margin < MIN_MARGIN:
        if {best, second} == {"bm", "dyu"}:
            return _none(f"Bambara or Dyula: too close to tell (margin {margin:.2f})")
        return _none(f"pyfranc unsure between {best} and {second} (margin {margin:.2f})")
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
    if best.lang not in codes or best.prob < MIN_PROBABILITY:
        return _none(f"langdetect unsure ({best.lang} {best.prob:.2f})")
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
