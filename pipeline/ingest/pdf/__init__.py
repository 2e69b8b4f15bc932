"""PDF reports: the text layer read in reading order, with their headings and paragraphs.

A separate process reads the file with PDFium (``isolate``, ``extract``); then page
furniture goes (``margins``), each page is read column by column (``columns``),
lines become headings, paragraphs and list items by their size, weight and spacing
(``paragraphs``), and words hyphenated at line ends are put back together.
"""

from __future__ import annotations

from pipeline.errors import InputError
from pipeline.ingest.layout import Piece
from pipeline.ingest.pdf.columns import reading_order
from pipeline.ingest.pdf.isolate import read_pages
from pipeline.ingest.pdf.margins import remove_margins
from pipeline.ingest.pdf.paragraphs import pieces_from_pages

__all__ = ["read_pdf"]


def read_pdf(data: bytes, name: str) -> list[Piece]:
    """Read a ``.pdf`` file's text into pieces; InputError for a scan without text."""
    pages = remove_margins(read_pages(data, name))
    if not any(page.lines for page in pages):
        raise InputError(f"{name} has no text layer (scanned?): run OCR on it first")
    return pieces_from_pages([(page, reading_order(page)) for page in pages])
