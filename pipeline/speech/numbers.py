"""Numbers, dates, percentages and amounts of money, read out in French, Arabic or English.

Words come from ``num2words``; this module only finds what to read and puts the
words in the order the language says them (``5 millions de dollars``, ``June
twenty-fifth, twenty sixteen``).  Numeric dates are read day first (``12/01/2024``
is the twelfth of January), as in the countries Kuma writes for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, partial

from num2words import num2words

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class Reading:
    """How one language writes and says numbers."""

    lang: str
    """num2words language code."""
    number: str
    """Pattern of a number as written, with group ``int`` and optional group ``frac``."""
    group: str
    """Characters that separate thousands (removed before reading)."""
    point: str
    """The word for the decimal separator."""
    digit_by_digit: bool
    """Whether decimals are read digit by digit (English) or as a number (French, Arabic)."""
    percent: str
    """What follows a number before ``%``."""
    months: tuple[str, ...]
    """Month names, January first."""
    scales: dict[str, str]
    """Written scale words after a number (``million``) -> spoken form."""
    money: dict[str, tuple[str, str]]
    """Currency as written -> (singular, plural) spoken names."""
    of_money: str = " "
    """What joins a scale word and a currency (French ``de``: ``5 millions de dollars``)."""
    units: dict[str, str] = field(default_factory=dict)
    """Unit abbreviations after a number -> spoken plural."""


def _number(group: str, decimal: str) -> str:
    g, d = re.escape(group), re.escape(decimal)
    return rf"(?<![\d{d}])(?P<int>\d{{1,3}}(?:[{g}]\d{{3}})+|\d+)(?:[{d}](?P<frac>\d+))?(?!\d)"


_FR_SPACES = " \u00a0\u202f"
_CURRENCIES_FR = {"$": ("dollar", "dollars"), "€": ("euro", "euros"),
                  "£": ("livre sterling", "livres sterling"),
                  "FCFA": ("franc CFA", "francs CFA"), "F CFA": ("franc CFA", "francs CFA")}

READINGS: dict[str, Reading] = {
    "fr": Reading(
        "fr", _number(_FR_SPACES, ","), _FR_SPACES, "virgule", False, "pour cent",
        ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
         "septembre", "octobre", "novembre", "décembre"),
        {"million": "millions", "millions": "millions", "milliard": "milliards",
         "milliards": "milliards"},
        _CURRENCIES_FR, " de ", {"km": "kilomètres", "kg": "kilos"},
    ),
    "en": Reading(
        "en", _number(",", "."), ",", "point", True, "percent",
        ("January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"),
        {"million": "million", "billion": "billion", "bn": "billion", "m": "million"},
        {"$": ("dollar", "dollars"), "€": ("euro", "euros"), "£": ("pound", "pounds"),
         "FCFA": ("CFA franc", "CFA francs"), "F CFA": ("CFA franc", "CFA francs")},
        " ", {"km": "kilometres", "kg": "kilograms"},
    ),
    "ar": Reading(
        "ar", _number(",\u066c", ".\u066b"), ",\u066c",
        "فاصلة", False, "بالمئة",
        ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
         "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
        {"مليون": "مليون", "ملايين": "ملايين", "مليار": "مليار", "مليارات": "مليارات"},
        {"$": ("دولار", "دولار"), "€": ("يورو", "يورو"), "£": ("جنيه إسترليني", "جنيه إسترليني"),
         "FCFA": ("فرنك إفريقي", "فرنك إفريقي"), "F CFA": ("فرنك إفريقي", "فرنك إفريقي")},
        " ", {"كم": "كيلومتر", "km": "كيلومتر"},
    ),
}
"""Languages whose numbers this module reads (Bambara has its own normaliser)."""


def say_number(match: re.Match[str], reading: Reading) -> str:
    """The words for a number matched by ``reading.number``."""
    whole = int(re.sub(f"[{re.escape(reading.group)}]", "", match.group("int")))
    words = num2words(whole, lang=reading.lang)
    frac = match.group("frac")
    if not frac:
        return str(words)
    if reading.digit_by_digit:
        tail = " ".join(num2words(int(d), lang=reading.lang) for d in frac)
    else:
        zeros = len(frac) - len(frac.lstrip("0"))
        zero = num2words(0, lang=reading.lang)
        tail = " ".join([zero] * zeros + ([num2words(int(frac), lang=reading.lang)]
                                          if frac.strip("0") else []))
    return f"{words} {reading.point} {tail}"


def read_numbers(text: str, lang: str) -> str:
    """``text`` with dates, money, percentages, units, ordinals and numbers in words."""
    reading = READINGS.get(lang)
    if reading is None:
        return text
    text = text.translate(_ARABIC_DIGITS)
    for rule in _rules(lang):
        text = rule(text)
    return text


@cache
def _rules(lang: str) -> list[Callable[[str], str]]:
    """The rewrites for ``lang``, in order: compiled once."""
    reading = READINGS[lang]
    number = reading.number
    say = partial(say_number, reading=reading)
    money = "|".join(re.escape(c) for c in sorted(reading.money, key=len, reverse=True))
    scales = "|".join(sorted(reading.scales, key=len, reverse=True))
    units = "|".join(re.escape(u) for u in reading.units)
    scale = rf"(?:\s?(?P<scale>{scales})\b)?"
    return [
        lambda t: _numeric_dates(t, reading),
        *_language_rules(reading),
        _sub(rf"(?P<cur>{money})\s?{number}{scale}", lambda m: _money(m, reading)),
        _sub(rf"{number}{scale}\s?(?P<cur>{money})(?!\w)", lambda m: _money(m, reading)),
        _sub(rf"{number}\s?[%٪]", lambda m: f"{say(m)} {reading.percent}"),
        _sub(rf"{number}\s?(?P<unit>{units})(?!\w)",
             lambda m: f"{say(m)} {reading.units[m.group('unit')]}"),
        _sub(number, say),
        _sub(rf"(?<!\w)(?P<cur>{money})(?!\w)", lambda m: reading.money[m.group("cur")][1]),
    ]


def _sub(pattern: str, replace: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    compiled = re.compile(pattern)
    return lambda text: compiled.sub(replace, text)


def _money(match: re.Match[str], reading: Reading) -> str:
    singular, plural = reading.money[match.group("cur")]
    amount = say_number(match, reading)
    one = match.group("int") == "1" and not match.group("frac")
    if match.group("scale"):
        spoken_scale = reading.scales[match.group("scale")]
        return f"{amount} {spoken_scale}{reading.of_money}{plural}"
    return f"{amount} {singular if one else plural}"


def _numeric_dates(text: str, reading: Reading) -> str:
    """``12/01/2024`` and ``2024-01-12`` -> day, month name, year."""

    def spoken(day: int, month: int, year: int) -> str | None:
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        return _say_date(day, reading.months[month - 1], year, reading)

    def dmy(m: re.Match[str]) -> str:
        return spoken(int(m[1]), int(m[2]), int(m[3])) or m[0]

    def ymd(m: re.Match[str]) -> str:
        return spoken(int(m[3]), int(m[2]), int(m[1])) or m[0]

    text = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])", dmy, text)
    return re.sub(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])", ymd, text)


def _say_date(day: int, month: str, year: int | None, reading: Reading) -> str:
    lang = reading.lang
    if lang == "en":
        spoken = f"{month} {num2words(day, lang='en', to='ordinal')}"
        return f"{spoken}, {num2words(year, lang='en', to='year')}" if year else spoken
    first = "premier" if lang == "fr" and day == 1 else num2words(day, lang=lang)
    tail = f" {num2words(year, lang=lang)}" if year else ""
    return f"{first} {month}{tail}"


def _language_rules(reading: Reading) -> list[Callable[[str], str]]:
    """Ordinals and written-out dates, which each language writes its own way."""
    months = "|".join(reading.months)
    if reading.lang == "fr":
        return [
            _sub(r"\b1(?:er|re)\b", lambda m: "premier" if m[0] == "1er" else "première"),
            _sub(r"\b(\d+)(?:e|ème|ᵉ)\b", lambda m: num2words(int(m[1]), lang="fr",
                                                                to="ordinal")),
        ]
    if reading.lang == "en":
        return [
            _sub(rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b",
                 lambda m: _say_date(int(m[2]), m[1], int(m[3]) if m[3] else None, reading)),
            _sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({months})(?:,?\s+(\d{{4}}))?\b",
                 _english_day_first),
            _sub(r"\b(in|since|from|until|by|before|after)\s+(1[1-9]\d\d|20\d\d)\b",
                 lambda m: f"{m[1]} {num2words(int(m[2]), lang='en', to='year')}"),
            _sub(r"\b(\d+)(?:st|nd|rd|th)\b",
                 lambda m: num2words(int(m[1]), lang="en", to="ordinal")),
        ]
    return []


def _english_day_first(match: re.Match[str]) -> str:
    """``25 June 2016`` -> ``the twenty-fifth of June twenty sixteen``."""
    day = num2words(int(match[1]), lang="en", to="ordinal")
    year = f" {num2words(int(match[3]), lang='en', to='year')}" if match[3] else ""
    return f"the {day} of {match[2]}{year}"
