"""One worker's share of a batch: documents made one after the other, models kept.

The same ``DocumentWorker`` runs in a local worker process and in a Ray actor.  It
checks the command's options once (loading the engine's models, which stay loaded
for every document it makes), then turns each ``Task`` into an ``Outcome``: a bad
document is a failed outcome with its one-line reason, never an exception that
would stop the worker.
"""

from __future__ import annotations

import os
import resource
import socket
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import KumaError, describe, one_line
from pipeline.usecases.options import RunOptions

THREADS_PER_WORKER = 1
"""Threads each worker's numerical libraries use.  Parallelism comes from the workers
(one per core); one thread each also makes a translation the same bytes whatever the
number of workers, since the sums of a matrix product are done in the same order."""
_THREAD_VARIABLES = (
    "OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "KUMA_THREADS",
)
"""The numerical libraries' thread counts, and Kuma's own (recordings mastered at once,
``pipeline.speech.outputs.mastering_threads``)."""


@dataclass(frozen=True)
class Task:
    """A document for a worker to make."""

    name: str
    """Its name in the batch (its package belongs to it)."""
    path: str
    """Its file, absolute."""
    attempt: int = 1
    """1, or 2 when its first worker died while making it."""


@dataclass
class Outcome:
    """What became of one document."""

    name: str
    ok: bool
    error: str = ""
    """Why it failed, in one line."""
    package: str = ""
    """Its package folder's name under the output folder."""
    complete: bool = False
    """Whether every language was produced."""
    seconds: float = 0.0
    worker: str = ""
    """``host:pid`` of the worker."""
    memory_mb: float = 0.0
    """The worker's resident memory after the document."""
    peak_mb: float = 0.0
    """The worker's peak resident memory so far."""
    notes: list[str] = field(default_factory=list)
    """Warnings the work gave, one line each."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class DocumentWorker:
    """A worker's state, kept across its documents: options, glossary, loaded models."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.targets: list[str] = []
        self.glossary: Any = None
        self.memory: Any = None
        self.cache: Any = None
        self.name = worker_name(os.getpid())

    def prepare(self) -> None:
        """Check the options and load the models; KumaError when the batch cannot run."""
        from pipeline.storage import default_cache
        from pipeline.translate.memory import TranslationMemory
        from pipeline.usecases.article import check_run

        limit_threads()
        self.targets, self.glossary = check_run(self.options)
        self.memory = TranslationMemory() if self.options.memory else None
        self.cache = default_cache()

    def run(self, task: Task) -> Outcome:
        """Make one document's package; a failure is an outcome, not an exception."""
        start = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = self._make(task)
                outcome = Outcome(task.name, True, package=result.package_dir.name,
                                  complete=result.complete)
            except KumaError as exc:
                outcome = Outcome(task.name, False, one_line(str(exc)))
            except Exception as exc:  # a defect must fail its document, not the batch
                outcome = Outcome(task.name, False, one_line(
                    f"unexpected failure ({describe(exc)}); please report it"))
        outcome.notes = _kuma_warnings(caught)
        outcome.seconds = round(time.perf_counter() - start, 3)
        outcome.worker = self.name
        release_memory()
        outcome.memory_mb, outcome.peak_mb = resident_mb(), peak_mb()
        return outcome

    def _make(self, task: Task) -> Any:
        from pipeline.usecases.article import run_article

        return run_article(
            Path(task.path), self.targets, self.options, self.glossary,
            memory=self.memory, cache=self.cache, name=task.name,
        )


def worker_name(pid: int) -> str:
    """``host:pid``: where a document is being made."""
    return f"{socket.gethostname()}:{pid}"


def limit_threads() -> None:
    """Give the numerical libraries ``THREADS_PER_WORKER`` threads (before they start)."""
    for variable in _THREAD_VARIABLES:
        os.environ[variable] = str(THREADS_PER_WORKER)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(THREADS_PER_WORKER)


def release_memory() -> None:
    """Give back to the system what a document used: its audio arrays are freed, but
    glibc keeps the freed pages in its arenas, so a long-lived worker would grow from one
    document to the next.  ``malloc_trim`` returns them (glibc only; a no-op elsewhere)."""
    import gc

    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, looked up once in the process's own symbols (None without
    glibc)."""
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def resident_mb() -> float:
    """This process's resident memory now, in MB (its peak where that cannot be read)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 1e6, 1)
    except (OSError, ValueError, IndexError):
        return peak_mb()


def peak_mb() -> float:
    """This process's peak resident memory, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1e6 if sys.platform == "darwin" else 1e3), 1)


def _kuma_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    from pipeline.errors import KumaWarning

    return list(dict.fromkeys(
        one_line(str(w.message)) for w in caught if issubclass(w.category, KumaWarning)
    ))
