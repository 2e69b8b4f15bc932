"""Key points: the article's lead, in easy sentences, moved to just after the title.

A news article puts what matters most first.  The key points are its first segments
(source sentences) in easy sentences, taken in order from the first paragraphs, so that
the body goes on exactly where they stop: nothing is said twice, nothing is read out of
order.  A segment is taken while it has no quotation (quotations stay with their
context), does not start by pointing back ("He", "They", "But", for the first one), and
the key points stay short (at most ``MAX_SEGMENTS`` segments and ``MAX_SENTENCES``
sentences).
"""

from __future__ import annotations

from pipeline.document import BlockKind
from pipeline.simplify.model import EasyBlock, EasySentence, Role, sentence_id
from pipeline.simplify.rules import Context

MAX_SEGMENTS = 3
MAX_SENTENCES = 7
LEAD_KINDS = (BlockKind.PARAGRAPH,)
SKIPPED_KINDS = (BlockKind.TITLE, BlockKind.SUBHEADING, BlockKind.CAPTION)
QUOTE_MARKS = '"“”«»„'


def take_key_points(
    blocks: list[EasyBlock], context: Context
) -> tuple[list[EasySentence], list[EasyBlock]]:
    """The key points, and the blocks without the sentences moved there."""
    chosen = _lead_segments(blocks, context)
    points: list[EasySentence] = []
    for source in chosen:
        sentences = [s for b in blocks for s in b.sentences if s.source == source]
        points += [
            EasySentence(sentence_id(source, Role.KEY_POINT, n), s.text, Role.KEY_POINT)
            for n, s in enumerate(sentences, start=1)
        ]
    rest = [
        EasyBlock(b.id, b.kind, [s for s in b.sentences if s.source not in chosen]) for b in blocks
    ]
    return points, rest


def _lead_segments(blocks: list[EasyBlock], context: Context) -> list[str]:
    """Source ids of the lead segments, in order."""
    segments: dict[str, list[EasySentence]] = {}
    for block in blocks:
        if block.kind in SKIPPED_KINDS:
            continue
        if block.kind not in LEAD_KINDS:
            break
        for sentence in block.sentences:
            segments.setdefault(sentence.source, []).append(sentence)
    chosen: list[str] = []
    count = 0
    for source, sentences in segments.items():
        if len(chosen) == MAX_SEGMENTS or count + len(sentences) > MAX_SENTENCES:
            break
        if not _movable(sentences, context, first=not chosen):
            break
        chosen.append(source)
        count += len(sentences)
    return chosen


def _movable(sentences: list[EasySentence], context: Context, first: bool) -> bool:
    texts = [s.text for s in sentences if s.role is Role.TEXT]
    if not texts or any(mark in t for t in texts for mark in QUOTE_MARKS):
        return False
    opening = texts[0].split()[0].strip(QUOTE_MARKS + ",").lower()
    return not (first and opening in context.rules.context_words)
