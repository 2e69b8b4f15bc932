"""``kuma ingest``: read an article and show how Kuma sees it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import (
    glossary_option,
    input_argument,
    json_option,
    source_lang_option,
)

if TYPE_CHECKING:
    from pipeline.document import Document


@click.command()
@input_argument
@source_lang_option
@glossary_option
@json_option
def ingest(
    input_path: Path, source_lang: str | None, glossary_path: Path | None, as_json: bool
) -> None:
    """Read INPUT (.txt, .md, .html, .docx, .pdf) into blocks and numbered sentences.

    Page furniture (navigation, share buttons, repeated captions) is dropped and
    glossary terms are never split.  Prints an outline, or the document as JSON
    with --json.
    """
    from pipeline.glossary import load_glossary
    from pipeline.ingest import read_document

    document = read_document(input_path, glossary=load_glossary(glossary_path), lang=source_lang)
    click.echo(document.to_json() if as_json else outline(document), nl=not as_json)


def outline(document: Document) -> str:
    """A readable outline: the title, a summary line, then each block and its sentences."""
    segments = sum(len(block.segments) for block in document.blocks)
    lines = [
        document.title,
        f"{document.source_name}: {document.lang}, {_count(len(document.blocks), 'block')}, "
        f"{_count(segments, 'sentence')}",
    ]
    id_width = max((len(s.id) for s in document.segments()), default=0)
    for block in document.blocks:
        lines.append("")
        lines.append(f"{block.id} {block.kind.value}")
        lines.extend(f"  {s.id.ljust(id_width)}  {s.text}" for s in block.segments)
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


COMMANDS = [ingest]
