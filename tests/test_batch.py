"""``kuma batch`` with real worker processes: bad documents fail alone, a second run
resumes, other settings are refused, streams stay clean, and a document gives the same
bytes whatever the number of workers and the order they take documents in."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import SOURCE_DATE, snapshot, with_path, write_documents
from click.testing import CliRunner
from pdf_fixtures import encrypted, report_pdf, scanned_pdf

from pipeline.cli import cli

pytestmark = pytest.mark.usefixtures("no_network")

FAST = ("--voice", "none", "--no-easy", "-q")
"""Options of the tests that are about the batch, not the publications."""


def batch(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["batch", *args], env=env, catch_exceptions=False)


def journal_rows(out: Path) -> dict[str, tuple[str, str]]:
    with sqlite3.connect(out / "batch.sqlite") as db:
        return {name: (state, error) for name, state, error in
                db.execute("SELECT name, state, error FROM documents")}


@pytest.fixture
def faulty(faulty_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, ...]]:
    """The ``faulty`` engine where workers find it (they start with this process's
    ``sys.path``; a ``kuma`` subprocess with ``PYTHONPATH``): options that select it."""
    monkeypatch.syspath_prepend(str(faulty_plugin))
    monkeypatch.setenv("PYTHONPATH", with_path(faulty_plugin))
    yield ("--engine", "faulty", "--lang", "fr")
    sys.modules.pop("kuma_faulty", None)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of reports where some are bad in every way a document can be."""
    folder = tmp_path_factory.mktemp("reports")
    write_documents(folder, 3)
    (folder / "pdf").mkdir()
    report = report_pdf(folder / "pdf" / "report.pdf")
    data = report.read_bytes()
    table = data.rindex(b"xref")
    damaged = data[:table] + re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", data[table:])
    (folder / "pdf" / "broken-xref.pdf").write_bytes(damaged)
    (folder / "pdf" / "stub.pdf").write_bytes(b"%PDF-1.7\n" + b"garbage " * 50)
    encrypted(report, folder / "pdf" / "locked.pdf", user="secret")
    scanned_pdf(folder / "pdf" / "scanned.pdf")
    (folder / "empty.txt").write_text("")
    (folder / "crash.txt").write_text("Crash report\n\nThis one says CRASH to its worker.\n")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


FAILURES = {
    "empty.txt": "empty.txt is empty",
    "crash.txt": "its worker crashed (SIGSEGV), twice: the document may be what crashes it",
    "pdf/locked.pdf": "locked.pdf is protected by a password: save an unprotected copy and "
                      "read that",
    "pdf/scanned.pdf": "scanned.pdf has no text layer (scanned?): run OCR on it first",
    "pdf/stub.pdf": "stub.pdf is damaged and cannot be read as a PDF",
}
DONE = ["pdf/broken-xref.pdf", "pdf/report.pdf", "report-01.txt", "report-02.txt",
        "report-03.txt"]


def test_bad_documents_fail_alone(tmp_path, hostile, faulty):
    out = tmp_path / "out"
    result = batch(str(hostile), "--out", str(out), "--workers", "2", "--json", *faulty, *FAST)
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    status = {d["name"]: (d["status"], d.get("error", "")) for d in summary["documents"]}
    assert status == {**{n: ("failed", e) for n, e in FAILURES.items()},
                      **{n: ("done", "") for n in DONE}}
    assert journal_rows(out) == status
    assert summary["totals"] == {"documents": 10, "done": 5, "failed": 5, "pending": 0,
                                 "skipped": 0, "incomplete": 0}
    assert summary["notes"] == ["skipped 1 file Kuma does not read (.jpg 1)"]
    crash = next(d for d in summary["documents"] if d["name"] == "crash.txt")
    assert crash["attempts"] == 2
    assert {d["package"] for d in summary["documents"] if d["status"] == "done"} == {
        "pdf-broken-xref", "pdf-report", "report-01", "report-02", "report-03"}
    french = (out / "pdf-report" / "fr" / "article.txt").read_text(encoding="utf-8")
    assert "DISPLACEMENT AND FOOD INSECURITY" in french
    index = (out / "index.html").read_text(encoding="utf-8")
    for name, error in FAILURES.items():
        assert name in index and error.replace("'", "&#39;") in index


def test_a_document_that_takes_too_long_is_stopped(tmp_path, faulty):
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    (docs / "slow.txt").write_text("Slow report\n\nThis one says SLEEP and never ends.\n")
    out = tmp_path / "out"
    result = batch(str(docs), "--out", str(out), "--timeout", "10", "--workers", "1",
                   *faulty, *FAST)
    assert result.exit_code == 3, result.output
    assert journal_rows(out) == {
        "report-01.txt": ("done", ""),
        "slow.txt": ("failed",
                     "stopped after 10 seconds (--timeout): the document takes too long"),
    }


def test_a_document_whose_worker_died_once_is_made_on_another(tmp_path, faulty, monkeypatch):
    monkeypatch.setenv("KUMA_TEST_FAULTS", str(tmp_path))
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    (docs / "flaky.txt").write_text("Flaky report\n\nThis one says CRASH-ONCE.\n")
    result = batch(str(docs), "--out", str(tmp_path / "out"), "--json", *faulty, *FAST)
    assert result.exit_code == 0, result.output
    flaky = next(d for d in json.loads(result.stdout)["documents"] if d["name"] == "flaky.txt")
    assert (flaky["status"], flaky["attempts"]) == ("done", 2)


def test_a_second_run_resumes(tmp_path, faulty):
    docs = tmp_path / "docs"
    paths = write_documents(docs, 3)
    (docs / "empty.txt").write_text("")
    out = tmp_path / "out"
    args = (str(docs), "--out", str(out), "--json", *faulty, *FAST)
    first = batch(*args)
    assert first.exit_code == 3, first.output
    made = {p: p.stat().st_mtime_ns for p in out.glob("report-*/**/*") if p.is_file()}

    again = json.loads(batch(*args).stdout)
    assert again["totals"]["skipped"] == 3
    assert [d["status"] for d in again["documents"]] == ["failed", "done", "done", "done"]
    assert {p: p.stat().st_mtime_ns for p in made} == made  # nothing written again

    paths[0].write_text("Report 1, corrected\n\nThe army left Kidal on Monday.\n")
    (out / "report-02" / "fr" / "article.html").unlink()
    third = json.loads(batch(*args).stdout)
    by_name = {d["name"]: d for d in third["documents"]}
    assert [n for n, d in by_name.items() if d["skipped"]] == ["report-03.txt"]
    assert "made again: fr/article.html is missing" in by_name["report-02.txt"]["notes"]
    assert (out / "report-02" / "fr" / "article.html").is_file()
    assert "ARMY LEFT KIDAL" in (out / "report-01" / "fr" / "article.txt").read_text()
    assert (by_name["empty.txt"]["status"], by_name["empty.txt"]["attempts"]) == ("failed", 1)

    fourth = json.loads(batch(*args, "--retry-failed").stdout)
    assert [(d["status"], d["attempts"]) for d in fourth["documents"]] == [
        ("failed", 1), ("done", 1), ("done", 1), ("done", 1)]

    (docs / "empty.txt").write_text("Report 4\n\nAid reached Gao on Friday.\n")
    fifth = json.loads(batch(*args).stdout)  # a changed input is made, failed before or not
    assert [d["status"] for d in fifth["documents"]] == ["done"] * 4


def test_a_journal_of_other_settings_is_refused_until_restart(tmp_path, faulty):
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    out = tmp_path / "out"
    assert batch(str(docs), "--out", str(out), *faulty, *FAST).exit_code == 0
    other = batch(str(docs), "--out", str(out), *faulty, "--lang", "fr,bm", *FAST)
    assert other.exit_code == 1
    assert other.output == (
        f"Error: {out / 'batch.sqlite'} is the journal of a batch with other settings "
        "(languages: fr, now fr,bm): run the same command as before to resume it, add "
        "--restart to make every document again with these settings, or choose another --out\n"
    )
    again = batch(str(docs), "--out", str(out), *faulty, "--lang", "fr,bm", "--restart", *FAST)
    assert again.exit_code == 0, again.output
    assert (out / "report-01" / "bm" / "article.txt").is_file()


@pytest.mark.parametrize(
    "files, message",
    [
        ({}, "Error: no document to translate in {docs} (Kuma reads .txt, .md, .markdown, "
             ".html, .htm, .docx, .pdf)\n"),
        ({"scan.tiff": b"II*"}, "Error: no document to translate in {docs} (Kuma reads .txt, "
         ".md, .markdown, .html, .htm, .docx, .pdf); skipped 1 file Kuma does not read "
         "(.tiff 1)\n"),
    ],
)
def test_a_batch_with_nothing_to_do_cannot_start(tmp_path, files, message):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, data in files.items():
        (docs / name).write_bytes(data)
    result = batch(str(docs), "--out", str(tmp_path / "out"), *FAST)
    assert result.exit_code == 1
    assert result.output == message.format(docs=docs)
    assert not (tmp_path / "out").exists()


def test_workers_that_cannot_load_their_model_stop_the_batch(tmp_path):
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    result = batch(str(docs), "--out", str(tmp_path / "out"), "--engine", "nllb", "--model",
                   str(tmp_path / "no-model"), "--lang", "fr", *FAST)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert str(tmp_path / "no-model") in result.output


def test_streams_json_on_stdout_progress_on_stderr(tmp_path, faulty):
    docs = tmp_path / "docs"
    write_documents(docs, 2)
    command = [sys.executable, "-m", "pipeline", "batch", str(docs), "--out",
               str(tmp_path / "out"), *faulty, "--voice", "none", "--no-easy"]
    shown = subprocess.run([*command, "--json"], capture_output=True, text=True,
                           env={**os.environ, "NO_COLOR": "1"})
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["totals"]["done"] == 2
    lines = shown.stderr.splitlines()
    assert re.fullmatch(r"kuma batch: 2 documents; 2 to make with [12] local workers?", lines[0])
    assert sum(" done    report-0" in line for line in lines) == 2
    assert re.search(r"\[2/2\] done    report-0\d\.txt in \d+\.\d s \(\d+\.\d documents/min\)",
                     shown.stderr)
    quiet = subprocess.run([*command, "-q"], capture_output=True, text=True)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert quiet.stdout.splitlines()[0] == "2 documents: 2 done (2 already before)"


def test_a_list_file_and_the_same_file_twice(tmp_path, faulty):
    docs = tmp_path / "docs"
    first, second = write_documents(docs, 2)
    listing = tmp_path / "todo.txt"
    listing.write_text(f"# this week\n{first}\ndocs/{second.name}\ndocs/missing.txt\n")
    result = batch(f"@{listing}", str(first), "--out", str(tmp_path / "out"), "--json",
                   *faulty, *FAST)
    assert result.exit_code == 3
    summary = json.loads(result.stdout)
    assert [(d["name"], d["status"], d.get("error", "")) for d in summary["documents"]] == [
        ("docs/missing.txt", "failed", "not found (listed in todo.txt)"),
        ("docs/report-02.txt", "done", ""),
        ("report-01.txt", "done", ""),
    ]
    assert summary["notes"] == ["named more than once, made once: report-01.txt"]


# -- the same bytes whatever the workers ---------------------------------------------------


@pytest.mark.usefixtures("tiny_models")
def test_the_same_document_gives_the_same_bytes_whatever_the_workers(
    tmp_path, tiny_models, monkeypatch
):
    """Three reports spoken in French and Arabic by espeak-ng, translated by a tiny NLLB:
    once by one worker, once by two workers that first made a longer report (so each
    worker spoke other texts before, in another order).  Each run has its own clip
    cache, so every clip is synthesised, never reused."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE)
    docs = tmp_path / "docs"
    write_documents(docs, 3)
    more = tmp_path / "more"
    write_documents(more, 1, size=4, offset=9)
    (more / "report-01.txt").rename(more / "longer.txt")
    options = ("--lang", "fr,ar", "--engine", "nllb", "--model", str(tiny_models.nllb),
               "--beam-size", "1", "--voice", "espeak", "-q")
    runs = {}
    for name, workers, inputs in (("one", "1", [docs]), ("two", "2", [more, docs])):
        monkeypatch.setenv("KUMA_HOME", str(tmp_path / f"home-{name}"))
        out = tmp_path / name
        result = batch(*map(str, inputs), "--out", str(out), "--workers", workers, *options)
        assert result.exit_code == 0, result.output
        runs[name] = {k: v for k, v in snapshot(out).items() if k.startswith("report-")}
    assert any(k.endswith("ar/article.mp3") for k in runs["one"])
    assert runs["one"].keys() == runs["two"].keys()
    different = [k for k in runs["one"] if runs["one"][k] != runs["two"][k]]
    assert different == []


# -- the index page --------------------------------------------------------------------


@pytest.mark.browser
def test_the_index_page_is_accessible(tmp_path, faulty):
    from a11y.browser import axe_script, axe_violations, chromium

    docs = tmp_path / "docs"
    write_documents(docs, 2)
    (docs / "empty.txt").write_text("")
    out = tmp_path / "out"
    args = (str(docs), "--out", str(out), *faulty, "--lang", "fr,ar", "-q", "--voice", "none")
    assert batch(*args).exit_code == 3
    manifest_path = out / "report-01" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["review"] = {"date": "2026-11-20", "fail_on": "critical", "languages": {
        "fr": {"segments": 9, "critical": 1, "major": 2, "minor": 0, "checked": 9}}}
    manifest_path.write_text(json.dumps(manifest))
    assert batch(*args).exit_code == 3  # a review changes nothing to resume
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "review: 1 critical, 2 major, 0 minor" in page
    assert 'href="report-01/fr/article.html"' in page
    with chromium() as browser:
        tab = browser.new_page()
        for width in (1000, 360):
            tab.set_viewport_size({"width": width, "height": 800})
            tab.goto((out / "index.html").as_uri())
            assert axe_violations(tab, axe_script()) == []



@pytest.mark.parametrize(("reason", "said"), [
    ("human: no XLIFF translation for 'bm' was given (--translations); ct2: model "
     "nllb-600m-ct2 (CTranslate2 conversion of facebook/nllb-200-distilled-600M) is not on "
     "this machine: kuma models pull nllb-600m-ct2; nllb: transformers not installed: "
     "pip install 'kuma[mt]'",
     "no translation model for this language is installed on this computer"),
    ("human: no XLIFF translation for 'dyu' was given (--translations); marian: does not "
     "serve 'dyu'", "no translation engine here translates into this language"),
    ("fr.xliff has 3 of 27 segments translated", "its translation is not finished"),
    ("something new went wrong", "no translation could be made"),
])
def test_the_index_says_why_a_language_is_missing_in_plain_words(reason, said):
    """NGO staff read the index: no engine names or commands there (they are in
    batch.json), but what is missing and where a translator can work."""
    from pipeline.batch.index import _cell
    from pipeline.batch.summary import LanguageSummary
    from pipeline.langs import get_language

    cell = _cell(LanguageSummary("bm", False, reason=reason), get_language("bm"))
    assert cell.text == "Not produced" and cell.missing
    assert cell.lines[0].startswith(said)
    assert cell.lines[1] == "a translator can translate it in review/bm.xliff"
    shown = " ".join(cell.lines)
    assert not any(word in shown for word in ("ct2", "nllb", "pip ", "kuma models", "--"))
