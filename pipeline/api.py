"""The library API: what ``import pipeline`` offers scripts, with typed arguments.

::

    import pipeline

    doc = pipeline.read_document("Talks in Kidal\\n\\nThe army said ...")
    results = pipeline.run(["story.txt"], langs=["fr", "ar"], out="output",
                           translations=["kits/"], voice=None)
    results[0].package_dir, results[0].complete

The command line is a thin layer over these same functions.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.document import Document
from pipeline.glossary import Glossary, load_glossary
from pipeline.progress import SILENT, Progress
from pipeline.usecases import ArticleResult, PublishSettings, RunOptions, run_articles

if TYPE_CHECKING:
    from pipeline.batch import BatchSummary

TEXT_NAME = "text.txt"
"""The name a text given as a string is read under (its type is plain text)."""


def read_document(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    glossary: Glossary | Path | str | None = None,
    lang: str | None = None,
) -> Document:
    """The Document of an article: a file path, or the article itself as text or bytes.

    A ``Path`` (or any path-like object) is a file.  A ``str`` is the article's text —
    unless it names an existing file and holds no line break, then it is that file.
    ``bytes`` are a file's content.  ``name`` gives text or bytes a file name (its
    extension says the format: ``.md``, ``.html``, ``.docx``...; default plain text).
    ``glossary`` (a Glossary or a glossary file) keeps its names whole across sentence
    boundaries; ``lang`` skips language detection.
    """
    from pipeline.ingest import document_from_bytes
    from pipeline.ingest import read_document as read_file

    terms = _glossary(glossary)
    if isinstance(source, os.PathLike) or (
        isinstance(source, str) and "\n" not in source and Path(source).is_file()
    ):
        return read_file(Path(source), glossary=terms, lang=lang)
    data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
    return document_from_bytes(data, name or TEXT_NAME, terms, lang)


def _glossary(glossary: Glossary | Path | str | None) -> Glossary:
    if isinstance(glossary, Glossary):
        return glossary
    return load_glossary(Path(glossary) if glossary is not None else None)


def run(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    langs: Sequence[str] = ("fr", "ar", "bm"),
    out: str | os.PathLike[str] = "output",
    translations: Sequence[str | os.PathLike[str]] = (),
    engine: str = "auto",
    model: str | None = None,
    beam_size: int = 4,
    memory: bool = True,
    voice: str | None = "auto",
    loudness: float | str = "broadcast",
    audio_format: str = "compact",
    opening: bool = False,
    wav: bool = False,
    easy: bool = True,
    source_lang: str | None = None,
    glossary: str | os.PathLike[str] | None = None,
    progress: Progress | bool = False,
) -> list[ArticleResult]:
    """Turn article files into packages under ``out`` (what ``kuma run`` does).

    ``langs`` are the target languages; ``translations`` XLIFF files or folders with
    human translations; ``engine``/``model`` pick machine translation (``auto`` tries
    human translations, then CTranslate2, then transformers); ``voice=None`` makes no
    audio; ``loudness`` is ``broadcast``, ``podcast`` or a number of LUFS.  Each result
    says which languages were produced (``complete`` is False when some only have
    their kit) and which files were written.  Raises ``KumaError`` for bad input.
    """
    files = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    options = RunOptions(
        langs=list(langs),
        out=Path(out),
        glossary=Path(glossary) if glossary is not None else None,
        translations=[Path(t) for t in translations],
        engine=engine,
        model=model,
        beam_size=beam_size,
        memory=memory,
        source_lang=source_lang,
        publish=PublishSettings(voice=voice, loudness=loudness, opening=opening, wav=wav,
                                easy=easy, format=audio_format),
    )
    shown = progress if isinstance(progress, Progress) else (Progress() if progress else SILENT)
    return run_articles([Path(f) for f in files], options, shown)


def run_batch(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    langs: Sequence[str] = ("fr", "ar", "bm"),
    out: str | os.PathLike[str] = "output",
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    workers: int | None = None,
    executor: str = "local",
    address: str | None = None,
    timeout: float | None = None,
    retry_failed: bool = False,
    restart: bool = False,
    translations: Sequence[str | os.PathLike[str]] = (),
    engine: str = "auto",
    model: str | None = None,
    beam_size: int = 4,
    memory: bool = False,
    voice: str | None = "auto",
    loudness: float | str = "broadcast",
    audio_format: str = "compact",
    opening: bool = False,
    wav: bool = False,
    easy: bool = True,
    source_lang: str | None = None,
    glossary: str | os.PathLike[str] | None = None,
    progress: bool = False,
) -> BatchSummary:
    """Turn every document that ``inputs`` name (files, folders searched recursively,
    ``"@list.txt"`` files) into a package under ``out`` (what ``kuma batch`` does).

    A journal in ``out`` makes a second call with the same arguments resume: finished
    documents are skipped, interrupted ones made again, failed ones only with
    ``retry_failed``.  ``workers`` processes (or Ray actors with ``executor="ray"`` and
    the cluster's ``address``) share the work; ``timeout`` stops a document that takes
    longer.  The summary lists every document (``exit_code`` is 0 when everything was
    produced, 3 otherwise); ``out/index.html`` and ``out/batch.json`` show it.  Raises
    ``KumaError`` when the batch cannot start.
    """
    from pipeline.batch import BatchOptions
    from pipeline.batch import run_batch as run_documents
    from pipeline.batch.progress import batch_progress

    paths = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    options = RunOptions(
        langs=list(langs),
        out=Path(out),
        glossary=Path(glossary) if glossary is not None else None,
        translations=[Path(t) for t in translations],
        engine=engine,
        model=model,
        beam_size=beam_size,
        memory=memory,
        source_lang=source_lang,
        publish=PublishSettings(voice=voice, loudness=loudness, opening=opening, wav=wav,
                                easy=easy, format=audio_format),
    )
    settings = BatchOptions(include=tuple(include), exclude=tuple(exclude), workers=workers,
                            executor=executor, address=address, timeout=timeout,
                            retry_failed=retry_failed, restart=restart)
    return run_documents([os.fspath(p) for p in paths], options, settings,
                         batch_progress(quiet=not progress))
