"""EPUB 3: container, package metadata, navigation, content, media overlays, determinism."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from a11y.language import stray_words
from a11y.samples import bad_input_documents, example_documents, glossary, synthetic_mp3, timings
from lxml import etree

from pipeline.publish.epub import EpubAudio, book_identifier, render_epub
from pipeline.publish.overlay import smil_clock

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "smil": "http://www.w3.org/ns/SMIL",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MP3 = synthetic_mp3(0.5)


def open_book(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def parse(data: bytes):
    return etree.fromstring(data)


def metas(opf, prop: str) -> list[str]:
    return opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)


def test_container_layout_is_what_reading_systems_expect():
    data = render_epub(example_documents()["fr"], glossary())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    assert data[30:38] == b"mimetype"  # the first local header names it, no extra field
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    files = open_book(data)
    assert files["mimetype"] == b"application/epub+zip"
    container = parse(files["META-INF/container.xml"])
    assert container[0][0].get("full-path") == "EPUB/package.opf"
    assert set(files) == {
        "mimetype",
        "META-INF/container.xml",
        "EPUB/package.opf",
        "EPUB/nav.xhtml",
        "EPUB/article.xhtml",
        "EPUB/book.css",
    }


def test_accessibility_metadata_without_audio():
    opf = parse(open_book(render_epub(example_documents()["fr"], glossary()))["EPUB/package.opf"])
    assert metas(opf, "schema:accessMode") == ["textual"]
    assert metas(opf, "schema:accessModeSufficient") == ["textual"]
    assert metas(opf, "schema:accessibilityFeature") == [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "displayTransformability",
    ]
    assert metas(opf, "schema:accessibilityHazard") == ["none"]
    # No person approved it: no conformance claim, no certifier.
    assert metas(opf, "dcterms:conformsTo") == [] and metas(opf, "a11y:certifiedBy") == []
    summary = opf.xpath("//opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)[0]
    assert summary.get(XML_LANG) == "fr"
    assert not metas(opf, "media:duration")
    assert opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == []


def test_arabic_book_with_overlays():
    doc = example_documents()["ar"]
    spoken = timings(doc)
    spoken["opening"] = (0.0, 0.2)  # spoken but not in the text: no clip for it
    spoken["p2.s1"] = (3.0, 3.0)  # nothing said: no clip either
    files = open_book(render_epub(doc, glossary(), audio=EpubAudio(MP3, spoken)))
    opf = parse(files["EPUB/package.opf"])
    assert opf.xpath("//opf:spine/@page-progression-direction", namespaces=NS) == ["rtl"]
    assert opf.get("dir") == "rtl"
    assert metas(opf, "schema:accessMode") == ["textual", "auditory"]
    assert metas(opf, "schema:accessModeSufficient") == ["textual"]  # one segment is silent
    assert "synchronizedAudioText" in metas(opf, "schema:accessibilityFeature")
    article = opf.xpath("//opf:item[@id='article']", namespaces=NS)[0]
    assert article.get("media-overlay") == "article-overlay"
    smil = parse(files["EPUB/article.smil"])
    pars = smil.xpath("//smil:par", namespaces=NS)
    segments = [s.id for s in doc.segments() if s.id != "p2.s1"]
    assert [p.xpath("smil:text/@src", namespaces=NS)[0] for p in pars] == [
        f"article.xhtml#{sid}" for sid in segments
    ]
    first = pars[0].xpath("smil:audio", namespaces=NS)[0]
    assert (first.get("src"), first.get("clipBegin"), first.get("clipEnd")) == (
        "article.mp3",
        "0:00:00.000",
        "0:00:00.400",
    )
    total = sum(round(spoken[s][1] - spoken[s][0], 3) for s in segments)
    assert opf.xpath(
        "//opf:meta[@property='media:duration'][@refines='#article-overlay']/text()", namespaces=NS
    ) == [smil_clock(total)]
    assert metas(opf, "media:duration") == [smil_clock(total), smil_clock(total)]
    assert files["EPUB/article.mp3"] == MP3
    xhtml = parse(files["EPUB/article.xhtml"])
    ids = set(xhtml.xpath("//@id"))
    assert set(segments) <= ids
    assert xhtml.get("dir") == "rtl" and xhtml.get(XML_LANG) == "ar"


def test_complete_audio_is_a_sufficient_access_mode():
    doc = example_documents()["bm"]
    opf = parse(open_book(render_epub(doc, audio=EpubAudio(MP3, timings(doc))))["EPUB/package.opf"])
    assert metas(opf, "schema:accessModeSufficient") == ["textual", "auditory"]


def test_navigation_document_lists_title_and_subheadings():
    files = open_book(render_epub(example_documents()["en"], glossary()))
    nav = parse(files["EPUB/nav.xhtml"])
    toc = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)[0]
    assert toc.xpath(".//x:a/@href", namespaces=NS) == [
        "article.xhtml#p1",
        "article.xhtml#p13",
        "article.xhtml#p21",
    ]
    assert toc.xpath("string(.//x:li/x:ol/x:li[2])", namespaces=NS) == "Russian 'mercenaries'"
    landmarks = nav.xpath("//x:nav[@epub:type='landmarks']//x:a/@epub:type", namespaces=NS)
    assert landmarks == ["toc", "bodymatter"]


def test_easy_book_is_marked_and_named_apart():
    doc = example_documents()["fr"]
    full, easy = render_epub(doc), render_epub(doc, easy=True)
    opf = parse(open_book(easy)["EPUB/package.opf"])
    assert opf.xpath("string(//dc:title)", namespaces=NS).endswith("(Facile à lire)")
    assert book_identifier(doc, True) != book_identifier(doc, False)
    assert opf.xpath("string(//dc:identifier)", namespaces=NS) == book_identifier(doc, True)
    body = parse(open_book(easy)["EPUB/article.xhtml"]).xpath("//x:body", namespaces=NS)[0]
    assert body.get("class") == "easy" and full != easy


@pytest.mark.parametrize("name", ["injection", "long-title", "arabic-mixed", "english-mixed"])
def test_bad_input_stays_well_formed_text(name):
    doc = bad_input_documents()[name]
    files = open_book(render_epub(doc, glossary(), audio=EpubAudio(MP3, timings(doc))))
    for part in ("EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/article.xhtml", "EPUB/article.smil"):
        parse(files[part])  # well-formed XML whatever the text
    xhtml = parse(files["EPUB/article.xhtml"])
    assert not xhtml.xpath("//x:script | //x:img | //x:b", namespaces=NS)
    title = parse(files["EPUB/package.opf"]).xpath("string(//dc:title)", namespaces=NS)
    assert title == " ".join(doc.title.split())


def test_same_input_same_bytes_and_modified_date_from_the_caller():
    doc = example_documents()["ar"]
    audio = EpubAudio(MP3, timings(doc))
    assert render_epub(doc, glossary(), audio=audio) == render_epub(doc, glossary(), audio=audio)
    when = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    opf = parse(open_book(render_epub(doc, modified=when))["EPUB/package.opf"])
    assert metas(opf, "dcterms:modified") == ["2026-03-01T12:30:00Z"]


def test_a_bambara_book_marks_every_french_stand_in():
    files = open_book(render_epub(example_documents()["bm"], glossary(), easy=True))
    for part in ("EPUB/article.xhtml", "EPUB/nav.xhtml"):
        assert stray_words(parse(files[part]), "bm") == [], part
    opf = parse(files["EPUB/package.opf"])
    titles = opf.xpath("//dc:title", namespaces=NS)
    assert [(t.get("id"), t.get(XML_LANG)) for t in titles] == [("title", None), ("subtitle", "fr")]
    assert "Facile" not in titles[0].text and titles[1].text == "Facile à lire"
    assert opf.xpath("//opf:meta[@refines='#subtitle']/text()", namespaces=NS) == ["subtitle"]
    nav_title = parse(files["EPUB/nav.xhtml"]).xpath("//x:title", namespaces=NS)[0]
    assert (nav_title.text, nav_title.get("lang"), nav_title.get(XML_LANG)) == (
        "Sommaire",
        "fr",
        "fr",
    )
    xhtml_title = parse(files["EPUB/article.xhtml"]).xpath("string(//x:title)", namespaces=NS)
    assert "Facile" not in xhtml_title


def test_a_caption_is_a_labelled_paragraph_and_key_points_have_a_heading():
    from pipeline.simplify import simplify_document

    easy = simplify_document(example_documents()["ar"], glossary()).to_document()
    files = open_book(render_epub(easy, glossary(), easy=True))
    xhtml = parse(files["EPUB/article.xhtml"])
    assert not xhtml.xpath("//x:figure", namespaces=NS)
    assert xhtml.xpath("string(//x:p[@id='p2']/x:span[@class='label'])", namespaces=NS) == (
        "تعليق على الصورة:"
    )
    assert xhtml.xpath("string(//x:section[@class='key-points']/x:h2)", namespaces=NS) == (
        "أهم النقاط"
    )
    toc = parse(files["EPUB/nav.xhtml"]).xpath("//x:nav[@id='toc']//x:a/@href", namespaces=NS)
    assert toc[:2] == ["article.xhtml#p1", "article.xhtml#key-points"]


@pytest.mark.parametrize("key_points_first", [True, False])
def test_media_overlays_follow_the_reading_order(key_points_first):
    """Spoken key points first, then the title: the overlay still starts at the title,
    as the XHTML does (EPUBCheck's MED_015)."""
    from pipeline.document import Document
    from pipeline.simplify import simplify_document

    easy = simplify_document(example_documents()["fr"], glossary()).to_document()
    keys = [b for b in easy.blocks if b.id.startswith("k")]
    rest = [b for b in easy.blocks if b not in keys]
    blocks = [*keys, *rest] if key_points_first else [rest[0], *keys, *rest[1:]]
    doc = Document(easy.title, easy.lang, blocks, easy.source_name)
    files = open_book(render_epub(doc, audio=EpubAudio(MP3, timings(doc)), easy=True))
    shown = [
        i
        for i in parse(files["EPUB/article.xhtml"]).xpath("//x:span/@id", namespaces=NS)
        if "." in i
    ]
    smil = parse(files["EPUB/article.smil"])
    spoken = [src.split("#")[1] for src in smil.xpath("//smil:text/@src", namespaces=NS)]
    assert spoken == shown and spoken[0] == "p1.s1.e1"
