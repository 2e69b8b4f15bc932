"""What Kuma knows of XLIFF 2 markup: namespaces, states, text in and out of inline content.

Shared by the kit writer (``kit.py``) and reader (``kit_reader.py``) so both agree on
how a segment's text becomes XML and back: characters XML 1.0 cannot carry travel as
``<cp hex="..."/>``, and whitespace is compared the way XML tools treat it.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from pipeline.langs import LANGUAGES

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_1_NS = "urn:oasis:names:tc:xliff:document:1.2"
GLOSSARY_NS = "urn:oasis:names:tc:xliff:glossary:2.0"
METADATA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
ITS_NS = "http://www.w3.org/2005/11/its"
"""The W3C ITS 2.0 namespace, which XLIFF 2.1's ITS Module uses as it is."""
XML_NS = "http://www.w3.org/XML/1998/namespace"
XLIFF_VERSION = "2.1"

NSMAP = {None: XLIFF_NS, "gls": GLOSSARY_NS, "mda": METADATA_NS}

STATES = ("initial", "translated", "reviewed", "final")
"""XLIFF 2 segment states, from least to most finished."""

META_CATEGORY = "kuma"
"""``category`` of the ``mda:metaGroup`` that holds Kuma's own facts about a kit."""

# XML 1.0 ``Char``: everything else must travel as <cp hex="..."/>.
_NOT_XML_CHAR = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Only XML's own whitespace: no-break spaces are typography (French « »), not layout.
_XML_SPACE = re.compile("[ \t\n\r]+")


def xlf(tag: str) -> str:
    """Qualified name of an XLIFF core element."""
    return f"{{{XLIFF_NS}}}{tag}"


def gls(tag: str) -> str:
    """Qualified name of a Glossary module element."""
    return f"{{{GLOSSARY_NS}}}{tag}"


def mda(tag: str) -> str:
    """Qualified name of a Metadata module element."""
    return f"{{{METADATA_NS}}}{tag}"


def its(tag: str) -> str:
    """Qualified name of an ITS element or attribute."""
    return f"{{{ITS_NS}}}{tag}"


def normalize_text(text: str) -> str:
    """NFC, XML whitespace runs collapsed to one space, no space at either end."""
    return unicodedata.normalize("NFC", _XML_SPACE.sub(" ", text)).strip(" ")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (for notes, which have no <cp>)."""
    return _NOT_XML_CHAR.sub("", text)


def set_inline_text(element: etree._Element, text: str) -> None:
    """Put ``text`` into a <source> or <target>, escaping non-XML characters as <cp>."""
    parts = _NOT_XML_CHAR.split(text)
    specials = _NOT_XML_CHAR.findall(text)
    element.text = parts[0]
    for char, tail in zip(specials, parts[1:], strict=True):
        cp = etree.SubElement(element, xlf("cp"), hex=f"{ord(char):04X}")
        cp.tail = tail


_HEX = re.compile(r"[0-9A-Fa-f]{1,6}\Z")


def code_point(hex_value: str) -> str:
    """The character a <cp hex="..."/> stands for.

    Raises ValueError when it is not one: not hexadecimal, beyond U+10FFFF, or a
    surrogate (which is half of a UTF-16 pair, never a character alone).
    """
    if not _HEX.match(hex_value):
        raise ValueError(hex_value)
    code = int(hex_value, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ValueError(hex_value)
    return chr(code)


def inline_text(element: etree._Element) -> str:
    """The plain text of inline content: text of codes and markers kept, <cp> decoded.

    Raises ValueError for a <cp> whose ``hex`` is not a character.
    """
    parts = [element.text or ""]
    for child in element:
        if child.tag == xlf("cp"):
            parts.append(code_point(child.get("hex", "")))
        elif isinstance(child.tag, str):  # comments and processing instructions carry no text
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def language_for_tag(tag: str) -> str | None:
    """Kuma's code for a BCP-47 tag (``fr``, ``fr-ML`` -> ``fr``), or None when unknown."""
    wanted = tag.strip().lower().replace("_", "-")
    for language in LANGUAGES.values():
        if language.bcp47.lower() == wanted:
            return language.code
    primary = wanted.split("-", 1)[0]
    return primary if primary in LANGUAGES else None
