"""Automatic quality checks of translations and easy-to-read versions, per segment.

::

    findings = check_translation(source, target, glossary)   # a translation vs its source
    findings += check_easy(original, easy, glossary)         # an easy version vs its original

Each ``Finding`` names its segment, its check, an MQM category and a severity (see
``finding``).  The functions read Documents only: no files, no network.
"""

from pipeline.review.checks.easy import check_easy
from pipeline.review.checks.finding import SEVERITY_ORDER, Category, Finding, Severity
from pipeline.review.checks.translation import check_translation

__all__ = [
    "SEVERITY_ORDER",
    "Category",
    "Finding",
    "Severity",
    "check_easy",
    "check_translation",
]
