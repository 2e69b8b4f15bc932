"""Documents and audio for the publishing tests: the example article in its four
languages, awkward inputs, and a synthetic MP3 with per-segment timings."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.glossary import Glossary, load_glossary

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
LANGS = ("en", "fr", "ar", "bm")
INJECTION = '<script>alert("x")</script><img src=x onerror="alert(1)"> & "quoted" \'x\''
LONG_TITLE = ("Mali talks " + "Supercalifragilisticexpialidocious" * 20)[:500]


@cache
def glossary() -> Glossary:
    """The shipped Sahel glossary."""
    return load_glossary()


@cache
def example_documents() -> dict[str, Document]:
    """The example article in English and in the demo's human translations, by language."""
    from pipeline.ingest import read_document
    from pipeline.xliff import read_translations

    source = read_document(ARTICLE, glossary=glossary(), lang="en")
    docs = {"en": source}
    for lang in LANGS[1:]:
        kit = read_translations((TRANSLATIONS / f"{lang}.xliff").read_bytes(), source)
        docs[lang] = source.with_texts(lang, kit.texts, "human")
    return docs


def bad_input_documents() -> dict[str, Document]:
    """Markup and script in the text, a 500-character title, mixed left-to-right and
    right-to-left text, in both directions."""
    injected = Document(
        INJECTION,
        "en",
        make_blocks(
            [
                (BlockKind.TITLE, [INJECTION]),
                (BlockKind.PARAGRAPH, [f"Before {INJECTION} after.", "</span></p><h1>x</h1>"]),
                (BlockKind.QUOTE, ['"<b>bold</b>" he said.']),
                (BlockKind.LIST_ITEM, ["<li>item</li>"]),
            ]
        ),
    )
    long_title = Document(
        LONG_TITLE,
        "fr",
        make_blocks([(BlockKind.TITLE, [LONG_TITLE]), (BlockKind.PARAGRAPH, ["Un texte."])]),
    )
    arabic_mixed = Document(
        "قال إياد أغ غالي (Iyad Ag Ghaly) إن GSIM «باقية»",
        "ar",
        make_blocks(
            [
                (BlockKind.TITLE, ["قال إياد أغ غالي (Iyad Ag Ghaly) إن GSIM «باقية»"]),
                (
                    BlockKind.PARAGRAPH,
                    ["نقلت وكالة AFP عن مصدر في Kidal أن الاجتماع انتهى.", "رقم 2015 ثم Ménaka."],
                ),
                (BlockKind.SUBHEADING, ["Wagner في مالي"]),
            ]
        ),
    )
    english_mixed = Document(
        "The GSIM, جماعة نصرة الإسلام والمسلمين in Arabic",
        "en",
        make_blocks(
            [
                (BlockKind.TITLE, ["The GSIM, جماعة نصرة الإسلام والمسلمين in Arabic"]),
                (BlockKind.PARAGRAPH, ['He said "الشريعة" twice, then left for كيدال.']),
            ]
        ),
    )
    return {
        "injection": injected,
        "long-title": long_title,
        "arabic-mixed": arabic_mixed,
        "english-mixed": english_mixed,
    }


def synthetic_mp3(seconds: float, rate: int = 22050) -> bytes:
    """A quiet 440 Hz tone, MP3-encoded with lameenc."""
    import lameenc
    import numpy as np

    count = int(seconds * rate)
    tone = 0.1 * np.sin(2 * np.pi * 440 * np.arange(count) / rate)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(7)
    pcm = (tone * 32767).astype("<i2").tobytes()
    return bytes(encoder.encode(pcm) + encoder.flush())


def timings(doc: Document, step: float = 0.5) -> dict[str, tuple[float, float]]:
    """Consecutive clips, one per segment, ``step`` seconds each with a short pause."""
    return {
        s.id: (round(i * step, 3), round(i * step + step * 0.8, 3))
        for i, s in enumerate(doc.segments())
    }
