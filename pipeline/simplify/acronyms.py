"""Acronyms spelt out at their first mention: "the GSIM (Support Group for Islam and Muslims)".

The words an acronym stands for come from ``data/explanations.csv`` (``spelled_out``).
The first mention of a term in the reading order (key points, then the body; titles and
headings keep their wording) is spelt out when it is written as an acronym and outside a
quotation.  A term first named in full ("Islamic State") needs nothing later.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.segment import quote_spans
from pipeline.simplify.explain import explanation_data
from pipeline.simplify.model import EasySentence, Role
from pipeline.simplify.rules import Context


def spell_out_acronyms(sentences: Iterable[EasySentence], context: Context) -> None:
    """Add the spelled-out form after the first mention of each acronym (in place)."""
    seen: set[str] = set()
    for sentence in sentences:
        if sentence.role not in (Role.TEXT, Role.KEY_POINT):
            continue
        sentence.text = _spell_out(sentence.text, context, seen)


def _spell_out(text: str, context: Context, seen: set[str]) -> str:
    quoted = quote_spans(text)
    inserts: list[tuple[int, str]] = []
    for mention in sorted(context.mentions(text), key=lambda m: m.start):
        if mention.term in seen or any(a <= mention.start < b for a, b in quoted):
            continue  # a mention inside a quotation waits for one outside
        seen.add(mention.term)
        data = explanation_data().get((mention.term, context.lang))
        full = data.spelled_out if data else ""
        if full and _is_acronym(mention.text) and full.lower() not in text.lower():
            inserts.append((mention.end, f" ({full})"))
    for end, words in reversed(inserts):
        text = text[:end] + words + text[end:]
    return text


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in word
