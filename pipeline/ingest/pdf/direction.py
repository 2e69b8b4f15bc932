"""Pages written right to left (Arabic) are read as the mirror image of left-to-right ones.

Their lines already hold their characters in reading order (``lines``); mirroring
the page lets columns, indents and list markers follow the rules written for
left-to-right pages: the first column is then the rightmost one, and a first line
is indented from the right.
"""

from __future__ import annotations

import unicodedata

from pipeline.ingest.pdf.page import Page


def right_to_left(text: str) -> bool:
    """Whether letters written right to left outnumber those written left to right."""
    balance = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        balance += (kind in ("R", "AL")) - (kind == "L")
    return balance > 0


def read_as_shown(page: Page) -> Page:
    """The page as left-to-right rules should see it: mirrored when it is right to left."""
    if not right_to_left(" ".join(line.text for line in page.lines)):
        return page
    lines = tuple(
        line.moved(x0=page.width - line.x1, x1=page.width - line.x0) for line in page.lines
    )
    return Page(page.number, page.width, page.height, lines)
