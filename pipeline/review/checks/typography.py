"""Punctuation and typography, per locale.

- **punctuation**: quotation marks and brackets that open and never close (or the
  reverse) when the source's are balanced: **minor** (fluency), the reader can
  still follow.  French: guillemets need a space inside (``« mot »``, better a
  no-break or narrow no-break space; a plain space is accepted, publishing can make
  it unbreakable), and ``: ; ! ?`` need a space before.  Arabic: the Latin comma,
  semicolon and question mark instead of ``، ؛ ؟``.  Both **minor** (locale convention).
- **spacing**: two spaces in a row, or spaces at the start or end: **minor**.
- **doubled-word**: the same word twice in a row (``le le``) that the source does not
  have: **minor**.  Not checked in Bambara and Dyula, where reduplication is grammar
  (``dɔɔnin dɔɔnin``), nor for French ``nous nous`` / ``vous vous`` (reflexive verbs).
"""

from __future__ import annotations

import re

from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

PAIRS = {"«": "»", "“": "”", "(": ")", "[": "]", "„": "“"}
"""Opening mark -> closing mark, counted for balance (straight ``"`` counted by parity)."""

_FRENCH_SPACES = " \u00a0\u202f"
_FRENCH_MISSING = [
    (re.compile(r"«(?=[^\s\u00a0\u202f])"), "{mark} needs a space after it"),
    (re.compile(r"(?<=[^\s\u00a0\u202f])»"), "{mark} needs a space before it"),
    (re.compile(r"(?<=[^\W\d_])[;!?]|(?<=[^\W\d_]):(?!//)"), "a space is needed before {mark}"),
]
_ARABIC_MARKS = {",": "،", ";": "؛", "?": "؟"}
_ARABIC_LATIN = re.compile(r"(?<!\d)[,;?]|[,;?](?!\d)")
_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_WORD = re.compile(r"\w+")
NO_DOUBLED_WORDS = ("bm", "dyu")
ALLOWED_DOUBLES = {"fr": {"nous", "vous"}}


def check_punctuation(pair: Pair) -> list[Finding]:
    """Unbalanced marks, and the locale's own punctuation rules."""
    findings = _balance(pair)
    if pair.target_lang == "fr":
        findings += _french(pair)
    if pair.target_lang == "ar":
        findings += _arabic(pair)
    return findings


def imbalance(text: str) -> list[str]:
    """Marks that are not closed (or not opened) in ``text``."""
    wrong = [o for o, c in PAIRS.items() if o != "„" and text.count(o) != text.count(c)]
    if text.count('"') % 2:
        wrong.append('"')
    return wrong


def _balance(pair: Pair) -> list[Finding]:
    if imbalance(pair.source):
        return []  # a quotation that spans segments: the source is unbalanced too
    return [
        pair.finding(
            "punctuation",
            Category.FLUENCY,
            Severity.MINOR,
            f"unbalanced {mark} {PAIRS.get(mark, '')}".rstrip()
            + ": an opening or closing mark is missing",
        )
        for mark in imbalance(pair.target)
    ]


def _french(pair: Pair) -> list[Finding]:
    findings = []
    for pattern, rule in _FRENCH_MISSING:
        for match in pattern.finditer(pair.target):
            findings.append(
                pair.finding(
                    "punctuation",
                    Category.LOCALE_CONVENTION,
                    Severity.MINOR,
                    "French typography: " + rule.format(mark=match.group()),
                    target_span=match.span(),
                )
            )
            break  # once per rule and segment is enough to point at the habit
    return findings


def _arabic(pair: Pair) -> list[Finding]:
    match = _ARABIC_LATIN.search(pair.target)
    if match is None:
        return []
    mark = match.group()
    return [
        pair.finding(
            "punctuation",
            Category.LOCALE_CONVENTION,
            Severity.MINOR,
            f"Arabic punctuation: write {_ARABIC_MARKS[mark]} instead of {mark}",
            target_span=match.span(),
        )
    ]


def check_spacing(pair: Pair) -> list[Finding]:
    """Double spaces and leading or trailing spaces."""
    findings = []
    double = _DOUBLE_SPACE.search(pair.target)
    if double:
        findings.append(
            pair.finding(
                "spacing", Category.FLUENCY, Severity.MINOR,
                "two spaces in a row", target_span=double.span(),
            )
        )  # fmt: skip
    if pair.target.strip() and pair.target != pair.target.strip():
        findings.append(
            pair.finding(
                "spacing", Category.FLUENCY, Severity.MINOR,
                "space at the start or end of the translation",
            )
        )  # fmt: skip
    return findings


def check_doubled_words(pair: Pair) -> list[Finding]:
    """The same word twice in a row, when the source does not do it."""
    if pair.target_lang in NO_DOUBLED_WORDS:
        return []
    allowed = ALLOWED_DOUBLES.get(pair.target_lang, set())
    double = _doubled(pair.target, allowed)
    if double is None or _doubled(pair.source, set()) is not None:
        return []
    start, end, word = double
    return [
        pair.finding(
            "doubled-word",
            Category.FLUENCY,
            Severity.MINOR,
            f"{word!r} twice in a row",
            target_span=(start, end),
        )
    ]


def _doubled(text: str, allowed: set[str]) -> tuple[int, int, str] | None:
    words = list(_WORD.finditer(text))
    for first, second in zip(words, words[1:], strict=False):
        word = first.group().casefold()
        if word != second.group().casefold() or word in allowed or word.isdigit():
            continue
        if text[first.end() : second.start()].strip():
            continue  # "oui, oui" is punctuation between, not a slip
        return first.start(), second.end(), first.group()
    return None
