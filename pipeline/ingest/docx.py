"""Word documents (.docx): paragraph styles say what each paragraph is.

Title and Heading styles give the title and subheadings (a first "Heading 1"
is the title when no paragraph uses the Title style), List styles and numbered
paragraphs give list items, Quote styles quotes, the Caption style captions.
Styles derived from these count as them.  Tables are read row by row.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from pipeline.document import BlockKind
from pipeline.errors import InputError
from pipeline.ingest.archive import check_archive
from pipeline.ingest.layout import Piece

_MAIN_PART = "word/document.xml"

_STYLE_KINDS = {
    "title": BlockKind.TITLE,
    "subtitle": BlockKind.SUBHEADING,
    "quote": BlockKind.QUOTE,
    "intense quote": BlockKind.QUOTE,
    "caption": BlockKind.CAPTION,
}


def read_docx(data: bytes, name: str) -> list[Piece]:
    """Read a ``.docx`` file into pieces."""
    document = _open(data, name)
    has_title = any("title" in _style_names(p.style) for p in document.paragraphs)
    pieces: list[Piece] = []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            pieces.extend(Piece(BlockKind.PARAGRAPH, _row_text(row)) for row in item.rows)
        else:
            pieces.append(Piece(_paragraph_kind(item, has_title), item.text))
    return pieces


def _open(data: bytes, name: str) -> Any:
    """Open the package, or say plainly why it is not a Word document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    problem = _package_problem(data, name)
    if problem:
        raise InputError(f"{name} is not a valid .docx file ({problem})")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile):
        raise InputError(f"{name} is not a valid .docx file (it cannot be opened)") from None


def _package_problem(data: bytes, name: str) -> str | None:
    """What is wrong with the ZIP package, checked before python-docx sees it
    (a zip bomb is refused here, before anything is unpacked)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return "not a ZIP archive"
    with check_archive(data, name) as package:
        try:
            package.getinfo(_MAIN_PART)
        except KeyError:
            return f"no {_MAIN_PART} inside"
    return None


def _paragraph_kind(paragraph: Any, has_title: bool) -> BlockKind:
    kind = _style_kind(paragraph.style, has_title)
    if kind is None:
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        kind = BlockKind.LIST_ITEM if numbered else BlockKind.PARAGRAPH
    return kind


def _style_kind(style: Any, has_title: bool) -> BlockKind | None:
    """The kind a paragraph style (or the style it is based on) gives, if any."""
    for name in _style_names(style):
        if name in _STYLE_KINDS:
            return _STYLE_KINDS[name]
        if name == "heading 1" and not has_title:
            return BlockKind.TITLE
        if name.startswith("heading"):
            return BlockKind.SUBHEADING
        if name.startswith("list"):
            return BlockKind.LIST_ITEM
    return None


def _style_names(style: Any) -> Iterator[str]:
    """Lowercase names of a style and the styles it is based on."""
    seen = 0
    while style is not None and seen < 10:  # a corrupt file may base a style on itself
        yield (style.name or "").lower()
        style = style.base_style
        seen += 1


def _row_text(row: Any) -> str:
    """A table row as one line; a merged cell appears once."""
    texts: list[str] = []
    for cell in row.cells:
        if cell.text.strip() and (not texts or texts[-1] != cell.text):
            texts.append(cell.text)
    return "; ".join(texts)
