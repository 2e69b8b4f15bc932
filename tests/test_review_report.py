"""The reviewer's report: its JSON shape, its HTML page, and findings as ITS data in kits."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from lxml import etree, html
from review_samples import TODAY, defective, defects, sample_report
from xliff_schemas import require_schemas, schema_errors

from pipeline.review.checks import (
    SEVERITY_ORDER,
    Category,
    Finding,
    Severity,
    check_translation,
)
from pipeline.review.html import highlighted, render_report
from pipeline.review.its import ITS_TYPES, SEVERITY, kit_issues, quality_issue
from pipeline.review.report import Issue, LanguageReport, Version
from pipeline.xliff import build_kit, read_translations
from pipeline.xliff.markup import normalize_text

ITS = "{http://www.w3.org/2005/11/its}"
XLF = "{urn:oasis:names:tc:xliff:document:2.0}"


# -- JSON ----------------------------------------------------------------------------------


def test_json_has_the_documented_shape():
    data = json.loads(sample_report().to_json())
    assert set(data) == {"package", "title", "source_lang", "date", "fail_on", "passed", "kuma",
                         "approval", "languages", "accessibility"}
    french = data["languages"]["fr"]
    assert french["segments"] == 27 and french["checked"] is True
    for issue in french["issues"]:
        assert {"segment", "check", "category", "severity", "message"} <= set(issue)
        assert issue["severity"] in ("critical", "major", "minor")
        assert issue["category"] in {c.value for c in Category}
    ranks = [SEVERITY_ORDER.index(Severity(i["severity"])) for i in french["issues"]]
    assert ranks == sorted(ranks), "most serious first"
    assert data["languages"]["bm"]["checked"] is False
    assert data["languages"]["bm"]["not_checked"][0]["check"] == "wrong-language"
    assert [t["status"] for t in data["accessibility"]["tools"]] == ["missing"] * 3


def test_the_manifest_summary_has_exactly_its_shape():
    summary = sample_report().summary()
    assert summary["date"] == TODAY and summary["fail_on"] == "critical"
    assert summary["languages"]["fr"] == {"segments": 27, "critical": 7, "major": 21,
                                          "minor": 6, "checked": True}
    assert summary["languages"]["bm"] == {"segments": 0, "critical": 0, "major": 0,
                                          "minor": 0, "checked": False}


@pytest.mark.parametrize(
    ("fail_on", "failing"),
    [(Severity.CRITICAL, 12), (Severity.MAJOR, 12 + 35), (Severity.MINOR, 12 + 35 + 13)],
)
def test_fail_on_counts_what_is_at_or_above_it(fail_on, failing):
    report = sample_report(fail_on)
    assert report.failing() == failing
    assert report.passed is False


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_finding_is_in_the_report_with_its_texts(lang):
    """Nothing the checks find is lost or moved on its way into the report."""
    examples = defects().load_examples()
    expected = check_translation(examples.source, defective(lang), examples.glossary)
    issues = [i for i in sample_report().languages[lang].issues
              if i.version.value == "translation"]
    assert [i.finding for i in issues] == expected
    sources = examples.source.segment_map()
    targets = defective(lang).segment_map()
    for issue in issues:
        assert issue.source == sources[issue.finding.segment].text
        assert issue.target == targets[issue.finding.segment].text


# -- HTML ----------------------------------------------------------------------------------


HIGHLIGHT_CASES = [
    ("Mali 2016", (5, 9), "Mali <mark>2016</mark>"),
    ("2016", (0, 4), "<mark>2016</mark>"),
    ("a <b>", (2, 5), "a <mark>&lt;b&gt;</mark>"),
    ("<script>", None, "&lt;script&gt;"),
    ("short", (3, 40), "short"),  # a span beyond the text highlights nothing
    ("short", (2, 2), "short"),
]


@pytest.mark.parametrize(("text", "span", "expected"), HIGHLIGHT_CASES)
def test_highlighted(text, span, expected):
    assert str(highlighted(text, span)) == expected


@pytest.fixture(scope="module")
def page():
    return html.fromstring(render_report(sample_report()).encode("utf-8"))


def test_the_page_needs_no_script(page):
    assert page.xpath("//script") == []
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "script-src" not in policy and "default-src 'none'" in policy


def test_the_summary_table_comes_first(page):
    first = page.xpath("//table")[0]
    assert first.xpath("caption")[0].text_content() == "Issues per language"
    rows = [row.xpath("th")[0].text_content() for row in first.xpath("tbody/tr")]
    assert rows == ["French (fr)", "Arabic (ar)", "Bambara (bm)"]
    assert "Language not checked." in first.xpath("tbody/tr")[2].text_content()


def test_issues_are_grouped_by_language_then_severity(page):
    for lang in ("fr", "ar"):
        section = page.xpath(f"//section[@aria-labelledby='lang-{lang}']")[0]
        headings = [h.get("id") for h in section.xpath("section/h3")]
        assert headings == [f"lang-{lang}-{s.value}" for s in SEVERITY_ORDER]


def test_source_and_target_are_side_by_side_in_their_language_and_direction(page):
    sides = page.xpath("//section[@aria-labelledby='lang-ar']//div[@class='pair']")[0]
    source, target = sides.xpath("div/p[@class='text']")
    assert (source.get("lang"), source.get("dir")) == ("en", "ltr")
    assert (target.get("lang"), target.get("dir")) == ("ar", "rtl")
    assert page.get("lang") == "en"


def test_the_problem_is_highlighted(page):
    number = page.xpath("//section[@aria-labelledby='lang-fr']//li[.//h4[contains(., "
                        "'p2.s1, translation: numbers')]]")[0]
    assert number.xpath(".//p[@lang='en']/mark")[0].text == "2016"


def test_what_was_not_checked_is_said(page):
    bambara = page.xpath("//section[@aria-labelledby='lang-bm']")[0].text_content()
    assert "Not checked" in bambara and "no language identifier for Bambara" in bambara
    tools = page.xpath("//table")[1].text_content()
    assert tools.count("Not installed: not checked") == 3


def test_markup_in_a_translation_is_shown_as_text():
    finding = Finding("p1.s1", "numbers", Category.ACCURACY, Severity.CRITICAL, "<b>x</b>",
                      target_span=(0, 8))
    issue = Issue(finding, Version.TRANSLATION, "1", '<script>alert("x")</script>')
    report = replace(sample_report(), languages={"fr": LanguageReport("fr", 1, [issue])})
    page = render_report(report)
    assert "<script>alert" not in page and "<mark>&lt;script&gt;</mark>alert" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


# -- ITS in the kits -----------------------------------------------------------------------


def test_every_check_has_an_its_type_from_the_its_list():
    folder = require_schemas()
    schema = etree.parse(str(folder / "its.xsd"))
    allowed = set(schema.xpath("//xs:simpleType[@name='issueType']//xs:enumeration/@value",
                               namespaces={"xs": "http://www.w3.org/2001/XMLSchema"}))
    checks = {d.check for d in defects().DEFECTS}
    assert checks <= set(ITS_TYPES)
    assert set(ITS_TYPES.values()) <= allowed


def test_a_finding_becomes_an_its_issue():
    finding = Finding("p2.s1", "numbers", Category.ACCURACY, Severity.CRITICAL,
                      "number 2016 of the source is missing from the translation")
    issue = quality_issue(finding)
    assert (issue.type, issue.severity, issue.priority) == ("numbers", 100, 1)
    assert issue.comment == ("critical accuracy (numbers): number 2016 of the source is "
                             "missing from the translation")
    assert [SEVERITY[s] for s in SEVERITY_ORDER] == [100, 50, 10]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_reviewed_kit_carries_its_issues_validates_and_reads_back(lang):
    corpus = defects()
    examples = corpus.load_examples()
    source, glossary = examples.source, examples.glossary
    target = defective(lang)
    findings = [i.finding for i in sample_report().languages[lang].issues
                if i.version.value == "translation"]
    texts = {s.id: s.text for s in target.segments()}
    states = {sid: "reviewed" for sid in texts}
    kit = build_kit(source, lang, glossary, glossary.match_document(source), texts,
                    states=states, issues=kit_issues(findings))
    assert schema_errors(kit) == ""
    root = etree.fromstring(kit)
    flagged = {f.segment for f in findings}
    for unit in root.iter(f"{XLF}unit"):
        issues = unit.findall(f"{ITS}locQualityIssues/{ITS}locQualityIssue")
        assert bool(issues) == (unit.get("id") in flagged)
        notes = unit.findall(f"{XLF}notes/{XLF}note[@category='review']")
        assert len(notes) == len(issues)
        if issues:
            mark = unit.find(f".//{XLF}mrk")
            assert mark.get(f"{ITS}locQualityIssuesRef") == f"#its=lqi-{unit.get('id')}"
    read = read_translations(kit, source)
    assert read.texts == {sid: normalize_text(t) for sid, t in texts.items() if normalize_text(t)}
    assert set(read.states.values()) == {"reviewed", "initial"}  # the emptied segment
