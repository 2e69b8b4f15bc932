"""The publications of a package, stage after stage: simplify, speak, publish, kits.

``produce`` is called by every use case that changes a package (run, publish,
import).  Each stage runs for every language before the next begins, and each is
given what the one before made: the simplify stage the documents, the speech stage
the documents and their easy versions, the publish stage all of that.  What a stage
makes is cached by the hash of what it is made from (easy versions here, clips and
programmes in the speech stage), so an unchanged re-run does no work again and a
correction redoes only what depends on it; ``Redone`` counts both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline.document import Document
from pipeline.glossary import Glossary, Mention
from pipeline.manifest import Edition, Manifest
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
from pipeline.storage import Cache
from pipeline.usecases.options import PublishSettings
from pipeline.usecases.results import Published, Redone

if TYPE_CHECKING:
    from concurrent.futures import Future

    from pipeline.publish.status import ReviewStatus
    from pipeline.simplify import EasyDocument
    from pipeline.speech.outputs import AudioOutputs, Speaker, SpeechOptions, SpeechRequest

SOURCE_DIR = "source"
"""The package folder of the original article."""
EASY_CACHE = "easy"
"""Cache kind of easy-to-read versions."""
EASY_CACHE_VERSION = 1
"""Bumped when what is stored for an easy-to-read version changes (the rules' own changes
are in ``simplify.rules_fingerprint``)."""


def folder(lang: str, source_lang: str) -> str:
    """The package folder of one language: ``source`` for the original."""
    return SOURCE_DIR if lang == source_lang else lang


@dataclass
class Job:
    """Everything the stages need to make a package's publications."""

    package: Package
    source: Document
    translations: dict[str, Document]
    """The produced translations, by language."""
    targets: list[str]
    """Every requested target language (those without a translation get a kit)."""
    glossary: Glossary
    mentions: list[Mention]
    settings: PublishSettings
    manifest: Manifest
    """The package's manifest (review states and sign-offs come from it)."""
    cache: Cache
    drafts: dict[str, dict[str, str]] = field(default_factory=dict)
    """A translator's partial work just imported, by language: kept in the kits."""
    progress: Progress = SILENT
    redone: Redone = field(default_factory=Redone)

    @property
    def documents(self) -> dict[str, Document]:
        """The source and every translation, by language."""
        return {self.source.lang: self.source, **self.translations}


@dataclass
class Version:
    """One language's publications-to-be: its document, easy version and audio."""

    doc: Document
    review: ReviewStatus
    easy: EasyDocument | None = None
    audio: AudioOutputs | None = None
    easy_audio: AudioOutputs | None = None


def produce(job: Job, modified: datetime | None = None) -> dict[str, Published]:
    """Make every publication of every language and a kit per target, in stage order;
    everything is staged in ``job.package`` (nothing is written until it commits)."""
    from pipeline.publish.dates import run_time

    versions = {lang: Version(doc, _review(job, doc)) for lang, doc in job.documents.items()}
    if job.settings.easy:
        _simplify_stage(job, versions)
    speech = speech_options(job.settings)
    if speech is not None:
        from pipeline.speech.outputs import Speaker

        with Speaker(job.cache) as speaker:
            spoken = _speech_stage(job, versions, speech, speaker, easy=False)
            spoken += _speech_stage(job, versions, speech, speaker, easy=True)
            _heard(job, spoken)
    _publish_stage(job, versions, modified or run_time())
    _kits_stage(job)
    return {lang: _published(version) for lang, version in versions.items()}


# -- simplify ----------------------------------------------------------------------------


def _simplify_stage(job: Job, versions: dict[str, Version]) -> None:
    for lang, version in versions.items():
        job.progress.step(f"{job.source.source_name}: easy-to-read version ({lang})")
        version.easy = easy_version(version.doc, job.glossary, job.cache, job.redone)


def easy_version(doc: Document, glossary: Glossary, cache: Cache, redone: Redone) -> EasyDocument:
    """The easy-to-read version of ``doc``, from the cache when it was made before."""
    from pipeline.simplify import EasyDocument, rules_fingerprint, simplify_document

    key = Cache.key(EASY_CACHE_VERSION, rules_fingerprint(), doc.to_dict(), glossary.version)
    kept = cache.get(EASY_CACHE, key)
    if kept is not None:
        try:
            easy = EasyDocument.from_json(kept.decode("utf-8"))
            redone.count(f"easy:{doc.lang}", made=False)
            return easy
        except (ValueError, KeyError, TypeError):
            pass  # an entry from another version of Kuma: make it again
    easy = simplify_document(doc, glossary, cache)
    cache.put(EASY_CACHE, key, easy.to_json().encode("utf-8"))
    redone.count(f"easy:{doc.lang}", made=True)
    return easy


# -- speech ------------------------------------------------------------------------------


def speech_options(settings: PublishSettings) -> SpeechOptions | None:
    """The speech stage's options; None when no audio was asked for."""
    if settings.voice is None:
        return None
    from pipeline.speech.formats import master_settings
    from pipeline.speech.master import parse_loudness
    from pipeline.speech.outputs import SpeechOptions

    master = master_settings(settings.format, parse_loudness(settings.loudness), settings.wav)
    return SpeechOptions(voice=settings.voice, master=master, opening=settings.opening)


def check_voice(settings: PublishSettings, langs: list[str]) -> None:
    """Refuse, before any work, a voice that is unknown or does not speak a language."""
    from pipeline.speech.formats import master_settings
    from pipeline.speech.master import parse_loudness
    from pipeline.speech.select import choose_voice

    master_settings(settings.format, parse_loudness(settings.loudness), settings.wav)
    if settings.voice is None:
        return
    for lang in langs:
        choose_voice(settings.voice, lang)


def _speech_stage(
    job: Job, versions: dict[str, Version], speech: SpeechOptions, speaker: Speaker, easy: bool
) -> list[tuple[Version, bool, Future[AudioOutputs]]]:
    """Every language's article (or easy-to-read version) spoken in order; the
    recordings are mastered by ``speaker`` in the background (``_heard`` collects them)."""
    from pipeline.publish.status import origin_of

    chosen = [v for v in versions.values() if not easy or v.easy is not None]
    if chosen:
        kind = "easy-to-read versions" if easy else "articles"
        langs = ", ".join(v.doc.lang for v in chosen)
        job.progress.step(f"{job.source.source_name}: speaking {kind} ({langs})")
    spoken = []
    for version in chosen:
        means = origin_of(version.doc, job.source.lang).value  # the article's, for both
        if easy:
            assert version.easy is not None
            request = _request(job, version.easy.to_document(), speech, means, version.review,
                               True)
        else:
            request = _request(job, version.doc, speech, means, version.review)
        spoken.append((version, easy, speaker.speak(request)))
    return spoken


def _heard(job: Job, spoken: list[tuple[Version, bool, Future[AudioOutputs]]]) -> None:
    """The mastered recordings, each given to its version and counted."""
    for version, easy, future in spoken:
        audio = future.result()
        _count(job, audio, easy)
        if easy:
            version.easy_audio = audio
        else:
            version.audio = audio


def _request(
    job: Job,
    doc: Document,
    speech: SpeechOptions,
    means: str,
    review: ReviewStatus,
    easy: bool = False,
) -> SpeechRequest:
    """What to speak for one version: the article at a newsreader's pace, the easy-to-read
    version slower and titled as such; its tags say what people checked (``review``)."""
    from pipeline.speech.base import get_voice
    from pipeline.speech.outputs import SpeechRequest

    source_lang = job.source.lang
    # The chosen voice is for the target languages; the original is spoken by the best
    # voice for it when the chosen one cannot speak it (MMS has no English).
    if (
        doc.lang == source_lang
        and speech.voice != "auto"
        and doc.lang not in get_voice(speech.voice).languages()
    ):
        speech = replace(speech, voice="auto")
    label = ""
    if easy:
        from pipeline.publish.ui import wording

        speech, text = speech.for_easy(), wording("easy_link", doc.lang).text
        label = text[:1].lower() + text[1:]  # "(easy-to-read version)" after the title
    return SpeechRequest(doc, job.glossary, speech, source_lang, means, label,
                         _who(review.reviewed), _who(review.readers))


def _count(job: Job, audio: AudioOutputs, easy: bool) -> None:
    """What the speech stage made and reused, for the summary."""
    prefix = "easy " if easy else ""
    if audio.speech is not None:
        job.redone.count(f"{prefix}clips:{audio.lang}", made=True, n=audio.speech.clips_made)
        job.redone.count(f"{prefix}clips:{audio.lang}", made=False, n=audio.speech.clips_reused)
    if audio.mastered is not None:
        job.redone.count(f"{prefix}audio:{audio.lang}", made=audio.mastered_again)


# -- publish -----------------------------------------------------------------------------


def _publish_stage(job: Job, versions: dict[str, Version], modified: datetime) -> None:
    from pipeline.publish.html import Alternate
    from pipeline.publish.text import render_text

    source_lang = job.source.lang
    alternates = [Alternate(lang, f"../{folder(lang, source_lang)}/article.html")
                  for lang in versions]
    alternates += [Alternate(lang, f"../{folder(lang, source_lang)}/easy.html", easy=True)
                   for lang, version in versions.items() if version.easy is not None]
    for lang, version in versions.items():
        job.progress.step(f"{job.source.source_name}: publishing {lang}")
        base = folder(lang, source_lang)
        job.package.write(f"{base}/article.json", version.doc.to_json())
        job.package.write(f"{base}/article.txt", render_text(version.doc))
        _write_audio(job.package, base, "article", version.audio)
        _write_script(job, base, version)
        _write_book(job, base, "article", version.doc, alternates, version.audio, version,
                    modified)
        if version.easy is not None:
            easy_doc = version.easy.to_document()
            job.package.write(f"{base}/easy.json", version.easy.to_json())
            job.package.write(f"{base}/easy.txt", render_text(easy_doc))
            _write_audio(job.package, base, "easy", version.easy_audio)
            _write_book(job, base, "easy", easy_doc, alternates, version.easy_audio, version,
                        modified)


def _write_audio(package: Package, base: str, stem: str, audio: AudioOutputs | None) -> None:
    """The MP3 (WAV) and captions of one version."""
    if audio is None:
        return
    for name, content in audio.files.items():
        package.write(f"{base}/{stem}{name.removeprefix('article')}", content)


def _write_script(job: Job, base: str, version: Version) -> None:
    """The read-aloud script of the article, for a presenter: always written when the
    speech stage runs, and the one thing to read on air where there is no voice."""
    from pipeline.publish.script import NoAudio, render_script

    audio = version.audio
    no_audio = None
    if audio is None:
        no_audio = NoAudio.NOT_RECORDED  # no audio was asked for
    elif audio.mastered is None:
        no_audio = NoAudio.NO_VOICE  # the technical reason goes to the terminal summary
    speech = audio.speech if audio is not None else None
    pauses = _pauses(speech.settings.get("pauses") if speech is not None else None)
    script = render_script(version.doc, job.glossary, no_audio=no_audio, pauses=pauses,
                           review=version.review)
    job.package.write(f"{base}/script.html", script.html)
    job.package.write(f"{base}/script.txt", script.text)
    if audio is not None:
        audio.manifest["script"] = {"words": script.words,
                                    "reading_seconds": script.reading_seconds}
        if audio.mastered is None:
            audio.summary += "; read-aloud script written"


def _pauses(settings: Any) -> Any:
    from pipeline.speech.programme import Pauses

    if not isinstance(settings, dict):
        return Pauses()
    try:
        return Pauses(**settings)
    except TypeError:
        return Pauses()


def _write_book(
    job: Job,
    base: str,
    stem: str,
    doc: Document,
    alternates: list[Any],
    audio: AudioOutputs | None,
    version: Version,
    modified: datetime,
) -> None:
    """The accessible HTML page and the EPUB of one version (dated as the same book from
    an earlier run when nothing in it changed, so a re-run rewrites nothing)."""
    from pipeline.publish.dates import dated_book
    from pipeline.publish.epub import EpubAudio, render_epub
    from pipeline.publish.html import AudioLinks, render_html

    easy = stem == "easy"
    links = overlay = None
    if audio is not None and audio.mastered is not None:
        timings = audio.heard_timings
        opening = audio.manifest.get("settings", {}).get("opening") or None
        links = AudioLinks(f"{stem}.mp3", f"{stem}.vtt", timings, opening)
        overlay = EpubAudio(audio.mastered.mp3, timings)
    page = render_html(doc, alternates, glossary=job.glossary, audio=links, easy=easy,
                       review=version.review)
    job.package.write(f"{base}/{stem}.html", page)
    book = dated_book(
        lambda when: render_epub(doc, job.glossary, audio=overlay, easy=easy, modified=when,
                                 review=version.review),
        job.package.read(f"{base}/{stem}.epub"),
        modified,
    )
    job.package.write(f"{base}/{stem}.epub", book)


# -- kits --------------------------------------------------------------------------------


def _kits_stage(job: Job) -> None:
    """An XLIFF kit per target language: with the translation when there is one, else a
    translator's partial work (just imported, or already in the package's kit), each
    segment in the state a person left it (``reviewed``, ``final``)."""
    from pipeline.xliff import build_kit

    for lang in job.targets:
        texts, states = _kit_contents(job, lang)
        kit = build_kit(job.source, lang, job.glossary, job.mentions, texts, states=states)
        job.package.write(f"review/{lang}.xliff", kit)


def _kit_contents(job: Job, lang: str) -> tuple[dict[str, str] | None, dict[str, str]]:
    """The targets of ``lang``'s kit and their states (as the manifest records them)."""
    entry = job.manifest.languages.get(lang)
    states = dict(entry.states) if entry is not None else {}
    done = job.translations.get(lang)
    if done is not None:
        return {s.id: s.text for s in done.segments()}, states
    if job.drafts.get(lang):
        return job.drafts[lang], states
    return _kit_targets(job, lang)


def _kit_targets(job: Job, lang: str) -> tuple[dict[str, str] | None, dict[str, str]]:
    """Targets and states already in the package's kit for ``lang``, if it fits this source."""
    from pipeline.errors import XliffError
    from pipeline.xliff import read_translations

    data = job.package.read(f"review/{lang}.xliff")
    if data is None:
        return None, {}
    try:
        kept = read_translations(data, job.source, origin=f"{lang}.xliff")
    except XliffError:
        return None, {}  # a kit for an older version of the article: start afresh
    return kept.texts or None, kept.states


# -- review status -----------------------------------------------------------------------


def _review(job: Job, doc: Document) -> ReviewStatus:
    """What a person has checked of ``doc``'s language, as the manifest records it."""
    return review_status(job.manifest, doc, job.source.lang)


def review_status(manifest: Manifest, doc: Document, source_lang: str) -> ReviewStatus:
    """What people have checked of ``doc`` (a version in its language), as ``manifest``
    records it: the translation reviewed, the easy version checked with readers, the
    accessibility approved."""
    from pipeline.publish.status import ReviewStatus, SignOff, origin_of

    def sign_off(record: Any) -> SignOff | None:
        if record is None:
            return None
        return SignOff(by=record.by, on=_day(record.date))

    entry = manifest.languages.get(doc.lang)
    approval = manifest.approval
    return ReviewStatus(
        origin=origin_of(doc, source_lang),
        reviewed=sign_off(entry.reviewed) if entry is not None else None,
        readers=sign_off(manifest.readers.get(doc.lang)),
        approved_by=approval.by if approval is not None else "",
        checks=tuple(manifest.checks.get(doc.lang, ())),
    )


def _who(sign_off: Any) -> str | None:
    """A sign-off as plain text for the speech stage: ``Awa Traoré, 2026-03-01``, ``""``
    when neither was recorded, None when there is no sign-off."""
    if sign_off is None:
        return None
    return ", ".join(part for part in (sign_off.by.strip(), _iso(sign_off.on)) if part)


def _iso(day: Any) -> str:
    return day.isoformat() if day is not None else ""


def _day(text: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _published(version: Version) -> Published:
    edition = Edition()
    summary = ""
    if version.audio is not None:
        edition.audio, summary = version.audio.manifest, version.audio.summary
    if version.easy is not None:
        edition.easy = version.easy.summary()
    if version.easy_audio is not None:
        edition.easy_audio = version.easy_audio.manifest
    return Published(edition, summary)
