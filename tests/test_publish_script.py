"""The read-aloud script: large print, numbered paragraphs, names with their pronunciation,
pause marks, reading time at a newsreader's pace, and why there is no audio."""

from __future__ import annotations

import pytest
from a11y.language import stray_words
from lxml import html as lxml_html
from speech_checks import document

from pipeline.document import BlockKind
from pipeline.glossary import load_glossary
from pipeline.publish.script import PACE_WPM, NoAudio, render_script


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def french(glossary):
    return render_script(document("fr"), glossary)


def test_paragraphs_are_numbered_after_the_title(french):
    page = lxml_html.fromstring(french.html)
    assert page.find(".//h1").text_content().startswith("Le chef du GSIM [jé èss i èm]")
    numbers = [n.text_content() for n in page.find_class("num")]
    assert numbers == ["1.", "2."]
    lines = french.text.splitlines()
    assert any(line.startswith("1. Le vingt") or line.startswith("1. Le 25") for line in lines)
    assert any(line.startswith("2. Le budget") for line in lines)


def test_each_name_is_followed_by_its_pronunciation(french):
    page = lxml_html.fromstring(french.html)
    names = [n.text_content() for n in page.find_class("name")]
    says = [s.text_content() for s in page.find_class("say")]
    assert names == ["GSIM", "Iyad Ag Ghaly"]
    assert says == ["[jé èss i èm]", "[Iyad Ag Gali]"]
    assert "Iyad Ag Ghaly [Iyad Ag Gali]" in french.text.replace("\n", " ")


def test_pause_marks_after_sentences_and_paragraphs(french):
    page = lxml_html.fromstring(french.html)
    marks = [p.text_content() for p in page.find_class("pause")]
    assert marks == ["//", "/", "//", "//"]  # title, 2 sentences, 1 sentence
    text = " ".join(french.text.split())
    assert "des groupes armés du nord du Mali. / Plus de 158 000" in text
    assert "de la population. //" in text
    assert "/ pause courte   // pause longue   [prononciation]" in french.text


def test_reading_time_at_a_newsreaders_pace(french):
    # words as said: "cent cinquante-huit mille", not "158 000"; "jé èss i èm", not "GSIM"
    assert sum(len(s.text.split()) for s in document("fr").segments()) == 46
    assert french.words == 56
    expected = french.words / PACE_WPM["fr"] * 60 + 1 * 0.35 + 3 * 0.9
    assert french.reading_seconds == pytest.approx(expected, abs=0.1)
    assert "Durée de lecture : environ 0 min 25 s, à 155 mots par minute" in french.text


def test_the_page_is_large_print_in_the_right_language_and_direction(glossary):
    arabic = render_script(document("ar"), glossary)
    page = lxml_html.fromstring(arabic.html)
    assert page.get("lang") == "ar" and page.get("dir") == "rtl"
    assert "font-size: 1.6rem" in arabic.html
    assert "مدة القراءة: نحو" in arabic.text
    assert "[إِيَاد أَغ غَالِي]" in arabic.html


def test_the_script_tells_the_presenter_to_read_it_on_air(glossary):
    script = render_script(document("bm"), glossary, no_audio=NoAudio.NO_VOICE)
    page = lxml_html.fromstring(script.html)
    sentence = "Pas de voix en bambara sur cet ordinateur\u00a0: lisez ce texte à l'antenne."
    notice = page.find_class("notice")[0]
    assert notice.text_content() == sentence
    assert notice.xpath(".//span/@lang") == ["fr"]  # French standing in for Bambara, marked
    assert " ".join(sentence.split()) in " ".join(script.text.split())
    assert "kuma" not in script.html and "kuma" not in script.text
    assert "[Iyad Ag Gali]" in script.text and "[Je Ɛsi I Ɛmu]" in script.text


def test_the_html_is_escaped():
    doc = document("en", [(BlockKind.PARAGRAPH, ["<script>alert(1)</script> & more"])])
    script = render_script(doc)
    assert "<script>alert" not in script.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in script.html


def test_the_pace_can_be_set(glossary):
    slow = render_script(document("fr"), glossary, pace_wpm=100)
    assert slow.reading_seconds > render_script(document("fr"), glossary).reading_seconds


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "No English voice on this computer: read this script on air."),
        ("fr", "Pas de voix en français sur cet ordinateur\u00a0: lisez ce texte à l'antenne."),
        ("ar", "لا يوجد صوت باللغة العربية على هذا الحاسوب: اقرأ هذا النص على الهواء."),
    ],
)
def test_the_no_voice_sentence_is_in_the_page_language(glossary, lang, sentence):
    doc = document(lang) if lang != "en" else document("en", [(BlockKind.TITLE, ["Title"])])
    notice = lxml_html.fromstring(render_script(doc, glossary, no_audio=NoAudio.NO_VOICE).html)
    assert notice.find_class("notice")[0].text_content() == sentence
    assert not notice.find_class("notice")[0].xpath(".//@lang")


def test_no_recording_asked_for_is_said_plainly(glossary):
    script = render_script(document("fr"), glossary, no_audio=NoAudio.NOT_RECORDED)
    page = lxml_html.fromstring(script.html)
    assert page.find_class("notice")[0].text_content() == (
        "Ce texte n'a pas été enregistré\u00a0: lisez-le à l'antenne."
    )
    assert not lxml_html.fromstring(render_script(document("fr"), glossary).html).find_class(
        "notice"
    )


def test_every_word_of_a_bambara_script_is_bambara_or_marked(glossary):
    doc = document(
        "bm",
        [
            (BlockKind.TITLE, ["Mali: kunnafoni"]),
            (BlockKind.CAPTION, ["JA KƆRƆ - Iyad Ag Ghaly."]),
            (BlockKind.PARAGRAPH, ["Iyad Ag Ghaly ye GSIM ɲɛminɛ."]),
        ],
    )
    script = render_script(doc, glossary, no_audio=NoAudio.NO_VOICE)
    page = lxml_html.fromstring(script.html)
    assert stray_words(page, "bm") == []
    assert page.findtext(".//title") == "Mali: kunnafoni"  # no unmarkable French in it
    label = page.xpath("//li[@id='para-1']/p/span[@class='label']")[0]
    assert (label.text_content(), label.xpath(".//@lang")) == ("Légende de la photo\u00a0:", ["fr"])
    assert "1. Légende de la photo\u00a0: JA KƆRƆ" in script.text
    french = lxml_html.fromstring(render_script(document("fr"), glossary).html)
    assert french.findtext(".//title") == (
        "Texte à lire à l'antenne: Le chef du GSIM en pourparlers secrets"
    )
