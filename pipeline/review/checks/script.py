"""Script and orthography: each language in its own writing system and spelling.

- Arabic in Arabic script: Latin words in an Arabic translation are **minor** (a name
  or acronym left untransliterated) and **major** when most letters are Latin
  (the wrong-language check says more when it can).  Persian look-alike letters
  (``ی`` for ``ي``, ``ک`` for ``ك``), common in copied text, are **minor**.
- Bambara and Dyula in the official Latin orthography (ɛ ɔ ɲ ŋ): the legacy spellings
  ``è`` ``ò`` and word-initial ``ny`` are **minor** (spelling); so are the Greek
  look-alikes ``ε`` and ``ͻ`` typed for ``ɛ`` and ``ɔ``.  ``ny`` inside a word is
  not flagged: it is also ``n`` + the suffix ``-ya`` (``kelenya``, ``surunya``).
  Names (capitalised words and glossary mentions) are left alone.
- Any Latin-script translation with Arabic-script letters: **major**.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.langs import LANGUAGES
from pipeline.review.checks.finding import Category, Finding, Severity
from pipeline.review.checks.pair import Pair

CHECK = "script"
MANDING = ("bm", "dyu")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_PERSIAN = {"\u06cc": "\u064a", "\u06a9": "\u0643"}
_LEGACY = [
    (re.compile(r"\b[^\W\d_A-Z]*[èò][^\W\d_]*"), "è/ò are legacy spellings of ɛ/ɔ"),
    (re.compile(r"\bny(?=[aeiouɛɔ])", re.IGNORECASE), "initial 'ny' is the legacy spelling of ɲ"),
    (re.compile(r"[\u03b5\u037b\u03f5]"), "a Greek look-alike letter: write ɛ or ɔ"),
]


def check_script(pair: Pair) -> list[Finding]:
    """Writing-system and orthography findings for one translation."""
    if not pair.target.strip():
        return []
    script = LANGUAGES[pair.target_lang].script
    if script == "Arab":
        return _arabic(pair)
    findings = _arabic_letters(pair)
    if pair.target_lang in MANDING:
        findings += _manding(pair)
    return findings


def _arabic(pair: Pair) -> list[Finding]:
    findings = []
    latin = [m for m in _LATIN_WORD.finditer(pair.target)]
    letters = [c for c in pair.target if c.isalpha()]
    latin_letters = sum(len(m.group()) for m in latin)
    if latin and latin_letters > 0.5 * len(letters):
        findings.append(
            _finding(
                pair, Severity.MAJOR, "the Arabic translation is mostly in Latin letters", None
            )
        )
    elif latin:
        words = ", ".join(dict.fromkeys(m.group() for m in latin[:3]))
        span = (latin[0].start(), latin[0].end())
        findings.append(
            _finding(
                pair, Severity.MINOR, f"Latin letters in Arabic text ({words}): transliterate", span
            )
        )
    for index, char in enumerate(pair.target):
        if char in _PERSIAN:
            name = unicodedata.name(char).title()
            message = f"Persian letter {char} ({name}): Arabic writes {_PERSIAN[char]}"
            findings.append(_finding(pair, Severity.MINOR, message, (index, index + 1)))
            break
    return findings


def _arabic_letters(pair: Pair) -> list[Finding]:
    match = _ARABIC_LETTER.search(pair.target)
    if match is None:
        return []
    name = LANGUAGES[pair.target_lang].name
    return [_finding(pair, Severity.MAJOR, f"Arabic-script letters in {name} text", match.span())]


def _manding(pair: Pair) -> list[Finding]:
    findings = []
    for pattern, rule in _LEGACY:
        for match in pattern.finditer(pair.target):
            if _is_name(pair.target, match.start()):
                continue
            message = f"spelling: {rule} ({match.group()!r})"
            findings.append(_finding(pair, Severity.MINOR, message, match.span()))
            break
    return findings


def _is_name(text: str, index: int) -> bool:
    """True when the word at ``index`` is capitalised (a name keeps its own spelling)."""
    start = index
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
        start -= 1
    return text[start].isupper()


def _finding(pair: Pair, severity: Severity, message: str, span: tuple[int, int] | None) -> Finding:
    return pair.finding(CHECK, Category.FLUENCY, severity, message, target_span=span)
