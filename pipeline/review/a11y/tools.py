"""Where the accessibility tools are on this machine, or why they are not.

Each tool is looked for in an environment variable first, then where
``scripts/install-system-deps.sh`` puts it:

- Chromium (for axe-core and DAISY Ace): ``KUMA_CHROMIUM``, else ``/usr/bin/chromium``
  or ``chromium`` on the PATH;
- EPUBCheck: ``KUMA_EPUBCHECK_JAR``, else ``/usr/share/java/epubcheck.jar``, run by
  ``java``;
- DAISY Ace: ``KUMA_ACE`` (its ``ace-puppeteer``, or the folder it was installed in
  with ``npm install --prefix``), else ``ace-puppeteer`` on the PATH, else
  ``/opt/kuma/ace``; it runs on Node.js and drives Chromium.

axe-core itself comes with the ``a11y`` extra (``axe-playwright-python`` ships
``axe.min.js``; Playwright drives the browser).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

INSTALL_HINT = "run scripts/install-system-deps.sh"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
EPUBCHECK_JARS = ("/usr/share/java/epubcheck.jar",)
ACE_FOLDERS = ("/opt/kuma/ace",)
"""Folders ``npm install --prefix`` put DAISY Ace in."""
ACE_BIN = Path("node_modules") / ".bin" / "ace-puppeteer"


@dataclass(frozen=True)
class Found:
    """A tool's command, or why there is none."""

    command: tuple[str, ...] = ()
    missing: str = ""
    """Why the tool cannot run here (empty when it can)."""

    def __bool__(self) -> bool:
        return bool(self.command)


def chromium() -> Found:
    """Chromium (``KUMA_CHROMIUM`` overrides)."""
    candidates = [os.environ.get("KUMA_CHROMIUM"), *CHROMIUM_CANDIDATES, shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Found((candidate,))
    return Found(missing=f"Chromium not found (set KUMA_CHROMIUM, or {INSTALL_HINT})")


def axe() -> Found:
    """Chromium driven by Playwright, with axe-core: the command is the browser's path."""
    for module, package in (("playwright", "playwright"),
                            ("axe_playwright_python", "axe-playwright-python")):
        if find_spec(module) is None:
            return Found(missing=f"the Python package {package} is not installed "
                                 "(pip install 'kuma[a11y]')")
    return chromium()


def epubcheck() -> Found:
    """``java -jar epubcheck.jar`` (``KUMA_EPUBCHECK_JAR`` overrides the jar).

    Debian installs EPUBCheck as a jar run through binfmt, which containers often lack,
    so it is started with ``java``; a quick JIT and a small GC halve its start-up.
    """
    java = shutil.which("java")
    if java is None:
        return Found(missing=f"EPUBCheck needs a Java runtime, and there is none ({INSTALL_HINT})")
    for jar in (os.environ.get("KUMA_EPUBCHECK_JAR"), *EPUBCHECK_JARS):
        if jar and Path(jar).is_file():
            return Found((java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar))
    return Found(missing=f"EPUBCheck not found (set KUMA_EPUBCHECK_JAR, or {INSTALL_HINT})")


def ace() -> Found:
    """DAISY Ace's command-line checker that drives Chromium (``ace-puppeteer``)."""
    given = os.environ.get("KUMA_ACE")
    candidates = [Path(given), Path(given) / ACE_BIN] if given else []
    found = shutil.which("ace-puppeteer")
    candidates += [Path(found)] if found else []
    candidates += [Path(folder) / ACE_BIN for folder in ACE_FOLDERS]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            browser = chromium()
            if not browser:
                return Found(missing=f"DAISY Ace needs {browser.missing}")
            if shutil.which("node") is None:
                return Found(missing=f"DAISY Ace needs Node.js, and there is none ({INSTALL_HINT})")
            return Found((str(candidate),))
    return Found(missing=f"DAISY Ace not found (set KUMA_ACE, or {INSTALL_HINT})")
