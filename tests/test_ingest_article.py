"""The example article (tests/data/ingest_mali_article.txt, a copy of examples/) read exactly."""

from pathlib import Path

import pytest

from pipeline.document import BlockKind, Document
from pipeline.glossary import load_glossary
from pipeline.ingest import read_document

ARTICLE = Path(__file__).parent / "data" / "ingest_mali_article.txt"
CAPTION = (
    "FILE - An image grab made on June 25, 2016, from a video released by Islamist group "
    "Ansar Dine shows al-Qaida-affiliated leader Iyad Ag Ghaly at an unspecified location."
)
QUOTE = (
    '"I was received on an individual basis and alone by Iyad Ag Ghaly lkala in the Kidal '
    "region last week. Others went in small groups. He said the same thing to everyone, about "
    'uniting the sons of the Kidal region," a local leader told AFP, asking not to be identified.'
)


@pytest.fixture(scope="module")
def doc() -> Document:
    return read_document(ARTICLE)


def test_title_language_and_name(doc):
    assert doc.title == "Mali Jihadist Leader in Secret Talks With Northern Groups"
    assert doc.lang == "en"
    assert doc.source_name == "ingest_mali_article.txt"
    assert doc.blocks[0].kind is BlockKind.TITLE
    assert doc.blocks[0].text == doc.title


def test_structure(doc):
    kinds = [b.kind for b in doc.blocks]
    assert len(doc.blocks) == 27
    assert kinds.count(BlockKind.TITLE) == 1
    assert kinds.count(BlockKind.CAPTION) == 1
    assert kinds.count(BlockKind.PARAGRAPH) == 23
    assert [b.text for b in doc.blocks if b.kind is BlockKind.SUBHEADING] == [
        "Separate forces against IS",
        "Russian 'mercenaries'",
    ]
    assert [b.id for b in doc.blocks] == [f"p{n}" for n in range(1, 28)]


def test_caption_kept_once(doc):
    assert doc.blocks[1].kind is BlockKind.CAPTION
    assert doc.blocks[1].text == CAPTION
    assert sum(CAPTION in s.text for s in doc.segments()) == 1


@pytest.mark.parametrize("furniture", ["Accessibility links", "Breaking News"])
def test_furniture_is_gone(doc, furniture):
    assert all(furniture not in s.text for s in doc.segments())


def test_quotation_is_one_segment_with_its_attribution(doc):
    block = next(b for b in doc.blocks if b.text.startswith('"I was received'))
    assert [s.text for s in block.segments] == [QUOTE]
    assert block.segments[0].id == "p9.s1"


def test_every_paragraph_is_one_sentence(doc):
    # The article's paragraphs are single sentences (or the one quotation).
    assert all(len(b.segments) == 1 for b in doc.blocks)


def test_shipped_glossary_changes_no_boundary(doc):
    with_glossary = read_document(ARTICLE, glossary=load_glossary())
    assert with_glossary == doc


def test_language_override(doc):
    assert read_document(ARTICLE, lang="fr").lang == "fr"
