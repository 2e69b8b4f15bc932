"""Draw the PDFs the PDF tests read, with reportlab: no binary fixture is committed.

``lines_pdf`` puts every line exactly where a test says (line ends, columns, page
furniture).  ``report_pdf`` lays out an NGO-style report as a word processor would: a
full-width title over two columns, justified and hyphenated body text, a running
header and page numbers.  ``scanned_pdf``, ``encrypted`` and the bombs make the
hostile ones.  Run ``python tests/pdf_fixtures.py FOLDER`` to write them all to look at.
"""

from __future__ import annotations

import io
import re
import sys
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

WIDTH, HEIGHT = A4
MARGIN = 56.0


@dataclass(frozen=True)
class Text:
    """One line of text drawn at a place on a page."""

    x: float
    """Left edge, in points from the left of the page."""
    y: float
    """Baseline, in points from the top of the page (the way one reads)."""
    text: str
    """What the line says."""
    font: str = "Helvetica"
    """One of the PDF standard fonts (``Helvetica-Bold`` for bold)."""
    size: float = 10.0
    """Font size in points."""
    angle: float = 0.0
    """Degrees the line is turned counter-clockwise (a watermark, a label along the margin)."""


def end_of(text: Text) -> float:
    """Where a line ends: its left edge plus the width of its text in its font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return text.x + stringWidth(text.text, text.font, text.size)


def column(
    lines: list[str],
    x: float = MARGIN,
    top: float = 80.0,
    font: str = "Helvetica",
    size: float = 10.0,
    leading: float | None = None,
) -> list[Text]:
    """Lines stacked down from ``top``; an empty string leaves one blank line."""
    step = leading or size * 1.25
    return [Text(x, top + i * step, line, font, size) for i, line in enumerate(lines) if line]


def lines_pdf(path: Path, pages: list[list[Text]], turned: Collection[int] = ()) -> Path:
    """A PDF with these lines on these pages (an empty list is a blank page).

    Pages whose index is in ``turned`` are stored a quarter turn round (/Rotate 90,
    their text drawn sideways) so that a viewer shows them upright, as scanners and
    some exporters store pages; ``Text`` positions are on the page as shown.
    """
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    for index, page in enumerate(pages):
        if index in turned:
            canvas.setPageRotation(90)
        for line in page:
            canvas.saveState()
            canvas.setFont(line.font, line.size)
            if index in turned:
                canvas.translate(line.y, line.x)
                canvas.rotate(90 + line.angle)
            else:
                canvas.translate(line.x, HEIGHT - line.y)
                canvas.rotate(line.angle)
            canvas.drawString(0, 0, line.text)
            canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return path


ARABIC_FONTS = Path("/usr/share/fonts/truetype/noto")
"""Where Debian's fonts-noto-core (installed by scripts/install-system-deps.sh) keeps Noto."""


def arabic_font(bold: bool = False) -> str | None:
    """Register Noto Sans Arabic with reportlab and return its name; None when not installed."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "NotoSansArabic-Bold" if bold else "NotoSansArabic-Regular"
    path = ARABIC_FONTS / f"{name}.ttf"
    if not path.is_file():
        return None
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def leftwards(text: Text) -> list[Text]:
    """A right-to-left line as an Arabic layout engine writes it: its letters in reading
    order, each placed left of the one before from ``text.x`` (its right edge), numbers
    kept left to right inside.

    The letters keep their isolated forms (reportlab does not join Arabic letters), which
    changes nothing for a reader of the text layer.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    placed: list[Text] = []
    right = text.x
    for chunk in re.findall(r"\d+|\D", text.text):
        right -= stringWidth(chunk, text.font, text.size)
        x = right
        for letter in chunk:
            placed.append(Text(x, text.y, letter, text.font, text.size))
            x += stringWidth(letter, text.font, text.size)
    return placed


# --- a realistic report -----------------------------------------------------------------

TITLE = "Displacement and Food Insecurity in Central Mali: Humanitarian Situation Report"
SUBTITLE = "Situation report no. 4, covering January to March 2024"
HEADER = "Sahel Humanitarian Update | Situation report no. 4"
FOOTER = "Kuma Relief Network"

REPORT: list[tuple[str, str]] = [
    ("title", TITLE),
    ("subheading", SUBTITLE),
    ("subheading", "Overview"),
    (
        "paragraph",
        "Insecurity in the regions of Mopti and Ségou has forced more than 375,000 people "
        "from their homes since the beginning of the year. Most of the displaced families "
        "have found shelter with relatives in towns along the Niger river, where services "
        "were already overstretched before the crisis.",
    ),
    (
        "paragraph",
        "Non-state armed groups, including fighters linked to al-Qaida and to the "
        "self-described Islamic State in the Sahel, continue to attack villages and to "
        "block the roads that connect rural communities with markets. International "
        "humanitarian organisations report that access to several districts has become "
        "impossible for weeks at a time.",
    ),
    (
        "paragraph",
        "In the district of Bankass, health workers and teachers have left several communes "
        "after threats against public servants. Local authorities estimate that a third of "
        "the population of these communes now lives in makeshift shelters, without latrines "
        "or safe drinking water, at the edge of the town.",
    ),
    (
        "paragraph",
        "The lean season will begin earlier than usual. Households that lost their harvest "
        "or their livestock depend entirely on assistance, and the prices of millet and "
        "sorghum have risen by a third compared with the five-year average.",
    ),
    ("subheading", "Food security"),
    (
        "paragraph",
        "According to the latest Cadre Harmonisé analysis, 1.3 million people will face crisis "
        "levels of food insecurity or worse during the lean season. Malnutrition among "
        "children under five is above the emergency threshold in four districts, and the "
        "nutrition centres supported by the network admitted twice as many children as in "
        "the same period last year.",
    ),
    (
        "paragraph",
        "Markets in Mopti, Bandiagara and Douentza are still open, but traders say that "
        "convoys of goods from the south arrive only once a fortnight under military escort. "
        "Fuel has become scarce in the smaller towns, which raises the cost of transport and "
        "of grinding grain, and many herders have sold animals at a loss to buy food.",
    ),
    (
        "paragraph",
        "Distributions of food and cash reached 84,000 people in February. Partners had to "
        "reduce rations by half in March because of funding shortfalls, and warn that "
        "stocks will run out in May unless new contributions arrive.",
    ),
    ("subheading", "Protection"),
    (
        "paragraph",
        "Displaced women and girls report growing risks of violence when they collect water "
        "and firewood. Community protection committees have been set up in twelve sites, "
        "and mobile teams provide psychosocial support and referrals to health services.",
    ),
    ("list_item", "Twelve community protection committees are now active."),
    ("list_item", "Mobile teams visited 46 displacement sites in February and March."),
    (
        "paragraph",
        "Birth registration remains a concern: many displaced children have no documents, "
        "which prevents them from enrolling in school and from receiving some forms of "
        "assistance.",
    ),
    ("subheading", "Response by sector"),
    (
        "paragraph",
        "Water and sanitation partners repaired 38 boreholes and built emergency latrines in "
        "the largest sites. Cholera preparedness plans were updated with the regional health "
        "authorities, and hygiene kits were distributed to 9,000 households.",
    ),
    (
        "paragraph",
        "Education partners opened temporary learning spaces for 6,500 displaced children. "
        "More than 1,700 schools remain closed across the country because of insecurity, "
        "and teachers in the affected areas have not been paid for several months.",
    ),
    (
        "paragraph",
        "Health partners vaccinated 52,000 children against measles and supported mobile "
        "clinics in areas without a functioning health centre. Shortages of essential "
        "medicines were reported in three districts.",
    ),
    ("subheading", "Funding"),
    (
        "paragraph",
        "The humanitarian response plan for 2024 requires 751 million dollars. By the end of "
        "March, only 11 per cent of this amount had been received, the lowest level of "
        "funding at this time of year since 2012.",
    ),
]
"""What the report says, in reading order: (kind, text) as the reader should find it."""


def report_pdf(path: Path) -> Path:
    """Three pages: two columns under a full-width title, one column, two columns again."""
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
    )

    styles = _report_styles()
    doc = BaseDocTemplate(str(path), pagesize=A4, invariant=True, title="Situation report")
    gutter, head = 18.0, 110.0
    half = (WIDTH - 2 * MARGIN - gutter) / 2
    body_height = HEIGHT - 2 * MARGIN
    top_frame = Frame(MARGIN, HEIGHT - MARGIN - head, WIDTH - 2 * MARGIN, head, id="head")
    below = body_height - head

    def columns(height: float) -> list[Frame]:
        return [
            Frame(MARGIN, MARGIN, half, height, id="left"),
            Frame(MARGIN + half + gutter, MARGIN, half, height, id="right"),
        ]

    def columns_above(height: float) -> list[Frame]:
        bottom = HEIGHT - MARGIN - height
        return [
            Frame(MARGIN, bottom, half, height, id="upper-left"),
            Frame(MARGIN + half + gutter, bottom, half, height, id="upper-right"),
        ]

    def bottom_frame(height: float) -> Frame:
        return Frame(MARGIN, MARGIN, WIDTH - 2 * MARGIN, body_height - height, id="below")

    doc.addPageTemplates(
        [
            PageTemplate("front", [top_frame, *columns(below)], onPage=_furniture),
            PageTemplate(
                "single", [Frame(MARGIN, MARGIN, 2 * half + gutter, body_height)], onPage=_furniture
            ),
            PageTemplate("double", [*columns_above(220.0), bottom_frame(220.0)], onPage=_furniture),
        ]
    )
    story: list = []
    from reportlab.platypus import FrameBreak, PageBreak

    for kind, text in REPORT:
        if text == SUBTITLE:
            story.extend([Paragraph(text, styles[kind]), FrameBreak()])
            continue
        if text == "Protection":
            story.extend([NextPageTemplate("single"), PageBreak()])
        if text == "Response by sector":
            story.extend([NextPageTemplate("double"), PageBreak()])
        if text == "Funding":
            story.append(FrameBreak())
        shown = f"\u2022 {text}" if kind == "list_item" else text
        story.append(Paragraph(shown, styles[kind]))
    doc.build(story)
    return path


def _report_styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName="Times-Roman",
        fontSize=12,
        leading=15,
        alignment=TA_JUSTIFY,
        spaceAfter=7,
        hyphenationLang="en_GB",
        embeddedHyphenation=1,
    )
    return {
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=20, leading=24),
        "subheading": ParagraphStyle(
            "subheading",
            fontName="Helvetica-Bold",
            fontSize=12.5,
            leading=15,
            spaceBefore=6,
            spaceAfter=5,
        ),
        "paragraph": body,
        "list_item": ParagraphStyle("item", parent=body, leftIndent=12, spaceAfter=3),
    }


def _furniture(canvas: Canvas, doc: object) -> None:
    """Running header from page 2 on, a footer and "Page N of 3" on every page."""
    number = canvas.getPageNumber()
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    if number > 1:
        canvas.drawString(MARGIN, HEIGHT - 34, HEADER)
    canvas.drawString(MARGIN, 30, FOOTER)
    canvas.drawRightString(WIDTH - MARGIN, 30, f"Page {number} of 3")
    canvas.restoreState()


# --- hostile and broken files -----------------------------------------------------------


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that are only pictures of text, as a scanner makes them (no text layer)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    for number in range(pages):
        image = Image.new("L", (600, 850), 255)
        draw = ImageDraw.Draw(image)
        for row in range(30):
            draw.text((40, 40 + row * 25), f"Scanned line {row} of page {number + 1}", fill=0)
        canvas.drawImage(ImageReader(image), 0, 0, WIDTH, HEIGHT)
        canvas.showPage()
    canvas.save()
    return path


def encrypted(source: Path, path: Path, user: str = "", owner: str = "owner-secret") -> Path:
    """``source`` encrypted with pypdf (AES-256): ``user`` is the password needed to open it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(
        user_password=user, owner_password=owner, algorithm="AES-256", permissions_flag=0
    )
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def flate_bomb(path: Path, megabytes: int) -> Path:
    """One page whose content stream inflates to ``megabytes`` MB of drawing operators.

    The same compressed block is repeated after a full flush, so the file stays a few
    hundred kilobytes however large the stream becomes.
    """
    chunk = b"0 0 m 1 1 l S\n" * (1024 * 1024 // 14)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = zlib.compressobj(9)
    block = again.compress(chunk) + again.flush(zlib.Z_FULL_FLUSH)
    stream = head + block[2:] * (megabytes - 1) + zlib.compressobj(9).flush()[2:]
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (
        len(stream),
        stream,
    )
    return pdf_objects(path, [*_one_page(b""), content])


def form_bomb(path: Path, levels: int) -> Path:
    """A page drawing a form that draws the next form twice, ``levels`` deep: 2**levels paths."""
    content = b"/F Do"
    objects = [*_one_page(b"/XObject << /F 5 0 R >>"), _stream(b"", content)]
    for level in range(levels):
        last = level == levels - 1
        inner = b"" if last else b"/XObject << /F %d 0 R >>" % (6 + level)
        body = b"0 0 m 1 1 l S" if last else b"/F Do /F Do"
        form = b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << %s >>" % inner
        objects.append(_stream(form, body))
    return pdf_objects(path, objects)


def _one_page(resources: bytes) -> list[bytes]:
    """Catalog, page tree and one A4 page whose content is object 4."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> "
        b"/Contents 4 0 R >>" % resources,
    ]


def _stream(entries: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (entries, len(data), data)


def pdf_objects(path: Path, objects: list[bytes]) -> Path:
    """A PDF written byte by byte: ``objects`` numbered from 1, the first the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out.write(trailer % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())
    return path


def main(folder: str) -> None:
    """Write every fixture into ``folder``."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    report = report_pdf(out / "report.pdf")
    scanned_pdf(out / "scanned.pdf")
    encrypted(report, out / "locked.pdf", user="secret")
    encrypted(report, out / "no-print.pdf")
    print("\n".join(sorted(str(p) for p in out.iterdir())))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "pdf-fixtures")
