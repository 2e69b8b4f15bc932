"""Repairing a near miss: a translation that spells a glossary name almost right.

Models often write a name nearly as the glossary does (``Iyad Ag Ghali`` for
``Iyad Ag Ghaly``, a hamza dropped in Arabic, an English acronym copied into
French).  The closest run of words to any known spelling of the term, in the
target language or in the source, is replaced by the preferred form, provided it
is close enough that it can only be that name.  Arabic words keep the
conjunction or preposition attached in front of them (``وبالكرملين``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from pipeline.glossary.fold import fold_text

MIN_SIMILARITY = 0.85
"""How close a run of words must be to a known spelling to be taken for it."""
MIN_FUZZY_LENGTH = 4
"""Spellings shorter than this (acronyms) must match exactly, case included."""

_WORD = re.compile(r"[^\s]+")
_EDGE = "\"'«»“”‘’()[]{}.,;:!?،؛؟…"
_PARTICLES = ("وب", "وك", "ول", "فب", "فك", "فل", "و", "ف", "ب", "ك", "ل")
"""Arabic conjunctions and prepositions written attached to the next word, longest first."""


@dataclass(frozen=True)
class _Run:
    start: int
    end: int
    particle: str = ""
    """Attached particle kept in front of the replacement."""
    compared: str = ""
    """The run without its particle, as compared with the spellings."""


def repair_variant(text: str, form: str, spellings: Iterable[str], lang: str) -> str | None:
    """``text`` with the closest spelling of a term replaced by ``form``; None if none is close."""
    keys = {_key(s) for s in spellings if s.strip()}
    best: tuple[float, _Run] | None = None
    words = [_strip_edges(m.start(), m.end(), text) for m in _WORD.finditer(text)]
    width = len(form.split())
    for size in range(max(1, width - 1), width + 2):
        for index in range(len(words) - size + 1):
            for run in _runs(text, words[index][0], words[index + size - 1][1], lang):
                score = _similarity(_key(run.compared), keys)
                if score >= MIN_SIMILARITY and (best is None or score > best[0]):
                    best = (score, run)
    if best is None:
        return None
    run = best[1]
    return text[: run.start] + attach(run.particle, form) + text[run.end :]


def attach(particle: str, form: str) -> str:
    """An Arabic ``form`` with a conjunction/preposition ``particle`` written in front of it."""
    if particle.endswith("ل") and form.startswith("ال"):
        return particle + form[1:]  # ل + الكرملين is written للكرملين
    return particle + form


def _runs(text: str, start: int, end: int, lang: str) -> list[_Run]:
    """The run as written and, in Arabic, without each particle it may start with."""
    runs = [_Run(start, end, "", text[start:end])]
    if lang != "ar":
        return runs
    for particle in _PARTICLES:
        rest = text[start + len(particle) : end]
        if text.startswith(particle, start) and len(rest) > 1:
            runs.append(_Run(start, end, particle, rest))
            if particle.endswith("ل") and rest.startswith("ل"):  # لل: ل + ال, alef dropped
                runs.append(_Run(start, end, particle, "ا" + rest))
    return runs


def _strip_edges(start: int, end: int, text: str) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if text.endswith(("'s", "’s"), start, end):
        end -= 2
    return start, end


def _key(text: str) -> str:
    """Folded (accents, hamza, tatweel...) with hyphens as spaces; case is kept."""
    return " ".join(fold_text(text).replace("-", " ").split())


def _similarity(candidate: str, keys: set[str]) -> float:
    """1.0 for an exact match; short spellings (acronyms) match only exactly, case included."""
    if not candidate:
        return 0.0
    best = 0.0
    for key in keys:
        if candidate == key:
            return 1.0
        if min(len(key), len(candidate)) < MIN_FUZZY_LENGTH:
            continue
        matcher = SequenceMatcher(None, candidate.casefold(), key.casefold(), autojunk=False)
        best = max(best, matcher.ratio())
    return best
