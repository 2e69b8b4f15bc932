"""The orchestration of one article: ingest, glossary, translate, verify, publish.

``run_articles`` is the core of ``kuma run``.  Languages that cannot be produced
(no translation available) are not failures of the run: their XLIFF kits are
written and the result says why and what to run next (exit code 3 at the CLI).
"""

from __future__ import annotations

import platform
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.document import Document
from pipeline.errors import InputError
from pipeline.glossary import Glossary, Mention, load_glossary
from pipeline.langs import get_language, parse_targets
from pipeline.memory import TranslationMemory
from pipeline.package import Package, sha256_bytes, slugify
from pipeline.progress import SILENT, Progress
from pipeline.publish.render import render_package
from pipeline.translate.select import EngineSettings, check_engine, choose_translation

EXIT_INCOMPLETE = 3
"""Exit code when some requested languages could not be produced."""


@dataclass
class RunOptions:
    """What ``kuma run`` was asked to do."""

    langs: str = "fr,ar,bm"
    """Comma-separated target language codes."""
    out_root: Path = Path("output")
    """Folder under which ``<slug>/`` is written."""
    glossary_path: Path | None = None
    """Glossary file; None = the shipped one."""
    translations: tuple[Path, ...] = ()
    """XLIFF files or folders with human translations."""
    engine: str = "auto"
    """Translation engine name, or ``auto``."""
    source_lang: str | None = None
    """Source language code; None = detect."""
    model: str | None = None
    """Model alias, registered name or folder for machine engines; None = their default."""
    beam_size: int = 4
    """Beam size for machine engines."""
    memory: bool = True
    """Use the translation memory (read and write)."""


@dataclass
class TermAccuracy:
    """How many expected glossary terms a translation renders with the glossary form."""

    expected: int = 0
    found: int = 0
    missing: list[dict[str, str]] = field(default_factory=list)
    """``{"segment", "term"}`` for every expected term not found."""
    unknown: list[dict[str, str]] = field(default_factory=list)
    """``{"segment", "term"}`` for terms the glossary has no form for in this language."""

    @property
    def accuracy(self) -> float | None:
        return self.found / self.expected if self.expected else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": self.accuracy}


@dataclass
class LanguageOutcome:
    """What happened to one target language."""

    lang: str
    produced: bool
    engine: str = ""
    model: str = ""
    version: str = ""
    reason: str = ""
    """Why the language was not produced."""
    next_step: str = ""
    """What the user can run to produce it."""
    terms: TermAccuracy = field(default_factory=TermAccuracy)
    provenance: dict[str, str] = field(default_factory=dict)
    """Per segment id, what produced its text."""
    repairs: dict[str, list[str]] = field(default_factory=dict)
    """Per segment id, glossary repairs a machine engine made."""
    remembered: int = 0
    """Segments served from the translation memory."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "status": "produced" if self.produced else "kit",
            "engine": self.engine,
            "model": self.model,
            "version": self.version,
            "terms": self.terms.to_dict(),
            "segments": self.provenance,
            "repairs": self.repairs,
            "memory": self.remembered,
        }
        if not self.produced:
            data.update(reason=self.reason, next=self.next_step)
        return data


@dataclass
class ArticleResult:
    """The outcome of one input article."""

    input: Path
    package_dir: Path
    source_lang: str
    title: str
    segments: int
    languages: list[LanguageOutcome]
    written: list[str]
    unchanged: list[str]

    @property
    def complete(self) -> bool:
        return all(outcome.produced for outcome in self.languages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": str(self.input),
            "output": str(self.package_dir),
            "source": {"lang": self.source_lang, "title": self.title, "segments": self.segments},
            "languages": {o.lang: o.to_dict() for o in self.languages},
            "written": self.written,
            "unchanged": self.unchanged,
        }


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


def run_articles(
    inputs: Sequence[Path], options: RunOptions, progress: Progress = SILENT
) -> list[ArticleResult]:
    """Run every input; all arguments are checked before anything is written."""
    targets = [lang.code for lang in parse_targets(options.langs)]
    if options.source_lang:
        get_language(options.source_lang)
    glossary = load_glossary(options.glossary_path)
    check_engine(engine_settings(options, glossary, memory=None), targets)
    slugs: dict[str, Path] = {}
    for path in inputs:
        slug = slugify(path.stem)
        if slug in slugs:
            raise InputError(
                f"{slugs[slug]} and {path} would share the output folder {slug!r}: rename one"
            )
        slugs[slug] = path
    memory = TranslationMemory() if options.memory else None
    try:
        return [
            run_article(path, slug, targets, options, glossary, progress, memory)
            for slug, path in slugs.items()
        ]
    finally:
        if memory is not None:
            memory.close()


def engine_settings(
    options: RunOptions,
    glossary: Glossary,
    memory: TranslationMemory | None,
    kept: tuple[Path, ...] = (),
) -> EngineSettings:
    """The translation settings of a run."""
    engine_options: dict[str, Any] = {"beam_size": options.beam_size}
    if options.model:
        engine_options["model"] = options.model
    return EngineSettings(
        engine=options.engine,
        translations=options.translations,
        kept=[k for k in kept if k.is_dir()],
        glossary=glossary,
        memory=memory,
        engine_options=engine_options,
    )


def run_article(
    path: Path,
    slug: str,
    targets: list[str],
    options: RunOptions,
    glossary: Glossary,
    progress: Progress = SILENT,
    memory: TranslationMemory | None = None,
) -> ArticleResult:
    """Turn one article into ``<out>/<slug>/``."""
    from pipeline.ingest import read_document

    timer = Timer()
    package = Package(options.out_root / slug)
    progress.step(f"{path.name}: reading")
    with timer.stage("ingest"):
        document = read_document(path, glossary=glossary, lang=options.source_lang)
        mentions = glossary.match_document(document)
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
    progress.step(f"{path.name}: writing {package.root}")
    with timer.stage("publish"):
        render_package(package, document, translations, targets, glossary, mentions)
        manifest = build_manifest(path, document, glossary, outcomes, package, timer)
        package.write_manifest(manifest)
    unchanged = sorted(set(package.files) - set(package.changed))
    return ArticleResult(
        input=path,
        package_dir=package.root,
        source_lang=document.lang,
        title=document.title,
        segments=sum(1 for _ in document.segments()),
        languages=outcomes,
        written=sorted(set(package.changed)),
        unchanged=unchanged,
    )


def translate_language(
    document: Document, lang: str, settings: EngineSettings, mentions: list[Mention]
) -> tuple[LanguageOutcome, Document | None]:
    """Translate ``document`` into ``lang`` with the first usable engine, and check its terms."""
    assert settings.glossary is not None
    choice = choose_translation(document, lang, settings)
    if choice.translation is None:
        outcome = LanguageOutcome(lang, produced=False, reason=choice.reason, next_step=NEXT_STEP)
        return outcome, None
    translation = choice.translation
    translated = document.with_texts(lang, translation.texts, translation.provenance)
    outcome = LanguageOutcome(
        lang,
        produced=True,
        engine=translation.engine,
        model=translation.model,
        version=translation.version,
        terms=term_accuracy(settings.glossary, mentions, translated),
        provenance=dict(translation.provenance),
        repairs=dict(translation.repairs),
        remembered=translation.remembered,
    )
    return outcome, translated


def term_accuracy(
    glossary: Glossary, mentions: list[Mention], translated: Document
) -> TermAccuracy:
    """Check every source mention against its segment's translation."""
    from pipeline.glossary.verify import check_translation

    by_segment: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_segment.setdefault(mention.segment, []).append(mention)
    result = TermAccuracy()
    for segment in translated.segments():
        found = by_segment.get(segment.id)
        if not found:
            continue
        check = check_translation(glossary, found, segment.text, translated.lang)
        result.expected += len(check.expected)
        result.found += len(check.found)
        result.missing += [{"segment": segment.id, "term": t} for t in check.missing]
        result.unknown += [{"segment": segment.id, "term": t} for t in check.unknown]
    return result


NEXT_STEP = (
    "have the kit translated and run `kuma xliff import FILE --into <this folder>` "
    "(or `kuma run ... --translations FILE`), or install a translation model "
    "(`kuma models pull nllb-600m`; `kuma doctor` says what is usable)"
)


def build_manifest(
    path: Path,
    document: Document,
    glossary: Glossary,
    outcomes: list[LanguageOutcome],
    package: Package,
    timer: Timer,
) -> dict[str, Any]:
    """The manifest: inputs, settings, engines and versions, glossary hash, files, timings."""
    data = path.read_bytes()
    return {
        "kuma": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "input": {"name": path.name, "sha256": sha256_bytes(data), "bytes": len(data)},
        "source": {
            "lang": document.lang,
            "title": document.title,
            "segments": sum(1 for _ in document.segments()),
            "fingerprint": document.fingerprint(),
        },
        "glossary": {
            "path": str(glossary.path) if glossary.path else "",
            "sha256": glossary.version,
            "terms": len(glossary.terms),
        },
        "languages": {o.lang: o.to_dict() for o in outcomes},
        "environment": environment(),
        "files": dict(sorted(package.files.items())),
        "timings": timer.timings,
    }


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


def import_xliff(
    package_dir: Path,
    xliff_path: Path,
    glossary_path: Path | None,
    progress: Progress = SILENT,
    memory: TranslationMemory | None = None,
) -> ArticleResult:
    """Bring a translator's XLIFF into an existing package and re-render what depends on it.

    The file is checked against the package's source before anything is written: a
    corrupt file, or one made for another article, changes nothing.
    """
    from pipeline.review.xliff import read_translations

    package = Package(package_dir)
    source_file = package.path("source/article.json")
    if not source_file.is_file():
        raise InputError(
            f"{package_dir} is not a Kuma output folder (no source/article.json): "
            "run `kuma run` first"
        )
    source = Document.from_json(source_file.read_text(encoding="utf-8"))
    imported = read_translations(xliff_path.read_bytes(), source, origin=xliff_path.name)
    glossary = load_glossary(glossary_path)
    mentions = glossary.match_document(source)
    manifest = package.read_manifest()
    recorded = manifest.get("languages", {})
    targets = [*recorded, *([imported.lang] if imported.lang not in recorded else [])]
    translations = {
        lang: Document.from_json(package.path(f"{lang}/article.json").read_text("utf-8"))
        for lang, entry in recorded.items()
        if entry.get("status") == "produced" and lang != imported.lang
    }
    progress.step(f"{xliff_path.name}: importing {get_language(imported.lang).name}")
    if memory is not None:
        segments = source.segment_map()
        pairs = {segments[sid].text: text for sid, text in imported.texts.items()}
        memory.store_human(pairs, source.lang, imported.lang)
    total = sum(1 for _ in source.segments())
    if imported.complete:
        translated = source.with_texts(imported.lang, imported.texts, "human")
        translations[imported.lang] = translated
        outcome = LanguageOutcome(
            imported.lang,
            produced=True,
            engine="human",
            model=xliff_path.name,
            version=sha256_bytes(xliff_path.read_bytes())[:12],
            terms=term_accuracy(glossary, mentions, translated),
            provenance={s.id: "human" for s in translated.segments()},
        )
    else:
        outcome = LanguageOutcome(
            imported.lang,
            produced=False,
            reason=f"{xliff_path.name} has {len(imported.texts)} of {total} segments translated",
            next_step=f"finish review/{imported.lang}.xliff and import it again",
        )
    timer = Timer()
    with timer.stage("publish"):
        render_package(
            package,
            source,
            translations,
            targets,
            glossary,
            mentions,
            drafts={imported.lang: imported.texts},
        )
    outcomes = {lang: entry for lang, entry in recorded.items()}
    outcomes[imported.lang] = outcome.to_dict()
    manifest.update(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        languages=outcomes,
        files=dict(sorted({**manifest.get("files", {}), **package.files}.items())),
        timings=timer.timings,
    )
    package.write_manifest(manifest)
    return ArticleResult(
        input=xliff_path,
        package_dir=package.root,
        source_lang=source.lang,
        title=source.title,
        segments=total,
        languages=[outcome],
        written=sorted(set(package.changed)),
        unchanged=sorted(set(package.files) - set(package.changed)),
    )
