"""``dcterms:modified``: SOURCE_DATE_EPOCH when set, else the run that last changed the
book; a re-run that changes nothing gives the same bytes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from a11y.samples import example_documents, glossary

from pipeline.errors import KumaError
from pipeline.manifest import Manifest
from pipeline.package import Package
from pipeline.publish.dates import dated_book, modified_of, run_time, source_date
from pipeline.publish.epub import render_epub
from pipeline.storage import Cache
from pipeline.usecases.options import PublishSettings
from pipeline.usecases.produce import Job, produce

JANUARY = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
FEBRUARY = datetime(2026, 2, 9, 17, 45, 12, tzinfo=UTC)


def book(when: datetime, lang: str = "fr") -> bytes:
    return render_epub(example_documents()[lang], glossary(), modified=when)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", None), ("  ", None), ("1767600000", datetime(2026, 1, 5, 8, 0, tzinfo=UTC))],
)
def test_source_date_epoch(value, expected):
    assert source_date({"SOURCE_DATE_EPOCH": value}) == expected
    assert source_date({}) is None


@pytest.mark.parametrize("value", ["yesterday", "1.5", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_an_error(value):
    with pytest.raises(KumaError, match="SOURCE_DATE_EPOCH"):
        source_date({"SOURCE_DATE_EPOCH": value})


def test_the_run_time_is_now_to_the_second_unless_source_date_epoch_says():
    before = datetime.now(UTC).replace(microsecond=0)
    now = run_time({})
    assert before <= now <= datetime.now(UTC) and now.microsecond == 0
    assert run_time({"SOURCE_DATE_EPOCH": "1767600000"}) == JANUARY


def test_the_date_is_read_back_from_a_book():
    assert modified_of(book(FEBRUARY)) == FEBRUARY
    assert modified_of(b"not a zip") is None


def test_a_book_keeps_its_date_while_its_content_stays_the_same():
    previous = book(JANUARY)
    again = dated_book(book, previous, FEBRUARY, environ={})
    assert again == previous and modified_of(again) == JANUARY


def test_a_changed_book_takes_the_time_of_the_run():
    previous = book(JANUARY, "ar")  # another text: another book
    changed = dated_book(book, previous, FEBRUARY, environ={})
    assert modified_of(changed) == FEBRUARY
    assert modified_of(dated_book(book, None, FEBRUARY, environ={})) == FEBRUARY


def test_source_date_epoch_wins_over_everything():
    previous = book(FEBRUARY)
    dated = dated_book(book, previous, FEBRUARY, environ={"SOURCE_DATE_EPOCH": "1767600000"})
    assert modified_of(dated) == JANUARY


def publish(root, docs, when: datetime) -> Package:
    package = Package(root)
    source, translations = docs["en"], {k: v for k, v in docs.items() if k != "en"}
    settings = PublishSettings(voice=None, easy=False)
    job = Job(package, source, translations, list(translations), glossary(), [], settings,
              Manifest(), Cache(root.parent / "cache"))
    produce(job, modified=when)
    package.commit({}, "example.txt")
    return package


def test_a_rerun_with_nothing_changed_rewrites_no_book(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    docs = {lang: example_documents()[lang] for lang in ("en", "fr")}
    publish(tmp_path, docs, JANUARY)
    first = (tmp_path / "fr" / "article.epub").read_bytes()
    again = publish(tmp_path, docs, FEBRUARY)
    assert not [name for name in again.changed if name.endswith(".epub")]
    assert (tmp_path / "fr" / "article.epub").read_bytes() == first
    texts = {s.id: s.text for s in docs["fr"].segments()} | {"p3.s1": "Une autre phrase."}
    docs["fr"] = docs["en"].with_texts("fr", texts, "human")
    third = publish(tmp_path, docs, FEBRUARY)
    assert [name for name in third.changed if name.endswith(".epub")] == ["fr/article.epub"]
    assert modified_of((tmp_path / "fr" / "article.epub").read_bytes()) == FEBRUARY
    assert modified_of((tmp_path / "source" / "article.epub").read_bytes()) == JANUARY
