"""``kuma tm``: look into and clear the translation memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from pipeline.commands.models import format_size
from pipeline.commands.options import json_option
from pipeline.langs import get_language
from pipeline.translate.memory import TranslationMemory


def memory_file_option(func: Any) -> Any:
    """``--memory FILE``: which translation memory (default: ``$KUMA_TM`` or Kuma's home)."""
    return click.option(
        "--memory",
        "memory_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        envvar="KUMA_TM",
        help="Translation memory file (default: memory.sqlite in Kuma's home folder).",
    )(func)


@click.group()
def tm() -> None:
    """The translation memory: sentences already translated, reused by the next run."""


@tm.command()
@memory_file_option
@json_option
def stats(memory_path: Path | None, as_json: bool) -> None:
    """How many translations are remembered, per engine and language pair."""
    with TranslationMemory(memory_path) as memory:
        result = memory.stats()
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(format_stats(result))


def format_stats(result: dict[str, Any]) -> str:
    """A short table of the memory's contents."""
    head = f"Translation memory {result['path']}"
    if not result["entries"]:
        return f"{head}: empty"
    lines = [f"{head}: {result['entries']} entries, {format_size(result['size_bytes'])}"]
    rows = [
        (engine, pair, count)
        for engine, pairs in result["by_engine_pair"].items()
        for pair, count in pairs.items()
    ]
    width = max(len("engine"), *(len(engine) for engine, _, _ in rows))
    lines.append(f"{'engine':<{width}}  {'pair':<7}  {'entries':>7}")
    lines += [f"{engine:<{width}}  {pair:<7}  {count:>7}" for engine, pair, count in rows]
    return "\n".join(lines)


@tm.command()
@memory_file_option
@click.option("--engine", default=None, help="Only entries of this engine (nllb, human...).")
@click.option("--lang", default=None, help="Only entries translated into this language.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def clear(memory_path: Path | None, engine: str | None, lang: str | None, yes: bool) -> None:
    """Forget remembered translations (all of them unless --engine or --lang)."""
    if lang is not None:
        lang = get_language(lang).code
    memory = TranslationMemory(memory_path)
    what = describe_selection(engine, lang)
    if not yes:
        click.confirm(f"Remove {what} from {memory.path}?", abort=True, err=True)
    with memory:
        removed = memory.clear(engine=engine, lang=lang)
    click.echo(f"Removed {removed} {'entry' if removed == 1 else 'entries'} from {memory.path}")


def describe_selection(engine: str | None, lang: str | None) -> str:
    """``every entry``, ``the nllb entries``, ``the entries into fr``..."""
    if engine is None and lang is None:
        return "every entry"
    into = f" into {lang}" if lang else ""
    return f"the {engine} entries{into}" if engine else f"the entries{into}"


COMMANDS = [tm]
