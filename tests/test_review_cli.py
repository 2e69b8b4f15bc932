"""``kuma review`` on packages made by ``kuma run`` from the example article: exit codes,
the JSON it prints, the files it writes, and the bad inputs a reviewer meets."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from xliff_schemas import schema_errors

from pipeline.cli import cli
from pipeline.document import Document
from pipeline.review.a11y import tools as finder
from pipeline.usecases.review import review_package

ROOT = Path(__file__).resolve().parent.parent
ITS = b"http://www.w3.org/2005/11/its"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in French, Arabic and Bambara (Dyula has only its kit), no audio."""
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(cli, [
        "run", str(ROOT / "examples" / "mali-article.txt"), "--lang", "fr,ar,bm,dyu",
        "--translations", str(ROOT / "examples" / "translations"), "--out", str(out),
        "--voice", "none", "-q",
    ])
    assert result.exit_code == 3, result.output  # Dyula: kit only
    return out / "mali-article"


@pytest.fixture
def package(made: Path, tmp_path: Path) -> Path:
    """A copy of the package for one test."""
    return Path(shutil.copytree(made, tmp_path / "out" / "mali-article"))


def review(package: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["review", str(package), "-q", *options],
                                catch_exceptions=False)
    return result.exit_code, result.output


def drop_number(package: Path) -> None:
    """Seed a critical defect: the French p2.s1 loses the year 2016."""
    path = package / "fr" / "article.json"
    doc = Document.from_json(path.read_text(encoding="utf-8"))
    text = doc.segment_map()["p2.s1"].text
    assert "2016" in text
    changed = doc.with_texts("fr", {**{s.id: s.text for s in doc.segments()},
                                    "p2.s1": text.replace("le 25 juin 2016", "le 25 juin")},
                             "human")
    path.write_text(changed.to_json(), encoding="utf-8")


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- exit codes ----------------------------------------------------------------------------


EXIT_CASES = [
    ("clean", "critical", 0),
    ("clean", "major", 4),  # the easy versions keep a few sentences over 20 words
    ("number dropped", "critical", 4),
    ("number dropped", "minor", 4),
]


@pytest.mark.parametrize(("state", "fail_on", "code"), EXIT_CASES)
def test_exit_code_says_whether_something_at_or_above_fail_on_was_found(
    package, state, fail_on, code
):
    if state == "number dropped":
        drop_number(package)
    exit_code, output = review(package, "--fail-on", fail_on)
    assert exit_code == code, output
    verdict = output.strip().splitlines()[-2]
    assert verdict.startswith("  result: FAILS" if code else "  result: passes"), output


def test_help_documents_the_exit_codes():
    result = CliRunner().invoke(cli, ["review", "--help"])
    assert result.exit_code == 0
    for line in ("Exit codes:", "0  nothing at or above --fail-on", "4  an issue at or above",
                 "1  error"):
        assert line in result.output


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--approve"], "a sign-off needs the name of the person who gives it: add --by NAME"),
        (["--easy-checked", "fr", "--by", "  "], "a sign-off needs the name"),
        (["--by", "Awa Traoré"], "--by names who signs off: use it with --approve"),
        (["--easy-checked", "dyu", "--by", "Awa"], "has no easy-to-read version in Dyula"),
        (["--easy-checked", "xx", "--by", "Awa"], "xx"),
    ],
)
def test_a_sign_off_without_a_name_is_refused_and_changes_nothing(package, options, message):
    before = digests(package)
    exit_code, output = review(package, *options)
    assert exit_code == 1
    assert output.startswith("Error: ") and message in output
    assert digests(package) == before


# -- what it prints and writes -------------------------------------------------------------


def test_json_output_is_the_report(package):
    drop_number(package)
    exit_code, output = review(package, "--json")
    assert exit_code == 4
    data = json.loads(output)
    assert data == json.loads((package / "review" / "report.json").read_text("utf-8"))
    assert list(data["languages"]) == ["en", "fr", "ar", "bm", "dyu"]
    french = data["languages"]["fr"]
    assert french["segments"] == 27
    dropped = [i for i in french["issues"] if i["segment"] == "p2.s1"]
    assert dropped[0] == {
        "segment": "p2.s1", "check": "numbers", "category": "accuracy",
        "severity": "critical",
        "message": "number 2016 of the source is missing from the translation",
        "source_span": dropped[0]["source_span"], "version": "translation",
        "source": dropped[0]["source"], "target": dropped[0]["target"],
    }
    start, end = dropped[0]["source_span"]
    assert dropped[0]["source"][start:end] == "2016"
    manifest = json.loads((package / "manifest.json").read_text("utf-8"))
    assert set(manifest["review"]) == {"date", "fail_on", "languages"}
    assert manifest["review"]["languages"]["fr"]["critical"] == 1
    assert manifest["review"]["languages"]["dyu"] == {
        "segments": 0, "critical": 0, "major": 0, "minor": 0, "checked": False}


def test_a_review_run_twice_writes_the_same_bytes(package):
    drop_number(package)
    review(package)
    first = digests(package)
    result = review_package(package)
    assert result.written == []
    assert digests(package) == first


def test_the_kits_carry_the_issues_validate_and_import_back(package):
    drop_number(package)
    review(package)
    kit = (package / "review" / "fr.xliff").read_bytes()
    assert ITS in kit and b'locQualityIssueType="numbers"' in kit
    assert schema_errors(kit) == ""
    assert ITS not in (package / "review" / "ar.xliff").read_bytes()  # nothing to report
    result = CliRunner().invoke(cli, ["xliff", "import", str(package / "review" / "fr.xliff"),
                                      "--into", str(package), "--no-memory", "-q"])
    assert result.exit_code == 0, result.output


def test_the_untranslated_kit_is_left_as_it_is(package):
    before = (package / "review" / "dyu.xliff").read_bytes()
    review(package)
    assert (package / "review" / "dyu.xliff").read_bytes() == before


# -- bad input -----------------------------------------------------------------------------


def test_a_missing_language_folder_is_not_checked_and_the_others_are(package):
    shutil.rmtree(package / "bm")
    exit_code, output = review(package, "--json")
    assert exit_code == 0
    data = json.loads(output)
    bambara = data["languages"]["bm"]
    assert bambara["checked"] is False and bambara["segments"] == 0
    assert "bm/article.json is missing" in bambara["not_checked"][0]["reason"]
    assert data["languages"]["fr"]["checked"] is True
    _, summary = review(package)
    assert "  bm: NOT CHECKED: " in summary


def test_a_language_without_an_identifier_is_not_checked(package, monkeypatch):
    from pipeline import langid

    monkeypatch.setattr(langid, "FRANC_CODES", {k: v for k, v in langid.FRANC_CODES.items()
                                                if k != "bm"})
    exit_code, output = review(package, "--json")
    bambara = json.loads(output)["languages"]["bm"]
    assert exit_code == 0
    assert bambara["checked"] is False
    gap = bambara["not_checked"][0]
    assert gap["check"] == "wrong-language" and "no language identifier for Bambara" in (
        gap["reason"])
    assert not [i for i in bambara["issues"] if i["check"] == "wrong-language"]
    page = (package / "review" / "report.html").read_text("utf-8")
    assert "Language not checked." in page and "no language identifier for Bambara" in page


def test_a_missing_accessibility_tool_is_reported_never_passed(package, monkeypatch):
    for name in ("axe", "epubcheck", "ace"):
        monkeypatch.setattr(finder, name, lambda: finder.Found(missing="not on this machine"))
    exit_code, output = review(package, "--a11y", "--json")
    tools = json.loads(output)["accessibility"]
    assert exit_code == 0
    assert tools["requested"] is True
    assert [(t["tool"], t["status"]) for t in tools["tools"]] == [
        ("axe-core", "missing"), ("EPUBCheck", "missing"), ("DAISY Ace", "missing")]
    _, summary = review(package, "--a11y")
    assert "axe-core missing (not on this machine)" in summary
    page = (package / "review" / "report.html").read_text("utf-8")
    assert page.count("Not installed: not checked") == 3


def test_without_a11y_the_tools_are_said_not_run(package):
    data = json.loads(review(package, "--json")[1])
    assert data["accessibility"]["requested"] is False
    assert {t["status"] for t in data["accessibility"]["tools"]} == {"not run"}


def test_a_folder_that_is_not_a_package_is_an_error(tmp_path):
    exit_code, output = review(tmp_path)
    assert exit_code == 1
    assert "is not a Kuma output folder" in output


def test_a_tool_that_breaks_is_reported_as_failed(package, monkeypatch):
    from pipeline.review.a11y import epubcheck

    monkeypatch.setattr(finder, "epubcheck", lambda: finder.Found(("java", "-jar", "x.jar")))

    def broken(*args):
        raise ValueError("the checker crashed")

    monkeypatch.setattr(epubcheck, "check_books", broken)
    monkeypatch.setattr(finder, "axe", lambda: finder.Found(missing="no browser"))
    monkeypatch.setattr(finder, "ace", lambda: finder.Found(missing="no Ace"))
    exit_code, output = review(package, "--a11y", "--json")
    tools = {t["tool"]: t for t in json.loads(output)["accessibility"]["tools"]}
    assert exit_code == 0
    assert tools["EPUBCheck"]["status"] == "failed"
    assert tools["EPUBCheck"]["reason"] == "ValueError: the checker crashed"
