"""Semantic HTML and text publications."""

from lxml import html as lxml_html

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.publish.html import Alternate, render_html
from pipeline.publish.text import render_text


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
    assert tree.xpath("//figure/figcaption/span/text()") == ["FILE - An image."]
    assert tree.xpath("//h2/@id") == ["p4"]
    assert tree.xpath("//ul/li/@id") == ["p5", "p6"]
    assert tree.xpath("//blockquote/p/span/text()") == ["Said it."]
    assert tree.xpath("//p[@id='p3']/span/@id") == ["p3.s1", "p3.s2"]
    assert tree.xpath("//main/@id") == ["main"] and tree.xpath("//a[@class='skip']/@href") == [
        "#main"
    ]
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']")


def test_arabic_is_rtl_with_alternates():
    doc = sample()
    ar = doc.with_texts("ar", {s.id: f"نص {s.id}" for s in doc.segments()}, "human")
    page = render_html(ar, [Alternate("en", "../source/article.html"), Alternate("ar", "x")])
    tree = lxml_html.fromstring(page)
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    links = tree.xpath("//nav//a")
    assert [(a.get("hreflang"), a.get("href")) for a in links] == [("en", "../source/article.html")]
    assert links[0].get("dir") == "ltr"
    assert tree.xpath("//a[@class='skip']/text()") == ["انتقل إلى المقال"]


def test_text_rendering():
    text = render_text(sample())
    assert text.startswith("Mali <script>alert(1)</script> talks\n\nFILE - An image.\n\n")
    assert 'First & second. Third "quoted".\n\nSeparate forces\n\n- One\n\n- Two\n' in text
    assert text.endswith("Said it.\n")
