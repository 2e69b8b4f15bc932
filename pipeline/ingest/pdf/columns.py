"""Reading order on a page: columns one after the other, full-width lines where they stand.

A column gutter is an empty vertical strip that the lines of the columns never
cross, with lines side by side on both sides of it.  Lines as wide as most of the
page (a title, a full-width paragraph) are left out when looking for gutters; the
lines that cross a gutter are read where they stand, and between them each band
of column lines is read column by column, top to bottom.
"""

from __future__ import annotations

from pipeline.ingest.pdf.page import Line, Page

_NARROW = 0.6
"""Lines narrower than this share of the text's width can belong to a column."""
_MIN_GUTTER = 6.0
"""Points of empty space, at least, between two columns."""
_MIN_ROWS = 2
"""Rows with lines on both sides of a gutter, at least, to take it for one."""
_MIN_CHARS = 12
"""Average characters per line, at least, on each side (table cells are shorter)."""

Gutter = tuple[float, float]


def reading_order(page: Page) -> list[list[Line]]:
    """The page's lines in groups read one after the other, each group top to bottom."""
    lines = sorted(page.lines, key=lambda line: (line.top, line.x0))
    gutters = find_gutters(lines)
    if not gutters:
        return [lines] if lines else []
    groups: list[list[Line]] = []
    flow: list[Line] = []  # lines read where they stand: full-width ones, one-column stretches
    band: list[Line] = []
    for line in [*lines, None]:
        if line is not None and not _crosses(line, gutters):
            band.append(line)
            continue
        columns = _columns(band, gutters)
        if len(columns) > 1:
            heading = _heading_above(columns, line)
            groups.extend(group for group in (flow, *_without(columns, heading)) if group)
            flow = heading
        else:
            flow.extend(band)
        band = []
        if line is not None:
            flow.append(line)
    return [*groups, flow] if flow else groups


def _heading_above(columns: list[list[Line]], below: Line | None) -> list[Line]:
    """A heading at a column's foot that introduces the full-width line right below it."""
    if below is None:
        return []
    column = max(columns, key=lambda column: column[-1].baseline)
    last = column[-1]
    others = [line for other in columns if other is not column for line in other]
    heading = (last.bold and not below.bold) or last.size >= 1.1 * below.size
    close = below.top - last.baseline <= 2.5 * last.size
    lowest = all(line.baseline < last.top for line in others)
    return [last] if heading and close and lowest else []


def _without(columns: list[list[Line]], moved: list[Line]) -> list[list[Line]]:
    return [[line for line in column if line not in moved] for column in columns]


def find_gutters(lines: list[Line]) -> list[Gutter]:
    """Empty vertical strips between columns, left to right."""
    if len(lines) < 4:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    narrow = [line for line in lines if line.width < _NARROW * (right - left)]
    return [gap for gap in _empty_strips(narrow, left, right) if _separates(gap, narrow)]


def _empty_strips(lines: list[Line], left: float, right: float) -> list[Gutter]:
    """Strips between ``left`` and ``right`` that none of ``lines`` covers, between lines."""
    strips: list[Gutter] = []
    edge: float | None = None
    for line in sorted(lines, key=lambda line: line.x0):
        if edge is not None and line.x0 - edge >= _MIN_GUTTER:
            strips.append((edge, line.x0))
        edge = line.x1 if edge is None else max(edge, line.x1)
    return [strip for strip in strips if left < strip[0] and strip[1] < right]


def _separates(gutter: Gutter, lines: list[Line]) -> bool:
    """Whether text sits side by side on both sides of the strip, in lines of words."""
    before = [line for line in lines if line.x1 <= gutter[0]]
    after = [line for line in lines if line.x0 >= gutter[1]]
    if min(len(before), len(after)) < _MIN_ROWS:
        return False
    rows = sum(1 for line in after if any(_beside(line, other) for other in before))
    return rows >= _MIN_ROWS and _wordy(before) and _wordy(after)


def _beside(line: Line, other: Line) -> bool:
    return line.top < other.baseline and other.top < line.baseline


def _wordy(lines: list[Line]) -> bool:
    return sum(len(line.text) for line in lines) >= _MIN_CHARS * len(lines)


def _crosses(line: Line, gutters: list[Gutter]) -> bool:
    return any(line.x0 < start and line.x1 > end for start, end in gutters)


def _columns(band: list[Line], gutters: list[Gutter]) -> list[list[Line]]:
    """A band of column lines, column by column (each already top to bottom)."""
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for line in band:
        middle = (line.x0 + line.x1) / 2
        columns[sum(1 for start, _ in gutters if middle > start)].append(line)
    return [column for column in columns if column]
