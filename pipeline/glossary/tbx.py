"""TBX export and import.

Written as TBX-Basic in its ISO 30042:2008 ``martif`` form, the one Weblate
(through the Translate Toolkit) and most CAT tools import:

- one ``termEntry`` per term, ``id`` = the term id, the Kuma type as
  ``<descrip type="subjectField">`` and the translator note as ``<note>``;
- one ``langSet`` per language, the explanation as ``<descrip type="definition">``
  and the pronunciation hint as ``<note>Pronunciation: ...</note>``;
- one ``tig`` per form, preferred first: ``administrativeStatus`` is
  ``preferredTerm-admn-sts`` for it and ``admittedTerm-admn-sts`` for aliases,
  and acronyms carry ``<termNote type="termType">acronym</termNote>``.

Reading accepts the same, and TBX v3 (``conceptEntry``/``langSec``/``termSec``).
Files are parsed without network access, DTD loading or entity expansion; a
DOCTYPE with an internal subset (where entities are declared) is refused.  A bare
external DOCTYPE, which the Translate Toolkit writes, is accepted and never fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from pipeline.errors import GlossaryError, one_line
from pipeline.glossary.match import is_acronym
from pipeline.glossary.model import Term
from pipeline.glossary.rows import LANGS, RowError, UniqueTerms, check_term
from pipeline.langs import LANGUAGES
from pipeline.sanitize import clean_line

if TYPE_CHECKING:
    from pipeline.glossary.glossary import Glossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
PRONUNCIATION = "Pronunciation: "
_ENTRY_TAGS = ("termEntry", "conceptEntry")
_LANG_TAGS = ("langSet", "langSec")
_TERM_TAGS = ("tig", "ntig", "termSec")


def dump_tbx(glossary: Glossary) -> bytes:
    """The glossary as a TBX-Basic document (UTF-8 bytes)."""
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    _add(etree.SubElement(file_desc, "titleStmt"), "title", "Kuma glossary")
    name = glossary.path.name if glossary.path else "glossary"
    source = f"Exported by Kuma from {name} (sha256 {glossary.version})"
    _add(etree.SubElement(file_desc, "sourceDesc"), "p", source)
    _add(etree.SubElement(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for term in glossary.terms:
        body.append(_entry(term))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _entry(term: Term) -> etree._Element:
    entry = etree.Element("termEntry", id=term.id)
    _add(entry, "descrip", term.type, type="subjectField")
    if term.note:
        _add(entry, "note", term.note)
    for lang in LANGS:
        forms = term.all_forms(lang)
        explanation = term.explanations.get(lang)
        pronunciation = term.pronunciations.get(lang)
        if not (forms or explanation or pronunciation):
            continue
        lang_set = etree.SubElement(entry, "langSet", {XML_LANG: lang})
        if explanation:
            _add(lang_set, "descrip", explanation, type="definition")
        if pronunciation:
            _add(lang_set, "note", PRONUNCIATION + pronunciation)
        for index, form in enumerate(forms):
            tig = etree.SubElement(lang_set, "tig")
            _add(tig, "term", form)
            if is_acronym(form):
                _add(tig, "termNote", "acronym", type="termType")
            _add(tig, "termNote", ADMITTED if index else PREFERRED, type="administrativeStatus")
    return entry


def _add(parent: etree._Element, tag: str, text: str, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    element.text = text
    return element


def parse_tbx(data: bytes, name: str) -> list[Term]:
    """Read and check TBX bytes; ``name`` starts every error message."""
    root = _safe_root(data, name)
    terms: list[Term] = []
    unique = UniqueTerms()
    entries = [e for e in root.iter(etree.Element) if _local(e) in _ENTRY_TAGS]
    for entry in entries:
        try:
            term = _term(entry)
            check_term(term)
            unique.add(term)
        except RowError as exc:
            raise GlossaryError(f"{name} line {entry.sourceline}: {exc}") from None
        terms.append(term)
    return terms


def _safe_root(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"{name}: not well-formed XML ({one_line(str(exc), 160)})") from None
    subset = tree.docinfo.internalDTD
    declares = subset is not None and (list(subset.iterentities()) or list(subset.elements()))
    if declares or any(isinstance(n, etree._Entity) for n in tree.iter()):
        raise GlossaryError(f"{name}: refusing a DOCTYPE that declares entities or elements")
    root = tree.getroot()
    if _local(root) not in ("martif", "tbx"):
        raise GlossaryError(f"{name}: not a TBX file (root element is <{_local(root)}>)")
    return root


def _term(entry: etree._Element) -> Term:
    term_id = clean_line(entry.get("id") or "")
    forms: dict[str, str] = {}
    aliases: dict[str, tuple[str, ...]] = {}
    explanations: dict[str, str] = {}
    pronunciations: dict[str, str] = {}
    for lang_set in _children(entry, *_LANG_TAGS):
        lang = _language(lang_set.get(XML_LANG, ""), term_id)
        if lang in forms or lang in explanations or lang in pronunciations:
            raise RowError(f"two langSets for {lang!r} in {term_id!r}")
        found = _forms(lang_set)
        if found:
            forms[lang] = found[0]
            if found[1:]:
                aliases[lang] = tuple(found[1:])
        if definition := _first_text(lang_set, "descrip", "definition"):
            explanations[lang] = definition
        for note in _children(lang_set, "note"):
            if _text(note).startswith(PRONUNCIATION):
                pronunciations[lang] = _text(note)[len(PRONUNCIATION) :].strip()
    notes = [_text(n) for n in _children(entry, "note") if _text(n)]
    return Term(
        id=term_id,
        type=_first_text(entry, "descrip", "subjectField") or "term",
        forms=forms,
        aliases=aliases,
        explanations=explanations,
        pronunciations=pronunciations,
        note="\n".join(notes),
    )


def _forms(lang_set: etree._Element) -> list[str]:
    """Forms of one language, the preferred one first (else the first one written)."""
    preferred: list[str] = []
    others: list[str] = []
    for group in _children(lang_set, *_TERM_TAGS):
        # An ntig nests its term and notes in a termGrp: search the whole group.
        form = next((_text(e) for e in _descendants(group, "term")), "")
        if not form:
            continue
        notes = _descendants(group, "termNote")
        status = next((_text(e) for e in notes if e.get("type") == "administrativeStatus"), "")
        (preferred if status.startswith("preferred") else others).append(form)
    return list(dict.fromkeys(preferred + others))


def _language(tag: str, term_id: str) -> str:
    code = tag.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise RowError(f"unknown language {tag!r} in {term_id!r}")
    return code


def _children(parent: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in parent if isinstance(c.tag, str) and _local(c) in names]


def _descendants(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    return (e for e in parent.iter(etree.Element) if _local(e) == tag)


def _first_text(parent: etree._Element, tag: str, kind: str) -> str:
    for element in _children(parent, tag):
        if element.get("type") == kind and _text(element):
            return _text(element)
    return ""


def _text(element: etree._Element) -> str:
    return clean_line("".join(element.itertext()))


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname
