"""Checking that a translation kept the glossary terms its source mentions.

A term counts as kept when one of its forms in the target language (preferred or
alias) occurs in the translation, matched exactly as mentions are found (see
``pipeline.glossary.match``): whatever the case, accents, tone marks, harakat,
tatweel, alef/yeh/teh marbuta variants or Arabic attached prefixes, except that
acronyms keep their case, so that Bambara ``ni`` never passes for an acronym ``NI``.
A term with no form in the target language is ``unknown``: it is flagged for a
reviewer, never checked against an invented form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipeline.glossary.glossary import Glossary
from pipeline.glossary.model import Mention


@dataclass
class TermCheck:
    """What became of the source's glossary terms in one translated segment."""

    expected: list[str] = field(default_factory=list)
    """Ids of the terms the source mentions, once each, in order of first mention."""
    found: list[str] = field(default_factory=list)
    """Expected terms the translation contains in one of their forms."""
    missing: list[str] = field(default_factory=list)
    """Expected terms the translation lacks although the glossary has forms for them."""
    unknown: list[str] = field(default_factory=list)
    """Expected terms the glossary has no form for in the target language."""

    @property
    def ok(self) -> bool:
        """True when nothing is missing (unknown terms are for a reviewer to judge)."""
        return not self.missing

    def to_dict(self) -> dict[str, Any]:
        """The check as a JSON-ready dict."""
        return {
            "expected": self.expected,
            "found": self.found,
            "missing": self.missing,
            "unknown": self.unknown,
        }


def check_translation(
    glossary: Glossary, mentions: Iterable[Mention], target_text: str, lang: str
) -> TermCheck:
    """Check ``target_text`` (in ``lang``) against the source ``mentions`` of one segment."""
    check = TermCheck(expected=list(dict.fromkeys(m.term for m in mentions)))
    for term_id in check.expected:
        if not glossary.get(term_id).all_forms(lang):
            check.unknown.append(term_id)
        elif glossary.matcher(lang, term_id).find(target_text):
            check.found.append(term_id)
        else:
            check.missing.append(term_id)
    return check
