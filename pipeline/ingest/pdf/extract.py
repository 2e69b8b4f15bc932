"""The reader process: PDFium turns a PDF's bytes into pages of lines.

``python -m pipeline.ingest.pdf.extract MEMORY SECONDS PAGES CHARS`` reads a PDF on
standard input and prints one JSON object: ``{"pages": [...]}``, or ``{"error":
KIND, ...}`` when the file cannot be read or has more than PAGES pages or CHARS
characters.  It first limits its own memory (bytes of address space) and processor
time, because a hostile PDF can make any reader use gigabytes or work for hours;
``isolate`` runs it and turns what happens into Kuma's errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.ingest.pdf.characters import read_page
from pipeline.ingest.pdf.page import page_to_json

PDF_SIGNATURE = b"%PDF-"
"""How a PDF starts (readers accept it anywhere in the first kilobyte)."""
_OPEN_ERRORS = {4: "password", 5: "security"}
"""PDFium's reasons (``FPDF_ERR_*``) that are not damage: a password, an unknown scheme."""


def read_pdf_pages(data: bytes, max_pages: int, max_chars: int) -> dict[str, Any]:
    """The pages of a PDF as JSON-ready data, or the reason it cannot be read."""
    if PDF_SIGNATURE not in data[:1024]:
        return {"error": "not-pdf"}
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)  # PDFium tries the empty password itself
    except pdfium.PdfiumError as exc:
        return {"error": _OPEN_ERRORS.get(exc.err_code or 0, "damaged")}
    with document:
        count = len(document)
        if count == 0:
            return {"error": "no-pages"}
        if count > max_pages:
            return {"error": "pages", "count": count}
        return _pages(document, count, max_chars)


def _pages(document: Any, count: int, max_chars: int) -> dict[str, Any]:
    pages: list[dict[str, Any]] = []
    chars = 0
    for index in range(count):
        with _opened(document, index) as opened:
            if opened is None:
                continue
            page, textpage = opened
            chars += textpage.count_chars()
            if chars > max_chars:
                return {"error": "text", "count": chars + _remaining(document, index + 1)}
            pages.append(page_to_json(read_page(page, textpage, index + 1)))
    if not pages:  # every page is damaged
        return {"error": "damaged"}
    return {"pages": pages}


@contextmanager
def _opened(document: Any, index: int) -> Iterator[tuple[Any, Any] | None]:
    """A page and its text, closed afterwards; None when the page itself is damaged."""
    import pypdfium2 as pdfium

    try:
        page = document[index]
    except pdfium.PdfiumError:
        yield None
        return
    try:
        textpage = page.get_textpage()
    except pdfium.PdfiumError:
        page.close()
        yield None
        return
    try:
        yield page, textpage
    finally:
        textpage.close()
        page.close()


def _remaining(document: Any, start: int) -> int:
    """Characters on the pages from ``start`` on (counted only to report a size)."""
    total = 0
    for index in range(start, len(document)):
        with _opened(document, index) as opened:
            total += opened[1].count_chars() if opened else 0
    return total


def _limit(memory: int, seconds: int) -> None:
    """Cap this process's address space and processor time (where the system allows)."""
    try:
        import resource
    except ImportError:  # not on POSIX: the parent's timeout still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))


def main(argv: list[str]) -> int:
    """Read a PDF from standard input and print its pages as JSON."""
    memory, seconds, max_pages, max_chars = (int(arg) for arg in argv)
    _limit(memory, seconds)
    data = sys.stdin.buffer.read()
    try:
        result = read_pdf_pages(data, max_pages, max_chars)
    except MemoryError:
        result = {"error": "memory"}
    sys.stdout.buffer.write(json.dumps(result).encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
