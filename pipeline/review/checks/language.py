"""Is the translation in its language at all: wrong language, and text left untranslated.

*Wrong language* asks ``pipeline.langid`` which language the translation is in,
among the target, the source, and the other languages Kuma translates into (a
segment pasted from another kit, or an engine answering in its pivot language, is
the usual accident).  The target's close sibling is left out (Bambara for a Dyula
translation and the other way round): they are too close to call one "wrong".
Short segments get no verdict and so no finding.  A segment in the wrong language
is **critical**: its reader cannot read it.

*Untranslated* finds a translation equal to its source (**critical**, unless the
source is only names and numbers, which legitimately stay the same), or one made
largely of the source's own words (``COPIED_SHARE``) (**major**: part of it was left in the source
language).
"""

from __future__ import annotations

import re

from pipeline.langid import identify, plausible
from pipeline.langs import LANGUAGES
from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

SIBLINGS = {"bm": "dyu", "dyu": "bm"}
"""Languages too close to the key to call the other one wrong."""

COPIED_SHARE = 0.3
"""Share of a translation's words copied from the source from which it is 'mostly source'
(the clean French example peaks at 0.13: ``contact``, ``question``, ``dialogue``, ``coup``)."""
COPIED_MIN = 4
"""Fewest copied words for that finding (a few shared words are normal: names, loans)."""

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def check_language(pair: Pair) -> list[Finding]:
    """Untranslated text, else a translation in another language than its own."""
    untranslated = check_untranslated(pair)
    if untranslated:
        return untranslated
    return check_wrong_language(pair)


def check_wrong_language(pair: Pair) -> list[Finding]:
    """A critical finding when the translation reads as another language."""
    found = identify(pair.target, plausible(pair.target_lang, pair.source_lang))
    if found.lang is None or found.lang == pair.target_lang:
        return []
    name = LANGUAGES[found.lang].name
    expected = LANGUAGES[pair.target_lang].name
    return [
        pair.finding(
            "wrong-language",
            Category.ACCURACY,
            Severity.CRITICAL,
            f"the translation reads as {name}, not {expected} ({found.reason})",
            target_span=(0, len(pair.target)),
        )
    ]


def check_untranslated(pair: Pair) -> list[Finding]:
    """The source copied as it is (critical), or mostly copied (major)."""
    words = _words(pair.source)
    common = [w for w in words if not _name_like(w)]
    if not common:
        return []  # names and numbers only: "Kidal" stays "Kidal"
    if _normal(pair.target) == _normal(pair.source):
        return [
            pair.finding(
                "untranslated",
                Category.ACCURACY,
                Severity.CRITICAL,
                "the translation is the source text, untranslated",
                target_span=(0, len(pair.target)),
            )
        ]
    source_words = {w.lower() for w in common}
    target_words = [w for w in _words(pair.target) if not _name_like(w)]
    copied = [w for w in target_words if w.lower() in source_words and len(w) > 2]
    if len(copied) >= COPIED_MIN and len(copied) >= COPIED_SHARE * len(target_words):
        share = len(copied) / len(target_words)
        example = " ".join(copied[:4])
        return [
            pair.finding(
                "untranslated",
                Category.ACCURACY,
                Severity.MAJOR,
                f"{share:.0%} of the translation's words are the source's own ({example}...)",
            )
        ]
    return []


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _name_like(word: str) -> bool:
    """Capitalised words and acronyms: names, which legitimately stay the same."""
    return word[:1].isupper()


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
