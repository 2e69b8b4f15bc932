"""Plain text: one paragraph per line or per blank-line-separated chunk.

Text copied from a web page usually has one paragraph per line; text from an
editor or an e-mail is often hard-wrapped at a fixed width.  A line is joined to
the next only when the file looks hard-wrapped (its lines stop near one width of
at most 100 characters), the line itself runs close to that width, and it stops
in the middle of a sentence.
"""

from __future__ import annotations

import re

from pipeline.document import BlockKind
from pipeline.ingest import furniture
from pipeline.ingest.decode import decode
from pipeline.ingest.layout import Piece
from pipeline.ingest.limits import check_text_size
from pipeline.sanitize import sanitise

_LIST_MARKER = re.compile(r"(?:[-*•·▪–]|\d{1,3}[.)])\s+(?=\S)")
_WRAP_LIMIT = 100
_WRAP_SHARE = 0.6


def read_text(data: bytes, name: str) -> list[Piece]:
    """Read a ``.txt`` file into pieces."""
    text = decode(data, name)
    check_text_size(len(text), name)
    return pieces_from_lines(sanitise(text).split("\n"))


def pieces_from_lines(lines: list[str]) -> list[Piece]:
    """Group lines into paragraphs, list items and repeated-line captions."""
    lines = [line.strip() for line in lines]
    width = _wrap_width(lines)
    pieces: list[Piece] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if line == previous and pieces:
            # The same line twice in a row is how a copied page shows a photo caption.
            pieces[-1] = Piece(BlockKind.CAPTION, pieces[-1].text)
        elif _continues(previous, line, width) and pieces:
            pieces[-1] = Piece(pieces[-1].kind, f"{pieces[-1].text} {line}")
        else:
            pieces.append(_piece(line))
        previous = line
    return pieces


def _piece(line: str) -> Piece:
    marker = _LIST_MARKER.match(line)
    if marker:
        return Piece(BlockKind.LIST_ITEM, line[marker.end() :])
    return Piece(BlockKind.PARAGRAPH, line)


def _wrap_width(lines: list[str]) -> int | None:
    """The width the file is hard-wrapped at, or None when it is not.

    Most lines of a wrapped file stop just short of the width, so the 90th
    percentile of line lengths finds it while ignoring a stray long line (a URL).
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 3:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    return width if width <= _WRAP_LIMIT else None


def _continues(previous: str, line: str, width: int | None) -> bool:
    """Whether ``line`` carries on the paragraph of the line before it."""
    if width is None or not previous or len(previous) < _WRAP_SHARE * width:
        return False
    if furniture.ends_sentence(previous):
        # Splitting a wrapped paragraph at a sentence end costs little; gluing a
        # heading or list to the paragraph before it would garble the article.
        return False
    return not (
        _LIST_MARKER.match(line) or furniture.is_caption(line) or furniture.is_furniture(line)
    )
