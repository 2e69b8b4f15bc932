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
    removed = []
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
