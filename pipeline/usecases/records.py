"""Building a package's manifest: the one place every use case records what it made."""

from __future__ import annotations

import platform
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from pipeline import __version__
from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.manifest import GlossaryRecord, Manifest, SourceRecord
from pipeline.usecases.options import PublishSettings
from pipeline.usecases.results import LanguageOutcome, Published


class Timer:
    """Collects wall-clock timings per stage for the manifest."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - start, 3)


def record(
    manifest: Manifest,
    source: Document,
    glossary: Glossary,
    settings: PublishSettings,
    outcomes: list[LanguageOutcome],
    publications: dict[str, Published],
    timer: Timer,
) -> Manifest:
    """``manifest`` brought up to date with what a command just made.

    Languages in ``outcomes`` get a new entry (their review states and sign-off are
    kept from ``manifest``: the caller drops them first when the text changed); the
    audio and readability figures of every published language are set.
    """
    manifest.kuma = __version__
    manifest.created = datetime.now(UTC).isoformat(timespec="seconds")
    manifest.source = SourceRecord(
        lang=source.lang,
        title=source.title,
        segments=sum(1 for _ in source.segments()),
        fingerprint=source.fingerprint(),
    )
    manifest.glossary = GlossaryRecord(
        path=str(glossary.path) if glossary.path else "",
        sha256=glossary.version,
        terms=len(glossary.terms),
    )
    manifest.settings = settings.to_dict()
    for outcome in outcomes:
        previous = manifest.languages.get(outcome.lang)
        record = outcome.record()
        if previous is not None:
            record.states, record.reviewed = previous.states, previous.reviewed
        manifest.languages[outcome.lang] = record
    for lang, published in publications.items():
        entry = manifest.source if lang == source.lang else manifest.languages.get(lang)
        if entry is not None:
            entry.audio = published.edition.audio
            entry.easy = published.edition.easy
            entry.easy_audio = published.edition.easy_audio
    manifest.environment = environment()
    manifest.timings = timer.timings
    return manifest


def forget_review(manifest: Manifest, lang: str) -> None:
    """Drop what a person (or a checker) checked of ``lang``: its text is no longer what
    they saw."""
    entry = manifest.languages.get(lang)
    if entry is not None:
        entry.states, entry.reviewed = {}, None
    manifest.readers.pop(lang, None)
    manifest.checks.pop(lang, None)
    manifest.approval = None


def environment() -> dict[str, str]:
    """Versions of Python and the libraries that shape the results."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for name in ("pysbd", "langdetect", "trafilatura", "python-docx", "markdown-it-py"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            continue
    return versions
