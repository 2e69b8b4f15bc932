"""Reading order on a page: columns one after the other, full-width lines where they stand.

A column gutter is an empty vertical strip that the lines of the columns never
enter, with lines side by side on both sides of it.  The lines that cross a gutter
from one side to the other (a title, a full-width paragraph) are read where they
stand; between them, each band of column lines is read column by column, top to
bottom.
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.ingest.pdf.page import Line, Page

_MIN_GUTTER = 6.0
"""Points of empty space, at least, between two columns."""
_MIN_ROWS = 2
"""Rows with lines on both sides of a gutter, at least, to take it for one."""
_CROSSING_IN_ROWS = 0.2
"""Lines beside other text may cross a gutter, at most this share of its side-by-side rows."""
_MIN_CHARS = 12
"""Average characters per line, at least, on each side (table cells are shorter)."""

_SAME_ROW = 0.3
"""Lines whose baselines are closer than this many ems stand on one row."""

Gutter = tuple[float, float]


def reading_order(page: Page) -> list[list[Line]]:
    """The page's lines in groups read one after the other, each group top to bottom."""
    lines = in_rows(page.lines)
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
        tail = _tail_of(flow, band)
        flow.extend(tail)
        band = band[len(tail) :]
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


def in_rows(lines: Iterable[Line]) -> list[Line]:
    """Lines top to bottom, and left to right along a row (baselines a third of an em apart)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.baseline):
        if rows and line.baseline - rows[-1][0].baseline < _SAME_ROW * rows[-1][0].size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.x0)]


def _tail_of(flow: list[Line], band: list[Line]) -> list[Line]:
    """The band's first line when it ends the full-width text above (a title's short last line).

    It is alone on its row, set like the line above, and as close below it as a line
    of the same paragraph.
    """
    if not flow or not band:
        return []
    above, first = flow[-1], band[0]
    alone = len(band) == 1 or band[1].top >= first.baseline
    same = first.bold == above.bold and abs(first.size - above.size) <= 0.05 * above.size
    close = first.top - above.baseline < 0.8 * above.size
    return [first] if alone and same and close else []


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
    """Empty vertical strips between columns, left to right.

    Between two consecutive line edges no line starts or ends, so every line lies
    left of the strip, right of it, or across it.  The strip is a gutter when lines
    of words stand side by side on its two sides and what crosses it stands alone
    on its row (a title, a full-width paragraph), not beside other text as the lines
    of a middle column do.
    """
    if len(lines) < 4:
        return []
    beside = _neighbours(lines)
    edges = sorted({edge for line in lines for edge in (line.x0, line.x1)})
    strips = [
        (a, b) for a, b in zip(edges, edges[1:], strict=False) if _separates((a, b), lines, beside)
    ]
    return _merged(strips)


def _neighbours(lines: list[Line]) -> list[set[int]]:
    """For each line, the lines on the same row (overlapping it vertically)."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].top)
    beside: list[set[int]] = [set() for _ in lines]
    for position, i in enumerate(order):
        for j in order[position + 1 :]:
            if lines[j].top >= lines[i].baseline:
                break
            if _beside(lines[i], lines[j]):
                beside[i].add(j)
                beside[j].add(i)
    return beside


def _separates(strip: Gutter, lines: list[Line], beside: list[set[int]]) -> bool:
    """Whether text stands side by side across the strip, and nothing beside text crosses it."""
    before = {i for i, line in enumerate(lines) if line.x1 <= strip[0]}
    after = {i for i, line in enumerate(lines) if line.x0 >= strip[1]}
    if min(len(before), len(after)) < _MIN_ROWS:
        return False
    rows = sum(1 for i in after if beside[i] & before)
    crossing = set(range(len(lines))) - before - after
    in_rows = sum(1 for i in crossing if beside[i])
    return (
        rows >= _MIN_ROWS
        and in_rows <= _CROSSING_IN_ROWS * rows
        and _wordy([lines[i] for i in before])
        and _wordy([lines[i] for i in after])
    )


def _merged(strips: list[Gutter]) -> list[Gutter]:
    """Touching strips as one gutter, kept when it is wide enough."""
    merged: list[Gutter] = []
    for start, end in strips:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(start, end) for start, end in merged if end - start >= _MIN_GUTTER]


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
        columns[sum(1 for start, end in gutters if line.x0 >= (start + end) / 2)].append(line)
    return [column for column in columns if column]
