"""Easy-to-read rules for Bambara (Bamanankan): sentence cuts and the glossary explanations.

Bambara marks every verbal clause with a predicative marker (``bɛ``, ``tɛ``, ``ye``,
``ma``, ``ka``, ``tun``, ``bɛna``, ``don``, ``ko``...), written alone or elided before
a vowel (``b'a``, ``k'a``), which makes clauses easy to recognise.  The cuts:

- ``;`` (shared with every language);
- ``, nka`` (but) -> a new sentence starting with ``Nka``;
- a comma followed by a subject pronoun (``a``, ``u``, ``o``, ``olu``...) and a clause
  -> a new sentence (``…, a bɛ GSIM ɲɛminɛ`` -> ``A bɛ GSIM ɲɛminɛ.``);
- ``, ani`` (and) + a clause -> a new sentence.

Numbers are kept as written (``san 2016``).
"""

from __future__ import annotations

import re

from pipeline.simplify.rules import (
    SHARED_RULES,
    Context,
    LanguageRules,
    Split,
    quotation_first,
)
from pipeline.simplify.text import word_set

MARKERS = word_set("bɛ tɛ ye ma ka kana tun bɛna tɛna don ko b' t' y' m' k'")
"""Predicative markers (and their elided forms) that make a clause."""
RELATIVES = frozenset({"min", "minnu"})
"""Relative pronouns: a marker right after one belongs to a relative clause, and a
sentence with one waits for its correlative (``…minnu…, olu ko…``) before it ends."""
PRONOUNS = word_set("a u o olu ale n an aw i e ne anw aw")
CONJUNCTIONS = word_set("ani nka walima")
POSTPOSITIONS = word_set("la na kɔnɔ kan ma fɛ kɔ kɔfɛ dafɛ kɛrɛfɛ bolo")
"""Bambara puts these after the noun: a cut falls after them, never before."""
CONTEXT_WORDS = word_set("a u o olu ale nka ani n' k'a o de")


def has_verb(text: str) -> bool:
    """Whether a predicative marker (alone or elided, ``b'a``) is in ``text``, outside a
    relative clause (``kulu minnu bɛ fanga kɔ`` is a noun phrase)."""
    words = [w.strip("\"'“”«»(),.;:!?").lower().replace("’", "'") for w in text.split()]
    for i, word in enumerate(words):
        marker = word in MARKERS or ("'" in word and word.split("'")[0] + "'" in MARKERS)
        if marker and (i == 0 or words[i - 1] not in RELATIVES):
            return True
    return False


def _open_relative(text: str) -> bool:
    return any(w.strip(",").lower() in RELATIVES for w in text.split())


def _clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    return rest if has_verb(rest) else None


def _correlated(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """A clause after a comma, unless it is the correlative of a relative (``o``, ``olu``)."""
    first = rest.split()[0].lower() if rest.split() else ""
    if first in ("o", "olu") and _open_relative(left):
        return None
    return rest


SPLITS: tuple[Split, ...] = (
    Split("nka", re.compile(r",\s+(?=nka\s)")),
    Split(
        "pronoun-clause",
        re.compile(r",\s+(?=(?:" + "|".join(sorted(PRONOUNS)) + r")\s)"),
        opener=_correlated,
    ),
    Split("ani", re.compile(r",\s+ani\s+"), opener=_clause),
)

RULES = LanguageRules(
    lang="bm",
    reported=re.compile(r"\bko\b"),
    rules=(*SHARED_RULES, quotation_first, *SPLITS),
    has_verb=has_verb,
    conjunctions=CONJUNCTIONS,
    postpositions=POSTPOSITIONS,
    context_words=CONTEXT_WORDS,
)
"""The Bambara rules."""
