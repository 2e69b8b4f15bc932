"""``kuma review``: check a package, write the reviewer's report and kits, record sign-offs.

Under the package's lock:

1. sign-offs first (``--approve``, ``--easy-checked``, each with ``--by``; see
   ``signoff``), so that every publication says so before it is checked;
2. the checks: every produced translation against the source, every easy-to-read
   version (the original's included) against the text it was made from, and with
   ``a11y`` the pages and books with axe-core, EPUBCheck and DAISY Ace (``audit``);
3. ``review/report.html``, ``review/report.json`` and each kit
   (``review/<lang>.xliff``, its segments' issues as ITS data) staged and committed
   with the summary in ``manifest.review``.

A language that cannot be read or checked is reported as such, never skipped.
The same package gives the same bytes on every run of the same day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.document import Document
from pipeline.errors import KumaError
from pipeline.glossary import Glossary, load_glossary
from pipeline.manifest import Manifest
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
from pipeline.review.checks import Severity
from pipeline.review.coverage import NotChecked, easy_gaps, translation_gaps
from pipeline.review.findings import easy_issues, translation_issues
from pipeline.review.report import LanguageReport, Report, Version
from pipeline.storage import Cache
from pipeline.usecases.audit import audit_package, not_run, record_checkers
from pipeline.usecases.existing import load_source, read_package_document
from pipeline.usecases.produce import folder, review_status
from pipeline.usecases.signoff import SignOffs, sign_off, signer

if TYPE_CHECKING:
    from pipeline.publish.status import ReviewStatus

EXIT_FINDINGS = 4
"""Exit code of ``kuma review`` when it found an issue at or above ``--fail-on``."""
REPORT_HTML = "review/report.html"
REPORT_JSON = "review/report.json"


@dataclass
class ReviewResult:
    """What ``review_package`` did."""

    package_dir: Path
    report: Report
    written: list[str] = field(default_factory=list)
    """Package files whose content changed (report, kits, publications, manifest)."""
    signed: list[str] = field(default_factory=list)
    """The sign-offs recorded this time, in words (``accessibility approved by ...``)."""

    @property
    def passed(self) -> bool:
        return self.report.passed


@dataclass
class _Versions:
    """What a package holds to be checked, read leniently: what cannot be read is said."""

    source: Document
    manifest: Manifest
    translations: dict[str, Document] = field(default_factory=dict)
    easy: dict[str, Document] = field(default_factory=dict)
    """Easy-to-read versions by language (the original's included)."""
    unreadable: dict[str, NotChecked] = field(default_factory=dict)
    """Per language, the version that could not be read and why."""


def review_package(
    package_dir: Path,
    *,
    a11y: bool = False,
    fail_on: Severity = Severity.CRITICAL,
    approve: bool = False,
    easy_checked: Sequence[str] = (),
    by: str = "",
    glossary_path: Path | None = None,
    progress: Progress = SILENT,
    cache: Cache | None = None,
    today: date | None = None,
) -> ReviewResult:
    """Review the package in ``package_dir`` (``OUT/<slug>/``); see the module docstring.

    ``approve`` records ``by``'s approval of the package's accessibility (the EPUBs then
    claim conformance); ``easy_checked`` the languages whose easy-to-read version ``by``
    checked with readers.  A sign-off without a name is refused.
    """
    day = (today or datetime.now(UTC).date()).isoformat()
    name = signer(by, approve, easy_checked)
    glossary = load_glossary(glossary_path)
    with Package(package_dir).locked(progress.step) as package:
        signed = sign_off(package, glossary, SignOffs(approve, tuple(easy_checked), name, day),
                          cache, progress)
        written = list(package.changed)
        versions = _read_versions(package)
        progress.step(f"{package.root.name}: checking")
        report = _report(package, versions, glossary, fail_on, day)
        if a11y:
            audit_package(package, report, progress)
            if not _damaged(versions):  # else it cannot be rendered again: keep what it had
                versions.manifest = record_checkers(package, versions.manifest, report,
                                                    glossary, cache, progress)
        else:
            report.tools = not_run()
        _stage(package, versions, report, glossary)
        versions.manifest.review = report.summary()
        package.commit(versions.manifest.to_dict(), versions.manifest.input.name or
                       package.root.name)
        written += package.changed
    return ReviewResult(package_dir, report, sorted(set(written)), signed)


# -- reading -----------------------------------------------------------------------------


def _read_versions(package: Package) -> _Versions:
    """The source, and every translation and easy version that can be read."""
    source, manifest = load_source(package)
    versions = _Versions(source, manifest)
    source_lang = source.lang
    for lang, entry in manifest.languages.items():
        if not entry.produced:
            why = entry.reason or "no translation yet"
            versions.unreadable[lang] = NotChecked(
                "translation", f"not translated: {why}; its kit is review/{lang}.xliff", True)
            continue
        try:
            versions.translations[lang] = read_package_document(package, f"{lang}/article.json")
        except KumaError as exc:
            versions.unreadable[lang] = NotChecked("document", str(exc), True)
    for lang in [source_lang, *versions.translations]:
        easy = _easy(package, folder(lang, source_lang))
        if easy is not None:
            versions.easy[lang] = easy
    return versions


def _damaged(versions: _Versions) -> bool:
    """True when a produced language could not be read (it cannot be rendered again)."""
    kits = {lang for lang, entry in versions.manifest.languages.items() if not entry.produced}
    return bool(versions.unreadable.keys() - kits)


def _easy(package: Package, base: str) -> Document | None:
    from pipeline.simplify import EasyDocument

    data = package.read(f"{base}/easy.json")
    if data is None:
        return None
    try:
        return EasyDocument.from_json(data.decode("utf-8")).to_document()
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


# -- checking ----------------------------------------------------------------------------


def _report(
    package: Package, versions: _Versions, glossary: Glossary, fail_on: Severity, day: str
) -> Report:
    source = versions.source
    languages = {}
    for lang in [source.lang, *versions.manifest.languages]:
        report = _language(versions, lang, glossary)
        if report is not None:
            languages[lang] = report
    approval = versions.manifest.approval
    return Report(
        package=package.root.name,
        title=source.title,
        source_lang=source.lang,
        date=day,
        fail_on=fail_on,
        kuma=__version__,
        languages=languages,
        tools=[],
        approval={"by": approval.by, "date": approval.date} if approval else None,
    )


def _language(versions: _Versions, lang: str, glossary: Glossary) -> LanguageReport | None:
    """One language's checks; None for the original when it has no easy version."""
    source = versions.source
    report = LanguageReport(lang)
    if lang in versions.unreadable:
        report.not_checked.append(versions.unreadable[lang])
        return report
    doc = versions.translations.get(lang, source if lang == source.lang else None)
    if doc is None:
        return None
    if doc is not source:
        gaps = translation_gaps(lang)
        unreliable = {gap.check for gap in gaps if gap.essential}
        report.issues += translation_issues(source, doc, glossary, unreliable)
        report.not_checked += gaps
    easy = versions.easy.get(lang)
    if easy is not None:
        report.issues += easy_issues(doc, easy, glossary)
        report.not_checked += easy_gaps(lang)
    elif doc is source:
        return None  # nothing of the original's to check
    else:
        report.not_checked.append(NotChecked(
            "easy", f"no easy-to-read version in {folder(lang, source.lang)}/ "
            "(made with --no-easy, or removed)"))
    report.segments = sum(1 for _ in doc.segments())
    status = review_status(versions.manifest, doc, source.lang)
    report.status = _status_lines(status, easy is not None)
    return report


def _status_lines(status: ReviewStatus, easy: bool) -> list[str]:
    """What people checked, in the publications' own English words."""
    from pipeline.publish.status import status_notes

    return [note.text for note in status_notes(status, "en", easy)]


# -- writing -----------------------------------------------------------------------------


def _stage(package: Package, versions: _Versions, report: Report, glossary: Glossary) -> None:
    """The report and the kits, staged in ``package``."""
    from pipeline.review.html import render_report
    from pipeline.review.its import kit_issues
    from pipeline.xliff import build_kit

    source = versions.source
    mentions = glossary.match_document(source)
    for lang, doc in versions.translations.items():
        findings = [i.finding for i in report.languages[lang].issues
                    if i.version is Version.TRANSLATION]
        entry = versions.manifest.languages[lang]
        texts = {s.id: s.text for s in doc.segments()}
        kit = build_kit(source, lang, glossary, mentions, texts, states=entry.states,
                        issues=kit_issues(findings))
        package.write(f"review/{lang}.xliff", kit)
    package.write(REPORT_JSON, report.to_json())
    package.write(REPORT_HTML, render_report(report))
