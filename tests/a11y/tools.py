"""Finding the system tools the accessibility tests need, and what to do without them.

On a developer's machine without Chromium or EPUBCheck the tests that need them
are skipped with the reason; in CI (``CI=true``) they fail, so a missing install
step can never pass as green.  ``scripts/install-system-deps.sh`` installs them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

INSTALL_HINT = "run `sudo scripts/install-system-deps.sh` (Debian packages chromium, epubcheck)"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
EPUBCHECK_JARS = ("/usr/share/java/epubcheck.jar",)


def missing(what: str) -> None:
    """Skip the test for want of ``what``, or fail it when running in CI."""
    message = f"{what} is not installed: {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true: accessibility checks may not be skipped)", pytrace=False)
    pytest.skip(message)


def chromium_path() -> str:
    """Debian's Chromium (``KUMA_CHROMIUM`` overrides), or skip/fail."""
    for candidate in (os.environ.get("KUMA_CHROMIUM"), *CHROMIUM_CANDIDATES):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    missing("Chromium (/usr/bin/chromium)")
    raise AssertionError("unreachable")


def epubcheck_command() -> list[str]:
    """The command that runs EPUBCheck (``KUMA_EPUBCHECK_JAR`` overrides), or skip/fail.

    Debian installs it as a jar run through binfmt, which containers often lack, so
    it is started with ``java -jar``; a quick JIT and a small GC halve its start-up.
    """
    java = shutil.which("java")
    for jar in (os.environ.get("KUMA_EPUBCHECK_JAR"), *EPUBCHECK_JARS):
        if java and jar and Path(jar).is_file():
            return [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar]
    missing("EPUBCheck (/usr/share/java/epubcheck.jar with a Java runtime)")
    raise AssertionError("unreachable")
