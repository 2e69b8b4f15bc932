"""Semantic HTML and text publications."""

import base64
import hashlib

import pytest
from a11y.language import stray_words
from a11y.samples import LONG_TITLE, bad_input_documents, example_documents, glossary
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from lxml import html as lxml_html

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.publish.html import Alternate, AudioLinks, render_html
from pipeline.publish.status import Origin, ReviewStatus
from pipeline.publish.text import render_text
from pipeline.publish.ui import keys as ui_keys
from pipeline.publish.ui import wording
from pipeline.publish.view import is_key_point


def sample(lang="en", texts=None):
    items = [
        (BlockKind.TITLE, ["Mali <script>alert(1)</script> talks"]),
        (BlockKind.CAPTION, ["FILE - An image."]),
        (BlockKind.PARAGRAPH, ["First & second.", 'Third "quoted".']),
        (BlockKind.SUBHEADING, ["Separate forces"]),
        (BlockKind.LIST_ITEM, ["One"]),
        (BlockKind.LIST_ITEM, ["Two"]),
        (BlockKind.QUOTE, ["Said it."]),
    ]
    doc = Document(items[0][1][0], "en", make_blocks(items), "a.txt")
    if texts:
        doc = doc.with_texts(lang, texts, "human")
    return doc


def test_structure_and_escaping():
    page = render_html(sample())
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "en" and tree.get("dir") == "ltr"
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert tree.xpath("//h1/span/@id") == ["p1.s1"]
    assert not tree.xpath("//main//figure")  # a caption without its photo is no figure
    assert tree.xpath("//p[@id='p2'][@class='caption']/span[@class='label']/text()") == [
        "Photo caption:"
    ]
    assert tree.xpath("//p[@id='p2']/span[@id='p2.s1']/text()") == ["FILE - An image."]
    assert tree.xpath("//h2/@id") == ["p4"]
    assert tree.xpath("//ul/li/@id") == ["p5", "p6"]
    assert tree.xpath("//blockquote/p/span/text()") == ["Said it."]
    assert tree.xpath("//p[@id='p3']/span/@id") == ["p3.s1", "p3.s2"]
    assert tree.xpath("//p[@id='p3']/span/q/text()") == ["quoted"]
    assert tree.xpath("//main/@id") == ["main"]
    assert tree.xpath("//a[@class='skip']/@href") == ["#main"]
    assert tree.xpath("//main/article/@aria-labelledby") == ["p1"]
    assert not tree.xpath("//script") and not tree.xpath("//*[@style]")


def test_content_security_policy_allows_only_the_page_style():
    page = render_html(sample())
    tree = lxml_html.fromstring(page)
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    style = tree.xpath("//style/text()")[0]
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert policy.startswith("default-src 'none'; ")
    assert f"style-src 'sha256-{digest}'" in policy
    assert "script-src" not in policy and "unsafe" not in policy


def test_arabic_is_rtl_with_alternates():
    doc = sample()
    ar = doc.with_texts("ar", {s.id: f"نص {s.id}" for s in doc.segments()}, "human")
    page = render_html(ar, [Alternate("en", "../source/article.html"), Alternate("ar", "x")])
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    links = tree.xpath("//nav//a")
    assert [(a.get("hreflang"), a.get("href")) for a in links] == [("en", "../source/article.html")]
    assert links[0].get("dir") == "ltr" and links[0].get("lang") == "en"
    assert tree.xpath("//link[@rel='alternate']/@hreflang") == ["en"]
    assert tree.xpath("//a[@class='skip']/text()") == ["انتقل إلى المقال"]
    assert tree.xpath("//nav/@aria-labelledby") == ["languages-label"]


def test_easy_page_links_to_easy_versions_and_to_the_full_article():
    alternates = [
        Alternate("fr", "../fr/article.html"),
        Alternate("ar", "../ar/article.html"),
        Alternate("fr", "../fr/easy.html", easy=True),
        Alternate("ar", "../ar/easy.html", easy=True),
    ]
    doc = example_documents()["fr"]
    easy = lxml_html.fromstring(render_html(doc, alternates, easy=True))
    assert easy.xpath("//nav//a/@href") == ["../ar/easy.html"]
    assert easy.xpath("//header/p/a/@href") == ["../fr/article.html"]
    assert easy.xpath("//header/p/a/text()") == ["Article complet"]
    assert easy.xpath("//body/@class") == ["easy"]
    assert easy.xpath("//p[@class='badge']/text()") == ["Facile à lire"]
    assert easy.findtext(".//title").endswith("(Facile à lire)")
    full = lxml_html.fromstring(render_html(doc, alternates))
    assert full.xpath("//nav//a/@href") == ["../ar/article.html"]
    assert full.xpath("//header/p/a/@href") == ["../fr/easy.html"]


def test_missing_bambara_wording_is_french_and_marked_so():
    doc = example_documents()["bm"]
    tree = lxml_html.fromstring(render_html(doc, [Alternate("bm", "easy.html", easy=True)]))
    link = tree.xpath("//header/p/a/span")[0]
    assert (link.get("lang"), link.text) == ("fr", "Version facile à lire")
    assert tree.xpath("//a[@class='skip']/text()") == ["Taa barokun na"]


def test_audio_player_captions_and_transcript_in_spoken_order():
    doc = sample()
    audio = AudioLinks(
        "article.mp3",
        "article.vtt",
        {"opening": (0.0, 1.0), "p3.s1": (5.0, 6.0), "p1.s1": (1.5, 4.25), "gone": (9.0, 10.0)},
        opening="This is a translation.",
    )
    tree = lxml_html.fromstring(render_html(doc, glossary=glossary(), audio=audio))
    assert tree.xpath("//audio/source/@src") == ["article.mp3"]
    track = tree.xpath("//track")[0]  # libxml2 does not know <track> belongs in <audio>
    assert (track.get("kind"), track.get("src"), track.get("srclang")) == (
        "captions",
        "article.vtt",
        "en",
    )
    lines = tree.xpath("//details/ol[@class='transcript']/li")
    assert [li.xpath("a/@href")[0] for li in lines] == [
        "article.mp3#t=0.000",
        "article.mp3#t=1.500",
        "article.mp3#t=5.000",
    ]
    assert [li.xpath("a/time/@datetime")[0] for li in lines] == ["PT0.000S", "PT1.500S", "PT5.000S"]
    assert lines[0].text_content().endswith("This is a translation.")
    assert "<script>" in lines[1].text_content()


def test_no_transcript_when_not_asked():
    tree = lxml_html.fromstring(render_html(sample(), audio=AudioLinks("a.mp3"), transcript=False))
    assert tree.xpath("//audio") and not tree.xpath("//details") and not tree.xpath("//track")


def test_inline_passages_and_acronyms_of_the_example():
    ar = lxml_html.fromstring(
        render_html(bad_input_documents()["arabic-mixed"], glossary=glossary())
    )
    spans = ar.xpath("//main//span[@lang]")
    assert [(s.text_content(), s.get("lang"), s.get("dir")) for s in spans] == [
        ("Iyad Ag Ghaly", "en", "ltr"),
        ("GSIM", "en", "ltr"),
        ("AFP", "en", "ltr"),
        ("Kidal", "en", "ltr"),
        ("Ménaka", "en", "ltr"),  # an English alias in the glossary
        ("Wagner", "en", "ltr"),
    ]
    en = lxml_html.fromstring(render_html(example_documents()["en"], glossary=glossary()))
    assert en.xpath("//p[@id='p4']//abbr/text()") == ["GSIM", "IS"]
    assert en.xpath("//p[@id='p9']//q")  # the quotation inside the sentence


def test_long_title_is_kept_whole():
    tree = lxml_html.fromstring(render_html(bad_input_documents()["long-title"]))
    assert len(LONG_TITLE) == 500
    assert tree.findtext(".//title") == " ".join(LONG_TITLE.split())
    assert tree.xpath("string(//h1)") == LONG_TITLE


@pytest.mark.parametrize("lang", ["en", "fr", "ar", "bm"])
def test_same_input_same_page(lang):
    doc = example_documents()[lang]
    assert render_html(doc, glossary=glossary()) == render_html(doc, glossary=glossary())


def test_text_rendering():
    text = render_text(sample())
    assert text.startswith("Mali <script>alert(1)</script> talks\n\nFILE - An image.\n\n")
    assert 'First & second. Third "quoted".\n\nSeparate forces\n\n- One\n\n- Two\n' in text
    assert text.endswith("Said it.\n")


@settings(max_examples=examples(60), deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
        str.strip
    ),
    st.sampled_from(["en", "ar"]),
)
def test_any_text_is_shown_as_text(text, lang):
    doc = Document(text, lang, make_blocks([(BlockKind.TITLE, [text])]))
    original = ReviewStatus(Origin.SOURCE)  # nothing to say about it: only the text is shown
    tree = lxml_html.fromstring(render_html(doc, glossary=glossary(), review=original))
    assert tree.findtext(".//title") == " ".join(text.split())
    assert not tree.xpath(
        "//main//*[not(self::article or self::h1 or self::span or self::q or self::abbr)]"
    )


def easy_document(key_points_first: bool) -> Document:
    """The French example's easy-to-read version, its key points before or after the title."""
    from pipeline.simplify import simplify_document

    doc = simplify_document(example_documents()["fr"], glossary()).to_document()
    keys = [b for b in doc.blocks if is_key_point(b.id)]
    title = [b for b in doc.blocks if b.kind is BlockKind.TITLE]
    rest = [b for b in doc.blocks if b not in keys and b not in title]
    blocks = [*keys, *title, *rest] if key_points_first else [*title, *keys, *rest]
    return Document(doc.title, doc.lang, blocks, doc.source_name)


@pytest.mark.parametrize("key_points_first", [True, False])
def test_key_points_have_a_heading_after_the_title(key_points_first):
    doc = easy_document(key_points_first)
    page = render_html(doc, glossary=glossary(), easy=True)
    keys = [block.id for block in doc.blocks if block.id.startswith("k")]
    assert keys  # the easy version has key points
    tree = lxml_html.fromstring(page)
    article = tree.xpath("//article")[0]
    order = [child.tag for child in article]
    assert order[:4] == ["h1", "p", "p", "section"]  # title, badge, review note, key points
    section = article.xpath("section[@class='key-points']")[0]
    assert section.get("aria-labelledby") == "key-points"
    assert section.xpath("h2[@id='key-points']/text()") == ["Points importants"]
    assert section.xpath("ul/li/@id") == sorted(keys, key=lambda k: int(k[1:]))
    assert all(li.xpath("span/@id")[0].endswith(".k1") for li in section.xpath("ul/li"))
    assert not tree.xpath("//ul[not(parent::section)]/li[starts-with(@id, 'k')]")
    other = render_html(easy_document(not key_points_first), glossary=glossary(), easy=True)
    assert page == other  # either order of the document, the same page


def test_an_ordinary_list_is_not_taken_for_key_points():
    tree = lxml_html.fromstring(render_html(sample()))
    assert not tree.xpath("//section") and not tree.xpath("//h2[@id='key-points']")
    assert tree.xpath("//ul/li/@id") == ["p5", "p6"]


@pytest.mark.parametrize(
    ("lang", "label", "marked"),
    [
        ("en", "Photo caption:", None),
        ("fr", "Légende de la photo\u00a0:", None),
        ("ar", "تعليق على الصورة:", None),
        ("bm", "Légende de la photo\u00a0:", "fr"),
    ],
)
def test_a_photo_caption_without_its_photo_is_a_labelled_paragraph(lang, label, marked):
    for easy in (False, True):
        tree = lxml_html.fromstring(render_html(example_documents()[lang], easy=easy))
        assert all(f.xpath(".//img | .//audio") for f in tree.xpath("//figure"))
        caption = tree.xpath("//p[@id='p2']")[0]
        assert caption.get("class") == "caption"
        assert caption.xpath("string(span[@class='label'])") == label
        assert caption.xpath("span[@class='label']//@lang") == ([marked] if marked else [])
        assert caption.xpath("span/@id") == ["p2.s1"]


@pytest.mark.parametrize("lang", ["en", "fr", "ar"])
def test_every_interface_string_is_written_in_each_language(lang):
    assert all(wording(key, lang).lang == lang for key in ui_keys())


@pytest.mark.parametrize("easy", [False, True])
def test_bambara_pages_mark_every_french_stand_in(easy):
    """Bambara has two interface strings of its own: every other one is French, marked."""
    alternates = [
        Alternate(code, f"../{code}/a.html", easy=kind)
        for code in ("en", "fr", "ar", "bm")
        for kind in (False, True)
    ]
    audio = AudioLinks("article.mp3", "article.vtt", {"p1.s1": (0.0, 1.0)}, opening="x")
    page = render_html(
        example_documents()["bm"], alternates, glossary=glossary(), audio=audio, easy=easy
    )
    tree = lxml_html.fromstring(page)
    assert stray_words(tree, "bm") == []
    assert "Facile" not in tree.findtext(".//title")  # a title cannot mark a stand-in
    assert tree.xpath("//a[@class='skip']/text()") == ["Taa barokun na"]


def test_the_language_check_catches_an_unmarked_stand_in():
    page = render_html(example_documents()["bm"])
    wrong = page.replace('<span lang="fr" dir="ltr">Légende', "<span>Légende")
    assert stray_words(lxml_html.fromstring(wrong), "bm") == [
        "Légende de la photo :",
    ]
    assert stray_words(lxml_html.fromstring(page), "bm") == []
