"""Everything the speech stage delivers for one language, as bytes, and ``kuma speak``.

``speech_outputs`` is what ``kuma run`` calls per language: the MP3 (and WAV),
captions and read-aloud script, the manifest entry and one line for the summary.
A language with no usable voice still gets its script, and the entry and the
summary say why there is no audio and what would provide it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.document import Document
from pipeline.errors import OutputError
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.progress import SILENT, Progress
from pipeline.speech.base import SpeechError
from pipeline.speech.captions import caption_cues, render_srt, render_vtt
from pipeline.speech.cues import caption_limits
from pipeline.speech.encode import Tags
from pipeline.speech.master import MasteredAudio, MasterSettings, master_audio
from pipeline.speech.opening import opening_line
from pipeline.speech.pace import Delivery, delivery_pauses
from pipeline.speech.programme import Pauses
from pipeline.speech.provenance import Provenance
from pipeline.speech.script import render_script
from pipeline.speech.select import VoiceOptions
from pipeline.speech.synth import SpeechResult, speak_document
from pipeline.storage import write_atomic


@dataclass(frozen=True)
class SpeechOptions:
    """How to speak and master (``kuma run`` and ``kuma speak`` options)."""

    voice: str = "auto"
    """Voice name, ``auto`` or ``none``."""
    master: MasterSettings = field(default_factory=MasterSettings)
    """Loudness target, true-peak ceiling, rate, bitrate, WAV."""
    pauses: Pauses = field(default_factory=Pauses)
    """Silences between sentences and paragraphs."""
    opening: bool = False
    """Begin with a line saying the text is a translation and how it was made."""
    voice_options: VoiceOptions = field(default_factory=dict)
    """Options per voice name (``{"mms": {"model": path}}``)."""
    delivery: Delivery = Delivery.NEWS
    """How the text is read out: ``EASY`` slower, with longer pauses, and captions read slower."""

    def for_easy(self) -> SpeechOptions:
        """The same options for an easy-to-read version."""
        return replace(self, delivery=Delivery.EASY)

    @property
    def spoken_pauses(self) -> Pauses:
        """The pauses as this delivery lays them (longer for easy-to-read versions)."""
        return delivery_pauses(self.pauses, self.delivery)


@dataclass
class AudioOutputs:
    """One language's speech deliverables."""

    lang: str
    """Language code."""
    files: dict[str, bytes | str] = field(default_factory=dict)
    """File name (``article.mp3``, ``script.html``...) -> content, for the caller to write."""
    manifest: dict[str, Any] = field(default_factory=dict)
    """The ``audio`` entry of the language in the manifest."""
    summary: str = ""
    """One line for the run's summary."""
    speech: SpeechResult | None = None
    """The synthesis itself (clips, timings)."""
    mastered: MasteredAudio | None = None
    """The mastered audio and its figures, when there is audio."""

    @property
    def heard_timings(self) -> dict[str, tuple[float, float]]:
        """Segment id -> (start, end) in the MP3 as played (codec delay included): what
        captions and EPUB media overlays should use."""
        if self.speech is None or self.mastered is None:
            return {}
        return shifted(self.speech.timings, self.mastered.delay_s)


def speech_outputs(
    doc: Document,
    glossary: Glossary | None,
    options: SpeechOptions,
    source_lang: str = "en",
    means: str = "human",
    version_label: str = "",
) -> AudioOutputs:
    """Speak, master, caption and script ``doc``.

    ``means`` says how the text came to be (``human`` or ``machine`` translation from
    ``source_lang``, or ``source`` for an original): the opening line and the MP3's
    comment say it.  ``version_label`` names the version in the title tags (``version
    facile à lire``), so that it is told apart from the article.
    """
    opening = opening_line(doc.lang, source_lang, means) if options.opening else None
    speech = speak_document(doc, glossary, options.voice, options.spoken_pauses, opening,
                            options.voice_options, options.delivery)
    if options.opening and opening is None:
        speech.notes.append(f"no opening line is worded for {get_language(doc.lang).name}")
    notice = None if speech.has_audio else speech.reason
    script = render_script(doc, glossary, notice=notice, pauses=options.spoken_pauses)
    out = AudioOutputs(doc.lang, {"script.html": script.html, "script.txt": script.text},
                       speech=speech)
    figures = {"script": {"words": script.words, "reading_seconds": script.reading_seconds}}
    if not speech.has_audio:
        out.manifest = {"status": "none", "reason": speech.reason, **figures}
        out.summary = f"no audio: {speech.reason}; read-aloud script written"
        return out
    tags = _tags(doc, speech, options, Provenance(means, source_lang), version_label)
    return _with_audio(out, doc, glossary, opening, options, tags, figures)


def _with_audio(
    out: AudioOutputs,
    doc: Document,
    glossary: Glossary | None,
    opening: str | None,
    options: SpeechOptions,
    tags: Tags,
    figures: dict[str, Any],
) -> AudioOutputs:
    """``out`` with the mastered audio, its captions, manifest entry and summary."""
    speech = out.speech
    assert speech is not None and speech.samples is not None
    mastered = master_audio(speech.samples, speech.rate, options.master, tags)
    if mastered.note:
        speech.notes.append(mastered.note)
    out.mastered = mastered
    limits = caption_limits(doc.lang, options.delivery)
    cues = caption_cues(doc, speech.clips, out.heard_timings, glossary, limits, opening,
                        end=mastered.duration_s + mastered.delay_s)
    out.files.update({"article.mp3": mastered.mp3, "article.vtt": render_vtt(cues, doc.lang),
                      "article.srt": render_srt(cues, doc.lang)})
    if mastered.wav is not None:
        out.files["article.wav"] = mastered.wav
    out.manifest = {
        "status": "produced", "voice": speech.voice, "voice_version": speech.version,
        "settings": {**options.master.to_dict(), **speech.settings, "opening": opening or ""},
        "title": tags.title, "comment": tags.comment,
        **mastered.to_dict(), "cues": len(cues), "notes": speech.notes, **figures,
        "pace": speech_pace(doc, speech),
    }
    minutes, seconds = divmod(int(round(mastered.duration_s)), 60)
    notes = "".join(f"; {note}" for note in speech.notes)
    out.summary = (f"audio {minutes}:{seconds:02d} by {speech.voice}, "
                   f"{mastered.loudness_lufs:.1f} LUFS, {mastered.true_peak_dbtp:.1f} dBTP{notes}")
    return out


Timings = dict[str, tuple[float, float]]


def speech_pace(doc: Document, speech: SpeechResult) -> dict[str, float]:
    """Words a minute as measured: words of the published text per second of speech (the
    pauses between sentences left out), and per second of the whole programme."""
    texts = {s.id: s.text for s in doc.segments()}
    words = sum(count_words(texts.get(c.segment, "")) for c in speech.clips)
    speaking = sum(c.clip.duration for c in speech.clips if c.segment in texts)
    if not words or not speaking or not speech.duration:
        return {}
    return {"words": words, "words_per_minute": round(words / speaking * 60, 1),
            "words_per_minute_with_pauses": round(words / speech.duration * 60, 1)}


def count_words(text: str) -> int:
    """Words of ``text``: runs of non-spaces with a letter or a digit."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def shifted(timings: Timings, delay: float) -> Timings:
    """``timings`` moved ``delay`` seconds later: when the MP3's codec delay makes them heard."""
    return {key: (start + delay, end + delay) for key, (start, end) in timings.items()}


def _tags(
    doc: Document,
    speech: SpeechResult,
    options: SpeechOptions,
    provenance: Provenance,
    version_label: str,
) -> Tags:
    made = provenance.describe(doc.lang, easy=options.delivery is Delivery.EASY)
    comment = (
        f"Made by Kuma {__version__}: {made}, spoken by {speech.version}, loudness "
        f"{options.master.loudness:g} LUFS (ITU-R BS.1770), true peak max "
        f"{options.master.max_true_peak:g} dBTP"
    )
    title = f"{doc.title} ({version_label})" if version_label else doc.title
    return Tags(title=title, lang=doc.lang, source=doc.source_name, comment=comment)


@dataclass
class SpokenFile:
    """What ``kuma speak`` wrote and measured."""

    written: list[Path]
    """Files written, MP3 first."""
    outputs: AudioOutputs
    """The deliverables and their figures."""


def speak_file(
    path: Path,
    lang: str,
    out: Path,
    options: SpeechOptions,
    glossary: Glossary | None = None,
    captions: bool = False,
    progress: Progress = SILENT,
) -> SpokenFile:
    """Speak the text file ``path`` (in ``lang``) into the MP3 ``out``; with ``captions``,
    also ``out`` with ``.vtt`` and ``.srt``; with ``options.master.wav``, ``.wav``."""
    from pipeline.ingest import read_document

    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {out}: the folder {folder} does not exist")
    language = get_language(lang)
    progress.step(f"{path.name}: speaking {language.name}")
    doc = read_document(path, glossary, lang=language.code)
    outputs = speech_outputs(doc, glossary, options, source_lang=doc.lang, means="source")
    if outputs.mastered is None:
        raise SpeechError(outputs.speech.reason if outputs.speech else "no audio")
    wanted = {out: "article.mp3", out.with_suffix(".wav"): "article.wav"}
    if captions:
        wanted |= {out.with_suffix(".vtt"): "article.vtt", out.with_suffix(".srt"): "article.srt"}
    written = []
    for target, name in wanted.items():
        if name in outputs.files:
            try:
                write_atomic(target, outputs.files[name])
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
            written.append(target)
    return SpokenFile(written, outputs)
