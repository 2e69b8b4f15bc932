"""Reports for the review tests, made from the example translations with seeded defects.

``defective(lang)`` is the example translation with every seeded defect of that
language applied at once (the first one on each segment), so that a report holds
issues of every kind, in every severity, in left-to-right and right-to-left text.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from pipeline.document import Document
from pipeline.review.checks import Severity
from pipeline.review.coverage import NotChecked
from pipeline.review.findings import easy_issues, translation_issues
from pipeline.review.report import LanguageReport, Report, ToolRun

TODAY = "2026-03-01"


def defects() -> ModuleType:
    """``tests/data/review_defects.py``, the seeded-defects corpus."""
    if "review_defects" not in sys.modules:
        path = Path(__file__).parent / "data" / "review_defects.py"
        spec = importlib.util.spec_from_file_location("review_defects", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["review_defects"] = module
        spec.loader.exec_module(module)
    return sys.modules["review_defects"]


@cache
def defective(lang: str) -> Document:
    """The ``lang`` example translation with its seeded translation defects."""
    corpus = defects()
    examples = corpus.load_examples()
    texts = {s.id: s.text for s in examples.targets[lang].segments()}
    changed: set[str] = set()
    for defect in corpus.DEFECTS:
        side = defect.change.side
        if defect.lang != lang or side != "target" or defect.segment in changed:
            continue
        texts[defect.segment] = defect.change.edit(texts[defect.segment], examples, lang,
                                                   defect.segment)
        changed.add(defect.segment)
    return examples.source.with_texts(lang, texts, "human")


@cache
def sample_report(fail_on: Severity = Severity.CRITICAL) -> Report:
    """A report on the defective French and Arabic translations (with the French easy
    version), Bambara not checked, and the accessibility tools not run."""
    examples = defects().load_examples()
    source, glossary = examples.source, examples.glossary
    languages = {}
    for lang in ("fr", "ar"):
        report = LanguageReport(lang, segments=sum(1 for _ in source.segments()))
        report.issues = translation_issues(source, defective(lang), glossary)
        report.status = ["Translated by a person, not yet reviewed."]
        languages[lang] = report
    languages["fr"].issues += easy_issues(examples.targets["fr"], examples.easy_version("fr"),
                                          glossary)
    languages["bm"] = LanguageReport("bm", not_checked=[
        NotChecked("wrong-language", "no language identifier for Bambara", essential=True)])
    tools = [ToolRun(name, "missing", f"{name} is not installed")
             for name in ("axe-core", "EPUBCheck", "DAISY Ace")]
    return Report("mali-article", source.title, source.lang, TODAY, fail_on, "0.1.0",
                  languages, tools, a11y=True)
