"""The batch journal: one SQLite row per document, in the output folder.

Schema (``documents``)::

    name TEXT PRIMARY KEY      the document's name in the batch (2024/report.pdf)
    path TEXT                  its file, absolute
    input_sha256 TEXT          SHA-256 of its bytes when it was queued
    settings_sha256 TEXT       fingerprint of the settings it is made with
    state TEXT                 pending | running | done | failed
    error TEXT                 the one-line reason of a failure
    attempts INTEGER           how many workers started it in its last run (2: one died)
    worker TEXT                host:pid of the last worker that had it
    package TEXT               its package folder, relative to the output folder
    started, finished REAL     Unix times of the last attempt
    seconds REAL               how long the last attempt took
    memory_mb REAL             the worker's resident memory after it
    peak_mb REAL               the worker's peak resident memory so far
    notes TEXT                 JSON list of warnings the work gave

and ``meta`` (key, value): the schema version, the settings as JSON and their
fingerprint, the Kuma version that made the journal.

Only the coordinating process writes it (workers, local or on a cluster, report
back to it), one short transaction per change, with the rollback journal and full
synchronisation: after ``kill -9`` the file holds the last committed change, and a
``running`` row is a document whose worker died with the batch (one batch at a time
holds the folder's batch lock, so no live worker can own it).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.settings import differences, settings_hash
from pipeline.batch.work import Outcome
from pipeline.errors import BatchError, OutputError
from pipeline.package import LOCKS

JOURNAL = "batch.sqlite"
"""The journal's file name in the output folder."""
SCHEMA = 1
"""Version of the journal's tables."""
BATCH_LOCK = "batch.lock"
"""Lock file (in the output folder's lock folder) held by the running batch."""

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    name TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    settings_sha256 TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
    error TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    worker TEXT NOT NULL DEFAULT '',
    package TEXT NOT NULL DEFAULT '',
    started REAL,
    finished REAL,
    seconds REAL,
    memory_mb REAL,
    peak_mb REAL,
    notes TEXT NOT NULL DEFAULT '[]'
);
"""


class State(StrEnum):
    """Where a document is."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class Entry:
    """One document's row."""

    name: str
    path: str
    input_sha256: str
    settings_sha256: str
    state: State
    error: str = ""
    attempts: int = 0
    worker: str = ""
    package: str = ""
    started: float | None = None
    finished: float | None = None
    seconds: float | None = None
    memory_mb: float | None = None
    peak_mb: float | None = None
    notes: list[str] = field(default_factory=list)


_COLUMNS = [
    "name", "path", "input_sha256", "settings_sha256", "state", "error", "attempts", "worker",
    "package", "started", "finished", "seconds", "memory_mb", "peak_mb", "notes",
]


class Journal:
    """The journal of the batch in one output folder (see the module's docstring)."""

    def __init__(self, db: sqlite3.Connection, path: Path, digest: str) -> None:
        self.db = db
        self.path = path
        self.digest = digest
        """Fingerprint of this command's settings."""

    # -- opening -------------------------------------------------------------------

    @classmethod
    @contextmanager
    def opened(
        cls, out: Path, settings: dict[str, Any], restart: bool = False
    ) -> Iterator[Journal]:
        """The journal of ``out``, held by this process until the block ends.

        BatchError when another batch is running there, when the file is not a journal,
        or when it was made with other settings and something was done with them
        (``restart`` deletes it and starts again).
        """
        from filelock import FileLock, Timeout

        path = out / JOURNAL
        try:
            (out / LOCKS).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {out}: {exc.strerror or exc}") from None
        lock = FileLock(str(out / LOCKS / BATCH_LOCK))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise BatchError(
                f"another `kuma batch` is working in {out}: wait for it to finish, "
                "or give this one another --out"
            ) from None
        try:
            if restart:
                _remove(path)
            journal = cls(_connect(path), path, settings_hash(settings))
            try:
                journal._adopt(settings)
                yield journal
            finally:
                journal.db.close()
        finally:
            lock.release()

    def _adopt(self, settings: dict[str, Any]) -> None:
        """Record this command's settings, or refuse them when they are not the journal's."""
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        if meta and meta.get("schema") != str(SCHEMA):
            raise self._foreign(f"it was made by another version of Kuma ({meta.get('kuma')})")
        if meta.get("settings_sha256") not in (None, self.digest) and self._worked():
            changed = differences(json.loads(meta["settings"]), settings)
            raise BatchError(
                f"{self.path} is the journal of a batch with other settings "
                f"({'; '.join(changed) or 'settings'}): run the same command as before to "
                "resume it, add --restart to make every document again with these settings, "
                "or choose another --out"
            )
        values = {"schema": str(SCHEMA), "kuma": __version__, "settings_sha256": self.digest,
                  "settings": json.dumps(settings, sort_keys=True, ensure_ascii=False)}
        with self._writing():
            self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())
            self.db.execute("UPDATE documents SET settings_sha256 = ?", (self.digest,))

    def _worked(self) -> bool:
        """Whether any document was started with the journal's settings."""
        row = self.db.execute("SELECT 1 FROM documents WHERE state != 'pending' LIMIT 1")
        return row.fetchone() is not None

    def _foreign(self, why: str) -> BatchError:
        return BatchError(
            f"{self.path} cannot be resumed: {why}; add --restart to start the batch again, "
            "or choose another --out"
        )

    # -- reading -------------------------------------------------------------------

    def entries(self) -> dict[str, Entry]:
        """Every row, by name."""
        rows = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM documents ORDER BY name")
        return {row[0]: _entry(row) for row in rows}

    # -- writing -------------------------------------------------------------------

    def queue(self, name: str, path: Path, input_sha256: str) -> None:
        """Put a document in the queue (new, changed, interrupted or to retry)."""
        with self._writing():
            self.db.execute(
                "INSERT INTO documents (name, path, input_sha256, settings_sha256, state) "
                "VALUES (?, ?, ?, ?, 'pending') ON CONFLICT (name) DO UPDATE SET "
                "path = excluded.path, input_sha256 = excluded.input_sha256, "
                "settings_sha256 = excluded.settings_sha256, state = 'pending', error = '', "
                "attempts = 0",
                (name, str(path), input_sha256, self.digest),
            )

    def start(self, name: str, worker: str) -> None:
        """A worker took the document."""
        self._update(name, state=State.RUNNING, worker=worker, started=time.time(),
                     finished=None, seconds=None, attempts_plus=1)

    def finish(self, outcome: Outcome, notes: list[str] | None = None) -> None:
        """The document is done or failed (``notes``: what to say besides its own)."""
        self._update(
            outcome.name, state=State.DONE if outcome.ok else State.FAILED,
            error=outcome.error, package=outcome.package, finished=time.time(),
            seconds=outcome.seconds, memory_mb=outcome.memory_mb or None,
            peak_mb=outcome.peak_mb or None, notes=json.dumps([*(notes or []), *outcome.notes]),
        )

    def back_in_queue(self, name: str, why: str = "") -> None:
        """A started document goes back to pending (its worker died: it is tried again)."""
        self._update(name, state=State.PENDING, error=why)

    def _update(self, name: str, attempts_plus: int = 0, **values: Any) -> None:
        columns = ", ".join(f"{key} = ?" for key in values)
        with self._writing():
            self.db.execute(
                f"UPDATE documents SET {columns}, attempts = attempts + ? WHERE name = ?",
                [*(str(v) if isinstance(v, State) else v for v in values.values()),
                 attempts_plus, name],
            )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction, committed (and synchronised to disk) at the end."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise OutputError(f"cannot write {self.path}: {exc}") from None


def _connect(path: Path) -> sqlite3.Connection:
    """The journal's connection, its tables created; BatchError for a file that is not a
    Kuma journal."""
    try:
        db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        db.execute("PRAGMA synchronous = FULL")
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if tables and not {"meta", "documents"} <= tables:
            db.close()
            raise BatchError(
                f"{path} is not a Kuma batch journal: move it away, add --restart to "
                "replace it, or choose another --out"
            )
        db.executescript(_TABLES)
    except sqlite3.DatabaseError as exc:
        raise BatchError(
            f"{path} is not a Kuma batch journal ({exc}): add --restart to replace it, "
            "or choose another --out"
        ) from None
    return db


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _entry(row: tuple[Any, ...]) -> Entry:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["state"] = State(values["state"])
    try:
        values["notes"] = list(json.loads(values["notes"] or "[]"))
    except ValueError:
        values["notes"] = []
    return Entry(**values)
