"""A corpus of seeded defects, made from the example translations, to measure the QA checks.

Each ``Defect`` takes one segment of ``examples/translations/<lang>.xliff`` (read
against ``examples/mali-article.txt``), or one sentence of the easy-to-read version
Kuma makes from it, changes it the way a translator or an engine gets it wrong, and
names the check that must report it on that segment.  Defects are applied one at a
time, to a fresh copy, so that each is measured alone.

Used by ``tests/test_review_checks.py`` (recall) and ``benchmarks/review_calibration.py``
(the comparison with translate-toolkit's pofilter).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from pipeline.document import Document
from pipeline.glossary import Glossary, load_glossary
from pipeline.ingest import read_document
from pipeline.review.checks import Finding, check_easy, check_translation
from pipeline.simplify import simplify_document
from pipeline.simplify.model import source_of
from pipeline.xliff import read_translations

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "examples" / "mali-article.txt"
KITS = ROOT / "examples" / "translations"
LANGS = ("fr", "ar", "bm")


@dataclass
class Examples:
    """The example article, its glossary, its translations, and their easy versions."""

    source: Document
    glossary: Glossary
    targets: dict[str, Document]
    easy: dict[str, Document] = field(default_factory=dict)

    def easy_version(self, lang: str) -> Document:
        """The easy-to-read version of the ``lang`` translation (made once)."""
        if lang not in self.easy:
            self.easy[lang] = simplify_document(self.targets[lang], self.glossary).to_document()
        return self.easy[lang]


@cache
def load_examples() -> Examples:
    """Read the example article, the shipped glossary and the three example kits."""
    source = read_document(ARTICLE)
    targets = {}
    for lang in LANGS:
        kit = read_translations((KITS / f"{lang}.xliff").read_bytes(), source, f"{lang}.xliff")
        targets[lang] = source.with_texts(lang, kit.texts, "human")
    return Examples(source, load_glossary(), targets)


Edit = Callable[[str, Examples, str, str], str]
"""(text, examples, lang, segment id) -> the changed text."""


@dataclass(frozen=True)
class Change:
    """A transformation of one text, described for the calibration table."""

    description: str
    edit: Edit
    side: str = "target"
    """``target`` (the translation), ``source`` (the article) or ``easy`` (the easy version)."""


def sub(old: str, new: str) -> Change:
    """Replace the first ``old`` (a regular expression) with ``new``; it must be there."""

    def edit(text: str, *_: object) -> str:
        changed, count = re.subn(old, new, text, count=1)
        assert count, f"{old!r} not in {text!r}"
        return changed

    return Change(f"{old!r} -> {new!r}", edit)


def other_language(lang: str) -> Change:
    """The segment as translated into ``lang`` (a segment pasted from another kit)."""
    return Change(
        f"the {lang} translation instead",
        lambda _text, ex, _lang, seg: ex.targets[lang].segment_map()[seg].text,
    )


def source_text() -> Change:
    """The source sentence, untranslated."""
    return Change("the source text", lambda _t, ex, _l, seg: ex.source.segment_map()[seg].text)


def half_source() -> Change:
    """The first half of the translation, then the second half of the source."""

    def edit(text: str, ex: Examples, _lang: str, seg: str) -> str:
        words, source = text.split(), ex.source.segment_map()[seg].text.split()
        return " ".join(words[: len(words) // 2] + source[len(source) // 2 :])

    return Change("second half left in English", edit)


def keep(share: float, end: str = ".") -> Change:
    """The first ``share`` of the words, then ``end``."""

    def edit(text: str, *_: object) -> str:
        words = text.split()
        return " ".join(words[: max(1, round(share * len(words)))]).rstrip(",;:") + end

    return Change(f"first {share:.0%} of the words" + (f" + {end!r}" if end else ""), edit)


def append_segment(other: str) -> Change:
    """The translation followed by another segment's translation (an addition)."""
    return Change(
        f"{other}'s translation appended",
        lambda text, ex, lang, _seg: text + " " + ex.targets[lang].segment_map()[other].text,
    )


def copy_target(other: str) -> Change:
    """Another segment's translation instead of this one's."""
    return Change(
        f"{other}'s translation instead",
        lambda _text, ex, lang, _seg: ex.targets[lang].segment_map()[other].text,
    )


def copy_source(other: str) -> Change:
    """Make this segment's *source* the same as another's (a repeated sentence)."""
    return Change(
        f"source made equal to {other}'s",
        lambda _text, ex, _lang, _seg: ex.source.segment_map()[other].text,
        side="source",
    )


def loop(phrase: str, times: int = 3) -> Change:
    """``phrase`` (present in the text) repeated ``times`` times: a decoding loop."""
    return replace(
        sub(re.escape(phrase), " ".join([phrase] * times)), description=f"{phrase!r} x{times}"
    )


def empty() -> Change:
    return Change("empty target", lambda *_: "")


def easy(change: Change) -> Change:
    """The same change, on a sentence of the easy-to-read version."""
    return replace(change, side="easy")


@dataclass(frozen=True)
class Defect:
    """One seeded defect and the check that must find it."""

    lang: str
    """Target language."""
    segment: str
    """Id of the segment (or easy sentence) changed."""
    change: Change
    """What is done to it."""
    check: str
    """The check that must report it, on ``finding_segment``."""
    without_terms: tuple[str, ...] = ()
    """Glossary terms left out for this case (to test names that are not in the glossary)."""

    @property
    def finding_segment(self) -> str:
        """Where the finding must be: easy facts are reported on the original's segment."""
        return source_of(self.segment) if self.check == "easy-facts" else self.segment

    def __str__(self) -> str:
        return f"{self.lang} {self.segment} {self.check}: {self.change.description}"


D = Defect
DEFECTS: list[Defect] = [
    # French
    D("fr", "p12.s1", other_language("bm"), "wrong-language"),
    D("fr", "p8.s1", other_language("ar"), "wrong-language"),
    D("fr", "p14.s1", source_text(), "untranslated"),
    D("fr", "p19.s1", half_source(), "untranslated"),
    D("fr", "p2.s1", sub("2016", "2017"), "numbers"),
    D("fr", "p11.s1", sub("en 2012 ", ""), "numbers"),
    D("fr", "p25.s1", sub("2015", "2,015"), "numbers"),
    D("fr", "p4.s1", sub(r"le Groupe de soutien .* \(GSIM\)", "le Groupe de soutien"), "glossary"),
    D("fr", "p23.s1", sub("le Kremlin", "le pouvoir russe"), "glossary"),
    D("fr", "p27.s1", sub(" à Kidal", ""), "names", without_terms=("kidal",)),
    D("fr", "p16.s1", keep(0.45), "length"),
    D("fr", "p12.s1", append_segment("p7.s1"), "length"),
    D("fr", "p6.s1", loop("de ces groupes"), "repetition"),
    D("fr", "p24.s1", keep(0.7, end=""), "truncation"),
    D("fr", "p10.s1", empty(), "empty"),
    D("fr", "p9.s1", sub(r"\s»", ""), "punctuation"),
    D("fr", "p20.s1", sub(r"«\s(ne sont pas nouvelles)\s»", r"«\1»"), "punctuation"),
    D("fr", "p1.s1", sub(r"Mali\s:", "Mali:"), "punctuation"),
    D("fr", "p15.s1", sub(" combattent", "  combattent"), "spacing"),
    D("fr", "p3.s1", sub("par le groupe", "par le le groupe"), "doubled-word"),
    D("fr", "p17.s1", sub("Iyad Ag Ghaly", "إياد أغ غالي"), "script"),
    D("fr", "p26.s1", copy_target("p25.s1"), "consistency"),
    # Arabic
    D("ar", "p5.s1", other_language("fr"), "wrong-language"),
    D("ar", "p14.s1", source_text(), "untranslated"),
    D("ar", "p2.s1", sub("2016", "٢٠١٧"), "numbers"),
    D("ar", "p12.s1", sub("وفي عام 2015، وقعت", "ووقعت"), "numbers"),
    D("ar", "p23.s1", sub("الكرملين", "موسكو"), "glossary"),
    D("ar", "p10.s1", sub("تنسيقية الحركات الأزوادية", "تحالف الحركات"), "glossary"),
    D("ar", "p3.s1", keep(0.4), "length"),
    D("ar", "p6.s1", loop("مع هذه الجماعات"), "repetition"),
    D("ar", "p27.s1", keep(0.6, end=""), "truncation"),
    D("ar", "p16.s1", empty(), "empty"),
    D("ar", "p8.s1", sub("،", ","), "punctuation"),
    D("ar", "p9.s1", sub("»", ""), "punctuation"),
    D("ar", "p19.s1", sub(" بالحكومة", "  بالحكومة"), "spacing"),
    D("ar", "p18.s1", sub("شخصية", "شخصية شخصية"), "doubled-word"),
    D("ar", "p22.s1", sub("إياد أغ غالي", "Iyad Ag Ghaly"), "script"),
    D("ar", "p4.s1", sub("الجهادي", "الجهادی"), "script"),
    D("ar", "p24.s1", copy_target("p20.s1"), "consistency"),
    # Bambara
    D("bm", "p6.s1", other_language("fr"), "wrong-language"),
    D("bm", "p25.s1", other_language("ar"), "wrong-language"),
    D("bm", "p14.s1", source_text(), "untranslated"),
    D("bm", "p11.s1", sub("2012", "2021"), "numbers"),
    D("bm", "p19.s1", sub(" san 2020", ""), "numbers"),
    D("bm", "p2.s1", sub("tile 25", "tile 24"), "numbers"),
    D("bm", "p23.s1", sub("Kremlin", "Irisi fanga"), "glossary"),
    D("bm", "p15.s1", sub(", ani GSIM", ", ani jihadikɛlaw"), "glossary"),
    D("bm", "p27.s1", sub(" Kidal", ""), "names", without_terms=("kidal",)),
    D("bm", "p8.s1", keep(0.4), "length"),
    D("bm", "p10.s1", loop("kuluw ka jɛkulu"), "repetition"),
    D("bm", "p26.s1", keep(0.6, end=""), "truncation"),
    D("bm", "p16.s1", empty(), "empty"),
    D("bm", "p20.s1", sub(r"\s»", ""), "punctuation"),
    D("bm", "p4.s1", sub("^", " "), "spacing"),
    D("bm", "p5.s1", sub("ɲɔgɔnye", "nyogonye"), "script"),
    D("bm", "p7.s1", sub("murutili", "murutili lamagò"), "script"),
    D("bm", "p18.s1", copy_source("p14.s1"), "consistency"),
    # Harder cases, not tailored to the checks: some are expected to be missed
    D("fr", "p21.s1", other_language("bm"), "wrong-language"),  # a 3-word heading
    D("bm", "p13.s1", other_language("fr"), "wrong-language"),  # a 6-word heading
    D("bm", "p5.s1", half_source(), "untranslated"),
    D("fr", "p18.s1", keep(0.8), "length"),  # a fifth dropped, the sentence closed
    D("fr", "p8.s1", sub("des milliers", "des centaines"), "numbers"),  # a vague amount
    # Easy-to-read versions
    D("fr", "p11.s1.e1", easy(sub("en 2012 ", "")), "easy-facts"),
    D("fr", "p14.s1.e1", easy(sub(" de Kidal", "")), "easy-facts"),
    D(
        "fr",
        "p12.s1.e1",
        easy(sub(r"\.$", " qui ne sont pas nommés par les sources.")),
        "easy-length",
    ),
    D(
        "fr",
        "p19.s1.e1",
        easy(sub(".*", "Des contacts avec le gouvernement depuis des années.")),
        "easy-verb",
    ),
    D("fr", "p6.s1.e1", easy(sub(".*", "La tenue de ces pourparlers.")), "easy-verb"),
    D("ar", "p19.s1.e2", easy(sub(" عام 2020", "")), "easy-facts"),
    D("ar", "p14.s1.e1", easy(sub("منطقة كيدال", "المنطقة")), "easy-facts"),
    D(
        "ar",
        "p12.s1.e1",
        easy(sub(r"\.$", " التي تقاتل منذ سنوات طويلة في شمال البلاد.")),
        "easy-length",
    ),
    D("bm", "p12.s1.e1", easy(sub("San 2015, ", "")), "easy-facts"),
    D("bm", "p14.s1.e1", easy(sub("Kidal mara", "mara")), "easy-facts"),
    D("bm", "p27.s1.e1", easy(sub(r"\.$", " ani u bɛ kuma ni mɔgɔ caman ye.")), "easy-length"),
]


def apply(examples: Examples, defect: Defect) -> tuple[Document, Document, Glossary]:
    """(source, changed document, glossary) for one defect; the change is on a copy.

    For easy-version defects the pair is (translation, changed easy version).
    """
    glossary = examples.glossary
    if defect.without_terms:
        terms = [t for t in glossary if t.id not in defect.without_terms]
        glossary = Glossary(terms)
    change = defect.change
    if change.side == "easy":
        original = examples.targets[defect.lang]
        return original, _edited(examples.easy_version(defect.lang), examples, defect), glossary
    if change.side == "source":
        return _edited(examples.source, examples, defect), examples.targets[defect.lang], glossary
    return examples.source, _edited(examples.targets[defect.lang], examples, defect), glossary


def findings_for(examples: Examples, defect: Defect) -> list[Finding]:
    """What the checks report once ``defect`` is seeded."""
    before, after, glossary = apply(examples, defect)
    if defect.change.side == "easy":
        return check_easy(before, after, glossary)
    return check_translation(before, after, glossary)


def found(examples: Examples, defect: Defect) -> bool:
    """True when the expected check reports the defect on its segment."""
    return any(
        f.check == defect.check and f.segment == defect.finding_segment
        for f in findings_for(examples, defect)
    )


def _edited(doc: Document, examples: Examples, defect: Defect) -> Document:
    texts = {s.id: s.text for s in doc.segments()}
    texts[defect.segment] = defect.change.edit(
        texts[defect.segment], examples, defect.lang, defect.segment
    )
    provenance = {s.id: s.provenance or "" for s in doc.segments()}
    copy = doc.with_texts(doc.lang, texts, provenance)
    copy.title = doc.title
    return copy
