"""Quality issues in a kit, where a CAT tool shows them: ITS Localization Quality Issue data.

XLIFF 2.1's ITS Module carries W3C ITS 2.0 data categories.  A unit's issues are
written as stand-off markup (``<its:locQualityIssues xml:id="lqi-p3.s2">`` with one
``<its:locQualityIssue>`` per issue, before the unit's notes) and referred to by an
``<mrk type="its:any" its:locQualityIssuesRef="#its=lqi-p3.s2">`` around the target
(around the source when there is no target yet).  The same issues are repeated as
``<note category="review">``, for tools that show notes but not ITS data.

This module knows the markup only: which issues a segment has, and how they are
worded and graded, is the review's business (``pipeline.review.its``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from pipeline.xliff.markup import XML_NS, its, xlf, xml_safe

ITS_VERSION = "2.0"
"""The ITS version XLIFF 2.1's ITS Module carries (``its:version`` on ``<xliff>``)."""
NOTE_CATEGORY = "review"
"""``category`` of the notes that repeat a unit's quality issues."""
MARKER_ID = "lqi"
"""``id`` of the marker that points at a unit's issues (unique within its unit)."""


@dataclass(frozen=True)
class QualityIssue:
    """One ITS Localization Quality Issue on a segment."""

    type: str
    """ITS issue type (``numbers``, ``terminology``, ``omission``...)."""
    comment: str
    """What is wrong, for the translator (``locQualityIssueComment`` and the note)."""
    severity: float
    """ITS severity, 0 (negligible) to 100 (the segment cannot be used)."""
    priority: int = 5
    """XLIFF note priority, 1 (highest) to 10."""


def issues_id(unit_id: str) -> str:
    """``xml:id`` of a unit's ``<its:locQualityIssues>`` (unit ids are unique in a kit)."""
    return f"{MARKER_ID}-{unit_id}"


def issues_element(unit_id: str, issues: list[QualityIssue]) -> etree._Element:
    """``<its:locQualityIssues>`` with one ``<its:locQualityIssue>`` per issue."""
    element = etree.Element(its("locQualityIssues"))
    element.set(f"{{{XML_NS}}}id", issues_id(unit_id))
    for issue in issues:
        etree.SubElement(
            element,
            its("locQualityIssue"),
            locQualityIssueType=issue.type,
            locQualityIssueComment=xml_safe(issue.comment),
            locQualityIssueSeverity=f"{issue.severity:g}",
        )
    return element


def issue_notes(issues: list[QualityIssue]) -> list[etree._Element]:
    """The issues again as notes on the target."""
    notes = []
    for issue in issues:
        note = etree.Element(xlf("note"), category=NOTE_CATEGORY, appliesTo="target",
                             priority=str(issue.priority))
        note.text = xml_safe(issue.comment)
        notes.append(note)
    return notes


def add_marker(parent: etree._Element, unit_id: str) -> etree._Element:
    """A ``<mrk>`` in ``parent`` (a <source> or <target>) that refers to the unit's issues;
    the text goes inside it."""
    parent.text = ""  # an empty text node, so that pretty-printing adds no space around it
    mrk = etree.SubElement(parent, xlf("mrk"), id=MARKER_ID, type="its:any")
    mrk.set(its("locQualityIssuesRef"), f"#its={issues_id(unit_id)}")
    return mrk
