"""Writing a translation kit: one XLIFF 2.1 file per target language.

One <unit> per segment (unit id = segment id), grouped per block so a translator
sees the article's structure.  Glossary terms found in a segment travel twice: as a
readable <note category="glossary"> and through the Glossary module, which CAT tools
show beside the segment.  The Metadata module records which article the kit was
made from (its fingerprint), so corrections can only flow back into that article.

A kit written again keeps the segment states a person set (``reviewed``, ``final``),
and can carry a review's findings as ITS Localization Quality Issues (``quality``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from lxml import etree

from pipeline import __version__
from pipeline.document import Document, Segment
from pipeline.errors import XliffError
from pipeline.langs import Language, get_language, parse_targets
from pipeline.xliff.markup import (
    ITS_NS,
    META_CATEGORY,
    NSMAP,
    STATES,
    XLIFF_VERSION,
    gls,
    its,
    mda,
    normalize_text,
    set_inline_text,
    xlf,
    xml_safe,
)
from pipeline.xliff.quality import (
    ITS_VERSION,
    QualityIssue,
    add_marker,
    issue_notes,
    issues_element,
)

if TYPE_CHECKING:
    from pipeline.glossary import Glossary, Mention, Term

FILE_ID = "f1"


def build_kit(
    doc: Document,
    lang: str,
    glossary: Glossary,
    mentions: list[Mention],
    translations: dict[str, str] | None = None,
    *,
    states: dict[str, str] | None = None,
    issues: dict[str, list[QualityIssue]] | None = None,
) -> bytes:
    """An XLIFF 2.1 kit translating ``doc`` into ``lang``, one unit per segment.

    ``mentions`` are the glossary terms found in ``doc`` (``Glossary.match_document``);
    ``translations`` (segment id -> text) pre-fill targets, which are then ``translated``
    unless ``states`` (segment id -> XLIFF state, as a person left them) says otherwise.
    ``issues`` (segment id -> quality issues) are written as ITS data and notes.
    """
    target = parse_targets(lang)[0]
    source = get_language(doc.lang)
    if not any(True for _ in doc.segments()):
        raise XliffError(f"{doc.source_name or 'the article'} has no text to translate")
    problems = {sid: found for sid, found in (issues or {}).items() if found}
    nsmap = {**NSMAP, "its": ITS_NS} if problems else NSMAP
    root = etree.Element(
        xlf("xliff"),
        nsmap=nsmap,  # type: ignore[arg-type]
        version=XLIFF_VERSION,
        srcLang=source.bcp47,
        trgLang=target.bcp47,
    )
    if problems:
        root.set(its("version"), ITS_VERSION)
    file = etree.SubElement(root, xlf("file"), id=FILE_ID)
    if doc.source_name:
        file.set("original", doc.source_name)
    file.set("srcDir", source.direction.value)
    file.set("trgDir", target.direction.value)
    file.append(_metadata(doc, glossary))
    file.append(_notes([("instructions", _instructions(target))]))
    by_segment = _mentions_by_segment(mentions)
    texts = translations or {}
    for block in doc.blocks:
        group = etree.SubElement(file, xlf("group"), id=block.id, type=f"kuma:{block.kind.value}")
        for segment in block.segments:
            terms = _terms(glossary, by_segment.get(segment.id, []))
            text = texts.get(segment.id, "")
            state = _state(text, (states or {}).get(segment.id))
            unit = _unit(segment, terms, doc.lang, target, text, state,
                         problems.get(segment.id, []))
            group.append(unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _state(translation: str, recorded: str | None) -> str:
    """The segment's state: ``initial`` without a target, else as a person left it
    (``translated`` when nothing was recorded)."""
    if not normalize_text(translation):
        return "initial"
    return recorded if recorded in STATES else "translated"


def _metadata(doc: Document, glossary: Glossary) -> etree._Element:
    metadata = etree.Element(mda("metadata"))
    group = etree.SubElement(metadata, mda("metaGroup"), category=META_CATEGORY)
    facts = {
        "fingerprint": doc.fingerprint(),
        "origin": f"kuma {__version__}",
        "source": doc.source_name,
        "glossary": glossary.version,
    }
    for kind, value in facts.items():
        if value:
            etree.SubElement(group, mda("meta"), type=kind).text = xml_safe(value)
    return metadata


def _instructions(target: Language) -> str:
    return (
        f"Translate each segment into {target.name}. Names and terms from the glossary are "
        "listed in each unit's notes: use the forms given there. Leave a target empty when "
        "unsure; Kuma reports it as untranslated."
    )


def _mentions_by_segment(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    result: dict[str, list[Mention]] = {}
    for mention in mentions:
        result.setdefault(mention.segment, []).append(mention)
    return result


def _terms(glossary: Glossary, mentions: Sequence[Mention]) -> list[tuple[Term, str]]:
    """Each term mentioned in a segment once, in order, with the text it was found as."""
    seen: dict[str, tuple[Term, str]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.term not in seen:
            seen[mention.term] = (glossary.get(mention.term), mention.text)
    return list(seen.values())


def _unit(
    segment: Segment,
    terms: list[tuple[Term, str]],
    source_lang: str,
    target: Language,
    translation: str,
    state: str,
    issues: list[QualityIssue],
) -> etree._Element:
    unit = etree.Element(xlf("unit"), id=segment.id)
    if terms:
        unit.append(_glossary(terms, source_lang, target.code))
    if issues:
        unit.append(issues_element(segment.id, issues))
    notes = [("glossary", _term_note(t, found, source_lang, target)) for t, found in terms]
    if notes or issues:
        element = _notes(notes)
        element.extend(issue_notes(issues))
        unit.append(element)
    unit.append(_segment(segment, translation, state, bool(issues)))
    return unit


def _segment(segment: Segment, translation: str, state: str, issues: bool) -> etree._Element:
    """The unit's <segment>: the target only once there is one; with ``issues``, a marker
    pointing at them wraps the target, or the source while there is no target."""
    seg = etree.Element(xlf("segment"), state=state)
    texts = [(etree.SubElement(seg, xlf("source")), segment.text)]
    if normalize_text(translation):
        texts.append((etree.SubElement(seg, xlf("target")), translation))
    if issues:
        element, text = texts[-1]
        texts[-1] = (add_marker(element, segment.id), text)
    for element, text in texts:
        set_inline_text(element, text)
    return seg


def _notes(notes: list[tuple[str, str]]) -> etree._Element:
    element = etree.Element(xlf("notes"))
    for category, text in notes:
        etree.SubElement(element, xlf("note"), category=category).text = xml_safe(text)
    return element


def _explanation(term: Term, lang: str, source_lang: str) -> str:
    return term.explanations.get(lang) or term.explanations.get(source_lang) or ""


def _term_note(term: Term, found: str, source_lang: str, target: Language) -> str:
    """``Iyad Ag Ghaly → Iyad Ag Ghaly (person): explanation``, for a translator to read."""
    form = term.form(target.code)
    if form:
        note = f"{found} → {form} ({term.type})"
    else:
        note = (
            f"{found} ({term.type}): no {target.name} form in the glossary; "
            "ask the editor rather than inventing one"
        )
    explanation = _explanation(term, target.code, source_lang)
    if explanation:
        note += f"{': ' if form else '. '}{explanation}"
    if term.note:
        note += f" Note: {term.note}"
    return note


def _glossary(terms: list[tuple[Term, str]], source_lang: str, lang: str) -> etree._Element:
    glossary = etree.Element(gls("glossary"))
    for term, found in terms:
        entry = etree.SubElement(glossary, gls("glossEntry"))
        etree.SubElement(entry, gls("term")).text = xml_safe(term.form(source_lang) or found)
        form = term.form(lang)
        if form:
            etree.SubElement(entry, gls("translation")).text = xml_safe(form)
        explanation = _explanation(term, lang, source_lang)
        if explanation:
            etree.SubElement(entry, gls("definition")).text = xml_safe(explanation)
    return glossary
