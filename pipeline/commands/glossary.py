"""``kuma glossary``: check, match, export and grow the termbase."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from pipeline.commands.options import glossary_option, input_argument, json_option


@click.group()
def glossary() -> None:
    """The named-entity glossary that translations must respect.

    Kuma ships glossaries/sahel.csv; use --glossary (or KUMA_GLOSSARY) for another
    CSV or TBX file.
    """


@glossary.command("check")
@click.argument(
    "glossary_file",
    metavar="[FILE]",
    required=False,
    envvar="KUMA_GLOSSARY",
    type=click.Path(path_type=Path, dir_okay=False),
)
def check(glossary_file: Path | None) -> None:
    """Validate a glossary CSV or TBX file (default: the one Kuma uses) and summarise it."""
    from pipeline.glossary import default_glossary_path, load_glossary

    loaded = load_glossary(glossary_file)
    shown = glossary_file or default_glossary_path()
    languages = ", ".join(loaded.languages)
    click.echo(f"{shown}: {len(loaded)} terms, languages: {languages} — OK")


@glossary.command("match")
@input_argument
@glossary_option
@json_option
def match(input_path: Path, glossary_path: Path | None, as_json: bool) -> None:
    """List the glossary terms an article mentions, per segment."""
    from pipeline.glossary import load_glossary
    from pipeline.ingest import read_document

    loaded = load_glossary(glossary_path)
    mentions = loaded.match_document(read_document(input_path, glossary=loaded))
    if as_json:
        click.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=2))
        return
    rows = [(m.segment, m.term, m.text, f"{m.start}-{m.end}") for m in mentions]
    click.echo(_table(("SEGMENT", "TERM", "TEXT", "SPAN"), rows) if rows else "no terms found")


@glossary.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "csv"]),
    default="tbx",
    show_default=True,
    help="TBX-Basic (for CAT tools and Weblate) or Kuma's CSV.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="File to write (default: standard output).",
)
@glossary_option
def export(fmt: str, output: Path | None, glossary_path: Path | None) -> None:
    """Write the glossary as TBX-Basic or CSV."""
    from pipeline.glossary import load_glossary
    from pipeline.glossary.load import dump_glossary
    from pipeline.storage import write_atomic

    data = dump_glossary(load_glossary(glossary_path), fmt)
    if output is None:
        click.echo(data, nl=False)
        return
    write_atomic(output, data)
    click.echo(f"wrote {output}", err=True)


@glossary.command("suggest")
@input_argument
@glossary_option
@json_option
def suggest(input_path: Path, glossary_path: Path | None, as_json: bool) -> None:
    """Propose names and acronyms an article uses that the glossary lacks."""
    from pipeline.glossary import load_glossary
    from pipeline.glossary.suggest import suggest_terms
    from pipeline.ingest import read_document

    loaded = load_glossary(glossary_path)
    suggestions = suggest_terms(read_document(input_path, glossary=loaded), loaded)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in suggestions], ensure_ascii=False, indent=2))
        return
    rows = [(str(s.count), s.text, ", ".join(s.segments)) for s in suggestions]
    click.echo(_table(("COUNT", "TEXT", "SEGMENTS"), rows) if rows else "nothing to suggest")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = (
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    )
    return "\n".join(lines)


COMMANDS = [glossary]
