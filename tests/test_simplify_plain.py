"""Plain words: the list is data, and no entry changes a fact or breaks a sentence."""

from __future__ import annotations

import re

import pytest

from pipeline.glossary import load_glossary
from pipeline.simplify.clauses import is_sentence, parse_french
from pipeline.simplify.english import noun_number
from pipeline.simplify.languages import rules_for
from pipeline.simplify.numbers import find_numbers
from pipeline.simplify.plain import PlainWord, hard_words_kept, plain_words, use_plain_words
from pipeline.simplify.rules import Context

GLOSSARY = load_glossary(None)
ROWS = [w for lang in ("en", "fr", "ar") for w in plain_words(lang)]


def context(lang: str) -> Context:
    return Context(rules_for(lang), GLOSSARY)


def test_the_list_covers_the_issue():
    hard = {(w.lang, w.hard) for w in ROWS}
    for entry in [
        ("en", "amalgamation"),
        ("en", "remains dormant"),
        ("en", "off the political radar"),
        ("en", "after much fanfare following its signing"),
        ("fr", "berceau"),
        ("fr", "en grande pompe"),
    ]:
        assert entry in hard
    assert sum(1 for w in ROWS if w.lang == "ar") >= 5


@pytest.mark.parametrize("word", ROWS, ids=lambda w: f"{w.lang}:{w.hard}")
def test_no_entry_changes_a_fact(word: PlainWord):
    """No number or name in either phrase; the example keeps every number and name, stays a
    whole sentence, and loses the hard word (unless it is only explained)."""
    for phrase in (word.hard, word.plain, word.explanation):
        assert not GLOSSARY.find(phrase, word.lang) or phrase == word.example
        assert not re.search(r"\d", phrase)
    after = use_plain_words(word.example, context(word.lang))
    assert find_numbers(after, word.lang) == find_numbers(word.example, word.lang)
    names = [m.term for m in GLOSSARY.find(word.example, word.lang)]
    assert [m.term for m in GLOSSARY.find(after, word.lang)] == names
    assert is_sentence(after, word.lang) is not False
    if word.plain:
        assert word.plain.lower() in after.lower()
    else:
        assert after == word.example and word.explanation


@pytest.mark.parametrize(
    "word", [w for w in ROWS if w.lang == "fr" and w.plain], ids=lambda w: w.hard
)
def test_french_replacements_keep_gender_and_number(word: PlainWord):
    """In the example sentence, the first noun of the replaced words has the same gender and
    number before and after (as far as the parser marks them), so articles, adjectives and
    pronouns around it still agree."""
    before = parse_french(word.example)
    if before is None:
        pytest.skip("spaCy's French pipeline is not installed")
    after = parse_french(use_plain_words(word.example, context("fr")))
    start = word.example.lower().index(word.hard.lower())
    old = _first_noun(before, start, start + len(word.hard))
    new = _first_noun(after, start, start + len(word.plain) + 3)
    if old is None or new is None:
        return
    for feature in ("Gender", "Number"):
        if old.morph.get(feature) and new.morph.get(feature):
            assert old.morph.get(feature) == new.morph.get(feature), (old, new)


def _first_noun(doc, start: int, end: int):  # type: ignore[no-untyped-def]
    return next((t for t in doc if start <= t.idx < end and t.pos_ == "NOUN"), None)


@pytest.mark.parametrize(
    "word", [w for w in ROWS if w.lang == "en" and w.plain], ids=lambda w: w.hard
)
def test_english_replacements_keep_number(word: PlainWord):
    hard = [noun_number(w) for w in word.hard.split() if noun_number(w)]
    plain = [noun_number(w) for w in word.plain.split() if noun_number(w)]
    if hard and plain and len(word.hard.split()) == 1:
        assert hard[-1] == plain[-1]


def test_quotations_keep_their_words():
    text = 'The source said "he paid tribute to the expected amalgamation" of the groups.'
    assert use_plain_words(text, context("en")) == text
    assert [w.hard for w in hard_words_kept(text, "en")] == ["amalgamation"]


def test_article_agrees_with_the_plain_phrase():
    text = "He is seen as an unavoidable figure in the talks."
    assert use_plain_words(text, context("en")) == "He is seen as a key person in the talks."


def test_french_elision_is_not_broken():
    """«l'insurrection» needs its own row («la révolte»), never «l'révolte»."""
    text = "L'insurrection a gagné le Sahel et leur propre insurrection continue."
    out = use_plain_words(text, context("fr"))
    assert out.startswith("La révolte") and "l'révolte" not in out.lower()
