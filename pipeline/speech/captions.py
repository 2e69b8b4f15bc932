"""Captions: WebVTT and SRT, one cue per spoken segment, timed from synthesis.

The cue text is the segment as published (not the respelling the voice read).
Arabic lines start with a right-to-left mark: a caption that begins with a Latin
acronym or a number would otherwise be laid out left to right, with its full stop
on the wrong side.  WebVTT cues are identified by segment id, so a player, an
EPUB media overlay and the review report all name the same sentence the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.document import Document
from pipeline.langs import Direction, get_language
from pipeline.speech.synth import OPENING

RLM = "\u200f"
"""RIGHT-TO-LEFT MARK: sets a line's direction without showing anything."""


def render_vtt(
    doc: Document, timings: dict[str, tuple[float, float]], opening: str | None = None
) -> str:
    """A WebVTT file with one cue per timed segment, and one for the ``opening`` line if
    it was spoken."""
    language = get_language(doc.lang)
    lines = ["WEBVTT", "", f"NOTE language: {language.bcp47}, direction: {language.direction}", ""]
    for key, text, (start, end) in _cues(doc, timings, opening):
        cue = _vtt_escape(_directed(text, doc.lang))
        lines += [key, f"{_clock(start, '.')} --> {_clock(end, '.')}", cue, ""]
    return "\n".join(lines)


def render_srt(
    doc: Document, timings: dict[str, tuple[float, float]], opening: str | None = None
) -> str:
    """An SRT file with one numbered cue per timed segment (and the opening line)."""
    lines: list[str] = []
    cues = _cues(doc, timings, opening)
    for number, (_, text, (start, end)) in enumerate(cues, start=1):
        lines += [str(number), f"{_clock(start, ',')} --> {_clock(end, ',')}",
                  _directed(text, doc.lang), ""]
    return "\n".join(lines)


def _cues(
    doc: Document, timings: dict[str, tuple[float, float]], opening: str | None
) -> Iterator[tuple[str, str, tuple[float, float]]]:
    """(id, text, times) in the order spoken; untimed segments (nothing said) have no cue."""
    texts = {s.id: s.text for s in doc.segments()}
    if opening:
        texts[OPENING] = opening
    for key, times in sorted(timings.items(), key=lambda item: item[1][0]):
        text = " ".join(texts.get(key, "").split())
        if text and times[1] > times[0]:
            yield key, text, times


def _directed(text: str, lang: str) -> str:
    if get_language(lang).direction is Direction.RTL:
        return RLM + text
    return text


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
