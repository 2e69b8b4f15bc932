"""What a PDF page holds for Kuma: lines of text, where they sit and how they are set.

The reader process (``extract``) finds these lines and sends them as JSON; everything
after it (margins, columns, paragraphs) works on them alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Line:
    """One line of text as the page shows it (a column's line, or a cell of a row)."""

    text: str
    """Its characters, with spaces between words."""
    x0: float
    """Left edge, in points from the left of the page."""
    x1: float
    """Right edge, in points from the left of the page."""
    top: float
    """Top of its characters, in points from the top of the page."""
    baseline: float
    """Baseline, in points from the top of the page."""
    size: float
    """Font size of most of its characters, in points."""
    bold: bool = False
    """Whether most of its characters are set in a bold font."""

    def moved(self, **changes: Any) -> Line:
        """A copy with some fields changed."""
        return replace(self, **changes)


@dataclass(frozen=True)
class Page:
    """One page: its size and its lines in the order the file draws them."""

    number: int
    """Page number, from 1."""
    width: float
    """Width in points."""
    height: float
    """Height in points."""
    lines: tuple[Line, ...]
    """Its lines of text."""


def page_to_json(page: Page) -> dict[str, Any]:
    """A page as JSON-ready data, compact: one short list per line."""
    return {
        "number": page.number,
        "width": round(page.width, 2),
        "height": round(page.height, 2),
        "lines": [
            [line.text, *(round(v, 2) for v in _box(line)), round(line.size, 2), line.bold]
            for line in page.lines
        ],
    }


def page_from_json(data: dict[str, Any]) -> Page:
    """The page ``page_to_json`` described."""
    lines = tuple(
        Line(text, x0, x1, top, baseline, size, bold)
        for text, x0, x1, top, baseline, size, bold in data["lines"]
    )
    return Page(data["number"], data["width"], data["height"], lines)


def _box(line: Line) -> tuple[float, float, float, float]:
    return (line.x0, line.x1, line.top, line.baseline)
