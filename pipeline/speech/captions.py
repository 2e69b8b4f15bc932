"""Captions: WebVTT and SRT cut to subtitling practice, timed from the words as heard.

``caption_cues`` times every word of the published text from the voice's word
events (``align``) and cuts each spoken segment into cues (``cues``); a cue never
spans two segments, so cue ids are ``<segment id>``, ``<segment id>-2``...  The cue
text is the segment as published (not the respelling the voice read).  Every
Arabic line starts with a right-to-left mark: a line that begins with a Latin
acronym or a number would otherwise be laid out left to right, with its full stop
on the wrong side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.langs import Direction, get_language
from pipeline.speech.align import tokens, word_starts
from pipeline.speech.cues import CaptionLimits, Cue, Said, caption_limits, plan_cues
from pipeline.speech.cuetimes import GAP_S
from pipeline.speech.synth import OPENING, SegmentClip

RLM = "\u200f"
"""RIGHT-TO-LEFT MARK: sets a line's direction without showing anything."""

Timings = Mapping[str, tuple[float, float]]


def caption_cues(
    doc: Document,
    clips: Sequence[SegmentClip],
    timings: Timings,
    glossary: Glossary | None = None,
    limits: CaptionLimits | None = None,
    opening: str | None = None,
    end: float | None = None,
) -> list[Cue]:
    """The cues of ``doc`` as spoken in ``clips``, at ``timings`` (as heard: see
    ``AudioOutputs.heard_timings``); ``end`` is when the audio ends."""
    limits = limits or caption_limits(doc.lang)
    texts = {s.id: s.text for s in doc.segments()}
    if opening:
        texts[OPENING] = opening
    spoken = [c for c in clips if c.segment in timings and texts.get(c.segment, "").strip()]
    spoken.sort(key=lambda c: timings[c.segment][0])
    starts = [timings[c.segment][0] for c in spoken]
    last = end if end is not None else max((t[1] for t in timings.values()), default=0.0)
    cues: list[Cue] = []
    for clip, latest in zip(spoken, [*starts[1:], last], strict=True):
        earliest = cues[-1].end + GAP_S if cues else 0.0
        said = _said(clip, texts[clip.segment], timings, (earliest, latest), glossary, doc.lang)
        cues += plan_cues(said, doc.lang, limits)
    return cues


def _said(
    clip: SegmentClip,
    text: str,
    timings: Timings,
    window: tuple[float, float],
    glossary: Glossary | None,
    lang: str,
) -> Said:
    """One segment with when each of its words is heard; ``window`` is when its captions
    may show at the soonest and stay at the latest."""
    start, stop = timings[clip.segment]
    heard = word_starts(text, clip.spoken, clip.clip.words, stop - start)
    names = glossary.protected_spans(text, lang) if glossary and clip.segment != OPENING else []
    return Said(clip.segment, text, tokens(text), [start + t for t in heard], stop, window[1],
                names, earliest=window[0])


def render_vtt(cues: Sequence[Cue], lang: str) -> str:
    """A WebVTT file of ``cues`` in ``lang``."""
    language = get_language(lang)
    lines = ["WEBVTT", "", f"NOTE language: {language.bcp47}, direction: {language.direction}", ""]
    for cue in cues:
        text = [_vtt_escape(line) for line in _directed(cue.lines, lang)]
        lines += [cue.id, f"{_clock(cue.start, '.')} --> {_clock(cue.end, '.')}", *text, ""]
    return "\n".join(lines)


def render_srt(cues: Sequence[Cue], lang: str) -> str:
    """An SRT file of ``cues`` in ``lang``, numbered from 1."""
    lines: list[str] = []
    for number, cue in enumerate(cues, start=1):
        lines += [str(number), f"{_clock(cue.start, ',')} --> {_clock(cue.end, ',')}",
                  *_directed(cue.lines, lang), ""]
    return "\n".join(lines)


def _directed(lines: Sequence[str], lang: str) -> list[str]:
    if get_language(lang).direction is Direction.RTL:
        return [RLM + line for line in lines]
    return list(lines)


def _vtt_escape(text: str) -> str:
    """Cue text may not hold a raw ``&`` or ``<``; escaping ``>`` too rules out ``-->``."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clock(seconds: float, separator: str) -> str:
    """``00:01:02.345`` (WebVTT) or ``00:01:02,345`` (SRT)."""
    millis = int(round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
