"""Reading order on a page: columns one after the other, full-width lines where they stand.

A column gutter is an empty vertical strip that the lines of the columns never
enter, with lines side by side on both sides of it.  The lines that cross a gutter
from one side to the other (a title, a full-width paragraph) are read where they
stand; between them, each band of column lines is read column by column, top to
bottom.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from pipeline.ingest.pdf.page import Line, Page

_MIN_GUTTER = 6.0
"""Points of empty space, at least, between two columns."""
_MIN_ROWS = 2
"""Rows with lines on both sides of a gutter, at least, to take it for one."""
_CROSSING_IN_ROWS = 0.2
"""Lines beside other text may cross a gutter, at most this share of its side-by-side rows."""
_MAX_ROW = 64
"""Lines looked at, from the top, for the company of each line."""
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
    of a middle column do.  Counting is done once for all strips, by sweeping the
    line edges: a page of a thousand lines takes milliseconds.
    """
    if len(lines) < 4:
        return []
    pairs, beside = _side_by_side(lines)
    edges = sorted({edge for line in lines for edge in (line.x0, line.x1)})
    place = {edge: index for index, edge in enumerate(edges)}
    rows = _coverage(len(edges), [(place[left.x1], place[right.x0]) for left, right in pairs])
    crowded = [line for line, other in zip(lines, beside, strict=True) if other]
    crossing = _coverage(len(edges), [(place[line.x0], place[line.x1]) for line in crowded])
    sides = _Sides(lines)
    strips = [
        (a, b)
        for index, (a, b) in enumerate(zip(edges, edges[1:], strict=False))
        if rows[index] >= _MIN_ROWS
        and crossing[index] <= _CROSSING_IN_ROWS * rows[index]
        and sides.wordy(a, b)
    ]
    return _merged(strips)


def _side_by_side(lines: list[Line]) -> tuple[list[tuple[Line, Line]], list[bool]]:
    """Each line with the nearest line on its right at the same height; who has company.

    Only the next ``_MAX_ROW`` lines from the top are looked at for each line, which
    no row of text or table reaches.
    """
    order = sorted(range(len(lines)), key=lambda index: lines[index].top)
    nearest: dict[int, int] = {}
    beside = [False] * len(lines)
    for position, i in enumerate(order):
        for j in order[position + 1 : position + 1 + _MAX_ROW]:
            if lines[j].top >= lines[i].baseline:
                break
            if not _beside(lines[i], lines[j]):
                continue
            beside[i] = beside[j] = True
            for left, right in ((i, j), (j, i)):
                if lines[right].x0 >= lines[left].x1 and (
                    left not in nearest or lines[right].x0 < lines[nearest[left]].x0
                ):
                    nearest[left] = right
    return [(lines[left], lines[right]) for left, right in nearest.items()], beside


def _coverage(size: int, spans: list[tuple[int, int]]) -> list[int]:
    """How many spans (from one edge index to a later one) cover each strip between edges."""
    change = [0] * (size + 1)
    for start, end in spans:
        change[start] += 1
        change[end] -= 1
    return list(accumulate(change))[:-1]


class _Sides:
    """The lines left of a strip and right of it: are they lines of words?"""

    def __init__(self, lines: list[Line]) -> None:
        by_right = sorted(lines, key=lambda line: line.x1)
        by_left = sorted(lines, key=lambda line: line.x0)
        self._rights = [line.x1 for line in by_right]
        self._lefts = [line.x0 for line in by_left]
        self._chars_before = [0, *accumulate(len(line.text) for line in by_right)]
        self._chars_from = [*accumulate(len(line.text) for line in reversed(by_left))][::-1]

    def wordy(self, start: float, end: float) -> bool:
        """Whether the lines on each side hold ``_MIN_CHARS`` characters or more on average."""
        before = bisect_right(self._rights, start)
        after_index = bisect_left(self._lefts, end)
        after = len(self._lefts) - after_index
        chars_after = self._chars_from[after_index] if after else 0
        return (
            before > 0
            and after > 0
            and self._chars_before[before] >= _MIN_CHARS * before
            and chars_after >= _MIN_CHARS * after
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


def _crosses(line: Line, gutters: list[Gutter]) -> bool:
    return any(line.x0 < start and line.x1 > end for start, end in gutters)


def _columns(band: list[Line], gutters: list[Gutter]) -> list[list[Line]]:
    """A band of column lines, column by column (each already top to bottom)."""
    columns: list[list[Line]] = [[] for _ in range(len(gutters) + 1)]
    for line in band:
        columns[sum(1 for start, end in gutters if line.x0 >= (start + end) / 2)].append(line)
    return [column for column in columns if column]
