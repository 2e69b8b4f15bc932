"""From what a reader found to the article's blocks: furniture out, captions once, roles settled.

Readers report ``Piece``s in reading order.  Structured formats (Markdown
headings, HTML, Word styles) say what each piece is; plain text does not, so
when a source has no headings at all its title and subheadings are inferred
from the shape of its lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import BlockKind
from pipeline.ingest import furniture
from pipeline.sanitize import normalise_space, sanitise

_BODY = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


@dataclass(frozen=True)
class Piece:
    """One block of text as a reader found it."""

    kind: BlockKind
    """What the reader knows the piece is (plain text says ``paragraph``)."""
    text: str
    """Its text; cleaned and whitespace-normalised by ``arrange``."""


def arrange(pieces: list[Piece]) -> list[Piece]:
    """Clean pieces and settle their roles; the title, if any, comes first."""
    cleaned = [Piece(p.kind, normalise_space(sanitise(p.text))) for p in pieces]
    kept = [p for p in cleaned if p.text and not furniture.is_furniture(p.text)]
    kept = _captions_once(kept)
    if not any(p.kind in (BlockKind.TITLE, BlockKind.SUBHEADING) for p in kept):
        kept = _infer_headings(kept)
    return _title_first(kept)


def _captions_once(pieces: list[Piece]) -> list[Piece]:
    """Mark captions, fold a line repeated right after itself into one caption, drop repeats."""
    result: list[Piece] = []
    captions: set[str] = set()
    for piece in pieces:
        if result and piece.text == result[-1].text:
            if result[-1].kind is BlockKind.PARAGRAPH:
                result[-1] = Piece(BlockKind.CAPTION, piece.text)
                captions.add(piece.text)
            continue
        if piece.kind is BlockKind.PARAGRAPH and furniture.is_caption(piece.text):
            piece = Piece(BlockKind.CAPTION, piece.text)
        if piece.kind is BlockKind.CAPTION:
            if piece.text in captions:
                continue
            captions.add(piece.text)
        result.append(piece)
    return result


def _infer_headings(pieces: list[Piece]) -> list[Piece]:
    """Plain text: the first headline-shaped line is the title, later short lines subheadings.

    Short labels before it ("World", "Africa") are navigation and go; when body
    text comes first instead, the last label of two words or more is the title.
    """
    result: list[Piece] = []
    labels: list[str] = []
    seen_text = False
    for piece in pieces:
        if piece.kind is not BlockKind.PARAGRAPH:
            result.append(piece)
        elif seen_text:
            is_heading = furniture.is_subheading(piece.text)
            result.append(Piece(BlockKind.SUBHEADING, piece.text) if is_heading else piece)
        elif furniture.is_label(piece.text):
            labels.append(piece.text)
        else:
            seen_text = True
            if furniture.is_headline(piece.text):
                result.append(Piece(BlockKind.TITLE, piece.text))
                continue
            named = [label for label in labels if len(label.split()) > 1]
            if named:
                result.append(Piece(BlockKind.TITLE, named[-1]))
            result.append(piece)
    return result


def _title_first(pieces: list[Piece]) -> list[Piece]:
    """Keep one title, moved to the front; any other becomes a subheading.

    A title only counts when no body text comes before it: a level-one heading
    in the middle of a document is a section heading.
    """
    index = next((i for i, p in enumerate(pieces) if p.kind is BlockKind.TITLE), None)
    if index is not None and any(p.kind in _BODY for p in pieces[:index]):
        index = None
    rest = [
        Piece(BlockKind.SUBHEADING, p.text) if p.kind is BlockKind.TITLE else p
        for i, p in enumerate(pieces)
        if i != index
    ]
    return rest if index is None else [pieces[index], *rest]
