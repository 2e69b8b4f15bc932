"""The document model: ids, JSON round-trip, translated copies."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.sanitize import remove_unsafe

kinds = st.sampled_from(list(BlockKind))
# A Document only ever holds clean text (every outside text is cleaned on the way in).
clean_text = st.text(max_size=40).map(remove_unsafe)
sentences = st.lists(clean_text.filter(bool), min_size=1, max_size=4)
documents = st.builds(
    lambda title, lang, items: Document(title, lang, make_blocks(items), "x.txt"),
    clean_text,
    st.sampled_from(["en", "fr", "ar", "bm"]),
    st.lists(st.tuples(kinds, sentences), max_size=6),
)


def test_ids_are_stable_and_ordered():
    blocks = make_blocks([(BlockKind.TITLE, ["T"]), (BlockKind.PARAGRAPH, ["A.", "B."])])
    assert [b.id for b in blocks] == ["p1", "p2"]
    assert [s.id for s in blocks[1].segments] == ["p2.s1", "p2.s2"]
    assert blocks[1].text == "A. B."


@given(documents)
def test_json_round_trip(doc):
    assert Document.from_json(doc.to_json()) == doc


@given(documents)
def test_fingerprint_depends_on_text_only(doc):
    copy = Document.from_json(doc.to_json())
    copy.title = doc.title + "!"
    assert copy.fingerprint() == doc.fingerprint()


def test_with_texts_keeps_ids_and_records_provenance():
    doc = Document(
        "T", "en", make_blocks([(BlockKind.TITLE, ["T"]), (BlockKind.PARAGRAPH, ["A."])])
    )
    fr = doc.with_texts("fr", {"p1.s1": "Titre", "p2.s1": "Un."}, {"p1.s1": "human", "p2.s1": "tm"})
    assert fr.lang == "fr" and fr.title == "Titre"
    assert [(s.id, s.text, s.provenance) for s in fr.segments()] == [
        ("p1.s1", "Titre", "human"),
        ("p2.s1", "Un.", "tm"),
    ]
    assert fr.fingerprint() != doc.fingerprint()


@given(st.text(max_size=30))
def test_texts_read_back_are_cleaned(text):
    doc = Document(text, "fr", make_blocks([(BlockKind.PARAGRAPH, [text or "x"])]), "x.txt")
    copy = Document.from_json(doc.to_json())
    assert copy.title == remove_unsafe(text)
    assert [s.text for s in copy.segments()] == [remove_unsafe(text or "x")]


@pytest.mark.parametrize(
    "data, reason",
    [
        ("[]", "expected a document, found []"),
        ('{"title": "t", "lang": "fr", "blocks": [null, 5]}', "expected a block, found None"),
        ('{"title": 5, "lang": "fr", "blocks": []}', "expected a title, found 5"),
        ('{"title": "t", "lang": "fr", "blocks": [{"id": "p1", "kind": "poem", "segments": []}]}',
         "unknown block kind 'poem'"),
        ('{"title": "t", "lang": "fr", "blocks": [{"id": "p1", "kind": "title", '
         '"segments": [{}]}]}',
         "expected a segment id, found None"),
    ],
)
def test_damaged_json_is_a_value_error(data, reason):
    with pytest.raises(ValueError, match=reason.replace("[", r"\[").replace("]", r"\]")):
        Document.from_json(data)
