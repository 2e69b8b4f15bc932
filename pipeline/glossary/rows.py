"""The glossary's row shape (one concept per row, a column per language) and its rules.

The CSV and TBX readers both turn what they read into ``Term`` objects through
``term_from_cells`` and check them here, so a glossary is valid or not whatever
its file format.  Errors are ``RowError``: the reader adds the file and line.
"""

from __future__ import annotations

import re

from pipeline.glossary.match import match_key
from pipeline.glossary.model import TERM_TYPES, Term
from pipeline.langs import LANGUAGES
from pipeline.sanitize import clean_line, sanitise

LANGS = tuple(LANGUAGES)
"""Language codes a glossary may have columns for."""

COLUMNS = (
    "id",
    "type",
    *(column for lang in LANGS for column in (lang, f"{lang}_aliases")),
    *(f"explain_{lang}" for lang in LANGS),
    *(f"say_{lang}" for lang in LANGS),
    "note",
)
"""Every column, in the order files are written."""

REQUIRED_COLUMNS = ("id", "type", "en")
ALIAS_SEPARATOR = " | "
"""How aliases are written in one cell (read: any ``|``)."""

_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")
_LANGUAGE_COLUMN = re.compile(r"(?:explain_|say_)?([a-z]{2,3})(?:_aliases)?\Z")
_TYPES_HINT = "use " + ", ".join(TERM_TYPES[:-1]) + f" or {TERM_TYPES[-1]}"


class RowError(ValueError):
    """What is wrong with one row or header (without the file and line)."""


def check_header(header: list[str]) -> None:
    """Refuse duplicate, unknown and missing columns."""
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise RowError(f"duplicate column {column!r}")
        seen.add(column)
        if column in COLUMNS:
            continue
        if _LANGUAGE_COLUMN.match(column):
            known = ", ".join(LANGS)
            raise RowError(f"unknown language column {column!r} (known languages: {known})")
        raise RowError(f"unknown column {column!r}")
    for column in REQUIRED_COLUMNS:
        if column not in seen:
            raise RowError(f"missing required column {column!r}")


def term_from_cells(cells: dict[str, str]) -> Term:
    """Build a checked term from cell texts by column name (missing columns are empty)."""

    def cell(column: str) -> str:
        # Cells come from outside: the same clean-up as article text.
        text = cells.get(column, "")
        return sanitise(text).strip() if column == "note" else clean_line(text)

    def pick(prefix: str) -> dict[str, str]:
        return {lang: cell(prefix + lang) for lang in LANGS if cell(prefix + lang)}

    aliases = {}
    for lang in LANGS:
        split = [a.strip() for a in cell(f"{lang}_aliases").split("|") if a.strip()]
        if split:
            aliases[lang] = tuple(dict.fromkeys(a for a in split if a != cell(lang)))
    term = Term(
        id=cell("id"),
        type=cell("type"),
        forms=pick(""),
        aliases={lang: forms for lang, forms in aliases.items() if forms},
        explanations=pick("explain_"),
        pronunciations=pick("say_"),
        note=cell("note"),
    )
    check_term(term)
    return term


def term_cells(term: Term) -> dict[str, str]:
    """The cells of one row for ``term``, by column name."""
    cells = {"id": term.id, "type": term.type, "note": term.note}
    for lang in LANGS:
        cells[lang] = term.forms.get(lang, "")
        cells[f"{lang}_aliases"] = ALIAS_SEPARATOR.join(term.aliases.get(lang, ()))
        cells[f"explain_{lang}"] = term.explanations.get(lang, "")
        cells[f"say_{lang}"] = term.pronunciations.get(lang, "")
    return cells


def check_term(term: Term) -> None:
    """Refuse a term that breaks the glossary's rules for one row."""
    if not term.id:
        raise RowError("empty id")
    if not _ID.match(term.id):
        raise RowError(f"invalid id {term.id!r} (use a lowercase slug like 'iyad-ag-ghaly')")
    if term.type not in TERM_TYPES:
        raise RowError(f"unknown type {term.type!r} ({_TYPES_HINT})")
    if not term.form("en"):
        raise RowError(f"empty en form for {term.id!r}")
    for mapping in (term.forms, term.aliases, term.explanations, term.pronunciations):
        for lang in mapping:
            if lang not in LANGUAGES:
                raise RowError(f"unknown language {lang!r} in {term.id!r}")
    for lang in term.aliases:
        if not term.form(lang):
            raise RowError(f"{lang}_aliases given but {lang} is empty for {term.id!r}")
    for lang in term.forms:
        for form in term.all_forms(lang):
            _check_form(lang, form)


def _check_form(lang: str, form: str) -> None:
    if "|" in form:
        raise RowError(f"{lang} form {form!r} contains '|' (it separates aliases)")
    if not any(c.isalnum() for c in form):
        raise RowError(f"{lang} form {form!r} has no letters")
    if lang == "en" and form.lower().startswith("the "):
        # Matching finds "Sahel" in "the Sahel"; a form with the article would miss "Sahel's".
        raise RowError(f"en form {form!r} starts with 'the' (leave the article out)")


class UniqueTerms:
    """Collects terms and refuses a second use of an id, or of a form in one language."""

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._forms: dict[tuple[str, str], str] = {}

    def add(self, term: Term) -> None:
        """Record ``term``; RowError when its id or one of its forms is already taken."""
        if term.id in self._ids:
            raise RowError(f"duplicate id {term.id!r}")
        self._ids.add(term.id)
        for lang in term.forms:
            for form in term.all_forms(lang):
                # The matcher's own key: two forms that match the same text clash.
                key = (lang, match_key(form).lower())
                owner = self._forms.setdefault(key, term.id)
                if owner != term.id:
                    raise RowError(f"{lang} form {form!r} is already a form of {owner!r}")
