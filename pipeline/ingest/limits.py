"""How much Kuma reads from one article, and the messages when a file is over it."""

from __future__ import annotations

from pipeline.errors import InputError

MAX_FILE_BYTES = 50 * 1024 * 1024
"""Largest input file read at all (50 MB)."""

MAX_TEXT_CHARS = 1_000_000
"""Most characters of text one article may hold (about 150,000 words)."""

MAX_PDF_PAGES = 2_000
"""Most pages of a PDF read at all."""

PDF_READ_MEMORY = 1024 * 1024 * 1024
"""Address space the PDF reader process may use (1 GiB); a PDF bomb hits it quickly."""

PDF_READ_SECONDS = 30
"""Time the PDF reader process may take before it is stopped."""


def check_file_size(size: int, name: str) -> None:
    """Refuse a file larger than ``MAX_FILE_BYTES`` before reading it."""
    if size > MAX_FILE_BYTES:
        megabytes = size / (1024 * 1024)
        raise InputError(
            f"{name} is too large ({megabytes:.1f} MB; the limit is 50 MB): "
            "split it into smaller files"
        )


def check_text_size(chars: int, name: str) -> None:
    """Refuse text longer than ``MAX_TEXT_CHARS``, before any slow processing."""
    if chars > MAX_TEXT_CHARS:
        raise InputError(
            f"{name} has too much text ({chars:,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}): split it into smaller files"
        )
