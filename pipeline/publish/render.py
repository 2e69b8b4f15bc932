"""Rendering every publication of a package from its documents."""

from __future__ import annotations

from pipeline.document import Document
from pipeline.glossary import Glossary, Mention
from pipeline.package import Package
from pipeline.publish.html import Alternate, render_html
from pipeline.publish.text import render_text

SOURCE_DIR = "source"


def folder(lang: str, source_lang: str) -> str:
    """The package folder of one language: ``source`` for the original."""
    return SOURCE_DIR if lang == source_lang else lang


def render_package(
    package: Package,
    source: Document,
    translations: dict[str, Document],
    targets: list[str],
    glossary: Glossary,
    mentions: list[Mention],
    drafts: dict[str, dict[str, str]] | None = None,
) -> None:
    """Write the source files, each translation's files and an XLIFF kit per target.

    A kit keeps the targets of ``drafts`` (a translator's partial work just imported)
    or, failing that, those already in the package's kit for the same source: a
    re-run never throws away a translator's work.
    """
    from pipeline.review.xliff import build_kit

    documents = {source.lang: source, **translations}
    alternates = [
        Alternate(lang, f"../{folder(lang, source.lang)}/article.html") for lang in documents
    ]
    for lang, doc in documents.items():
        base = folder(lang, source.lang)
        package.write(f"{base}/article.json", doc.to_json())
        package.write(f"{base}/article.txt", render_text(doc))
        package.write(f"{base}/article.html", render_html(doc, alternates))
    for lang in targets:
        done = translations.get(lang)
        if done is not None:
            texts: dict[str, str] | None = {s.id: s.text for s in done.segments()}
        else:
            texts = (drafts or {}).get(lang) or _kit_targets(package, source, lang)
        package.write(f"review/{lang}.xliff", build_kit(source, lang, glossary, mentions, texts))


def _kit_targets(package: Package, source: Document, lang: str) -> dict[str, str] | None:
    """Targets already present in the package's kit for ``lang``, if it fits this source."""
    from pipeline.errors import XliffError
    from pipeline.review.xliff import read_translations

    path = package.path(f"review/{lang}.xliff")
    if not path.is_file():
        return None
    try:
        return read_translations(path.read_bytes(), source, origin=path.name).texts or None
    except XliffError:
        return None  # a kit for an older version of the article: start afresh
