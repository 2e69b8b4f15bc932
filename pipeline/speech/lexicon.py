"""Pronunciations from the glossary: each term's ``say_<lang>`` hint replaces it before synthesis.

Terms are found with the glossary's own matcher (same rules as everywhere else:
acronyms case-sensitive, longest match first, Arabic attached prefixes).  A term
without a hint in the language is spoken as written, and so is an alias that is not
part of the preferred form (the hint for ``GSIM`` is not said for ``JNIM``).  An
Arabic mention with an attached prefix (``والقاعدة``) keeps the prefix in front of
the hint; when the prefix cannot be separated cleanly (``للقاعدة``), the word is
spoken as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.glossary import Glossary, Mention
from pipeline.glossary.fold import fold
from pipeline.glossary.match import is_arabic, match_key


@dataclass(frozen=True)
class Pronunciation:
    """A glossary term found in a text, with the respelling the voice is given."""

    mention: Mention
    """Where the term is, as written."""
    say: str
    """What the voice reads instead (the hint, with any attached prefix kept)."""


class Lexicon:
    """The glossary's pronunciation hints for one language."""

    def __init__(self, glossary: Glossary | None, lang: str) -> None:
        """An empty lexicon when ``glossary`` is None."""
        self.glossary = glossary
        self.lang = lang
        self.hints: dict[str, str] = {}
        """Term id -> pronunciation hint, for the terms that have one in ``lang``."""
        if glossary is not None:
            for term in glossary.terms:
                hint = term.pronunciations.get(lang, "").strip()
                if hint and term.form(lang):
                    self.hints[term.id] = hint

    def find(self, text: str) -> list[Pronunciation]:
        """Every mention of a term with a hint, in order, with what to say for it."""
        if not self.hints or self.glossary is None:
            return []
        found = []
        for mention in self.glossary.find(text, self.lang):
            hint = self.hints.get(mention.term)
            if hint is None:
                continue
            say = self._spoken(mention, hint)
            if say is not None:
                found.append(Pronunciation(mention, say))
        return found

    def apply(self, text: str) -> str:
        """``text`` with every term that has a hint replaced by the hint."""
        return "".join(piece for piece, _ in self.pieces(text))

    def pieces(self, text: str) -> list[tuple[str, bool]]:
        """``text`` cut into (piece, is_hint): the hints replace the terms, and nothing
        should change them further (numbers, vowel marks)."""
        parts, position = [], 0
        for item in self.find(text):
            parts += [(text[position : item.mention.start], False), (item.say, True)]
            position = item.mention.end
        return [p for p in [*parts, (text[position:], False)] if p[0]]

    def _spoken(self, mention: Mention, hint: str) -> str | None:
        assert self.glossary is not None
        term = self.glossary.get(mention.term)
        found, prefix = mention.text, ""
        if is_arabic(found):  # only Arabic attaches prefixes to the words the glossary lists
            separated = attached_prefix(found, term.all_forms(self.lang))
            if separated is None:
                return None
            prefix, found = separated, found[len(separated) :]
        said = hint_for(found, term.form(self.lang) or "", hint)
        return None if said is None else prefix + said


def hint_for(found: str, preferred: str, hint: str) -> str | None:
    """What to say for ``found``: the whole hint for the preferred form; for an alias made
    of some of its words (``Ag Ghaly`` of ``Iyad Ag Ghaly``), the same words of a hint of
    as many words; else None (an alias such as a spelled-out name is said as written)."""
    found_words = match_key(found).lower().split()
    preferred_words = match_key(preferred).lower().split()
    if found_words == preferred_words:
        return hint
    hint_words = hint.split()
    if len(hint_words) != len(preferred_words):
        return None
    size = len(found_words)
    for start in range(len(preferred_words) - size + 1):
        if preferred_words[start : start + size] == found_words:
            return " ".join(hint_words[start : start + size])
    return None


MAX_PREFIX = 4
"""Longest Arabic prefix the matcher accepts: و or ف, then ب, ك or ل, then ال."""


def attached_prefix(found: str, forms: tuple[str, ...]) -> str | None:
    """What stands in front of a form in ``found`` (``و`` in ``والقاعدة``): "" when nothing,
    None when no form ends ``found`` (the prefix cannot be separated, as in ``للقاعدة``)."""
    folded = fold(found)
    keys = {match_key(form) for form in forms}
    for cut in range(min(MAX_PREFIX, len(folded.text) - 1) + 1):
        if match_key(folded.text[cut:]) in keys:
            return found[: folded.offsets[cut] if folded.offsets else cut]
    return None
