"""Use cases on one document that make no package: translate it, export its kits,
simplify it (``kuma translate``, ``kuma xliff export``, ``kuma simplify``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.document import Document
from pipeline.errors import InputError, KumaError, LanguageError, OutputError
from pipeline.glossary import Glossary, load_glossary
from pipeline.langs import get_language, parse_targets
from pipeline.progress import SILENT, Progress
from pipeline.storage import default_cache, inside, write_atomic
from pipeline.translate.memory import TranslationMemory
from pipeline.translate.select import check_engine
from pipeline.usecases.options import RunOptions
from pipeline.usecases.results import TranslationReport
from pipeline.usecases.translation import engine_settings, translate_language

if TYPE_CHECKING:
    from pipeline.speech.outputs import AudioOutputs, SpeechOptions


class TranslationUnavailable(KumaError):
    """No engine could translate into the language asked for."""


def translate_article(
    path: Path,
    lang: str,
    engine: str = "auto",
    model: str | None = None,
    beam_size: int = 4,
    translations: Sequence[Path] = (),
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
        langs=[target.code],
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


def export_kits(
    input_path: Path,
    langs: Sequence[str],
    out_dir: Path,
    glossary_path: Path | None = None,
    source_lang: str | None = None,
) -> list[Path]:
    """Write a translation kit ``<lang>.xliff`` per language into ``out_dir``."""
    from pipeline.ingest import read_document
    from pipeline.xliff import build_kit

    codes = [language.code for language in parse_targets(langs)]
    glossary = load_glossary(glossary_path)
    document = read_document(input_path, glossary=glossary, lang=source_lang)
    mentions = glossary.match_document(document)
    kits = {code: build_kit(document, code, glossary, mentions) for code in codes}
    paths = []
    for code, kit in kits.items():
        path = inside(out_dir, f"{code}.xliff")
        try:
            write_atomic(path, kit)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        paths.append(path)
    return paths


SOURCE_DIR = "source"
ARTICLE_JSON = "article.json"


def document_to_simplify(
    path: Path, glossary: Glossary, source_lang: str | None = None, lang: str | None = None
) -> Document:
    """The document ``kuma simplify`` works on.

    A file is read as an article in ``source_lang`` (else detected).  A folder is a
    Kuma package: ``lang`` picks one of its translations, else its source.
    """
    if path.is_dir():
        return _from_package(path, get_language(lang).code if lang else None)
    from pipeline.ingest import read_document

    code = get_language(source_lang).code if source_lang else None
    return read_document(path, glossary=glossary, lang=code)


def _from_package(folder: Path, lang: str | None) -> Document:
    from pipeline.package import Package
    from pipeline.usecases.existing import read_package_document

    package = Package(folder)
    if package.read(f"{SOURCE_DIR}/{ARTICLE_JSON}") is None:
        raise InputError(f"{folder} is not a Kuma output folder (no {SOURCE_DIR}/{ARTICLE_JSON})")
    source = read_package_document(package, f"{SOURCE_DIR}/{ARTICLE_JSON}")
    if lang is None or lang == source.lang:
        return source
    if package.read(f"{lang}/{ARTICLE_JSON}") is None:
        raise InputError(
            f"{folder} has no {get_language(lang).name} version ({lang}/{ARTICLE_JSON})"
        )
    return read_package_document(package, f"{lang}/{ARTICLE_JSON}")


@dataclass
class SpokenFile:
    """What ``kuma speak`` wrote and measured."""

    written: list[Path]
    """Files written, MP3 first."""
    outputs: AudioOutputs
    """The deliverables and their figures."""


def speak_file(
    path: Path,
    lang: str,
    out: Path,
    options: SpeechOptions,
    glossary: Glossary | None = None,
    captions: bool = False,
    progress: Progress = SILENT,
) -> SpokenFile:
    """Speak the text file ``path`` (in ``lang``) into the MP3 ``out``; with ``captions``,
    also ``out`` with ``.vtt`` and ``.srt``; with a WAV in ``options.master``, ``.wav``."""
    from pipeline.ingest import read_document
    from pipeline.speech.base import SpeechError
    from pipeline.speech.outputs import speech_outputs

    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {out}: the folder {folder} does not exist")
    language = get_language(lang)
    progress.step(f"{path.name}: speaking {language.name}")
    doc = read_document(path, glossary, lang=language.code)
    outputs = speech_outputs(doc, glossary, options, source_lang=doc.lang, means="source",
                             cache=default_cache())
    if outputs.mastered is None:
        raise SpeechError(outputs.speech.reason if outputs.speech else "no audio")
    wanted = {out: "article.mp3", out.with_suffix(".wav"): "article.wav"}
    if captions:
        wanted |= {out.with_suffix(".vtt"): "article.vtt", out.with_suffix(".srt"): "article.srt"}
    written = []
    for target, name in wanted.items():
        if name in outputs.files:
            try:
                write_atomic(target, outputs.files[name])
            except OSError as exc:
                raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
            written.append(target)
    return SpokenFile(written, outputs)
