"""``kuma translate``: one article into one language, printed, with its glossary check."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipeline.commands.options import (
    glossary_option,
    input_argument,
    json_option,
    memory_option,
    source_lang_option,
    translation_options,
)


@click.command()
@input_argument
@click.option("--lang", required=True, help="Target language (fr, ar, bm, dyu).")
@translation_options
@memory_option
@source_lang_option
@glossary_option
@json_option
def translate(
    input_path: Path,
    lang: str,
    translations: tuple[Path, ...],
    engine: str,
    model: str | None,
    beam_size: int,
    use_memory: bool,
    source_lang: str | None,
    glossary_path: Path | None,
    as_json: bool,
) -> None:
    """Translate an article into one language and print it (nothing is written).

    The glossary check goes to stderr: how many expected names kept their glossary
    form, and which segments miss one.  With --json, every segment with its source,
    translation, provenance and term check.
    """
    from pipeline.usecases import translate_article

    report = translate_article(
        input_path,
        lang,
        engine=engine,
        model=model,
        beam_size=beam_size,
        translations=translations,
        memory=use_memory,
        source_lang=source_lang,
        glossary_path=glossary_path,
    )
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from pipeline.publish.text import render_text

    click.echo(render_text(report.document), nl=False)
    terms = report.outcome.terms
    click.echo(
        f"{lang}: {report.outcome.engine} {report.outcome.model}".rstrip()
        + f"; terms {terms.found}/{terms.expected}",
        err=True,
    )
    for miss in terms.missing:
        click.echo(f"  {miss['segment']}: missing {miss['term']}", err=True)


COMMANDS = [translate]
