"""The accessible HTML page of an article (or of its easy-to-read version).

One standalone file with no script: ``lang`` and ``dir`` on the page and on every
passage in another script (interface strings in a stand-in language included), a
skip link, landmarks, one ``<h1>`` and ``<h2>`` subheadings, a note saying who has
checked the text, the key points of an easy-to-read version under their own
heading, a photo caption as a labelled paragraph, quotations as ``<blockquote>`` and
``<q>``, glossary acronyms as ``<abbr>``, the audio with its captions and a
transcript, and links to the other language versions with ``hreflang``.  Every
segment is a ``<span>`` whose id is the segment id.  The only style is the inline
stylesheet, allowed by its hash in the content security policy; all text is
escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.publish.markup import sentence_markup
from pipeline.publish.status import ReviewStatus, status_notes
from pipeline.publish.templating import render_template, template_file
from pipeline.publish.view import ArticleView, article_view, notes_markup, title_with, ui_markup

UI_KEYS = (
    "skip",
    "languages",
    "listen",
    "download",
    "captions",
    "transcript",
    "easy_badge",
    "easy_link",
    "full_link",
    "photo_caption",
    "key_points",
)
OPENING = "opening"
"""Timing key of a spoken opening line (as the speech stage names it)."""


@dataclass(frozen=True)
class Alternate:
    """A link to another version of the same article."""

    lang: str
    """Language code of the other version."""
    href: str
    """Relative link to it."""
    easy: bool = False
    """True when it is an easy-to-read version."""


@dataclass(frozen=True)
class AudioLinks:
    """The audio of the page's text, beside the page."""

    mp3: str
    """Relative link to the MP3."""
    captions: str | None = None
    """Relative link to the WebVTT captions, if any."""
    timings: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Segment id (and ``opening``) -> (start, end) in seconds: times in the transcript."""
    opening: str | None = None
    """The spoken opening line (not in the article), shown first in the transcript."""


@dataclass(frozen=True)
class TranscriptLine:
    """One line of the transcript."""

    html: Markup
    """The words, marked up."""
    start: float | None
    """Where they start in the audio, in seconds, if known."""

    @property
    def start_s(self) -> str:
        """The start as a media-fragment time (``12.345``)."""
        return f"{self.start or 0:.3f}"

    @property
    def clock(self) -> str:
        """The start as shown (``1:02``)."""
        minutes, seconds = divmod(int(self.start or 0), 60)
        return f"{minutes}:{seconds:02d}"

    @property
    def datetime(self) -> str:
        """The start as an HTML duration (``PT62.345S``)."""
        return f"PT{self.start or 0:.3f}S"


def render_html(
    doc: Document,
    alternates: list[Alternate] | None = None,
    *,
    glossary: Glossary | None = None,
    audio: AudioLinks | None = None,
    transcript: bool = True,
    easy: bool = False,
    review: ReviewStatus | None = None,
) -> str:
    """The article as a standalone HTML5 page.

    ``alternates`` may list every version of the article: the page links to the other
    languages of its own kind (full or easy) and to its own language's other kind.
    ``glossary`` marks acronyms and names the language of Latin passages in Arabic;
    ``audio`` adds the player, its captions and (with ``transcript``) the transcript.
    ``review`` is what a person has checked of the text, said under the title
    (default: a machine translation nobody has reviewed, an easy-to-read draft).
    """
    view = article_view(doc, glossary)
    lang = doc.lang
    css = template_file("page.css")
    notes = status_notes(review or ReviewStatus(), lang, easy)
    context: dict[str, Any] = {
        "view": view,
        "page_title": _page_title(view, easy),
        "easy": easy,
        "review": notes_markup(notes, lang, glossary),
        "ui": {key: ui_markup(key, lang, glossary) for key in UI_KEYS},
        "languages": _languages(alternates or [], lang, easy),
        "counterpart": _counterpart(alternates or [], lang, easy),
        "audio": audio,
        "transcript": _transcript(doc, audio, glossary) if audio and transcript else [],
        "css": Markup(css),
        "csp": content_security_policy(css),
    }
    return render_template("article.html.j2", context)


def content_security_policy(css: str) -> str:
    """No script, no plug-in, no remote anything: styles by hash, media from beside the page."""
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'self'; media-src 'self'; "
        "base-uri 'none'; form-action 'none'"
    )


def _page_title(view: ArticleView, easy: bool) -> str:
    return title_with(view.title, "easy_badge", view.lang.code) if easy else view.title


def _languages(alternates: list[Alternate], lang: str, easy: bool) -> list[dict[str, Any]]:
    return [
        {"lang": get_language(a.lang), "href": a.href}
        for a in alternates
        if a.lang != lang and a.easy == easy
    ]


def _counterpart(alternates: list[Alternate], lang: str, easy: bool) -> str | None:
    return next((a.href for a in alternates if a.lang == lang and a.easy != easy), None)


def _transcript(
    doc: Document, audio: AudioLinks, glossary: Glossary | None
) -> list[TranscriptLine]:
    """Every spoken line in the order spoken; in reading order when there are no times."""
    texts = {s.id: s.text for s in doc.segments()}
    if audio.opening:
        texts = {OPENING: audio.opening, **texts}
    timed = sorted((times[0], key) for key, times in audio.timings.items() if key in texts)
    if timed:
        keys: list[tuple[float | None, str]] = [(start, key) for start, key in timed]
    else:
        keys = [(None, key) for key in texts]
    return [
        TranscriptLine(sentence_markup(texts[key], doc.lang, glossary), start)
        for start, key in keys
    ]
