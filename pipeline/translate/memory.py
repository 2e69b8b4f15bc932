"""The translation memory: every sentence translated once, remembered in SQLite.

A translation is keyed by everything that changes it: the source text (NFC),
the language pair, the engine, the model and the glossary version.  A second run
of the same article therefore translates nothing, and a new glossary or model
translates again.  Human translations (imported from XLIFF) are stored under the
engine ``human`` and are preferred to any engine whatever its model or glossary.

The store is one SQLite file in WAL mode, shared safely by several processes.
"""

from __future__ import annotations

import os
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Block, Document
from pipeline.errors import KumaError
from pipeline.translate.base import Translation, Translator

HUMAN = "human"
"""Engine name under which human translations are stored."""

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    source TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    engine TEXT NOT NULL,
    model TEXT NOT NULL,
    glossary TEXT NOT NULL,
    target TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (source, src, tgt, engine, model, glossary)
) WITHOUT ROWID
"""

_BATCH = 400
"""Sources per query: well under SQLite's limit on bound variables."""

_BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process to finish before giving up."""

_CORRUPT_CODES = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


class TranslationMemoryError(KumaError):
    """The translation memory file cannot be used."""


@dataclass(frozen=True)
class Hit:
    """A translation found in the memory."""

    text: str
    """The translated sentence."""
    engine: str
    """Engine that produced it (``human`` for imported human translations)."""
    model: str
    """Model that produced it (empty for human translations)."""

    @property
    def provenance(self) -> str:
        """``human`` or ``engine:model``, as recorded on a segment."""
        if self.engine == HUMAN or not self.model:
            return self.engine
        return f"{self.engine}:{self.model}"


def default_memory_path() -> Path:
    """``$KUMA_TM`` if set, else ``memory.sqlite`` in Kuma's home folder."""
    override = os.environ.get("KUMA_TM")
    if override:
        return Path(override).expanduser()
    from pipeline.storage import kuma_home

    return kuma_home() / "memory.sqlite"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _chunks(items: Sequence[str], size: int = _BATCH) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _prepare(db: sqlite3.Connection) -> None:
    """Switch to WAL and create the table, waiting for other processes doing the same.

    Changing the journal mode does not wait on the busy handler: two processes
    opening a new memory at the same moment would see "database is locked".
    """
    db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
    deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorname", "") in {"SQLITE_BUSY", "SQLITE_LOCKED"}
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(_SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


class TranslationMemory:
    """A translation memory stored in one SQLite file.

    The connection opens on first use, so creating the object never touches
    the disk.  Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_memory_path()
        """The SQLite file."""
        self._db: sqlite3.Connection | None = None

    # -- connection -------------------------------------------------------

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def _error(self, exc: sqlite3.Error) -> TranslationMemoryError:
        if getattr(exc, "sqlite_errorname", "") in _CORRUPT_CODES:
            return TranslationMemoryError(
                f"translation memory {self.path} is corrupt ({exc}): "
                "run `kuma tm clear` to start a new one"
            )
        return TranslationMemoryError(f"translation memory {self.path}: {exc}")

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise TranslationMemoryError(
                    f"cannot create the folder of translation memory {self.path}: {exc}"
                ) from exc
            # isolation_level=None: we issue BEGIN ourselves, so writes take the
            # write lock up front (BEGIN IMMEDIATE) instead of failing half-way.
            db = sqlite3.connect(
                self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None
            )
            try:
                _prepare(db)
            except sqlite3.Error as exc:
                db.close()
                raise self._error(exc) from exc
            self._db = db
        return self._db

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        db = self._connect()
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    # -- reading ----------------------------------------------------------

    def _select(
        self, sources: Sequence[str], where: str, params: Sequence[Any]
    ) -> dict[str, Hit]:
        """Hits for ``sources`` (keyed as given) under an extra ``where`` clause.

        When several rows match one source, the most recent wins.
        """
        wanted: dict[str, list[str]] = {}
        for text in sources:
            wanted.setdefault(_nfc(text), []).append(text)
        found: dict[str, Hit] = {}
        for chunk in _chunks(list(wanted)):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"SELECT source, target, engine, model FROM translations "
                f"WHERE source IN ({marks}) AND {where} ORDER BY created",
                [*chunk, *params],
            )
            for source, target, engine, model in rows:
                for original in wanted[source]:
                    found[original] = Hit(target, engine, model)
        return found

    def lookup(
        self,
        sources: Sequence[str],
        src: str,
        tgt: str,
        engine: str,
        model: str,
        glossary_version: str,
    ) -> dict[str, str]:
        """Translations stored for exactly this engine, model and glossary version.

        Returns ``{source: translation}`` for the sources found (keys as given).
        """
        hits = self._select(
            sources,
            "src = ? AND tgt = ? AND engine = ? AND model = ? AND glossary = ?",
            [src, tgt, engine, model, glossary_version],
        )
        return {source: hit.text for source, hit in hits.items()}

    def lookup_human(self, sources: Sequence[str], src: str, tgt: str) -> dict[str, str]:
        """Human translations of ``sources``, whatever model or glossary was current then."""
        hits = self._select(sources, "src = ? AND tgt = ? AND engine = ?", [src, tgt, HUMAN])
        return {source: hit.text for source, hit in hits.items()}

    def recall(
        self,
        sources: Sequence[str],
        src: str,
        tgt: str,
        engine: str,
        model: str,
        glossary_version: str,
    ) -> dict[str, Hit]:
        """The best stored translation of each source: a human one, else this engine's."""
        hits = self._select(
            sources,
            "src = ? AND tgt = ? AND engine = ? AND model = ? AND glossary = ?",
            [src, tgt, engine, model, glossary_version],
        )
        hits.update(self._select(sources, "src = ? AND tgt = ? AND engine = ?", [src, tgt, HUMAN]))
        return hits

    # -- writing ----------------------------------------------------------

    def store(
        self,
        pairs: Mapping[str, str] | Iterable[tuple[str, str]],
        src: str,
        tgt: str,
        engine: str,
        model: str = "",
        glossary_version: str = "",
    ) -> int:
        """Remember ``(source, translation)`` pairs; a pair already stored is replaced.

        Returns the number of pairs written.  Empty translations are not stored:
        they would make a later run skip a sentence nobody translated.
        """
        items = pairs.items() if isinstance(pairs, Mapping) else pairs
        now = time.time()
        rows = [
            (_nfc(source), src, tgt, engine, model, glossary_version, _nfc(target), now)
            for source, target in items
            if source.strip() and target.strip()
        ]
        if not rows:
            return 0
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO translations VALUES (?,?,?,?,?,?,?,?)", rows)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise self._error(exc) from exc
        return len(rows)

    def store_human(
        self, pairs: Mapping[str, str] | Iterable[tuple[str, str]], src: str, tgt: str
    ) -> int:
        """Remember human translations (from XLIFF): preferred to any engine next time."""
        return self.store(pairs, src, tgt, HUMAN)

    # -- housekeeping -----------------------------------------------------

    def size_bytes(self) -> int:
        """Bytes on disk, the write-ahead log included."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{self.path}{suffix}")
            if part.is_file():
                total += part.stat().st_size
        return total

    def stats(self) -> dict[str, Any]:
        """Entries by engine and by language pair, and the size on disk.

        A memory that does not exist yet is reported empty and is not created.
        """
        result: dict[str, Any] = {
            "path": str(self.path),
            "entries": 0,
            "by_engine": {},
            "by_pair": {},
            "by_engine_pair": {},
            "size_bytes": 0,
        }
        if not self.path.exists():
            return result
        rows = self._query(
            "SELECT engine, model, src, tgt, COUNT(*) FROM translations "
            "GROUP BY engine, model, src, tgt ORDER BY engine, model, src, tgt"
        )
        for engine, model, src, tgt, count in rows:
            pair = f"{src}-{tgt}"
            label = f"{engine}:{model}" if model else engine
            result["entries"] += count
            result["by_engine"][engine] = result["by_engine"].get(engine, 0) + count
            result["by_pair"][pair] = result["by_pair"].get(pair, 0) + count
            per_engine = result["by_engine_pair"].setdefault(label, {})
            per_engine[pair] = per_engine.get(pair, 0) + count
        result["size_bytes"] = self.size_bytes()
        return result

    def clear(self, engine: str | None = None, lang: str | None = None) -> int:
        """Forget entries of ``engine`` and/or target language ``lang`` (all when both None).

        Returns how many entries were removed.  Clearing everything also removes a
        corrupt file, so that ``kuma tm clear`` is the way out of that error.
        """
        if not self.path.exists():
            return 0
        if engine is None and lang is None:
            try:
                return self._delete("", [])
            except TranslationMemoryError:
                self._remove_files()
                return 0
        clauses, params = [], []
        if engine is not None:
            clauses.append("engine = ?")
            params.append(engine)
        if lang is not None:
            clauses.append("tgt = ?")
            params.append(lang)
        return self._delete(" WHERE " + " AND ".join(clauses), params)

    def _delete(self, where: str, params: Sequence[Any]) -> int:
        db = self._connect()
        try:
            db.execute("BEGIN IMMEDIATE")
            removed = db.execute(f"DELETE FROM translations{where}", params).rowcount
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise self._error(exc) from exc
        self._compact(db)
        return max(removed, 0)

    def _compact(self, db: sqlite3.Connection) -> None:
        """Give the space back, so a cleared memory shrinks on disk.

        Best effort: another process using the memory may keep it from shrinking
        now, and that is no reason to fail the clear that already happened.
        """
        try:
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.OperationalError:
            pass

    def _remove_files(self) -> None:
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)


# -- translating through the memory -------------------------------------------


def _without(document: Document, known: Mapping[str, Hit]) -> Document:
    """``document`` with only the segments whose text the memory does not hold (ids kept)."""
    blocks = [
        Block(block.id, block.kind, [s for s in block.segments if s.text not in known])
        for block in document.blocks
    ]
    return Document(
        document.title, document.lang, [b for b in blocks if b.segments], document.source_name
    )


class RememberingTranslator:
    """A translator that consults the memory first and remembers what its inner engine
    translates (``CachedTranslation`` in argos-translate's words).

    Human translations in the memory come first, then this engine's with this
    ``model`` and glossary; the rest is sent to ``inner`` and remembered.  Segments
    the engine carried over without a model (numbers, bare names) are not stored.
    A translation by the ``human`` engine is stored as such, to be preferred next time.
    """

    def __init__(
        self, inner: Translator, memory: TranslationMemory, model: str = "", glossary: str = ""
    ) -> None:
        self.inner = inner
        self.memory = memory
        self.model = model
        """Model name the engine's translations are stored under."""
        self.glossary = glossary
        """Glossary version the engine's translations are stored under."""
        self.name = inner.name
        self.needs_network = inner.needs_network

    def languages(self) -> set[str]:
        """The inner engine's languages."""
        return self.inner.languages()

    def availability(self, lang: str) -> str | None:
        """The inner engine's availability."""
        return self.inner.availability(lang)

    def translate(self, document: Document, lang: str) -> Translation:
        """``document`` in ``lang``: remembered segments from the memory, the rest by the
        inner engine (and remembered)."""
        if self.inner.name == HUMAN:
            result = self.inner.translate(document, lang)
            self.memory.store_human(
                {s.text: result.texts[s.id] for s in document.segments()}, document.lang, lang
            )
            return result
        sources = [s.text for s in document.segments()]
        known = self.memory.recall(
            sources, document.lang, lang, self.name, self.model, self.glossary
        )
        rest = _without(document, known)
        fresh = self.inner.translate(rest, lang) if rest.blocks else None
        if fresh is not None:
            self._remember(rest, fresh, lang)
        return self._combined(document, lang, known, fresh)

    def _remember(self, rest: Document, fresh: Translation, lang: str) -> None:
        produced = f"{self.name}:{self.model}"
        self.memory.store(
            {s.text: fresh.texts[s.id] for s in rest.segments()
             if fresh.provenance.get(s.id) == produced},
            rest.lang, lang, self.name, self.model, self.glossary,
        )

    def _combined(
        self, document: Document, lang: str, known: Mapping[str, Hit], fresh: Translation | None
    ) -> Translation:
        texts: dict[str, str] = {}
        provenance: dict[str, str] = {}
        for segment in document.segments():
            hit = known.get(segment.text)
            if hit is not None:
                texts[segment.id], provenance[segment.id] = hit.text, hit.provenance
            else:
                assert fresh is not None  # every segment not recalled was sent to the engine
                texts[segment.id] = fresh.texts[segment.id]
                provenance[segment.id] = fresh.provenance.get(segment.id, self.name)
        return Translation(
            lang=lang,
            texts=texts,
            provenance=provenance,
            engine=self.name,
            model=self.model,
            version=fresh.version if fresh is not None else "translation memory",
            repairs=dict(fresh.repairs) if fresh is not None else {},
            remembered=sum(1 for s in document.segments() if s.text in known),
        )
