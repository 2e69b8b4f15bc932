"""Key points: 3 to 5 short sentences from the lead paragraphs, shown before the article.

Each key point is the first easy sentence of one of the first paragraphs (after the
words that introduce a speaker), when it can stand alone: taken from the text itself
(never written anew), not a quotation, not starting with a word that needs the
sentence before ("He", "They", "But").  Paragraphs are taken in order until there are
five.  Every easy sentence is already short (at most 20 words).
"""

from __future__ import annotations

from pipeline.document import BlockKind
from pipeline.simplify.model import EasyBlock, EasySentence, Role, sentence_id
from pipeline.simplify.rules import Context
from pipeline.simplify.text import count_words, is_quotation

MAX_KEY_POINTS = 5
LEAD_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)


def key_points(blocks: list[EasyBlock], context: Context) -> list[EasySentence]:
    """The key points of an easy document, with ids ``<source>.k1``."""
    chosen = []
    for block in blocks:
        if block.kind not in LEAD_KINDS:
            continue
        first = next((s for s in block.sentences if _opens_text(s)), None)
        if first is not None and _stands_alone(first, context):
            chosen.append(first)
        if len(chosen) == MAX_KEY_POINTS:
            break
    return [
        EasySentence(sentence_id(s.source, Role.KEY_POINT, 1), s.text, Role.KEY_POINT)
        for s in chosen
    ]


def _opens_text(sentence: EasySentence) -> bool:
    """The article's own words, not the words that introduce a speaker."""
    return sentence.role is Role.TEXT and not sentence.text.rstrip().endswith(":")


def _stands_alone(sentence: EasySentence, context: Context) -> bool:
    text = sentence.text.strip()
    if sentence.role is not Role.TEXT or not text or is_quotation(text):
        return False
    first = text.split()[0].strip("\"'“”«»,").lower()
    return first not in context.rules.context_words and count_words(text) >= 3
