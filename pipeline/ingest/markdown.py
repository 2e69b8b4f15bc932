"""Markdown: headings, paragraphs, block quotes, list items and image captions.

Parsed with markdown-it-py in CommonMark mode with raw HTML switched off, so
markup typed into the file (``<script>`` included) is kept as the literal text
it is and never becomes markup.
"""

from __future__ import annotations

from typing import Any

from pipeline.document import BlockKind
from pipeline.ingest.decode import decode
from pipeline.ingest.layout import Piece
from pipeline.ingest.limits import check_text_size
from pipeline.sanitize import sanitise

_LINE_BREAKS = ("softbreak", "hardbreak")
_CONTAINERS = {"blockquote_open": BlockKind.QUOTE, "list_item_open": BlockKind.LIST_ITEM}


def read_markdown(data: bytes, name: str) -> list[Piece]:
    """Read a ``.md`` file into pieces."""
    from markdown_it import MarkdownIt

    text = decode(data, name)
    check_text_size(len(text), name)
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    return _pieces(parser.parse(sanitise(text)))


def _pieces(tokens: list[Any]) -> list[Piece]:
    """Walk the token stream, remembering which container (quote, list item) we are in."""
    pieces: list[Piece] = []
    containers: list[BlockKind] = []
    heading: str | None = None
    row: list[str] | None = None
    for token in tokens:
        if token.type in _CONTAINERS:
            containers.append(_CONTAINERS[token.type])
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type in ("heading_open", "heading_close"):
            heading = token.tag if token.nesting == 1 else None
        elif token.type in ("tr_open", "tr_close"):
            if row:  # a table row reads as one line, its cells separated by semicolons
                pieces.append(Piece(BlockKind.PARAGRAPH, "; ".join(row)))
            row = [] if token.nesting == 1 else None
        elif token.type == "inline":
            text, captions = _inline_text(token.children or [])
            if row is not None:
                row.append(text)
            else:
                pieces.append(Piece(_kind(heading, containers), text))
            pieces.extend(Piece(BlockKind.CAPTION, caption) for caption in captions)
        elif token.type in ("fence", "code_block"):
            pieces.append(Piece(BlockKind.PARAGRAPH, token.content))
    return _first_heading_as_title(pieces)


def _first_heading_as_title(pieces: list[Piece]) -> list[Piece]:
    """Without a level-one heading, a heading that opens the file is its title."""
    opens_with_heading = bool(pieces) and pieces[0].kind is BlockKind.SUBHEADING
    if opens_with_heading and not any(p.kind is BlockKind.TITLE for p in pieces):
        return [Piece(BlockKind.TITLE, pieces[0].text), *pieces[1:]]
    return pieces


def _kind(heading: str | None, containers: list[BlockKind]) -> BlockKind:
    """A level-one heading is a title (``arrange`` keeps the first), other headings subheadings."""
    if heading is not None:
        return BlockKind.TITLE if heading == "h1" else BlockKind.SUBHEADING
    return containers[-1] if containers else BlockKind.PARAGRAPH


def _inline_text(children: list[Any]) -> tuple[str, list[str]]:
    """Plain text of an inline run, and the captions of the images inside it.

    An image's title (``![alt](src "caption")``) is its caption when it has one,
    else its alt text.
    """
    parts: list[str] = []
    captions: list[str] = []
    for child in children:
        if child.type == "image":
            caption = child.attrs.get("title") or child.content
            if caption:
                captions.append(str(caption))
        elif child.type in _LINE_BREAKS:
            parts.append(" ")
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
    return "".join(parts), captions
