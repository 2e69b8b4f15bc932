"""The reader process: PDFium turns a PDF's bytes into pages of lines.

``python -m pipeline.ingest.pdf.extract MEMORY SECONDS PAGES CHARS`` reads a PDF on
standard input and prints one JSON object: ``{"pages": [...]}``, or ``{"error":
KIND, ...}`` when the file cannot be read or has more than PAGES pages or CHARS
characters.  It first limits its own memory (bytes of address space) and processor
time, because a hostile PDF can make any reader use gigabytes or work for hours;
``isolate`` runs it and turns what happens into Kuma's errors.
"""

from __future__ import annotations

import ctypes
import json
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.pdf.lines import Char, group_lines, spelt_out
from pipeline.ingest.pdf.page import Page, page_to_json

Shown = Callable[[float, float], tuple[float, float]]

PDF_SIGNATURE = b"%PDF-"
"""How a PDF starts (readers accept it anywhere in the first kilobyte)."""
_OPEN_ERRORS = {4: "password", 5: "security"}
"""PDFium's reasons (``FPDF_ERR_*``) that are not damage: a password, an unknown scheme."""
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "extrab", "ultrab")
_FORCE_BOLD = 1 << 18
_UPRIGHT = math.cos(math.radians(5))
"""Characters turned more than 5 degrees from the page's reading direction are left out."""
_BULLETS = {0xF0B7, 0xF0A7, 0xF06E, 0xF076, 0xF0D8, 0xF0FC, 0xF0E0, 0xF0A8}
"""Symbol and Wingdings bullets, which fonts put in the private use area."""


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
            pages.append(page_to_json(_page(page, textpage, index + 1)))
    if count and not pages:
        return {"error": "damaged"}
    return {"pages": pages}


def _page(page: Any, textpage: Any, number: int) -> Page:
    """One page's lines, placed as the page is shown (turned by its /Rotate)."""
    width, height = page.get_size()  # as shown: PDFium has turned it already
    rotation = page.get_rotation()
    shown = _shown(rotation, width, height)
    upright = math.radians((360 - rotation) % 360)
    return Page(number, width, height, tuple(group_lines(_chars(textpage, shown, upright))))


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


def _chars(textpage: Any, shown: Shown, upright: float) -> Iterator[Char]:
    """The page's characters in drawing order; spaces and line breaks only mark a space.

    ``shown`` places a point on the page as a reader sees it; characters not at the
    ``upright`` angle (radians, in the page's own space) are turned text and left out.
    """
    import pypdfium2.raw as raw

    handle = textpage.raw
    box, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    styles = _Styles(handle, upright)
    space = written = False
    high = 0
    for index in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(handle, index)
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        text = _character(code, high)
        high = 0
        if not text or text.isspace():  # PDFium's own word and line breaks are spaces too
            space = True
            written = written or raw.FPDFText_IsGenerated(handle, index) == 0
            continue
        style = styles.of(index)
        if not style.upright:
            continue  # turned text: watermarks, labels along the margin
        raw.FPDFText_GetLooseCharBox(handle, index, box)
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        (x0, y0), (x1, y1) = shown(box.left, box.bottom), shown(box.right, box.top)
        size = style.size if style.size > 0 else max(abs(y1 - y0), 1.0)  # Type 3 fonts
        baseline = shown(x.value, y.value)[1]
        left, right, top = min(x0, x1), max(x0, x1), min(y0, y1)
        yield Char(text, left, right, top, baseline, size, style.bold, space, written)
        space = written = False


def _shown(rotation: int, width: float, height: float) -> Shown:
    """Where a point of the page's own space (y up) appears on the page as shown (y down).

    ``rotation`` is the page's /Rotate, the degrees clockwise viewers turn it;
    ``width`` and ``height`` are those of the page as shown.
    """
    turns: dict[int, Shown] = {
        0: lambda x, y: (x, height - y),
        90: lambda x, y: (y, x),
        180: lambda x, y: (width - x, y),
        270: lambda x, y: (width - y, height - x),
    }
    return turns[rotation % 360]


def _character(code: int, high: int) -> str:
    """The text of one character code (a surrogate pair's second half completes it)."""
    if 0xDC00 <= code < 0xE000:
        return chr(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) if high else ""
    if code in (0x02, 0xFFFE):
        return "-"  # PDFium's marks for a hyphen that ends a line
    if code in _BULLETS:
        return "•"
    if 0xE000 <= code < 0xF900 or code in (0, 0xFFFF):
        return ""  # private-use icons carry no words
    return spelt_out(chr(code))


@dataclass(frozen=True)
class _Style:
    """How one text object sets its characters."""

    size: float
    """Font size in points (0 when the font does not say)."""
    bold: bool
    """Whether the font is bold."""
    upright: bool
    """Whether it reads in the page's direction (not turned)."""


class _Styles:
    """The style of a character's text object, looked up once per object."""

    def __init__(self, textpage: Any, upright: float) -> None:
        self._textpage = textpage
        self._upright = upright
        self._known: dict[int, _Style] = {}

    def of(self, index: int) -> _Style:
        import pypdfium2.raw as raw

        key = ctypes.cast(raw.FPDFText_GetTextObject(self._textpage, index), ctypes.c_void_p)
        if key.value is None:
            return self._lookup(index)
        if key.value not in self._known:
            self._known[key.value] = self._lookup(index)
        return self._known[key.value]

    def _lookup(self, index: int) -> _Style:
        import pypdfium2.raw as raw

        angle = raw.FPDFText_GetCharAngle(self._textpage, index)
        return _Style(
            size=raw.FPDFText_GetFontSize(self._textpage, index),
            bold=self._bold(index),
            upright=math.cos(angle - self._upright) >= _UPRIGHT,
        )

    def _bold(self, index: int) -> bool:
        import pypdfium2.raw as raw

        if raw.FPDFText_GetFontWeight(self._textpage, index) >= 600:
            return True
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        raw.FPDFText_GetFontInfo(self._textpage, index, name, len(name), ctypes.byref(flags))
        lowered = name.value.decode("latin-1").lower()
        return bool(flags.value & _FORCE_BOLD) or any(word in lowered for word in _BOLD_NAMES)


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
