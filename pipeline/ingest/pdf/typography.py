"""How a document sets its body text, and what stands out from it as a heading.

The body size is the font size most characters have; a heading is a short block
set larger than the body, or in bold when the body is not.  The title is the
largest heading in the top half of the first page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.ingest.furniture import ends_sentence
from pipeline.ingest.pdf.page import Line

LARGER = 1.15
"""Text this many times the body size, or more, stands out as larger."""
MAX_HEADING_WORDS = 25
"""Longer blocks are paragraphs whatever their size (a lead set large, a bold summary)."""
MAX_HEADING_LINES = 4
"""Taller blocks are paragraphs whatever their size."""


@dataclass(frozen=True)
class Typography:
    """The body text's setting, measured over a whole document."""

    body_size: float
    """Font size of most characters, in points."""
    body_bold: bool
    """Whether the body itself is bold (then bold marks nothing)."""
    leading: float
    """Usual distance between baselines inside a paragraph, in ems of its font size."""

    @classmethod
    def measure(cls, groups: list[list[Line]]) -> Typography:
        """Measure the lines of a document, given as groups each read top to bottom."""
        sizes: Counter[float] = Counter()
        bold: Counter[bool] = Counter()
        for line in (line for group in groups for line in group):
            sizes[round(line.size, 1)] += len(line.text)
        body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        for line in (line for group in groups for line in group):
            if round(line.size, 1) == body_size:
                bold[line.bold] += len(line.text)
        return cls(body_size, bold[True] > bold[False], _leading(groups))

    def stands_out(self, line: Line) -> bool:
        """Whether a line is set larger than the body, or bold when the body is not."""
        larger = line.size >= self.body_size * LARGER
        return larger or (line.bold and not self.body_bold and line.size >= self.body_size * 0.9)

    def is_heading(self, lines: list[Line], text: str) -> bool:
        """Whether a block is a heading: short, standing out, not a finished sentence."""
        return (
            self.stands_out(lines[0])
            and len(lines) <= MAX_HEADING_LINES
            and len(text.split()) <= MAX_HEADING_WORDS
            and (not ends_sentence(text) or text.rstrip().endswith(":"))
        )


def _leading(groups: list[list[Line]]) -> float:
    """The distance between consecutive baselines of one size, in ems, inside paragraphs.

    Most such pairs are inside paragraphs, the rest are paragraph gaps, which are
    wider: the lower quartile is the leading even in a document of a few lines.
    """
    ratios = sorted(
        (line.baseline - previous.baseline) / previous.size
        for group in groups
        for previous, line in zip(group, group[1:], strict=False)
        if previous.size > 0 and abs(line.size - previous.size) < 0.05 * previous.size
    )
    usual = [ratio for ratio in ratios if 0.9 <= ratio <= 2.5]
    return usual[len(usual) // 4] if usual else 1.2
