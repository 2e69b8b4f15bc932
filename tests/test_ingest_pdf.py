"""PDF reports read into Documents: reading order, headings, furniture, hyphens, bad files.

Every PDF is drawn by the test itself (``pdf_fixtures``, with reportlab) and read
through the real reader process.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_fixtures import (
    FOOTER,
    HEADER,
    MARGIN,
    REPORT,
    Text,
    arabic_font,
    column,
    encrypted,
    end_of,
    flate_bomb,
    form_bomb,
    leftwards,
    lines_pdf,
    report_pdf,
    scanned_pdf,
)

from pipeline.cli import cli
from pipeline.document import BlockKind, Document
from pipeline.ingest import limits, read_document
from pipeline.ingest.pdf import isolate

T, S, P, L = BlockKind.TITLE, BlockKind.SUBHEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM
KINDS = {"title": T, "subheading": S, "paragraph": P, "list_item": L}


def outline(doc: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def ingest(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args])


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return report_pdf(tmp_path_factory.mktemp("report") / "report.pdf")


@pytest.fixture(scope="module")
def report_doc(report) -> Document:
    return read_document(report)


# --- a realistic report -----------------------------------------------------------------


def test_report_blocks_in_reading_order_with_their_kinds(report_doc):
    """Title over two columns, one column, two columns over a full-width section."""
    assert outline(report_doc) == [(KINDS[kind], text) for kind, text in REPORT]
    assert report_doc.title == REPORT[0][1]
    assert report_doc.lang == "en"


def test_report_page_furniture_is_gone(report_doc):
    text = " ".join(s.text for s in report_doc.segments())
    for furniture in (HEADER, FOOTER, "Page 1 of 3", "Page 3 of 3", "Sahel Humanitarian"):
        assert furniture not in text


def test_paragraph_broken_across_columns_and_hyphenated_is_whole(report_doc):
    """Page 1's column 1 ends in "chil-", column 2 starts with "dren as in the same period"."""
    texts = [b.text for b in report_doc.blocks]
    assert any("admitted twice as many children as in the same period" in t for t in texts)


def test_document_json_round_trip(report_doc):
    assert Document.from_json(report_doc.to_json()) == report_doc


# --- lines placed one by one ------------------------------------------------------------

FONT = {"font": "Times-Roman", "size": 11.0}
BODY = {**FONT, "leading": 14.0}


def test_line_end_hyphens_joined_or_kept(tmp_path):
    lines = [
        "The talks brought together inter-",
        "national mediators and leaders of al-",
        "Qaida's local branch, the self-",
        "described defenders of the region, and re-",
        "presentatives of the Ag-",
        "Ghaly family in the years 2015-",
        "2016, according to a sous-",
        "préfet who asked not to be named.",
    ]
    pdf = lines_pdf(tmp_path / "hyphens.pdf", [column(lines, **BODY)])
    assert [b.text for b in read_document(pdf).blocks] == [
        "The talks brought together international mediators and leaders of al-Qaida's local "
        "branch, the self-described defenders of the region, and representatives of the "
        "Ag-Ghaly family in the years 2015-2016, according to a sous-préfet who asked not to "
        "be named."
    ]


def page_furniture(number: int) -> list[Text]:
    return [
        Text(MARGIN, 40, "Mali Monitor | Quarterly review", size=8),
        Text(290, 815, f"- {number} -", size=8),
    ]


def test_paragraph_signals_without_gaps(tmp_path):
    """Indented first lines, a bold heading at body size, a list, a page break mid-sentence."""
    indent = MARGIN + 18
    first = [
        Text(MARGIN, 80, "Talks in the north of Mali", "Helvetica-Bold", 18),
        Text(MARGIN, 110, "Summary", "Times-Bold", 11),
        *column(["Armed groups met in Kidal on Monday to discuss a truce."], indent, 128, **BODY),
        Text(indent, 142, "The meeting was the first of its kind since the peace", **FONT),
        *column(
            [
                "agreement of 2015 collapsed, and it lasted until late in the",
                "evening, witnesses said.",
            ],
            MARGIN,
            156,
            **BODY,
        ),
        Text(indent, 184, "Delegates from Gao and Timbuktu said that they would", **FONT),
        Text(MARGIN, 198, "return to the table only after consulting all of the", **FONT),
        Text(300, 500, "DRAFT", "Helvetica-Bold", 60, angle=45),
        *page_furniture(1),
    ]
    second = [
        Text(MARGIN, 80, "communities they represent in the north.", **FONT),
        Text(MARGIN, 94, "\u2022", **FONT),
        *column(
            ["A ceasefire that holds in the whole region of Kidal and", "along the road to Gao."],
            indent,
            94,
            **BODY,
        ),
        Text(MARGIN, 122, "\u2022", **FONT),
        Text(indent, 122, "Talks again in March.", **FONT),
        Text(MARGIN, 136, "Observers were cautious.", **FONT),
        *page_furniture(2),
    ]
    doc = read_document(lines_pdf(tmp_path / "signals.pdf", [first, second]))
    assert outline(doc) == [
        (T, "Talks in the north of Mali"),
        (S, "Summary"),
        (P, "Armed groups met in Kidal on Monday to discuss a truce."),
        (
            P,
            "The meeting was the first of its kind since the peace agreement of 2015 "
            "collapsed, and it lasted until late in the evening, witnesses said.",
        ),
        (
            P,
            "Delegates from Gao and Timbuktu said that they would return to the table only "
            "after consulting all of the communities they represent in the north.",
        ),
        (L, "A ceasefire that holds in the whole region of Kidal and along the road to Gao."),
        (L, "Talks again in March."),
        (P, "Observers were cautious."),
    ]


def test_footnote_calls_are_dropped_and_large_lead_stays_a_paragraph(tmp_path):
    lead = [
        "Fighting in central Mali displaced more people this year than in",
        "any year since the crisis began, and the humanitarian response is",
        "short of money in every sector, the network warned on Monday.",
    ]
    page = [
        Text(MARGIN, 70, "Annual review", "Helvetica-Bold", 20),
        *column(lead, MARGIN, 110, "Times-Roman", 14, 18),
        prices := Text(MARGIN, 180, "Prices rose by a third in 2023", "Times-Roman", 11),
        call := Text(end_of(prices), 176, "12", "Times-Roman", 7),
        Text(end_of(call) + 3, 180, "and again this year.", "Times-Roman", 11),
        *column(["Most families now eat one meal a day."], MARGIN, 200, **BODY),
    ]
    doc = read_document(lines_pdf(tmp_path / "lead.pdf", [page]))
    assert outline(doc) == [
        (T, "Annual review"),
        (P, " ".join(lead)),
        (P, "Prices rose by a third in 2023 and again this year."),
        (P, "Most families now eat one meal a day."),
    ]


def test_footnote_waits_for_the_paragraph_it_interrupts(tmp_path):
    first = [
        Text(MARGIN, 80, "Cholera in Mopti", "Helvetica-Bold", 18),
        Text(MARGIN, 700, "Health centres recorded 1,200 cases of cholera in February,", **FONT),
        last := Text(
            MARGIN, 714, "twice as many as in January, and the regional directorate", **FONT
        ),
        Text(end_of(last), 710, "1", "Times-Roman", 6),  # the note's call
        Text(MARGIN, 765, "1 Figures of the regional health directorate, March 2024.", size=8),
        *page_furniture(1),
    ]
    second = [
        *column(["expects more before the rains."], MARGIN, 80, **BODY),
        *column(["Vaccination starts in April."], MARGIN, 100, **BODY),
        *page_furniture(2),
    ]
    doc = read_document(lines_pdf(tmp_path / "notes.pdf", [first, second]))
    assert outline(doc) == [
        (T, "Cholera in Mopti"),
        (
            P,
            "Health centres recorded 1,200 cases of cholera in February, twice as many as in "
            "January, and the regional directorate expects more before the rains.",
        ),
        (P, "1 Figures of the regional health directorate, March 2024."),
        (P, "Vaccination starts in April."),
    ]


def test_three_columns_under_a_full_width_title(tmp_path):
    width = 150.0
    texts = [
        ["Column one starts the story of", "the market in Gao, which opened", "again in May."],
        ["Column two goes on with the", "traders who came back from", "Niamey and Bamako."],
        ["Column three ends it with the", "prices of millet and rice in", "the first week."],
    ]
    page = [Text(MARGIN, 70, "Three columns from Gao", "Helvetica-Bold", 18)]
    for index, lines in enumerate(texts):
        page += column(lines, MARGIN + index * (width + 20), 110, **BODY)
    doc = read_document(lines_pdf(tmp_path / "three.pdf", [page]))
    assert outline(doc) == [(T, "Three columns from Gao")] + [(P, " ".join(t)) for t in texts]


def test_page_stored_turned_reads_as_shown(tmp_path):
    """A page stored a quarter turn round (/Rotate 90, text drawn sideways) reads upright."""
    wide = [
        Text(MARGIN, 60, "Annex: funding by sector", "Helvetica-Bold", 16),
        *column(
            [
                "Water and sanitation received a fifth of what it asked for, and education",
                "less than a tenth, while the food sector was funded at a third.",
            ],
            top=90,
            **BODY,
        ),
    ]
    first = [Text(MARGIN, 80, "The report starts on a portrait page.", **FONT)]
    doc = read_document(lines_pdf(tmp_path / "landscape.pdf", [first, wide], turned={1}))
    assert outline(doc)[-2:] == [
        (S, "Annex: funding by sector"),
        (
            P,
            "Water and sanitation received a fifth of what it asked for, and education less "
            "than a tenth, while the food sector was funded at a third.",
        ),
    ]


def test_arabic_reads_right_to_left_rightmost_column_first(tmp_path):
    regular, bold = arabic_font(), arabic_font(bold=True)
    if regular is None or bold is None:
        pytest.skip("Noto Sans Arabic is not installed (scripts/install-system-deps.sh)")
    title = "زعيم جهادي في مالي يجري محادثات سرية"
    right = ["قال مصدر محلي إن الاجتماعات عقدت", "في منطقة كيدال الأسبوع الماضي."]
    left = ["وتسيطر على كيدال تنسيقية الحركات", "الأزوادية منذ عام 2015 على الأقل."]
    edge, middle = 540.0, 290.0
    page = leftwards(Text(edge, 70, title, bold, 18))
    for index, text in enumerate(right):
        page += leftwards(Text(edge, 110 + 16 * index, text, regular, 12))
    for index, text in enumerate(left):
        page += leftwards(Text(middle, 110 + 16 * index, text, regular, 12))
    doc = read_document(lines_pdf(tmp_path / "arabic.pdf", [page]))
    assert doc.lang == "ar"
    assert outline(doc) == [(T, title), (P, " ".join(right)), (P, " ".join(left))]


# --- files that cannot be read ----------------------------------------------------------


def error(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_scanned_pdf_has_no_text_layer(tmp_path):
    path = scanned_pdf(tmp_path / "scan.pdf")
    assert error(ingest(str(path))) == (
        "Error: scan.pdf has no text layer (scanned?): run OCR on it first\n"
    )


def test_typed_cover_on_a_scan_is_refused_too(tmp_path):
    from pypdf import PdfWriter

    cover = lines_pdf(tmp_path / "cover.pdf", [[Text(MARGIN, 80, "Annual report 2024", size=20)]])
    writer = PdfWriter()
    for part in (cover, scanned_pdf(tmp_path / "scan.pdf", pages=3)):
        writer.append(str(part))
    path = tmp_path / "mixed.pdf"
    writer.write(path)
    assert error(ingest(str(path))) == (
        "Error: mixed.pdf has no text layer on 3 of 4 pages (scanned?): run OCR on it first\n"
    )


def test_password_protected_pdf(tmp_path, report):
    path = encrypted(report, tmp_path / "locked.pdf", user="secret")
    assert error(ingest(str(path))) == (
        "Error: locked.pdf is protected by a password: save an unprotected copy and read that\n"
    )


def test_pdf_that_only_restricts_printing_opens(tmp_path, report, report_doc):
    path = encrypted(report, tmp_path / "no-print.pdf", user="")
    assert outline(read_document(path)) == outline(report_doc)


def test_damaged_cross_reference_table_is_recovered(tmp_path, report, report_doc):
    data = report.read_bytes()
    table = data.rindex(b"xref")
    damaged = data[:table] + re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data[table:])
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damaged)
    assert outline(read_document(path)) == outline(report_doc)


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "notes.pdf",
            b"Minutes of the meeting in Kidal.\n",
            "notes.pdf is not a PDF file (it does not start with %PDF)",
        ),
        (
            "page.pdf",
            b"<html><body>Not found</body></html>",
            "page.pdf is not a PDF file (it does not start with %PDF)",
        ),
        (
            "stub.pdf",
            b"%PDF-1.7\n" + b"garbage " * 50,
            "stub.pdf is damaged and cannot be read as a PDF",
        ),
    ],
)
def test_not_a_pdf_or_beyond_repair(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert error(ingest(str(path))) == f"Error: {message}\n"


def test_truncated_pdf(tmp_path, report):
    path = tmp_path / "cut.pdf"
    path.write_bytes(report.read_bytes()[: report.stat().st_size // 2])
    assert error(ingest(str(path))) == "Error: cut.pdf is damaged and cannot be read as a PDF\n"


def test_too_many_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 3)
    path = lines_pdf(tmp_path / "long.pdf", [[Text(MARGIN, 80, "Page text")]] * 4)
    assert error(ingest(str(path))) == (
        "Error: long.pdf has too many pages (4; the limit is 3): split it into smaller files\n"
    )


def test_too_much_text(report, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 500)
    message = error(ingest(str(report)))
    assert re.fullmatch(
        r"Error: report\.pdf has too much text \([\d,]+ characters; the limit is 500\): "
        r"split it into smaller files\n",
        message,
    )


@pytest.mark.parametrize("bomb", [lambda p: flate_bomb(p, 400), lambda p: form_bomb(p, 40)])
def test_pdf_bombs_stop_at_the_memory_cap(tmp_path, monkeypatch, bomb):
    """A 400 MB content stream in 800 KB, and 2**40 paths through nested forms."""
    monkeypatch.setattr(limits, "PDF_READ_MEMORY", 256 * 1024 * 1024)
    path = bomb(tmp_path / "bomb.pdf")
    assert error(ingest(str(path))) == (
        "Error: bomb.pdf needs more than 256 MB of memory to read: it may be damaged or "
        "built to exhaust readers\n"
    )


@pytest.mark.parametrize(
    "code, message",
    [
        (
            "import time; time.sleep(30)",
            "report.pdf takes more than 2 seconds to read: it may be damaged or built to "
            "exhaust readers",
        ),
        (
            "import os; os.abort()",
            "report.pdf needs more than 1 GB of memory to read: it may be damaged or built to "
            "exhaust readers",
        ),
        ("import sys; sys.exit(3)", "cannot read report.pdf: the PDF reader stopped (exit code 3)"),
        ("print('not json')", "cannot read report.pdf: the PDF reader gave no answer"),
    ],
)
def test_reader_process_failures(report, monkeypatch, code, message):
    """What Kuma says when the reader process hangs, aborts, fails or talks nonsense."""
    monkeypatch.setattr(limits, "PDF_READ_SECONDS", 2)
    monkeypatch.setattr(isolate, "READER", [sys.executable, "-c", code])
    assert error(ingest(str(report))) == f"Error: {message}\n"


# --- the commands -----------------------------------------------------------------------


def test_kuma_ingest_prints_the_outline(report):
    result = ingest(str(report))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == REPORT[0][1]
    assert lines[1] == "report.pdf: en, 22 blocks, 34 sentences"
    assert "p2 subheading" in lines and "p14 list_item" in lines


def test_kuma_run_makes_a_package_from_a_pdf(tmp_path, tiny_models):
    """Two pages, furniture on each: a title, a heading and a paragraph across the break."""
    pages = [
        [
            Text(MARGIN, 80, "Talks in the north of Mali", "Helvetica-Bold", 18),
            Text(MARGIN, 110, "What was agreed", "Helvetica-Bold", 12),
            *column(
                ["Armed groups met in Kidal on Monday and agreed on a truce that"], top=128, **BODY
            ),
            *page_furniture(1),
        ],
        [*column(["holds until the talks resume in March."], **BODY), *page_furniture(2)],
    ]
    pdf = lines_pdf(tmp_path / "talks.pdf", pages)
    model = str(tiny_models.nllb)
    result = CliRunner().invoke(
        cli,
        ["run", str(pdf), "--lang", "fr", "--engine", "nllb", "--model", model]
        + ["--voice", "none", "--out", str(tmp_path / "out"), "--json", "-q"],
    )
    assert result.exit_code == 0, result.output
    package = tmp_path / "out" / "talks"
    source = json.loads((package / "source" / "article.json").read_text(encoding="utf-8"))
    assert [(b["kind"], len(b["segments"])) for b in source["blocks"]] == [
        ("title", 1),
        ("subheading", 1),
        ("paragraph", 1),
    ]
    translated = json.loads((package / "fr" / "article.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in translated["blocks"]] == ["p1", "p2", "p3"]
    assert (package / "fr" / "article.html").is_file()


# --- hyphenation rules ------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["inter-", "national"], "international"),
        (["popu-", "lation"], "population"),
        (["al-", "Qaida"], "al-Qaida"),
        (["Ag-", "Ghaly"], "Ag-Ghaly"),
        (["COVID-", "19"], "COVID-19"),
        (["self-", "described"], "self-described"),
        (["non-", "state"], "non-state"),
        (["sous-", "préfet"], "sous-préfet"),
        (["son ex-", "tension"], "son extension"),
        (["le mi-", "nistère"], "le ministère"),
        (["grand-", "ement"], "grand-ement"),
        (["2015\u2013", "2016"], "2015\u20132016"),
        (["a truce -", "or so"], "a truce - or so"),
        (["inter\u00ad", "national"], "international"),
        (["in the", "north"], "in the north"),
    ],
)
def test_hyphen_rules(lines, joined):
    from pipeline.ingest.hyphens import join_lines

    assert join_lines(lines) == joined


def test_the_document_is_the_best_witness_of_its_spelling():
    from pipeline.ingest.hyphens import Spelling, join_lines

    spelling = Spelling.of(["un cessez-le-feu dans la sous-région", "le pourparler"])
    assert not spelling.english
    assert join_lines(["pour-", "parler"], spelling) == "pourparler"
    assert join_lines(["sous-", "région"], spelling) == "sous-région"
    witness = Spelling.of(["the talks lasted a fort-night in Gao"])
    assert join_lines(["fort-", "night"], witness) == "fort-night"


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["long-", "term"], "long-term"),
        (["food-", "insecure"], "food-insecure"),
        (["decision-", "makers"], "decision-makers"),
        (["fort-", "night"], "fortnight"),
        (["over-", "stretched"], "overstretched"),
        (["cross-", "border"], "cross-border"),
        (["cross-", "ing"], "crossing"),
        (["well-", "being"], "well-being"),
        (["re-", "duce"], "reduce"),
        (["author-", "ities"], "authorities"),
    ],
)
def test_english_documents_ask_the_english_word_list(lines, joined):
    from pipeline.ingest.hyphens import Spelling, join_lines

    spelling = Spelling.of(["The humanitarian situation in the north remains difficult."])
    assert spelling.english
    assert join_lines(lines, spelling) == joined


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        [
            "humanitarian",
            "population",
            "organisation",
            "malnutrition",
            "distribution",
            "réfugiés",
            "vulnérables",
            "communautés",
        ]
    ),
    st.data(),
)
def test_a_word_hyphenated_where_a_dictionary_would_comes_back_whole(word, data):
    import pyphen

    from pipeline.ingest.hyphens import join_lines

    points = pyphen.Pyphen(lang="fr" if "é" in word else "en_GB").positions(word)
    point = data.draw(st.sampled_from(points))
    assert join_lines([f"the {word[:point]}-", f"{word[point:]} said"]) == f"the {word} said"
