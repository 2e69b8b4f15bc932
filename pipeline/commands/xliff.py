"""``kuma xliff``: translation kits for human translators, in XLIFF 2.1."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import click

from pipeline.commands.options import (
    glossary_option,
    input_argument,
    json_option,
    memory_option,
    quiet_option,
    source_lang_option,
)
from pipeline.langs import parse_targets


@click.group()
def xliff() -> None:
    """Translation kits in XLIFF 2.1 for human translators and reviewers.

    Export a kit per language, have it translated or corrected in any XLIFF 2
    tool, then use the files with `--engine human`.
    """


@xliff.command("export")
@input_argument
@click.option(
    "--lang",
    "langs",
    required=True,
    metavar="LANGS",
    help="Target languages, comma-separated (fr,ar,bm).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default="current folder",
    help="Folder to write <lang>.xliff into.",
)
@source_lang_option
@glossary_option
def export(
    input_path: Path,
    langs: str,
    out_dir: Path,
    source_lang: str | None,
    glossary_path: Path | None,
) -> None:
    """Write a translation kit (<lang>.xliff) for each language; print the paths."""
    from pipeline.usecases import export_kits

    codes = [language.code for language in parse_targets(langs)]
    for path in export_kits(input_path, codes, out_dir, glossary_path, source_lang):
        click.echo(str(path))


@xliff.command("import")
@click.argument(
    "xliff_path",
    metavar="FILE",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
)
@click.option(
    "--into",
    "package_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Output folder of the article (OUT/<slug>/ written by `kuma run`).",
)
@glossary_option
@memory_option
@json_option
@quiet_option
@click.pass_context
def import_(
    ctx: click.Context,
    xliff_path: Path,
    package_dir: Path,
    glossary_path: Path | None,
    use_memory: bool,
    as_json: bool,
    quiet: bool,
) -> None:
    """Bring a translated or corrected kit back into an article's output folder.

    The file is checked against the article first: a corrupt file, or one made
    for another article, is refused and changes nothing.  A complete translation
    is published (text, HTML); an incomplete one is kept in review/ and the
    command exits with code 3.
    """
    from pipeline.commands.run import print_results
    from pipeline.progress import Progress
    from pipeline.translate.memory import TranslationMemory
    from pipeline.usecases import import_xliff

    with TranslationMemory() if use_memory else nullcontext() as memory:
        result = import_xliff(package_dir, xliff_path, glossary_path, Progress(quiet), memory)
    print_results(ctx, [result], as_json)


COMMANDS = [xliff]
