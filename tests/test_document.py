"""The document model: ids, JSON round-trip, translated copies."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import BlockKind, Document, make_blocks

kinds = st.sampled_from(list(BlockKind))
sentences = st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=4)
documents = st.builds(
    lambda title, lang, items: Document(title, lang, make_blocks(items), "x.txt"),
    st.text(max_size=30),
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
