"""The ``Glossary``: terms by id, their mentions in texts and documents."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import GlossaryError
from pipeline.glossary.csvio import dump_csv
from pipeline.glossary.match import Matcher
from pipeline.glossary.model import Mention, Term
from pipeline.langs import LANGUAGES, get_language

if TYPE_CHECKING:
    from pipeline.document import Document


class Glossary:
    """A termbase.  Treat it as immutable: matchers are compiled once per language and kept."""

    def __init__(self, terms: list[Term], path: Path | None = None, version: str = "") -> None:
        """``version`` is the sha256 of the file read; in-memory glossaries hash their CSV form."""
        self.terms = terms
        self.path = path
        self._by_id: dict[str, Term] = {}
        for term in terms:
            if term.id in self._by_id:
                raise GlossaryError(f"duplicate term id {term.id!r}")
            self._by_id[term.id] = term
        self.version = version or _content_hash(self)
        self._matchers: dict[tuple[str, str | None], Matcher] = {}

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._by_id

    @property
    def languages(self) -> list[str]:
        """Codes of the languages at least one term has a form in, in ``LANGUAGES`` order."""
        return [code for code in LANGUAGES if any(t.form(code) for t in self.terms)]

    def get(self, term_id: str) -> Term:
        """The term with this id; GlossaryError when there is none."""
        try:
            return self._by_id[term_id]
        except KeyError:
            raise GlossaryError(f"no term {term_id!r} in the glossary") from None

    def find(self, text: str, lang: str = "en") -> list[Mention]:
        """Mentions of terms in ``text`` (forms in ``lang``): non-overlapping, longest wins."""
        return self.matcher(lang).find(text)

    def match_document(self, doc: Document) -> list[Mention]:
        """Mentions in every segment of ``doc`` (forms in ``doc.lang``), with segment ids."""
        matcher = self.matcher(doc.lang)
        return [m for segment in doc.segments() for m in matcher.find(segment.text, segment.id)]

    def protected_spans(self, text: str, lang: str = "en") -> list[tuple[int, int]]:
        """``(start, end)`` of each mention: spans sentence splitting must not cut."""
        return [(m.start, m.end) for m in self.find(text, lang)]

    def matcher(self, lang: str, term_id: str | None = None) -> Matcher:
        """The compiled matcher for ``lang``, for every term or for one (built once, kept)."""
        code = get_language(lang).code
        key = (code, term_id)
        if key not in self._matchers:
            terms = self.terms if term_id is None else [self.get(term_id)]
            entries = [(form, t.id) for t in terms for form in t.all_forms(code)]
            self._matchers[key] = Matcher(entries)
        return self._matchers[key]


def _content_hash(glossary: Glossary) -> str:
    return hashlib.sha256(dump_csv(glossary.terms).encode("utf-8")).hexdigest()
