"""All the checks of one translation against its source, segment by segment."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.review.checks.consistency import check_consistency
from pipeline.review.checks.failures import check_empty, check_repetition, check_truncation
from pipeline.review.checks.finding import Finding, Severity
from pipeline.review.checks.language import check_language
from pipeline.review.checks.length import check_length
from pipeline.review.checks.numbers import check_numbers
from pipeline.review.checks.pair import Pair
from pipeline.review.checks.script import check_script
from pipeline.review.checks.terms import check_glossary, check_names
from pipeline.review.checks.typography import (
    check_doubled_words,
    check_punctuation,
    check_spacing,
)

PAIR_CHECKS: tuple[Callable[[Pair], list[Finding]], ...] = (
    check_numbers,
    check_length,
    check_repetition,
    check_truncation,
    check_punctuation,
    check_spacing,
    check_doubled_words,
    check_script,
)
"""Checks that need only the pair, in report order (language and names come first)."""


def check_translation(source: Document, target: Document, glossary: Glossary) -> list[Finding]:
    """Every per-segment finding of ``target`` (a translation of ``source``), then consistency.

    A segment that is empty, untranslated or in the wrong language gets that one
    finding only: it needs translating again, and the details would be noise.
    A segment missing from ``target`` counts as empty.
    """
    texts = {s.id: s.text for s in target.segments()}
    findings: list[Finding] = []
    for segment in source.segments():
        pair = Pair(segment.id, segment.text, texts.get(segment.id, ""), source.lang, target.lang)
        findings += check_pair(pair, glossary)
    return findings + check_consistency(source, target)


def check_pair(pair: Pair, glossary: Glossary) -> list[Finding]:
    """Every check of one segment."""
    empty = check_empty(pair)
    if empty or not pair.target.strip():
        return empty
    findings = check_language(pair)
    if any(f.severity is Severity.CRITICAL for f in findings):
        return findings
    mentions = glossary.find(pair.source, pair.source_lang)
    findings += check_glossary(pair, glossary, mentions)
    findings += check_names(pair, mentions)
    for check in PAIR_CHECKS:
        findings += check(pair)
    return findings
