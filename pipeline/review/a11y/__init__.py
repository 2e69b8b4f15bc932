"""Accessibility checks of a package's publications with the reviewers' own tools.

``audit(root, files)`` runs axe-core (WCAG 2.2 A/AA, in headless Chromium) on every
HTML page, and EPUBCheck and DAISY Ace on every EPUB, and returns what each tool did
(``ToolRun``: ran, missing, failed) with the issues they found, each on its page or
book.  A tool that is not on this machine is reported as missing, and one that breaks
as failed, each with the reason: never as a pass, and never stopping the review.
``tools`` says where each is looked for.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import describe
from pipeline.review.a11y import tools
from pipeline.review.report import Issue, ToolRun

TOOLS = ("axe-core", "EPUBCheck", "DAISY Ace")


def audit(root: Path, files: list[str]) -> tuple[list[ToolRun], list[Issue]]:
    """Every tool on the pages and books among ``files`` (relative to ``root``)."""
    pages = [f for f in files if f.endswith(".html")]
    books = [f for f in files if f.endswith(".epub")]
    runs: list[ToolRun] = []
    issues: list[Issue] = []
    for tool, run in (("axe-core", lambda: _axe(root, pages)),
                      ("EPUBCheck", lambda: _epubcheck(root, books)),
                      ("DAISY Ace", lambda: _ace(root, books))):
        try:
            found, more = run()
        except Exception as exc:  # noqa: BLE001 - a tool that breaks is reported, not fatal
            found, more = ToolRun(tool, "failed", describe(exc)), []
        runs.append(found)
        issues += more
    return runs, issues


def _axe(root: Path, pages: list[str]) -> tuple[ToolRun, list[Issue]]:
    from pipeline.review.a11y import axe

    found = tools.axe()
    if not found:
        return ToolRun(axe.TOOL, "missing", found.missing), []
    return axe.check_pages(root, pages, found.command[0])


def _epubcheck(root: Path, books: list[str]) -> tuple[ToolRun, list[Issue]]:
    from pipeline.review.a11y import epubcheck

    found = tools.epubcheck()
    if not found:
        return ToolRun(epubcheck.TOOL, "missing", found.missing), []
    return epubcheck.check_books(root, books, found.command)


def _ace(root: Path, books: list[str]) -> tuple[ToolRun, list[Issue]]:
    from pipeline.review.a11y import ace

    found = tools.ace()
    if not found:
        return ToolRun(ace.TOOL, "missing", found.missing), []
    return ace.check_books(root, books, found.command, tools.chromium().command[0])
