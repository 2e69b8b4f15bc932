"""Explaining each hard name and word once, in short sentences of its own.

An explanation goes after the last easy sentence of the source segment that first names
the term: never between a speaker and their words, never inside a quotation, never
between a sentence and the sentence that continues it ("It…", "But…"), since those
all belong to one segment.  Names first seen in a heading or in the key points are
explained at the end of the first segment of the next block that holds text.

The sentences come from ``data/explanations.csv`` (short sentences written to stand
alone), else from the glossary's explanation cut into sentences.  A sentence after the
first that names a glossary term the article does not name is dropped, and a first
sentence that does so drops the whole explanation: an explanation never brings in a
name the reader has not met.  Hard words from the plain-word list that stay (inside a
quotation) are explained the same way.  Every explanation placed is also a "word to
know".
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.document import BlockKind
from pipeline.simplify.model import EasyBlock, EasySentence, Role, WordToKnow, sentence_id
from pipeline.simplify.plain import hard_words_kept
from pipeline.simplify.rules import Context
from pipeline.simplify.text import sentences as split_sentences

HEADINGS = (BlockKind.TITLE, BlockKind.SUBHEADING)
"""Blocks that hold no explanations (their names are explained in the text below)."""

Simplifier = Callable[[str], list[str]]
NOT_EXPLAINED = "-"
"""An explanation cell that says: this term needs none in this language ("Mali" in Mali)."""


@dataclass(frozen=True)
class Explained:
    """What the data says about one term in one language."""

    spelled_out: str
    """The words an acronym stands for ("" when not an acronym or not needed)."""
    explanation: str
    """Short sentences that stand alone ("" = use the glossary's)."""


@cache
def explanation_data() -> dict[tuple[str, str], Explained]:
    """``(term id, lang)`` -> spelled-out form and explanation, from ``data/explanations.csv``."""
    text = resources.files("pipeline.simplify").joinpath("data/explanations.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    return {(r["term"], r["lang"]): Explained(r["spelled_out"], r["explanation"]) for r in rows}


def explanation_for(term_id: str, context: Context, named: set[str]) -> list[str]:
    """The explanation sentences of a term for an article that names the terms ``named``."""
    data = explanation_data().get((term_id, context.lang))
    if data and data.explanation == NOT_EXPLAINED:
        return []
    text = data.explanation if data and data.explanation else ""
    if not text:
        text = context.glossary.get(term_id).explanations.get(context.lang, "")
    kept: list[str] = []
    for n, sentence in enumerate(split_sentences(text.strip())):
        strangers = {m.term for m in context.mentions(sentence)} - named - {term_id}
        if strangers and n == 0:
            return []
        if not strangers:
            kept.append(sentence)
    return kept


def add_explanations(
    blocks: list[EasyBlock],
    context: Context,
    simplify: Simplifier,
    pending: Iterable[str] = (),
) -> tuple[list[EasyBlock], list[WordToKnow]]:
    """The blocks with an explanation after the first mention of every term and kept hard
    word, and the words to know in the order they are explained.  ``pending`` terms were
    already named (in the key points): those the body does not name again are explained
    at the end of the first segment of the first paragraph."""
    in_text = {
        t for b in blocks if b.kind not in HEADINGS for t in terms_named(b.sentences, context)
    }
    explainer = _Explainer(context, simplify, in_text | set(pending))
    waiting = [t for t in pending if t not in in_text]
    result = []
    for block in blocks:
        if block.kind in HEADINGS or not block.sentences:
            named = terms_named(block.sentences, context)
            waiting += [t for t in named if t not in waiting and t not in in_text]
            result.append(block)
            continue
        flush = block.kind is not BlockKind.CAPTION
        sentences = _explain_block(block.sentences, explainer, waiting if flush else [])
        waiting = [] if flush else waiting
        result.append(EasyBlock(block.id, block.kind, sentences))
    return result, explainer.words


def _explain_block(
    sentences: list[EasySentence], explainer: _Explainer, waiting: list[str]
) -> list[EasySentence]:
    """Explanations after the last sentence of each segment; ``waiting`` after the first."""
    out: list[EasySentence] = []
    names: list[str] = []
    for i, sentence in enumerate(sentences):
        out.append(sentence)
        names += [*waiting, *terms_named([sentence], explainer.context)] if i == 0 else []
        names += terms_named([sentence], explainer.context) if i else []
        names += hard_word_ids(sentence, explainer.context)
        following = sentences[i + 1] if i + 1 < len(sentences) else None
        if following is not None and following.source == sentence.source:
            continue
        out += explainer.explain(names, sentence.source)
        names = []
    return out


def hard_word_ids(sentence: EasySentence, context: Context) -> list[str]:
    if sentence.role is not Role.TEXT:
        return []
    return [word.term for word in hard_words_kept(sentence.text, context.lang)]


class _Explainer:
    """Places each explanation once, numbering explanation sentences per segment."""

    def __init__(self, context: Context, simplify: Simplifier, named: set[str]) -> None:
        self.context = context
        self.simplify = simplify
        self.named = named
        self.done: set[str] = set()
        self.placed: dict[str, int] = {}
        self.words: list[WordToKnow] = []

    def explain(self, terms: list[str], source: str) -> list[EasySentence]:
        """Explanation sentences, after segment ``source``, for the terms not yet explained."""
        added: list[EasySentence] = []
        for term_id in terms:
            if term_id in self.done:
                continue
            self.done.add(term_id)
            word, pieces = self._explanation(term_id)
            if not pieces:
                continue
            self.words.append(WordToKnow(term_id, word, " ".join(pieces)))
            for piece in pieces:
                n = self.placed.get(source, 0) + 1
                self.placed[source] = n
                easy_id = sentence_id(source, Role.EXPLANATION, n)
                added.append(EasySentence(easy_id, piece, Role.EXPLANATION, term_id))
        return added

    def _explanation(self, term_id: str) -> tuple[str, list[str]]:
        if term_id.startswith("plain:"):
            from pipeline.simplify.plain import plain_words

            word = next(w for w in plain_words(self.context.lang) if w.term == term_id)
            return word.hard, [word.explanation]
        term = self.context.glossary.get(term_id)
        pieces = explanation_for(term_id, self.context, self.named)
        written = explanation_data().get((term_id, self.context.lang))
        if not (written and written.explanation):
            # The glossary's explanation is long: its first easy sentence says what it is.
            pieces = [p for piece in pieces for p in self.simplify(piece)][:1]
        return term.form(self.context.lang) or term_id, pieces


def terms_named(sentences: Iterable[EasySentence], context: Context) -> list[str]:
    """Ids of the terms named in the article's own sentences, in order of first mention."""
    seen: list[str] = []
    for sentence in sentences:
        if sentence.role not in (Role.TEXT, Role.KEY_POINT):
            continue
        for mention in context.mentions(sentence.text):
            if mention.term not in seen:
                seen.append(mention.term)
    return seen
