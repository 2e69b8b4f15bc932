"""Helpers for the speech tests: small documents, and measurements made independently of
the code under test (the MP3 decoded by libsndfile, loudness by pyloudnorm, true peak by
oversampling four times here, not with ``pipeline.speech.loudness``)."""

from __future__ import annotations

import io

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
