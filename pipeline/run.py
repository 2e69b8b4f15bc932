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
from pipeline.errors import InputError, KumaError, LanguageError
from pipeline.glossary import Glossary, Mention, load_glossary
from pipeline.langs import get_language, parse_targets
from pipeline.memory import TranslationMemory
from pipeline.package import Package, sha256_bytes, slugify
from pipeline.progress import SILENT, Progress
from pipeline.publish.render import Edition, PublishOptions, render_package
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
    voice: str = "auto"
    """Voice name (``auto``, ``espeak``, ``gtts``, ``mms``) or ``none`` for no audio."""
    loudness: str = "broadcast"
    """Loudness target: ``broadcast`` (-23 LUFS), ``podcast`` (-16) or a number of LUFS."""
    opening: bool = False
    """Begin each recording with a line saying how the text was made."""
    wav: bool = False
    """Also write a WAV beside each MP3."""
    audio_format: str = "compact"
    """``compact`` MP3s for pages and phones, or ``broadcast`` files for radio stations."""
    easy: bool = True
    """Make easy-to-read versions."""

    def publication(self) -> dict[str, Any]:
        """The publication settings, as the manifest keeps them for later re-rendering."""
        return {
            "voice": self.voice,
            "loudness": self.loudness,
            "opening": self.opening,
            "wav": self.wav,
            "format": self.audio_format,
            "easy": self.easy,
        }


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
    editions: dict[str, Edition] = field(default_factory=dict)
    """Per language code (the source's included): audio and easy-to-read figures."""

    @property
    def complete(self) -> bool:
        return all(outcome.produced for outcome in self.languages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": str(self.input),
            "output": str(self.package_dir),
            "source": {"lang": self.source_lang, "title": self.title, "segments": self.segments},
            "languages": {o.lang: o.to_dict() for o in self.languages},
            "publications": {lang: e.to_dict() for lang, e in self.editions.items()},
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
    publish = publish_options(options.publication(), targets)
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
            run_article(path, slug, targets, options, glossary, progress, memory, publish)
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
    publish: PublishOptions | None = None,
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
        editions = render_package(
            package,
            document,
            translations,
            targets,
            glossary,
            mentions,
            options=publish or publish_options(options.publication(), targets),
            progress=progress,
        )
        manifest = build_manifest(path, document, glossary, outcomes, package, timer)
        manifest["settings"] = options.publication()
        add_editions(manifest, editions)
        package.write_manifest(manifest)
    return _result(package, path, document, outcomes, editions)


def publish_options(settings: dict[str, Any], targets: Sequence[str] = ()) -> PublishOptions:
    """Publication options from the settings a manifest keeps; bad values fail here, early."""
    from pipeline.speech.formats import master_settings
    from pipeline.speech.master import parse_loudness
    from pipeline.speech.outputs import SpeechOptions
    from pipeline.speech.select import choose_voice

    voice = str(settings.get("voice", "auto"))
    for lang in targets:
        choose_voice(voice, lang)  # unknown voices and voices that cannot speak it fail now
    master = master_settings(
        str(settings.get("format", "compact")),
        loudness=parse_loudness(settings.get("loudness", "broadcast")),
        wav=bool(settings.get("wav", False)),
    )
    speech = SpeechOptions(voice=voice, master=master, opening=bool(settings.get("opening")))
    return PublishOptions(speech=speech, easy=bool(settings.get("easy", True)))


def add_editions(manifest: dict[str, Any], editions: dict[str, Edition]) -> None:
    """Record each language's audio and easy-to-read figures in the manifest."""
    source_lang = manifest["source"]["lang"]
    for lang, edition in editions.items():
        entry = manifest["source"] if lang == source_lang else manifest["languages"][lang]
        entry.update(edition.to_dict())


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


def load_package(package: Package) -> tuple[Document, dict[str, Document], dict[str, Any]]:
    """The source, the produced translations and the manifest of an existing package."""
    source_file = package.path("source/article.json")
    if not source_file.is_file():
        raise InputError(
            f"{package.root} is not a Kuma output folder (no source/article.json): "
            "run `kuma run` first"
        )
    source = Document.from_json(source_file.read_text(encoding="utf-8"))
    manifest = package.read_manifest()
    translations = {
        lang: Document.from_json(package.path(f"{lang}/article.json").read_text("utf-8"))
        for lang, entry in manifest.get("languages", {}).items()
        if entry.get("status") == "produced"
    }
    return source, translations, manifest


def republish(
    package: Package,
    source: Document,
    translations: dict[str, Document],
    manifest: dict[str, Any],
    glossary: Glossary,
    progress: Progress = SILENT,
    drafts: dict[str, dict[str, str]] | None = None,
) -> dict[str, Edition]:
    """Render every publication of an existing package again and update its manifest."""
    targets = list(manifest.get("languages", {}))
    options = publish_options(manifest.get("settings", {}))
    mentions = glossary.match_document(source)
    timer = Timer()
    with timer.stage("publish"):
        editions = render_package(
            package,
            source,
            translations,
            targets,
            glossary,
            mentions,
            drafts=drafts,
            options=options,
            progress=progress,
        )
    manifest.update(
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        files=dict(sorted({**manifest.get("files", {}), **package.files}.items())),
        timings=timer.timings,
    )
    manifest["glossary"] = {
        "path": str(glossary.path) if glossary.path else "",
        "sha256": glossary.version,
        "terms": len(glossary.terms),
    }
    add_editions(manifest, editions)
    package.write_manifest(manifest)
    return editions


def publish_package(
    package_dir: Path, glossary_path: Path | None, progress: Progress = SILENT
) -> ArticleResult:
    """``kuma publish``: re-render the publications of a package from what is there."""
    package = Package(package_dir)
    source, translations, manifest = load_package(package)
    glossary = load_glossary(glossary_path)
    editions = republish(package, source, translations, manifest, glossary, progress)
    outcomes = [
        LanguageOutcome(
            lang,
            produced=lang in translations,
            engine=entry.get("engine", ""),
            reason=entry.get("reason", ""),
            next_step=entry.get("next", ""),
        )
        for lang, entry in manifest.get("languages", {}).items()
    ]
    return _result(package, package_dir, source, outcomes, editions)


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
    source, translations, manifest = load_package(package)
    data = xliff_path.read_bytes()
    imported = read_translations(data, source, origin=xliff_path.name)
    glossary = load_glossary(glossary_path)
    progress.step(f"{xliff_path.name}: importing {get_language(imported.lang).name}")
    if memory is not None:
        segments = source.segment_map()
        pairs = {segments[sid].text: text for sid, text in imported.texts.items()}
        memory.store_human(pairs, source.lang, imported.lang)
    total = sum(1 for _ in source.segments())
    translations.pop(imported.lang, None)
    if imported.complete:
        translated = source.with_texts(imported.lang, imported.texts, "human")
        translations[imported.lang] = translated
        outcome = LanguageOutcome(
            imported.lang,
            produced=True,
            engine="human",
            model=xliff_path.name,
            version=sha256_bytes(data)[:12],
            terms=term_accuracy(glossary, glossary.match_document(source), translated),
            provenance={s.id: "human" for s in translated.segments()},
        )
    else:
        outcome = LanguageOutcome(
            imported.lang,
            produced=False,
            reason=f"{xliff_path.name} has {len(imported.texts)} of {total} segments translated",
            next_step=f"finish review/{imported.lang}.xliff and import it again",
        )
    manifest.setdefault("languages", {})[imported.lang] = outcome.to_dict()
    editions = republish(
        package,
        source,
        translations,
        manifest,
        glossary,
        progress,
        drafts={imported.lang: imported.texts},
    )
    return _result(package, xliff_path, source, [outcome], editions)


def _result(
    package: Package,
    input_path: Path,
    source: Document,
    outcomes: list[LanguageOutcome],
    editions: dict[str, Edition],
) -> ArticleResult:
    return ArticleResult(
        input=input_path,
        package_dir=package.root,
        source_lang=source.lang,
        title=source.title,
        segments=sum(1 for _ in source.segments()),
        languages=outcomes,
        written=sorted(set(package.changed)),
        unchanged=sorted(set(package.files) - set(package.changed)),
        editions=editions,
    )


@dataclass
class TranslationReport:
    """``kuma translate``: one document in one language and its glossary check."""

    source: Document
    document: Document
    outcome: LanguageOutcome

    def to_dict(self) -> dict[str, Any]:
        sources = self.source.segment_map()
        return {
            "lang": self.document.lang,
            **self.outcome.to_dict(),
            "segments": [
                {
                    "id": s.id,
                    "source": sources[s.id].text,
                    "text": s.text,
                    "provenance": s.provenance,
                }
                for s in self.document.segments()
            ],
        }


def translate_article(
    path: Path,
    lang: str,
    engine: str = "auto",
    model: str | None = None,
    beam_size: int = 4,
    translations: tuple[Path, ...] = (),
    memory: bool = True,
    source_lang: str | None = None,
    glossary_path: Path | None = None,
) -> TranslationReport:
    """Translate one article into ``lang`` without writing a package."""
    from pipeline.ingest import read_document

    targets = parse_targets(lang)
    if len(targets) != 1:
        raise LanguageError(f"kuma translate takes one language, not {lang!r}")
    target = targets[0]
    options = RunOptions(
        langs=target.code,
        engine=engine,
        model=model,
        beam_size=beam_size,
        translations=translations,
        memory=memory,
        source_lang=source_lang,
    )
    glossary = load_glossary(glossary_path)
    check_engine(engine_settings(options, glossary, memory=None), [target.code])
    document = read_document(path, glossary=glossary, lang=source_lang)
    store = TranslationMemory() if memory else None
    try:
        settings = engine_settings(options, glossary, store)
        outcome, translated = translate_language(
            document, target.code, settings, glossary.match_document(document)
        )
    finally:
        if store is not None:
            store.close()
    if translated is None:
        raise TranslationUnavailable(f"cannot translate into {target.code}: {outcome.reason}")
    return TranslationReport(document, translated, outcome)


class TranslationUnavailable(KumaError):
    """No engine could translate into the language asked for."""
