"""Lines in reading order grouped into blocks: each a paragraph, a heading or a list item.

Inside a column a new block starts where the style changes, where the gap between
baselines is wider than the usual leading, at a list marker, at an indented first
line, and after a sentence that ends on a short line or before an indented one.
From one column or page to the next, a block goes on when its last line stopped in
the middle of a sentence; footnotes at the foot of a page wait until the paragraph
they interrupt is over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.ingest.furniture import ends_sentence
from pipeline.ingest.pdf.page import Line, Page
from pipeline.ingest.pdf.typography import Typography

PARAGRAPH_GAP = 1.25
"""A gap between baselines this many times the usual leading, or wider, ends a block."""
INDENT = 0.8
"""A first line indented by this many ems, or more, starts a paragraph."""
SHORT_LINE = 0.7
"""A line ending a sentence and filling less than this share of its column ends a block."""

NOTE_SIZE = 0.9
"""Text at most this share of the body size, below the body of a page, is a footnote."""

_NOTE = re.compile(r"[\d*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}[.)]?\s")
_BULLET = re.compile(r"[•◦▪▫‣●○■□➢➤✓✔]\s*")
_MARKER = re.compile(r"(?:[-–*]|\d{1,3}[.)]|[a-z][.)])\s+(?=\S)")


@dataclass
class Block:
    """Consecutive lines that make one paragraph, heading or list item."""

    page: Page
    """The page it starts on."""
    lines: list[Line] = field(default_factory=list)
    """Its lines in reading order."""

    @property
    def first(self) -> Line:
        """Its first line."""
        return self.lines[0]


def group_blocks(pages: list[tuple[Page, list[list[Line]]]], typography: Typography) -> list[Block]:
    """Blocks from each page's line groups (each read top to bottom), in reading order."""
    blocks: list[Block] = []
    notes: list[Block] = []  # footnotes wait until the paragraph they interrupt is over
    for page, groups in pages:
        foot = _footnotes(page, typography)
        for group in groups:
            _add_notes(notes, page, [line for line in group if id(line) in foot])
            body = [line for line in group if id(line) not in foot]
            margins = (
                (min(line.x0 for line in body), max(line.x1 for line in body)) if body else (0, 0)
            )
            for index, line in enumerate(body):
                if blocks and not _new_block(blocks[-1], line, index, typography, margins):
                    blocks[-1].lines.append(line)
                    continue
                if notes and notes[0].page is not page:
                    blocks.extend(notes)
                    notes.clear()
                blocks.append(Block(page, [line]))
    return blocks + notes


def _new_block(
    block: Block, line: Line, index: int, typography: Typography, margins: tuple[float, float]
) -> bool:
    """Whether ``line``, the ``index``-th of its column, starts a block after ``block``."""
    if index == 0:
        return not _carries_on(block, line, typography)
    return _starts(block, line, typography, margins)


def _footnotes(page: Page, typography: Typography) -> set[int]:
    """Ids of the page's footnote lines: small text in its lower half, below all the body."""
    small = typography.body_size * NOTE_SIZE
    body = [line.baseline for line in page.lines if line.size > small]
    if not body:
        return set()
    floor = max(max(body), page.height / 2)
    return {id(line) for line in page.lines if line.size <= small and line.top > floor}


def _add_notes(notes: list[Block], page: Page, lines: list[Line]) -> None:
    """Footnote lines as notes: a number (or a dagger) starts one, other lines go on with it."""
    for line in lines:
        if notes and notes[-1].page is page and not _NOTE.match(line.text):
            notes[-1].lines.append(line)
        else:
            notes.append(Block(page, [line]))


def _starts(block: Block, line: Line, typography: Typography, margins: tuple[float, float]) -> bool:
    """Whether ``line``, right below the block's last line in a column, starts a new block.

    ``margins`` are the left and right edges of the column's text.
    """
    previous = block.lines[-1]
    if _style_differs(previous, line) or _starts_item(previous, line):
        return True
    size = max(previous.size, line.size)
    if abs(line.baseline - previous.baseline) < 0.3 * size:
        return False  # another piece of the same row
    if line.baseline - previous.baseline > PARAGRAPH_GAP * typography.leading * size:
        return True
    if _is_item(block):
        return line.x0 <= block.first.x0 + 0.5 * size  # back at the bullet: the list is over
    if typography.stands_out(line):
        return False  # headings are often centred: their lines start anywhere
    return line.x0 - previous.x0 >= INDENT * line.size or _ends_before(previous, line, *margins)


def _ends_before(previous: Line, line: Line, left: float, right: float) -> bool:
    """Whether a finished sentence ended its paragraph: on a short line, or before an indent."""
    if not ends_sentence(previous.text):
        return False
    short = previous.x1 < right - (1 - SHORT_LINE) * (right - left)
    return short or line.x0 - left >= INDENT * line.size


def _carries_on(block: Block, line: Line, typography: Typography) -> bool:
    """Whether a column's or page's first line goes on with the body text before it."""
    last = block.lines[-1]
    if _style_differs(last, line) or _starts_item(last, line) or typography.stands_out(last):
        return False
    return not ends_sentence(last.text)


def _style_differs(one: Line, other: Line) -> bool:
    return one.bold != other.bold or abs(one.size - other.size) > 0.1 * max(one.size, other.size)


def _starts_item(previous: Line, line: Line) -> bool:
    """A bullet always starts a list item; a dash or number only after a finished line."""
    if _BULLET.match(line.text):
        return True
    return bool(_MARKER.match(line.text)) and ends_sentence(previous.text)


def _is_item(block: Block) -> bool:
    return bool(_BULLET.match(block.first.text) or _MARKER.match(block.first.text))


def list_marker(block: Block, text: str) -> re.Match[str] | None:
    """The bullet, dash or number opening ``text``, when the block is a list item."""
    return _BULLET.match(text) or (_MARKER.match(text) if _is_item(block) else None)
