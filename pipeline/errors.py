"""Errors raised by Kuma's library code, and how any error becomes one line.

Library code raises these; only the command line turns them into
``click.ClickException`` (``Error: ...`` and a non-zero exit).  Messages are one
line, say what is wrong with which input, and, where there is one, what to do.
Messages that quote outside text (a library's message, a value from a file) go
through ``one_line`` and ``shown``, so that no input can spill over several lines
or flood the terminal.
"""

from __future__ import annotations

import re

MAX_MESSAGE = 400
"""Longest error message shown, in characters."""
MAX_SHOWN = 60
"""Longest outside value quoted inside a message, in characters."""

_SPACE = re.compile(r"\s+")


class KumaError(Exception):
    """Base of every error Kuma reports to its user."""

    exit_code = 1


class InputError(KumaError):
    """An input file cannot be read or makes no sense as an article."""


class LanguageError(KumaError):
    """A language code is unknown or not served."""


class GlossaryError(KumaError):
    """A glossary file is missing or invalid."""


class XliffError(KumaError):
    """An XLIFF file is corrupt or belongs to another document."""


class OutputError(KumaError):
    """An output path is unsafe or cannot be written."""


class PackageError(KumaError):
    """An output folder is damaged, belongs to another article, or is busy."""


class ModelMissingError(KumaError):
    """A model needed for a stage is not on this machine."""


class ConfigurationError(KumaError):
    """An engine, model or voice the user named cannot be used."""


class EngineError(KumaError):
    """A translation engine failed while working (its library raised an error)."""


class BatchError(KumaError):
    """A batch cannot start: its journal belongs to another command or another batch is
    running in its folder, or its executor (Ray) is missing or unreachable."""


def one_line(message: str, limit: int = MAX_MESSAGE) -> str:
    """``message`` on one line (every run of whitespace one space), cut to ``limit``."""
    text = _SPACE.sub(" ", message).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """``repr(value)`` for a message, cut to ``limit`` characters: a 100,000-character
    attribute read from a file is named, not echoed."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 2] + "…" + text[-1]


def describe(exc: BaseException, limit: int = 160) -> str:
    """A library exception as a short phrase: its type and first line, condensed."""
    detail = one_line(str(exc), limit)
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


class KumaWarning(UserWarning):
    """Something the user should know that does not stop the work (shown as ``Warning:``)."""
