"""Local workers: processes on this machine, each making one document at a time.

Each worker is a fresh Python process (started with ``spawn``, never a fork of the
coordinator and its threads) that loads the models once and keeps them for all its
documents.  It talks to the coordinator through a pipe: ``ready`` once its models are
loaded (or ``failed`` with the reason the batch cannot run), then one outcome per
document.  A worker that crashes, or is stopped for taking too long, is replaced by a
new one.  A worker whose coordinator dies (``kill -9``) stops by itself within a
fraction of a second, so no orphan keeps writing.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from pipeline.batch.executor import Report, death
from pipeline.batch.work import DocumentWorker, Task
from pipeline.errors import BatchError, KumaError, describe, one_line
from pipeline.usecases.options import RunOptions

STOP_WAIT_S = 5.0
"""How long a worker asked to stop may take before it is killed."""
PARENT_CHECK_S = 0.2
"""How often a worker checks that its coordinator is still there."""


@dataclass
class _Worker:
    process: Any
    conn: Connection
    name: str = ""
    state: str = "starting"
    """``starting`` (loading models), ``idle`` or ``busy``."""


class LocalPool:
    """``count`` worker processes on this machine (see the module's docstring)."""

    def __init__(self, options: RunOptions, count: int) -> None:
        self.options = options
        self.context = multiprocessing.get_context("spawn")
        self.workers: list[_Worker] = []
        self.count = count

    def __enter__(self) -> LocalPool:
        self.workers = [self._spawn() for _ in range(self.count)]
        try:
            while any(w.state == "starting" for w in self.workers):
                self.wait(1.0)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the Pool protocol ---------------------------------------------------------

    def idle(self) -> list[int]:
        return [n for n, w in enumerate(self.workers) if w.state == "idle"]

    def submit(self, slot: int, task: Task) -> str:
        worker = self.workers[slot]
        worker.conn.send(task)
        worker.state = "busy"
        return worker.name

    def wait(self, timeout: float) -> list[Report]:
        handles: list[Any] = [w.conn for w in self.workers]
        handles += [w.process.sentinel for w in self.workers]
        ready = set(wait(handles, timeout))
        reports = []
        for slot, worker in enumerate(self.workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                report = self._heard(slot, worker)
                if report is not None:
                    reports.append(report)
        return reports

    def stop(self, slot: int) -> None:
        self._end(self.workers[slot])
        self.workers[slot] = self._spawn()

    # -- workers -------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(
            target=serve, args=(theirs, self.options, os.getpid()), daemon=True,
            name="kuma-batch-worker",
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _heard(self, slot: int, worker: _Worker) -> Report | None:
        """Read what a worker said, or find that it died (then it is replaced)."""
        message = _receive(worker.conn)
        if message is None:
            if worker.process.is_alive() and worker.conn.poll(0) is False:
                return None
            worker.process.join(1.0)
            how = death(worker.process.exitcode)
            was = worker.state
            self._end(worker)
            if was == "starting":
                raise BatchError(f"a batch worker {how} while loading its models")
            self.workers[slot] = self._spawn()
            return Report(slot, death=how) if was == "busy" else None
        kind, value = message
        if kind == "ready":
            worker.name, worker.state = value, "idle"
            return None
        if kind == "failed":
            raise BatchError(value)
        worker.state = "idle"
        return Report(slot, outcome=value)

    def _end(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(STOP_WAIT_S)
        worker.conn.close()

    def close(self) -> None:
        """Ask every worker to stop, then kill those that do not."""
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + STOP_WAIT_S
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            self._end(worker)
        self.workers = []


def _receive(conn: Connection) -> tuple[str, Any] | None:
    try:
        if conn.poll(0):
            return conn.recv()  # type: ignore[no-any-return]
    except (EOFError, OSError):
        pass
    return None


# -- inside a worker process ----------------------------------------------------------


def serve(conn: Connection, options: RunOptions, parent: int) -> None:
    """A worker's life: load the models, then make documents until told to stop."""
    _stop_with(parent)
    _silence()
    worker = DocumentWorker(options)
    try:
        worker.prepare()
    except KumaError as exc:
        conn.send(("failed", one_line(str(exc))))
        return
    except Exception as exc:
        conn.send(("failed", one_line(f"a batch worker could not start ({describe(exc)})")))
        return
    conn.send(("ready", worker.name))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(("outcome", worker.run(task)))


def _stop_with(parent: int) -> None:
    """End this process when the coordinator is gone (``kill -9`` leaves no orphan)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="kuma-parent-watch").start()


def _silence() -> None:
    """Send the worker's own output to nowhere: libraries' messages would break the
    coordinator's progress display; what matters comes back in each outcome."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
