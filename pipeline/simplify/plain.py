"""Plain words: hard words and idioms replaced by plain phrases, per language, from data.

The list is ``data/plain_words.csv`` (``lang, hard, plain, explanation, example``).  A
replacement is made only outside quotations (someone's exact words are never changed)
and outside glossary names; a French phrase starting with a consonant never replaces
a word after an elided article (``l'insurrection`` needs its own row: ``la révolte``).
A hard word that stays (inside a quotation, or a row with no plain phrase) is explained
instead, once, with the row's explanation (see ``explain``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.segment import quote_spans
from pipeline.simplify.rules import Context

ELIDED = ("l'", "l’", "d'", "d’", "qu'", "qu’", "j'", "n'", "s'")


@dataclass(frozen=True)
class PlainWord:
    """One row of the plain-word list."""

    lang: str
    """Language code."""
    hard: str
    """The hard word or idiom, as it appears in text (matched case-insensitively)."""
    plain: str
    """The plain phrase put in its place; empty when the word is only explained."""
    explanation: str
    """A short sentence explaining the hard word, for when it stays."""
    example: str
    """A sentence the tests rewrite to show the replacement keeps it whole."""

    @property
    def term(self) -> str:
        """Id of this entry among the explained words (``plain:amalgamation``)."""
        return f"plain:{self.hard.lower()}"


@cache
def plain_words(lang: str) -> tuple[PlainWord, ...]:
    """The list for ``lang``, longest phrases first (so idioms win over their words)."""
    text = resources.files("pipeline.simplify").joinpath("data/plain_words.csv").read_text("utf-8")
    rows = [PlainWord(**row) for row in csv.DictReader(text.splitlines())]
    return tuple(sorted((r for r in rows if r.lang == lang), key=lambda r: -len(r.hard)))


@cache
def _pattern(hard: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(hard)}(?![\w-])", re.IGNORECASE)


def use_plain_words(text: str, context: Context) -> str:
    """``text`` with every hard word outside quotations and names replaced by its plain phrase."""
    for word in plain_words(context.lang):
        if word.plain:
            text = _replace(text, word, context)
    return text


def _replace(text: str, word: PlainWord, context: Context) -> str:
    protected = context.protected(text)
    for match in reversed(list(_pattern(word.hard).finditer(text))):
        start, end = match.span()
        if any(a < end and start < b for a, b in protected) or _after_elision(text, start, word):
            continue
        plain = word.plain
        if match.group()[0].isupper():
            plain = plain[0].upper() + plain[1:]
        before = _article_before(text[:start], plain) if word.lang == "en" else text[:start]
        text = before + plain + text[end:]
    return text


def _article_before(before: str, plain: str) -> str:
    """English "a"/"an" agreeing with the phrase that now follows ("an key" -> "a key")."""
    match = re.search(r"(?<![\w-])([Aa])n? $", before)
    if not match:
        return before
    article = match.group(1) + ("n" if plain[:1].lower() in "aeiou" else "")
    return before[: match.start()] + article + " "


def _after_elision(text: str, start: int, word: PlainWord) -> bool:
    before = text[:start].lower()
    return before.endswith(ELIDED) and word.plain[:1].lower() not in "aeiouyéèêâîôûh"


def hard_words_kept(text: str, lang: str) -> list[PlainWord]:
    """The explained hard words ``text`` still has (inside quotations or without a plain
    phrase), in order of appearance."""
    found = []
    quoted = quote_spans(text)
    for word in plain_words(lang):
        if not word.explanation:
            continue
        for match in _pattern(word.hard).finditer(text):
            inside = any(a <= match.start() < b for a, b in quoted)
            if inside or not word.plain:
                found.append((match.start(), word))
                break
    return [w for _, w in sorted(found, key=lambda pair: pair[0])]
