"""Progress messages for long work: on stderr, silenced with ``--quiet``."""

from __future__ import annotations

import sys
from typing import TextIO


class Progress:
    """Writes one line per step to stderr unless silent."""

    def __init__(self, silent: bool = False, stream: TextIO | None = None) -> None:
        self.silent = silent
        self.stream = stream

    def step(self, message: str) -> None:
        """Report one step of work."""
        if not self.silent:
            print(message, file=self.stream or sys.stderr, flush=True)


SILENT = Progress(silent=True)
