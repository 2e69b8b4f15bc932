"""Rendering every publication of a package from its documents.

Per language (the source included): the text, its easy-to-read version, audio with
captions and a read-aloud script, accessible HTML and EPUB 3 for both versions; per
target language an XLIFF kit.  Everything derives from the documents, so
``kuma publish`` and ``kuma xliff import`` re-render with the same function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.document import Document
from pipeline.glossary import Glossary, Mention
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
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
    audio = _speak(doc, glossary, options, source_lang, _means(doc, source_lang))
    if audio is not None:
        _write_audio(package, base, "article", audio, with_script=True)
        edition.audio, edition.audio_summary = audio.manifest, audio.summary
    _write_book(package, base, "article", doc, glossary, alternates, audio, easy=False)
    if easy is not None:
        easy_doc = easy.to_document()
        package.write(f"{base}/easy.json", easy.to_json())
        package.write(f"{base}/easy.txt", render_text(easy_doc))
        edition.easy = easy.summary()
        easy_audio = _speak(easy_doc, glossary, options, source_lang, _means(doc, source_lang),
                            easy=True)
        if easy_audio is not None:
            _write_audio(package, base, "easy", easy_audio, with_script=False)
            edition.easy_audio = easy_audio.manifest
        _write_book(package, base, "easy", easy_doc, glossary, alternates, easy_audio, easy=True)
    return edition


def _speak(
    doc: Document,
    glossary: Glossary,
    options: PublishOptions,
    source_lang: str,
    means: str,
    easy: bool = False,
) -> AudioOutputs | None:
    """The audio of one version: the article at a newsreader's pace, the easy-to-read version
    slower and titled as such.  ``means`` says how the article's text was made."""
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
    label = ""
    if easy:
        from pipeline.publish.ui import wording

        speech, text = speech.for_easy(), wording("easy_link", doc.lang).text
        label = text[:1].lower() + text[1:]  # "(easy-to-read version)" after the title
    return speech_outputs(doc, glossary, speech, source_lang=source_lang, means=means,
                          version_label=label)


def _means(doc: Document, source_lang: str) -> str:
    """How the article's text was made: ``source``, or a ``human`` or ``machine`` translation."""
    if doc.lang == source_lang:
        return "source"
    origins = {s.provenance or "" for s in doc.segments()}
    return "human" if origins <= {"human", "source", "glossary"} else "machine"


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
) -> None:
    """The accessible HTML page and the EPUB of one version."""
    from pipeline.publish.epub import EpubAudio, render_epub
    from pipeline.publish.html import AudioLinks, render_html

    links = overlay = None
    if audio is not None and audio.mastered is not None:
        timings = audio.heard_timings
        opening = audio.manifest.get("settings", {}).get("opening") or None
        links = AudioLinks(f"{stem}.mp3", f"{stem}.vtt", timings, opening)
        overlay = EpubAudio(audio.mastered.mp3, timings)
    page = render_html(doc, alternates, glossary=glossary, audio=links, easy=easy)
    package.write(f"{base}/{stem}.html", page)
    package.write(f"{base}/{stem}.epub", render_epub(doc, glossary, audio=overlay, easy=easy))


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
