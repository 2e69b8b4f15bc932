"""Use cases on a package that exists: ``publish`` (render it again) and ``import_xliff``
(a translator's or reviewer's kit back into it).

Both hold the package's lock, read what is there (a damaged document or manifest is
a one-line error), run the publication stages — whose caches make everything that
did not change cost nothing — and commit: a refused kit changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import InputError, KumaError, PackageError, one_line
from pipeline.glossary import Glossary, load_glossary
from pipeline.langs import get_language
from pipeline.manifest import LanguageRecord, Manifest, SignOff
from pipeline.package import Package, sha256_bytes
from pipeline.progress import SILENT, Progress
from pipeline.storage import Cache, default_cache
from pipeline.translate.memory import TranslationMemory
from pipeline.usecases.article import result
from pipeline.usecases.options import PublishSettings
from pipeline.usecases.produce import Job, produce
from pipeline.usecases.records import Timer, forget_review, record
from pipeline.usecases.results import ArticleResult, LanguageOutcome
from pipeline.usecases.translation import term_accuracy
from pipeline.xliff import XliffTranslations

DONE_STATES = ("reviewed", "final")
"""XLIFF segment states that mean a person reviewed the segment."""


@dataclass
class Contents:
    """What an existing package holds."""

    source: Document
    translations: dict[str, Document]
    """The produced translations, by language."""
    manifest: Manifest


def load_package(package: Package) -> Contents:
    """The source, the produced translations and the manifest of an existing package.

    A damaged package (a document that is not JSON or not a document, a manifest of
    the wrong shape) is a one-line PackageError, never a traceback.
    """
    source, manifest = load_source(package)
    translations = {
        lang: read_package_document(package, f"{lang}/article.json")
        for lang, entry in manifest.languages.items()
        if entry.produced
    }
    return Contents(source, translations, manifest)


def load_source(package: Package) -> tuple[Document, Manifest]:
    """The source and the manifest of an existing package, without its translations (a
    review reads each on its own: one missing language must not hide the others)."""
    if package.read("source/article.json") is None:
        raise InputError(
            f"{package.root} is not a Kuma output folder (no source/article.json): "
            "run `kuma run` first"
        )
    source = read_package_document(package, "source/article.json")
    manifest = Manifest.from_dict(package.read_manifest(), str(package.path("manifest.json")))
    return source, manifest


def read_package_document(package: Package, relative: str) -> Document:
    """A Document kept in a package, checked and cleaned; PackageError when damaged."""
    data = package.read(relative)
    if data is None:
        raise PackageError(f"{package.path(relative)} is missing: run `kuma run` again")
    try:
        document = Document.from_json(data)
        get_language(document.lang)
    except (ValueError, KumaError) as exc:
        raise PackageError(
            f"{package.path(relative)} is damaged ({one_line(str(exc), 80)}): "
            "run `kuma run` again"
        ) from None
    return document


def publish_package(
    package_dir: Path,
    glossary_path: Path | None = None,
    progress: Progress = SILENT,
    cache: Cache | None = None,
) -> ArticleResult:
    """``kuma publish``: render the publications of a package again from what is there."""
    glossary = load_glossary(glossary_path)
    with Package(package_dir).locked(progress.step) as package:
        return republish(package, load_package(package), glossary, cache, progress)


def republish(
    package: Package,
    contents: Contents,
    glossary: Glossary,
    cache: Cache | None = None,
    progress: Progress = SILENT,
) -> ArticleResult:
    """Render the publications of a package (whose lock the caller holds) again from
    ``contents`` — after a sign-off, say — record them in its manifest, and commit."""
    job = _job(package, contents, glossary, cache, progress)
    outcomes = [LanguageOutcome.from_record(lang, entry)
                for lang, entry in contents.manifest.languages.items()]
    return _republish(job, package.root, outcomes)


def _job(
    package: Package,
    contents: Contents,
    glossary: Glossary,
    cache: Cache | None,
    progress: Progress,
    drafts: dict[str, dict[str, str]] | None = None,
) -> Job:
    targets = list(contents.manifest.languages)
    # Languages keep the order the run gave them, whatever was imported since: the
    # pages' language links come out the same.
    translations = {lang: contents.translations[lang] for lang in targets
                    if lang in contents.translations}
    return Job(
        package=package,
        source=contents.source,
        translations=translations,
        targets=targets,
        glossary=glossary,
        mentions=glossary.match_document(contents.source),
        settings=PublishSettings.from_dict(contents.manifest.settings),
        manifest=contents.manifest,
        cache=cache or default_cache(),
        drafts=drafts or {},
        progress=progress,
    )


def _republish(job: Job, input_path: Path, outcomes: list[LanguageOutcome],
               changed: list[LanguageOutcome] | None = None) -> ArticleResult:
    """Produce every publication again, record it in the manifest and commit."""
    timer = Timer()
    with timer.stage("publish"):
        publications = produce(job)
    manifest = record(job.manifest, job.source, job.glossary, job.settings, changed or [],
                      publications, timer)
    owner = manifest.input.name or job.package.root.name
    folders = [_folder(lang, job.source.lang) for lang in publications]
    job.package.commit(manifest.to_dict(), owner, rendered=folders)
    return result(job.package, input_path, job.source, outcomes, publications, job)


def _folder(lang: str, source_lang: str) -> str:
    from pipeline.usecases.produce import folder

    return folder(lang, source_lang)


def import_xliff(
    package_dir: Path,
    xliff_path: Path,
    glossary_path: Path | None = None,
    progress: Progress = SILENT,
    memory: TranslationMemory | None = None,
    cache: Cache | None = None,
) -> ArticleResult:
    """Bring a translator's or reviewer's kit into a package and redo what depends on it.

    The kit is checked against the package's source before anything is written: a
    corrupt file, or one made for another article, changes nothing.  Its segment
    states (translated, reviewed, final) are kept in the manifest: a language whose
    every segment is reviewed or final is published as reviewed by a person.  The
    translation goes into the memory once the package has taken it.
    """
    glossary = load_glossary(glossary_path)
    data = _read_input(xliff_path)
    with Package(package_dir).locked(progress.step) as package:
        contents = load_package(package)
        imported = _read_kit(data, contents.source, xliff_path.name, contents.translations)
        progress.step(f"{xliff_path.name}: importing {get_language(imported.lang).name}")
        article = _import_into(package, contents, imported, xliff_path, data, glossary,
                               cache, progress)
    if memory is not None:
        segments = contents.source.segment_map()
        pairs = {segments[sid].text: text for sid, text in imported.texts.items()}
        memory.store_human(pairs, contents.source.lang, imported.lang)
    return article


def _read_kit(
    data: bytes, source: Document, name: str, published: dict[str, Document]
) -> XliffTranslations:
    from pipeline.xliff import read_translations

    return read_translations(data, source, origin=name, known=published)


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from None


def _import_into(
    package: Package,
    contents: Contents,
    imported: XliffTranslations,
    xliff_path: Path,
    data: bytes,
    glossary: Glossary,
    cache: Cache | None,
    progress: Progress,
) -> ArticleResult:
    source, lang = contents.source, imported.lang
    total = sum(1 for _ in source.segments())
    before = contents.translations.pop(lang, None)
    if imported.complete:
        translated = source.with_texts(lang, imported.texts, "human")
        contents.translations[lang] = translated
        outcome = LanguageOutcome(
            lang,
            produced=True,
            engine="human",
            model=xliff_path.name,
            version=sha256_bytes(data)[:12],
            terms=term_accuracy(glossary, glossary.match_document(source), translated),
            provenance={s.id: "human" for s in translated.segments()},
        )
        if before is None or before.fingerprint() != translated.fingerprint():
            forget_review(contents.manifest, lang)
    else:
        outcome = LanguageOutcome(
            lang,
            produced=False,
            reason=f"{xliff_path.name} has {len(imported.texts)} of {total} segments translated",
            next_step=f"finish review/{lang}.xliff and import it again",
        )
        forget_review(contents.manifest, lang)
    previous = contents.manifest.languages.get(lang)
    # A language the run did not ask for joins the package, after the others.
    contents.manifest.languages.setdefault(lang, outcome.record())
    job = _job(package, contents, glossary, cache, progress, drafts={lang: imported.texts})
    return _republish_import(job, xliff_path, outcome, imported, previous)


def _republish_import(
    job: Job,
    xliff_path: Path,
    outcome: LanguageOutcome,
    imported: XliffTranslations,
    previous: LanguageRecord | None,
) -> ArticleResult:
    manifest = job.manifest
    entry = outcome.record()  # record() keeps the states and sign-off set here
    entry.states = dict(imported.states)  # kept in the kit the package writes again
    if outcome.produced and all(state in DONE_STATES for state in imported.states.values()):
        kept = previous is not None and previous.reviewed is not None
        same = kept and previous is not None and previous.states == entry.states
        entry.reviewed = previous.reviewed if same and previous else SignOff(
            date=datetime.now(UTC).date().isoformat()
        )
    manifest.languages[outcome.lang] = entry
    return _republish(job, xliff_path, [outcome], changed=[outcome])
