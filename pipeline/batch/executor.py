"""Handing documents to workers: the one scheduling loop both executors share.

A ``Pool`` (local processes, or Ray actors) has workers that take one document at a
time.  ``schedule`` gives each idle worker the next document in the order given (the
batch gives the largest first, so that the last ones to finish are short), reports
what happens as events, stops a document that takes longer than the timeout (its
worker is replaced), and gives a
document whose worker died a second try on a new worker: a worker killed from outside
(the out-of-memory killer, a lost cluster node) does not fail the document, and one
that kills its worker twice fails alone.
"""

from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from pipeline.batch.work import Outcome, Task

ATTEMPTS = 2
"""How many workers may die making one document before it fails."""


@dataclass(frozen=True)
class Started:
    """A worker took a document."""

    task: Task
    worker: str


@dataclass(frozen=True)
class Retried:
    """A document's worker died; the document goes back in the queue."""

    task: Task
    why: str


@dataclass(frozen=True)
class Finished:
    """A document is done or failed."""

    outcome: Outcome


Event = Started | Retried | Finished


@dataclass(frozen=True)
class Report:
    """What a pool saw of one busy worker: its outcome, or how it died."""

    slot: int
    outcome: Outcome | None = None
    death: str = ""
    """How the worker ended (``crashed (SIGSEGV)``); empty with an outcome."""
    error: str = ""
    """Why the document failed when the worker could not even say (a defect)."""


class Pool(Protocol):
    """Workers that make one document at a time each."""

    def idle(self) -> list[int]:
        """The slots whose worker is ready for a document."""
        ...

    def submit(self, slot: int, task: Task) -> str:
        """Give ``task`` to the worker in ``slot``; returns the worker's name."""
        ...

    def wait(self, timeout: float) -> list[Report]:
        """What happened to busy workers within ``timeout`` seconds (maybe nothing);
        a worker that died is replaced by a new one."""
        ...

    def stop(self, slot: int) -> None:
        """Stop the worker in ``slot`` (its document took too long) and replace it."""
        ...


def schedule(
    pool: Pool, tasks: Sequence[Task], timeout: float | None = None, tick: float = 1.0
) -> Iterator[Event]:
    """Run every task on the pool, yielding what happens, until each one is finished."""
    queue = deque(tasks)
    running: dict[int, tuple[Task, float]] = {}
    while queue or running:
        for slot in pool.idle():
            if not queue:
                break
            task = queue.popleft()
            running[slot] = (task, time.monotonic())
            yield Started(task, pool.submit(slot, task))
        for report in pool.wait(_until_deadline(running, timeout, tick)):
            task, _ = running.pop(report.slot)
            if report.outcome is not None:
                yield Finished(report.outcome)
            elif report.error:
                yield Finished(Outcome(task.name, False, report.error))
            elif task.attempt < ATTEMPTS:
                queue.appendleft(replace(task, attempt=task.attempt + 1))
                yield Retried(task, f"its worker {report.death}")
            else:
                yield Finished(Outcome(task.name, False, (
                    f"its worker {report.death}, twice: the document may be what crashes it"
                )))
        yield from _stop_late(pool, running, timeout)


def _until_deadline(
    running: dict[int, tuple[Task, float]], timeout: float | None, tick: float
) -> float:
    if not timeout or not running:
        return tick
    first = min(began for _, began in running.values()) + timeout
    return max(0.0, min(tick, first - time.monotonic()))


def _stop_late(
    pool: Pool, running: dict[int, tuple[Task, float]], timeout: float | None
) -> Iterator[Event]:
    if not timeout:
        return
    now = time.monotonic()
    for slot, (task, began) in list(running.items()):
        if now - began >= timeout:
            pool.stop(slot)
            del running[slot]
            yield Finished(Outcome(task.name, False, (
                f"stopped after {timeout:g} seconds (--timeout): the document takes too long"
            )))


def death(exitcode: int | None) -> str:
    """How a worker process ended, in words: ``was killed (SIGKILL; out of memory?)``."""
    if exitcode is None:
        return "stopped answering"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if name == "SIGKILL":
            return "was killed (SIGKILL; out of memory?)"
        return f"crashed ({name})"
    return f"stopped (exit code {exitcode})"
