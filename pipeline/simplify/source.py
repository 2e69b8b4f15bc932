"""Finding the document to simplify: an article file, or one version in a Kuma output folder."""

from __future__ import annotations

from pathlib import Path

from pipeline.document import Document
from pipeline.errors import InputError
from pipeline.glossary import Glossary
from pipeline.langs import get_language

SOURCE_DIR = "source"
ARTICLE_JSON = "article.json"


def read_input(path: Path, glossary: Glossary, lang: str | None = None) -> Document:
    """The document at ``path``.

    A file is read as an article (``lang`` names its language, else it is detected).
    A folder is a Kuma output folder: ``lang`` picks the version (``<lang>/article.json``),
    the source (``source/article.json``) when ``lang`` is omitted or is the source's.
    """
    code = get_language(lang).code if lang else None
    if path.is_dir():
        return _from_package(path, code)
    from pipeline.ingest import read_document

    return read_document(path, glossary=glossary, lang=code)


def _from_package(folder: Path, lang: str | None) -> Document:
    source_file = folder / SOURCE_DIR / ARTICLE_JSON
    if not source_file.is_file():
        raise InputError(f"{folder} is not a Kuma output folder (no {SOURCE_DIR}/{ARTICLE_JSON})")
    source = _load(source_file)
    if lang is None or lang == source.lang:
        return source
    version = folder / lang / ARTICLE_JSON
    if not version.is_file():
        raise InputError(
            f"{folder} has no {get_language(lang).name} version ({lang}/{ARTICLE_JSON})"
        )
    return _load(version)


def _load(path: Path) -> Document:
    try:
        return Document.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path} is not a readable Kuma document: {exc}") from None
