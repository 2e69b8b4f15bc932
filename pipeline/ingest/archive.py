"""Zipped formats (.docx, and any later one) are checked before anything unpacks them.

A small file can declare members that inflate to gigabytes (a "zip bomb"): every
member's declared size and compression ratio is checked against limits first, and
the ZIP reader never inflates a member past the size it declares.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.errors import InputError, shown

MAX_MEMBER_BYTES = 100 * 1024 * 1024
"""Largest single member unpacked (100 MB): far beyond any real article's XML."""
MAX_TOTAL_BYTES = 250 * 1024 * 1024
"""Most bytes all members together may unpack to."""
MAX_RATIO = 200
"""Highest compression ratio allowed for a member above ``RATIO_FLOOR`` bytes; XML
compresses 5 to 30 times, a bomb thousands of times."""
RATIO_FLOOR = 5 * 1024 * 1024
"""Members smaller than this are never bombs, whatever their ratio."""
MAX_MEMBERS = 10_000
"""Most members in one archive."""


def check_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """Open ``data`` as a ZIP archive whose members are all within the limits.

    Raises InputError naming the file and the member: "not a ZIP archive",
    "damaged ZIP archive", or "looks like a zip bomb".
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(f"{name} is not a valid ZIP-based file (not a ZIP archive)") from None
    except (OSError, ValueError, EOFError):
        raise InputError(f"{name} is not a valid ZIP-based file (damaged ZIP archive)") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _bomb(name, f"it holds {len(members):,} files")
    total = 0
    for info in members:
        total += info.file_size
        problem = _member_problem(info)
        if problem:
            raise _bomb(name, f"{shown(info.filename)} {problem}")
    if total > MAX_TOTAL_BYTES:
        raise _bomb(name, f"its files unpack to {_size(total)} in all")
    return archive


def _member_problem(info: zipfile.ZipInfo) -> str:
    if info.file_size > MAX_MEMBER_BYTES:
        return f"unpacks to {_size(info.file_size)}"
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        return (
            f"unpacks to {_size(info.file_size)} from {_size(info.compress_size)} "
            f"({ratio:,.0f} times)"
        )
    return ""


def _bomb(name: str, detail: str) -> InputError:
    return InputError(f"{name} looks like a zip bomb and is refused: {detail}")


def _size(count: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count} bytes"
