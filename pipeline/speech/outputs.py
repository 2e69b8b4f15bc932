"""Everything the speech stage delivers for one version of a text, as bytes.

``speech_outputs`` is what the run calls per language and version: the MP3 (and
WAV) and captions, the manifest entry and one line for the summary.  A text with no
usable voice gets no audio, and the entry and the summary say why and what would
provide it (its read-aloud script, a publication, is made by the publish stage).
Clips and mastered programmes are cached by what they are made from, so an
unchanged text is never spoken or mastered twice.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline import __version__
from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.speech.captions import caption_cues, render_srt, render_vtt
from pipeline.speech.cues import caption_limits
from pipeline.speech.encode import Tags
from pipeline.speech.master import MasteredAudio, MasterSettings, master_audio
from pipeline.speech.meter import LoudnessReport
from pipeline.speech.opening import opening_line
from pipeline.speech.pace import Delivery, delivery_pauses
from pipeline.speech.programme import Pauses
from pipeline.speech.provenance import Provenance
from pipeline.speech.select import VoiceOptions
from pipeline.speech.synth import SpeechResult, speak_document
from pipeline.storage import Cache, code_fingerprint


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
    """File name (``article.mp3``, ``article.vtt``...) -> content, for the caller to write."""
    manifest: dict[str, Any] = field(default_factory=dict)
    """The ``audio`` entry of the language in the manifest."""
    summary: str = ""
    """One line for the run's summary."""
    speech: SpeechResult | None = None
    """The synthesis itself (clips, timings)."""
    mastered: MasteredAudio | None = None
    """The mastered audio and its figures, when there is audio."""
    mastered_again: bool = False
    """True when the programme was mastered this time (not taken from the cache)."""
    programme_key: str = ""
    """The cache key of the mastered programme (empty without a cache)."""

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
    cache: Cache | None = None,
    reviewed: str | None = None,
    readers: str | None = None,
) -> AudioOutputs:
    """Speak, master and caption ``doc``.

    ``means`` says how the text came to be (``human`` or ``machine`` translation from
    ``source_lang``, or ``source`` for an original): the opening line and the MP3's
    comment say it.  ``reviewed`` and ``readers`` say who checked the translation and the
    easy-to-read version (``Provenance``), in the comment too.  ``version_label`` names
    the version in the title tags (``version facile à lire``), so that it is told apart
    from the article.  ``cache`` keeps clips and mastered programmes.
    """
    request = SpeechRequest(doc, glossary, options, source_lang, means, version_label,
                            reviewed, readers)
    return speak_versions([request], cache, threads=1)[0]


@dataclass(frozen=True)
class SpeechRequest:
    """One version of a text to speak (see ``speech_outputs`` for the fields)."""

    doc: Document
    glossary: Glossary | None
    options: SpeechOptions
    source_lang: str = "en"
    means: str = "human"
    version_label: str = ""
    reviewed: str | None = None
    """Who reviewed the translation and when; None when no person reviewed all of it."""
    readers: str | None = None
    """Who checked the easy-to-read version with readers; None: it is a draft."""

    @property
    def provenance(self) -> Provenance:
        """How the text came to be and who checked it, as the MP3's comment says it."""
        return Provenance(self.means, self.source_lang, self.reviewed, self.readers)


MASTERING_THREADS = 2
"""Recordings mastered at once: mastering (numpy, scipy, LAME) runs outside Python's lock,
so two threads take half the time on two cores."""
THREADS_VARIABLE = "KUMA_THREADS"
"""Environment variable that sets how many recordings are mastered at once (a batch sets
it to 1 in each worker: there, parallelism comes from the workers, one per core)."""


def mastering_threads() -> int:
    """``KUMA_THREADS`` when it is a whole number of at least 1, else ``MASTERING_THREADS``."""
    value = os.environ.get(THREADS_VARIABLE, "").strip()
    return int(value) if value.isdigit() and int(value) >= 1 else MASTERING_THREADS


def speak_versions(
    requests: list[SpeechRequest], cache: Cache | None = None, threads: int | None = None
) -> list[AudioOutputs]:
    """The deliverables of every request, in order (see ``Speaker``)."""
    with Speaker(cache, threads) as speaker:
        pending = [speaker.speak(request) for request in requests]
        return [future.result() for future in pending]


class Speaker:
    """Speaks versions in the order they are given and masters them in the background.

    ``speak`` synthesises at once, on the caller's thread (a voice's output may depend
    on what it said before, so the order stays the one the caller gives), and returns a
    future of the deliverables: the recording is mastered and captioned by one of
    ``threads`` background threads (default: ``mastering_threads()``), so the caller can
    go on (synthesise the next version, or write an easy-to-read version) meanwhile.
    With one thread, everything is done in ``speak`` itself (a batch worker: one core
    each).  A version found whole in the cache is taken from it.  Closing waits for the
    recordings being mastered.
    """

    def __init__(self, cache: Cache | None = None, threads: int | None = None) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.cache = cache
        threads = mastering_threads() if threads is None else max(1, threads)
        self._pool = ThreadPoolExecutor(threads, "kuma-master") if threads > 1 else None
        self._warm = False

    def speak(self, request: SpeechRequest) -> Future[AudioOutputs]:
        """The deliverables of ``request``, to come."""
        key = _outputs_key(request.doc, request.glossary, request.options, request.provenance,
                           request.version_label)
        found = _from_cache(self.cache, key, request.doc.lang)
        if found is not None:
            return _settled(lambda: found)
        spoken = _synthesise(request, self.cache)
        if self._pool is None or spoken.out.speech is None or not spoken.out.speech.has_audio:
            return _settled(lambda: self._finish(request, key, spoken))
        if not self._warm:
            _import_mastering()  # here, not in two threads at once
            self._warm = True
        return self._pool.submit(self._finish, request, key, spoken)

    def _finish(self, request: SpeechRequest, key: str | None, spoken: _Spoken) -> AudioOutputs:
        out = _finish(request, spoken, self.cache)
        if self.cache is not None and key is not None and out.programme_key:
            self.cache.put(OUTPUTS_CACHE, key, _outputs_to_bytes(out))
        return out

    def close(self) -> None:
        """Wait for the recordings being mastered (those not begun are dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _settled(work: Callable[[], AudioOutputs]) -> Future[AudioOutputs]:
    """A future already done with what ``work`` returns or raises."""
    future: Future[AudioOutputs] = Future()
    try:
        future.set_result(work())
    except BaseException as error:  # noqa: BLE001  # handed to whoever asks for the result
        future.set_exception(error)
    return future


def _import_mastering() -> None:
    """The libraries mastering imports when first used (scipy's filters, pyloudnorm),
    imported before two threads can both start importing them."""
    import pyloudnorm  # noqa: F401
    import scipy.ndimage  # noqa: F401
    import scipy.signal  # noqa: F401


def _from_cache(cache: Cache | None, key: str | None, lang: str) -> AudioOutputs | None:
    if cache is None or key is None:
        return None
    kept = cache.get(OUTPUTS_CACHE, key)
    return _outputs_from_bytes(kept, lang, cache) if kept is not None else None


OUTPUTS_CACHE = "audio"
"""Cache kind of a version's whole audio deliverables (MP3, WAV, captions, figures)."""
OUTPUTS_CACHE_VERSION = 1
SPEECH_CODE = (
    "__init__.py", "speech", "glossary", "document.py", "segment.py", "langs.py", "dist:num2words",
    "dist:bambara-text-normalizer", "dist:uroman", "dist:piper-tts", "dist:numpy",
    "dist:scipy", "dist:pyloudnorm", "dist:lameenc", "dist:mutagen", "dist:soundfile",
)
"""What a version's audio outputs (captions, figures, files) are made by, besides the
voice (``storage.code_fingerprint``): a change of this code never serves old outputs."""
MASTER_CODE = (
    "__init__.py", "speech/master.py", "speech/encode.py", "speech/bwf.py",
    "speech/loudness.py", "speech/meter.py", "speech/programme.py", "speech/base.py",
    "dist:numpy", "dist:scipy", "dist:pyloudnorm",
    "dist:lameenc", "dist:mutagen", "dist:soundfile",
)
"""What a programme is mastered and encoded by."""
"""Bumped when what the speech stage delivers from the same input changes."""


def _outputs_key(
    doc: Document,
    glossary: Glossary | None,
    options: SpeechOptions,
    provenance: Provenance,
    version_label: str,
) -> str | None:
    """Everything a version's audio is made from: the text, the glossary (pronunciations),
    the voice that will speak it with its version and pace, the settings, and what its tags
    say.  None for an online voice (it may fail and fall back) or when no voice can speak
    the text."""
    from pipeline.speech.pace import paced
    from pipeline.speech.select import choose_voice

    choice = choose_voice(options.voice, doc.lang, options.voice_options)
    if choice.voice is None or choice.voice.needs_network:
        return None
    voice, _ = paced(choice.voice, options.delivery)
    return Cache.key(
        OUTPUTS_CACHE_VERSION, code_fingerprint(*SPEECH_CODE), doc.to_dict(),
        glossary.version if glossary else "",
        voice.name, voice.version(doc.lang), options.master.to_dict(),
        options.spoken_pauses.to_dict(), options.opening, options.delivery.value,
        provenance.source_lang, provenance.means, version_label, provenance.reviewed,
        provenance.readers,
    )


def _outputs_to_bytes(out: AudioOutputs) -> bytes:
    """The deliverables as a small entry: the captions and figures, and the key of the
    mastered programme, which the ``programmes`` cache keeps (never the audio twice)."""
    assert out.speech is not None and out.mastered is not None
    head = {
        "manifest": out.manifest,
        "summary": out.summary,
        "voice": out.speech.voice,
        "version": out.speech.version,
        "timings": out.speech.timings,
        "settings": out.speech.settings,
        "clips": len(out.speech.clips),
        "programme": out.programme_key,
        "audio": {name: "mp3" if content is out.mastered.mp3 else "wav"
                  for name, content in out.files.items()
                  if content is out.mastered.mp3 or content is out.mastered.wav},
        "text": {name: content for name, content in out.files.items()
                 if isinstance(content, str)},
    }
    return json.dumps(head, ensure_ascii=False).encode("utf-8")


def _outputs_from_bytes(data: bytes, lang: str, cache: Cache) -> AudioOutputs | None:
    try:
        head = json.loads(data.decode("utf-8"))
        kept = cache.get(MASTER_CACHE, str(head["programme"]))
        mastered = _mastered_from_bytes(kept) if kept is not None else None
        if mastered is None:
            return None  # the programme was evicted: make the deliverables again
        files: dict[str, bytes | str] = dict(head["text"])
        for name, kind in head["audio"].items():
            audio = mastered.mp3 if kind == "mp3" else mastered.wav
            if audio is None:
                return None
            files[name] = audio
        timings = {k: (float(a), float(b)) for k, (a, b) in head["timings"].items()}
        speech = SpeechResult(lang, voice=head["voice"], version=head["version"],
                              settings=head["settings"], timings=timings,
                              clips_reused=int(head["clips"]))
        return AudioOutputs(lang, files, head["manifest"], head["summary"], speech, mastered,
                            programme_key=str(head["programme"]))
    except (UnicodeDecodeError, KeyError, ValueError, TypeError, AttributeError):
        return None


@dataclass
class _Spoken:
    """A version synthesised, waiting to be mastered."""

    out: AudioOutputs
    opening: str | None


def _synthesise(request: SpeechRequest, cache: Cache | None) -> _Spoken:
    doc, options = request.doc, request.options
    opening = (opening_line(doc.lang, request.source_lang, request.means)
               if options.opening else None)
    speech = speak_document(doc, request.glossary, options.voice, options.spoken_pauses,
                            opening, options.voice_options, options.delivery, cache)
    if options.opening and opening is None:
        speech.notes.append(f"no opening line is worded for {get_language(doc.lang).name}")
    return _Spoken(AudioOutputs(doc.lang, speech=speech), opening)


def _finish(request: SpeechRequest, spoken: _Spoken, cache: Cache | None) -> AudioOutputs:
    """Mastered and captioned, or the reason there is no audio."""
    out, speech = spoken.out, spoken.out.speech
    assert speech is not None
    if not speech.has_audio:
        out.manifest = {"status": "none", "reason": speech.reason}
        out.summary = f"no audio: {speech.reason}"
        return out
    tags = _tags(request.doc, speech, request.options, request.provenance,
                 request.version_label)
    return _with_audio(out, request.doc, request.glossary, spoken.opening, request.options,
                       tags, cache)


def _with_audio(
    out: AudioOutputs,
    doc: Document,
    glossary: Glossary | None,
    opening: str | None,
    options: SpeechOptions,
    tags: Tags,
    cache: Cache | None,
) -> AudioOutputs:
    """``out`` with the mastered audio, its captions, manifest entry and summary."""
    speech = out.speech
    assert speech is not None and speech.samples is not None
    mastered, out.mastered_again, out.programme_key = mastered_programme(
        speech, options.master, tags, cache
    )
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
        **mastered.to_dict(), "cues": len(cues), "notes": speech.notes,
        "pace": speech_pace(doc, speech),
    }
    minutes, seconds = divmod(int(round(mastered.duration_s)), 60)
    notes = "".join(f"; {note}" for note in speech.notes)
    out.summary = (f"audio {minutes}:{seconds:02d} by {speech.voice}, "
                   f"{mastered.loudness_lufs:.1f} LUFS, {mastered.true_peak_dbtp:.1f} dBTP{notes}")
    return out


MASTER_CACHE = "programmes"
"""Cache kind of mastered programmes."""
MASTER_CACHE_VERSION = 1
"""Bumped when mastering (or what is stored of it) changes."""


def mastered_programme(
    speech: SpeechResult, settings: MasterSettings, tags: Tags, cache: Cache | None
) -> tuple[MasteredAudio, bool, str]:
    """The programme of ``speech`` mastered to ``settings`` with ``tags``, whether it was
    mastered now (False: taken from the cache), and its cache key.

    The key is the programme's samples themselves with the settings and tags (the time
    a Broadcast Wave file is dated by aside): whatever changed a clip or a pause
    changes the programme, and nothing else does.
    """
    assert speech.samples is not None
    if cache is None:
        return master_audio(speech.samples, speech.rate, settings, tags), True, ""
    import hashlib

    samples = hashlib.sha256(speech.samples.astype("<f4").tobytes()).hexdigest()
    label = (tags.title, tags.lang, tags.source, tags.comment, tags.artist)
    key = Cache.key(MASTER_CACHE_VERSION, code_fingerprint(*MASTER_CODE), samples, speech.rate,
                    settings.to_dict(), label)
    kept = cache.get(MASTER_CACHE, key)
    if kept is not None:
        found = _mastered_from_bytes(kept)
        if found is not None:
            return found, False, key
    mastered = master_audio(speech.samples, speech.rate, settings, tags, cache)
    cache.put(MASTER_CACHE, key, _mastered_to_bytes(mastered))
    return mastered, True, key


def _mastered_to_bytes(mastered: MasteredAudio) -> bytes:
    figures = {
        "loudness_lufs": mastered.loudness_lufs,
        "true_peak_dbtp": mastered.true_peak_dbtp,
        "duration_s": mastered.duration_s,
        "sample_rate": mastered.sample_rate,
        "delay_s": mastered.delay_s,
        "note": mastered.note,
        "wav_rate": mastered.wav_rate,
        "wav_loudness": _report(mastered.wav_loudness),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("figures.json", json.dumps(figures))
        archive.writestr("audio.mp3", mastered.mp3)
        if mastered.wav is not None:
            archive.writestr("audio.wav", mastered.wav)
    return buffer.getvalue()


def _report(report: LoudnessReport | None) -> dict[str, float] | None:
    if report is None:
        return None
    return {"integrated": report.integrated, "range": report.range,
            "true_peak": report.true_peak, "max_momentary": report.max_momentary,
            "max_short_term": report.max_short_term}


def _mastered_from_bytes(data: bytes) -> MasteredAudio | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            figures = json.loads(archive.read("figures.json"))
            mp3 = archive.read("audio.mp3")
            names = archive.namelist()
            wav = archive.read("audio.wav") if "audio.wav" in names else None
        report = figures["wav_loudness"]
        return MasteredAudio(
            mp3=mp3,
            wav=wav,
            loudness_lufs=figures["loudness_lufs"],
            true_peak_dbtp=figures["true_peak_dbtp"],
            duration_s=figures["duration_s"],
            sample_rate=figures["sample_rate"],
            delay_s=figures["delay_s"],
            note=figures["note"],
            wav_loudness=LoudnessReport(**report) if report else None,
            wav_rate=figures["wav_rate"],
        )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError):
        return None


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
    easy = options.delivery is Delivery.EASY
    made = provenance.describe(doc.lang, easy=easy) + provenance.checked(easy)
    comment = (
        f"Made by Kuma {__version__}: {made}, spoken by {speech.version}, loudness "
        f"{options.master.loudness:g} LUFS (ITU-R BS.1770), true peak max "
        f"{options.master.max_true_peak:g} dBTP"
    )
    title = f"{doc.title} ({version_label})" if version_label else doc.title
    return Tags(title=title, lang=doc.lang, source=doc.source_name, comment=comment)


