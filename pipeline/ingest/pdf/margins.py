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


def _is_furniture(line: Line, page: Page, running: dict[str, list[float]]) -> bool:
    side = _side(line, page)
    if side is None:
        return False
    if PAGE_NUMBER.fullmatch(line.text.strip()):
        return True
    heights = running.get(f"{side}:{_key(line.text)}", [])
    return any(abs(line.baseline - height) <= _SAME_HEIGHT for height in heights)


def _running_lines(pages: list[Page]) -> dict[str, list[float]]:
    """Heights at which each margin line (digits aside) recurs on enough pages."""
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            side = _side(line, page)
            if side is not None:
                seen[f"{side}:{_key(line.text)}"].append((page.number, line.baseline))
    needed = 2 if len(pages) <= 5 else 3
    running: dict[str, list[float]] = {}
    for key, places in seen.items():
        heights = [h for _, h in places if _pages_at(places, h) >= needed]
        if heights:
            running[key] = heights
    return running


def _pages_at(places: list[tuple[int, float]], height: float) -> int:
    """On how many pages a line sits at about this height."""
    return len({number for number, h in places if abs(h - height) <= _SAME_HEIGHT})


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
