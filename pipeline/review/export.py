"""Exporting translation kits: one ``<lang>.xliff`` per target language, written atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.document import Document
from pipeline.review.kit import build_kit
from pipeline.storage import inside, write_atomic

if TYPE_CHECKING:
    from pipeline.glossary import Glossary


def export_kits(
    input_path: Path, langs: Sequence[str], out_dir: Path, glossary_path: Path | None = None
) -> list[Path]:
    """Read the article at ``input_path`` and write a kit per language into ``out_dir``."""
    from pipeline.glossary import load_glossary
    from pipeline.ingest import read_document

    glossary = load_glossary(glossary_path)
    doc = read_document(input_path, glossary=glossary)
    return write_kits(doc, langs, glossary, out_dir)


def write_kits(
    doc: Document, langs: Sequence[str], glossary: Glossary, out_dir: Path
) -> list[Path]:
    """Write ``<lang>.xliff`` for each of ``langs`` into ``out_dir``; return the paths."""
    mentions = glossary.match_document(doc)
    paths = []
    for lang in langs:
        path = inside(out_dir, f"{lang}.xliff")
        write_atomic(path, build_kit(doc, lang, glossary, mentions))
        paths.append(path)
    return paths
