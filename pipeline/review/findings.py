"""The checks run on a package's documents, each finding placed beside the texts it is about.

A translation's finding shows the source segment and its translation; an easy-to-read
version's finding shows the original segment and the easy sentence (or, for a fact
left out, every easy sentence rewritten from that segment, key points included, so
that a reviewer sees what became of it).
"""

from __future__ import annotations

from collections.abc import Set

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.review.checks import Finding, check_easy, check_translation
from pipeline.review.report import Issue, Version
from pipeline.simplify.model import ROLE_LETTERS, Role, source_of


def translation_issues(
    source: Document, target: Document, glossary: Glossary, unreliable: Set[str] = frozenset()
) -> list[Issue]:
    """Every finding of ``target``, a translation of ``source``, with both texts.

    Findings of the ``unreliable`` checks are left out: without an identifier for the
    target language, "reads as Bambara" would accuse a language nothing can recognise.
    """
    sources = {s.id: s.text for s in source.segments()}
    targets = {s.id: s.text for s in target.segments()}
    return [
        Issue(f, Version.TRANSLATION, sources.get(f.segment, ""), targets.get(f.segment, ""))
        for f in check_translation(source, target, glossary)
        if f.check not in unreliable
    ]


def easy_issues(original: Document, easy: Document, glossary: Glossary) -> list[Issue]:
    """Every finding of ``easy``, the easy-to-read version of ``original``, with the texts."""
    return [_placed(f, original, easy) for f in check_easy(original, easy, glossary)]


def _placed(finding: Finding, original: Document, easy: Document) -> Issue:
    originals = {s.id: s.text for s in original.segments()}
    sentences = {s.id: s.text for s in easy.segments()}
    if finding.segment in originals:  # a fact of this segment left out of its easy text
        rewritten = [text for sid, text in sentences.items()
                     if source_of(sid) == finding.segment and _rewritten(sid)]
        return Issue(finding, Version.EASY, originals[finding.segment], " ".join(rewritten))
    source = originals.get(source_of(finding.segment), "") if finding.segment else ""
    return Issue(finding, Version.EASY, source, sentences.get(finding.segment, ""))


def _rewritten(easy_id: str) -> bool:
    """True for a sentence rewritten from the original (in the text or a key point), not
    an explanation added to it."""
    letter = easy_id.rsplit(".", 1)[-1][:1]
    return letter in (ROLE_LETTERS[Role.TEXT], ROLE_LETTERS[Role.KEY_POINT])
