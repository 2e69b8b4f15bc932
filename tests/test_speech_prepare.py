"""Text prepared for a voice: numbers, dates, percentages, money and abbreviations in words,
names as the glossary says them, symbols out, Arabic vocalised."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from pipeline.glossary import load_glossary
from pipeline.speech.diacritise import diacritise, diacritiser_name
from pipeline.speech.lexicon import Lexicon, attached_prefix, hint_for
from pipeline.speech.numbers import read_numbers
from pipeline.speech.prepare import is_speakable, prepare_text


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


NUMBERS = [
    # French: spaces group thousands, the comma is the decimal point
    ("fr", "158 000 personnes", "cent cinquante-huit mille personnes"),
    ("fr", "158\u202f000 personnes", "cent cinquante-huit mille personnes"),
    ("fr", "3,5 et 3,05", "trois virgule cinq et trois virgule zéro cinq"),
    ("fr", "En 2015, 140 morts.", "En deux mille quinze, cent quarante morts."),
    ("fr", "le 1er juin 2016", "le premier juin deux mille seize"),
    ("fr", "le 2e jour", "le deuxième jour"),
    ("fr", "le 12/01/2024", "le douze janvier deux mille vingt-quatre"),
    ("fr", "le 2024-02-03", "le trois février deux mille vingt-quatre"),
    ("fr", "25 % de hausse", "vingt-cinq pour cent de hausse"),
    ("fr", "5 000 FCFA", "cinq mille francs CFA"),
    ("fr", "1 €, 7,62 € ou $8", "un euro, sept virgule soixante-deux euros ou huit dollars"),
    ("fr", "$5 millions", "cinq millions de dollars"),
    ("fr", "3,5 milliards de FCFA", "trois virgule cinq milliards de francs CFA"),
    ("fr", "à 40 km", "à quarante kilomètres"),
    # English: commas group thousands, dates and years read as years
    ("en", "158,000 people", "one hundred and fifty-eight thousand people"),
    ("en", "June 25, 2016", "June twenty-fifth, twenty sixteen"),
    ("en", "25 June 2016", "the twenty-fifth of June twenty sixteen"),
    ("en", "since 2020", "since twenty twenty"),
    ("en", "$5 million", "five million dollars"),
    ("en", "25% and 1.5", "twenty-five percent and one point five"),
    ("en", "the 2nd day", "the second day"),
    # Arabic: Arabic-Indic digits and separators too
    ("ar", "فرّ 158,000 شخص", "فرّ مائة و ثمانية و خمسون ألف شخص"),
    ("ar", "بنسبة ٢٥٪", "بنسبة خمسة و عشرون بالمئة"),
    ("ar", "3.5 و ٣٫٥", "ثلاثة فاصلة خمسة و ثلاثة فاصلة خمسة"),
    ("ar", "$5", "خمسة دولار"),
    # a language without rules is left alone
    ("dyu", "158 000", "158 000"),
]


@pytest.mark.parametrize(("lang", "text", "spoken"), NUMBERS)
def test_numbers_dates_percentages_and_money_are_read_out(lang, text, spoken):
    assert read_numbers(text, lang) == spoken


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Mɔgɔ 158000 sara.", "Mɔgɔ waa kɛmɛ ni bi duuru ni seegin sara."),
        ("A bɛ 25% ye.", "A bɛ mugan ni duuru pourcent ye."),
        ("5000 FCFA", "sefa wari waa kelen"),
    ],
)
def test_bambara_numbers_are_read_by_the_bambara_normaliser(text, spoken):
    assert prepare_text(text, "bm") == spoken


@pytest.mark.parametrize(
    ("lang", "text", "spoken"),
    [
        ("fr", "selon M. Traoré et Mme Diallo, etc.", "selon monsieur Traoré et madame "
         "Diallo, et cetera"),
        ("fr", "au XXe siècle, sous la Ve République", "au vingtième siècle, sous la "
         "cinquième République"),
        ("fr", "Le chef", "Le chef"),  # "Le" is not a Roman numeral
        ("en", "Mr. Smith and Dr. Diallo", "mister Smith and doctor Diallo"),
    ],
)
def test_abbreviations_are_read_out(lang, text, spoken):
    assert prepare_text(text, lang) == spoken


@pytest.mark.parametrize("text", ["", "   ", "...", "!?!", "🙂🙂", "— « » —", "🇲🇱 !"])
def test_punctuation_and_emoji_alone_are_not_speakable(text):
    assert not is_speakable(text)
    assert prepare_text(text, "fr") == ""


def test_emoji_are_dropped_and_the_words_kept():
    assert prepare_text("Bravo 🙂 à tous 🎉", "fr") == "Bravo à tous"


PRONUNCIATIONS = [
    ("fr", "Iyad Ag Ghaly dirige le GSIM.", "Iyad Ag Gali dirige le jé èss i èm."),
    # an alias made of words of the preferred form takes the same words of the hint
    ("fr", "Ag Ghaly a parlé.", "Ag Gali a parlé."),
    # an alias that is another name entirely is said as written
    ("fr", "le JNIM", "le JNIM"),
    ("fr", "lié à al-Qaida", "lié à Al Kaïda"),
    # acronyms are matched case-sensitively: "is" is not "IS"
    ("en", "The GSIM is here", "The jee ess eye em is here"),
    # a term with no hint in the language is said as written
    ("en", "the Islamic State", "the Islamic State"),
    # Arabic: the attached conjunction stays in front of the hint
    ("ar", "والقاعدة", "والقَاعِدَة"),
    ("ar", "قال إياد أغ غالي", "قال إِيَاد أَغ غَالِي"),
    ("ar", "ونصرة الإسلام والمسلمين", "ونُصْرَةِ الإِسْلَامِ وَالمُسْلِمِين"),
    # ل + ال written لل cannot be separated cleanly: said as written
    ("ar", "للقاعدة", "للقاعدة"),
]


@pytest.mark.parametrize(("lang", "text", "spoken"), PRONUNCIATIONS)
def test_glossary_pronunciations_replace_names_before_synthesis(glossary, lang, text, spoken):
    assert Lexicon(glossary, lang).apply(text) == spoken


def test_the_lexicon_holds_only_terms_with_a_hint_in_its_language(glossary):
    hints = Lexicon(glossary, "fr").hints
    assert hints["gsim"] == "jé èss i èm"
    assert "islamic-state" not in hints  # the glossary gives no say_fr for it
    assert Lexicon(None, "fr").apply("GSIM") == "GSIM"


@pytest.mark.parametrize(
    ("found", "forms", "prefix"),
    [
        ("القاعدة", ("القاعدة",), ""),
        ("والقاعدة", ("القاعدة",), "و"),
        ("وَالقاعدة", ("القاعدة",), "وَ"),
        ("بالقاعدة", ("القاعدة", "تنظيم القاعدة"), "ب"),
        ("للقاعدة", ("القاعدة",), None),
    ],
)
def test_attached_arabic_prefixes_are_separated(found, forms, prefix):
    assert attached_prefix(found, forms) == prefix


@pytest.mark.parametrize(
    ("found", "expected"),
    [("Iyad Ag Ghaly", "Iyad Ag Gali"), ("iyad ag ghaly", "Iyad Ag Gali"),
     ("Ag Ghaly", "Ag Gali"), ("Iyad", "Iyad"), ("Ghali Iyad", None)],
)
def test_hints_for_aliases_follow_the_words_of_the_preferred_form(found, expected):
    assert hint_for(found, "Iyad Ag Ghaly", "Iyad Ag Gali") == expected


def test_the_glossary_hint_is_used_in_prepared_text(glossary):
    spoken = prepare_text("Le GSIM compte 2 000 hommes.", "fr", Lexicon(glossary, "fr"))
    assert spoken == "Le jé èss i èm compte deux mille hommes."


def test_arabic_is_vocalised_and_the_glossary_marks_kept(glossary):
    assert diacritiser_name().startswith("libtashkeel (piper-tts ")
    spoken = prepare_text("قال إياد أغ غالي إن الجماعة تقاتل.", "ar", Lexicon(glossary, "ar"))
    assert "إِيَاد أَغ غَالِي" in spoken
    assert "قَال " in spoken and "إِنَّ" in spoken  # vowel marks added to the rest
    assert prepare_text("قال", "ar", vocalise=False) == "قال"


def test_arabic_without_a_diacritiser_is_spoken_as_written(monkeypatch):
    monkeypatch.setattr("pipeline.speech.diacritise._diacritiser", lambda: None)
    assert diacritise("قال الرجل") == "قال الرجل"
    assert diacritiser_name() == ""


def test_long_arabic_is_vocalised_in_pieces():
    text = "، ".join(["قال الرجل إن الجماعة تقاتل في الشمال"] * 60)  # 2,300 characters
    spoken = diacritise(text)
    assert len(spoken.split()) == len(text.split())


@settings(max_examples=examples(60), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_prepared_text_is_empty_or_speakable_whatever_the_input(text):
    for lang in ("fr", "en", "bm"):
        spoken = prepare_text(text, lang)
        assert spoken == "" or is_speakable(spoken)
        assert spoken == spoken.strip()
