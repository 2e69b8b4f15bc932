"""What printed pages carry in their margins: running headers and footers, page numbers.

Only lines in the top and bottom margins are looked at.  A line there is furniture
when it is a page number ("7", "- 7 -", "Page 7 of 12", "p. 7") or when the same
line, digits aside, comes back at the same height on several pages ("Annual report
2024 | 7").
"""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.ingest.pdf.page import Line, Page

MARGIN = 0.12
"""Share of the page's height, at the top and at the bottom, where furniture is looked for."""
_SAME_HEIGHT = 4.0
"""Points a running line may move from page to page and still be the same line."""

_NUMBER = r"(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))"
PAGE_NUMBER = re.compile(
    rf"""(?ix)
    [-–—]?\s*{_NUMBER}\s*[-–—]?                                    # 7, - 7 -, vii
    | (?:page|pages|pg\.?|p\.|seite|página|pagina|صفحة)\s*{_NUMBER}
      (?:\s*(?:of|sur|de|/|von|من)\s*\d{{1,4}})?                 # Page 7, Page 7 of 12
    | \d{{1,4}}\s*(?:/|of|sur|de)\s*\d{{1,4}}                       # 7 / 12, 7 of 12
    """
)
"""A whole line that is only a page number, in the forms reports use."""


def remove_margins(pages: list[Page]) -> list[Page]:
    """The pages without their running headers, footers and page numbers."""
    running = _running_lines(pages)
    return [
        Page(
            page.number,
            page.width,
            page.height,
            tuple(line for line in page.lines if not _is_furniture(line, page, running)),
        )
        for page in pages
    ]


def _is_furniture(line: Line, page: Page, running: set[tuple[str, int]]) -> bool:
    side = _side(line, page)
    if side is None:
        return False
    if PAGE_NUMBER.fullmatch(line.text.strip()):
        return True
    key, height = _place(side, line)
    return any((key, height + step) in running for step in (-1, 0, 1))


def _running_lines(pages: list[Page]) -> set[tuple[str, int]]:
    """Margin lines (digits aside) and heights, in steps of ``_SAME_HEIGHT``, that recur.

    A line recurs when it stands at about the same height on enough pages: two in a
    document of five pages or fewer, three in a longer one.
    """
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            side = _side(line, page)
            if side is not None:
                seen[_place(side, line)].add(page.number)
    needed = 2 if len(pages) <= 5 else 3
    return {
        (key, height)
        for key, height in seen
        if len(set().union(*(seen.get((key, height + step), ()) for step in (-1, 0, 1)))) >= needed
    }


def _place(side: str, line: Line) -> tuple[str, int]:
    """A margin line's text (numbers blanked out) with its side, and its height in steps."""
    return f"{side}:{_key(line.text)}", round(line.baseline / _SAME_HEIGHT)


def _side(line: Line, page: Page) -> str | None:
    """``top`` or ``bottom`` for a line in a margin, None for the rest of the page."""
    if line.baseline <= page.height * MARGIN:
        return "top"
    if line.top >= page.height * (1 - MARGIN):
        return "bottom"
    return None


def _key(text: str) -> str:
    """A line with its numbers blanked out, so that "Report | 3" and "Report | 4" match."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))
