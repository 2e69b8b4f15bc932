"""Helpers for the speech tests: small documents, and measurements made independently of
the code under test (the MP3 decoded by libsndfile, loudness by pyloudnorm, true peak by
oversampling four times here, not with ``pipeline.speech.loudness``; captions parsed by
webvtt-py and measured here as a caption user meets them)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import numpy as np

from pipeline.document import BlockKind, Document, make_blocks

FRENCH = [
    (BlockKind.TITLE, ["Le chef du GSIM en pourparlers secrets"]),
    (BlockKind.PARAGRAPH, [
        "Le 25 juin 2016, Iyad Ag Ghaly a rencontré des groupes armés du nord du Mali.",
        "Plus de 158 000 personnes ont fui, soit 25 % de la population.",
    ]),
    (BlockKind.PARAGRAPH, ["Le budget atteint 3,5 milliards de FCFA, selon M. Traoré."]),
]
ARABIC = [
    (BlockKind.TITLE, ["زعيم جهادي في مالي يجري محادثات سرية"]),
    (BlockKind.PARAGRAPH, [
        "التقى إياد أغ غالي بجماعات مسلحة في شمال مالي.",
        "GSIM جماعة مسلحة، وفرّ أكثر من 158,000 شخص.",
    ]),
]
BAMBARA = [
    (BlockKind.TITLE, ["Mali: kunnafoni"]),
    (BlockKind.PARAGRAPH, ["Iyad Ag Ghaly ye GSIM ɲɛminɛ.", "Mɔgɔ 158000 bɔra."]),
]
TEXTS = {"fr": FRENCH, "ar": ARABIC, "bm": BAMBARA}


def document(lang: str, items: list[tuple[BlockKind, list[str]]] | None = None) -> Document:
    """A small document in ``lang`` (the ones above unless ``items`` are given)."""
    blocks = make_blocks(items if items is not None else TEXTS[lang])
    return Document(title=blocks[0].text, lang=lang, blocks=blocks, source_name=f"{lang}.txt")


def decoded(data: bytes) -> tuple[np.ndarray, int]:
    """An MP3 or WAV decoded by libsndfile, as mono float64."""
    import soundfile

    samples, rate = soundfile.read(io.BytesIO(data), dtype="float64", always_2d=True)
    return samples.mean(axis=1), rate


def loudness(samples: np.ndarray, rate: int) -> float:
    """Integrated loudness (BS.1770) by pyloudnorm, nothing else."""
    import pyloudnorm

    return float(pyloudnorm.Meter(rate).integrated_loudness(samples))


def true_peak(samples: np.ndarray) -> float:
    """dBTP: the largest magnitude of the signal oversampled 4x, in dB."""
    from scipy.signal import resample_poly

    peak = np.abs(resample_poly(samples, 4, 1)).max()
    return float(20 * np.log10(peak))


def tone(rate: int = 22050, seconds: float = 2.0, level: float = 0.5, hz: float = 440.0):
    """A sine wave, float32."""
    time = np.arange(int(rate * seconds)) / rate
    return (level * np.sin(2 * np.pi * hz * time)).astype(np.float32)


RLM = "\u200f"


@dataclass(frozen=True)
class Limits:
    """Subtitling limits (BBC / EBU practice), written out here for the tests."""

    chars: int = 42
    lines: int = 2
    shortest: float = 1.0
    longest: float = 7.0
    wpm: float = 180.0


def limits_for(lang: str, easy: bool = False) -> Limits:
    """37 characters a line in Arabic, 160 words a minute for easy-to-read versions."""
    return Limits(chars=37 if lang == "ar" else 42, wpm=160.0 if easy else 180.0)


def clock(value: str) -> float:
    """Seconds of a WebVTT or SRT time stamp."""
    hours, minutes, seconds = value.replace(",", ".").split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def words(text: str) -> int:
    """Words a reader reads: runs of non-spaces with a letter or a digit."""
    return sum(1 for word in text.split() if any(c.isalnum() for c in word))


def caption_faults(captions, limits: Limits) -> list[str]:
    """Every way the parsed ``captions`` (webvtt-py cues) break ``limits``; empty when none."""
    faults = []
    for cue in captions:
        lines = cue.text.split("\n")
        seconds = clock(cue.end) - clock(cue.start)
        longest = max(len(line.replace(RLM, "")) for line in lines)
        rate = words(cue.text) / seconds * 60 if seconds > 0 else float("inf")
        if len(lines) > limits.lines or longest > limits.chars:
            faults.append(f"{cue.identifier}: {len(lines)} lines, {longest} characters")
        if not limits.shortest <= seconds <= limits.longest:
            faults.append(f"{cue.identifier}: {seconds:.3f} s")
        if rate > limits.wpm:
            faults.append(f"{cue.identifier}: {rate:.0f} words a minute")
    return faults


def segment_of(identifier: str) -> str:
    """``p2.s1`` for the cues ``p2.s1`` and ``p2.s1-3``."""
    return re.sub(r"-\d+$", "", identifier)
