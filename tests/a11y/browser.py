"""Headless Chromium through Playwright, and axe-core run inside the page.

Playwright cannot download its own browsers here, so it drives Debian's Chromium.
axe-core comes from the ``axe-playwright-python`` wheel, which ships ``axe.min.js``;
it is injected through the DevTools protocol, which the pages' content security
policy (no script at all) does not apply to.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from a11y.tools import chromium_path, missing

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""axe-core rule tags of WCAG 2.0, 2.1 and 2.2 levels A and AA."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright ``Browser``)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("the Python package playwright (pip install playwright)")
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_script() -> str:
    """The source of axe-core (``axe.min.js``) shipped by ``axe-playwright-python``."""
    try:
        import axe_playwright_python
    except ImportError:
        missing("the Python package axe-playwright-python (it ships axe-core)")
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
