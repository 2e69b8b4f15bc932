"""Checks of an easy-to-read version against the original it was made from.

The easy version is a ``Document`` in the original's language whose sentence ids
extend the original's segment ids (``p3.s1.e2``: text, ``p3.s1.x1``: a glossary
explanation, ``p3.s1.k1``: a key point; see ``pipeline.simplify.model``).

- **easy-facts**: every number and every glossary name of an original segment is in
  the easy sentences rewritten from it, in the body or moved to the key points
  (explanations do not count: they could hide a loss).  **Major** (accuracy: an
  omission); numbers are compared as values, names as glossary terms in any of their
  forms.
- **easy-length**: a sentence of more than ``MAX_WORDS`` words is **major** (style: the
  hard limit of easy-to-read guidelines); an average above ``MAX_AVERAGE`` words is a
  **minor** note on the whole document (segment ``""``).
- **easy-verb**: a sentence with no subject and finite verb (``easy_verbs``: the
  simplifier's own clause check), where it can tell: **minor** (style: a fragment is
  harder to follow).
  Titles and headings are not sentences and are not checked.
"""

from __future__ import annotations

from collections import defaultdict

from pipeline.document import BlockKind, Document, Segment
from pipeline.glossary import Glossary
from pipeline.review.checks.easy_verbs import sentences_without_verb
from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.numerals import all_numbers
from pipeline.simplify.model import ROLE_LETTERS, Role, source_of
from pipeline.simplify.text import count_words

MAX_WORDS = 20
"""Longest easy sentence, in words (``pipeline.simplify.text.count_words``)."""
MAX_AVERAGE = 12
"""Longest average sentence of an easy version, in words."""
HEADINGS = (BlockKind.TITLE, BlockKind.SUBHEADING)
REWRITTEN = (Role.TEXT, Role.KEY_POINT)
"""Easy sentences that carry the original's own words (a key point is the lead, moved)."""


def check_easy(original: Document, easy: Document, glossary: Glossary) -> list[Finding]:
    """Facts kept, sentence lengths and verbs of ``easy``, made from ``original``."""
    findings = check_facts(original, easy, glossary)
    findings += check_lengths(easy)
    findings += check_verbs(easy)
    return findings


def check_facts(original: Document, easy: Document, glossary: Glossary) -> list[Finding]:
    """Numbers and glossary names of each original segment missing from its easy text."""
    rewritten: dict[str, list[str]] = defaultdict(list)
    for sentence in easy.segments():
        if _role(sentence.id) in REWRITTEN:
            rewritten[source_of(sentence.id)].append(sentence.text)
    findings = []
    for segment in original.segments():
        text = " ".join(rewritten.get(segment.id, []))
        findings += _missing_numbers(segment, text, original.lang)
        findings += _missing_names(segment, text, original.lang, glossary)
    return findings


def _missing_numbers(segment: Segment, easy_text: str, lang: str) -> list[Finding]:
    kept = {n.value for n in all_numbers(easy_text, lang)}
    findings = []
    for number in all_numbers(segment.text, lang):
        if number.value in kept:
            continue
        kept.add(number.value)  # once per value
        message = f"number {number.value} of the original is missing from the easy version"
        findings.append(_fact(segment.id, message, number.span))
    return findings


def _missing_names(
    segment: Segment, easy_text: str, lang: str, glossary: Glossary
) -> list[Finding]:
    kept = {m.term for m in glossary.find(easy_text, lang)}
    findings = []
    for mention in glossary.find(segment.text, lang):
        if mention.term in kept:
            continue
        kept.add(mention.term)
        message = f"the name {mention.text!r} of the original is missing from the easy version"
        findings.append(_fact(segment.id, message, (mention.start, mention.end)))
    return findings


def _fact(segment: str, message: str, span: tuple[int, int] | None) -> Finding:
    return Finding(segment, "easy-facts", Category.ACCURACY, Severity.MAJOR, message, span)


def check_lengths(easy: Document) -> list[Finding]:
    """Sentences over ``MAX_WORDS`` words, and an average over ``MAX_AVERAGE``."""
    findings = []
    counts = []
    for sentence in easy.segments():
        words = count_words(sentence.text)
        if not words:
            continue
        counts.append(words)
        if words > MAX_WORDS:
            message = f"{words} words: easy-to-read sentences have at most {MAX_WORDS}"
            findings.append(
                Finding(sentence.id, "easy-length", Category.STYLE, Severity.MAJOR, message)
            )
    if counts and sum(counts) / len(counts) > MAX_AVERAGE:
        average = sum(counts) / len(counts)
        message = f"sentences average {average:.1f} words: aim for at most {MAX_AVERAGE}"
        findings.append(Finding("", "easy-length", Category.STYLE, Severity.MINOR, message))
    return findings


def check_verbs(easy: Document) -> list[Finding]:
    """Sentences (headings aside) with no finite verb, where a tagger can tell."""
    sentences = [s for b in easy.blocks if b.kind not in HEADINGS for s in b.segments]
    missing = sentences_without_verb([s.text for s in sentences], easy.lang)
    return [
        Finding(
            sentences[index].id,
            "easy-verb",
            Category.STYLE,
            Severity.MINOR,
            "no subject and finite verb found: easy-to-read sentences should be full sentences",
        )
        for index in missing
    ]


def _role(sentence_id: str) -> Role | None:
    letter = sentence_id.rsplit(".", 1)[-1][:1]
    return next((role for role, code in ROLE_LETTERS.items() if code == letter), None)
