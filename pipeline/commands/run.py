"""``kuma run``: one command from article to package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import (
    easy_option,
    format_option,
    glossary_option,
    json_option,
    langs_option,
    loudness_option,
    memory_option,
    out_option,
    publication_options,
    quiet_option,
    source_lang_option,
    translation_options,
    voice_option,
)

if TYPE_CHECKING:
    from pipeline.usecases import ArticleResult


def _summary(result: ArticleResult) -> str:
    lines = [
        f"{result.package_dir}: {result.title!r} ({result.source_lang}, "
        f"{result.segments} segments; {len(result.written)} files written, "
        f"{len(result.unchanged)} unchanged)"
    ]
    for outcome in result.languages:
        if outcome.produced:
            terms = outcome.terms
            accuracy = f"terms {terms.found}/{terms.expected}" if terms.expected else "no terms"
            flagged = f", {len(terms.missing)} missing" if terms.missing else ""
            unknown = f", {len(terms.unknown)} without a glossary form" if terms.unknown else ""
            memory = f", {outcome.remembered} from memory" if outcome.remembered else ""
            lines.append(
                f"  {outcome.lang}: produced by {outcome.engine} "
                f"({accuracy}{flagged}{unknown}{memory})"
            )
        else:
            lines.append(f"  {outcome.lang}: not produced: {outcome.reason}")
            lines.append(f"      kit: review/{outcome.lang}.xliff; next: {outcome.next_step}")
    for lang, published in result.publications.items():
        edition = published.edition
        easy = edition.easy.get("easy", {})
        unmet = edition.easy.get("unmet") or []
        readable = (
            f"; easy version {easy.get('words_per_sentence', 0):.1f} words/sentence"
            + (f" (targets missed: {', '.join(unmet)})" if unmet else "")
            if easy
            else ""
        )
        lines.append(f"  {lang}: {published.audio_summary or 'no audio stage'}{readable}")
    lines.append(f"  {result.redone.summary()}")
    return "\n".join(lines)


@click.command()
@click.argument(
    "inputs",
    metavar="INPUT...",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
)
@langs_option
@out_option
@translation_options
@memory_option
@voice_option
@loudness_option
@publication_options
@format_option
@easy_option
@source_lang_option
@glossary_option
@json_option
@quiet_option
@click.pass_context
def run(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    langs: str,
    out_root: Path,
    translations: tuple[Path, ...],
    engine: str,
    model: str | None,
    beam_size: int,
    use_memory: bool,
    voice: str,
    loudness: str,
    opening: bool,
    wav: bool,
    audio_format: str,
    easy: bool,
    source_lang: str | None,
    glossary_path: Path | None,
    as_json: bool,
    quiet: bool,
) -> None:
    """Turn articles into translated, glossary-checked packages under OUT/<slug>/.

    Languages with no translation available get an XLIFF kit in review/ and the
    command exits with code 3 after saying what to run next.
    """
    from pipeline.progress import Progress
    from pipeline.usecases import PublishSettings, RunOptions, run_articles
    from pipeline.usecases.options import NO_VOICE

    options = RunOptions(
        langs=langs.split(","),
        out=out_root,
        glossary=glossary_path,
        translations=translations,
        engine=engine,
        model=model,
        beam_size=beam_size,
        memory=use_memory,
        source_lang=source_lang,
        publish=PublishSettings(
            voice=None if voice == NO_VOICE else voice,
            loudness=loudness,
            opening=opening,
            wav=wav,
            easy=easy,
            format=audio_format,
        ),
    )
    print_results(ctx, run_articles(inputs, options, Progress(silent=quiet)), as_json)


@click.command()
@click.argument(
    "package_dir",
    metavar="OUTDIR",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
)
@glossary_option
@json_option
@quiet_option
@click.pass_context
def publish(
    ctx: click.Context, package_dir: Path, glossary_path: Path | None, as_json: bool, quiet: bool
) -> None:
    """Render again the publications of an article folder (OUT/<slug>/) from what is there.

    Text, easy-to-read versions, audio, captions, scripts, HTML and EPUB are made
    from the documents in the folder, with the settings of the run that made it.
    """
    from pipeline.progress import Progress
    from pipeline.usecases import publish_package

    print_results(ctx, [publish_package(package_dir, glossary_path, Progress(quiet))], as_json)


def print_results(ctx: click.Context, results: list[ArticleResult], as_json: bool) -> None:
    """Print the summary (or JSON) on stdout; exit 3 when a language was not produced."""
    from pipeline.usecases import EXIT_INCOMPLETE

    if as_json:
        click.echo(json.dumps([r.to_dict() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            click.echo(_summary(result))
    if not all(r.complete for r in results):
        ctx.exit(EXIT_INCOMPLETE)


COMMANDS = [run, publish]
