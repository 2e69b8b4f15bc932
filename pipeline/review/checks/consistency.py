"""Consistency across a document: one source sentence, one translation, and the reverse.

- The same source sentence translated two ways: **minor** (fluency: inconsistency).
  Both may be right, but a reader of a news text expects a repeated sentence (a
  refrain, a repeated caption) to read the same.
- Two different source sentences given the same translation: **major** (accuracy):
  one of the two is almost certainly the translation of the other, pasted or
  recalled from a memory by mistake.  Sentences of fewer than ``MIN_WORDS`` words
  are not compared (two headings may both be "Mali").

Texts are compared without case, punctuation or spacing differences.
"""

from __future__ import annotations

import re

from pipeline.document import Document
from pipeline.review.checks.finding import Category, Finding, Severity

MIN_WORDS = 3


def check_consistency(source: Document, target: Document) -> list[Finding]:
    """Findings on the later segment of each inconsistent pair."""
    targets = {s.id: s.text for s in target.segments()}
    by_source: dict[str, tuple[str, str]] = {}
    by_target: dict[str, tuple[str, str]] = {}
    findings = []
    for segment in source.segments():
        translation = targets.get(segment.id, "")
        key, done = _key(segment.text), _key(translation)
        if len(key.split()) < MIN_WORDS or len(done.split()) < MIN_WORDS:
            continue
        if key in by_source and by_source[key][1] != done:
            first = by_source[key][0]
            findings.append(
                _finding(
                    segment.id,
                    Severity.MINOR,
                    f"the same source as {first} is translated differently",
                )
            )
        if done in by_target and by_target[done][1] != key:
            first = by_target[done][0]
            findings.append(
                _finding(
                    segment.id,
                    Severity.MAJOR,
                    f"the same translation as {first}, whose source differs",
                )
            )
        by_source.setdefault(key, (segment.id, done))
        by_target.setdefault(done, (segment.id, key))
    return findings


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _finding(segment: str, severity: Severity, message: str) -> Finding:
    category = Category.ACCURACY if severity is Severity.MAJOR else Category.FLUENCY
    return Finding(segment, "consistency", category, severity, message)
