"""Acronyms from the glossary, with their expansion, for ``<abbr title="...">``.

An acronym is a glossary form with more capitals than small letters and no space
(``GSIM``, ``EI``, ``FAMa``).  Its expansion is another form of the same term in
the same language: preferably one whose word initials spell the acronym
(``Forces armées maliennes`` for ``FAMa``, not ``armée malienne``), otherwise the
first form that is not itself an acronym.  A term with no such form in that
language gets no ``<abbr>``: an expansion is never borrowed from another language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline.glossary import Glossary, Term

_WORD_BREAKS = re.compile(r"[\s\-\u2010\u2011'\u2019]+")


@dataclass(frozen=True)
class Abbreviation:
    """An acronym found in a text."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just past it."""
    expansion: str
    """What it stands for, in the text's language."""


def is_acronym(form: str) -> bool:
    """True for one-word forms written mostly in capitals (``GSIM``, ``FAMa``)."""
    letters = [c for c in form if c.isalpha()]
    capitals = sum(1 for c in letters if c.isupper())
    return " " not in form.strip() and capitals >= 2 and capitals > len(letters) - capitals


def expansion(term: Term, acronym: str, lang: str) -> str | None:
    """What ``acronym`` stands for among ``term``'s forms in ``lang``, or None."""
    candidates = [f for f in term.all_forms(lang) if f and not is_acronym(f)]
    letters = _fold("".join(c for c in acronym if c.isupper()))
    for form in candidates:
        if _spells(letters, _initials(form)):
            return form
    return candidates[0] if candidates else None


def abbreviations(text: str, lang: str, glossary: Glossary) -> list[Abbreviation]:
    """Every glossary acronym in ``text`` (in ``lang``) that has an expansion there."""
    found = []
    for mention in glossary.find(text, lang):
        if not is_acronym(mention.text):
            continue
        expanded = expansion(glossary.get(mention.term), mention.text, lang)
        if expanded:
            found.append(Abbreviation(mention.start, mention.end, expanded))
    return found


def _fold(text: str) -> str:
    """Lower case without accents: ``É`` and ``e`` are the same initial."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalpha() and not unicodedata.combining(c)).lower()


def _initials(form: str) -> str:
    return "".join(_fold(word)[:1] for word in _WORD_BREAKS.split(form) if _fold(word))


def _spells(letters: str, initials: str) -> bool:
    """True when ``letters`` appear in order among ``initials``."""
    remaining = iter(initials)
    return bool(letters) and all(letter in remaining for letter in letters)
