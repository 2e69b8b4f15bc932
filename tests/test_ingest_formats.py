"""Each reader on a small fixture written by the test: structure in, furniture out."""

from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from pipeline.document import BlockKind, Document
from pipeline.ingest import read_document

T, S, P, C, Q, L = (
    BlockKind.TITLE,
    BlockKind.SUBHEADING,
    BlockKind.PARAGRAPH,
    BlockKind.CAPTION,
    BlockKind.QUOTE,
    BlockKind.LIST_ITEM,
)
BODY_1 = "A powerful leader in the Sahel has been in secret talks with armed groups, sources said."
BODY_2 = "Kidal is a crossroads region in the north. It is not under the control of the state."
BODY_3 = "The peace agreement of 2015 has often been deemed crucial to efforts to end the crisis."


def outline(doc: Document) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- plain text -------------------------------------------------------------------------


def test_text_hard_wrapped_paragraphs_are_joined(tmp_path):
    text = (
        "Talks in the north of Mali\n\n"
        "A powerful leader in the Sahel has been in secret talks with\n"
        "armed groups in northern Mali that are fighting other militants,\n"
        "sources close to the meetings said on Monday in Bamako.\n\n"
        "Kidal is a crossroads region in the north that is not under the\n"
        "control of the Malian state.\n"
    )
    doc = read_document(write(tmp_path, "wrapped.txt", text))
    assert outline(doc) == [
        (T, "Talks in the north of Mali"),
        (
            P,
            "A powerful leader in the Sahel has been in secret talks with armed groups in "
            "northern Mali that are fighting other militants, sources close to the meetings "
            "said on Monday in Bamako.",
        ),
        (
            P,
            "Kidal is a crossroads region in the north that is not under the control of the "
            "Malian state.",
        ),
    ]


def test_text_lists_captions_and_furniture(tmp_path):
    text = "\n".join(
        [
            "Skip to main content",
            "World",
            "Mali talks resume in the north",
            "Share",
            "",
            "Photo: Delegates arrive in Kidal (AFP)",
            BODY_1,
            "What was agreed",
            "- A ceasefire in the north.",
            "2. Talks in February.",
            "ADVERTISEMENT",
            "(AFP Photo / Souleymane Ag Anara) A market in Gao.",
            BODY_3,
            "Read more: Mali's junta",
            "Cookie settings",
            "By Jane Doe",
        ]
    )
    doc = read_document(write(tmp_path, "page.txt", text))
    assert outline(doc) == [
        (T, "Mali talks resume in the north"),
        (C, "Photo: Delegates arrive in Kidal (AFP)"),
        (P, BODY_1),
        (S, "What was agreed"),
        (L, "A ceasefire in the north."),
        (L, "Talks in February."),
        (C, "(AFP Photo / Souleymane Ag Anara) A market in Gao."),
        (P, BODY_3),
        (P, "By Jane Doe"),
    ]


def test_text_without_title(tmp_path):
    doc = read_document(write(tmp_path, "no-title.txt", f"{BODY_1}\n\n{BODY_2}\n"))
    assert [b.kind for b in doc.blocks] == [P, P]
    assert doc.title == "no-title"
    assert [s.text for s in doc.blocks[1].segments] == [
        "Kidal is a crossroads region in the north.",
        "It is not under the control of the state.",
    ]


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Share", False),
        ("SHARE THIS ARTICLE", False),
        ("Related:", False),
        ("Subscribe", False),
        ("Print", False),
        ("Cookie policy", False),
        ("Read more", False),
        ("Advertisement", False),
        ("Share the land equally, the elders said.", True),
        ("Related groups met in Kidal on Monday.", True),
        ("Readers subscribe to many newspapers in Bamako.", True),
    ],
)
def test_furniture_matches_whole_lines_only(tmp_path, line, kept):
    doc = read_document(write(tmp_path, "a.txt", f"{BODY_1}\n\n{line}\n\n{BODY_3}\n"), lang="en")
    assert (line in [b.text for b in doc.blocks]) is kept


# --- Markdown ---------------------------------------------------------------------------

MARKDOWN = f"""# Mali leader in secret talks

![Iyad Ag Ghaly in 2016](ghaly.jpg "FILE - An image grab from a video released in 2016.")

{BODY_1}
It is a *hard-wrapped* line with a [link](https://example.org) and `code`.

## Separate forces

> "He said the same thing to everyone." Others agreed.

- The CMA signed in 2015.
- The junta left the deal.

1. First step.
2. Second step.

| Year | Event |
|------|-------|
| 2012 | Rebellion |

![Decorative](x.png)

{BODY_3}
"""


def test_markdown_structure(tmp_path):
    doc = read_document(write(tmp_path, "story.md", MARKDOWN))
    assert doc.title == "Mali leader in secret talks"
    assert outline(doc) == [
        (T, "Mali leader in secret talks"),
        (C, "FILE - An image grab from a video released in 2016."),
        (P, f"{BODY_1} It is a hard-wrapped line with a link and code."),
        (S, "Separate forces"),
        (Q, '"He said the same thing to everyone." Others agreed.'),
        (L, "The CMA signed in 2015."),
        (L, "The junta left the deal."),
        (L, "First step."),
        (L, "Second step."),
        (P, "Year; Event"),
        (P, "2012; Rebellion"),
        (C, "Decorative"),
        (P, BODY_3),
    ]


def test_markdown_without_headings_is_read_like_plain_text(tmp_path):
    lines = ["Accessibility links", "Talks in the north of Mali", BODY_1, "A new front", BODY_3]
    text = "\n\n".join(lines)
    doc = read_document(write(tmp_path, "plain.markdown", text))
    assert outline(doc) == [
        (T, "Talks in the north of Mali"),
        (P, BODY_1),
        (S, "A new front"),
        (P, BODY_3),
    ]


def test_markdown_level_two_heading_opening_the_file_is_the_title(tmp_path):
    doc = read_document(
        write(tmp_path, "h2.md", f"## Talks in Mali\n\n{BODY_1}\n\n## Later\n\n{BODY_3}")
    )
    assert [b.kind for b in doc.blocks] == [T, P, S, P]


def test_markdown_script_is_text_only(tmp_path):
    text = f"# Title of the story\n\n{BODY_1} <script>alert('x')</script> <b>bold</b>\n"
    doc = read_document(write(tmp_path, "x.md", text))
    assert doc.blocks[1].text == f"{BODY_1} <script>alert('x')</script> <b>bold</b>"


# --- HTML -------------------------------------------------------------------------------

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mali leader in talks | Sahel News</title>
<style>body {{ color: red; }} .secret-style {{}}</style>
<script>var tracking = "SECRET_SCRIPT";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news navigation</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<header><a href="#main">Skip to main content</a></header>
<main><article>
<h1>Mali leader in secret talks</h1>
<div class="share-bar social-share"><a href="https://facebook.com/s">Share on Facebook</a>
<a href="https://twitter.com/s">Share on Twitter</a></div>
<figure><img src="g.jpg" alt="Ag Ghaly in a video grab"><figcaption>FILE - An image grab from a
video released in 2016.</figcaption></figure>
<p>{BODY_1}</p>
<p>{BODY_2}</p>
<h2>Separate forces against IS</h2>
<p>{BODY_3}</p>
<blockquote><p>He said the same thing to everyone, about uniting the sons of the region.</p>
</blockquote>
<ul><li>The CMA signed a peace agreement in 2015.</li>
<li>The junta left the deal in December.</li></ul>
<p>Writing &lt;script&gt;alert(1)&lt;/script&gt; in an article is just text.</p>
<script>document.write("INLINE_SCRIPT")</script>
</article>
<aside class="related"><h3>Related articles</h3>
<ul><li><a href="/a">Another story about Niger</a></li>
<li><a href="/b">Burkina Faso coup news</a></li></ul></aside>
</main>
<footer><p>Copyright 2024 Sahel News. All rights reserved. Privacy policy.</p></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Document:
    return read_document(write(tmp_path_factory.mktemp("html"), "page.html", PAGE))


def test_html_structure(page):
    assert page.title == "Mali leader in secret talks"
    assert outline(page) == [
        (T, "Mali leader in secret talks"),
        (C, "FILE - An image grab from a video released in 2016."),
        (P, BODY_1),
        (P, BODY_2),
        (S, "Separate forces against IS"),
        (P, BODY_3),
        (Q, "He said the same thing to everyone, about uniting the sons of the region."),
        (L, "The CMA signed a peace agreement in 2015."),
        (L, "The junta left the deal in December."),
        (P, "Writing <script>alert(1)</script> in an article is just text."),
    ]


@pytest.mark.parametrize(
    "junk",
    [
        "World news navigation",
        "SECRET_SCRIPT",
        "INLINE_SCRIPT",
        "secret-style",
        "color: red",
        "We use cookies",
        "Accept all",
        "Skip to main",
        "Share on",
        "Related articles",
        "Another story about Niger",
        "Copyright",
        "Privacy policy",
        "<p>",
        "<h1",
    ],
)
def test_html_junk_is_gone(page, junk):
    assert all(junk not in s.text for s in page.segments())


def test_html_title_from_metadata_without_h1(tmp_path):
    html = (
        '<html><head><meta property="og:title" content="Talks in the north of Mali"></head>'
        f"<body><article><p>{BODY_1}</p><p>{BODY_3}</p></article></body></html>"
    )
    doc = read_document(write(tmp_path, "meta.htm", html))
    assert outline(doc) == [(T, "Talks in the north of Mali"), (P, BODY_1), (P, BODY_3)]


def test_html_meta_charset_is_honoured(tmp_path):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Le caf\u00e9 de Bamako</title></head><body><article>"
        "<h1>Le caf\u00e9 de Bamako</h1>"
        "<p>\u201cNous irons \u00e0 Kidal\u201d, a d\u00e9clar\u00e9 le pr\u00e9sident de la "
        "r\u00e9gion mardi, apr\u00e8s une longue r\u00e9union avec les chefs.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    doc = read_document(write(tmp_path, "fr.html", html))
    assert doc.title == "Le café de Bamako"
    assert doc.blocks[1].text.startswith("“Nous irons à Kidal”, a déclaré")
    assert doc.lang == "fr"


def test_html_entities_cannot_smuggle_bidi_controls(tmp_path):
    html = (
        "<html><body><article><h1>A safe title here</h1>"
        f"<p>{BODY_1} &#x202E;evil&#x202C;</p></article></body></html>"
    )
    doc = read_document(write(tmp_path, "bidi.html", html))
    assert doc.blocks[1].text == f"{BODY_1} evil"


# --- Word -------------------------------------------------------------------------------


def make_docx(path: Path, paragraphs: list[tuple[str, str]], table: list[list[str]] = ()) -> Path:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    document.save(path)
    return path


def test_docx_styles(tmp_path):
    path = make_docx(
        tmp_path / "story.docx",
        [
            ("Title", "Mali leader in secret talks"),
            ("Caption", "FILE - An image grab from 2016."),
            ("Normal", BODY_1),
            ("Heading 1", "Separate forces"),
            ("Normal", ""),
            ("Quote", "“He said the same thing to everyone. Others agreed,” a leader said."),
            ("List Bullet", "The CMA signed in 2015."),
            ("List Number", "The junta left the deal."),
            ("Heading 2", "Russian mercenaries"),
            ("Normal", BODY_3),
        ],
        table=[["Year", "Event"], ["2012", "Rebellion"]],
    )
    doc = read_document(path)
    assert outline(doc) == [
        (T, "Mali leader in secret talks"),
        (C, "FILE - An image grab from 2016."),
        (P, BODY_1),
        (S, "Separate forces"),
        (Q, "“He said the same thing to everyone. Others agreed,” a leader said."),
        (L, "The CMA signed in 2015."),
        (L, "The junta left the deal."),
        (S, "Russian mercenaries"),
        (P, BODY_3),
        (P, "Year; Event"),
        (P, "2012; Rebellion"),
    ]
    assert len(doc.blocks[4].segments) == 1


def test_docx_first_heading_one_is_the_title_without_a_title_style(tmp_path):
    path = make_docx(
        tmp_path / "h1.docx",
        [
            ("Heading 1", "Talks in Mali"),
            ("Normal", BODY_1),
            ("Heading 1", "Later"),
            ("Normal", BODY_3),
        ],
    )
    assert [b.kind for b in read_document(path).blocks] == [T, P, S, P]


def test_docx_without_styles_is_read_like_plain_text(tmp_path):
    path = make_docx(
        tmp_path / "plain.docx",
        [
            ("Normal", "Talks in the north of Mali"),
            ("Normal", BODY_1),
            ("Normal", "A new front"),
            ("Normal", BODY_3),
        ],
    )
    assert [b.kind for b in read_document(path).blocks] == [T, P, S, P]


# --- every format: JSON round-trip ------------------------------------------------------

words = st.sampled_from(
    ["Mali", "army", "the", "Kidal", "talks", "Mr.", "said", "U.S.", "leader", "north", "é", "ɛ"]
)
sentence = st.lists(words, min_size=2, max_size=12).map(lambda w: " ".join(w).capitalize() + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(paragraph, min_size=1, max_size=6, unique=True), st.sampled_from(["txt", "md", "docx"])
)
def test_document_json_round_trip(tmp_path, paragraphs, fmt):
    path = tmp_path / f"article.{fmt}"
    if fmt == "docx":
        make_docx(path, [("Normal", p) for p in paragraphs])
    else:
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    doc = read_document(path, lang="en")
    assert Document.from_json(doc.to_json()) == doc
    assert [b.text for b in doc.blocks] == paragraphs


@pytest.mark.parametrize(
    "lines, title",
    [
        (["World", "Kidal Talks", BODY_1], "Kidal Talks"),
        (["Kidal Talks", BODY_1], "Kidal Talks"),
        (["Africa", BODY_1], None),
        (["Africa", "Talks in the north of Mali", BODY_1], "Talks in the north of Mali"),
    ],
)
def test_text_short_lines_before_the_body(tmp_path, lines, title):
    doc = read_document(write(tmp_path, "short.txt", "\n\n".join(lines)))
    assert [b.text for b in doc.blocks] == ([title] if title else []) + [BODY_1]
    assert doc.blocks[0].kind is (T if title else P)
