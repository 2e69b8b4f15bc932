"""Running the PDF reader in a process of its own, and saying plainly why it failed.

A PDF can be built to exhaust whatever reads it: a few hundred kilobytes that
inflate to gigabytes of drawing commands, or forms that draw each other
exponentially often.  No reader library guards against all of it, and native code
cannot be interrupted from Python, so the reader runs in a child process with a
memory cap and a time limit; Kuma itself never loads PDFium.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.ingest import limits
from pipeline.ingest.limits import check_text_size
from pipeline.ingest.pdf.page import Page, page_from_json

READER = [sys.executable, "-m", "pipeline.ingest.pdf.extract"]
"""The command that starts the reader process (its limits are added as arguments)."""

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])
"""The folder holding ``pipeline``: the child imports the same code as this process."""


def read_pages(data: bytes, name: str) -> list[Page]:
    """The pages of a PDF, read in a separate process; InputError when it cannot be read."""
    result = _run(data, name)
    if "error" in result:
        raise _failure(result, name)
    return [page_from_json(page) for page in result["pages"]]


def _run(data: bytes, name: str) -> dict[str, Any]:
    seconds = limits.PDF_READ_SECONDS
    caps = (limits.PDF_READ_MEMORY, seconds, limits.MAX_PDF_PAGES, limits.MAX_TEXT_CHARS)
    command = [*READER, *(str(cap) for cap in caps)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=seconds, env=_environment()
        )
    except subprocess.TimeoutExpired:
        raise _too_slow(name) from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: the PDF reader did not start ({exc})") from None
    if done.returncode != 0:
        raise _crash(done.returncode, name)
    try:
        return dict(json.loads(done.stdout))
    except ValueError:
        raise InputError(f"cannot read {name}: the PDF reader gave no answer") from None


def _environment() -> dict[str, str]:
    """This process's environment, with this copy of Kuma first on the import path."""
    environment = dict(os.environ)
    paths = [_PACKAGE_ROOT, environment.get("PYTHONPATH", "")]
    environment["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return environment


def _crash(returncode: int, name: str) -> InputError:
    """The error for a reader process that did not finish normally."""
    if returncode == -getattr(signal, "SIGXCPU", 24):
        return _too_slow(name)
    if returncode in (-signal.SIGABRT, -signal.SIGKILL):
        return _too_big(name)  # PDFium aborts when an allocation fails under the cap
    return InputError(f"cannot read {name}: the PDF reader stopped (exit code {returncode})")


def _too_slow(name: str) -> InputError:
    return InputError(
        f"{name} takes more than {limits.PDF_READ_SECONDS} seconds to read: "
        "it may be damaged or built to exhaust readers"
    )


def _too_big(name: str) -> InputError:
    megabytes = limits.PDF_READ_MEMORY // 1024**2
    amount = f"{megabytes / 1024:g} GB" if megabytes >= 1024 else f"{megabytes} MB"
    return InputError(
        f"{name} needs more than {amount} of memory to read: "
        "it may be damaged or built to exhaust readers"
    )


def _failure(result: dict[str, Any], name: str) -> InputError:
    """The error for a reason the reader process gave."""
    kind = result["error"]
    if kind == "text":
        try:
            check_text_size(result["count"], name)
        except InputError as exc:
            return exc
    if kind == "memory":
        return _too_big(name)
    messages = {
        "not-pdf": f"{name} is not a PDF file (it does not start with %PDF)",
        "password": f"{name} is protected by a password: save an unprotected copy and read that",
        "security": f"{name} is encrypted in a way the PDF reader does not support",
        "damaged": f"{name} is damaged and cannot be read as a PDF",
        "no-pages": f"{name} has no pages",
        "pages": (
            f"{name} has too many pages ({result.get('count', 0):,}; the limit is "
            f"{limits.MAX_PDF_PAGES:,}): split it into smaller files"
        ),
    }
    return InputError(messages.get(kind, f"cannot read {name} ({kind})"))
