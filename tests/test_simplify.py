"""Easy-to-read versions of the example article in English, French, Arabic and Bambara."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.document import BlockKind, Document
from pipeline.glossary import Glossary, load_glossary
from pipeline.ingest import read_document
from pipeline.simplify import EasyDocument, Role, check_facts, simplify_document
from pipeline.simplify.explain import HEADINGS
from pipeline.simplify.model import source_of
from pipeline.simplify.numbers import find_numbers
from pipeline.simplify.readability import MAX_SENTENCE_WORDS, MAX_WORDS_PER_SENTENCE
from pipeline.simplify.text import count_words
from pipeline.xliff import read_translations

ROOT = Path(__file__).parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
LANGS = ["en", "fr", "ar", "bm"]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(None)


@pytest.fixture(scope="module")
def documents(glossary: Glossary) -> dict[str, Document]:
    """The example article and its hand-made translations."""
    source = read_document(ARTICLE, glossary=glossary)
    docs = {"en": source}
    for lang in ("fr", "ar", "bm"):
        result = read_translations((TRANSLATIONS / f"{lang}.xliff").read_bytes(), source)
        docs[lang] = source.with_texts(lang, result.texts, "human")
    return docs


@pytest.fixture(scope="module")
def easy(documents: dict[str, Document], glossary: Glossary) -> dict[str, EasyDocument]:
    return {lang: simplify_document(doc, glossary) for lang, doc in documents.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_targets_met(easy: dict[str, EasyDocument], lang: str):
    figures = easy[lang].readability
    assert figures.words_per_sentence <= MAX_WORDS_PER_SENTENCE
    assert figures.longest_sentence <= MAX_SENTENCE_WORDS
    assert easy[lang].unmet_targets() == []
    lengths = [count_words(s.text) for s in easy[lang].sentences()]
    assert max(lengths) <= MAX_SENTENCE_WORDS


def test_english_grade(easy: dict[str, EasyDocument]):
    english = easy["en"]
    assert english.readability.formula == "flesch_kincaid_grade"
    assert english.readability.score is not None and english.readability.score <= 6
    assert english.original.score is not None and english.original.score > 10


@pytest.mark.parametrize(
    ("lang", "formula"), [("fr", "kandel_moles"), ("ar", "osman"), ("bm", None)]
)
def test_easier_by_the_formula(easy: dict[str, EasyDocument], lang: str, formula: str | None):
    version = easy[lang]
    assert version.readability.formula == formula
    if formula is not None:  # reading-ease scores: higher is easier
        assert version.readability.score > version.original.score  # type: ignore[operator]
    assert version.readability.words_per_sentence < version.original.words_per_sentence / 2


@pytest.mark.parametrize("lang", LANGS)
def test_no_fact_lost(
    documents: dict[str, Document], easy: dict[str, EasyDocument], glossary: Glossary, lang: str
):
    assert check_facts(documents[lang], easy[lang], glossary) == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_and_name_in_the_text(
    documents: dict[str, Document], easy: dict[str, EasyDocument], glossary: Glossary, lang: str
):
    """The same check as ``check_facts``, written out: the easy text alone keeps them."""
    text = " ".join(s.text for s in easy[lang].sentences() if s.role is Role.TEXT)
    original = " ".join(s.text for s in documents[lang].segments())
    assert set(find_numbers(original, lang)) <= set(find_numbers(text, lang))
    names = {m.term for m in glossary.find(original, lang)}
    assert names and names <= {m.term for m in glossary.find(text, lang)}


@pytest.mark.parametrize("lang", LANGS)
def test_each_term_explained_once_at_first_mention(
    easy: dict[str, EasyDocument], glossary: Glossary, lang: str
):
    version = easy[lang]
    body = [s for b in version.blocks if b.kind not in HEADINGS for s in b.sentences]
    first_mention: dict[str, int] = {}
    for i, sentence in enumerate(body):
        if sentence.role is Role.TEXT:
            for mention in glossary.find(sentence.text, lang):
                first_mention.setdefault(mention.term, i)
    explained = {s.term for s in body if s.role is Role.EXPLANATION}
    expected = {t for t in first_mention if glossary.get(t).explanations.get(lang)}
    assert explained == expected and len(expected) >= 15
    for term in expected:
        places = [i for i, s in enumerate(body) if s.term == term]
        # One explanation, in consecutive sentences, after the mention and before the
        # next sentence of the article that is not a quotation following its speaker.
        assert places == list(range(places[0], places[-1] + 1))
        assert places[0] > first_mention[term]
        between = body[first_mention[term] + 1 : places[0]]
        assert all(
            s.role is Role.EXPLANATION or s.source == body[first_mention[term]].source
            for s in between
        )


def test_explanations_come_from_the_glossary(easy: dict[str, EasyDocument], glossary: Glossary):
    """The GSIM's explanation is the glossary's sentence, cut into easy sentences."""
    sentences = [s.text for s in easy["en"].sentences() if s.term == "gsim"]
    assert " ".join(sentences) == glossary.get("gsim").explanations["en"]
    iyad = [s.text for s in easy["en"].sentences() if s.term == "iyad-ag-ghaly"]
    assert iyad == [
        "Iyad Ag Ghaly is a Tuareg leader from northern Mali.",
        "Iyad Ag Ghaly heads the GSIM.",
        "The GSIM is an armed group linked to al-Qaida.",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_key_points(easy: dict[str, EasyDocument], lang: str):
    version = easy[lang]
    assert 3 <= len(version.key_points) <= 5
    texts = {s.text for b in version.blocks for s in b.sentences if s.role is Role.TEXT}
    for point in version.key_points:
        assert point.role is Role.KEY_POINT
        assert point.text in texts  # from the text itself, never written anew
        assert point.id == f"{point.source}.k1"


@pytest.mark.parametrize("lang", LANGS)
def test_ids_lead_back_to_the_source(
    documents: dict[str, Document], easy: dict[str, EasyDocument], lang: str
):
    version = easy[lang]
    source_ids = set(documents[lang].segment_map())
    ids = [s.id for s in version.sentences()]
    assert len(ids) == len(set(ids))
    assert all(source_of(i) in source_ids for i in ids)
    assert [b.id for b in version.blocks] == [b.id for b in documents[lang].blocks]
    for block in version.blocks:
        for sentence in block.sentences:
            assert sentence.source.startswith(f"{block.id}.")
            letter = {Role.TEXT: "e", Role.EXPLANATION: "x"}[sentence.role]
            assert sentence.id.rsplit(".", 1)[1][0] == letter


def test_english_rewrites(easy: dict[str, EasyDocument]):
    """Attributions, appositions and acronyms come out plain."""
    by_source: dict[str, list[str]] = {}
    for sentence in easy["en"].sentences():
        if sentence.role is Role.TEXT:
            by_source.setdefault(sentence.source, []).append(sentence.text)
    assert by_source["p3.s1"][0] == "Sources close to the meetings said this:"
    assert by_source["p4.s1"] == [
        "The jihadist is Iyad Ag Ghaly.",
        "Iyad Ag Ghaly is an ethnic Tuareg.",
        "Iyad Ag Ghaly heads the GSIM.",
        "The GSIM has been battling the self-described Islamic State for influence in the Sahel.",
    ]
    assert by_source["p9.s1"][0] == "A local leader told AFP this:"
    assert by_source["p9.s1"][-1] == "The local leader asked not to be identified."
    assert by_source["p9.s1"][2] == '"Others went in small groups."'


def test_french_rewrites(easy: dict[str, EasyDocument]):
    texts = [s.text for s in easy["fr"].sentences() if s.role is Role.TEXT]
    assert "Un responsable local a déclaré à l'AFP, sous couvert d'anonymat\u00a0:" in texts
    assert "Le GSIM dispute au groupe autoproclamé État islamique l'influence au Sahel." in texts
    assert (
        "Des jihadistes l'ont rejointe avant de la transformer en leur propre insurrection."
        in texts
    )
    # Quotations are cut into one per sentence, with the no-break spaces of the original.
    assert "«\u00a0D'autres y sont allés en petits groupes.\u00a0»" in texts


def test_arabic_rewrites(easy: dict[str, EasyDocument]):
    texts = [s.text for s in easy["ar"].sentences() if s.role is Role.TEXT]
    assert "هذا ما صرح به زعيم محلي في حديث إلى وكالة فرانس برس." in texts
    assert "وطلب عدم كشف هويته." in texts
    assert "وقالت المصادر ما يلي:" in texts


def test_to_document(easy: dict[str, EasyDocument]):
    doc = easy["fr"].to_document()
    assert doc.lang == "fr"
    key_blocks = [b for b in doc.blocks if b.id.startswith("k")]
    assert [b.kind for b in key_blocks] == [BlockKind.LIST_ITEM] * len(easy["fr"].key_points)
    segments = list(doc.segments())
    assert [s.text for s in segments] == [s.text for s in easy["fr"].sentences()]
    explanation = next(s for s in segments if ".x" in s.id)
    assert explanation.provenance is not None and explanation.provenance.startswith("glossary:")
    assert Document.from_json(doc.to_json()).to_dict() == doc.to_dict()


def test_summary_for_the_manifest(easy: dict[str, EasyDocument]):
    summary = easy["ar"].summary()
    assert summary["unmet"] == []
    assert summary["original"]["formula"] == summary["easy"]["formula"] == "osman"
    assert summary["easy"]["longest_sentence"] <= MAX_SENTENCE_WORDS
    assert set(easy["ar"].to_dict()) >= {"key_points", "blocks", "readability"}


def test_json_round_trip(easy: dict[str, EasyDocument]):
    version = easy["bm"]
    again = EasyDocument.from_json(version.to_json())
    assert again.to_dict() == version.to_dict()
    assert [s.id for s in again.sentences()] == [s.id for s in version.sentences()]
