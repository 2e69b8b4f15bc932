"""How the text of a recording came to be, as its tags say it: truthfully, per version.

A human translation is not "machine-translated", and an easy-to-read version is not the
"original text" even in the source language: it is rewritten by Kuma's rules, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.langs import get_language

ARTICLE = {
    "source": "original text ({lang})",
    "human": "translated by a person from {source} into {lang}",
    "machine": "machine-translated from {source} into {lang}",
}
"""How the article's text was made, per means."""

EASY = {
    "source": "easy-to-read version of the original text ({lang}), made automatically",
    "human": "easy-to-read version, made automatically, of a translation by a person from "
    "{source} into {lang}",
    "machine": "easy-to-read version, made automatically, of a machine translation from "
    "{source} into {lang}",
}
"""How an easy-to-read version's text was made, per means of the text it comes from."""


@dataclass(frozen=True)
class Provenance:
    """Where a text comes from."""

    means: str
    """``source`` (the original), ``human`` or ``machine`` (a translation)."""
    source_lang: str
    """Language of the original."""

    def describe(self, lang: str, easy: bool = False) -> str:
        """``translated by a person from English into French``, and the like."""
        wordings = EASY if easy else ARTICLE
        wording = wordings.get(self.means, self.means + " ({lang})")
        return wording.format(lang=get_language(lang).name,
                              source=get_language(self.source_lang).name)
