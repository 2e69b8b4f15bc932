"""``kuma models``: list, pull, import and convert translation models and voices."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import json_option, quiet_option
from pipeline.progress import Progress

if TYPE_CHECKING:
    from pipeline.models.listing import ModelStatus


def format_size(size: int | float) -> str:
    """``512 B``, ``12.0 KB``, ``2.5 GB`` (decimal units, as disks and downloads count)."""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    raise AssertionError("unreachable")


@click.group()
def models() -> None:
    """Translation models and voices: what is on this machine, and how to get more.

    Models are never downloaded during `kuma run`: pull them here, or import a
    folder copied from another machine.
    """


@models.command(name="list")
@json_option
def list_command(as_json: bool) -> None:
    """Every known model and imported one: on disk or not, size, CTranslate2 conversion."""
    from pipeline.models.listing import list_models

    rows = list_models()
    if as_json:
        click.echo(json.dumps([row.to_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    click.echo(format_models(rows))


def _disk(row: ModelStatus) -> tuple[str, str]:
    if row.on_disk:
        return row.where, format_size(row.size_bytes)
    if row.problem:
        return "damaged" if "damaged" in row.problem else "incomplete", ""
    return "no", f"~{format_size(row.download_mb * 1e6)}" if row.download_mb else ""


def format_models(rows: list[ModelStatus]) -> str:
    """The ``kuma models list`` table, then the problems found and where models live."""
    from pipeline.models.locate import hf_hub_cache, models_dir

    table = [("name", "kind", "languages", "on disk", "size", "ct2 int8")]
    for row in rows:
        where, size = _disk(row)
        ct2 = f"yes, {format_size(row.ct2_size_bytes)}" if row.converted else "no"
        if row.kind == "voice":
            ct2 = "-"
        table.append((row.name, row.kind, " ".join(row.languages) or "-", where, size, ct2))
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in table
    ]
    lines += [f"! {row.name}: {row.problem}" for row in rows if row.problem]
    lines += [
        f"Hugging Face cache: {hf_hub_cache()}",
        f"Kuma models: {models_dir()}",
        "Get one with `kuma models pull NAME`, or `kuma models import PATH --name NAME`.",
    ]
    return "\n".join(lines)


@models.command()
@click.argument("name")
@click.option(
    "--no-convert", is_flag=True, help="Do not convert to CTranslate2 int8 after downloading."
)
@quiet_option
def pull(name: str, no_convert: bool, quiet: bool) -> None:
    """Download model NAME (see `kuma models list`), then convert it to CTranslate2 int8.

    The download goes to the Hugging Face cache (HF_HOME); HF_HUB_OFFLINE=1 forbids it.
    NAME-ct2 downloads NAME and always converts it.
    """
    from pipeline.models.pull import pull_model

    progress = Progress(silent=quiet)
    result = pull_model(name, convert=not no_convert, show_progress=not quiet, report=progress.step)
    state = "downloaded to" if result.downloaded else "already in"
    click.echo(f"{result.model.alias}: {state} {result.path}")
    if result.converted is not None:
        click.echo(f"{result.converted.name}: converted to {result.converted.path}")
    if result.note:
        click.echo(f"{result.model.alias}: {result.note}")


@models.command(name="import")
@click.argument("path", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--name", required=True, help="Name to give it (what --model will take).")
@click.option("--force", is_flag=True, help="Replace a model already stored under that name.")
@quiet_option
def import_command(path: Path, name: str, force: bool, quiet: bool) -> None:
    """Check the model folder PATH (e.g. copied from a USB stick) and store it as NAME."""
    from pipeline.models.store import import_model

    stored = import_model(path, name, replace=force, report=Progress(silent=quiet).step)
    click.echo(
        f"{stored.name}: {stored.family} ({stored.format}, "
        f"{format_size(stored.size_bytes)}) imported to {stored.path}"
    )


@models.command()
@click.argument("name")
@quiet_option
def convert(name: str, quiet: bool) -> None:
    """Convert translation model NAME to CTranslate2 int8, stored as NAME-ct2."""
    from pipeline.models.convert import convert_model

    stored = convert_model(name, show_progress=not quiet, report=Progress(silent=quiet).step)
    click.echo(f"{stored.name}: {format_size(stored.size_bytes)} written to {stored.path}")


COMMANDS = [models]
