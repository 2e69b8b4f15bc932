"""The ``kuma`` command line: a thin layer over the library.

Each command parses its options, calls one core function and formats the result.
Library errors (``KumaError``) become ``Error: ...`` and a non-zero exit here and
nowhere else.  Heavy libraries are imported inside the commands that need them so
that ``kuma --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

import click

from pipeline import __version__
from pipeline.commands import (
    doctor,
    glossary,
    ingest,
    models,
    run,
    simplify,
    speak,
    tm,
    translate,
    xliff,
)
from pipeline.errors import KumaError


class KumaClickException(click.ClickException):
    """``Error: <message>`` with the exit code of the library error behind it."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # Click reads it per instance


class KumaGroup(click.Group):
    """A Click group that reports ``KumaError`` as a one-line ``Error:``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KumaError as exc:
            raise KumaClickException(str(exc), exc.exit_code) from exc


@click.group(cls=KumaGroup)
@click.version_option(__version__, prog_name="kuma")
def cli() -> None:
    """Kuma turns news articles into multilingual, accessible media.

    Start with `kuma run ARTICLE --lang fr,ar,bm`.
    """


for module in (run, ingest, translate, glossary, simplify, speak, xliff, models, tm, doctor):
    for command in module.COMMANDS:
        cli.add_command(command)
