"""Page layout without a PDF: margins, columns and reading order on lines placed by hand."""

from __future__ import annotations

import pytest

from pipeline.ingest.pdf.columns import find_gutters, in_rows, reading_order
from pipeline.ingest.pdf.lines import Char, group_lines, spelt_out
from pipeline.ingest.pdf.margins import PAGE_NUMBER, remove_margins
from pipeline.ingest.pdf.page import Line, Page, page_from_json, page_to_json

HEIGHT = 842.0


def line(text: str, x0: float, top: float, width: float | None = None, size: float = 10) -> Line:
    """A line whose characters are half an em wide unless ``width`` says otherwise."""
    right = x0 + (width if width is not None else len(text) * size * 0.5)
    return Line(text, x0, right, top, top + size * 0.8, size)


def page(*lines: Line, number: int = 1) -> Page:
    return Page(number, 595.0, HEIGHT, lines)


def texts(groups: list[list[Line]]) -> list[list[str]]:
    return [[line.text for line in group] for group in groups]


# --- margins ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, number",
    [
        ("7", True),
        ("- 7 -", True),
        ("\u2013 12 \u2013", True),
        ("Page 7", True),
        ("Page 7 of 12", True),
        ("page 3 sur 12", True),
        ("p. 4", True),
        ("iv", True),
        ("XII", True),
        ("12 / 40", True),
        ("2024 budget", False),
        ("Mali", False),
        ("civil", False),
        ("Page two", False),
        ("Chapter 3", False),
    ],
)
def test_page_numbers(text, number):
    assert bool(PAGE_NUMBER.fullmatch(text)) is number


def test_running_lines_go_where_they_recur_and_only_there():
    body = "Half of the displaced families live with relatives in Mopti."
    pages = [
        page(
            line(f"Annual review 2024 | {n}", 56, 30),
            line("Kuma Relief Network", 56, 810),
            line(f"{n}", 290, 810),
            line(f"Heading on page {n}", 56, 30 + 20 * n),  # in the top margin, never twice there
            line(body, 56, 400),
            number=n,
        )
        for n in range(1, 5)
    ]
    kept = [[line.text for line in p.lines] for p in remove_margins(pages)]
    assert kept[0] == ["Heading on page 1", body]
    assert kept[1] == ["Heading on page 2", body]
    assert kept[3] == ["Heading on page 4", body]


def test_a_single_page_keeps_everything_but_its_number():
    lines = (line("Talks in the north of Mali", 56, 40, size=18), line("- 1 -", 290, 810))
    assert [line.text for line in remove_margins([page(*lines)])[0].lines] == [lines[0].text]


# --- columns ----------------------------------------------------------------------------

COL = 230.0


def two_columns(rows: int, top: float, prefix: str) -> list[Line]:
    """``rows`` lines in each of two columns, from ``top`` down."""
    return [
        line(f"{prefix} left {i} words words words", 56, top + 14 * i, COL) for i in range(rows)
    ] + [line(f"{prefix} right {i} words words words", 306, top + 14 * i, COL) for i in range(rows)]


def test_columns_around_a_full_width_line():
    lines = [
        line("A title that spans both columns of the page", 56, 40, 480, size=18),
        *two_columns(3, 80, "upper"),
        line("A full-width paragraph line in the middle of the page", 56, 130, 480),
        *two_columns(2, 150, "lower"),
    ]
    assert find_gutters(lines) == [(286.0, 306.0)]
    assert texts(reading_order(page(*lines))) == [
        ["A title that spans both columns of the page"],
        [f"upper left {i} words words words" for i in range(3)],
        [f"upper right {i} words words words" for i in range(3)],
        ["A full-width paragraph line in the middle of the page"],
        [f"lower left {i} words words words" for i in range(2)],
        [f"lower right {i} words words words" for i in range(2)],
    ]


def test_a_heading_at_the_foot_of_a_column_introduces_the_full_width_text_below():
    lines = [
        *two_columns(3, 80, "upper"),
        line("Left column goes on", 56, 122, COL),
        line("Funding", 56, 150, 60, size=12),
        line("The plan requires 751 million dollars, of which only a tenth", 56, 168, 480),
    ]
    lines[-2] = Line("Funding", 56, 116, 150, 159.6, 12, bold=True)
    assert texts(reading_order(page(*lines)))[-1] == [
        "Funding",
        "The plan requires 751 million dollars, of which only a tenth",
    ]


def test_a_title_s_short_last_line_stays_with_the_title():
    lines = [
        line("A long title that runs across the whole width of", 56, 40, 480, size=20),
        line("the page", 56, 64, 90, size=20),
        *two_columns(3, 100, "body"),
    ]
    assert texts(reading_order(page(*lines)))[0] == [lines[0].text, "the page"]


def test_pieces_of_a_row_read_left_to_right_whatever_their_tops():
    separate = Line("Separate", 56, 110, 400.02, 410, 12, True)
    forces = Line("forces", 180, 230, 400.0, 410.01, 12, True)
    below = line("against IS", 56, 416, size=12)
    assert [line.text for line in in_rows([below, forces, separate])] == [
        "Separate",
        "forces",
        "against IS",
    ]


@pytest.mark.parametrize(
    "lines",
    [
        [  # one column, a date set flush right on the first line's row, a centred heading
            line("Bamako, 4 March", 56, 40, 100),
            line("12 March 2024", 460, 40, 80),
            *[
                line(f"Body line {i} of a single column of text", 56, 70 + 14 * i, 480)
                for i in range(5)
            ],
            line("A centred heading", 250, 150, 100),
            line("Short last line.", 56, 170, 90),
        ],
        [  # a table of figures: short cells side by side
            *[line(f"{1000 * i}", 56, 70 + 14 * i, 40) for i in range(6)],
            *[line(f"{7 * i} %", 306, 70 + 14 * i, 30) for i in range(6)],
        ],
    ],
    ids=["single-column", "table"],
)
def test_no_columns(lines):
    assert find_gutters(lines) == []
    assert len(reading_order(page(*lines))) == 1


# --- characters to lines ----------------------------------------------------------------


def chars(text: str, x0: float, baseline: float, size: float = 10, gap: float = 0.0) -> list[Char]:
    """One character per letter, half an em wide, spaces as a mark on the next letter."""
    result: list[Char] = []
    x, space = x0, False
    for letter in text:
        if letter == " ":
            x, space = x + size * 0.25, True
            continue
        result.append(Char(letter, x, x + size / 2, baseline - size, baseline, size, False, space))
        x, space = x + size / 2 + gap, False
    return result


def test_characters_become_lines_split_at_gutters_and_rejoined_when_drawn_out_of_order():
    left = chars("Column one", 56, 100)
    right = chars("Column two", 56 + 5 * 10 + 40, 100)  # 40 points of gutter, no space
    tail = chars("end of line", 276, 130)
    head = chars("The start of the", 200, 130)  # drawn after its own end
    lines = group_lines([*left, *right, *tail, *head])
    assert [(line.text, line.baseline) for line in lines] == [
        ("Column one", 100),
        ("Column two", 100),
        ("The start of the end of line", 130),
    ]


def test_columns_drawn_one_after_the_other_stay_apart_across_a_narrow_gutter():
    """Column lines end 13 points (1.3 em) before the next column's lines begin."""
    width = 5 * 10  # "aaaaaaaaaa": ten letters of half an em
    first = [*chars("aaaaaaaaaa", 56, 100), *chars("bbbbbbbbbb", 56, 112)]
    second = [
        *chars("cccccccccc", 56 + width + 13, 100),
        *chars("dddddddddd", 56 + width + 13, 112),
    ]
    assert sorted(line.text for line in group_lines([*first, *second])) == [
        "aaaaaaaaaa",
        "bbbbbbbbbb",
        "cccccccccc",
        "dddddddddd",
    ]


def test_note_calls_go_and_ligatures_are_spelt_out():
    body = chars("in 2023", 56, 100)
    call = [Char("1", body[-1].x1, body[-1].x1 + 3, 92, 96, 6, False)]
    after = chars(" prices rose", body[-1].x1 + 3, 100)
    assert [line.text for line in group_lines([*body, *call, *after])] == ["in 2023 prices rose"]
    assert spelt_out("\ufb01") == "fi" and spelt_out("\ufefb") == "\u0644\u0627"


def test_arabic_letters_follow_each_other_leftwards_and_lam_alef_is_spelt_lam_first():
    """ "الإسلام" as LibreOffice writes it: the lam-alef ligature's two letters share a box."""
    letters = [("ا", 100), ("إ", 94), ("ل", 94), ("س", 86), ("ا", 80), ("ل", 80), ("م", 72)]
    run = [Char(t, x, x + (6 if t in "إلا" else 8), 90, 100, 10, False) for t, x in letters]
    assert [line.text for line in group_lines(run)] == ["الإسلام"]


@pytest.mark.parametrize(
    "text, rtl",
    [("مالي 2024", True), ("Mali 2024", False), ("Kidal كيدال Gao", False), ("", False)],
)
def test_right_to_left(text, rtl):
    from pipeline.ingest.pdf.direction import right_to_left

    assert right_to_left(text) is rtl


def test_pages_travel_as_json():
    original = page(line("Kidal", 56, 40), Line("Gao", 1.5, 2.25, 3, 4, 9.5, True), number=3)
    assert page_from_json(page_to_json(original)) == original
