"""What a person has checked, said honestly in every publication: the HTML page, the
EPUB (its XHTML and metadata) and the read-aloud script; a conformance claim only
when a named person approved the book."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from a11y.samples import example_documents, glossary
from lxml import etree
from lxml import html as lxml_html

from pipeline.publish.epub import CONFORMS_TO, render_epub
from pipeline.publish.html import render_html
from pipeline.publish.script import render_script
from pipeline.publish.status import Origin, ReviewStatus, SignOff, origin_of, status_notes

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DAY = date(2026, 3, 1)

STATES = {
    "default": (ReviewStatus(), False),
    "machine": (ReviewStatus(Origin.MACHINE), False),
    "human": (ReviewStatus(Origin.HUMAN), False),
    "reviewed": (ReviewStatus(Origin.MACHINE, reviewed=SignOff()), False),
    "reviewed-named": (ReviewStatus(Origin.HUMAN, reviewed=SignOff("Awa Traoré", DAY)), False),
    "source": (ReviewStatus(Origin.SOURCE), False),
    "easy-draft": (ReviewStatus(Origin.HUMAN), True),
    "easy-checked": (ReviewStatus(Origin.SOURCE, readers=SignOff("Atelier FALC Bamako")), True),
}
EXPECTED = {
    "en": {
        "default": ["Machine translation, not yet reviewed by a person."],
        "machine": ["Machine translation, not yet reviewed by a person."],
        "human": ["Translated by a person, not yet reviewed."],
        "reviewed": ["Translation reviewed by a person."],
        "reviewed-named": ["Translation reviewed by a person (Awa Traoré, 2026-03-01)."],
        "source": [],
        "easy-draft": [
            "Translated by a person, not yet reviewed.",
            "Easy-to-read draft, not yet checked by readers.",
        ],
        "easy-checked": ["Easy-to-read version checked by readers (Atelier FALC Bamako)."],
    },
    "fr": {
        "default": ["Traduction automatique, pas encore relue par une personne."],
        "machine": ["Traduction automatique, pas encore relue par une personne."],
        "human": ["Traduction faite par une personne, pas encore relue."],
        "reviewed": ["Traduction relue par une personne."],
        "reviewed-named": ["Traduction relue par une personne (Awa Traoré, 2026-03-01)."],
        "source": [],
        "easy-draft": [
            "Traduction faite par une personne, pas encore relue.",
            "Version facile à lire en brouillon, pas encore vérifiée par des lecteurs.",
        ],
        "easy-checked": ["Version facile à lire vérifiée par des lecteurs (Atelier FALC Bamako)."],
    },
    "ar": {
        "default": ["ترجمة آلية لم يراجعها أحد بعد."],
        "machine": ["ترجمة آلية لم يراجعها أحد بعد."],
        "human": ["ترجمة بشرية لم تُراجَع بعد."],
        "reviewed": ["ترجمة راجعها شخص."],
        "reviewed-named": ["ترجمة راجعها شخص (Awa Traoré، 2026-03-01)."],
        "source": [],
        "easy-draft": [
            "ترجمة بشرية لم تُراجَع بعد.",
            "مسودة نسخة سهلة القراءة، لم يتحقق منها القرّاء بعد.",
        ],
        "easy-checked": ["نسخة سهلة القراءة تحقق منها القرّاء (Atelier FALC Bamako)."],
    },
}
EXPECTED["bm"] = EXPECTED["fr"]  # French stands in for Bambara, marked lang="fr"
CASES = [(lang, state) for lang in ("en", "fr", "ar", "bm") for state in STATES]


def note(tree, where: str = "//p[@class='review']") -> tuple[list[str], list[str]]:
    """The note's sentences, and the languages marked inside it."""
    found = tree.xpath(where)
    if not found:
        return [], []
    text = " ".join(found[0].xpath("string()").split())
    sentences = [s if s.endswith(".") else f"{s}." for s in text.split(". ")]
    return sentences, found[0].xpath(".//@lang")


@pytest.mark.parametrize(("lang", "state"), CASES)
def test_the_page_says_who_checked_it_under_the_title(lang, state):
    status, easy = STATES[state]
    tree = lxml_html.fromstring(render_html(example_documents()[lang], easy=easy, review=status))
    sentences, marked = note(tree)
    assert sentences == [" ".join(s.split()) for s in EXPECTED[lang][state]]
    assert set(marked) <= ({"fr"} if lang == "bm" else {"en"})  # a Latin name in Arabic
    if sentences:  # right under the title (and the easy-to-read badge), a span a sentence
        assert tree.xpath("//article/*")[2 if easy else 1].get("class") == "review"
        assert len(tree.xpath("//p[@class='review']/span")) == len(sentences)


@pytest.mark.parametrize(("lang", "state"), CASES)
def test_the_book_says_it_under_the_title_and_in_its_metadata(lang, state):
    status, easy = STATES[state]
    files = open_book(render_epub(example_documents()[lang], easy=easy, review=status))
    xhtml = etree.fromstring(files["EPUB/article.xhtml"])
    sentences, _ = note(xhtml, "//*[local-name()='p'][@class='review']")
    assert sentences == [" ".join(s.split()) for s in EXPECTED[lang][state]]
    opf = etree.fromstring(files["EPUB/package.opf"])
    descriptions = opf.xpath("//dc:description", namespaces=NS)
    assert [d.text for d in descriptions] == (
        [" ".join(EXPECTED[lang][state])] if EXPECTED[lang][state] else []
    )
    assert {d.get(XML_LANG) for d in descriptions} <= {"fr" if lang == "bm" else lang}
    assert metas(opf, "dcterms:conformsTo") == [] and metas(opf, "a11y:certifiedBy") == []


@pytest.mark.parametrize(("lang", "state"), [c for c in CASES if not STATES[c[1]][1]])
def test_the_script_tells_the_presenter_too(lang, state):
    status, _ = STATES[state]
    script = render_script(example_documents()[lang], glossary(), review=status)
    sentences, marked = note(lxml_html.fromstring(script.html))
    assert sentences == [" ".join(s.split()) for s in EXPECTED[lang][state]]
    assert set(marked) <= ({"fr"} if lang == "bm" else {"en"})
    flat = " ".join(script.text.split())
    assert all(" ".join(s.split()) in flat for s in EXPECTED[lang][state])


def test_a_named_approval_alone_makes_a_conformance_claim():
    doc = example_documents()["fr"]
    approved = ReviewStatus(Origin.HUMAN, reviewed=SignOff("Awa Traoré"), approved_by="Awa Traoré")
    opf = package(render_epub(doc, review=approved))
    assert metas(opf, "dcterms:conformsTo") == [CONFORMS_TO]
    assert CONFORMS_TO == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    assert metas(opf, "a11y:certifiedBy") == ["Awa Traoré"]
    for unnamed in (ReviewStatus(approved_by="  "), ReviewStatus(checks=("axe-core",))):
        opf = package(render_epub(doc, review=unnamed))
        assert metas(opf, "dcterms:conformsTo") == [] and metas(opf, "a11y:certifiedBy") == []


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Checked automatically with axe-core, EPUBCheck."),
        ("fr", "Vérifié automatiquement avec axe-core, EPUBCheck."),
        ("ar", "فُحص آليًا باستخدام axe-core، EPUBCheck."),
        ("bm", "Vérifié automatiquement avec axe-core, EPUBCheck."),
    ],
)
def test_automated_checks_go_in_the_accessibility_summary(lang, sentence):
    checked = ReviewStatus(checks=("axe-core", "EPUBCheck"))
    opf = package(render_epub(example_documents()[lang], review=checked))
    summary = metas(opf, "schema:accessibilitySummary")[0]
    assert summary.endswith(sentence)
    plain = package(render_epub(example_documents()[lang]))
    assert "axe-core" not in metas(plain, "schema:accessibilitySummary")[0]


def test_origin_follows_the_provenance_of_every_segment():
    docs = example_documents()
    assert origin_of(docs["en"], "en") is Origin.SOURCE
    assert origin_of(docs["fr"], "en") is Origin.HUMAN
    texts = {s.id: s.text for s in docs["fr"].segments()}
    machine = docs["en"].with_texts("fr", texts, "nllb:nllb-200-distilled-600M")
    assert origin_of(machine, "en") is Origin.MACHINE


def test_the_default_claims_the_least():
    assert ReviewStatus() == ReviewStatus(Origin.MACHINE, None, None, "", ())
    assert [n.text for n in status_notes(ReviewStatus(), "en", easy=True)] == [
        "Machine translation, not yet reviewed by a person.",
        "Easy-to-read draft, not yet checked by readers.",
    ]


def open_book(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def package(book: bytes):
    return etree.fromstring(open_book(book)["EPUB/package.opf"])


def metas(opf, prop: str) -> list[str]:
    return opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)
