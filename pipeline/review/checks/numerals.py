"""Reading the numbers of a sentence as values, whatever the language writes them like.

Digits are read with each language's separators: ``2,000.5`` in English, ``2 000,5``
(ordinary, no-break or narrow no-break space) in French and Bambara, ``٢٬٠٠٠٫٥`` or
``2,000.5`` in Arabic; Arabic-Indic and Persian digits count as ASCII ones.  So
``10 000``, ``10,000`` and ``١٠٠٠٠`` are all ``10000``, and French ``1,5`` is English
``1.5``.  Dates are their numbers (``June 25, 2016`` -> 25 and 2016).

Numbers written in words are read where a library or a small table can:
text2num for English and French, the Bambara normaliser for Bambara, a table of
two to ten for Arabic.  Words are read less reliably than digits (``kelen`` is "one"
but also "alone"; ``fila ni saba`` comes out as 5), so the checks only use them to
*find* a number of the source, never to report a number as extra.  ``one``/``un``
(also pronouns and articles), ordinals and vague amounts (``thousands``, ``des
milliers``) are not read as numbers, and scale words are left out (``7 million``,
``sept millions`` and ``seven million`` are all 7: translations move between them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_SPACES = "\u00a0\u202f\u2009"
_GROUPS = {"en": ",", "fr": "." + _SPACES + " ", "bm": "." + _SPACES + " ", "ar": ",\u066c"}
"""Thousands separators per language (French and Bambara also accept an ordinary space)."""
_DECIMALS = {"en": ".", "fr": ",", "bm": ",", "ar": ".\u066b"}
"""Decimal separators per language."""
_DEFAULT = "en"

_VAGUE = re.compile(
    r"\b(?:dozens|tens|hundreds|thousands|millions|billions|scores|"
    r"dizaines|douzaines|centaines|milliers|millions|milliards)\b",
    re.IGNORECASE,
)
_SCALES = re.compile(
    r"\b(?:millions?|milliards?|billions?|trillions?|miliyɔn|miliyari)\b", re.IGNORECASE
)
"""Scale words are left out of reading: ``7 million`` and ``sept millions`` are both 7."""
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|er|re|e|ème|eme|è)\b", re.IGNORECASE)

_ARABIC_WORDS = {
    "اثنان": "2", "اثنين": "2", "اثنتان": "2", "اثنتين": "2",
    "ثلاثة": "3", "ثلاث": "3", "أربعة": "4", "أربع": "4", "خمسة": "5", "خمس": "5",
    "ستة": "6", "سبعة": "7", "سبع": "7", "ثمانية": "8", "ثماني": "8",
    "تسعة": "9", "تسع": "9", "عشرة": "10", "عشر": "10",
    # duals of the scales: "two million", "two thousand", "two hundred"
    "مليونا": "2", "مليوني": "2", "ألفا": "2", "ألفي": "2", "مئتا": "2", "مئتي": "2",
}  # fmt: skip


@dataclass(frozen=True)
class Number:
    """One number found in a text."""

    value: str
    """Normalised value: ASCII digits, no thousands separator, ``.`` before decimals."""
    span: tuple[int, int] | None
    """Where it is written in digits; None when it was read from words."""

    @property
    def spelt(self) -> bool:
        """True when read from words (less reliable: used to find, never to accuse)."""
        return self.span is None


def digit_numbers(text: str, lang: str) -> list[Number]:
    """Numbers written in digits, with their spans, in ``lang``'s conventions."""
    text = text.translate(_ARABIC_DIGITS)
    numbers = []
    for match in _pattern(lang).finditer(text):
        value = _value(match.group(), lang)
        if value:
            numbers.append(Number(value, match.span()))
    return numbers


def word_numbers(text: str, lang: str) -> list[Number]:
    """Numbers written in words, where ``lang`` has a reader (values only, no spans).

    The readers come with the ``review`` extra; without them no words are read.
    """
    reader = {"en": _text2num, "fr": _text2num, "bm": _bambara, "ar": _arabic}.get(lang)
    if reader is None:
        return []
    try:
        values = reader(text, lang)
    except ImportError:
        return []
    return [Number(value, None) for value in values if value != "1"]


def all_numbers(text: str, lang: str) -> list[Number]:
    """Digits first, then words."""
    return digit_numbers(text, lang) + word_numbers(text, lang)


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    groups = re.escape(_GROUPS.get(lang, _GROUPS[_DEFAULT]))
    decimals = re.escape(_DECIMALS.get(lang, _DECIMALS[_DEFAULT]))
    grouped = rf"\d{{1,3}}(?:[{groups}]\d{{3}})+"
    return re.compile(rf"(?<![\d.,]){grouped}(?:[{decimals}]\d+)?(?!\d)|\d+(?:[{decimals}]\d+)?")


def _value(written: str, lang: str) -> str:
    decimals = _DECIMALS.get(lang, _DECIMALS[_DEFAULT])
    integer, fraction = written, ""
    for mark in decimals:
        if mark in written:
            integer, _, fraction = written.rpartition(mark)
            break
    integer = re.sub(r"\D", "", integer).lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def _text2num(text: str, lang: str) -> list[str]:
    from text_to_num import alpha2digit

    masked = _SCALES.sub("", _VAGUE.sub("", text))
    before = _values(masked, lang)
    converted = alpha2digit(masked, lang, threshold=0)
    found = []
    for match in _pattern(lang).finditer(converted):
        if _ORDINAL.match(converted, match.start()):
            continue
        value = _value(match.group(), lang)
        if before.get(value, 0) > 0:
            before[value] -= 1
        else:
            found.append(value)
    return found


def _bambara(text: str, lang: str) -> list[str]:
    from bambara_normalizer import denormalize_numbers_in_text

    before = _values(text, lang)
    # The normaliser misses a number followed by more text after a comma: read clause by clause.
    clauses = re.split(r"[,;:.!?()«»\"“”]", _SCALES.sub("", text))
    read = " | ".join(denormalize_numbers_in_text(clause) for clause in clauses)
    found = []
    for number in digit_numbers(read, lang):
        if before.get(number.value, 0) > 0:
            before[number.value] -= 1
        else:
            found.append(number.value)
    return found


def _arabic(text: str, lang: str) -> list[str]:
    words = re.findall(r"[\u0621-\u064a]+", text)
    found = []
    for word in words:
        for prefix in ("", "و", "ب", "ل", "ال", "وال", "بال"):
            if word.startswith(prefix) and word[len(prefix) :] in _ARABIC_WORDS:
                found.append(_ARABIC_WORDS[word[len(prefix) :]])
                break
    return found


def _values(text: str, lang: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for number in digit_numbers(text, lang):
        counts[number.value] = counts.get(number.value, 0) + 1
    return counts
