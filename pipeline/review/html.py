"""``review/report.html``: the report as one accessible page a reviewer reads top to bottom.

A verdict and a summary table first, then each language, its issues grouped by
severity.  Each issue shows the source and the target side by side, each in its own
language and direction, with the problem highlighted (``<mark>``, from the finding's
spans).  What could not be checked is said where it applies.  No script: the page
works in any browser, with styles allowed by hash only.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from markupsafe import Markup, escape

from pipeline.langs import Language, get_language
from pipeline.publish.html import content_security_policy
from pipeline.review.checks import SEVERITY_ORDER
from pipeline.review.report import Issue, LanguageReport, Report, ToolRun, Version

STATUS_TEXT = {"ran": "Ran", "missing": "Not installed: not checked", "failed": "Failed: not "
               "checked", "not run": "Not run"}
VERSION_LABELS = {Version.TRANSLATION: "translation", Version.EASY: "easy-to-read version",
                  Version.PUBLICATION: "publication"}
"""How an issue's heading names the version it is in."""


def render_report(report: Report) -> str:
    """The report as a standalone HTML5 page."""
    css = _template_file("report.css")
    source = get_language(report.source_lang)
    failing = report.failing()
    context: dict[str, Any] = {
        "title": report.title,
        "title_lang": source,
        "package": report.package,
        "date": report.date,
        "kuma": report.kuma,
        "fail_on": report.fail_on.value,
        "passed": report.passed,
        "verdict": _verdict(report, failing),
        "approval": _approval(report),
        "languages": [_language(report, lang) for lang in report.languages.values()],
        "a11y": report.a11y,
        "tools": [_tool(tool) for tool in report.tools],
        "css": Markup(css),
        "csp": content_security_policy(css),
    }
    return str(_environment().get_template("report.html.j2").render(**context))


def _verdict(report: Report, failing: int) -> str:
    if failing:
        noun = "issue" if failing == 1 else "issues"
        return (f"Fails: {failing} {noun} at or above {report.fail_on.value}. "
                "Do not publish before they are corrected or accepted.")
    return f"Passes: no issue at or above {report.fail_on.value}."


def _approval(report: Report) -> str:
    if report.approval:
        return (f"Accessibility approved by {report.approval['by']} on "
                f"{report.approval['date']}: the EPUBs claim WCAG 2.2 AA conformance.")
    return ("Accessibility not approved by a person: the EPUBs claim no conformance "
            "(kuma review --approve --by NAME).")


def _language(report: Report, lang: LanguageReport) -> dict[str, Any]:
    groups = []
    for severity in SEVERITY_ORDER:
        issues = [_issue(report, lang, i) for i in lang.sorted_issues() if i.severity is severity]
        if issues:
            groups.append({"severity": severity.value, "label": severity.value.capitalize(),
                           "issues": issues})
    return {
        "code": lang.lang,
        "id": f"lang-{lang.lang}",
        "name": get_language(lang.lang).name,
        "segments": lang.segments,
        "checked": lang.checked,
        "counts": {s.value: lang.count(s) for s in SEVERITY_ORDER},
        "status": lang.status,
        "not_checked": lang.not_checked,
        "gaps": [gap.check for gap in lang.not_checked],
        "groups": groups,
    }


def _issue(report: Report, lang: LanguageReport, issue: Issue) -> dict[str, Any]:
    finding = issue.finding
    where = f"Segment {finding.segment}" if finding.segment else "Whole version"
    heading = (f"{where}, {VERSION_LABELS[issue.version]}: {finding.check} "
               f"({finding.category.value})")
    if issue.page:
        kind = "Page" if issue.page.endswith(".html") else "Book"
        heading = f"{kind} {issue.page}: {finding.check} ({finding.category.value})"
    return {
        "heading": heading,
        "message": finding.message,
        "page": issue.page,
        "page_href": f"../{issue.page}",
        "sides": _sides(report, lang, issue),
    }


def _sides(report: Report, lang: LanguageReport, issue: Issue) -> list[dict[str, Any]]:
    """Source and target, side by side, each with its highlighted span."""
    if issue.page or not (issue.source or issue.target):
        return []
    target = get_language(lang.lang)
    if issue.version is Version.EASY:
        labels = (f"Original ({target.name})", f"Easy-to-read version ({target.name})")
        source = target
    else:
        source = get_language(report.source_lang)
        labels = (f"Source ({source.name})", f"Translation ({target.name})")
    finding = issue.finding
    return [
        _side(labels[0], source, issue.source, finding.source_span),
        _side(labels[1], target, issue.target, finding.target_span),
    ]


def _side(label: str, lang: Language, text: str, span: tuple[int, int] | None) -> dict[str, Any]:
    return {"label": label, "lang": lang, "text": highlighted(text, span)}


def highlighted(text: str, span: tuple[int, int] | None) -> Markup:
    """``text`` escaped, with ``span`` (start, end) in ``<mark>``; a span outside the text
    (a finding on another version of it) highlights nothing."""
    if span is None or not 0 <= span[0] < span[1] <= len(text):
        return escape(text)
    start, end = span
    return escape(text[:start]) + Markup("<mark>") + escape(text[start:end]) + Markup(
        "</mark>") + escape(text[end:])


def _tool(tool: ToolRun) -> dict[str, Any]:
    return {"tool": tool.tool, "version": tool.version, "files": tool.files,
            "status_text": STATUS_TEXT.get(tool.status, tool.status), "reason": tool.reason}


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.review", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@cache
def _template_file(name: str) -> str:
    from importlib.resources import files

    return files("pipeline.review").joinpath("templates", name).read_text(encoding="utf-8")
