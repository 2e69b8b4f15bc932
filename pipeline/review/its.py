"""Findings as ITS Localization Quality Issues, for the translators' kits.

ITS 2.0 has its own list of issue types (``locQualityIssueType``); each check is
mapped to the nearest one, and any other finding by its MQM category:

| check | ITS type |
| --- | --- |
| empty, untranslated | untranslated |
| wrong-language | mistranslation |
| numbers | numbers |
| glossary | terminology |
| names | inconsistent-entities |
| length | length |
| repetition, doubled-word | duplication |
| truncation | omission |
| punctuation | typographical |
| spacing | whitespace |
| script | characters |
| consistency | inconsistency |

Severity (0-100): critical 100, major 50, minor 10 — MQM weighs a major error five
times a minor one, and a critical one makes the segment unusable.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pipeline.review.checks import Category, Finding, Severity
from pipeline.xliff.quality import QualityIssue

ITS_TYPES = {
    "empty": "untranslated",
    "untranslated": "untranslated",
    "wrong-language": "mistranslation",
    "numbers": "numbers",
    "glossary": "terminology",
    "names": "inconsistent-entities",
    "length": "length",
    "repetition": "duplication",
    "doubled-word": "duplication",
    "truncation": "omission",
    "punctuation": "typographical",
    "spacing": "whitespace",
    "script": "characters",
    "consistency": "inconsistency",
    "easy-facts": "omission",
    "easy-length": "style",
    "easy-verb": "grammar",
}
"""Check name -> ITS 2.0 ``locQualityIssueType``."""

BY_CATEGORY = {
    Category.TERMINOLOGY: "terminology",
    Category.ACCURACY: "mistranslation",
    Category.FLUENCY: "grammar",
    Category.STYLE: "style",
    Category.LOCALE_CONVENTION: "locale-violation",
    Category.DESIGN: "formatting",
}
"""MQM category -> ITS type, for a check without its own entry."""

SEVERITY = {Severity.CRITICAL: 100, Severity.MAJOR: 50, Severity.MINOR: 10}
"""MQM severity -> ITS ``locQualityIssueSeverity``."""
PRIORITY = {Severity.CRITICAL: 1, Severity.MAJOR: 3, Severity.MINOR: 7}
"""MQM severity -> XLIFF note ``priority`` (1 is the highest)."""


def its_type(finding: Finding) -> str:
    """The ITS issue type of ``finding``."""
    return ITS_TYPES.get(finding.check) or BY_CATEGORY.get(finding.category, "other")


def quality_issue(finding: Finding) -> QualityIssue:
    """``finding`` as an ITS quality issue: ``major accuracy (numbers): ...``."""
    comment = (f"{finding.severity.value} {finding.category.value} ({finding.check}): "
               f"{finding.message}")
    return QualityIssue(its_type(finding), comment, SEVERITY[finding.severity],
                        PRIORITY[finding.severity])


def kit_issues(findings: Iterable[Finding]) -> dict[str, list[QualityIssue]]:
    """Segment id -> its issues, for ``build_kit`` (findings on no segment are left out)."""
    issues: dict[str, list[QualityIssue]] = defaultdict(list)
    for finding in findings:
        if finding.segment:
            issues[finding.segment].append(quality_issue(finding))
    return dict(issues)
