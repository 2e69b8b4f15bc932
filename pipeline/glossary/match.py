"""Finding glossary forms in text: one compiled pattern per set of forms, longest match first.

The rules, chosen for news copy:

- Forms made only of capitals and digits (``IS``, ``GSIM``, ``G5``) are acronyms and
  match case-sensitively: ``IS`` is never the verb ``is``.  Other forms match
  whatever their case (``Malian Army`` is ``Malian army``).
- Whole words only, with Unicode word boundaries: ``Mali`` is not found in
  ``Malian`` (the adjective is not the place; a glossary that wants it lists it,
  as ``Malian army``), ``IS`` is not found in ``ISGS``.
- Accents, tone marks, harakat, tatweel and typographic apostrophes do not matter
  (see ``pipeline.glossary.fold``); spaces and hyphens between words are
  interchangeable (``al-Qaida``, ``al Qaida``), so are line breaks.
- A possessive is not part of the mention: in ``Ag Ghaly's`` (or ``Ag Ghaly’s``)
  the mention is ``Ag Ghaly``.  A leading article is not part of it either: forms
  carry none, so in ``the Sahel`` the mention is ``Sahel``.
- Arabic forms also match with attached prefixes (و ف ب ك ل and the article ال,
  including ل + ال written لل); the mention then covers the whole written word
  (``والقاعدة``).  The article is only accepted on forms that carry it, so مالي
  is not found in المالي ("the Malian").
- At each position the longest form wins, and mentions never overlap:
  ``Iyad Ag Ghaly`` is one mention, not also ``Ag Ghaly``.

The forms are compiled into a trie-shaped regular expression, so a text is scanned
once whatever the size of the glossary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.glossary.fold import fold, fold_text
from pipeline.glossary.model import Mention

SEPARATOR = r"[\s\-]+"
"""What a space or hyphen between two words of a form matches in the text."""

_SEPARATORS = re.compile(SEPARATOR)
_ARTICLE = "\u0627\u0644"  # ال
# Before a form that has the article: و/ف, then ب/ك with ال, or ل with ال written لل.
_ARTICLE_PREFIX = "[\u0648\u0641]?(?:[\u0628\u0643]?\u0627\u0644|\u0644\u0644)"
# Before any other Arabic form: و/ف, then ب/ل/ك.
_PLAIN_PREFIX = "[\u0648\u0641]?[\u0628\u0644\u0643]?"


def is_acronym(form: str) -> bool:
    """True for forms whose letters are all capitals (``IS``, ``GSIM``, ``G5``)."""
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_arabic(form: str) -> bool:
    """True when a form starts with an Arabic letter (its first word can take prefixes)."""
    return bool(form) and "\u0600" <= form[0] <= "\u06ff"


def match_key(form: str) -> str:
    """The form as the matcher sees it: folded, separators collapsed to one space."""
    return _SEPARATORS.sub(" ", fold_text(form)).strip(" ")


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False

    def add(self, tokens: list[str]) -> None:
        node = self
        for token in tokens:
            node = node.children.setdefault(token, _Node())
        node.terminal = True

    def regex(self) -> tuple[str, int]:
        """This subtree as a pattern, and its depth; deeper branches are tried first."""
        branches = sorted(
            ((token, *child.regex()) for token, child in self.children.items()),
            key=lambda item: -item[2],
        )
        depth = 1 + max((d for _, _, d in branches), default=0)
        alternatives = [token + rest for token, rest, _ in branches]
        if not alternatives:
            return "", 0
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        return (f"(?:{body})?" if self.terminal else body), depth


def _tokens(key: str, case_sensitive: bool) -> list[str]:
    tokens = []
    for char in key:
        if char == " ":
            tokens.append(SEPARATOR)
        elif case_sensitive or not _has_simple_case(char):
            tokens.append(re.escape(char))
        else:
            tokens.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")
    return tokens


def _has_simple_case(char: str) -> bool:
    lower, upper = char.lower(), char.upper()
    return lower != upper and len(lower) == 1 and len(upper) == 1


class Matcher:
    """Finds a fixed set of forms in texts; build it once, use it for every text."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        """``entries`` are ``(form, term id)`` pairs; a form listed twice keeps its first term."""
        self._exact: dict[str, str] = {}
        self._caseless: dict[str, str] = {}
        tries = {"lat": _Node(), "alcore": _Node(), "arcore": _Node()}
        for form, term_id in entries:
            key = match_key(form)
            if not any(c.isalnum() for c in key):
                continue
            if is_acronym(key):
                self._exact.setdefault(key, term_id)
                tries["lat"].add(_tokens(key, case_sensitive=True))
                continue
            self._caseless.setdefault(key.lower(), term_id)
            if not is_arabic(key):
                tries["lat"].add(_tokens(key, case_sensitive=False))
            elif key.startswith(_ARTICLE) and len(key) > len(_ARTICLE):
                tries["alcore"].add(_tokens(key[len(_ARTICLE) :], case_sensitive=True))
            else:
                tries["arcore"].add(_tokens(key, case_sensitive=True))
        self.pattern = _compile(tries)
        """The compiled pattern, None when there is nothing to find."""

    def find(self, text: str, segment: str = "") -> list[Mention]:
        """Every mention in ``text``, in order, non-overlapping, longest first."""
        if self.pattern is None or not text:
            return []
        folded = fold(text)
        mentions = []
        for match in self.pattern.finditer(folded.text):
            start, end = folded.span(*match.span())
            mentions.append(Mention(self._term(match), text[start:end], segment, start, end))
        return mentions

    def _term(self, match: re.Match[str]) -> str:
        if match.group("alcore") is not None:
            return self._caseless[_ARTICLE + match_key(match.group("alcore"))]
        if match.group("arcore") is not None:
            return self._caseless[match_key(match.group("arcore"))]
        key = match_key(match.group("lat"))
        return self._exact.get(key) or self._caseless[key.lower()]


def _compile(tries: dict[str, _Node]) -> re.Pattern[str] | None:
    prefixes = {"lat": "", "alcore": _ARTICLE_PREFIX, "arcore": _PLAIN_PREFIX}
    branches = []
    for name, trie in tries.items():
        body, _ = trie.regex()
        # Every group exists, even when empty, so that match.group(name) is always legal.
        branches.append(f"{prefixes[name]}(?P<{name}>{body})" if body else f"(?P<{name}>(?!))")
    if not any(trie.children for trie in tries.values()):
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(branches)})(?!\w)")
