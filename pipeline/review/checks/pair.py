"""A source segment and its translation: what every per-segment check looks at."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.review.checks.finding import Category, Finding, Severity


@dataclass(frozen=True)
class Pair:
    """One segment in the source language and in the target language."""

    id: str
    """Segment id (``p3.s2``)."""
    source: str
    """The source text."""
    target: str
    """The translation (may be empty)."""
    source_lang: str
    """Kuma code of the source language."""
    target_lang: str
    """Kuma code of the target language."""

    def finding(
        self,
        check: str,
        category: Category,
        severity: Severity,
        message: str,
        source_span: tuple[int, int] | None = None,
        target_span: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding on this segment."""
        return Finding(self.id, check, category, severity, message, source_span, target_span)
