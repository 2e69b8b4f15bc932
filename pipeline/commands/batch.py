"""``kuma batch``: folders of reports into packages, resumable, in parallel, or on Ray."""

from __future__ import annotations

import sys
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
    out_option,
    publication_options,
    quiet_option,
    source_lang_option,
    translation_options,
    voice_option,
)

if TYPE_CHECKING:
    from pipeline.batch import BatchSummary


@click.command()
@click.argument("inputs", metavar="PATH...", nargs=-1, required=True)
@langs_option
@out_option
@click.option("--include", multiple=True, metavar="GLOB",
              help="Only files in folders whose path inside the folder matches (repeatable; "
              "* crosses folders: '*.pdf', '2024/*').")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Leave out files in folders whose path inside the folder matches "
              "(repeatable).")
@click.option("--workers", type=click.IntRange(1, 512), default=None,
              help="Worker processes (or Ray actors), each with its own copy of the models "
              "[default: one per core, as many as the free memory holds].")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="Run on worker processes here, or on a Ray cluster.")
@click.option("--address", metavar="ADDR", envvar="RAY_ADDRESS",
              help="Ray cluster to use with --executor ray (host:port or ray://host:10001) "
              "[default: RAY_ADDRESS, else a Ray started on this machine].")
@click.option("--timeout", type=click.FloatRange(min=1), default=None, metavar="SECONDS",
              help="Stop a document that takes longer, and count it as failed [default: none].")
@click.option("--retry-failed", is_flag=True,
              help="Make again the documents that failed in an earlier run.")
@click.option("--restart", is_flag=True,
              help="Forget the journal and make every document again (also after changing "
              "languages or settings).")
@translation_options
@click.option("--memory/--no-memory", "use_memory", default=False, show_default=True,
              help="Use the translation memory.  Off by default in a batch: the journal already "
              "skips finished documents, and with it a package records which sentences the "
              "memory gave, which then depends on which documents ran before it.")
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
def batch(
    ctx: click.Context,
    inputs: tuple[str, ...],
    langs: str,
    out_root: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    workers: int | None,
    executor: str,
    address: str | None,
    timeout: float | None,
    retry_failed: bool,
    restart: bool,
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
    """Turn every document in PATH... (files, folders, @list.txt files) into a package
    under OUT/<name>/, with a journal that lets the same command resume after a crash.

    Folders are searched recursively for the files `kuma run` reads (.txt, .md, .html,
    .docx, .pdf).  A document that fails (damaged, empty, scanned, too large, too slow)
    fails alone.  At the end OUT/index.html and OUT/batch.json list every document.

    Exits with 0 when everything was produced, 3 when some documents or languages were
    not, 1 when the batch could not start.
    """
    from pipeline.batch import BatchOptions, run_batch
    from pipeline.batch.progress import batch_progress
    from pipeline.usecases import PublishSettings, RunOptions
    from pipeline.usecases.options import NO_VOICE

    options = RunOptions(
        langs=langs.split(","), out=out_root, glossary=glossary_path, translations=translations,
        engine=engine, model=model, beam_size=beam_size, memory=use_memory,
        source_lang=source_lang,
        publish=PublishSettings(voice=None if voice == NO_VOICE else voice, loudness=loudness,
                                opening=opening, wav=wav, easy=easy, format=audio_format),
    )
    settings = BatchOptions(include=include, exclude=exclude, workers=workers,
                            executor=executor, address=address, timeout=timeout,
                            retry_failed=retry_failed, restart=restart)
    summary = run_batch(inputs, options, settings, batch_progress(quiet, sys.stderr))
    click.echo(summary.to_json() if as_json else describe(summary), nl=not as_json)
    ctx.exit(summary.exit_code)


def describe(summary: BatchSummary) -> str:
    """The summary in a few lines: totals, then each document that needs attention."""
    totals = summary.totals()
    n = totals["documents"]
    lines = [f"{n} document{'s' * (n != 1)}: {totals['done']} done"
             + (f" ({totals['skipped']} already before)" if totals["skipped"] else "")
             + (f", {totals['failed']} failed" if totals["failed"] else "")
             + (f", {totals['pending']} not made" if totals["pending"] else "")]
    for doc in summary.documents:
        if doc.state != "done":
            lines.append(f"  {doc.name}: {doc.state}: {doc.error}")
        elif not doc.complete:
            missing = [lang.lang for lang in doc.languages if not lang.produced]
            lines.append(f"  {doc.name}: not produced in {', '.join(missing)} "
                         f"(kits in {doc.package}/review/)")
    lines += [f"  note: {note}" for note in summary.notes]
    lines.append(f"index: {summary.out / 'index.html'}")
    return "\n".join(lines)


COMMANDS = [batch]
