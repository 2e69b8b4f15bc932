"""Explaining each glossary name at its first mention, with the glossary's plain sentence.

The explanation (``Term.explanations[lang]``) goes right after the easy sentence that
first names the term, cut into easy sentences like the text (``The GSIM is an armed
group.`` ``It is linked to al-Qaida.``).  Only the article's own sentences count as
mentions: names inside explanations, key points, titles and headings do not.  A name
first seen in a heading is explained at the start of the next block that can hold
text, unless the text names it too.  After a sentence that introduces a quotation
(ending with a colon), the explanation waits for the end of that segment so that it
does not come between a speaker and their words.  Terms without an explanation in
the language are left unexplained: an explanation is never invented.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.document import BlockKind
from pipeline.simplify.model import EasyBlock, EasySentence, Role, sentence_id
from pipeline.simplify.rules import Context

HEADINGS = (BlockKind.TITLE, BlockKind.SUBHEADING)
"""Blocks that hold no explanations (their names are explained in the text below)."""

Simplifier = Callable[[str], list[str]]


def add_explanations(
    blocks: list[EasyBlock], context: Context, simplify: Simplifier
) -> list[EasyBlock]:
    """The blocks with an explanation after the first mention of every explained term."""
    explainer = _Explainer(context, simplify)
    in_text = set(
        _terms([s for b in blocks if b.kind not in HEADINGS for s in b.sentences], context)
    )
    pending: list[str] = []  # terms named only in headings, waiting for the next text block
    result = []
    for block in blocks:
        if block.kind in HEADINGS:
            pending += [t for t in _terms(block.sentences, context) if t not in in_text]
            result.append(block)
            continue
        sentences: list[EasySentence] = []
        if pending and block.sentences:
            sentences += explainer.explain(pending, block.sentences[0].source)
            pending = []
        sentences += _explain_block(block.sentences, explainer)
        result.append(EasyBlock(block.id, block.kind, sentences))
    return result


def _explain_block(sentences: list[EasySentence], explainer: _Explainer) -> list[EasySentence]:
    out: list[EasySentence] = []
    waiting: list[str] = []
    for i, sentence in enumerate(sentences):
        out.append(sentence)
        waiting += _terms([sentence], explainer.context)
        following = sentences[i + 1].source if i + 1 < len(sentences) else None
        if sentence.text.rstrip().endswith(":") and following == sentence.source:
            continue  # never between a speaker and their words
        out += explainer.explain(waiting, sentence.source)
        waiting = []
    return out


class _Explainer:
    """Places each term's explanation once, numbering explanation sentences per segment."""

    def __init__(self, context: Context, simplify: Simplifier) -> None:
        self.context = context
        self.simplify = simplify
        self.explained: set[str] = set()
        self.placed: dict[str, int] = {}

    def explain(self, terms: list[str], source: str) -> list[EasySentence]:
        """Explanation sentences, after segment ``source``, for the terms not yet explained."""
        added: list[EasySentence] = []
        for term_id in terms:
            if term_id in self.explained:
                continue
            term = self.context.glossary.get(term_id)
            text = term.explanations.get(self.context.lang, "").strip()
            if not text:
                continue
            self.explained.add(term_id)
            for piece in self.simplify(text):
                n = self.placed.get(source, 0) + 1
                self.placed[source] = n
                easy_id = sentence_id(source, Role.EXPLANATION, n)
                added.append(EasySentence(easy_id, piece, Role.EXPLANATION, term_id))
        return added


def _terms(sentences: list[EasySentence], context: Context) -> list[str]:
    """Ids of the terms named in the article's own sentences, in order of first mention."""
    seen: list[str] = []
    for sentence in sentences:
        if sentence.role is not Role.TEXT:
            continue
        for mention in context.mentions(sentence.text):
            if mention.term not in seen:
                seen.append(mention.term)
    return seen
