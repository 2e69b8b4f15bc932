"""DAISY Ace on every book: the accessibility checker EPUB accessibility reviewers use.

Ace runs axe-core on each content document of the book and checks its accessibility
metadata; it is a Node.js program, run here through ``ace-puppeteer`` with this
machine's Chromium.  Each failed assertion becomes an issue, its impact an MQM
severity as for axe-core.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from pipeline.review.a11y.axe import IMPACTS
from pipeline.review.checks import Category, Finding, Severity
from pipeline.review.report import Issue, ToolRun, Version

TOOL = "DAISY Ace"
TIMEOUT = 300
"""Seconds one book may take."""


def check_books(root: Path, books: list[str], command: tuple[str, ...], chromium: str) -> tuple[
        ToolRun, list[Issue]]:
    """Ace (``command``, its ``ace-puppeteer``) on ``books`` (relative to ``root``)."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium}
    issues: list[Issue] = []
    version = ""
    for book in books:
        with tempfile.TemporaryDirectory(prefix="kuma-ace-") as folder:
            run = subprocess.run([*command, "-s", "-f", "-o", folder, str(root / book)],
                                 capture_output=True, text=True, timeout=TIMEOUT, env=env,
                                 check=False)
            report = _read(Path(folder) / "report.json")
        if report is None:
            detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no report"]
            return ToolRun(TOOL, "failed", f"{book}: {detail[0][:200]}"), []
        version = version or _version(report)
        issues += _issues(book, report)
    return ToolRun(TOOL, "ran", version=version, files=tuple(books)), issues


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "earl:result" in data else None


def _version(report: dict[str, Any]) -> str:
    release = report.get("earl:assertedBy", {}).get("doap:release", {})
    return str(release.get("doap:revision", "")) if isinstance(release, dict) else ""


def _issues(book: str, report: dict[str, Any]) -> list[Issue]:
    issues = []
    for subject in report.get("assertions", []):
        where = subject.get("earl:testSubject", {}).get("url", "")
        for assertion in subject.get("assertions", []):
            if assertion.get("earl:result", {}).get("earl:outcome") != "fail":
                continue
            test = assertion.get("earl:test", {})
            severity = IMPACTS.get(test.get("earl:impact", ""), Severity.MINOR)
            message = f"{test.get('dct:description', '')} ({where})"
            finding = Finding("", f"ace:{test.get('dct:title', '')}", Category.DESIGN,
                              severity, message)
            issues.append(Issue(finding, Version.PUBLICATION, page=book))
    return issues
