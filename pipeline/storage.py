"""Writing files safely: atomically, only inside the output folder, only when changed,
with the permissions the user's umask asks for; and a lock per output folder.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from pipeline.errors import OutputError, PackageError

TEMPORARY_SUFFIX = ".tmp"
"""Suffix of the temporary files ``write_atomic`` makes (``.<name>.<random>.tmp``)."""



def code_fingerprint(*parts: str) -> str:
    """SHA-256 of the files of the named parts of Kuma (``"simplify"``, ``"speech/master.py"``,
    paths inside the ``pipeline`` package) and of the named distributions' versions
    (``"dist:spacy"``).

    Cache keys include the fingerprint of the code (and data) that makes an entry, so that
    a change of that code, a Kuma upgrade or a new parser model never serves an old
    result; a hand-kept version number is forgotten when the rules change.  Computed
    once per process (about 10 ms for a stage).
    """
    return fingerprint_files(Path(__file__).resolve().parent, parts)


@cache
def fingerprint_files(root: Path, parts: tuple[str, ...]) -> str:
    """``code_fingerprint`` of ``parts`` under ``root``."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    for part in sorted(parts):
        if part.startswith("dist:"):
            try:
                found = version(part[5:])
            except PackageNotFoundError:
                found = "absent"
            digest.update(f"{part}={found}\n".encode())
            continue
        path = root / part
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or file.suffix in {".pyc", ".pyo"}:
                continue
            digest.update(f"{file.relative_to(root).as_posix()}\n".encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()

def inside(root: Path, *parts: str) -> Path:
    """Join ``parts`` under ``root`` and refuse any result that escapes it."""
    root = root.resolve()
    path = root.joinpath(*parts).resolve()
    if path != root and root not in path.parents:
        raise OutputError(f"refusing to write outside the output folder: {'/'.join(parts)}")
    return path


@cache
def umask() -> int:
    """The process's umask (read once: reading it means setting it for a moment)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """Permissions of a new file as ``open`` would give it: 0644 under the usual umask."""
    return 0o666 & ~umask()


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False, and leaves the file untouched, when it already holds exactly
    ``data``: a second identical run rewrites nothing.  The file gets the mode the
    umask gives new files (``mkstemp`` alone would make it private, 0600).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == payload:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_temporaries(folder: Path) -> list[Path]:
    """Delete the temporary files an interrupted ``write_atomic`` left under ``folder``.

    Only call this while holding the folder's lock: another writer's temporaries
    are not leftovers.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.rglob(f".*{TEMPORARY_SUFFIX}"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


LOCK_WAIT_S = 600.0
"""How long a second process waits for a folder another Kuma process is writing."""


@contextmanager
def folder_lock(lock_path: Path, what: str, wait_s: float = LOCK_WAIT_S,
                on_wait: object = None) -> Iterator[None]:
    """Hold the lock file ``lock_path`` (one writer per folder, across processes).

    A second process waits up to ``wait_s`` seconds, calling ``on_wait(message)``
    once when it starts waiting, then gives up with a PackageError naming ``what``.
    """
    from filelock import FileLock, Timeout

    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {lock_path.parent}: {exc.strerror or exc}") from None
    lock = FileLock(str(lock_path), mode=file_mode())
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if callable(on_wait):
            on_wait(f"waiting for another Kuma process that is writing {what}")
        try:
            lock.acquire(timeout=wait_s)
        except Timeout:
            raise PackageError(
                f"{what} is being written by another Kuma process; try again when it is done"
            ) from None
    except OSError as exc:
        raise OutputError(f"cannot lock {what}: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()


def kuma_home() -> Path:
    """Kuma's own folder (models, memory, cache): ``$KUMA_HOME``, else ``~/.cache/kuma``.
    Read at call time; nothing is created here."""
    return Path(os.environ.get("KUMA_HOME") or Path.home() / ".cache" / "kuma").expanduser()


CACHE_LIMIT_BYTES = 2 * 1024**3
"""Default bound of the cache: 2 GB (``KUMA_CACHE_SIZE`` in MB overrides it)."""
TOUCH_AFTER_S = 3600.0
"""A hit refreshes an entry's time (for least-recently-used eviction) at most hourly, so
that a re-run with nothing changed does not write to the disk for every entry."""


class Cache:
    """A content-addressed cache: bytes stored under the hash of what they are made from.

    Entries live as files ``<folder>/<kind>/<2 hex>/<hash>``, written atomically, so
    several processes (a batch's workers) share it safely: two writers of one key
    write the same bytes.  The folder is bounded: when it grows past ``limit`` bytes,
    the least recently used entries go until it is back under 90 % of it.
    """

    def __init__(self, folder: Path, limit: int = CACHE_LIMIT_BYTES) -> None:
        self.folder = folder
        self.limit = limit
        self._size: int | None = None
        self.hits = 0
        """Entries found this process."""
        self.misses = 0
        """Entries asked for and not found this process."""

    @staticmethod
    def key(*parts: object) -> str:
        """A key for what an entry is made from: the SHA-256 of its parts' JSON."""
        import hashlib
        import json

        text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        """The bytes stored under ``key`` in ``kind``, or None."""
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        self._touch(path)
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data`` under ``key``; a cache that cannot be written is no error (the
        work is simply done again next time)."""
        path = self._path(kind, key)
        try:
            if write_atomic(path, data):
                self._grow(len(data))
        except OSError:
            return

    def _touch(self, path: Path) -> None:
        import time

        try:
            if time.time() - path.stat().st_mtime > TOUCH_AFTER_S:
                os.utime(path)
        except OSError:
            pass

    def _entries(self) -> list[tuple[float, int, Path]]:
        found: list[tuple[float, int, Path]] = []
        if not self.folder.is_dir():
            return found
        for path in self.folder.glob("*/*/*"):
            if path.is_file() and not path.name.startswith("."):
                info = path.stat()
                found.append((info.st_mtime, info.st_size, path))
        return found

    def _grow(self, added: int) -> None:
        if self._size is None:
            self._size = sum(size for _, size, _ in self._entries())
        else:
            self._size += added
        if self._size > self.limit:
            self.evict(int(self.limit * 0.9))

    def evict(self, target: int) -> int:
        """Remove the least recently used entries until at most ``target`` bytes remain;
        returns how many went."""
        entries = sorted(self._entries())
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in entries:
            if total <= target:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        self._size = total
        return removed

    def stats(self) -> dict[str, dict[str, int]]:
        """Entries and bytes per kind (``clips``, ``programmes``...)."""
        result: dict[str, dict[str, int]] = {}
        for _, size, path in self._entries():
            kind = path.parent.parent.name
            entry = result.setdefault(kind, {"entries": 0, "bytes": 0})
            entry["entries"] += 1
            entry["bytes"] += size
        return dict(sorted(result.items()))

    def clear(self, kind: str | None = None) -> int:
        """Remove every entry (of ``kind``, or all); returns how many went."""
        removed = 0
        for _, _, path in self._entries():
            if kind is None or path.parent.parent.name == kind:
                path.unlink(missing_ok=True)
                removed += 1
        self._size = None
        return removed


def default_cache() -> Cache:
    """The cache in Kuma's home (``$KUMA_CACHE``, else ``$KUMA_HOME/cache``), bounded by
    ``$KUMA_CACHE_SIZE`` megabytes (default 2,048)."""
    from pipeline.errors import ConfigurationError

    folder = os.environ.get("KUMA_CACHE") or str(kuma_home() / "cache")
    size = os.environ.get("KUMA_CACHE_SIZE", "")
    limit = CACHE_LIMIT_BYTES
    if size:
        try:
            limit = int(float(size) * 1024 * 1024)
        except ValueError:
            raise ConfigurationError(
                f"KUMA_CACHE_SIZE must be a number of megabytes, not {size!r}"
            ) from None
    return Cache(Path(folder).expanduser(), limit)
