"""From characters placed on a page to lines of text.

A PDF draws characters, not words or lines.  Characters that follow each other on
one baseline make a line; a wide empty gap with no space character in it (a column
gutter, a table cell) ends one.  Pieces of one line that the file draws out of order
are put back together afterwards when they nearly touch (the lines of two columns,
drawn one column after the other, end and start a gutter apart on one baseline).
Arabic runs from right to left: characters follow each other leftwards.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline.ingest.pdf.direction import right_to_left
from pipeline.ingest.pdf.page import Line

GAP_WITHOUT_SPACE = 1.5
"""A gap wider than this many ems, with no space character in it, separates two lines."""
GAP_WITH_SPACE = 4.0
"""Even a space character the file writes does not bridge a gap wider than this many ems."""
GAP_OUT_OF_ORDER = 0.6
"""Pieces drawn apart are one line when this many ems or less separate them."""
_SAME_BASELINE = 0.3
"""Baselines closer than this many ems are one baseline."""
_SPACE = 0.2
"""A gap wider than this many ems between characters is a word space."""
_ALEFS = frozenset("\u0627\u0623\u0625\u0622")
"""Alef and alef with hamza above, hamza below, madda: the second letter of a lam-alef."""
_NOTE_CALLS = frozenset("0123456789*†‡§")
_LIST_MARKERS = frozenset("•◦▪▫‣●○■□–-*·➢➤✓✔")
_LIGATURES = range(0xFB00, 0xFB07)  # ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ: words must be spelt with letters
_ARABIC_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))


@dataclass(frozen=True)
class Char:
    """One character as the page places it."""

    text: str
    """The character (ligatures and presentation forms already spelt out)."""
    x0: float
    """Left edge of its advance, in points from the left of the page."""
    x1: float
    """Right edge of its advance."""
    top: float
    """Top of its font's box, in points from the top of the page."""
    baseline: float
    """Its baseline, in points from the top of the page."""
    size: float
    """Font size in points."""
    bold: bool
    """Whether its font is bold."""
    space_before: bool = False
    """Whether a space (or a line break) comes before it, written or inferred by PDFium."""
    written_space: bool = False
    """Whether that space is a space character the file itself writes."""


def spelt_out(text: str) -> str:
    """Ligatures and Arabic presentation forms as the letters they stand for."""
    code = ord(text) if len(text) == 1 else 0
    if code < _LIGATURES.start:
        return text
    if code in _LIGATURES or any(code in forms for forms in _ARABIC_FORMS):
        return unicodedata.normalize("NFKC", text)
    return text


def group_lines(chars: Iterable[Char]) -> list[Line]:
    """Lines from characters in the order the file draws them."""
    runs: list[list[Char]] = []
    for char in chars:
        if runs and _continues(runs[-1], char):
            runs[-1].append(char)
        else:
            runs.append([char])
    return [_line(run) for run in _rejoined(runs)]


def _continues(run: list[Char], char: Char) -> bool:
    """Whether ``char`` carries on the line ``run`` has begun."""
    last = run[-1]
    size = max(run[0].size, 1.0)
    if not _same_row(run[0], char, size):
        return False
    limit = GAP_WITH_SPACE if char.written_space else GAP_WITHOUT_SPACE
    overlap = max(0.5 * size, char.x1 - char.x0)  # the letters of a ligature share one box
    return -overlap <= _apart(last, char) <= limit * size


def _apart(before: Char, after: Char) -> float:
    """The space between two characters read one after the other, whichever way the
    script runs (negative when they overlap)."""
    return max(after.x0 - before.x1, before.x0 - after.x1)


def _same_row(first: Char, char: Char, size: float) -> bool:
    """On the line's baseline, or a superscript or subscript beside it."""
    shift = abs(char.baseline - first.baseline)
    if shift <= _SAME_BASELINE * size:
        return True
    return char.size <= 0.85 * size and shift <= 0.6 * size


def _rejoined(runs: list[list[Char]]) -> list[list[Char]]:
    """Runs on one baseline that touch, read in their script's direction, become one run."""
    result: list[list[Char]] = []
    for row in _rows(runs):
        rtl = right_to_left("".join(char.text for run in row for char in run))
        joined: list[list[Char]] = []
        for run in sorted(row, key=lambda run: -_right(run) if rtl else _left(run)):
            gap = _gap(joined[-1], run, rtl) if joined else 0.0
            if joined and _touches(joined[-1], run, gap):
                joined[-1] = [*joined[-1], _with_space(run[0], gap), *run[1:]]
            else:
                joined.append(run)
        result.extend(joined)
    return result


def _left(run: list[Char]) -> float:
    return min(char.x0 for char in run)


def _right(run: list[Char]) -> float:
    return max(char.x1 for char in run)


def _gap(first: list[Char], then: list[Char], rtl: bool) -> float:
    """The space between a run and the next one along the row."""
    return _left(first) - _right(then) if rtl else _left(then) - _right(first)


def _rows(runs: list[list[Char]]) -> list[list[list[Char]]]:
    """Runs grouped by baseline, top to bottom."""
    rows: list[list[list[Char]]] = []
    for run in sorted(runs, key=lambda run: run[0].baseline):
        first = rows[-1][0][0] if rows else None
        if first is not None and run[0].baseline - first.baseline <= _SAME_BASELINE * first.size:
            rows[-1].append(run)
        else:
            rows.append([run])
    return rows


def _touches(first: list[Char], then: list[Char], gap: float) -> bool:
    size = max(first[0].size, 1.0)
    if abs(then[0].baseline - first[0].baseline) > _SAME_BASELINE * size:
        return False
    marker = "".join(char.text for char in first).strip() in _LIST_MARKERS
    return -0.3 * size <= gap <= (GAP_WITH_SPACE if marker else GAP_OUT_OF_ORDER) * size


def _with_space(char: Char, gap: float) -> Char:
    if char.space_before or gap <= _SPACE * char.size:
        return char
    return replace(char, space_before=True)


def _line(run: list[Char]) -> Line:
    """One line from its characters: text with word spaces, box, main size and weight."""
    size = Counter(char.size for char in run).most_common(1)[0][0]
    main = [char for char in run if char.size == size]
    baseline = sorted(char.baseline for char in main)[len(main) // 2]
    kept = _lam_first([char for char in run if not _footnote_mark(char, size, baseline)])
    parts: list[str] = []
    for index, char in enumerate(kept):
        if index and (char.space_before or _apart(kept[index - 1], char) > _SPACE * char.size):
            parts.append(" ")
        parts.append(char.text)
    return Line(
        text=" ".join("".join(parts).split()),
        x0=min(char.x0 for char in run),
        x1=max(char.x1 for char in run),
        top=min(char.top for char in run),
        baseline=baseline,
        size=size,
        bold=sum(char.bold for char in run) * 2 > len(run),
    )


def _footnote_mark(char: Char, size: float, baseline: float) -> bool:
    """A small raised digit or dagger: a note call, which would only be read out as noise."""
    raised = baseline - char.baseline > 0.25 * size
    return raised and char.size <= 0.85 * size and char.text in _NOTE_CALLS


def _lam_first(chars: list[Char]) -> list[Char]:
    """Lam-alef ligatures spelt lam first: some producers (LibreOffice) map them alef first."""
    result = list(chars)
    for index in range(len(result) - 1):
        alef, lam = result[index], result[index + 1]
        if alef.text in _ALEFS and lam.text == "\u0644" and (alef.x0, alef.x1) == (lam.x0, lam.x1):
            result[index], result[index + 1] = lam, alef
    return result
