"""What the checks could not look at on this machine, per language, and why.

A check that has no tool for a language reports nothing, which must never read as
"nothing wrong": the report lists each such check as *not checked*, with the reason.

- **wrong-language** needs an identifier that knows the language: the script for
  Arabic, pyfranc's trigram profiles for the Latin-script languages
  (``pipeline.langid``).  Without it the language is not checked (``checked`` false):
  a translation in the wrong language is the one defect nothing else catches.
- **numbers** read numbers written in words with text2num (English, French), the
  Bambara normaliser (Bambara) or a word list (Arabic); elsewhere only digits are
  compared (``pipeline.review.checks.numerals.word_numbers``).
- **easy-verb** needs a part-of-speech tagger (spaCy's French pipeline).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec

from pipeline.langs import get_language

WORD_NUMBER_READERS = {"en": "text_to_num", "fr": "text_to_num", "bm": "bambara_normalizer",
                       "ar": ""}
"""Language -> the module that reads its numbers in words (``""``: built in)."""


@dataclass(frozen=True)
class NotChecked:
    """A check that could not run, or a whole version that could not be read."""

    check: str
    """The check's name, ``document`` for a version that could not be read, or a tool."""
    reason: str
    """Why, in one line a reviewer understands."""
    essential: bool = False
    """True when without it the language cannot count as checked."""

    def to_dict(self) -> dict[str, str]:
        return {"check": self.check, "reason": self.reason}


def translation_gaps(lang: str) -> list[NotChecked]:
    """The checks of a translation into ``lang`` that cannot run here."""
    gaps = []
    name = get_language(lang).name
    identifier = _identifier(lang)
    if identifier:
        gaps.append(NotChecked("wrong-language", f"no language identifier for {name} "
                               f"({identifier}): its segments' language is not checked", True))
    reader = WORD_NUMBER_READERS.get(lang)
    if reader is None or (reader and find_spec(reader) is None):
        why = f"{reader} is not installed" if reader else "no reader for the language"
        gaps.append(NotChecked("numbers", f"numbers written in words are not read in {name} "
                               f"({why}); numbers in digits are checked"))
    return gaps


def easy_gaps(lang: str) -> list[NotChecked]:
    """The checks of an easy-to-read version in ``lang`` that cannot run here."""
    from pipeline.review.checks.easy_verbs import can_tell, why_not

    if can_tell(lang):
        return []
    return [NotChecked("easy-verb", f"sentences without a verb are not found ({why_not(lang)})")]


def _identifier(lang: str) -> str:
    """Why ``lang`` has no language identifier here; ``""`` when it has one."""
    from pipeline import langid

    if get_language(lang).script == "Arab":
        return ""  # the script alone tells Arabic
    if lang not in langid.FRANC_CODES:
        return "pyfranc has no profile for it"
    if find_spec("pyfranc") is None:
        return "pyfranc is not installed"
    return ""
