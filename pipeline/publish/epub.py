"""EPUB 3 of an article (or its easy-to-read version) in one language.

The book holds the article as one XHTML document with the same structure and ids
as the HTML page, a navigation document (table of contents and landmarks), the
accessibility metadata of EPUB Accessibility 1.1 (access modes, features,
hazards, a summary), right-to-left page progression for right-to-left languages
and, when there is audio, media overlays that pair every spoken segment with its
clip, in reading order, so a reading system highlights each sentence as it is
spoken.  What a person has checked is said in ``dc:description`` and under the
title; conformance to WCAG 2.2 AA is claimed (``dcterms:conformsTo``,
``a11y:certifiedBy``) only when a named person approved it.  Same input and same
``modified`` date, same bytes (see ``dates`` for how the date is chosen).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.publish.dates import run_time
from pipeline.publish.ocf import pack_epub
from pipeline.publish.overlay import ACTIVE_CLASS, overlay_clips, overlay_duration, smil_clock
from pipeline.publish.status import ReviewStatus, checks_note, status_notes
from pipeline.publish.templating import render_template, template_file
from pipeline.publish.ui import Wording, wording
from pipeline.publish.view import article_view, notes_markup, title_with, ui_markup

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
"""The conformance claimed once a named person has approved the book's accessibility."""
UI_KEYS = ("easy_badge", "contents", "start", "photo_caption", "key_points")
_ID_NAMESPACE = uuid.UUID("9b0c4a53-3f0e-4f0e-9d4c-6b75a3c8e2f1")
"""Namespace of the books' UUIDs (any fixed value: it only has to stay the same)."""


@dataclass(frozen=True)
class EpubAudio:
    """The spoken article, for the book's media overlays."""

    mp3: bytes
    """The MP3 file."""
    timings: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Segment id -> (start, end) in seconds; other keys (``opening``) are ignored."""


@dataclass(frozen=True)
class Accessibility:
    """The accessibility metadata of one book."""

    access_modes: tuple[str, ...]
    """``schema:accessMode`` values."""
    sufficient: tuple[str, ...]
    """``schema:accessModeSufficient`` values (each a comma-separated set)."""
    features: tuple[str, ...]
    """``schema:accessibilityFeature`` values."""
    hazards: tuple[str, ...]
    """``schema:accessibilityHazard`` values."""
    summary: str
    """``schema:accessibilitySummary``."""
    summary_lang: str
    """Language of the summary (the book's, or the stand-in language's)."""
    conforms_to: str = ""
    """``dcterms:conformsTo``: empty unless a named person approved the book."""
    certified_by: str = ""
    """``a11y:certifiedBy``: the person who approved it, or empty."""


def render_epub(
    doc: Document,
    glossary: Glossary | None = None,
    *,
    audio: EpubAudio | None = None,
    easy: bool = False,
    modified: datetime | None = None,
    review: ReviewStatus | None = None,
) -> bytes:
    """The EPUB 3 file of ``doc``.

    ``modified`` is its ``dcterms:modified`` (default: ``SOURCE_DATE_EPOCH`` when set,
    else now; ``dates.dated_book`` keeps a re-run's book identical).  ``review`` is
    what a person has checked (default: a machine translation nobody has reviewed,
    an easy-to-read draft, no conformance claim).
    """
    review = review or ReviewStatus()
    view = article_view(doc, glossary, xml=True)
    clips = overlay_clips(doc, audio.timings) if audio else []
    overlay = None
    if clips:
        overlay = {"duration": smil_clock(overlay_duration(clips)), "active_class": ACTIVE_CLASS}
    every_segment_spoken = len(clips) == sum(1 for _ in doc.segments())
    notes = status_notes(review, doc.lang, easy)
    context: dict[str, Any] = {
        "view": view,
        "lang": view.lang,
        "title": title_with(view.title, "easy_badge", doc.lang) if easy else view.title,
        "subtitle": _subtitle(doc.lang) if easy else None,
        "easy": easy,
        "ui": {key: ui_markup(key, doc.lang, glossary, xml=True) for key in UI_KEYS},
        "review": notes_markup(notes, doc.lang, glossary, xml=True),
        "descriptions": _descriptions(notes),
        "identifier": book_identifier(doc, easy),
        "source": doc.source_name,
        "modified": _w3c_date(modified or run_time()),
        "a11y": accessibility(doc.lang, bool(clips), every_segment_spoken, review),
        "overlay": overlay,
        "clips": clips,
        "start": view.heading.id if view.heading else "title",
        "heading": view.heading.html if view.heading else view.heading_html,
        "contents_title": _marked(wording("contents", doc.lang), doc.lang),
    }
    files: dict[str, bytes | str] = {
        "package.opf": render_template("epub/package.opf.j2", context),
        "nav.xhtml": render_template("epub/nav.xhtml.j2", context),
        "article.xhtml": render_template("epub/article.xhtml.j2", context),
        "book.css": template_file("epub/book.css"),
    }
    if overlay and audio:
        files["article.smil"] = render_template("epub/article.smil.j2", context)
        files["article.mp3"] = audio.mp3
    return pack_epub(files)


def accessibility(
    lang: str, overlays: bool, complete_audio: bool, review: ReviewStatus | None = None
) -> Accessibility:
    """The metadata for a text book in ``lang``, with or without media overlays; a
    conformance claim only when ``review`` names the person who approved it."""
    review = review or ReviewStatus()
    summary = wording("summary", lang)
    extras = [wording("summary_audio", lang) if overlays else None, checks_note(review, lang)]
    # One summary, one language: a sentence only found in another language is left out.
    text = " ".join([summary.text, *(e.text for e in extras if e and e.lang == summary.lang)])
    features = [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ]
    sufficient = ["textual"]
    if overlays:
        features.append("synchronizedAudioText")
        if complete_audio:
            sufficient.append("auditory")
    return Accessibility(
        access_modes=("textual", "auditory") if overlays else ("textual",),
        sufficient=tuple(sufficient),
        features=tuple(features),
        hazards=("none",),
        summary=text,
        summary_lang=summary.lang,
        conforms_to=CONFORMS_TO if review.approved else "",
        certified_by=review.approved_by.strip(),
    )


def _marked(words: Wording, lang: str) -> dict[str, str]:
    """Text for an element of its own (a ``<title>``) and the ``lang`` it needs, if any."""
    tag = get_language(words.lang).bcp47 if words.lang != lang else ""
    return {"text": words.text, "lang": tag}


def _descriptions(notes: list[Wording]) -> list[dict[str, str]]:
    """``dc:description`` texts: consecutive notes in one language joined, with their tag."""
    joined: list[dict[str, str]] = []
    for note in notes:
        tag = get_language(note.lang).bcp47
        if joined and joined[-1]["lang"] == tag:
            joined[-1]["text"] += f" {note.text}"
        else:
            joined.append({"text": note.text, "lang": tag})
    return joined


def _subtitle(lang: str) -> dict[str, str] | None:
    """The easy-to-read label as the book's subtitle, with its own ``xml:lang``, when it
    is a stand-in that cannot share the title's language."""
    label: Wording = wording("easy_badge", lang)
    if label.lang == lang:
        return None
    return {"text": label.text, "lang": get_language(label.lang).bcp47}


def book_identifier(doc: Document, easy: bool) -> str:
    """A URN that names this text in this language (and kind): same text, same identifier."""
    name = f"{doc.lang}:{'easy' if easy else 'full'}:{doc.fingerprint()}"
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


def _w3c_date(moment: datetime) -> str:
    """``CCYY-MM-DDThh:mm:ssZ``, the only form ``dcterms:modified`` accepts."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
