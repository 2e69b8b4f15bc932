"""What a run of a batch has to do, from its journal and its inputs.

A document is skipped when the journal has it done with the same input (by hash) and
its package is still whole: the manifest's every file there with its hash, and no
commit left half-way.  Everything else is queued: new and changed documents, those
whose package was damaged since, those interrupted (``running`` in the journal of a
batch that died), and failed ones when ``--retry-failed`` asks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.batch.inputs import Source
from pipeline.batch.journal import Entry, Journal, State
from pipeline.batch.work import Task
from pipeline.package import COMMIT_MARKER, MANIFEST


@dataclass
class Plan:
    """The documents to make, and those left as they are."""

    tasks: list[Task] = field(default_factory=list)
    """To make, the largest first."""
    skipped: list[str] = field(default_factory=list)
    """Done before with the same input, package whole."""
    failed: list[str] = field(default_factory=list)
    """Failed before and not retried."""
    notes: dict[str, str] = field(default_factory=dict)
    """Why a finished document is made again (its package changed), by name."""


def plan(journal: Journal, sources: Sequence[Source], retry_failed: bool = False) -> Plan:
    """Decide, document by document, and queue in the journal what is to be made."""
    result = Plan()
    entries = journal.entries()
    sizes: dict[str, int] = {}
    for source in sources:
        if source.error:
            continue
        digest = file_hash(source.path)
        entry = entries.get(source.name)
        verdict = _verdict(journal.path.parent, entry, digest, retry_failed)
        if verdict == "skip":
            result.skipped.append(source.name)
            continue
        if verdict == "failed":
            result.failed.append(source.name)
            continue
        if verdict:
            result.notes[source.name] = verdict
        journal.queue(source.name, source.path, digest)
        sizes[source.name] = _size(source.path)
        result.tasks.append(Task(source.name, str(source.path)))
    result.tasks.sort(key=lambda t: (-sizes[t.name], t.name))
    return result


def _verdict(out: Path, entry: Entry | None, digest: str, retry_failed: bool) -> str:
    """``skip``, ``failed`` (leave it), or empty / a note: make it."""
    if entry is None or entry.input_sha256 != digest:
        return ""
    if entry.state is State.FAILED:
        return "" if retry_failed else "failed"
    if entry.state is State.DONE:
        damage = package_damage(out / entry.package) if entry.package else "it has no package"
        return f"made again: {damage}" if damage else "skip"
    return ""


def package_damage(folder: Path) -> str:
    """What is wrong with a finished package (empty when it is whole): a file its manifest
    lists is missing or changed, or a commit was interrupted."""
    if (folder / COMMIT_MARKER).exists():
        return "its last commit was interrupted"
    try:
        files = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return "its manifest is missing or damaged"
    for relative, expected in sorted(files.items()):
        path = folder / relative
        if not path.is_file():
            return f"{relative} is missing"
        if file_hash(path) != expected:
            return f"{relative} was changed"
    return ""


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (empty when it cannot be read: its worker will say why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
