"""What a person has checked of a publication, said honestly in every page and book.

A translation is published as what it is: made by a machine or by a person, and
reviewed by a person or not yet.  An easy-to-read version stays a draft until
readers with learning disabilities have checked it (Inclusion Europe's rule).  An
accessibility conformance claim is made only when a named person approves it;
automated checks alone are reported, never certified.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pipeline.document import Document
from pipeline.publish.ui import Wording, wording

HUMAN_PROVENANCES = frozenset({"human", "source", "glossary"})
"""Segment provenances that no machine wrote (a glossary form was chosen by a person)."""


class Origin(StrEnum):
    """How the text of a version came to be."""

    SOURCE = "source"
    """The original article: nothing to say about translation."""
    MACHINE = "machine"
    """Translated by a machine (any segment)."""
    HUMAN = "human"
    """Translated by a person."""


@dataclass(frozen=True)
class SignOff:
    """A person's check of a text."""

    by: str = ""
    """Who checked it; empty when no name was recorded."""
    on: date | None = None
    """When; None when no date was recorded."""


@dataclass(frozen=True)
class ReviewStatus:
    """The review status of one language version, as its publications state it.

    The default is the least that can be claimed: a machine translation nobody has
    reviewed, an easy-to-read draft, and no conformance claim.
    """

    origin: Origin = Origin.MACHINE
    """Machine or human translation, or the original."""
    reviewed: SignOff | None = None
    """A person reviewed every segment of the translation; None = not reviewed."""
    readers: SignOff | None = None
    """Readers checked the easy-to-read version; None = it is a draft."""
    approved_by: str = ""
    """The person who approved the book's accessibility: only then does the EPUB claim
    conformance (``dcterms:conformsTo``) and name them (``a11y:certifiedBy``)."""
    checks: tuple[str, ...] = ()
    """Automated accessibility checks the publication passed (``axe-core``,
    ``EPUBCheck``): said in the accessibility summary, never a certification."""

    @property
    def approved(self) -> bool:
        """True when a named person approved the accessibility."""
        return bool(self.approved_by.strip())


def origin_of(doc: Document, source_lang: str) -> Origin:
    """How ``doc`` came to be, from its language and its segments' provenance."""
    if doc.lang == source_lang:
        return Origin.SOURCE
    origins = {s.provenance or "" for s in doc.segments()}
    return Origin.HUMAN if origins <= HUMAN_PROVENANCES else Origin.MACHINE


def status_notes(status: ReviewStatus, lang: str, easy: bool = False) -> list[Wording]:
    """The sentences a page in ``lang`` shows about ``status`` (each in its own language)."""
    notes = []
    if status.origin is not Origin.SOURCE:
        if status.reviewed is not None:
            notes.append(_signed("reviewed", status.reviewed, lang))
        elif status.origin is Origin.HUMAN:
            notes.append(wording("human_unreviewed", lang))
        else:
            notes.append(wording("machine_unreviewed", lang))
    if easy:
        if status.readers is not None:
            notes.append(_signed("easy_checked", status.readers, lang))
        else:
            notes.append(wording("easy_draft", lang))
    return notes


def checks_note(status: ReviewStatus, lang: str) -> Wording | None:
    """The sentence naming the automated checks passed, if any."""
    if not status.checks:
        return None
    words = wording("checked_with", lang)
    separator = wording("separator", words.lang).text
    return words.filled(tools=separator.join(status.checks))


def _signed(key: str, sign_off: SignOff, lang: str) -> Wording:
    """``key``'s sentence with `` (name, date)`` when they were recorded."""
    words = wording(key, lang)
    parts = [part for part in (sign_off.by.strip(), _iso(sign_off.on)) if part]
    separator = wording("separator", words.lang).text
    who = f" ({separator.join(parts)})" if parts else ""
    return words.filled(who=who)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""
