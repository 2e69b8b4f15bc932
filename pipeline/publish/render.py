"""Rendering every publication of a package from its documents.

Per language (the source included): the text, its easy-to-read version, audio with
captions and a read-aloud script, accessible HTML and EPUB 3 for both versions; per
target language an XLIFF kit.  Everything derives from the documents, so
``kuma publish`` and ``kuma xliff import`` re-render with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.document import Document
from pipeline.glossary import Glossary, Mention
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
from pipeline.publish.dates import dated_book, run_time
from pipeline.publish.status import ReviewStatus, origin_of
from pipeline.publish.text import render_text

if TYPE_CHECKING:
    from pipeline.speech.outputs import AudioOutputs, SpeechOptions

SOURCE_DIR = "source"


@dataclass
class PublishOptions:
    """Which publications to make."""

    speech: SpeechOptions | None = None
    """How to speak; None = no audio stage (no MP3, captions or script)."""
    easy: bool = True
    """Make the easy-to-read versions."""
    modified: datetime | None = None
    """Time of this run: ``dcterms:modified`` of the books whose content changed
    (None = ``SOURCE_DATE_EPOCH`` when set, else now)."""


@dataclass
class Edition:
    """What was published for one language: figures for the manifest and the summary."""

    audio: dict[str, Any] = field(default_factory=dict)
    """The speech stage's manifest entry (voice, loudness, true peak, duration...)."""
    audio_summary: str = ""
    """One line on the audio (or why there is none)."""
    easy: dict[str, Any] = field(default_factory=dict)
    """Readability of the original and the easy version, and targets missed."""
    easy_audio: dict[str, Any] = field(default_factory=dict)
    """The easy version's audio entry."""

    def to_dict(self) -> dict[str, Any]:
        return {"audio": self.audio, "easy": self.easy, "easy_audio": self.easy_audio}


def folder(lang: str, source_lang: str) -> str:
    """The package folder of one language: ``source`` for the original."""
    return SOURCE_DIR if lang == source_lang else lang


def render_package(
    package: Package,
    source: Document,
    translations: dict[str, Document],
    targets: list[str],
    glossary: Glossary,
    mentions: list[Mention],
    drafts: dict[str, dict[str, str]] | None = None,
    options: PublishOptions | None = None,
    progress: Progress = SILENT,
) -> dict[str, Edition]:
    """Write every publication of every language and an XLIFF kit per target.

    A kit keeps the targets of ``drafts`` (a translator's partial work just imported)
    or, failing that, those already in the package's kit for the same source: a
    re-run never throws away a translator's work.
    """
    options = options or PublishOptions()
    options = replace(options, modified=options.modified or run_time())
    documents = {source.lang: source, **translations}
    easy = _simplified(documents, glossary) if options.easy else {}
    editions = {}
    for lang, doc in documents.items():
        progress.step(f"{source.source_name}: publishing {lang}")
        editions[lang] = _publish_language(
            package, doc, easy.get(lang), documents, easy, source.lang, glossary, options
        )
    _write_kits(package, source, translations, targets, glossary, mentions, drafts or {})
    return editions


def _simplified(documents: dict[str, Document], glossary: Glossary) -> dict[str, Any]:
    from pipeline.simplify import simplify_document

    return {lang: simplify_document(doc, glossary) for lang, doc in documents.items()}


def _publish_language(
    package: Package,
    doc: Document,
    easy: Any,
    documents: dict[str, Document],
    easy_all: dict[str, Any],
    source_lang: str,
    glossary: Glossary,
    options: PublishOptions,
) -> Edition:
    from pipeline.publish.html import Alternate

    base = folder(doc.lang, source_lang)
    alternates = [
        Alternate(lang, f"../{folder(lang, source_lang)}/article.html") for lang in documents
    ]
    alternates += [
        Alternate(lang, f"../{folder(lang, source_lang)}/easy.html", easy=True) for lang in easy_all
    ]
    package.write(f"{base}/article.json", doc.to_json())
    package.write(f"{base}/article.txt", render_text(doc))
    edition = Edition()
    # Until the manifest's sign-off is wired in, only the origin is known: not reviewed.
    review = ReviewStatus(origin_of(doc, source_lang))
    audio = _speak(doc, glossary, options, source_lang)
    if audio is not None:
        _write_audio(package, base, "article", audio, with_script=True)
        edition.audio, edition.audio_summary = audio.manifest, audio.summary
    when = options.modified
    _write_book(package, base, "article", doc, glossary, alternates, audio, False, review, when)
    if easy is not None:
        easy_doc = easy.to_document()
        package.write(f"{base}/easy.json", easy.to_json())
        package.write(f"{base}/easy.txt", render_text(easy_doc))
        edition.easy = easy.summary()
        easy_audio = _speak(easy_doc, glossary, options, source_lang)
        if easy_audio is not None:
            _write_audio(package, base, "easy", easy_audio, with_script=False)
            edition.easy_audio = easy_audio.manifest
        _write_book(
            package, base, "easy", easy_doc, glossary, alternates, easy_audio, True, review, when
        )
    return edition


def _speak(
    doc: Document, glossary: Glossary, options: PublishOptions, source_lang: str
) -> AudioOutputs | None:
    if options.speech is None:
        return None
    from dataclasses import replace

    from pipeline.speech.base import get_voice
    from pipeline.speech.outputs import speech_outputs

    speech = options.speech
    # The chosen voice is for the target languages; the original is spoken by the best
    # voice for it when the chosen one cannot speak it (MMS has no English).
    if (
        doc.lang == source_lang
        and speech.voice not in ("auto", "none")
        and doc.lang not in get_voice(speech.voice).languages()
    ):
        speech = replace(speech, voice="auto")
    means = origin_of(doc, source_lang).value
    return speech_outputs(doc, glossary, speech, source_lang=source_lang, means=means)


def _write_audio(
    package: Package, base: str, stem: str, audio: AudioOutputs, with_script: bool
) -> None:
    """The MP3 (WAV), captions and, for the article, the read-aloud script."""
    for name, content in audio.files.items():
        if name.startswith("script."):
            if with_script:
                package.write(f"{base}/{name}", content)
            continue
        package.write(f"{base}/{stem}{name.removeprefix('article')}", content)


def _write_book(
    package: Package,
    base: str,
    stem: str,
    doc: Document,
    glossary: Glossary,
    alternates: list[Any],
    audio: AudioOutputs | None,
    easy: bool,
    review: ReviewStatus,
    modified: datetime | None,
) -> None:
    """The accessible HTML page and the EPUB of one version (dated as the same book from
    an earlier run when nothing in it changed, so a re-run rewrites nothing)."""
    from pipeline.publish.epub import EpubAudio, render_epub
    from pipeline.publish.html import AudioLinks, render_html

    links = overlay = None
    if audio is not None and audio.mastered is not None:
        timings = audio.heard_timings
        opening = audio.manifest.get("settings", {}).get("opening") or None
        links = AudioLinks(f"{stem}.mp3", f"{stem}.vtt", timings, opening)
        overlay = EpubAudio(audio.mastered.mp3, timings)
    page = render_html(doc, alternates, glossary=glossary, audio=links, easy=easy, review=review)
    package.write(f"{base}/{stem}.html", page)
    path = package.path(f"{base}/{stem}.epub")
    previous = path.read_bytes() if path.is_file() else None
    book = dated_book(
        lambda when: render_epub(
            doc, glossary, audio=overlay, easy=easy, modified=when, review=review
        ),
        previous,
        modified or run_time(),
    )
    package.write(f"{base}/{stem}.epub", book)


def _write_kits(
    package: Package,
    source: Document,
    translations: dict[str, Document],
    targets: list[str],
    glossary: Glossary,
    mentions: list[Mention],
    drafts: dict[str, dict[str, str]],
) -> None:
    from pipeline.review.xliff import build_kit

    for lang in targets:
        done = translations.get(lang)
        if done is not None:
            texts: dict[str, str] | None = {s.id: s.text for s in done.segments()}
        else:
            texts = drafts.get(lang) or _kit_targets(package, source, lang)
        package.write(f"review/{lang}.xliff", build_kit(source, lang, glossary, mentions, texts))


def _kit_targets(package: Package, source: Document, lang: str) -> dict[str, str] | None:
    """Targets already present in the package's kit for ``lang``, if it fits this source."""
    from pipeline.errors import XliffError
    from pipeline.review.xliff import read_translations

    path = package.path(f"review/{lang}.xliff")
    if not path.is_file():
        return None
    try:
        return read_translations(path.read_bytes(), source, origin=path.name).texts or None
    except XliffError:
        return None  # a kit for an older version of the article: start afresh
