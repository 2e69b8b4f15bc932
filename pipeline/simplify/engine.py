"""Turning one sentence into easy sentences with the language's rules, never into fragments.

``simplify_text`` tries the rules in order on each sentence; a rule that applies
replaces the sentence by its result, and the new sentences go through the rules
again.  A result is taken only when every new sentence is a whole sentence (a subject
and a finite verb, as ``clauses.is_sentence`` tells for the language): when unsure,
the sentence stays as it was.  A quotation is someone's exact words: only the rules
that cut it into its own sentences apply to it.  There is no last-resort cut: a
sentence that no rule can split well stays long, and the readability summary reports
it (a long sentence is better than a broken one).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.simplify.plain import use_plain_words
from pipeline.simplify.rules import (
    Context,
    collapse_acronym_pairs,
    split_quotation,
    split_sentences_rule,
)
from pipeline.simplify.text import (
    close_sentence,
    count_words,
    ends_sentence,
    is_quotation,
    tidy,
)

Rule = Callable[[str, Context], "list[str] | None"]

MAX_PASSES = 40
"""Rules applied to one sentence at most this many times (a guard against rule loops)."""
MAX_REWRITE_WORDS = 200
"""A segment longer than this is not a sentence (a run-on kit target, a pasted table):
it is kept as it is rather than rewritten, which would cost time growing with the
square of its length."""


def simplify_text(text: str, context: Context, rewrite: bool = True) -> list[str]:
    """Easy sentences for ``text`` (one segment); ``rewrite=False`` keeps the wording
    (titles and headings)."""
    text = tidy(text)
    if not text:
        return []
    if count_words(text) > MAX_REWRITE_WORDS:
        return [text]
    if rewrite:
        for prepare in (collapse_acronym_pairs, *context.rules.prepare, use_plain_words):
            text = tidy(prepare(text, context))
    result = _apply_rules(text, context) if rewrite else [text]
    final_mark = ends_sentence(text)
    return [_finish(p, final_mark or i < len(result) - 1) for i, p in enumerate(result)]


def _finish(text: str, closed: bool) -> str:
    text = tidy(text)
    return close_sentence(text) if closed else text


def _apply_rules(text: str, context: Context) -> list[str]:
    pending, done, passes = [text], [], 0
    while pending:
        current = pending.pop(0)
        result = None
        if passes < MAX_PASSES:
            result = _first_rule(current, context)
        if result is None or result == [current]:
            done.append(current)
            continue
        passes += 1
        pending = [tidy(p) for p in result if p.strip()] + pending
    return done


def _first_rule(text: str, context: Context) -> list[str] | None:
    """The result of the first rule that applies and leaves no fragment."""
    rules: tuple[Rule, ...] = (
        (split_sentences_rule, split_quotation) if is_quotation(text) else context.rules.rules
    )
    for rule in rules:
        result = rule(text, context)
        if result is not None and (rule is split_sentences_rule or _whole(result, text, context)):
            return result
    return None


def _whole(pieces: list[str], original: str, context: Context) -> bool:
    """Every new piece is a sentence (or the language cannot tell)."""
    return all(p == original or context.is_sentence(p) is not False for p in pieces)
