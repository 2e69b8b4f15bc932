"""The accessibility part of a review: the reviewers' own tools on a package's files.

``audit_package`` runs axe-core on every HTML page and EPUBCheck and DAISY Ace on every
EPUB (``pipeline.review.a11y``) and files their issues under the language of each
file.  ``record_checkers`` keeps which checkers each language's books passed, for their
accessibility summary ("Checked automatically with EPUBCheck 4.2.6"): never a
conformance claim, which only a named person's approval makes.
"""

from __future__ import annotations

from pipeline.glossary import Glossary
from pipeline.manifest import Manifest
from pipeline.package import Package
from pipeline.progress import SILENT, Progress
from pipeline.review.report import Issue, LanguageReport, Report, ToolRun
from pipeline.storage import Cache
from pipeline.usecases.existing import load_package, republish
from pipeline.usecases.produce import SOURCE_DIR


def not_run() -> list[ToolRun]:
    """Each tool, not run: the report says so."""
    from pipeline.review.a11y import TOOLS

    return [ToolRun(tool, "not run", "not asked for: run kuma review --a11y") for tool in TOOLS]


def audit_package(package: Package, report: Report, progress: Progress) -> None:
    """Run the accessibility tools on the package's pages and books; their issues go to
    the language of each file."""
    from pipeline.review.a11y import audit

    files = sorted(rel for rel in package.read_manifest().get("files", {})
                   if rel.endswith((".html", ".epub")) and not rel.startswith("review/"))
    progress.step(f"{package.root.name}: accessibility checks of {len(files)} files")
    runs, issues = audit(package.root, files)
    report.a11y, report.tools = True, runs
    for issue in issues:
        _language_of(report, issue).issues.append(issue)


def _language_of(report: Report, issue: Issue) -> LanguageReport:
    lang = _file_language(report, issue.page)
    if lang not in report.languages:
        report.languages[lang] = LanguageReport(lang)
    return report.languages[lang]


def _file_language(report: Report, relative: str) -> str:
    top = relative.split("/", 1)[0]
    return report.source_lang if top == SOURCE_DIR else top


BOOK_CHECKERS = {"EPUBCheck": "epubcheck:", "DAISY Ace": "ace:"}
"""The checkers of the EPUBs, and the prefix of their issues' check names."""


def books_passed(report: Report) -> dict[str, list[str]]:
    """Per language, the book checkers that ran on all its EPUBs and found nothing
    (``EPUBCheck 4.2.6``): what its books' accessibility summary may say."""
    passed: dict[str, list[str]] = {}
    for tool in report.tools:
        prefix = BOOK_CHECKERS.get(tool.tool)
        if prefix is None or tool.status != "ran":
            continue
        for lang in sorted({_file_language(report, book) for book in tool.files}):
            issues = report.languages[lang].issues if lang in report.languages else []
            if not any(i.finding.check.startswith(prefix) for i in issues):
                passed.setdefault(lang, []).append(f"{tool.tool} {tool.version}".strip())
    return passed


def record_checkers(
    package: Package,
    manifest: Manifest,
    report: Report,
    glossary: Glossary,
    cache: Cache | None = None,
    progress: Progress = SILENT,
) -> Manifest:
    """Keep in the manifest which checkers each language's books passed and, when that
    changed, render the books again so that their accessibility summary says so; the
    manifest as it now is."""
    passed = books_passed(report)
    if passed == manifest.checks:
        return manifest
    contents = load_package(package)
    contents.manifest.checks = passed
    progress.step(f"{package.root.name}: publishing again with the checks passed")
    republish(package, contents, glossary, cache, progress)
    return contents.manifest
