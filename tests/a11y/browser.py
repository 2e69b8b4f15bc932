"""Headless Chromium through Playwright, and axe-core run inside the page: the product's
own code (``pipeline.review.a11y.axe``), with the tests' skip-or-fail when a tool is missing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from a11y.tools import chromium_path, missing
from pipeline.review.a11y import axe
from pipeline.review.a11y.axe import CHROMIUM_ARGS, WCAG_TAGS, axe_version, axe_violations

__all__ = ["CHROMIUM_ARGS", "WCAG_TAGS", "axe_script", "axe_version", "axe_violations",
           "chromium"]


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium browser (Playwright ``Browser``)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the Python package playwright (pip install playwright)")
    with axe.chromium(chromium_path()) as browser:
        yield browser


def axe_script() -> str:
    """The source of axe-core (``axe.min.js``) shipped by ``axe-playwright-python``."""
    try:
        return axe.axe_script()
    except ImportError:
        missing("the Python package axe-playwright-python (it ships axe-core)")
        raise
