"""EPUB 3 of an article (or its easy-to-read version) in one language.

The book holds the article as one XHTML document with the same structure and ids
as the HTML page, a navigation document (table of contents and landmarks), the
accessibility metadata of EPUB Accessibility 1.1 (access modes, features,
hazards, a summary, conformance to WCAG 2.2 AA), right-to-left page progression
for right-to-left languages and, when there is audio, media overlays that pair
every spoken segment with its clip so a reading system highlights each sentence
as it is spoken.  Same input, same bytes: nothing depends on the clock.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.publish.ocf import pack_epub
from pipeline.publish.overlay import ACTIVE_CLASS, overlay_clips, overlay_duration, smil_clock
from pipeline.publish.templating import render_template, template_file
from pipeline.publish.ui import wording
from pipeline.publish.view import article_view, ui_markup

FIXED_MODIFIED = datetime(2000, 1, 1, tzinfo=UTC)
"""``dcterms:modified`` when the caller gives no date: a constant, so books are reproducible."""
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
CERTIFIED_BY = "Kuma automated checks (axe-core, EPUBCheck)"
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
    conforms_to: str = CONFORMS_TO
    """``dcterms:conformsTo``."""
    certified_by: str = CERTIFIED_BY
    """``a11y:certifiedBy``."""


def render_epub(
    doc: Document,
    glossary: Glossary | None = None,
    *,
    audio: EpubAudio | None = None,
    easy: bool = False,
    modified: datetime | None = None,
) -> bytes:
    """The EPUB 3 file of ``doc``; ``modified`` is its ``dcterms:modified`` (default fixed)."""
    view = article_view(doc, glossary, xml=True)
    clips = overlay_clips(doc, audio.timings) if audio else []
    overlay = None
    if clips:
        overlay = {"duration": smil_clock(overlay_duration(clips)), "active_class": ACTIVE_CLASS}
    title = view.title
    if easy:
        title = f"{title} ({wording('easy_badge', doc.lang).text})"
    every_segment_spoken = len(clips) == sum(1 for _ in doc.segments())
    context: dict[str, Any] = {
        "view": view,
        "lang": view.lang,
        "title": title,
        "easy": easy,
        "ui": {
            key: ui_markup(key, doc.lang, glossary, xml=True)
            for key in ("easy_badge", "contents", "start")
        },
        "identifier": book_identifier(doc, easy),
        "source": doc.source_name,
        "modified": _w3c_date(modified or FIXED_MODIFIED),
        "a11y": accessibility(doc.lang, bool(clips), every_segment_spoken),
        "overlay": overlay,
        "clips": clips,
        "start": view.heading.id if view.heading else "title",
        "heading": view.heading.html if view.heading else view.heading_html,
        "contents_title": wording("contents", doc.lang).text,
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


def accessibility(lang: str, overlays: bool, complete_audio: bool) -> Accessibility:
    """The metadata for a text book in ``lang``, with or without media overlays."""
    summary = wording("summary", lang)
    text = summary.text
    if overlays:
        extra = wording("summary_audio", lang)
        if extra.lang == summary.lang:
            text = f"{text} {extra.text}"
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
    )


def book_identifier(doc: Document, easy: bool) -> str:
    """A URN that names this text in this language (and kind): same text, same identifier."""
    name = f"{doc.lang}:{'easy' if easy else 'full'}:{doc.fingerprint()}"
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, name)}"


def _w3c_date(moment: datetime) -> str:
    """``CCYY-MM-DDThh:mm:ssZ``, the only form ``dcterms:modified`` accepts."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
