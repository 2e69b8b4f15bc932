"""Which language an article is written in (langdetect, made deterministic)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pipeline.errors import InputError
from pipeline.langs import LANGUAGES, get_language

SAMPLE_CHARS = 10_000
"""Detection reads at most this much text: plenty for a verdict, and fast."""

SHORT_WORDS = 12
"""Below this many words langdetect guesses wildly ("Mali talks" comes out Finnish), so
only languages Kuma knows are considered."""

_HINT = "pass --source-lang"


def detect_language(text: str) -> str:
    """Return the code (from ``pipeline.langs``) of the language ``text`` is written in.

    Raises InputError when the language cannot be told or is not one Kuma knows
    (Bambara, which langdetect has no profile for, comes out as another language
    and so is refused here: name it with ``--source-lang bm``).
    """
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:SAMPLE_CHARS]
    factory = _factory()
    try:
        detector = factory.create()
        if len(sample.split()) < SHORT_WORDS:
            detector.set_prior_map(_known_priors(factory.get_lang_list()))
        detector.append(sample)
        code = detector.detect()
    except LangDetectException:
        raise InputError(f"could not recognise the article's language; {_HINT}") from None
    code = code.split("-")[0]
    if code not in LANGUAGES:
        raise InputError(f"could not recognise the article's language (detected '{code}'); {_HINT}")
    return code


@cache
def _factory() -> Any:
    """langdetect's profiles, loaded once, with a fixed seed so that one text gets one answer."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def _known_priors(profiles: list[str]) -> dict[str, float]:
    """A prior that only allows the languages Kuma knows and langdetect has profiles for."""
    return {code: 1.0 for code in profiles if code in LANGUAGES}


def choose_language(text: str, lang: str | None) -> str:
    """The language given by the user (validated), else the detected one."""
    if lang:
        return get_language(lang).code
    return detect_language(text)
