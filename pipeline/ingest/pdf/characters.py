"""Characters of a page as PDFium reads them, placed on the page as a reader sees it.

PDFium gives each character's box, baseline origin, font size, font and angle in
the page's own space; a page stored turned (/Rotate) is turned back, text at another
angle (a watermark, a label along the margin) is left out, and PDFium's own marks
(the hyphen it found at a line's end, bullets in a symbol font's private area) are
spelt as text.  Only the reader process imports PDFium.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.pdf.lines import Char, group_lines, spelt_out
from pipeline.ingest.pdf.page import Page

Shown = Callable[[float, float], tuple[float, float]]
"""Where a point of the page's own space (x, y up) is on the page as shown (x, y down)."""

_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi", "extrab", "ultrab")
_FORCE_BOLD = 1 << 18
_UPRIGHT = math.cos(math.radians(5))
"""Characters turned more than 5 degrees from the page's reading direction are left out."""
_BULLETS = {0xF0B7, 0xF0A7, 0xF06E, 0xF076, 0xF0D8, 0xF0FC, 0xF0E0, 0xF0A8}
"""Symbol and Wingdings bullets, which fonts put in the private use area."""


def read_page(page: Any, textpage: Any, number: int) -> Page:
    """One PDFium page's lines, placed as the page is shown (turned by its /Rotate)."""
    width, height = page.get_size()  # as shown: PDFium has turned it already
    rotation = page.get_rotation()
    shown = _shown(rotation, width, height)
    upright = math.radians((360 - rotation) % 360)
    return Page(number, width, height, tuple(group_lines(_chars(textpage, shown, upright))))


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
        if not text:
            continue  # icons, and the marks PDFium puts between joined Arabic letters
        if text.isspace():  # PDFium's own word and line breaks are spaces too
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
    if code < 0x20 or 0xE000 <= code < 0xF900 or code == 0xFFFF:
        return ""  # control codes and private-use icons carry no words
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
