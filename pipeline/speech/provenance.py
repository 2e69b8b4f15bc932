"""How the text of a recording came to be, as its tags say it: truthfully, per version.

A human translation is not "machine-translated", and an easy-to-read version is not the
"original text" even in the source language: it is rewritten by Kuma's rules, and says so.
A translation says whether a person reviewed it, and an easy-to-read version whether
readers checked it (until then it is a draft).  The caller passes who checked what as
plain text: the speech stage knows nothing of manifests or publications.
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
    reviewed: str | None = None
    """Who reviewed the translation and when (``Awa Traoré, 2026-03-01``; ``""`` when
    that was not recorded); None when no person has reviewed every segment."""
    readers: str | None = None
    """Who checked the easy-to-read version with readers, and when; None: it is a draft."""

    def checked(self, easy: bool = False) -> str:
        """What people checked, to follow ``describe``: ``, not reviewed by a person``,
        ``, reviewed by a person (Awa Traoré, 2026-03-01)``; for an easy-to-read version
        also ``, not yet checked by readers`` or ``, checked by readers (...)``."""
        parts = []
        if self.means != "source":
            parts.append(_signed("reviewed by a person", self.reviewed, "not reviewed by a person"))
        if easy:
            parts.append(_signed("checked by readers", self.readers, "not yet checked by readers"))
        return "".join(f", {part}" for part in parts)

    def describe(self, lang: str, easy: bool = False) -> str:
        """``translated by a person from English into French``, and the like."""
        wordings = EASY if easy else ARTICLE
        wording = wordings.get(self.means, self.means + " ({lang})")
        return wording.format(lang=get_language(lang).name,
                              source=get_language(self.source_lang).name)


def _signed(done: str, who: str | None, not_done: str) -> str:
    if who is None:
        return not_done
    return f"{done} ({who})" if who else done
