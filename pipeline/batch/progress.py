"""What a batch shows while it works, on stderr: a progress bar on a terminal (rich),
plain lines otherwise (a log file, a CI job), nothing with ``--quiet``.

Either way it says how many documents are done and failed out of how many, which
ones are being made, how many documents a minute this run makes and about how long
is left.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO, cast

from pipeline.batch.work import Outcome


class BatchProgress(Protocol):
    """Told of everything that happens to a batch's documents."""

    def begin(self, total: int, skipped: int, failed: int, workers: str) -> None:
        """The batch starts: ``total`` documents, ``skipped`` already done, ``failed``
        failed before and not retried; ``workers`` says who makes the rest."""

    def started(self, name: str) -> None:
        """A worker took ``name``."""

    def retried(self, name: str, why: str) -> None:
        """``name``'s worker died; it goes back in the queue."""

    def finished(self, outcome: Outcome) -> None:
        """A document is done or failed."""

    def end(self) -> None:
        """Nothing more will be shown."""


@dataclass
class Tally:
    """Counts, and the pace of this run."""

    total: int = 0
    done: int = 0
    failed: int = 0
    made: int = 0
    """Documents finished by this run (the pace counts only those)."""
    current: list[str] = field(default_factory=list)
    began: float = 0.0
    """When the first document was started (the pace leaves out the workers' start)."""

    def start(self, name: str) -> None:
        self.began = self.began or time.monotonic()
        self.current.append(name)

    def count(self, outcome: Outcome) -> None:
        self.made += 1
        if outcome.ok:
            self.done += 1
        else:
            self.failed += 1
        if outcome.name in self.current:
            self.current.remove(outcome.name)

    @property
    def per_minute(self) -> float:
        elapsed = time.monotonic() - self.began
        return self.made / elapsed * 60 if self.began and elapsed > 0 and self.made else 0.0

    def left(self) -> str:
        """``about 3 min left``, or empty before the first document is finished."""
        remaining = self.total - self.done - self.failed
        if not self.per_minute or remaining <= 0:
            return ""
        return f"about {_duration(remaining / self.per_minute * 60)} left"

    def pace(self) -> str:
        return f"{self.per_minute:.1f} documents/min" if self.made else ""


class Silent:
    """``--quiet``: shows nothing."""

    def begin(self, total: int, skipped: int, failed: int, workers: str) -> None: ...

    def started(self, name: str) -> None: ...

    def retried(self, name: str, why: str) -> None: ...

    def finished(self, outcome: Outcome) -> None: ...

    def end(self) -> None: ...


class Lines:
    """One plain line per event, for logs."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tally = Tally()

    def _say(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def begin(self, total: int, skipped: int, failed: int, workers: str) -> None:
        self.tally = Tally(total=total, done=skipped, failed=failed)
        before = [f"{skipped} already done" if skipped else "",
                  f"{failed} failed before (--retry-failed tries them again)" if failed else ""]
        shown = f" ({'; '.join(b for b in before if b)})" if any(before) else ""
        todo = total - skipped - failed
        documents = f"{total} document{'s' * (total != 1)}"
        self._say(f"kuma batch: {documents}{shown}; {todo} to make {workers}")

    def started(self, name: str) -> None:
        self.tally.start(name)
        self._say(f"{self._position()} started {name}")

    def retried(self, name: str, why: str) -> None:
        if name in self.tally.current:
            self.tally.current.remove(name)
        self._say(f"{self._position()} again   {name}: {why}; it goes to another worker")

    def finished(self, outcome: Outcome) -> None:
        self.tally.count(outcome)
        if outcome.ok:
            pace = ", ".join(p for p in (self.tally.pace(), self.tally.left()) if p)
            failed = f"; {self.tally.failed} failed" if self.tally.failed else ""
            self._say(f"{self._position()} done    {outcome.name} in {outcome.seconds:.1f} s"
                      f" ({pace}{failed})")
        else:
            self._say(f"{self._position()} FAILED  {outcome.name}: {outcome.error}")

    def _position(self) -> str:
        width = len(str(self.tally.total))
        return f"[{self.tally.done + self.tally.failed:>{width}}/{self.tally.total}]"

    def end(self) -> None: ...


class Bar:
    """A rich progress bar on a terminal, with failures printed above it."""

    def __init__(self, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.console = Console(file=stream)
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]}"),
            TextColumn("{task.fields[pace]}"),
            TextColumn("{task.fields[left]}"),
            console=self.console,
        )
        self.tally = Tally()
        self.task: Any = None

    def begin(self, total: int, skipped: int, failed: int, workers: str) -> None:
        self.tally = Tally(total=total, done=skipped, failed=failed)
        Lines(cast(TextIO, self.console.file)).begin(total, skipped, failed, workers)
        self.task = self.progress.add_task("", total=total, completed=skipped + failed,
                                           failed="", pace="", left="")
        self.progress.start()
        self._refresh()

    def started(self, name: str) -> None:
        self.tally.start(name)
        self._refresh()

    def retried(self, name: str, why: str) -> None:
        if name in self.tally.current:
            self.tally.current.remove(name)
        self.progress.console.print(f"again: {name}: {why}; it goes to another worker",
                                    markup=False, highlight=False)
        self._refresh()

    def finished(self, outcome: Outcome) -> None:
        self.tally.count(outcome)
        if not outcome.ok:
            self.progress.console.print(f"FAILED {outcome.name}: {outcome.error}",
                                        markup=False, highlight=False)
        self.progress.advance(self.task)
        self._refresh()

    def _refresh(self) -> None:
        current = ", ".join(self.tally.current[:2]) + (" …" if len(self.tally.current) > 2
                                                       else "")
        failed = f"{self.tally.failed} failed" if self.tally.failed else ""
        idle = "loading models" if not self.tally.made else "finishing"
        self.progress.update(self.task, description=_cut(current or idle, 40),
                             failed=failed, pace=self.tally.pace(), left=self.tally.left())

    def end(self) -> None:
        if self.task is not None:
            self.progress.stop()


def batch_progress(quiet: bool, stream: TextIO | None = None) -> BatchProgress:
    """Nothing when ``quiet``, a bar on a terminal, plain lines elsewhere."""
    if quiet:
        return Silent()
    stream = stream or sys.stderr
    return Bar(stream) if stream.isatty() else Lines(stream)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 90 * 60:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
