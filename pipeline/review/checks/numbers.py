"""Numbers: every number of the source is in the translation, and no other.

Values are compared, not spellings (see ``numerals``): ``10,000`` = ``10 000`` =
``١٠٠٠٠``, ``1.5`` = ``1,5``, ``June 25, 2016`` = ``25 juin 2016``.  Each value is
compared once, however often it occurs: a translation may say "2015" once where
the source says it twice.

Severities: a number of the source missing from the translation is **critical**
(a reader gets a wrong or incomplete fact: a date, a toll, an amount); a number in
digits that the source does not have is **major** (usually a changed number, which
also shows as a missing one; sometimes a harmless addition such as a date made
explicit).  Numbers a translation writes in words only count as found, never as
extra, because reading words is less reliable than reading digits.
"""

from __future__ import annotations

from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.numerals import all_numbers, digit_numbers
from pipeline.review.checks.pair import Pair

CHECK = "numbers"


def check_numbers(pair: Pair) -> list[Finding]:
    """Missing (critical) and extra (major) numbers of one segment."""
    source = all_numbers(pair.source, pair.source_lang)
    target = all_numbers(pair.target, pair.target_lang)
    found = {n.value for n in target}
    expected = {n.value for n in source}
    findings = []
    for value in dict.fromkeys(n.value for n in source):
        if value not in found:
            span = next((n.span for n in source if n.value == value and n.span), None)
            findings.append(
                pair.finding(
                    CHECK,
                    Category.ACCURACY,
                    Severity.CRITICAL,
                    f"number {value} of the source is missing from the translation",
                    source_span=span,
                )
            )
    for number in digit_numbers(pair.target, pair.target_lang):
        if number.value not in expected:
            expected.add(number.value)  # report each extra value once
            findings.append(
                pair.finding(
                    CHECK,
                    Category.ACCURACY,
                    Severity.MAJOR,
                    f"number {number.value} is in the translation but not in the source",
                    target_span=number.span,
                )
            )
    return findings
