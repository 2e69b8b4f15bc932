"""The EPUB container (OCF): a ZIP whose bytes depend only on the files put in it.

``mimetype`` comes first and is stored uncompressed, as EPUB requires; every entry
has the same fixed date and permissions, and entries keep the order given, so the
same book always gives the same bytes and a second run rewrites nothing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

MIMETYPE = b"application/epub+zip"
ROOT = "EPUB"
"""Folder of the publication's files inside the container."""
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
"""The earliest date ZIP can hold: no entry carries the time it was built."""

CONTAINER_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0">
<rootfiles>
<rootfile full-path="{ROOT}/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""


def pack_epub(files: Mapping[str, bytes | str]) -> bytes:
    """An EPUB holding ``files`` (paths relative to ``EPUB/``, in the order given)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        _add(archive, "mimetype", MIMETYPE, zipfile.ZIP_STORED)
        _add(archive, "META-INF/container.xml", CONTAINER_XML.encode(), zipfile.ZIP_DEFLATED)
        for name, data in files.items():
            payload = data.encode("utf-8") if isinstance(data, str) else data
            # MP3 is compressed already: deflating it again costs time and saves nothing.
            method = zipfile.ZIP_STORED if name.endswith(".mp3") else zipfile.ZIP_DEFLATED
            _add(archive, f"{ROOT}/{name}", payload, method)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
    info.compress_type = method
    info.create_system = 3  # Unix, wherever the book is built
    info.external_attr = 0o100644 << 16
    archive.writestr(info, data, compresslevel=9 if method == zipfile.ZIP_DEFLATED else None)
