"""``index.html`` and ``batch.json`` in the output folder: the batch at a glance.

The page is a table a screen reader can walk (a caption, column and row headers),
one row per document: its title and file, its status (in words, not only colour) and
why it failed, and for each language whether it was produced, its term accuracy,
what ``kuma review`` found, and links to the page, audio, book, easy-to-read page and
read-aloud script.  Like the publications it has no script and loads nothing from
elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.batch.summary import BatchSummary, DocumentSummary, LanguageSummary
from pipeline.langs import Language, get_language
from pipeline.storage import write_atomic

INDEX = "index.html"
SUMMARY = "batch.json"
LINK_TEXT = {"html": "page", "easy": "easy to read", "audio": "audio",
             "epub": "book (EPUB)", "script": "script"}
STATUS = {"done": "Done", "failed": "Failed", "pending": "Not made yet"}
ADVICE = {
    "failed": "Nothing was made. Fix the file (or replace it), then run the same command "
    "again with --retry-failed.",
    "pending": "The batch stopped before this document. Run the same command again to go on.",
}


@dataclass
class Cell:
    """One language of one document, as shown."""

    language: str
    text: str = ""
    missing: bool = False
    lines: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)


def write_reports(summary: BatchSummary, languages: list[str]) -> None:
    """Write ``batch.json`` and ``index.html`` in the summary's output folder."""
    write_atomic(summary.out / SUMMARY, summary.to_json())
    write_atomic(summary.out / INDEX, render_index(summary, languages))


def render_index(summary: BatchSummary, languages: list[str]) -> str:
    """The index page of ``summary`` with a column per language of ``languages``."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    from pipeline.publish.html import content_security_policy

    css = _stylesheet()
    environment = Environment(loader=PackageLoader("pipeline.batch", "templates"),
                              autoescape=True, undefined=StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)
    targets = [get_language(code) for code in languages]
    context: dict[str, Any] = {
        "csp": content_security_policy(css),
        "css": css,
        "heading": _heading(summary),
        "version": summary.to_dict()["kuma"],
        "finished": summary.finished.replace("T", " ").replace("+00:00", " UTC"),
        "languages": targets,
        "totals": _totals(summary),
        "notes": summary.notes,
        "failures": [d for d in summary.documents if d.state != "done"],
        "rows": [_row(doc, targets) for doc in summary.documents],
    }
    return environment.get_template("index.html.j2").render(**context)


def _heading(summary: BatchSummary) -> str:
    totals = summary.totals()
    n = totals["documents"]
    parts = [f"{totals['done']} done"]
    if totals["failed"] or totals["pending"]:
        parts.append(f"{totals['failed'] + totals['pending']} not made")
    return f"Batch of {n} document{'s' * (n != 1)}: {', '.join(parts)}"


def _totals(summary: BatchSummary) -> list[str]:
    totals = summary.totals()
    lines = [f"{totals['documents']} documents", f"{totals['done']} done"]
    if totals["incomplete"]:
        lines.append(f"{totals['incomplete']} with a language not produced")
    if totals["failed"]:
        lines.append(f"{totals['failed']} failed")
    if totals["pending"]:
        lines.append(f"{totals['pending']} not made yet")
    if totals["skipped"]:
        lines.append(f"{totals['skipped']} already done before this run")
    return lines


def _row(doc: DocumentSummary, targets: list[Language]) -> dict[str, Any]:
    by_lang = {lang.lang: lang for lang in doc.languages}
    status = STATUS.get(doc.state, doc.state)
    if doc.state == "done" and not doc.complete:
        status = "Done, some languages missing"
    detail = "made before this run" if doc.skipped else ""
    return {
        "name": doc.name, "title": doc.title,
        "title_lang": get_language(doc.source_lang).bcp47 if doc.source_lang else "",
        "package": doc.package if doc.state == "done" else "",
        "review_report": doc.review_report,
        "status": status, "error": doc.error, "detail": detail,
        "css": "done" if doc.complete else "failed",
        "advice": ADVICE.get(doc.state, ""),
        "cells": [_cell(by_lang.get(t.code), t) for t in targets] if doc.state == "done" else [],
    }


def _cell(lang: LanguageSummary | None, language: Language) -> Cell:
    cell = Cell(language.name)
    if lang is None or not lang.produced:
        cell.text, cell.missing = "Not produced", True
        if lang is not None and lang.reason:
            cell.lines.append(plain_reason(lang.reason))
        cell.lines.append(f"a translator can translate it in review/{language.code}.xliff")
        return cell
    cell.text = f"Produced ({lang.engine})" if lang.engine else "Produced"
    if lang.accuracy is not None:
        cell.lines.append(
            f"terms {lang.terms_found} of {lang.terms_expected} ({lang.accuracy:.0%})"
        )
    else:
        cell.lines.append("no glossary terms")
    if lang.review:
        found = ", ".join(f"{lang.review.get(k, 0)} {k}" for k in ("critical", "major", "minor"))
        cell.lines.append(f"review: {found}")
    cell.links = [{"href": href, "text": LINK_TEXT[kind]} for kind, href in lang.links.items()]
    return cell


MISSING_MODEL = ("is not on this machine", "not installed", "no model")
"""What an engine's reason says when its model or library is not on this computer."""


def plain_reason(reason: str) -> str:
    """Why a language was not made, in the words of the people who read the index (NGO
    staff, not whoever installs Kuma: the engines' own reasons, with the commands that
    would fix them, are in ``batch.json`` and each package's manifest)."""
    text = reason.lower()
    if re.search(r"has \d+ of \d+ segments translated", text):
        return "its translation is not finished"
    if any(words in text for words in MISSING_MODEL):
        return ("no translation model for this language is installed on this computer "
                "(the details are in batch.json)")
    if "does not serve" in text or "no engine serves" in text:
        return "no translation engine here translates into this language"
    return "no translation could be made (the details are in batch.json)"


@cache
def _stylesheet() -> str:
    from importlib.resources import files

    return files("pipeline.batch").joinpath("templates", "index.css").read_text("utf-8")


def index_path(out: Path) -> Path:
    """Where the index page of the batch in ``out`` is."""
    return out / INDEX
