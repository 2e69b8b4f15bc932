"""The ``kuma`` command line: a thin layer over the library.

Each command parses its options, calls one core function and formats the result.
Library errors (``KumaError``) become ``Error: ...`` and a non-zero exit here and
nowhere else.  Heavy libraries are imported inside the commands that need them so
that ``kuma --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

import click

from pipeline import __version__
from pipeline.commands import (
    batch,
    cache,
    doctor,
    glossary,
    ingest,
    models,
    review,
    run,
    simplify,
    speak,
    tm,
    translate,
    xliff,
)
from pipeline.errors import KumaError, KumaWarning, describe, one_line

DEBUG_VARIABLE = "KUMA_DEBUG"
"""Set to 1 to see the traceback of an unexpected error instead of its one line."""


class KumaClickException(click.ClickException):
    """``Error: <message>`` with the exit code of the library error behind it."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # Click reads it per instance


class KumaGroup(click.Group):
    """A Click group that reports every error as one ``Error:`` line, never a traceback.

    ``KumaError`` carries its own message and exit code; an operating-system error
    (disk full, permission denied) says what the system said; anything else is a
    defect in Kuma, reported in one line with a request to report it (``KUMA_DEBUG=1``
    shows the traceback).
    """

    def invoke(self, ctx: click.Context) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # libraries' warnings are not the user's business
            warnings.simplefilter("always", KumaWarning)
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except KumaError as exc:
                raise KumaClickException(one_line(str(exc)), exc.exit_code) from None
            except (click.ClickException, click.exceptions.Exit, click.Abort):
                raise
            except OSError as exc:
                if os.environ.get(DEBUG_VARIABLE):
                    raise
                where = f": {exc.filename}" if exc.filename else ""
                raise KumaClickException(one_line(f"{exc.strerror or exc}{where}"), 1) from None
            except Exception as exc:
                if os.environ.get(DEBUG_VARIABLE):
                    raise
                message = f"unexpected failure ({describe(exc)}); please report it"
                raise KumaClickException(one_line(message), 1) from None


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """``Warning: <message>`` on one line on stderr."""
    print(f"Warning: {one_line(str(message))}", file=sys.stderr, flush=True)


@click.group(cls=KumaGroup)
@click.version_option(__version__, prog_name="kuma")
def cli() -> None:
    """Kuma turns news articles into multilingual, accessible media.

    Start with `kuma run ARTICLE --lang fr,ar,bm`.
    """


for module in (
    run, batch, ingest, translate, glossary, simplify, speak, xliff, review, models, tm, cache,
    doctor
):
    for command in module.COMMANDS:
        cli.add_command(command)
