"""``run``: articles into packages — ingest, translate, then the publication stages.

Languages that cannot be produced (no translation available) are not failures:
their XLIFF kits are written and the result says why and what to run next (exit
code 3 at the command line).  Every argument is checked before any work: a typo in
``--engine``, ``--model``, ``--voice`` or ``--lang`` stops the run with nothing
written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import InputError
from pipeline.glossary import Glossary, Mention, load_glossary
from pipeline.langs import get_language
from pipeline.manifest import InputRecord, Manifest
from pipeline.package import Package, claimed, sha256_bytes
from pipeline.progress import SILENT, Progress
from pipeline.storage import Cache, default_cache
from pipeline.translate.memory import TranslationMemory
from pipeline.translate.select import check_engine
from pipeline.usecases.options import RunOptions
from pipeline.usecases.produce import Job, check_voice, produce
from pipeline.usecases.records import Timer, forget_review, record
from pipeline.usecases.results import ArticleResult, LanguageOutcome, Published
from pipeline.usecases.translation import engine_settings, translate_language

EXIT_INCOMPLETE = 3
"""Exit code when some requested languages could not be produced."""


def run_articles(
    inputs: Sequence[Path | str],
    options: RunOptions,
    progress: Progress = SILENT,
    cache: Cache | None = None,
) -> list[ArticleResult]:
    """Run every input; all arguments are checked before anything is written."""
    targets, glossary = check_run(options)
    paths = distinct_inputs([Path(p) for p in inputs])
    cache = cache or default_cache()
    memory = TranslationMemory() if options.memory else None
    try:
        return [
            run_article(path, targets, options, glossary, progress, memory, cache)
            for path in paths
        ]
    finally:
        if memory is not None:
            memory.close()


def check_run(options: RunOptions, load_models: bool = True) -> tuple[list[str], Glossary]:
    """The target codes and the glossary of a run, once every argument is checked: a typo
    in ``--lang``, ``--voice``, ``--engine`` or ``--model`` stops it before any work.

    ``load_models`` also checks the engine, which loads its models (they stay loaded for
    the run); a batch's coordinator leaves that to its workers, which need them.
    """
    targets = options.targets()
    if options.source_lang:
        get_language(options.source_lang)
    glossary = load_glossary(options.glossary)
    check_voice(options.publish, targets)
    if load_models:
        check_engine(engine_settings(options, glossary, memory=None), targets)
    return targets, glossary


def package_stem(name: str) -> str:
    """What an input called ``name`` names its package folder from: ``2024/report.pdf``
    gives ``2024-report`` (slugified by ``claim``)."""
    return Path(name).with_suffix("").as_posix().replace("/", "-")


def distinct_inputs(inputs: Sequence[Path]) -> list[Path]:
    """Each input once; two different files with the same name are refused, since a
    package is named after its input's file name."""
    by_name: dict[str, Path] = {}
    result = []
    for path in inputs:
        other = by_name.get(path.name)
        if other is None:
            by_name[path.name] = path
            result.append(path)
        elif other.resolve() != path.resolve():
            raise InputError(
                f"{other} and {path} have the same file name, and a package is named after "
                "its file: rename one"
            )
    return result


def run_article(
    path: Path,
    targets: list[str],
    options: RunOptions,
    glossary: Glossary,
    progress: Progress = SILENT,
    memory: TranslationMemory | None = None,
    cache: Cache | None = None,
    name: str | None = None,
) -> ArticleResult:
    """Turn one article into ``<out>/<slug>/``: read it, then hold that folder's lock
    while translating and publishing (a bad input creates nothing).

    ``name`` is the input's name the package belongs to (default: the file name; a
    batch gives the path relative to its folder, so that two reports with the same
    file name in different folders get two packages).
    """
    from pipeline.ingest import read_document

    owner = name or path.name
    timer = Timer()
    progress.step(f"{path.name}: reading")
    with timer.stage("ingest"):
        document = read_document(path, glossary=glossary, lang=options.source_lang)
        mentions = glossary.match_document(document)
        data = path.read_bytes()
    with claimed(options.out, package_stem(owner), owner, progress.step) as package:
        manifest = _previous_manifest(package)
        manifest.input = InputRecord(name=owner, sha256=sha256_bytes(data), bytes=len(data))
        return _run_article(
            path, document, mentions, package, manifest, targets, options, glossary,
            progress, memory, cache or default_cache(), timer,
        )


def _previous_manifest(package: Package) -> Manifest:
    """The package's manifest from an earlier run (a fresh one when there is none)."""
    return Manifest.from_dict(package.read_manifest(), str(package.path("manifest.json")))


def _run_article(
    path: Path,
    document: Document,
    mentions: list[Mention],
    package: Package,
    manifest: Manifest,
    targets: list[str],
    options: RunOptions,
    glossary: Glossary,
    progress: Progress,
    memory: TranslationMemory | None,
    cache: Cache,
    timer: Timer,
) -> ArticleResult:
    settings = engine_settings(options, glossary, memory, kept=(package.path("review"),))
    translations: dict[str, Document] = {}
    outcomes: list[LanguageOutcome] = []
    for lang in targets:
        progress.step(f"{path.name}: translating into {get_language(lang).name}")
        with timer.stage(f"translate:{lang}"):
            outcome, translated = translate_language(document, lang, settings, mentions)
        outcomes.append(outcome)
        if translated is not None:
            translations[lang] = translated
    _keep_review_only_if_unchanged(package, manifest, document, translations)
    job = Job(package, document, translations, targets, glossary, mentions, options.publish,
              manifest, cache, progress=progress)
    progress.step(f"{path.name}: writing {package.root}")
    with timer.stage("publish"):
        publications = produce(job)
    record(manifest, document, glossary, options.publish, outcomes, publications, timer)
    package.commit(manifest.to_dict(), manifest.input.name, rendered=_folders(publications,
                                                                               document.lang))
    return result(package, path, document, outcomes, publications, job)


def _keep_review_only_if_unchanged(
    package: Package, manifest: Manifest, source: Document, translations: dict[str, Document]
) -> None:
    """A person's review stands only for the text they saw: drop it for a language
    whose text (or whose source) changed since."""
    source_changed = manifest.source.fingerprint not in ("", source.fingerprint())
    if source_changed:
        manifest.readers.pop(source.lang, None)
        manifest.checks.pop(source.lang, None)
        manifest.approval = None
    for lang in list(manifest.languages):
        document = translations.get(lang)
        if source_changed or document is None or _old_fingerprint(package, lang) != (
            document.fingerprint()
        ):
            forget_review(manifest, lang)


def _old_fingerprint(package: Package, lang: str) -> str | None:
    data = package.read(f"{lang}/article.json")
    if data is None:
        return None
    try:
        return Document.from_json(data).fingerprint()
    except ValueError:
        return None


def _folders(publications: dict[str, Published], source_lang: str) -> list[str]:
    """The package folders whose every file was rendered: stale files there go."""
    from pipeline.usecases.produce import folder

    return [folder(lang, source_lang) for lang in publications]


def result(
    package: Package,
    input_path: Path,
    source: Document,
    outcomes: list[LanguageOutcome],
    publications: dict[str, Published],
    job: Job,
) -> ArticleResult:
    """The result of a command that committed ``package``."""
    return ArticleResult(
        input=input_path,
        package_dir=package.root,
        source_lang=source.lang,
        title=source.title,
        segments=sum(1 for _ in source.segments()),
        languages=outcomes,
        written=sorted(set(package.changed)),
        unchanged=sorted(set(package.files) - set(package.changed)),
        publications=publications,
        redone=job.redone,
        removed=sorted(package.removed),
    )
