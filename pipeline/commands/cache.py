"""``kuma cache``: the cache of work already done (easy versions, clips, programmes, audio)."""

from __future__ import annotations

import json

import click

from pipeline.commands.models import format_size
from pipeline.commands.options import json_option

KINDS = {
    "easy": "easy-to-read versions",
    "sentences": "easy-to-read sentences, one entry per segment",
    "clips": "spoken clips, one per sentence",
    "programmes": "mastered recordings",
    "audio": "whole audio deliverables (recordings, captions, figures)",
    "codec": "the MP3 encoder's measured gain and delay",
}
"""What each kind of entry holds, for people."""


@click.group()
def cache() -> None:
    """The cache: work already done, reused when nothing it depends on changed.

    It lives in Kuma's home (KUMA_CACHE, else KUMA_HOME/cache) and is bounded by
    KUMA_CACHE_SIZE megabytes (default 2048): the least recently used entries go first.
    Clearing it loses no result, only the time to make it again.
    """


@cache.command()
@json_option
def stats(as_json: bool) -> None:
    """Entries and size per kind, and where the cache is."""
    from pipeline.storage import default_cache

    store = default_cache()
    kinds = store.stats()
    total = sum(entry["bytes"] for entry in kinds.values())
    if as_json:
        click.echo(json.dumps({"path": str(store.folder), "limit_bytes": store.limit,
                               "bytes": total, "kinds": kinds}, indent=2))
        return
    head = f"Cache {store.folder}: {format_size(total)} of {format_size(store.limit)}"
    if not kinds:
        click.echo(f"{head}; empty")
        return
    click.echo(head)
    for kind, entry in kinds.items():
        what = KINDS.get(kind, kind)
        click.echo(f"  {kind:<11} {entry['entries']:>6} entries  {format_size(entry['bytes']):>9}"
                   f"  {what}")


@cache.command()
@click.option("--kind", type=click.Choice(sorted(KINDS)), default=None,
              help="Only this kind of entry (default: everything).")
def clear(kind: str | None) -> None:
    """Remove cached work (it is made again when next needed)."""
    from pipeline.storage import default_cache

    removed = default_cache().clear(kind)
    click.echo(f"removed {removed} cache entr{'y' if removed == 1 else 'ies'}")


COMMANDS = [cache]
