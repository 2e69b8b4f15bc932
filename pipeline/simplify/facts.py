"""No fact lost: every number and every glossary name of the original is in the easy text.

Only the easy version's own sentences count: the body and the key points (the lead,
moved there), not explanations, which could hide a name the rewriting dropped.  Numbers are
compared as values (``two`` = ``2``, ``2,000`` = ``2000``), each as many times as the
original has it; names are compared as glossary terms, whatever form is used
(``Support Group for Islam and Muslims`` and ``GSIM`` are one name).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.simplify.model import EasyDocument, Role
from pipeline.simplify.numbers import find_numbers


@dataclass(frozen=True)
class MissingFact:
    """A number or a name of the original that the easy version lacks."""

    kind: str
    """``number`` or ``name``."""
    value: str
    """The number (normalised digits) or the glossary term id."""
    segment: str
    """The first source segment that has it."""

    def __str__(self) -> str:
        return f"{self.kind} {self.value} (from {self.segment})"


def check_facts(original: Document, easy: EasyDocument, glossary: Glossary) -> list[MissingFact]:
    """Numbers and glossary names of ``original`` missing from ``easy`` (empty = none lost)."""
    texts = [s.text for s in easy.sentences() if s.role in (Role.TEXT, Role.KEY_POINT)]
    return _missing_numbers(original, texts) + _missing_names(original, texts, glossary)


def _missing_numbers(original: Document, texts: list[str]) -> list[MissingFact]:
    kept: Counter[str] = Counter()
    for text in texts:
        kept.update(find_numbers(text, original.lang))
    needed: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    for segment in original.segments():
        for number, count in find_numbers(segment.text, original.lang).items():
            needed[number] += count
            first_seen.setdefault(number, segment.id)
    return [MissingFact("number", n, first_seen[n]) for n in needed if needed[n] > kept[n]]


def _missing_names(original: Document, texts: list[str], glossary: Glossary) -> list[MissingFact]:
    kept = {m.term for text in texts for m in glossary.find(text, original.lang)}
    missing: dict[str, MissingFact] = {}
    for mention in glossary.match_document(original):
        if mention.term not in kept and mention.term not in missing:
            missing[mention.term] = MissingFact("name", mention.term, mention.segment)
    return list(missing.values())
