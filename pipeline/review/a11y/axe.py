"""axe-core in headless Chromium, through Playwright: WCAG 2.2 A and AA on every page.

Playwright drives Chromium on this machine (it never downloads a browser).  axe-core
comes from the ``axe-playwright-python`` wheel, which ships ``axe.min.js``; it is run
through the DevTools protocol, to which the pages' content security policy (no script
at all) does not apply.  axe's impacts become MQM severities: critical stays
critical, serious is major, moderate and minor are minor.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.review.checks import Category, Finding, Severity
from pipeline.review.report import Issue, ToolRun, Version

TOOL = "axe-core"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""axe-core rule tags of WCAG 2.0, 2.1 and 2.2 levels A and AA."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
IMPACTS = {"critical": Severity.CRITICAL, "serious": Severity.MAJOR,
           "moderate": Severity.MINOR, "minor": Severity.MINOR}
MAX_TARGETS = 3
"""Elements named in an issue's message (the rest are counted)."""


@contextmanager
def chromium(executable: str) -> Iterator[Any]:
    """A headless Chromium browser (a Playwright ``Browser``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_script() -> str:
    """The source of axe-core (``axe.min.js``) shipped by ``axe-playwright-python``."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_violations(page: Any, script: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.2 A/AA violations on ``page``, as ``{id, impact, help, targets}``."""
    page.evaluate(script)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]],
        }
        for v in result["violations"]
    ]


def axe_version(page: Any) -> str:
    """Version of the axe-core injected into ``page``."""
    return str(page.evaluate("axe.version"))


def check_pages(root: Path, pages: list[str], executable: str) -> tuple[ToolRun, list[Issue]]:
    """axe-core on ``pages`` (paths relative to ``root``): what it did, and its issues.

    The browser runs in a thread of its own: Playwright's sync API refuses to start where
    an event loop already runs (a notebook, or a caller that drives a browser itself).
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_check_pages, root, pages, executable).result()


def _check_pages(root: Path, pages: list[str], executable: str) -> tuple[ToolRun, list[Issue]]:
    script = axe_script()
    issues: list[Issue] = []
    version = ""
    with chromium(executable) as browser:
        context = browser.new_context()
        page = context.new_page()
        for name in pages:
            page.goto((root / name).absolute().as_uri())
            issues += [_issue(name, v) for v in axe_violations(page, script)]
            version = version or axe_version(page)
        context.close()
    return ToolRun(TOOL, "ran", version=version, files=tuple(pages)), issues


def _issue(page: str, violation: dict[str, Any]) -> Issue:
    targets = [" ".join(map(str, t)) if isinstance(t, list) else str(t)
               for t in violation["targets"]]
    shown = ", ".join(targets[:MAX_TARGETS])
    more = f" and {len(targets) - MAX_TARGETS} more" if len(targets) > MAX_TARGETS else ""
    message = f"{violation['help']} ({shown}{more})"
    severity = IMPACTS.get(violation.get("impact") or "", Severity.MINOR)
    finding = Finding("", f"{TOOL}:{violation['id']}", Category.DESIGN, severity, message)
    return Issue(finding, Version.PUBLICATION, page=page)
