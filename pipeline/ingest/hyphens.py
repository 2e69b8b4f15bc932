"""Words broken across two lines: the typesetter's hyphen goes, the word's own stays.

A line that ends in a hyphen either broke a word the typesetter hyphenated
("inter-" + "national") or broke a word that has a hyphen of its own ("al-" +
"Qaida", "self-" + "described", "2015-" + "2016").  The hyphen is kept when the
next line does not go on with a lowercase letter, when the word before it is not
all letters, when the document itself writes the word with a hyphen elsewhere, when
the first part is a prefix that takes a hyphen ("self-", "ex-", "sous-"), and when
no hyphenation dictionary (English or French, from pyphen) would break the word at
that point.  Otherwise the two halves are one word.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache
from typing import Any

HYPHEN_PREFIXES = frozenset(
    {
        "all",
        "cross",
        "ex",
        "half",
        "non",
        "self",
        "well",  # English
        "arrière",
        "après",
        "demi",
        "mi",
        "porte",
        "semi",
        "sous",
        "vice",  # French
    }
)
"""First halves that take a hyphen in the compounds reports write ("non-state", "sous-préfet")."""

DICTIONARIES = ("en_GB", "en_US", "fr")
"""pyphen dictionaries asked whether a word may be broken at a point."""

_SOFT_HYPHEN = "\u00ad"
_HYPHENS = "-\u2010" + _SOFT_HYPHEN
_DASHES = "–—"
_BROKEN = re.compile(rf"(\w+)[{_HYPHENS}]$")
_FIRST_WORD = re.compile(r"\w+")
WORDS = re.compile(r"\w+(?:[-\u2010]\w+)*")
"""Words as the document writes them, hyphenated compounds whole."""


def join_lines(lines: list[str], known: Collection[str] = ()) -> str:
    """The lines of one paragraph as one text, words broken at line ends put back together.

    ``known`` holds the words (lowercase) the document writes elsewhere, with and
    without hyphens: the best witness of how it spells a word.
    """
    text = ""
    for line in lines:
        line = line.strip()
        text = _join(text, line, known) if text else line
    return text


def _join(left: str, right: str, known: Collection[str]) -> str:
    if left.endswith(_SOFT_HYPHEN):
        return left[:-1] + right
    if left[-1] in _DASHES and len(left) > 1 and not left[-2].isspace():
        return left + right  # "2015–" + "2016", "said—" + "and"
    broken = _BROKEN.search(left)
    if broken is None:
        return f"{left} {right}"
    if keeps_hyphen(broken.group(1), right, known):
        return left + right
    return left[:-1] + right


def keeps_hyphen(head: str, rest: str, known: Collection[str] = ()) -> bool:
    """Whether ``head`` + hyphen, at a line's end, keeps its hyphen before ``rest``."""
    tail_match = _FIRST_WORD.match(rest)
    if tail_match is None or not rest[0].islower() or not head.isalpha():
        return True
    tail = tail_match.group()
    word = (head + tail).lower()
    if f"{head}-{tail}".lower() in known:
        return True
    if word in known:
        return False
    if head.lower() in HYPHEN_PREFIXES:
        return True
    return not any(len(head) in _dictionary(lang).positions(word) for lang in DICTIONARIES)


def known_words(texts: list[str]) -> set[str]:
    """The words of ``texts`` in lowercase, hyphenated compounds as written (for ``join_lines``).

    Words broken at the end of a line are left out: they are what is being decided.
    """
    words: set[str] = set()
    for text in texts:
        body = _BROKEN.sub("", text.rstrip())
        words.update(word.lower() for word in WORDS.findall(body))
    return words


@cache
def _dictionary(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=lang)
