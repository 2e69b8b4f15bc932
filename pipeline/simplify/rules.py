"""The shape of a language's easy-to-read rules, and the rules every language shares.

A rule takes one sentence and returns the sentences that replace it, or None when it
does not apply.  ``Split`` rules cut a sentence at a joint (", which", "; ", "، و")
and start the second sentence with words that make it whole ("It", "Le GSIM");
rewrite rules reorder a sentence (attributions, appositions).  A cut never falls
inside a glossary name or a quotation, and optional cuts are refused when either
side would look like a fragment (no verb, by the language's heuristic).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from pipeline.glossary import Glossary, Mention
from pipeline.segment import QUOTE_PAIRS, quote_spans
from pipeline.simplify.text import (
    Span,
    capitalise,
    close_sentence,
    count_words,
    is_quotation,
    sentences,
)

MIN_PIECE_WORDS = 3
"""A cut is refused when it would leave a sentence shorter than this."""
OPTIONAL_ABOVE = 12
"""Optional cuts apply only to sentences longer than this (the target average)."""

Rule = Callable[[str, "Context"], "list[str] | None"]


@dataclass(frozen=True)
class Split:
    """A joint at which one sentence may become two."""

    name: str
    """What the rule does, for tests and debugging."""
    joint: re.Pattern[str]
    """The text removed between the two sentences."""
    opener: str | Callable[[str, str, re.Match[str], Context], str | None] = ""
    """Words that start the second sentence, or a function ``(left, rest, match, context)``
    returning the whole second sentence (None = not here)."""
    min_words: int = 0
    """Only sentences longer than this are cut."""
    needs_verb: bool = True
    """Refuse the cut when either side has no verb (by the language's heuristic)."""

    def __call__(self, text: str, context: Context) -> list[str] | None:
        if count_words(text) <= self.min_words:
            return None
        protected = context.protected(text)
        for match in self.joint.finditer(text):
            if any(a < match.end() and match.start() < b for a, b in protected):
                continue
            pieces = self._cut(text, match, context)
            if pieces is not None:
                return pieces
        return None

    def _cut(self, text: str, match: re.Match[str], context: Context) -> list[str] | None:
        left, rest = text[: match.start()], text[match.end() :].strip()
        if isinstance(self.opener, str):
            right: str | None = f"{self.opener} {rest}" if self.opener else rest
        else:
            right = self.opener(left, rest, match, context)
        if not right:
            return None
        left, right = close_sentence(left), capitalise(right.strip())
        if min(count_words(left), count_words(right)) < MIN_PIECE_WORDS:
            return None
        if self.needs_verb and not (context.clause(left) and context.clause(right)):
            return None
        return [left, right]


@dataclass(frozen=True)
class LanguageRules:
    """Everything the simplifier knows about one language."""

    lang: str
    """Language code."""
    prepare: tuple[Callable[[str, Context], str], ...] = ()
    """Rewrites of a whole sentence before any cut (numbers in digits, dates)."""
    rules: tuple[Rule, ...] = ()
    """Rewrites and splits, tried in order on every sentence until none applies."""
    has_verb: Callable[[str], bool] = lambda text: True
    """Heuristic: does this text have a finite verb (is it a clause, not a fragment)?"""
    conjunctions: frozenset[str] = frozenset()
    """Words the last-resort cut may fall before (when both sides have a verb)."""
    prepositions: frozenset[str] = frozenset()
    """Words the last-resort cut may fall before (when the first side has a verb)."""
    postpositions: frozenset[str] = frozenset()
    """Words that end a phrase (Bambara ``la``, ``kɔnɔ``): the last-resort cut may fall
    after them (when the first side has a verb)."""
    bound_words: frozenset[str] = frozenset()
    """Words that form a compound preposition with the next one (``à partir de``): the
    last-resort cut never falls after them."""
    context_words: frozenset[str] = frozenset()
    """Lowercase words that, first in a sentence, need the sentence before (pronouns):
    key points do not start with them."""
    colon: str = ":"
    """How a sentence introducing a quotation ends (French puts a space before it)."""
    reported: re.Pattern[str] | None = None
    """A reporting verb ("said", «a déclaré», «قال»): after one, a clause joined by a
    semicolon or "but" may still be what was said, so the sentence is not cut there."""


@dataclass
class Context:
    """A language's rules and the glossary, for one document."""

    rules: LanguageRules
    glossary: Glossary
    _mentions: dict[str, list[Mention]] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.rules.lang

    def mentions(self, text: str) -> list[Mention]:
        """Glossary mentions in ``text`` (forms in this language), cached per text."""
        if text not in self._mentions:
            self._mentions[text] = self.glossary.find(text, self.lang)
        return self._mentions[text]

    def protected(self, text: str) -> list[Span]:
        """Spans no cut may fall in: glossary names and quotations."""
        return [(m.start, m.end) for m in self.mentions(text)] + quote_spans(text)

    def has_verb(self, text: str) -> bool:
        return self.rules.has_verb(text)

    def clause(self, text: str) -> bool:
        """Whether ``text`` is a clause: the sentence check where the language has one,
        else the rules' verb heuristic."""
        verdict = self.is_sentence(text)
        return self.has_verb(text) if verdict is None else verdict

    def is_sentence(self, text: str) -> bool | None:
        """Whether ``text`` is a whole sentence in this language (None = cannot tell)."""
        from pipeline.simplify.clauses import is_sentence

        return is_sentence(text, self.lang)

    def mention_ending(self, text: str) -> Mention | None:
        """The glossary mention that ends ``text`` (trailing spaces and commas aside)."""
        core = text.rstrip(" ,")
        found = [m for m in self.mentions(core) if m.end == len(core)]
        return found[0] if found else None

    def mention_starting(self, text: str) -> Mention | None:
        """The glossary mention that starts ``text``."""
        found = [m for m in self.mentions(text) if m.start == 0]
        return found[0] if found else None

    @cached_property
    def term_types(self) -> dict[str, str]:
        return {term.id: term.type for term in self.glossary}


def collapse_acronym_pairs(text: str, context: Context) -> str:
    """``Support Group for Islam and Muslims (GSIM)`` -> ``GSIM``: two forms of one term,
    the second in brackets, become the preferred form (or the first when neither is)."""
    mentions = context.mentions(text)
    for first, second in reversed(list(zip(mentions, mentions[1:], strict=False))):
        between = text[first.end : second.start]
        if first.term != second.term or between.strip() != "(":
            continue
        close = text.find(")", second.end)
        if close < 0 or text[second.end : close].strip():
            continue
        preferred = (context.glossary.get(first.term).form(context.lang) or "").casefold()
        kept = second.text if second.text.casefold() == preferred else first.text
        text = text[: first.start] + kept + text[close + 1 :]
    return text


def split_sentences_rule(text: str, context: Context) -> list[str] | None:
    """Text with several sentences (outside quotations) becomes one item per sentence."""
    found = sentences(text)
    return found if len(found) > 1 else None


def split_quotation(text: str, context: Context) -> list[str] | None:
    """A quotation of several sentences becomes one quotation per sentence."""
    if not is_quotation(text):
        return None
    core = text.rstrip(" ")
    end_mark = ""
    if core[-1] not in "".join(QUOTE_PAIRS.values()):
        core, end_mark = core[:-1], core[-1]
    opener, closer = core[0], core[-1]
    inner = core[1:-1]
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()) :]
    found = sentences(inner)
    if len(found) < 2:
        return None
    quoted = [f"{opener}{lead}{s}{trail}{closer}" for s in found]
    quoted[-1] = close_sentence(quoted[-1] + end_mark)
    return quoted


_LEADING_QUOTE = re.compile(r"^(?P<quote>[\"“«„].+?[\"”»])\s*(?P<comma>,)?\s*(?P<rest>.*)$")


def quotation_first(text: str, context: Context) -> list[str] | None:
    """``"Q," the rest.`` -> the quotation, then the rest as its own sentence."""
    match = _LEADING_QUOTE.match(text)
    if not match or not match.group("rest"):
        return None
    quote = match.group("quote")
    if not any(a == 0 and b == len(quote) for a, b in quote_spans(text)):
        return None
    if not match.group("comma") and quote[-2:-1] not in (",", "!", "?", "."):
        return None  # "X" of the Y: the quotation is part of the sentence
    rest = match.group("rest")
    if count_words(rest) < MIN_PIECE_WORDS or rest[:1] in ".!?":
        return None
    return [close_sentence(quote + (match.group("comma") or "")), capitalise(rest)]


def _after_semicolon(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    reported = context.rules.reported
    return None if reported is not None and reported.search(left) else rest


SEMICOLON = Split("semicolon", re.compile(r"\s*[;؛]\s+"), opener=_after_semicolon, needs_verb=False)
"""A semicolon joins two sentences: cut there (unless the first reports speech)."""

DASH = Split("dash", re.compile(r"\s+[—–]\s+(?=[^—–]+$)"), needs_verb=True)
"""A single dash before the end joins two clauses (a pair of dashes is an aside: kept)."""

SHARED_RULES: tuple[Rule, ...] = (split_sentences_rule, split_quotation, SEMICOLON)
"""Rules of every language, tried first."""
