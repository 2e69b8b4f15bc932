"""Inline markup of a sentence: passages in another script, quotations, acronyms."""

import pytest
from a11y.samples import glossary
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipeline.langs import Direction
from pipeline.publish.abbr import abbreviations, is_acronym
from pipeline.publish.inline import foreign_runs
from pipeline.publish.markup import sentence_markup
from pipeline.publish.quotes import quotations


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("نقلت وكالة AFP عن مصدر", "ar", [("AFP", "en", Direction.LTR)]),
        ("قال Iyad Ag Ghaly, GSIM.", "ar", [("Iyad Ag Ghaly, GSIM", "en", Direction.LTR)]),
        ("رقم 2015 ثم Ménaka.", "ar", [("Ménaka", "fr", Direction.LTR)]),
        ("رقم Me\u0301naka", "ar", [("Me\u0301naka", "en", Direction.LTR)]),
        ("He said «الشريعة» twice.", "en", [("الشريعة", "ar", Direction.RTL)]),
        ("Sɛbɛn ɲɛmɔgɔ كيدال ni", "bm", [("كيدال", "ar", Direction.RTL)]),
        ("تنزيل (MP3) و5G 2015", "ar", [("MP3", "en", Direction.LTR), ("5G", "en", Direction.LTR)]),
        ("Only English here, 2015.", "en", []),
        ("عربي فقط 2015.", "ar", []),
        ("", "fr", []),
    ],
)
def test_foreign_runs(text, lang, expected):
    def guess(passage: str) -> str:
        return "fr" if "é" in passage else "en"

    runs = foreign_runs(text, lang, guess)
    assert [(text[r.start : r.end], r.lang, r.direction) for r in runs] == expected


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we stay" and left.', ["we stay"]),
        ("« Nous restons » a-t-il dit, puis « partons ».", ["Nous restons", "partons"]),
        ("قال «باقون» ثم غادر", ["باقون"]),
        ("“One” and „two“", ["One", "two"]),
        ('An odd " mark and "a quote"', []),
        ("Opened « but never closed.", []),
        ('Empty "" marks.', []),
        ("“Nested «marks» inside”", []),
    ],
)
def test_quotations(text, quoted):
    assert [text[q.start : q.end] for q in quotations(text)] == quoted


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("GSIM", True),
        ("FAMa", True),
        ("EI", True),
        ("IS", True),
        ("Mali", False),
        ("McDonald", False),
        ("A", False),
        ("Group of IS", False),
        ("أ ف ب", False),
    ],
)
def test_is_acronym(form, expected):
    assert is_acronym(form) is expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "the GSIM and IS",
            "en",
            [("GSIM", "Group for the Support of Islam and Muslims"), ("IS", "Islamic State")],
        ),
        (
            "selon l'AFP et les FAMa",
            "fr",
            [("AFP", "Agence France-Presse"), ("FAMa", "Forces armées maliennes")],
        ),
        ("EI ni GSIM", "bm", [("EI", "Eta Isilamiki")]),  # no Bambara expansion of GSIM
        ("this is it", "en", []),  # the verb is not the acronym
    ],
)
def test_abbreviations_expand_in_the_same_language(text, lang, expected):
    found = abbreviations(text, lang, glossary())
    assert [(text[a.start : a.end], a.expansion) for a in found] == expected


def fragment(markup: str):
    return lxml_html.fragment_fromstring(f"<div>{markup}</div>")


def test_sentence_markup_nests_quotation_passage_and_acronym():
    text = "قال «the GSIM stays» ثم <b>غادر</b>"
    tree = fragment(sentence_markup(text, "ar", glossary()))
    span = tree.xpath("//q/span")[0]
    assert (span.get("lang"), span.get("dir")) == ("en", "ltr")
    assert span.xpath("abbr/@title") == ["Group for the Support of Islam and Muslims"]
    assert tree.xpath("//b") == [] and "<b>غادر</b>" in tree.text_content()


@pytest.mark.parametrize(
    ("passage", "lang"),
    [("État islamique", "fr"), ("Islamic State", "en"), ("Eta Isilamiki", "bm"), ("xyz", "en")],
)
def test_latin_passage_language_comes_from_the_glossary(passage, lang):
    tree = fragment(sentence_markup(f"قال {passage} هنا", "ar", glossary()))
    assert tree.xpath("//span/@lang") == [lang]


def test_xml_markup_doubles_lang():
    markup = sentence_markup("وكالة AFP", "ar", None, xml=True)
    assert markup == 'وكالة <span lang="en" xml:lang="en" dir="ltr">AFP</span>'


@given(st.text(alphabet=st.sampled_from("ab \"«»<>&'إيادGSIM é"), max_size=40))
def test_markup_keeps_every_character_but_quotation_marks(text):
    tree = fragment(sentence_markup(text, "ar", glossary()))
    marks = {i for q in quotations(text) for i in (q.open, q.close - 1)}
    kept = "".join(c for i, c in enumerate(text) if i not in marks)
    shown = tree.text_content()
    assert shown.replace(" ", "").replace("\u00a0", "") == kept.replace(" ", "").replace(
        "\u00a0", ""
    )
