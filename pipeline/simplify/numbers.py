"""Numbers in digits: number words become digits, and numbers are found for fact checks.

Easy-to-read practice writes numbers as digits ("2", not "two").  French and English
number words are read by ``text2num`` (``alpha2digit``: *soixante-dix*, *quatre-vingt-
quinze*, *two thousand and sixteen*...), Bambara ones by the Bambara normaliser
(``bambara_normalizer``: *mugan ni duuru* -> 25).  Only what is surely a number is
rewritten:

- "one"/"un"/"kelen" (also a pronoun, an article, "alone") stay words;
- the French "neuf" stays a word after a noun ("un paysage neuf"); it is a number only
  first in a phrase or after a determiner or a preposition ("les neuf soldats");
- vague amounts stay words: "thousands", "des milliers", "des millions", "a hundred",
  "kɛmɛ caman" (a scale word not preceded by a number word is never converted).

``spell_number`` writes a number back in words (``num2words``), for speech and checks.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib.util import find_spec

from pipeline.simplify.text import word_set

SCALES = {
    "en": {"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
           "billions", "dozen", "dozens"},
    "fr": {"millions", "milliards", "milliers", "centaines", "dizaines", "douzaines"},
}  # fmt: skip
"""Words that are a vague amount unless a number word comes first ("thousands", "a hundred",
"des millions"; but "two thousand", "deux millions")."""
_NEUF_NUMBER_AFTER = word_set(
    """les des de d et à ces ses leurs aux sur dont ou plus moins environ pour avec par"""
) | {""}
"""Words after which "neuf" is the number nine ("les neuf soldats"), not "new"."""
_TEXT2NUM = {"en", "fr"}
# Groups of three digits joined by a no-break space ("100 000") are one number; after an
# ordinary space they are not ("two 100" is 2 and 100), so a cut can never merge or part them.
_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_TOKEN = re.compile(r"[\w'’-]+|\S")
_MASK = "\ue000"  # a private-use character: alpha2digit leaves it alone


def words_to_digits(text: str, lang: str) -> str:
    """Number words as digits (``vingt-cinq`` -> ``25``); other languages unchanged."""
    if lang in _TEXT2NUM:
        return _text2num_digits(text, lang)
    if lang == "bm" and find_spec("bambara_normalizer") is not None:
        return _bambara_digits(text)  # the speech extra's normaliser; without it: as written
    return text


def _text2num_digits(text: str, lang: str) -> str:
    from text_to_num import alpha2digit

    masked, kept = _mask_unsure(text, lang)
    result = alpha2digit(masked, lang, threshold=2)
    for word in kept:
        result = result.replace(_MASK, word, 1)
    return result


def _mask_unsure(text: str, lang: str) -> tuple[str, list[str]]:
    """Hide the words that are not surely numbers here (vague scales, "neuf" = new)."""
    from text_to_num import alpha2digit

    pieces: list[str] = []
    kept: list[str] = []
    previous, last = "", 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        lower = word.lower()
        unsure = lower in SCALES[lang] and not _is_number_word(previous, lang, alpha2digit)
        if lang == "fr" and lower == "neuf":
            unsure = previous.lower().split("'")[-1] not in _NEUF_NUMBER_AFTER
        pieces += [text[last : match.start()], _MASK if unsure else word]
        if unsure:
            kept.append(word)
        previous, last = word, match.end()
    pieces.append(text[last:])
    return "".join(pieces), kept


def _is_number_word(word: str, lang: str, alpha2digit) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``word`` alone is a number word ("deux", "twenty-five"), not digits."""
    return bool(word) and not word[0].isdigit() and alpha2digit(word, lang, threshold=0) != word


def _bambara_digits(text: str) -> str:
    """Runs of Bambara number words (``mugan ni duuru``) as digits, unless vague or a word
    that is also something else (``kelen`` = alone, ``ba`` = big, ``kɛmɛ caman`` = hundreds)."""
    from bambara_normalizer.numbers import is_number_word

    tokens = list(_TOKEN.finditer(text))
    out, last, i = [], 0, 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and (
            (tokens[j].group().lower() != "ni" and is_number_word(tokens[j].group().lower()))
            or (
                j > i
                and tokens[j].group().lower() == "ni"
                and j + 1 < len(tokens)
                and is_number_word(tokens[j + 1].group().lower())
            )
        ):
            j += 1
        if j == i:
            i += 1
            continue
        phrase = text[tokens[i].start() : tokens[j - 1].end()]
        following = tokens[j].group().lower() if j < len(tokens) else ""
        value = _bambara_value(phrase) if following != "caman" else None
        if value is not None and phrase.lower() not in ("kelen", "ba"):
            out += [text[last : tokens[i].start()], value]
            last = tokens[j - 1].end()
        i = j
    return "".join(out) + text[last:]


def _bambara_value(phrase: str) -> str | None:
    from bambara_normalizer.numbers import bambara_to_number

    try:
        return str(bambara_to_number(phrase.lower()))
    except ValueError:
        return None  # "bi" (today) is a number word only inside a number


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


def spell_number(number: int, lang: str) -> str:
    """``71`` -> ``soixante et onze`` (fr), ``seventy-one`` (en), ``biwolonwula ni kelen`` (bm)."""
    if lang == "bm":
        from bambara_normalizer.numbers import number_to_bambara

        return str(number_to_bambara(number))
    return _num2words()(number, lang=lang)


@cache
def _num2words():  # type: ignore[no-untyped-def]
    from num2words import num2words

    return num2words


def _normalise(number: str) -> str:
    """``2,000`` and ``2\u00a0000`` -> ``2000``; a decimal part keeps a dot (``1,5`` -> ``1.5``)."""
    digits = re.sub(r"[\u00a0\u202f]", "", number)
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and len(parts[-1]) != 3:
        return "".join(parts[:-1]) + "." + parts[-1]
    return "".join(parts)
