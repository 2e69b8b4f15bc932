"""The review with the reviewers' own tools: the report page itself passes axe-core, and
``kuma review --a11y`` runs axe-core, EPUBCheck and DAISY Ace on every page and book of a
package, reporting what they find on the right page.  Without the tools these tests
skip on a developer's machine and fail in CI."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from a11y.browser import axe_script, axe_violations, chromium
from a11y.tools import ace_command, epubcheck_command
from click.testing import CliRunner
from review_samples import sample_report

from pipeline.cli import cli
from pipeline.review.html import render_report

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(cli, [
        "run", str(ROOT / "examples" / "mali-article.txt"), "--lang", "fr,ar,bm",
        "--translations", str(ROOT / "examples" / "translations"), "--out", str(out),
        "--voice", "none", "-q",
    ])
    assert result.exit_code == 0, result.output
    return out / "mali-article"


@pytest.fixture
def package(made: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(made, tmp_path / "out" / "mali-article"))


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def review(package: Path, *options: str) -> tuple[int, dict]:
    result = CliRunner().invoke(cli, ["review", str(package), "--json", "-q", *options],
                                catch_exceptions=False)
    return result.exit_code, json.loads(result.output)


@pytest.mark.parametrize("width", [1280, 320])
def test_the_report_of_every_kind_of_issue_passes_axe(browser, tmp_path, width):
    """On a desktop and on a phone, where the tables scroll in a focusable region."""
    path = tmp_path / "report.html"
    path.write_text(render_report(sample_report()), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri())
    assert axe_violations(page, axe_script()) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page itself never scrolls sideways"
    context.close()


def test_a_package_report_passes_axe(page, package):
    review(package)
    page.goto((package / "review" / "report.html").as_uri())
    assert axe_violations(page, axe_script()) == []
    assert page.locator("h2").first.inner_text() == "Summary"  # read without JavaScript


def test_every_page_and_book_is_checked_by_every_tool(package):
    epubcheck_command(), ace_command()  # skip, or fail in CI, without them
    exit_code, data = review(package, "--a11y")
    tools = {t["tool"]: t for t in data["accessibility"]["tools"]}
    pages = sorted(str(p.relative_to(package)) for p in package.glob("*/*.html")
                   if p.parent.name != "review")
    books = sorted(str(p.relative_to(package)) for p in package.glob("*/*.epub"))
    assert len(pages) == 12 and len(books) == 8
    assert tools["axe-core"]["status"] == "ran" and tools["axe-core"]["files"] == pages
    for name in ("EPUBCheck", "DAISY Ace"):
        assert tools[name]["status"] == "ran", tools[name]
        assert tools[name]["files"] == books and tools[name]["version"]
    design = [i for lang in data["languages"].values() for i in lang["issues"]
              if i["category"] == "design"]
    assert design == []
    assert exit_code == 0
    # The books' accessibility summary now names the checkers they passed; no claim.
    checkers = [f"EPUBCheck {tools['EPUBCheck']['version']}",
                f"DAISY Ace {tools['DAISY Ace']['version']}"]
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert manifest["checks"] == {lang: checkers for lang in ("ar", "bm", "en", "fr")}
    opf = _opf(package / "fr" / "article.epub")
    assert f"Vérifié automatiquement avec {checkers[0]}, {checkers[1]}." in opf
    assert "conformsTo" not in opf


def test_a_package_named_by_a_relative_path_is_checked_too(package, monkeypatch):
    """As users type it: ``kuma review output/mali-article --a11y``."""
    monkeypatch.chdir(package.parent.parent)
    exit_code, data = review(Path("out") / "mali-article", "--a11y")
    tools = {t["tool"]: t for t in data["accessibility"]["tools"]}
    assert tools["axe-core"]["status"] == "ran", tools["axe-core"]
    assert len(tools["axe-core"]["files"]) == 12 and exit_code == 0


def test_what_the_tools_find_is_reported_on_its_page_or_book(package):
    epubcheck_command(), ace_command()
    page = package / "fr" / "article.html"
    page.write_text(re.sub(r'<html lang="fr"', "<html", page.read_text("utf-8"), count=1),
                    encoding="utf-8")
    book = package / "ar" / "easy.epub"
    book.write_bytes(_with_image_without_text(book.read_bytes()))
    exit_code, data = review(package, "--a11y")
    found = {(i["page"], i["check"], i["severity"])
             for lang in data["languages"].values() for i in lang["issues"] if "page" in i}
    assert ("fr/article.html", "axe-core:html-has-lang", "major") in found
    assert ("ar/easy.epub", "ace:image-alt", "critical") in found
    assert any(p == "ar/easy.epub" and c.startswith("epubcheck:") and s == "critical"
               for p, c, s in found)
    arabic = data["languages"]["ar"]["issues"]
    assert all(i["segment"] == "" for i in arabic if i["version"] == "publication")
    assert exit_code == 4
    checks = json.loads((package / "manifest.json").read_text("utf-8"))["checks"]
    assert "ar" not in checks and len(checks["fr"]) == 2  # axe checks pages, not books
    assert "EPUBCheck" in _opf(package / "fr" / "article.epub")
    assert "EPUBCheck" not in _opf(package / "ar" / "article.epub")


def _opf(book: Path) -> str:
    with zipfile.ZipFile(book) as archive:
        return archive.read("EPUB/package.opf").decode("utf-8")


def _with_image_without_text(book: bytes) -> bytes:
    """``book`` with an image that has no text alternative (and no image file)."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        files = [(info, archive.read(info)) for info in archive.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, data in files:
            if info.filename.endswith("article.xhtml"):
                data = data.replace(b"</h1>", b'</h1><img src="missing.png"/>', 1)
            archive.writestr(info, data)
    return out.getvalue()
