"""The records of a glossary: a ``Term`` (one concept) and a ``Mention`` of it in a text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TERM_TYPES = ("person", "organisation", "place", "group", "term")
"""The kinds of concept a glossary holds."""


@dataclass(frozen=True)
class Term:
    """One concept: a person, organisation, place, group or term, in every language."""

    id: str
    """Lowercase slug, unique in its glossary (``iyad-ag-ghaly``)."""
    type: str
    """One of ``TERM_TYPES``."""
    forms: dict[str, str]
    """Language code -> the preferred form, the one translations must use."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Language code -> other forms that count as the same term."""
    explanations: dict[str, str] = field(default_factory=dict)
    """Language code -> one plain sentence explaining the term."""
    pronunciations: dict[str, str] = field(default_factory=dict)
    """Language code -> a respelling a speech synthesiser reads correctly."""
    note: str = ""
    """Free text for translators."""

    def form(self, lang: str) -> str | None:
        """The preferred form in ``lang``, or None when the glossary has none."""
        return self.forms.get(lang) or None

    def all_forms(self, lang: str) -> tuple[str, ...]:
        """Preferred form first, then the aliases; empty when the term has no form in ``lang``."""
        preferred = self.form(lang)
        if preferred is None:
            return ()
        return (preferred, *self.aliases.get(lang, ()))


@dataclass(frozen=True)
class Mention:
    """A place where a glossary term occurs in a text."""

    term: str
    """Id of the term found."""
    text: str
    """The text as found (``text[start:end]`` of the segment)."""
    segment: str
    """Segment id (``p3.s2``); empty when matching free text."""
    start: int
    """Offset of the first character in the segment text."""
    end: int
    """Offset just past the last character."""

    def to_dict(self) -> dict[str, Any]:
        """The mention as a JSON-ready dict."""
        return {
            "term": self.term,
            "text": self.text,
            "segment": self.segment,
            "start": self.start,
            "end": self.end,
        }
