"""OSMAN, the Arabic readability formula of El-Haj and Rayson (2016).

Mahmoud El-Haj and Paul Rayson, "OSMAN — A Novel Arabic Readability Metric",
Proceedings of LREC 2016, pages 250–255 (ACL Anthology L16-1038)::

    OSMAN = 200.791 − 1.015 × (A / B) − 24.181 × (C / A + D / A + G / A + H / A)

    A  words                     B  sentences
    C  hard words: more than 5 syllables
    D  syllables (short = 1; long and stressed = 2)
    G  long words: more than 5 letters, short vowels not counted
    H  "faseeh" words: hard words with ء ئ ؤ ذ ظ, or ending in وا or ون

Higher scores are easier, as with Flesch Reading Ease.

Syllables.  The paper counts them from the short-vowel marks (harakat): a short
syllable per fatha, damma or kasra; a long syllable (counted twice) when the mark is
followed by ا و ي; a stressed one (counted twice) per shadda or tanween.  News
Arabic is written without those marks (the paper diacritised its corpus with
Mishkal first), so a word without marks is counted from its letters instead:

- ا ى آ after the first letter, and و ي between a consonant and a consonant or the
  end of the word, are long vowels: one long syllable each;
- every other letter is a consonant; each consonant that does not carry one of those
  long vowels carries a short vowel, except the word's last consonant (Arabic words
  end on a consonant when read without case endings) and the ل of the article ال;
- the article's ا counts for nothing (its vowel is the ل's).

The estimate matches the marked count of common words read without case endings
(مالي 4, كيدال 4, الجيش 3); it cannot see shadda, so it never counts stress.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHORT_VOWELS = "\u064e\u064f\u0650"
"""Fatha, damma, kasra."""
STRESS_MARKS = "\u064b\u064c\u064d\u0651"
"""Tanween (fath, damm, kasr) and shadda."""
MARKS = re.compile("[\u064b-\u0652\u0653\u0657\u0658\u0670]")
"""Every diacritic left out when letters are counted."""
LONG_LETTERS = "\u0627\u0648\u064a"
"""ا و ي: after a short-vowel mark, they lengthen it."""
FASEEH_LETTERS = re.compile("[\u0621\u0626\u0624\u0630\u0638]")
"""ء ئ ؤ ذ ظ."""
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_ALEFS = "\u0627\u0649\u0622"  # ا ى آ
_WAW_YA = "\u0648\u064a"  # و ي
_ARTICLE = "\u0627\u0644"  # ال


@dataclass(frozen=True)
class OsmanCounts:
    """The counts the formula is made of."""

    words: int
    sentences: int
    hard_words: int
    syllables: int
    long_words: int
    faseeh_words: int

    @property
    def score(self) -> float:
        """The OSMAN score; 0 when there are no words."""
        if not self.words or not self.sentences:
            return 0.0
        per_word = (self.hard_words + self.syllables + self.long_words + self.faseeh_words) / (
            self.words
        )
        return 200.791 - 1.015 * (self.words / self.sentences) - 24.181 * per_word


def osman_counts(words: list[str], sentences: int) -> OsmanCounts:
    """Count ``words`` (tokens of the text, punctuation allowed) the way the formula needs."""
    cleaned = [w for w in (_letters_and_marks(word) for word in words) if w]
    syllables = [word_syllables(w) for w in cleaned]
    hard = [s > 5 for s in syllables]
    return OsmanCounts(
        words=len(cleaned),
        sentences=sentences,
        hard_words=sum(hard),
        syllables=sum(syllables),
        long_words=sum(1 for w in cleaned if len(MARKS.sub("", w)) > 5),
        faseeh_words=sum(1 for w, h in zip(cleaned, hard, strict=True) if h and is_faseeh(w)),
    )


def osman(words: list[str], sentences: int) -> float:
    """The OSMAN score of a text given as its words and its number of sentences."""
    return osman_counts(words, sentences).score


def word_syllables(word: str) -> int:
    """Syllables of one Arabic word (long and stressed ones counted twice), at least 1."""
    if any(mark in word for mark in SHORT_VOWELS + STRESS_MARKS):
        return max(1, _marked_syllables(word))
    return max(1, _unmarked_syllables(word))


def is_faseeh(word: str) -> bool:
    """Whether the word has one of the "faseeh" letters or endings of the paper."""
    bare = MARKS.sub("", word)
    return bool(FASEEH_LETTERS.search(bare)) or bare.endswith(("\u0648\u0627", "\u0648\u0646"))


def _letters_and_marks(token: str) -> str:
    """The Arabic letters and marks of a token; digits and Latin words count as one letter."""
    kept = "".join(c for c in token if _ARABIC_LETTER.match(c) or MARKS.match(c))
    if kept:
        return kept
    return "x" if any(c.isalnum() for c in token) else ""


def _marked_syllables(word: str) -> int:
    short = long = 0
    for i, char in enumerate(word):
        if char in SHORT_VOWELS:
            if i + 1 < len(word) and word[i + 1] in LONG_LETTERS:
                long += 1
            else:
                short += 1
    stress = sum(word.count(mark) for mark in STRESS_MARKS)
    return short + 2 * (long + stress)


def _unmarked_syllables(word: str) -> int:
    letters = MARKS.sub("", word)
    if letters.startswith(_ARTICLE) and len(letters) > 3:
        letters = letters[2:]  # the article: its one short syllable is added back below
        article = 1
    else:
        article = 0
    long_vowels = [i for i in range(1, len(letters)) if _is_long_vowel(letters, i)]
    consonants = len(letters) - len(long_vowels)
    carried = len(long_vowels)  # each long vowel sits on the consonant before it
    short = max(0, consonants - carried - 1)
    return article + short + 2 * len(long_vowels)


def _is_long_vowel(letters: str, i: int) -> bool:
    char = letters[i]
    if char in _ALEFS:
        return True
    if char not in _WAW_YA:
        return False
    before_is_consonant = letters[i - 1] not in _ALEFS + _WAW_YA
    after = letters[i + 1] if i + 1 < len(letters) else ""
    return before_is_consonant and (not after or after not in _ALEFS + _WAW_YA)
