"""What a check reports: a ``Finding`` on one segment, with an MQM category and a severity.

Categories are the top level of the MQM error typology (Multidimensional Quality
Metrics), written as MQM writes them.  Severities follow MQM's scale:

- **critical**: the segment misleads or cannot be used (wrong language, a number
  dropped, nothing translated): it must not be published as it is;
- **major**: the meaning or a name is affected and a reader would notice (a glossary
  term or a name missing, a decoding loop, a sentence cut short);
- **minor**: form only; the reader still gets the meaning (a double space, French
  spacing before a guillemet, a legacy spelling).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Category(StrEnum):
    """MQM top-level error categories."""

    TERMINOLOGY = "terminology"
    ACCURACY = "accuracy"
    FLUENCY = "fluency"
    STYLE = "style"
    LOCALE_CONVENTION = "locale convention"
    DESIGN = "design"


class Severity(StrEnum):
    """MQM severities, most serious first."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"


SEVERITY_ORDER = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)
"""Severities from the most serious down, for sorting and ``--fail-on``."""


@dataclass(frozen=True)
class Finding:
    """One problem a reviewer should look at."""

    segment: str
    """Segment id (``p3.s2``), easy sentence id (``p3.s2.e1``), or ``""`` for the document."""
    check: str
    """Short stable name of the check (``numbers``, ``glossary``, ``wrong-language``...)."""
    category: Category
    """MQM category."""
    severity: Severity
    """MQM severity."""
    message: str
    """One line a reviewer understands, in English."""
    source_span: tuple[int, int] | None = None
    """``(start, end)`` in the source segment's text to highlight, when there is one."""
    target_span: tuple[int, int] | None = None
    """``(start, end)`` in the target segment's text to highlight, when there is one."""

    def to_dict(self) -> dict[str, Any]:
        """The finding as a JSON-ready dict (spans only when present)."""
        data: dict[str, Any] = {
            "segment": self.segment,
            "check": self.check,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
        }
        if self.source_span is not None:
            data["source_span"] = list(self.source_span)
        if self.target_span is not None:
            data["target_span"] = list(self.target_span)
        return data
