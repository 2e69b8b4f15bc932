"""How fast a version is spoken, and with what pauses: news or easy-to-read delivery.

Pace is measured as words of the text per second of speech, the pauses between
sentences left out.  That is the rate a caption in step with the voice shows, so
the voice's pace bounds the captions' reading rate: a voice speaking 210 words a
minute cannot have captions at 180.  Easy-to-read versions are spoken more slowly,
with longer pauses between sentences, for listeners who need the time.

Arabic counts fewer, longer words (articles, prepositions and conjunctions are
written onto the word), so the same speed of speech is fewer words a minute; its
targets are set at the same syllable rate as the English ones (measured on the
example: about 4.6 syllables a second for news, 4.2 for easy-to-read).
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from pipeline.speech.base import Voice
from pipeline.speech.programme import Pauses


class Delivery(StrEnum):
    """How a version is read out."""

    NEWS = "news"
    """A newsreader's pace: the article."""
    EASY = "easy"
    """Slower, with longer pauses: easy-to-read versions."""


TARGET_WPM: dict[Delivery, dict[str, int]] = {
    Delivery.NEWS: {"en": 160, "fr": 160, "ar": 90},
    Delivery.EASY: {"en": 145, "fr": 145, "ar": 82},
}
"""Words a minute a voice should measure, per delivery and language (voices calibrate to it)."""

CAPTION_WPM = {Delivery.NEWS: 180, Delivery.EASY: 160}
"""Highest reading rate of a caption, words a minute (BBC subtitle guidelines; lower for
readers of easy-to-read versions)."""

EASY_EXTRA_PAUSE = {"sentence": 0.35, "paragraph": 0.4, "heading": 0.3, "tail": 0.2}
"""Seconds added to each pause of an easy-to-read delivery."""


def delivery_pauses(pauses: Pauses, delivery: Delivery) -> Pauses:
    """``pauses`` as spoken in ``delivery``: longer for easy-to-read versions."""
    if delivery is not Delivery.EASY:
        return pauses
    longer = {name: getattr(pauses, name) + extra for name, extra in EASY_EXTRA_PAUSE.items()}
    return replace(pauses, **longer)


def relative_pace(delivery: Delivery) -> float:
    """How fast ``delivery`` is against news (0.91 for easy-to-read): for voices that can set
    a speed but have no calibration per language."""
    return TARGET_WPM[delivery]["en"] / TARGET_WPM[Delivery.NEWS]["en"]


def paced(voice: Voice, delivery: Delivery) -> tuple[Voice, str]:
    """``voice`` set to the pace of ``delivery``, and a note when it cannot change its pace."""
    if delivery is Delivery.NEWS:
        return voice, ""
    pace = getattr(voice, "paced", None)
    if pace is None:
        return voice, f"{voice.name} has no slower pace: easy-to-read version at its usual pace"
    return pace(delivery.value), ""
