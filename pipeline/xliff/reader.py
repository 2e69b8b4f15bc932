"""Reading translations back from an XLIFF 2 file, safely and only for the right article.

The file comes from outside (a translator, a CAT tool, an e-mail attachment), so it
is parsed without DTDs, entities or network, and a DOCTYPE is refused outright.
A unit is matched to the article by its id and its source text: a kit made from
another version of the article is refused with the unit that differs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from pipeline.document import Document
from pipeline.errors import XliffError, one_line, shown
from pipeline.langid import identify, language_words, plausible
from pipeline.langs import LANGUAGES, TARGET_LANGUAGES
from pipeline.sanitize import remove_unsafe
from pipeline.xliff.markup import (
    STATES,
    XLIFF_1_NS,
    XLIFF_NS,
    inline_text,
    language_for_tag,
    normalize_text,
    xlf,
)

REEXPORT = (
    "the kit was made from another version of the article; "
    "export a new one with `kuma xliff export`"
)

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}
# A DOCTYPE before the root element, after the XML declaration, comments and PIs.
# Each alternative can end in one place only, so the pattern cannot backtrack badly.
_DOCTYPE = re.compile(r"\s*(?:<\?(?:[^?]|\?(?!>))*\?>\s*|<!--(?:[^-]|-(?!->))*-->\s*)*<!DOCTYPE")
_LXML_POSITION = re.compile(r",? line \d+, column \d+$")


@dataclass(frozen=True)
class XliffTranslations:
    """Translations read from an XLIFF file, matched to a document."""

    lang: str
    """Kuma code of the target language (``fr``)."""
    texts: dict[str, str]
    """Translated text per segment id, only for units with a non-empty target."""
    states: dict[str, str]
    """XLIFF state per segment id (``initial``, ``translated``, ``reviewed``, ``final``)."""
    complete: bool
    """True when every segment of the document has a translation."""


@dataclass(frozen=True)
class KitSummary:
    """What an XLIFF file holds, read without the document it was made from."""

    lang: str
    """Kuma code of the target language."""
    source_lang: str | None
    """Kuma code of the source language, None when Kuma does not know it."""
    units: int
    """Number of units."""
    translated: int
    """Number of units with a non-empty target."""


@dataclass(frozen=True)
class _Unit:
    id: str
    source: str
    target: str
    state: str


def inspect_kit(data: bytes, origin: str = "") -> KitSummary:
    """Check that ``data`` is a usable XLIFF 2 file and count its translated units."""
    name = origin or "the XLIFF file"
    root = _parse(data, name)
    source_lang, lang = _languages(root, name)
    units = _units(root, name)
    translated = sum(1 for unit in units if unit.target)
    return KitSummary(lang, source_lang, len(units), translated)


def read_translations(
    data: bytes, doc: Document, origin: str = "",
    known: Mapping[str, Document] | None = None,
) -> XliffTranslations:
    """The translations in ``data`` for ``doc``; XliffError if corrupt or for another article.

    ``known`` holds the translations the package has already published, by language:
    targets that are the same as those were judged when they came in, so only the
    changed targets are read to tell the kit's language (a kit relabelled into another
    language changes every target; a reviewer's fix is judged on its segments alone)."""
    name = origin or "the XLIFF file"
    root = _parse(data, name)
    source_lang, lang = _languages(root, name)
    if source_lang != doc.lang:
        written = root.get("srcLang")
        raise XliffError(
            f"{name} translates from {shown(written)} but the article is in {shown(doc.lang)}"
        )
    units = _units(root, name)
    _check_matches(units, doc, name)
    texts = {u.id: u.target for u in units if u.target}
    published = (known or {}).get(lang)
    before = {s.id: normalize_text(s.text) for s in published.segments()} if published else {}
    changed = {sid: text for sid, text in texts.items() if before.get(sid) != text}
    _check_language(changed, lang, doc.lang, root.get("trgLang", ""), name)
    states = {u.id: u.state for u in units}
    complete = all(segment.id in texts for segment in doc.segments())
    return XliffTranslations(lang=lang, texts=texts, states=states, complete=complete)


def _parse(data: bytes, name: str) -> etree._Element:
    if _DOCTYPE.match(_head(data)):
        raise XliffError(f"{name} has a DOCTYPE declaration, which Kuma refuses in XLIFF files")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        message = one_line(_LXML_POSITION.sub("", exc.msg or "unreadable"), 160)
        raise XliffError(f"{name} is not valid XML: {message} (line {exc.lineno})") from None
    # The prefix check reads bytes; an encoding it cannot read still shows a DOCTYPE here.
    if root.getroottree().docinfo.doctype:
        raise XliffError(f"{name} has a DOCTYPE declaration, which Kuma refuses in XLIFF files")
    _check_version(root, name)
    return root


def _head(data: bytes) -> str:
    """The first bytes as text, enough to see a DOCTYPE after the XML declaration."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def _check_version(root: etree._Element, name: str) -> None:
    qname = etree.QName(root)
    version = root.get("version", "")
    if qname.localname == "xliff" and (qname.namespace == XLIFF_1_NS or version.startswith("1.")):
        raise XliffError(
            f"{name} is XLIFF {shown(version or '1.x')[1:-1]}; Kuma reads only XLIFF 2.x "
            "(export a kit with `kuma xliff export`)"
        )
    if qname.localname != "xliff":
        root_name = shown(qname.localname)[1:-1]
        raise XliffError(f"{name} is not an XLIFF 2 file (its root element is <{root_name}>)")
    if qname.namespace != XLIFF_NS:
        raise XliffError(
            f"{name} is not an XLIFF 2 file (its <xliff> is not in namespace {XLIFF_NS})"
        )
    if not version.startswith("2."):
        raise XliffError(
            f"{name} says it is XLIFF version {shown(version)}; Kuma reads only XLIFF 2.x"
        )


def _languages(root: etree._Element, name: str) -> tuple[str | None, str]:
    """(source language, target language) as Kuma codes."""
    trg = root.get("trgLang")
    if not trg:
        raise XliffError(
            f"{name} has no trgLang: it does not say which language it translates into"
        )
    lang = language_for_tag(trg)
    if lang not in TARGET_LANGUAGES:
        targets = ", ".join(TARGET_LANGUAGES)
        raise XliffError(
            f"{name} translates into {shown(trg)}, which is not a Kuma target language ({targets})"
        )
    return language_for_tag(root.get("srcLang", "")), lang


def _units(root: etree._Element, name: str) -> list[_Unit]:
    units: list[_Unit] = []
    seen: set[str] = set()
    for element in root.iter(xlf("unit")):
        unit = _read_unit(element, name)
        if unit.id in seen:
            raise XliffError(f"{name} has unit {shown(unit.id)} twice")
        seen.add(unit.id)
        units.append(unit)
    return units


def _read_unit(element: etree._Element, name: str) -> _Unit:
    """One unit's source, target and state; a unit a CAT tool re-segmented is joined back."""
    unit_id = element.get("id", "")
    sources: list[str] = []
    targets: list[str] = []
    states: list[str] = []
    untranslated = False
    for part in element:
        if part.tag not in (xlf("segment"), xlf("ignorable")):
            continue
        source = _text(part.find(xlf("source")), unit_id, name)
        target_element = part.find(xlf("target"))
        if part.tag == xlf("ignorable"):
            target = source if target_element is None else _text(target_element, unit_id, name)
        else:
            target = _text(target_element, unit_id, name)
            states.append(_state(part, unit_id, name))
            # One untranslated piece leaves the whole sentence untranslated.
            untranslated = untranslated or not normalize_text(target)
        sources.append(source)
        targets.append(target)
    if not states:
        raise XliffError(f"{name}: unit {shown(unit_id)} has no <segment>")
    # Targets come from outside: the same clean-up as article text (sources are only
    # compared with the article's own).
    target_text = "" if untranslated else normalize_text(remove_unsafe(" ".join(targets)))
    state = min(states, key=STATES.index)
    return _Unit(unit_id, normalize_text(" ".join(sources)), target_text, state)


def _text(element: etree._Element | None, unit_id: str, name: str) -> str:
    """The text of a <source> or <target>."""
    if element is None:
        return ""
    try:
        return inline_text(element)
    except ValueError as exc:
        raise XliffError(
            f"{name}: unit {shown(unit_id)} has <cp hex={shown(str(exc))}/>, "
            "which is not a character"
        ) from None


def _state(segment: etree._Element, unit_id: str, name: str) -> str:
    state = segment.get("state", "initial")
    if state not in STATES:
        raise XliffError(
            f"{name}: unit {shown(unit_id)} has state {shown(state)} "
            f"(XLIFF 2 states: {', '.join(STATES)})"
        )
    return state


LANGUAGE_SAMPLE = 5000
"""Characters of the targets read to tell their language (enough for a verdict)."""
MIN_LANGUAGE_WORDS = 12
"""Fewest words (names and numbers aside) on which a kit's language is judged."""


def _check_language(
    texts: dict[str, str], lang: str, source_lang: str, written: str, name: str
) -> None:
    """Refuse targets written in another language than the kit's ``trgLang`` says (a
    French kit relabelled ``ar`` would be published as Arabic)."""
    sample = " ".join(texts.values())[:LANGUAGE_SAMPLE]
    if len(language_words(sample)) < MIN_LANGUAGE_WORDS:
        return  # too little text to judge: a few names or numbers say nothing
    found = identify(sample, plausible(lang, source_lang))
    if found.lang is None or found.lang == lang:
        return
    raise XliffError(
        f"{name} says it translates into {shown(written)} ({LANGUAGES[lang].name}) but its "
        f"targets are in {LANGUAGES[found.lang].name}: correct its trgLang, or give the "
        "right file"
    )


def _check_matches(units: list[_Unit], doc: Document, name: str) -> None:
    segments = doc.segment_map()
    for unit in units:
        segment = segments.get(unit.id)
        if segment is None:
            raise XliffError(
                f"{name} has unit {shown(unit.id)}, which is not in the article: {REEXPORT}"
            )
        if unit.source != normalize_text(segment.text):
            raise XliffError(
                f"{name}: the source of unit {shown(unit.id)} differs from the article: {REEXPORT}"
            )
    ids = {unit.id for unit in units}
    missing = next((s.id for s in doc.segments() if s.id not in ids), None)
    if missing is not None:
        raise XliffError(f"{name} has no unit for segment {shown(missing)}: {REEXPORT}")
