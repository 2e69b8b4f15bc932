"""Blocks to the article's pieces: the title, headings, paragraphs and list items.

Headings stand out by size or weight (``typography``); the title is the largest
heading in the top half of the first page, and it is read first.  Words broken at
line ends are joined as the document's own spelling suggests (``hyphens``).
"""

from __future__ import annotations

from pipeline.document import BlockKind
from pipeline.ingest.hyphens import Spelling, join_lines
from pipeline.ingest.layout import Piece
from pipeline.ingest.pdf.blocks import Block, group_blocks, list_marker
from pipeline.ingest.pdf.page import Line, Page
from pipeline.ingest.pdf.typography import Typography


def pieces_from_pages(pages: list[tuple[Page, list[list[Line]]]]) -> list[Piece]:
    """The article's pieces from each page's line groups (each read top to bottom)."""
    typography = Typography.measure([group for _, groups in pages for group in groups])
    blocks = group_blocks(pages, typography)
    spelling = Spelling.of(line.text for block in blocks for line in block.lines)
    texts = [join_lines([line.text for line in block.lines], spelling) for block in blocks]
    title = _title(blocks, texts, typography)
    pieces = [
        _piece(b, t, typography, i == title)
        for i, (b, t) in enumerate(zip(blocks, texts, strict=True))
    ]
    if title is not None:
        pieces.insert(0, pieces.pop(title))  # the title is read first whatever stands above it
    return pieces


def _title(blocks: list[Block], texts: list[str], typography: Typography) -> int | None:
    """Index of the largest heading in the top half of the first page, if any."""
    candidates = [
        i
        for i, block in enumerate(blocks)
        if block.page is blocks[0].page
        and block.first.top < block.page.height / 2
        and typography.is_heading(block.lines, texts[i])
    ]
    return max(candidates, key=lambda i: (blocks[i].first.size, -i), default=None)


def _piece(block: Block, text: str, typography: Typography, is_title: bool) -> Piece:
    if is_title:
        return Piece(BlockKind.TITLE, text)
    if typography.is_heading(block.lines, text):
        return Piece(BlockKind.SUBHEADING, text)
    marker = list_marker(block, text)
    if marker:
        return Piece(BlockKind.LIST_ITEM, text[marker.end() :])
    return Piece(BlockKind.PARAGRAPH, text)
