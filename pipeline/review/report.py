"""The reviewer's report: findings per language, what could not be checked, and the verdict.

``Report.to_dict`` is the documented JSON shape of ``review/report.json`` and of
``kuma review --json``::

    {"package": "mali-article", "title": "...", "source_lang": "en",
     "date": "2026-11-29", "fail_on": "critical", "passed": true, "kuma": "0.1.0",
     "approval": {"by": "Awa Traoré", "date": "2026-11-29"} | null,
     "languages": {"fr": {"name": "French", "segments": 27, "checked": true,
                          "critical": 0, "major": 1, "minor": 3,
                          "status": ["Machine translation, not yet reviewed by a person."],
                          "not_checked": [{"check": "easy-verb", "reason": "..."}],
                          "issues": [{"segment": "p3.s2", "check": "numbers",
                                      "category": "accuracy", "severity": "critical",
                                      "message": "...", "version": "translation",
                                      "source": "...", "target": "...",
                                      "source_span": [4, 6], "target_span": [0, 3]}]}},
     "accessibility": {"requested": false,
                       "tools": [{"tool": "axe-core", "status": "not run", ...}]}}

An issue's ``version`` is ``translation``, ``easy`` (the language's easy-to-read
version) or ``publication`` (a page or book, named by ``page``, found by an
accessibility tool).  ``Report.summary`` is what the manifest keeps of it.
Nothing in it depends on the time of day or the machine, so an unchanged package
gives the same bytes every time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipeline.langs import get_language
from pipeline.review.checks import SEVERITY_ORDER, Finding, Severity
from pipeline.review.coverage import NotChecked


class Version(StrEnum):
    """What an issue was found in."""

    TRANSLATION = "translation"
    EASY = "easy"
    PUBLICATION = "publication"


@dataclass(frozen=True)
class Issue:
    """A finding placed in its language version, with the texts a reviewer compares."""

    finding: Finding
    version: Version
    source: str = ""
    """The source segment (translation), the original segment (easy version), or ``""``."""
    target: str = ""
    """The translated segment, the easy sentence(s), or ``""``."""
    page: str = ""
    """The page or book (package-relative path) of a publication's issue."""

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    def to_dict(self) -> dict[str, Any]:
        data = self.finding.to_dict()
        data["version"] = self.version.value
        if self.page:
            data["page"] = self.page
        else:
            data.update(source=self.source, target=self.target)
        return data


@dataclass
class LanguageReport:
    """Everything found in one language: its translation, easy version and publications."""

    lang: str
    segments: int = 0
    """Segments checked (0 when the language could not be checked)."""
    issues: list[Issue] = field(default_factory=list)
    not_checked: list[NotChecked] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    """What people have checked, as the publications say it (English)."""

    @property
    def checked(self) -> bool:
        """False when the language could not be checked (unreadable, or no identifier)."""
        return not any(gap.essential for gap in self.not_checked)

    def count(self, severity: Severity) -> int:
        return sum(1 for issue in self.issues if issue.severity is severity)

    def sorted_issues(self) -> list[Issue]:
        """Most serious first; translation, easy version, then publications; in document
        order within each (the checks report in document order)."""
        versions = list(Version)
        return sorted(self.issues, key=lambda i: (SEVERITY_ORDER.index(i.severity),
                                                  versions.index(i.version)))

    def to_dict(self) -> dict[str, Any]:
        counts = {s.value: self.count(s) for s in SEVERITY_ORDER}
        return {
            "name": get_language(self.lang).name,
            "segments": self.segments,
            "checked": self.checked,
            **counts,
            "status": list(self.status),
            "not_checked": [gap.to_dict() for gap in self.not_checked],
            "issues": [issue.to_dict() for issue in self.sorted_issues()],
        }


@dataclass(frozen=True)
class ToolRun:
    """What one accessibility tool did on the package's pages or books."""

    tool: str
    """``axe-core``, ``EPUBCheck`` or ``DAISY Ace``."""
    status: str
    """``ran``, ``missing`` (not on this machine), ``failed``, or ``not run``."""
    reason: str = ""
    """Why it did not run, or how it failed."""
    version: str = ""
    files: tuple[str, ...] = ()
    """The package files it checked."""

    def to_dict(self) -> dict[str, Any]:
        return {"tool": self.tool, "status": self.status, "version": self.version,
                "reason": self.reason, "files": list(self.files)}


@dataclass
class Report:
    """The review of one package."""

    package: str
    title: str
    source_lang: str
    date: str
    """The day of the review (ISO 8601): the only time in the report."""
    fail_on: Severity
    kuma: str
    languages: dict[str, LanguageReport]
    tools: list[ToolRun]
    a11y: bool = False
    """True when the accessibility tools were asked for (``--a11y``)."""
    approval: dict[str, str] | None = None
    """``{"by", "date"}`` of the named accessibility approval, if any."""

    def failing(self) -> int:
        """How many issues are at or above ``fail_on``."""
        worst = SEVERITY_ORDER[: SEVERITY_ORDER.index(self.fail_on) + 1]
        return sum(lang.count(s) for lang in self.languages.values() for s in worst)

    @property
    def passed(self) -> bool:
        return self.failing() == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "title": self.title,
            "source_lang": self.source_lang,
            "date": self.date,
            "fail_on": self.fail_on.value,
            "passed": self.passed,
            "kuma": self.kuma,
            "approval": self.approval,
            "languages": {code: lang.to_dict() for code, lang in self.languages.items()},
            "accessibility": {"requested": self.a11y,
                              "tools": [tool.to_dict() for tool in self.tools]},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def summary(self) -> dict[str, Any]:
        """What the manifest keeps (``manifest.review``)."""
        languages = {
            code: {"segments": lang.segments,
                   **{s.value: lang.count(s) for s in SEVERITY_ORDER},
                   "checked": lang.checked}
            for code, lang in self.languages.items()
        }
        return {"date": self.date, "fail_on": self.fail_on.value, "languages": languages}
