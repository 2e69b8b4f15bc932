"""Numbers in digits: number words become digits, and numbers are found for fact checks.

Easy-to-read practice writes numbers as digits ("2", not "two").  Only words that
are always numbers are converted: "one"/"un" (also a pronoun or article) and the
French "neuf" (also "new") are left alone, and so are vague amounts ("thousands").
"""

from __future__ import annotations

import re
from collections import Counter

_UNITS_EN = ["two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS_EN = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"]
_TEENS_EN += ["seventeen", "eighteen", "nineteen"]
_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS_FR = ["deux", "trois", "quatre", "cinq", "six", "sept", "huit"]
_TEENS_FR = ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_TENS_FR = ["vingt", "trente", "quarante", "cinquante", "soixante"]


def _english_words() -> dict[str, int]:
    words = {w: n for n, w in enumerate(_UNITS_EN, start=2)}
    words.update({w: n for n, w in enumerate(_TEENS_EN, start=10)})
    for tens, word in enumerate(_TENS_EN, start=2):
        words[word] = tens * 10
        for unit, unit_word in enumerate(["one", *_UNITS_EN], start=1):
            words[f"{word}-{unit_word}"] = tens * 10 + unit
    return words


def _french_words() -> dict[str, int]:
    words = {w: n for n, w in enumerate(_UNITS_FR, start=2)}
    words.update({w: n for n, w in enumerate(_TEENS_FR, start=10)})
    words.update({"dix-sept": 17, "dix-huit": 18, "dix-neuf": 19})
    for tens, word in enumerate(_TENS_FR, start=2):
        words[word] = tens * 10
        words[f"{word} et un"] = tens * 10 + 1
        for unit, unit_word in enumerate([*_UNITS_FR, "neuf"], start=2):
            words[f"{word}-{unit_word}"] = tens * 10 + unit
    return words


NUMBER_WORDS: dict[str, dict[str, int]] = {"en": _english_words(), "fr": _french_words()}
"""Lowercase number words and their values, per language."""

_WORD_PATTERNS = {
    lang: re.compile(
        r"(?<![\w-])("
        + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        + r")(?![\w-])",
        re.IGNORECASE,
    )
    for lang, words in NUMBER_WORDS.items()
}
# Groups of three digits joined by a no-break space ("100 000") are one number; after an
# ordinary space they are not ("two 100" is 2 and 100), so a cut can never merge or part them.
_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def words_to_digits(text: str, lang: str) -> str:
    """Number words as digits (``two`` -> ``2``); languages without a table are unchanged."""
    pattern = _WORD_PATTERNS.get(lang)
    if pattern is None:
        return text
    table = NUMBER_WORDS[lang]
    return pattern.sub(lambda m: str(table[m.group().lower()]), text)


def find_numbers(text: str, lang: str) -> Counter[str]:
    """Every number in ``text``, normalised: digits only, thousands separators removed.

    Number words count as their value and Arabic-Indic digits as ASCII digits, so
    ``two`` in an original is found again as ``2`` in its easy version.
    """
    text = words_to_digits(text.translate(_ARABIC_INDIC), lang)
    found: Counter[str] = Counter()
    for match in _DIGITS.finditer(text):
        found[_normalise(match.group())] += 1
    return found


def _normalise(number: str) -> str:
    """``2,000`` and ``2\u00a0000`` -> ``2000``; a decimal part keeps a dot (``1,5`` -> ``1.5``)."""
    digits = re.sub(r"[\u00a0\u202f]", "", number)
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and len(parts[-1]) != 3:
        return "".join(parts[:-1]) + "." + parts[-1]
    return "".join(parts)
