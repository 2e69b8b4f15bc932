"""Writing output files safely: atomically, only inside the output folder, only when changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pipeline.errors import OutputError


def inside(root: Path, *parts: str) -> Path:
    """Join ``parts`` under ``root`` and refuse any result that escapes it."""
    root = root.resolve()
    path = root.joinpath(*parts).resolve()
    if path != root and root not in path.parents:
        raise OutputError(f"refusing to write outside the output folder: {'/'.join(parts)}")
    return path


def write_atomic(path: Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    Returns False, and leaves the file untouched, when it already holds exactly
    ``data``: a second identical run rewrites nothing.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == payload:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
