"""Turning one sentence into easy sentences: the language's rules, then a last-resort cut.

``simplify_text`` tries the rules in order on each sentence; a rule that applies
replaces the sentence by its result, and the new sentences go through the rules
again.  A quotation is someone's exact words: only the rules that cut it into its
own sentences apply to it.  Whatever the rules leave longer than the hard limit is
cut by ``enforce_limit``: at the comma nearest the middle, else before a
conjunction or preposition that leaves clauses on both sides, else at the middle.
No cut ever falls inside a glossary name or between the digit groups of a number.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.segment import QUOTE_PAIRS, quote_spans
from pipeline.simplify.readability import MAX_SENTENCE_WORDS
from pipeline.simplify.rules import (
    MIN_PIECE_WORDS,
    Context,
    collapse_acronym_pairs,
    split_quotation,
    split_sentences_rule,
)
from pipeline.simplify.text import (
    capitalise,
    close_sentence,
    count_words,
    ends_sentence,
    inside,
    is_quotation,
    tidy,
    word_spans,
)

CutKind = Callable[[str, list[tuple[int, int]], int, Context], bool]

MAX_PASSES = 40
"""Rules applied to one sentence at most this many times (a guard against rule loops)."""
MAX_REWRITE_WORDS = 200
"""A segment longer than this is not a sentence (a run-on kit target, a pasted table):
it is kept as it is rather than rewritten, which would cost time growing with the
square of its length."""


def simplify_text(text: str, context: Context, rewrite: bool = True) -> list[str]:
    """Easy sentences for ``text`` (one segment); ``rewrite=False`` only enforces the limit
    (titles and headings keep their wording)."""
    text = tidy(text)
    if not text:
        return []
    if count_words(text) > MAX_REWRITE_WORDS:
        return [text]
    for prepare in (collapse_acronym_pairs, *context.rules.prepare):
        text = tidy(prepare(text, context))
    pieces = _apply_rules(text, context) if rewrite else [text]
    result = [p for piece in pieces for p in enforce_limit(piece, context)]
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
    rules = (split_sentences_rule, split_quotation) if is_quotation(text) else context.rules.rules
    for rule in rules:
        result = rule(text, context)
        if result is not None:
            return result
    return None


def enforce_limit(text: str, context: Context, limit: int = MAX_SENTENCE_WORDS) -> list[str]:
    """Cut ``text`` until no sentence has more than ``limit`` words."""
    if count_words(text) <= limit:
        return [text]
    cut = _best_cut(text, context, limit)
    left, right = text[:cut].rstrip(), text[cut:].lstrip()
    left, right = _repair_quotes(text, cut, left, right)
    left, right = close_sentence(left), capitalise(right)
    return enforce_limit(left, context, limit) + enforce_limit(right, context, limit)


def _best_cut(text: str, context: Context, limit: int) -> int:
    """Where to cut: by kind of joint, in order of preference, the candidate nearest the
    middle; a comma first, then a conjunction between two clauses, then a preposition
    after a clause (near the middle, or anywhere if both sides then fit the limit), then
    any free preposition near the middle, then the middle itself."""
    spans = word_spans(text)
    names = [(m.start, m.end) for m in context.mentions(text)]
    quotes = quote_spans(text)
    middle = len(spans) / 2
    # Cut points are word starts; a cut before word i leaves i words on the left.
    points = [
        i
        for i in range(MIN_PIECE_WORDS, len(spans) - MIN_PIECE_WORDS + 1)
        if not any(a < spans[i][0] < b for a, b in names) and not _inside_number(text, spans, i)
    ]
    near = len(spans) / 4  # a phrase cut off far from the middle is a stub, not a sentence
    passes: list[tuple[CutKind, Callable[[int], bool]]] = [
        (_after_comma, lambda i: True),
        (_before_conjunction, lambda i: True),
        (_before_linked, lambda i: True),
        (_before_preposition, lambda i: abs(i - middle) <= near),
        (_before_preposition, lambda i: max(i, len(spans) - i) <= limit),
        (_after_postposition, lambda i: abs(i - middle) <= near),
        (_before_any_preposition, lambda i: abs(i - middle) <= near),
        (_before_preposition, lambda i: True),
        (_after_postposition, lambda i: True),
    ]
    for allow_quotes in (False, True):
        usable = [i for i in points if allow_quotes or not inside(quotes, spans[i][0])]
        for kind, accept in passes:
            found = [i for i in usable if accept(i) and kind(text, spans, i, context)]
            if found:
                return spans[min(found, key=lambda i: abs(i - middle))][0]
    if points:
        return spans[min(points, key=lambda i: abs(i - middle))][0]
    return spans[len(spans) // 2][0]


def _inside_number(text: str, spans: list[tuple[int, int]], i: int) -> bool:
    """Between two groups of digits ("100 | 000"): one number, never cut."""
    before = text[spans[i - 1][0] : spans[i - 1][1]]
    return before[-1:].isdigit() and text[spans[i][0] : spans[i][0] + 1].isdigit()


ELISIONS = {"d": "de", "l": "le", "qu": "que", "jusqu": "jusque", "lorsqu": "lorsque"}
"""Elided French words (``d'une``) and the word they stand for, for the cut classes."""


def _word(text: str, spans: list[tuple[int, int]], i: int) -> str:
    start, end = spans[i]
    word = text[start:end].strip("\"'“”«»()[],.;:").lower()
    head, apostrophe, _ = word.replace("’", "'").partition("'")
    return ELISIONS.get(head, word) if apostrophe else word


def _after_comma(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    before = text[: spans[i][0]].rstrip()
    if not before.endswith((",", "،", ',"', ",”", "»,", '",')):
        return False
    # The commas around a short aside (", like him,") hold it in its sentence.
    return not (_comma_near(text, spans, i, before=True) or _comma_near(text, spans, i, False))


def _comma_near(text: str, spans: list[tuple[int, int]], i: int, before: bool) -> bool:
    """Whether another comma ends one of the two words before (or after) the cut at ``i``."""
    words = range(i - 3, i - 1) if before else range(i, i + 2)
    return any(
        0 <= j < len(spans) and text[spans[j][0] : spans[j][1]].rstrip('"”»').endswith((",", "،"))
        for j in words
    )


def _before_conjunction(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    if _word(text, spans, i) not in context.rules.conjunctions:
        return False
    start = spans[i][0]
    return context.has_verb(text[:start]) and context.has_verb(text[start:])


def _before_preposition(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    if _word(text, spans, i) not in context.rules.prepositions:
        return False
    if _word(text, spans, i - 1) in context.rules.conjunctions:
        return False  # "... but | by a coalition": the cut before "but" is the one to make
    return _free(text, spans, i, context) and context.has_verb(text[: spans[i][0]])


def _before_any_preposition(
    text: str, spans: list[tuple[int, int]], i: int, context: Context
) -> bool:
    """Before a preposition, verb or no verb: a phrase boundary is better than none."""
    return _word(text, spans, i) in context.rules.prepositions and _free(text, spans, i, context)


def _after_postposition(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    """After a postposition that closes a phrase, with a clause before the cut."""
    if _word(text, spans, i - 1) not in context.rules.postpositions:
        return False
    return context.has_verb(text[: spans[i][0]])


def _free(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    """Whether the word before a preposition leaves it free (not ``à partir | de``)."""
    previous = _word(text, spans, i - 1)
    return previous not in context.rules.prepositions and previous not in context.rules.bound_words


def _before_linked(text: str, spans: list[tuple[int, int]], i: int, context: Context) -> bool:
    """Before a conjunction that is followed by a preposition ("but | by a coalition")."""
    if i + 1 >= len(spans) or _word(text, spans, i) not in context.rules.conjunctions:
        return False
    return _word(text, spans, i + 1) in context.rules.prepositions and context.has_verb(
        text[: spans[i][0]]
    )


def _repair_quotes(text: str, cut: int, left: str, right: str) -> tuple[str, str]:
    """A cut inside a quotation closes it on the left and reopens it on the right."""
    for start, end in quote_spans(text):
        if start < cut < end:
            opener = text[start]
            closer = QUOTE_PAIRS[opener]
            pad = text[start + 1 : start + 2] if text[start + 1 : start + 2].isspace() else ""
            return f"{left.rstrip(',')}{pad}{closer}", f"{opener}{pad}{right}"
    return left, right
