"""Segments that are carried over instead of being sent to a model.

A model asked to translate ``2015``, a web address or a bare name invents words
around it.  Such segments are kept as they are: a segment with no letters
(numbers, dates in figures, punctuation), made only of web and e-mail addresses,
or made only of glossary names, which are written in their glossary form in
the target language.  A name without a form in that language is not carried
over: the segment goes to the model and the term check flags it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.glossary import Glossary, Mention

_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)

SOURCE = "source"
"""Provenance of a segment carried over unchanged."""
GLOSSARY = "glossary"
"""Provenance of a segment made only of glossary names, written in their target forms."""


@dataclass(frozen=True)
class CarriedOver:
    """The text of a segment that needs no model, and why."""

    text: str
    """The target-language text."""
    provenance: str
    """``source`` or ``glossary``."""


def carry_over(
    text: str,
    mentions: Sequence[Mention],
    glossary: Glossary | None,
    lang: str,
) -> CarriedOver | None:
    """The text to use for a segment that must not be sent to a model, else None."""
    if not _has_letters(_ADDRESS.sub(" ", text)):
        return CarriedOver(text, SOURCE)
    if not mentions or glossary is None:
        return None
    remainder = _blank(text, [(m.start, m.end) for m in mentions])
    if _has_letters(_ADDRESS.sub(" ", remainder)):
        return None
    forms = [glossary.get(m.term).form(lang) for m in mentions]
    if any(form is None for form in forms):
        return None
    return CarriedOver(replace_spans(text, mentions, [str(f) for f in forms]), GLOSSARY)


def replace_spans(text: str, mentions: Sequence[Mention], forms: Sequence[str]) -> str:
    """``text`` with each mention's span replaced by the matching form."""
    pieces, position = [], 0
    for mention, form in sorted(zip(mentions, forms, strict=True), key=lambda p: p[0].start):
        pieces += [text[position : mention.start], form]
        position = mention.end
    return "".join([*pieces, text[position:]])


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)
