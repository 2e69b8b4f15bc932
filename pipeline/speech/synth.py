"""Speaking a document segment by segment, so that every segment's start and end is exact.

``speak_document`` chooses the voice, prepares each segment's text (glossary
pronunciations, numbers, vowel marks), synthesises it clip by clip, trims the
silence voices put around their clips, and lays the clips down with the pauses
of ``Pauses``.  An online voice that fails part-way is replaced by the offline one
for the whole document (one voice per programme), and the result says so.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pipeline.document import BlockKind, Document
from pipeline.glossary import Glossary
from pipeline.speech.base import (
    Clip,
    SpeechError,
    Voice,
    VoiceFailure,
    get_voice,
    language_name,
)
from pipeline.speech.diacritise import diacritiser_name
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.pace import Delivery, paced
from pipeline.speech.prepare import prepare_text
from pipeline.speech.programme import Pauses, Placed, assemble, resample
from pipeline.speech.select import VoiceOptions, choose_voice
from pipeline.speech.split import split_long
from pipeline.storage import Cache, code_fingerprint

OPENING = "opening"
"""Timing key of the spoken opening line."""
MAX_CHARS = 2000
"""Longest text given to a voice at once, unless the voice asks for less (``max_chars``)."""
PIECE_GAP_S = 0.12
"""Silence between the pieces of a text too long to speak at once."""
SILENCE_DB = -50.0
"""Level under which the start and end of a clip count as silence and are trimmed."""
KEEP_S = 0.01
"""Silence kept at each end of a trimmed clip, so that no consonant is cut."""
_HEADINGS = (BlockKind.TITLE, BlockKind.SUBHEADING)
MAX_SPOKEN_WORDS = 10_000
"""Longest text made into one recording (about an hour of speech): a longer one would
need gigabytes to master, and no station airs it in one piece."""


@dataclass
class SegmentClip:
    """The audio of one segment."""

    segment: str
    """Segment id (``p3.s2``), or ``opening``."""
    block: str
    """Id of the block it belongs to (empty for the opening)."""
    kind: BlockKind | None
    """Kind of that block."""
    spoken: str
    """The text as given to the voice."""
    clip: Clip
    """Its audio, trimmed."""


@dataclass
class SpeechResult:
    """A document spoken in one language, or why it could not be."""

    lang: str
    """Language code."""
    voice: str = ""
    """Name of the voice used; empty when there is no audio."""
    version: str = ""
    """What produced the audio, with versions."""
    clips: list[SegmentClip] = field(default_factory=list)
    """Each spoken segment's clip, in order (segments with nothing to say have none)."""
    samples: np.ndarray | None = None
    """The programme before mastering: float32 mono; None when there is no audio."""
    rate: int = 0
    """Samples per second of ``samples``."""
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Segment id (and ``opening``) -> (start, end) in seconds from the start."""
    reason: str = ""
    """Why there is no audio and what would provide it."""
    notes: list[str] = field(default_factory=list)
    """What the summary should say (a fallback to another voice)."""
    settings: dict[str, Any] = field(default_factory=dict)
    """Pauses, diacritiser, pronunciations used: for the manifest."""
    clips_made: int = 0
    """Clips synthesised this time."""
    clips_reused: int = 0
    """Clips taken from the cache (spoken before with the same voice, settings and text)."""

    @property
    def has_audio(self) -> bool:
        """True when there is a programme to master."""
        return self.samples is not None

    @property
    def duration(self) -> float:
        """Length of the programme in seconds (0 without audio)."""
        return len(self.samples) / self.rate if self.samples is not None else 0.0


def speak_document(
    doc: Document,
    glossary: Glossary | None = None,
    voice: str = "auto",
    pauses: Pauses | None = None,
    opening: str | None = None,
    voice_options: VoiceOptions | None = None,
    delivery: Delivery = Delivery.NEWS,
    cache: Cache | None = None,
) -> SpeechResult:
    """Speak every segment of ``doc`` in ``doc.lang``, and ``opening`` first if given, at the
    pace of ``delivery`` (the pauses are the caller's: see ``pace.delivery_pauses``).

    Raises SpeechError for an unknown voice, a voice that does not speak the
    language, or a document with nothing to say.  A voice that is not usable on
    this machine is not an error: the result has no audio and says why.  With a
    ``cache``, a clip spoken before (same voice, version, settings and prepared text)
    is taken from it instead of being synthesised again.
    """
    pauses = pauses or Pauses()
    lexicon = Lexicon(glossary, doc.lang)
    result = SpeechResult(doc.lang, settings=_settings(pauses, lexicon, doc))
    words = sum(len(s.text.split()) for s in doc.segments())
    if words > MAX_SPOKEN_WORDS:
        result.reason = (
            f"{doc.source_name or 'the text'} is too long for one recording ({words:,} words; "
            f"the limit is {MAX_SPOKEN_WORDS:,}, about an hour): split it into parts"
        )
        return result
    result.settings["delivery"] = delivery.value
    tally = Tally(cache)
    spoken = _synthesize(doc, voice, lexicon, opening, voice_options or {}, result.notes,
                         delivery, tally)
    result.clips_made, result.clips_reused = tally.made, tally.reused
    if isinstance(spoken, str):
        result.reason = f"no {language_name(doc.lang)} voice: {spoken}"
        return result
    chosen, clips = spoken
    if not any(c.segment != OPENING for c in clips):
        raise SpeechError(
            f"nothing to speak in {doc.source_name or doc.title!r}: "
            "the text has no words, only punctuation or symbols"
        )
    programme = assemble(place(clips, pauses), clips[0].clip.rate, pauses)
    result.voice, result.version = chosen.name, chosen.version(doc.lang)
    result.clips, result.timings = clips, programme.timings
    result.samples, result.rate = programme.samples, programme.rate
    return result


def _synthesize(
    doc: Document,
    name: str,
    lexicon: Lexicon,
    opening: str | None,
    options: VoiceOptions,
    notes: list[str],
    delivery: Delivery = Delivery.NEWS,
    tally: Tally | None = None,
) -> tuple[Voice, list[SegmentClip]] | str:
    """The voice used and its clips, or why there are none.  An online voice that cannot
    be used is replaced by the best offline one, and a note says so."""
    choice = choose_voice(name, doc.lang, options)
    why = choice.reason
    if choice.voice is not None:
        try:
            voice = _paced(choice.voice, delivery, notes)
            return voice, list(synthesize_segments(doc, voice, lexicon, opening, tally))
        except VoiceFailure as failure:
            why = f"{name} failed ({failure})"
    if not _online(name):
        return why
    fallback = choose_voice("auto", doc.lang, options, exclude=(name,))
    if fallback.voice is None:
        return f"{why}; {fallback.reason}"
    notes.append(f"{why}; spoken with {fallback.voice.name} instead")
    voice = _paced(fallback.voice, delivery, notes)
    return voice, list(synthesize_segments(doc, voice, lexicon, opening, tally))


def _paced(voice: Voice, delivery: Delivery, notes: list[str]) -> Voice:
    """``voice`` at the pace of ``delivery``; a note when it has no such pace."""
    voice, note = paced(voice, delivery)
    if note:
        notes.append(note)
    return voice


def _online(name: str) -> bool:
    """Whether ``name`` is a voice that needs the network (``auto`` never is)."""
    return name not in ("auto", "none") and get_voice(name).needs_network


class Tally:
    """The clip cache of one document's synthesis, and how much it saved."""

    def __init__(self, cache: Cache | None = None) -> None:
        self.cache = cache
        self.made = 0
        self.reused = 0

    def clip(self, voice: Voice, spoken: str, lang: str) -> Clip:
        """``spoken`` by ``voice`` (trimmed, 16-bit): from the cache, else synthesised and
        kept.  Every clip is rounded to 16 bits, cached or not, so that a programme made
        from cached clips is the very one made from new ones."""
        key = clip_key(voice, spoken, lang) if self.cache is not None else ""
        data = self.cache.get(CLIP_CACHE, key) if self.cache is not None else None
        if data is not None:
            clip = clip_from_bytes(data)
            if clip is not None:
                self.reused += 1
                return clip
        stored = clip_to_bytes(trim(speak(voice, spoken, lang)))
        if self.cache is not None:
            self.cache.put(CLIP_CACHE, key, stored)
        self.made += 1
        clip = clip_from_bytes(stored)
        assert clip is not None
        return clip


CLIP_CACHE = "clips"
"""Cache kind of spoken clips."""
CLIP_CACHE_VERSION = 3
"""Bumped when what is stored for a clip (or how it is trimmed) changes (2: 16-bit; 3:
espeak-ng clips no longer depend on what the process spoke before, see ``espeak``)."""


def clip_key(voice: Voice, spoken: str, lang: str) -> str:
    """What a clip is made from: the voice, its version and settings (``version`` names
    the engine, its voice and pace), the language and the prepared text."""
    return Cache.key(CLIP_CACHE_VERSION, voice_code(voice), voice.name, voice.version(lang),
                     lang, spoken)


def voice_code(voice: Voice) -> str:
    """Fingerprint of the code that turns prepared text into a clip: this module and the
    voice's own module, when it is one of Kuma's (a plugin's ``version`` speaks for it).
    The text preparation is not in it: the prepared text itself is in the key."""
    parts = ["speech/synth.py", "speech/base.py"]
    module = type(voice).__module__
    if module.startswith("pipeline."):
        parts.append(module.removeprefix("pipeline.").replace(".", "/") + ".py")
    return code_fingerprint(*parts)


def clip_to_bytes(clip: Clip) -> bytes:
    """A clip as ``.npz`` bytes: its 16-bit samples, rate and word times (``Tally`` gives
    every clip 16-bit samples, cached or not, so a cached clip is the very same)."""
    buffer = io.BytesIO()
    words = np.array(clip.words, dtype=np.float64).reshape(-1, 3)
    pcm = np.round(clip.samples * 32768).clip(-32768, 32767).astype("<i2")
    np.savez(buffer, samples=pcm, rate=np.int64(clip.rate), words=words)
    return buffer.getvalue()


def clip_from_bytes(data: bytes) -> Clip | None:
    """The clip ``clip_to_bytes`` stored; None for an entry that cannot be read."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            words = tuple((int(a), int(b), float(t)) for a, b, t in stored["words"])
            if stored["samples"].dtype != np.dtype("<i2"):
                return None  # not a 16-bit clip: an entry of another format
            samples = stored["samples"].astype(np.float32) / np.float32(32768)
            return Clip(samples, int(stored["rate"]), words)
    except (OSError, ValueError, KeyError):
        return None


def synthesize_segments(
    doc: Document,
    voice: Voice,
    lexicon: Lexicon,
    opening: str | None = None,
    tally: Tally | None = None,
) -> Iterator[SegmentClip]:
    """One clip per segment that has something to say, in reading order, as it is made."""
    tally = tally or Tally()
    rate = 0
    items: list[tuple[str, str, BlockKind | None, str]] = [(OPENING, "", None, opening or "")]
    items += [(s.id, b.id, b.kind, s.text) for b in doc.blocks for s in b.segments]
    for key, block, kind, text in items:
        spoken = prepare_text(text, doc.lang, None if key == OPENING else lexicon)
        if not spoken:
            continue
        clip = tally.clip(voice, spoken, doc.lang)
        if len(clip.samples) == 0:
            continue
        rate = rate or clip.rate
        if clip.rate != rate:
            clip = Clip(resample(clip.samples, clip.rate, rate), rate, clip.words)
        yield SegmentClip(key, block, kind, spoken, clip)


def speak(voice: Voice, text: str, lang: str) -> Clip:
    """``text`` spoken by ``voice``, in pieces when it is longer than the voice takes."""
    limit = min(MAX_CHARS, getattr(voice, "max_chars", MAX_CHARS))
    pieces = split_long(text, limit)
    clips = [voice.synthesize(piece, lang) for piece in pieces]
    if len(clips) == 1:
        return clips[0]
    rate = clips[0].rate
    gap = np.zeros(int(PIECE_GAP_S * rate), dtype=np.float32)
    joined: list[np.ndarray] = []
    words: list[tuple[int, int, float]] = []
    offset, position = 0, 0
    for piece, clip in zip(pieces, clips, strict=True):
        trimmed = trim(clip)
        offset = text.index(piece, offset)
        words += [(a + offset, b + offset, t + position / rate) for a, b, t in trimmed.words]
        joined += [resample(trimmed.samples, clip.rate, rate), gap]
        position += len(joined[-2]) + len(gap)
        offset += len(piece)
    return Clip(np.concatenate(joined[:-1]), rate, tuple(words))


def trim(clip: Clip) -> Clip:
    """``clip`` without the silence before its first sound and after its last (its words
    moved as much earlier)."""
    loud = np.flatnonzero(np.abs(clip.samples) > 10 ** (SILENCE_DB / 20))
    if len(loud) == 0:
        return Clip.silence(clip.rate)
    keep = int(KEEP_S * clip.rate)
    start, end = max(0, loud[0] - keep), min(len(clip.samples), loud[-1] + 1 + keep)
    shift, length = start / clip.rate, (end - start) / clip.rate
    words = tuple((a, b, min(length, max(0.0, t - shift))) for a, b, t in clip.words)
    return Clip(clip.samples[start:end], clip.rate, words)


def place(clips: list[SegmentClip], pauses: Pauses) -> Iterator[Placed]:
    """Each clip with the pause after it: a sentence pause inside a paragraph, a longer
    one where the paragraph (or heading, or opening line) ends."""
    for clip, after in zip(clips, [*clips[1:], None], strict=True):
        if after is not None and after.block == clip.block and clip.segment != OPENING:
            pause = pauses.sentence
        elif clip.kind in _HEADINGS:
            pause = pauses.heading
        else:
            pause = pauses.paragraph
        yield Placed(clip.segment, clip.clip.samples, pause)


def _settings(pauses: Pauses, lexicon: Lexicon, doc: Document) -> dict[str, Any]:
    settings: dict[str, Any] = {"pauses": pauses.to_dict()}
    used = sorted({p.mention.term for s in doc.segments() for p in lexicon.find(s.text)})
    settings["pronunciations"] = used
    if doc.lang == "ar":
        settings["diacritiser"] = diacritiser_name() or "none installed (pip install piper-tts)"
    return settings
