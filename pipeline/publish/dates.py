"""When a book was last modified: its ``dcterms:modified``.

``SOURCE_DATE_EPOCH`` (reproducible-builds.org) wins when it is set.  Otherwise a
book is dated by the run that last changed it: a re-run that makes the same book
again keeps the date already in it, so the file comes out byte for byte the same
and is not rewritten, and only a book whose content changed gets the time of the
new run.  Nothing depends on files' modification times, which a checkout, a copy
or an unpacked archive resets.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from pipeline.errors import KumaError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_MODIFIED = re.compile(
    rb'<meta property="dcterms:modified">(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)</meta>'
)


def source_date(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` sets, or None when it is unset or empty."""
    value = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise KumaError(
            f"{SOURCE_DATE_EPOCH}={value!r} is not a number of seconds since 1970"
        ) from None


def run_time(environ: Mapping[str, str] = os.environ) -> datetime:
    """The time of this run, to the second: ``SOURCE_DATE_EPOCH`` when set, else now."""
    return source_date(environ) or datetime.now(UTC).replace(microsecond=0)


def modified_of(book: bytes) -> datetime | None:
    """The ``dcterms:modified`` of an EPUB made by Kuma, or None if it has none."""
    try:
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            opf = archive.read("EPUB/package.opf")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    found = _MODIFIED.search(opf)
    if found is None:
        return None
    return datetime.strptime(found.group(1).decode(), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def dated_book(
    make: Callable[[datetime], bytes],
    previous: bytes | None,
    now: datetime,
    environ: Mapping[str, str] = os.environ,
) -> bytes:
    """The book ``make(date)`` gives, dated ``SOURCE_DATE_EPOCH`` when set, else as
    ``previous`` (the same book from an earlier run) when that makes it identical to
    it, else ``now``."""
    fixed = source_date(environ)
    if fixed is not None:
        return make(fixed)
    then = modified_of(previous) if previous else None
    if then is not None:
        again = make(then)
        if again == previous:
            return again
    return make(now)
