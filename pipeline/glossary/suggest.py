"""Proposing glossary terms: names and acronyms a text uses that no term covers.

Candidates are runs of two or more capitalised words (``Amadou Koufa``, ``Gulf of
Guinea``, with lowercase particles such as ``of``, ``ag``, ``al`` inside), particle
names written as one word (``al-Mourabitoune``) and acronyms (``MINUSMA``, ``G5``).
Ordinary words that are capitalised only because they open a sentence (``The``,
``He``, ``Today``, or any word the text also uses in lowercase), titles
(``President``), month and day names are not part of a name.  Texts in capitals
(shouted headlines) are skipped, since every word there looks like an acronym.
Capitalisation drives everything, so Arabic text yields no suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.document import Document
from pipeline.glossary.glossary import Glossary
from pipeline.glossary.match import is_acronym

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_POSSESSIVE = re.compile(r"['’]s\Z", re.IGNORECASE)


def _word_set(*lines: str) -> frozenset[str]:
    return frozenset(word for line in lines for word in line.split())


PARTICLES = _word_set("of the de du des la le al el ag ould bin ibn ben")
"""Lowercase words that may join two capitalised words of one name."""
NOT_NAMES = _word_set(
    "a an the he she it they we i you his her its their our my your this that these those",
    "there here today yesterday tomorrow tonight in on at for from with by to as after before",
    "during since until when while where why how what who which but and or so if although",
    "though however meanwhile also then now last next many some most several other others",
    "all both each every no not according more one two three four five six seven eight nine",
    "ten mr mrs ms dr president general gen colonel col captain capt lieutenant major",
    "commander sergeant minister prime sheikh imam king queen prince",
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "monday tuesday wednesday thursday friday saturday sunday",
)
"""Capitalised words that do not belong to a name: function words, titles, months, days."""
_PARTICLE_PREFIXES = ("al-", "el-", "ag-", "ould-", "ben-", "bin-", "ibn-")


@dataclass
class Suggestion:
    """A name or acronym the text uses and the glossary lacks."""

    text: str
    """The name as written (whitespace collapsed)."""
    count: int = 0
    """How many times it occurs."""
    segments: list[str] = field(default_factory=list)
    """Ids of the segments it occurs in, in order, once each."""

    def to_dict(self) -> dict[str, Any]:
        """The suggestion as a JSON-ready dict."""
        return {"text": self.text, "count": self.count, "segments": self.segments}


def suggest_terms(doc: Document, glossary: Glossary) -> list[Suggestion]:
    """Uncovered names and acronyms in ``doc``, most frequent first (ties: first seen)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in glossary.match_document(doc):
        spans.setdefault(mention.segment, []).append((mention.start, mention.end))
    lowercase = {w for s in doc.segments() for w in _WORD.findall(s.text) if w.islower()}
    found: dict[str, Suggestion] = {}
    for segment in doc.segments():
        if _shouting(segment.text):
            continue
        for start, end in _candidates(segment.text, lowercase):
            if any(s <= start and end <= e for s, e in spans.get(segment.id, ())):
                continue
            text = " ".join(segment.text[start:end].split())
            suggestion = found.setdefault(text, Suggestion(text))
            suggestion.count += 1
            if segment.id not in suggestion.segments:
                suggestion.segments.append(segment.id)
    return sorted(found.values(), key=lambda s: -s.count)


def _candidates(text: str, lowercase: set[str]) -> list[tuple[int, int]]:
    """Spans of names and acronyms in one sentence."""
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int, int]] = []  # (start, end, weight): weight 0 for a particle
    previous_end: int | None = None
    for index, match in enumerate(_WORD.finditer(text)):
        word, start, end = match.group(), match.start(), match.end()
        possessive = _POSSESSIVE.search(word)
        if possessive:
            word, end = word[: possessive.start()], start + possessive.start()
        if previous_end is None or text[previous_end:start].strip():
            spans.extend(_close(run))  # punctuation between words ends a name
            run = []
        kind = _kind(word, sentence_start=index == 0, lowercase=lowercase)
        if kind == "acronym":
            spans.extend(_close(run))
            spans.append((start, end))
            run = []
        elif kind == "name":
            run.append((start, end, 2 if word.lower().startswith(_PARTICLE_PREFIXES) else 1))
        elif kind == "particle" and run:
            run.append((start, end, 0))
        else:
            spans.extend(_close(run))
            run = []
        previous_end = None if possessive else end  # "Mali's army": the name stops at 's
    spans.extend(_close(run))
    return spans


def _kind(word: str, sentence_start: bool, lowercase: set[str]) -> str:
    """``acronym``, ``name``, ``particle`` or ``other``."""
    if len(word) >= 2 and is_acronym(word):
        return "acronym"
    if word in PARTICLES:
        return "particle"
    if word.lower() in NOT_NAMES:
        return "other"
    if word[:1].isupper() or word.lower().startswith(_PARTICLE_PREFIXES):
        # "Fighters attacked...": capitalised only because it opens the sentence.
        if sentence_start and word.lower() in lowercase:
            return "other"
        return "name"
    return "other"


def _close(run: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The span of a finished run when it is a name: two words, or one particle name."""
    while run and run[-1][2] == 0:
        run = run[:-1]
    if sum(weight for _, _, weight in run) >= 2:
        return [(run[0][0], run[-1][1])]
    return []


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    words = _WORD.findall(text)
    capitals = sum(1 for c in letters if c.isupper())
    return len(words) >= 3 and capitals > 0.6 * max(len(letters), 1)
