"""Nothing overflows at 320 CSS pixels with WCAG 1.4.12 text spacing applied.

Article, easy-to-read and read-aloud script pages in English, French, Arabic and
Bambara (and a title that is one 500-character word) are opened in headless Chromium
at 320 pixels wide, the text-spacing style is injected (line height 1.5 times the
font size, 2 em after paragraphs, letter spacing 0.12 em, word spacing 0.16 em, as in
WCAG's understanding document), and no element may be wider than the window, stick out
of it, or overflow its own box.  The pages' content security policy forbids injected
styles, so the browser context bypasses it, as a user's bookmarklet or extension does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y.browser import chromium
from a11y.samples import LANGS, bad_input_documents, example_documents, glossary, timings

from pipeline.publish.html import Alternate, AudioLinks, render_html
from pipeline.publish.script import NoAudio, render_script
from pipeline.publish.status import Origin, ReviewStatus, SignOff

WIDTH = 320
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
OVERFLOWS = """() => {
  const width = document.documentElement.clientWidth, bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    const own = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
    if (el.scrollWidth > width || box.left < -1 || box.right > width + 1 || own)
      bad.push(`${el.tagName}.${el.className}#${el.id} ${Math.round(box.left)}..`
               + `${Math.round(box.right)} scroll ${el.scrollWidth}/${el.clientWidth}`);
  }
  return {page: document.documentElement.scrollWidth, width, bad: bad.slice(0, 10)};
}"""
REVIEWED = ReviewStatus(Origin.HUMAN, reviewed=SignOff("Awa Traoré-Diallo-Coulibaly"))


def write_pages(root: Path) -> list[str]:
    """Article, easy and script pages per language, and the awkward long title."""
    from pipeline.simplify import simplify_document

    alternates = [Alternate(lang, f"../{lang}/article.html") for lang in LANGS]
    alternates += [Alternate(lang, f"../{lang}/easy.html", easy=True) for lang in LANGS]
    pages = {}
    for lang, doc in example_documents().items():
        easy = simplify_document(doc, glossary()).to_document()
        audio = AudioLinks("article.mp3", "article.vtt", timings(doc), opening=doc.title)
        pages[f"{lang}/article.html"] = render_html(
            doc, alternates, glossary=glossary(), audio=audio, review=REVIEWED
        )
        pages[f"{lang}/easy.html"] = render_html(
            easy, alternates, glossary=glossary(), audio=audio, easy=True
        )
        no_audio = NoAudio.NO_VOICE if lang == "bm" else None
        pages[f"{lang}/script.html"] = render_script(doc, glossary(), no_audio=no_audio).html
    long_title = bad_input_documents()["long-title"]
    pages["bad/long-title.html"] = render_html(long_title, alternates, easy=True)
    pages["bad/long-title-script.html"] = render_script(long_title, no_audio=NoAudio.NO_VOICE).html
    for name, page in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(page, encoding="utf-8")
    return list(pages)


PAGES = [f"{lang}/{name}.html" for lang in LANGS for name in ("article", "easy", "script")]
PAGES += ["bad/long-title.html", "bad/long-title-script.html"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spacing")
    assert write_pages(root) == PAGES
    return root


@pytest.fixture(scope="module")
def narrow():
    """A 320-pixel window whose pages accept an injected style."""
    with chromium() as browser:
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 640}, device_scale_factor=1, bypass_csp=True
        )
        yield context.new_page()
        context.close()


def spaced(page, url: str) -> dict:
    """What overflows on ``url`` once the text spacing is applied."""
    page.goto(url)
    page.add_style_tag(content=TEXT_SPACING)
    return page.evaluate(OVERFLOWS)


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_at_320_pixels_with_text_spacing(narrow, pages, name):
    result = spaced(narrow, (pages / name).as_uri())
    letter = narrow.evaluate("parseFloat(getComputedStyle(document.body).letterSpacing)")
    size = narrow.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert letter == pytest.approx(0.12 * size, abs=0.05)  # the spacing is really applied
    assert result == {"page": WIDTH, "width": WIDTH, "bad": []}


def test_the_check_catches_text_that_spacing_pushes_out(narrow, tmp_path):
    """The harness can fail: a line that fits without the spacing does not fit with it."""
    page = tmp_path / "tight.html"
    words = "Durée de lecture : environ 6 m"  # 30 characters: 289 px, 350 px spaced
    page.write_text(
        "<!DOCTYPE html><html lang='fr'><title>x</title><body style='margin:0'>"
        f"<p style='white-space:nowrap;font:16px monospace'>{words}</p>"
    )
    narrow.goto(page.as_uri())
    assert narrow.evaluate(OVERFLOWS)["bad"] == []
    assert spaced(narrow, page.as_uri())["bad"]
