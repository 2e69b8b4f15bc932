"""Finding the system tools the accessibility tests need, and what to do without them.

The tools are found by the product's own finder (``pipeline.review.a11y.tools``).  On a
developer's machine without Chromium, EPUBCheck or DAISY Ace the tests that need them
are skipped with the reason; in CI (``CI=true``) they fail, so a missing install step
can never pass as green.  ``scripts/install-system-deps.sh`` installs them.
"""

from __future__ import annotations

import os

import pytest

from pipeline.review.a11y import tools as finder

INSTALL_HINT = "run `sudo scripts/install-system-deps.sh` (chromium, epubcheck, DAISY Ace)"


def missing(what: str) -> None:
    """Skip the test for want of ``what``, or fail it when running in CI."""
    message = f"{what} is not installed: {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: accessibility checks may not be skipped)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    """Chromium (``KUMA_CHROMIUM`` overrides), or skip/fail."""
    found = finder.chromium()
    if not found:
        missing(f"Chromium ({found.missing})")
    return found.command[0]


def epubcheck_command() -> list[str]:
    """The command that runs EPUBCheck (``KUMA_EPUBCHECK_JAR`` overrides), or skip/fail."""
    found = finder.epubcheck()
    if not found:
        missing(f"EPUBCheck ({found.missing})")
    return list(found.command)


def ace_command() -> list[str]:
    """DAISY Ace's ``ace-puppeteer`` (``KUMA_ACE`` overrides), or skip/fail."""
    found = finder.ace()
    if not found:
        missing(f"DAISY Ace ({found.missing})")
    return list(found.command)
