"""The one table of languages Kuma knows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pipeline.errors import LanguageError


class Direction(StrEnum):
    """Writing direction of a script."""

    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True)
class Language:
    """A language Kuma can read or produce."""

    code: str
    """Short code used on the command line and in folder names (``fr``)."""
    name: str
    """English name."""
    native: str
    """Name of the language in itself, for language switchers."""
    script: str
    """ISO 15924 script code (``Latn``, ``Arab``)."""
    direction: Direction
    """Writing direction."""
    nllb: str
    """FLORES-200 / NLLB code (``fra_Latn``)."""
    bcp47: str
    """Tag for ``lang`` attributes and XLIFF ``srcLang``/``trgLang``."""


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English", "Latn", Direction.LTR, "eng_Latn", "en"),
        Language("fr", "French", "Français", "Latn", Direction.LTR, "fra_Latn", "fr"),
        Language("ar", "Arabic", "العربية", "Arab", Direction.RTL, "arb_Arab", "ar"),
        Language("bm", "Bambara", "Bamanankan", "Latn", Direction.LTR, "bam_Latn", "bm"),
        Language("dyu", "Dyula", "Julakan", "Latn", Direction.LTR, "dyu_Latn", "dyu"),
    )
}

SOURCE_LANGUAGES = ("en",)
"""Languages an article may be written in (langdetect profiles we trust)."""

TARGET_LANGUAGES = ("fr", "ar", "bm", "dyu")


def get_language(code: str) -> Language:
    """Return the language for ``code`` or raise a one-line error listing the known ones."""
    try:
        return LANGUAGES[code.strip().lower()]
    except KeyError:
        known = ", ".join(LANGUAGES)
        raise LanguageError(f"unknown language code {code!r} (known: {known})") from None


def parse_targets(value: str | Sequence[str]) -> list[Language]:
    """Target languages from codes (or one comma-separated ``--lang`` value), in order,
    once each; LanguageError for an unknown code or one that is not a target."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    codes = [part.strip().lower() for part in parts if part.strip()]
    if not codes:
        raise LanguageError("no target language given (use --lang fr,ar,bm)")
    result: list[Language] = []
    for code in codes:
        lang = get_language(code)
        if lang.code not in TARGET_LANGUAGES:
            known = ", ".join(TARGET_LANGUAGES)
            raise LanguageError(f"{code!r} is not a target language (targets: {known})")
        if lang not in result:
            result.append(lang)
    return result
