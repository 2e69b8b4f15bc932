"""EPUBCheck on every book: the conformance checker distributors and reading systems trust.

The books are checked in one Java process (``EpubCheckBatch.java``, run by Java's
single-file source launcher): loading EPUBCheck's schemas takes most of a check's
time.  A Java runtime that cannot run it falls back to one process per book.
Fatal errors and errors are critical (distributors refuse such a book), warnings
minor; usage notes are not reported.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from pipeline.review.checks import Category, Finding, Severity
from pipeline.review.report import Issue, ToolRun, Version

TOOL = "EPUBCheck"
BATCH = Path(__file__).with_name("EpubCheckBatch.java")
SEVERITIES = {"FATAL": Severity.CRITICAL, "ERROR": Severity.CRITICAL,
              "WARNING": Severity.MINOR}
TIMEOUT = 900
"""Seconds the whole batch may take."""


def check_books(root: Path, books: list[str], command: tuple[str, ...]) -> tuple[
        ToolRun, list[Issue]]:
    """EPUBCheck on ``books`` (relative to ``root``) with ``command`` (``java ... -jar JAR``)."""
    java, *options, _, jar = command
    with tempfile.TemporaryDirectory(prefix="kuma-epubcheck-") as folder:
        outputs = [Path(folder) / f"{n}.json" for n in range(len(books))]
        pairs = [str(p) for book, out in zip(books, outputs, strict=True)
                 for p in (root / book, out)]
        batch = subprocess.run([java, *options, "-cp", jar, str(BATCH), *pairs],
                               capture_output=True, timeout=TIMEOUT, check=False)
        if batch.returncode != 0:
            for book, out in zip(books, outputs, strict=True):
                subprocess.run([java, *options, "-jar", jar, str(root / book), "--json",
                                str(out)], capture_output=True, timeout=TIMEOUT, check=False)
        reports = [_read(out) for out in outputs]
    read = {book: report for book, report in zip(books, reports, strict=True) if report}
    unread = [book for book in books if book not in read]
    if unread:
        return ToolRun(TOOL, "failed", f"no report on {', '.join(unread)}"), []
    version = next((str(r["checker"].get("checkerVersion", "")) for r in read.values()), "")
    issues = [issue for book, report in read.items() for issue in _issues(book, report)]
    return ToolRun(TOOL, "ran", version=version, files=tuple(books)), issues


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and "checker" in data else None


def _issues(book: str, report: dict[str, Any]) -> list[Issue]:
    issues = []
    for message in report.get("messages", []):
        severity = SEVERITIES.get(message.get("severity", ""))
        if severity is None:
            continue
        where = ", ".join(
            f"{loc.get('path')}:{loc.get('line')}" for loc in message.get("locations", [])[:3]
        )
        text = f"{message.get('message', '')}" + (f" ({where})" if where else "")
        finding = Finding("", f"epubcheck:{message.get('ID', '')}", Category.DESIGN, severity,
                          text)
        issues.append(Issue(finding, Version.PUBLICATION, page=book))
    return issues
