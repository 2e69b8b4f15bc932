"""HTML pages: trafilatura keeps the article and drops the page around it.

Navigation, scripts, styles, cookie banners, share bars, related links and
footers go; the article's structure (headings, paragraphs, quotes, lists,
tables) survives through trafilatura's XML output.  Only text is kept, never
markup.  trafilatura drops ``<figure>`` elements, so their captions are first
turned into level-six headings, which come back as captions.
"""

from __future__ import annotations

from typing import Any

from pipeline.document import BlockKind
from pipeline.errors import InputError
from pipeline.ingest.decode import decode
from pipeline.ingest.layout import Piece

_CAPTION_HEADING = "h6"
_MIN_ALT_WORDS = 3
"""Alt text shorter than this ("logo", "photo") says nothing worth a caption."""


def read_html(data: bytes, name: str) -> list[Piece]:
    """Read an ``.html`` page into pieces: its title first, then the article's body."""
    import trafilatura
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(decode(data, name, markup=True))
    if tree is None:
        raise InputError(f"{name} is not a readable HTML page")
    _captions_as_headings(tree)
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_images=True,
        include_tables=True,
        include_links=False,
        include_formatting=False,
    )
    if xml is None:
        return []
    doc = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for lb in doc.iter("lb"):  # a line break inside a paragraph separates words
        lb.tail = " " + (lb.tail or "")
    pieces = [piece for element in doc.iterfind("main/*") for piece in _element_pieces(element)]
    title = doc.get("title")
    if title and not any(p.kind is BlockKind.TITLE for p in pieces):
        pieces.insert(0, Piece(BlockKind.TITLE, title))
    return pieces


def _captions_as_headings(tree: Any) -> None:
    """Replace each ``<figure>`` by an ``<h6>`` holding its caption (or its image's alt text)."""
    from lxml import etree

    for heading in tree.iter(_CAPTION_HEADING):
        heading.tag = "h5"  # the page's own h6 headings stay headings
    for figure in list(tree.iter("figure")):
        caption = figure.find(".//figcaption")
        image = figure.find(".//img")
        text = _text(caption) if caption is not None else ""
        if not text and image is not None:
            text = image.get("alt") or ""
        replacement = etree.Element(_CAPTION_HEADING)
        replacement.text = text
        replacement.tail = figure.tail
        figure.getparent().replace(figure, replacement)


def _element_pieces(element: Any) -> list[Piece]:
    """Pieces for one element of trafilatura's XML."""
    tag = element.tag
    if tag == "head":
        return [Piece(_heading_kind(element.get("rend", "")), _text(element))]
    if tag == "quote":
        inner = element.findall("p")
        texts = [_text(p) for p in inner] if inner else [_text(element)]
        return [Piece(BlockKind.QUOTE, text) for text in texts]
    if tag == "list":
        return _list_pieces(element)
    if tag == "table":
        return [Piece(BlockKind.PARAGRAPH, _row_text(row)) for row in element.iter("row")]
    if tag == "graphic":
        alt = element.get("title") or element.get("alt") or ""
        return [Piece(BlockKind.CAPTION, alt)] if len(alt.split()) >= _MIN_ALT_WORDS else []
    return [Piece(BlockKind.PARAGRAPH, _text(element))]


def _heading_kind(rend: str) -> BlockKind:
    if rend == "h1":
        return BlockKind.TITLE
    if rend == _CAPTION_HEADING:
        return BlockKind.CAPTION
    return BlockKind.SUBHEADING


def _list_pieces(element: Any) -> list[Piece]:
    """One piece per list item; a nested list's items follow their parent item."""
    pieces: list[Piece] = []
    for item in element.iterfind("item"):
        own = [item.text or ""]
        own += [_text(child) + (child.tail or "") for child in item if child.tag != "list"]
        pieces.append(Piece(BlockKind.LIST_ITEM, "".join(own)))
        for sublist in item.iterfind("list"):
            pieces.extend(_list_pieces(sublist))
    return pieces


def _row_text(row: Any) -> str:
    """A table row as one line, its cells separated by semicolons."""
    return "; ".join(text for text in (_text(cell) for cell in row.iter("cell")) if text.strip())


def _text(element: Any) -> str:
    return "".join(element.itertext())
