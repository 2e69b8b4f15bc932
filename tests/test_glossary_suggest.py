"""Suggesting glossary terms: uncovered names and acronyms."""

from pathlib import Path

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.glossary import load_glossary
from pipeline.glossary.suggest import suggest_terms

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"


def document(*paragraphs: list[str]) -> Document:
    items = [(BlockKind.TITLE, ["MALI JUNTA EXTENDS RULE AS GSIM PRESSES ON"])]
    items += [(BlockKind.PARAGRAPH, sentences) for sentences in paragraphs]
    return Document("t", "en", make_blocks(items))


def test_suggests_uncovered_names_and_acronyms():
    doc = document(
        [
            "The United Nations mission MINUSMA left Mali on Monday, President Assimi Goita said.",
            "Today Amadou Koufa's Katiba Macina attacked the Islamic State Sahel Province.",
        ],
        [
            "Fighters of the Katiba Macina and al-Mourabitoune moved in January.",
            "Katiba Macina fighters said the United Nations was absent.",
            "He met Iyad Ag Ghaly of the GSIM and the ISSP in the Gulf of Guinea.",
        ],
    )
    found = [s.to_dict() for s in suggest_terms(doc, load_glossary(MINI))]
    assert found == [
        {"text": "Katiba Macina", "count": 3, "segments": ["p2.s2", "p3.s1", "p3.s2"]},
        {"text": "United Nations", "count": 2, "segments": ["p2.s1", "p3.s2"]},
        {"text": "MINUSMA", "count": 1, "segments": ["p2.s1"]},
        {"text": "Assimi Goita", "count": 1, "segments": ["p2.s1"]},
        {"text": "Amadou Koufa", "count": 1, "segments": ["p2.s2"]},
        {"text": "al-Mourabitoune", "count": 1, "segments": ["p3.s1"]},
    ]


def test_ordinary_sentence_openers_months_and_days_are_not_names():
    doc = document(
        [
            "The Army said On Monday that Last March was calm.",
            "Today Gao Market reopened.",
            "Soldiers arrived. The soldiers left in May June.",
        ]
    )
    assert [s.text for s in suggest_terms(doc, load_glossary(MINI))] == ["Gao Market"]


def test_a_longer_name_around_a_known_term_is_suggested():
    doc = document(["Islamic State West Africa Province fighters crossed from Nigeria."])
    texts = [s.text for s in suggest_terms(doc, load_glossary(MINI))]
    assert texts == ["Islamic State West Africa Province"]


def test_shouting_text_suggests_nothing():
    assert suggest_terms(document(), load_glossary(MINI)) == []
