"""The summary of a batch: every document with its status, languages, term accuracy,
review findings and links, from the journal and each package's manifest.

It is what ``--json`` prints, what ``batch.json`` holds and what ``index.html`` shows.
The manifests are the truth about packages (a document skipped this time shows what
its package holds, and ``kuma review`` findings appear once it has run).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.inputs import Source
from pipeline.batch.journal import Entry, State
from pipeline.errors import KumaError
from pipeline.manifest import Manifest

EXIT_INCOMPLETE = 3
"""Exit code when some documents or languages were not produced."""
LINKED = {
    "html": "article.html",
    "easy": "easy.html",
    "audio": "article.mp3",
    "epub": "article.epub",
    "script": "script.html",
}
"""What the index links to for each language, by kind: the package's file name."""
REVIEW_REPORT = "review/report.html"


@dataclass
class LanguageSummary:
    """One language of one document."""

    lang: str
    produced: bool
    engine: str = ""
    terms_expected: int = 0
    terms_found: int = 0
    reason: str = ""
    """Why it was not produced."""
    review: dict[str, int] = field(default_factory=dict)
    """Findings of ``kuma review`` by severity (critical, major, minor), when it ran."""
    links: dict[str, str] = field(default_factory=dict)
    """Kind (``html``, ``audio``...) -> path relative to the output folder."""

    @property
    def accuracy(self) -> float | None:
        """Share of the glossary terms rendered with their glossary form."""
        return self.terms_found / self.terms_expected if self.terms_expected else None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": "produced" if self.produced else "not produced",
            "engine": self.engine,
            "terms": {"expected": self.terms_expected, "found": self.terms_found,
                      "accuracy": self.accuracy},
            "links": self.links,
        }
        if self.reason:
            data["reason"] = self.reason
        if self.review:
            data["review"] = self.review
        return data


@dataclass
class DocumentSummary:
    """One document of the batch."""

    name: str
    input: str
    state: str
    """``done``, ``failed`` or ``pending`` (the batch stopped before it)."""
    error: str = ""
    skipped: bool = False
    """Done before this run, and left as it was."""
    package: str = ""
    """Its package folder, relative to the output folder."""
    title: str = ""
    source_lang: str = ""
    languages: list[LanguageSummary] = field(default_factory=list)
    review_date: str = ""
    """When ``kuma review`` last ran on it (empty: never)."""
    review_report: str = ""
    """Path of its review report, relative to the output folder."""
    seconds: float | None = None
    attempts: int = 0
    worker: str = ""
    memory_mb: float | None = None
    """The worker's resident memory after the document."""
    peak_mb: float | None = None
    """The worker's peak resident memory until then."""
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Done, and every language produced."""
        return self.state == State.DONE and all(lang.produced for lang in self.languages)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name, "input": self.input, "status": self.state,
            "skipped": self.skipped, "package": self.package, "title": self.title,
            "source_lang": self.source_lang,
            "languages": {lang.lang: lang.to_dict() for lang in self.languages},
        }
        if self.error:
            data["error"] = self.error
        if self.review_date:
            data["review"] = {"date": self.review_date, "report": self.review_report}
        data.update(seconds=self.seconds, attempts=self.attempts, worker=self.worker,
                    memory_mb=self.memory_mb, peak_mb=self.peak_mb, notes=self.notes)
        return data


@dataclass
class BatchSummary:
    """The whole batch."""

    out: Path
    documents: list[DocumentSummary]
    settings: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What was left out of the inputs (files named twice, of other types)."""
    finished: str = field(
        default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds")
    )

    def totals(self) -> dict[str, int]:
        """Documents by outcome."""
        states = [d.state for d in self.documents]
        return {
            "documents": len(self.documents),
            "done": states.count(State.DONE),
            "failed": states.count(State.FAILED),
            "pending": states.count(State.PENDING),
            "skipped": sum(1 for d in self.documents if d.skipped),
            "incomplete": sum(1 for d in self.documents if d.state == State.DONE
                              and not d.complete),
        }

    @property
    def exit_code(self) -> int:
        """0 when every document and language was produced, else 3."""
        return 0 if all(d.complete for d in self.documents) else EXIT_INCOMPLETE

    def to_dict(self) -> dict[str, Any]:
        return {
            "kuma": __version__,
            "finished": self.finished,
            "out": str(self.out),
            "totals": self.totals(),
            "settings": self.settings,
            "notes": self.notes,
            "documents": [d.to_dict() for d in self.documents],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"


def summarise(
    out: Path,
    sources: list[Source],
    entries: dict[str, Entry],
    skipped: set[str],
    settings: dict[str, Any],
    targets: list[str],
    notes: list[str],
) -> BatchSummary:
    """The summary of the documents of this run, in name order, with the ``targets``
    languages of each."""
    documents = []
    for source in sources:
        entry = entries.get(source.name)
        if source.error or entry is None:
            documents.append(DocumentSummary(source.name, str(source.path), State.FAILED,
                                             error=source.error or "not started"))
            continue
        documents.append(_document(out, source, entry, source.name in skipped, targets))
    return BatchSummary(out, documents, settings, notes)


def _document(
    out: Path, source: Source, entry: Entry, skipped: bool, targets: list[str]
) -> DocumentSummary:
    summary = DocumentSummary(
        source.name, str(source.path), str(entry.state), error=entry.error, skipped=skipped,
        package=entry.package, seconds=entry.seconds, attempts=entry.attempts,
        worker=entry.worker, memory_mb=entry.memory_mb, peak_mb=entry.peak_mb,
        notes=entry.notes,
    )
    if entry.state == State.DONE and entry.package:
        _from_manifest(summary, out / entry.package, entry.package, targets)
    return summary


def _from_manifest(
    summary: DocumentSummary, folder: Path, package: str, targets: list[str]
) -> None:
    """Fill in what the package's manifest says."""
    try:
        manifest = Manifest.from_dict(json.loads((folder / "manifest.json").read_text("utf-8")))
    except (OSError, ValueError, KumaError):
        summary.notes.append("its manifest cannot be read")
        return
    summary.title, summary.source_lang = manifest.source.title, manifest.source.lang
    review = manifest.review.get("languages", {}) if isinstance(manifest.review, dict) else {}
    summary.review_date = str(manifest.review.get("date", "")) if manifest.review else ""
    if REVIEW_REPORT in manifest.files:
        summary.review_report = f"{package}/{REVIEW_REPORT}"
    for lang in targets:
        record = manifest.languages.get(lang)
        if record is None:
            summary.languages.append(LanguageSummary(lang, False, reason="not in its package"))
            continue
        terms = record.terms or {}
        found = review.get(lang, {}) if isinstance(review, dict) else {}
        summary.languages.append(LanguageSummary(
            lang, record.produced, engine=record.engine,
            terms_expected=int(terms.get("expected", 0)), terms_found=int(terms.get("found", 0)),
            reason=record.reason,
            review={k: int(found[k]) for k in ("critical", "major", "minor") if k in found},
            links=_links(manifest.files, package, lang),
        ))


def _links(files: dict[str, str], package: str, lang: str) -> dict[str, str]:
    return {kind: f"{package}/{lang}/{name}" for kind, name in LINKED.items()
            if f"{lang}/{name}" in files}
