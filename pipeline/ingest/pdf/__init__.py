"""PDF reports: the text layer read in reading order, with their headings and paragraphs.

A separate process reads the file with PDFium (``isolate``, ``extract``); then page
furniture goes (``margins``), right-to-left pages are mirrored (``direction``), each
page is read column by column (``columns``),
lines group into blocks by their spacing, indents and list markers (``blocks``),
which become the title, headings, paragraphs and list items by their size and
weight (``typography``, ``pieces``), with words hyphenated at line ends put back
together (``pipeline.ingest.hyphens``).

Why PDFium (pypdfium2; BSD-3-Clause and Apache-2.0): like pdfplumber it gives each
character's box, size and font, which headings and column gutters need, but it
read 120 report pages in about 1 s where pdfplumber took about 4 s, rebuilds damaged
cross-reference tables, and marks the hyphens it finds at line ends.  pypdf is
faster still but places text only per drawing operation, without glyph widths.
PDFium's weakness, native code that a PDF bomb can keep busy for minutes and
gigabytes, is why it runs in a process of its own.
"""

from __future__ import annotations

from pipeline.errors import InputError
from pipeline.ingest.layout import Piece
from pipeline.ingest.pdf.columns import reading_order
from pipeline.ingest.pdf.direction import read_as_shown
from pipeline.ingest.pdf.isolate import read_pages
from pipeline.ingest.pdf.margins import remove_margins
from pipeline.ingest.pdf.page import Page
from pipeline.ingest.pdf.pieces import pieces_from_pages

__all__ = ["read_pdf"]


def read_pdf(data: bytes, name: str) -> list[Piece]:
    """Read a ``.pdf`` file's text into pieces; InputError for a scan without text."""
    pages = [read_as_shown(page) for page in remove_margins(read_pages(data, name))]
    check_text_layer(pages, name)
    return pieces_from_pages([(page, reading_order(page)) for page in pages])


def check_text_layer(pages: list[Page], name: str) -> None:
    """Refuse a scan: no text at all, or none on most pages (a typed cover on a scan).

    Running headers and page numbers do not count: a scanner or a printer may add them.
    """
    bare = sum(1 for page in pages if not page.lines)
    if bare == len(pages):
        raise InputError(f"{name} has no text layer (scanned?): run OCR on it first")
    if bare * 2 > len(pages):
        raise InputError(
            f"{name} has no text layer on {bare} of {len(pages)} pages (scanned?): "
            "run OCR on it first"
        )
