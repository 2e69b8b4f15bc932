"""Splitting long inputs without losing a character, and carrying over what needs no model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from pipeline.glossary import Glossary
from pipeline.translate.chunking import split_to_fit
from pipeline.translate.passthrough import GLOSSARY, SOURCE, carry_over


def words_fit(limit: int):  # noqa: ANN201 - a tiny closure factory
    return lambda text: len(text.split()) <= limit


@pytest.mark.parametrize(
    ("text", "limit", "chunks"),
    [
        ("One two. Three four.", 10, ["One two. Three four."]),
        ("One two three. Four five six.", 3, ["One two three. ", "Four five six."]),
        ("One two, three four; five six", 2, ["One two, ", "three four; ", "five six"]),
        ("a b c d e", 2, ["a b ", "c d ", "e"]),
        ('He said "Go." Then left.', 3, ['He said "Go." ', "Then left."]),
        ("Il a dit : non. Puis ؟ نعم. فقط", 4, ["Il a dit : ", "non. ", "Puis ؟ نعم. فقط"]),
    ],
)
def test_split_at_the_gentlest_boundary(text: str, limit: int, chunks: list[str]) -> None:
    assert split_to_fit(text, words_fit(limit)) == chunks


def test_protected_spans_are_never_cut() -> None:
    text = "They met Iyad Ag Ghaly in Kidal yesterday"
    start = text.index("Iyad")
    chunks = split_to_fit(text, words_fit(3), [(start, start + len("Iyad Ag Ghaly"))])
    assert "Iyad Ag Ghaly" in chunks[1]
    assert "".join(chunks) == text


def test_a_run_without_spaces_is_cut_by_characters() -> None:
    text = "x" * 25
    chunks = split_to_fit(text, lambda t: len(t) <= 10)
    assert chunks == ["x" * 10, "x" * 10, "x" * 5]


def test_a_five_thousand_word_sentence_is_split_whole() -> None:
    text = " ".join(f"word{n}" for n in range(5000)) + "."
    chunks = split_to_fit(text, words_fit(200))
    assert "".join(chunks) == text
    assert len(chunks) == 25
    assert all(len(chunk.split()) <= 200 for chunk in chunks)
    assert chunks[-1].endswith("word4999.")


@settings(max_examples=examples(200), deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcé,.;!? ", min_size=1, max_size=8), max_size=40),
    limit=st.integers(min_value=1, max_value=12),
    protect=st.tuples(st.integers(0, 60), st.integers(0, 6)),
)
def test_chunks_give_back_the_text_and_fit(
    words: list[str], limit: int, protect: tuple[int, int]
) -> None:
    text = " ".join(words)
    start = min(protect[0], len(text))
    span = (start, min(len(text), start + protect[1]))
    fits = lambda t: len(t) <= limit  # noqa: E731
    chunks = split_to_fit(text, fits, [span])
    assert "".join(chunks) == text
    assert all(fits(chunk) for chunk in chunks)
    if span[1] - span[0] <= limit:  # a span longer than the limit has to be cut
        cuts = [sum(len(c) for c in chunks[:n]) for n in range(1, len(chunks))]
        assert not any(span[0] < cut < span[1] for cut in cuts)


# -- carried over ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "carried", "provenance"),
    [
        ("", "fr", "", SOURCE),
        ("2015", "ar", "2015", SOURCE),
        ("12,000 - 15,000.", "bm", "12,000 - 15,000.", SOURCE),
        ("https://example.org/news?id=3", "fr", "https://example.org/news?id=3", SOURCE),
        ("www.afp.com", "ar", "www.afp.com", SOURCE),
        ("contact@example.org", "fr", "contact@example.org", SOURCE),
        ("Kidal.", "fr", "Kidal.", GLOSSARY),
        ("Mali", "ar", "مالي", GLOSSARY),
        ("Kremlin, Mali (2015)", "ar", "الكرملين, مالي (2015)", GLOSSARY),
        ("Islamic State", "fr", "État islamique", GLOSSARY),
        ("Sharia", "bm", None, None),  # no Bambara form: the model and the check decide
        ("Kidal is calm.", "fr", None, None),
        ("Visit https://example.org today", "fr", None, None),
        ("June 25, 2016", "fr", None, None),
    ],
)
def test_carry_over(
    engine_glossary: Glossary, text: str, lang: str, carried: str | None, provenance: str | None
) -> None:
    result = carry_over(text, engine_glossary.find(text, "en"), engine_glossary, lang)
    if carried is None:
        assert result is None
    else:
        assert result is not None
        assert (result.text, result.provenance) == (carried, provenance)


def test_names_are_not_carried_over_without_a_glossary() -> None:
    assert carry_over("Kidal", [], None, "fr") is None
