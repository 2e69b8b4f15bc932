"""``run_batch``: many documents into packages, resumable, in parallel, locally or on Ray.

The coordinator (this process) checks the options, finds the documents, opens the
journal, decides what is left to do, hands documents to workers and writes down
each change; it never loads a model itself.  At the end it writes ``batch.json`` and
``index.html``.  A KumaError before the first document (bad options, no documents,
a journal of another command, workers that cannot load their models, no Ray) means
the batch could not start; after that, a document that fails fails alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.batch.executor import Finished, Pool, Retried, Started, schedule
from pipeline.batch.inputs import find_sources
from pipeline.batch.journal import Journal
from pipeline.batch.plan import Plan, plan
from pipeline.batch.progress import BatchProgress, Silent
from pipeline.batch.settings import absolute, batch_settings
from pipeline.batch.summary import BatchSummary, summarise
from pipeline.batch.work import Task
from pipeline.errors import ConfigurationError
from pipeline.usecases.article import check_run
from pipeline.usecases.options import RunOptions

EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (what it makes is ``RunOptions``)."""

    include: Sequence[str] = ()
    """Globs a file found in a folder must match (its path inside the folder)."""
    exclude: Sequence[str] = ()
    """Globs that leave a file found in a folder out."""
    workers: int | None = None
    """Worker processes or actors; None = from the cores and free memory (or, on Ray, the
    cluster's CPUs and memory)."""
    executor: str = "local"
    """``local`` (worker processes here) or ``ray``."""
    address: str | None = None
    """The Ray cluster's address (``host:port``, ``ray://host:10001``); None = the one
    ``RAY_ADDRESS`` names, else a Ray started on this machine."""
    timeout: float | None = None
    """Seconds a document may take before it is stopped and fails; None = no limit."""
    retry_failed: bool = False
    """Make documents that failed in an earlier run again."""
    restart: bool = False
    """Forget the journal and make every document again."""


def run_batch(
    inputs: Sequence[str | Path],
    options: RunOptions,
    batch: BatchOptions | None = None,
    progress: BatchProgress | None = None,
) -> BatchSummary:
    """Make a package for every document ``inputs`` name (files, folders, ``@lists``)
    under ``options.out``, and write ``batch.json`` and ``index.html`` there."""
    from pipeline.batch.index import write_reports

    batch = batch or BatchOptions()
    progress = progress or Silent()
    if batch.executor not in EXECUTORS:
        raise ConfigurationError(
            f"unknown executor {batch.executor!r} (known: {', '.join(EXECUTORS)})"
        )
    options = absolute(options)
    targets, glossary = check_run(options, load_models=False)
    found = find_sources(inputs, options.out, batch.include, batch.exclude)
    settings = batch_settings(options, targets, glossary)
    with Journal.opened(options.out, settings, batch.restart) as journal:
        work = plan(journal, found.sources, batch.retry_failed)
        total = len(found.sources)
        failed_before = len(work.failed) + sum(1 for s in found.sources if s.error)
        pool = _pool(options, batch, work.tasks) if work.tasks else None
        progress.begin(total, len(work.skipped), failed_before, _who(batch, pool))
        try:
            if pool is not None:
                _execute(journal, pool, work, batch, progress)
        finally:
            progress.end()
        summary = summarise(options.out, found.sources, journal.entries(), set(work.skipped),
                            settings, targets, found.notes)
        write_reports(summary, targets)
    return summary


def _pool(options: RunOptions, batch: BatchOptions, tasks: list[Task]) -> Any:
    """The pool that will run ``tasks`` (not started yet)."""
    from pipeline.batch.resources import default_workers, worker_memory

    if batch.executor == "ray":
        from pipeline.batch.cluster import RayPool

        return RayPool(options, batch.workers, worker_memory(options), batch.address,
                       most=len(tasks))
    from pipeline.batch.local import LocalPool

    count = batch.workers or default_workers(options, len(tasks))
    return LocalPool(options, min(count, len(tasks)))


def _who(batch: BatchOptions, pool: Any) -> str:
    if pool is None:
        return "(nothing to do)"
    if batch.executor == "ray":
        return f"on Ray ({batch.address})" if batch.address else "on Ray"
    n = pool.count
    return f"with {n} local worker{'s' * (n != 1)}"


def _execute(
    journal: Journal, pool: Pool, work: Plan, batch: BatchOptions, progress: BatchProgress
) -> None:
    """Run the plan's tasks on the pool, writing every change to the journal."""
    with pool:  # type: ignore[attr-defined]
        for event in schedule(pool, work.tasks, batch.timeout):
            if isinstance(event, Started):
                journal.start(event.task.name, event.worker)
                progress.started(event.task.name)
            elif isinstance(event, Retried):
                journal.back_in_queue(event.task.name, event.why)
                progress.retried(event.task.name, event.why)
            elif isinstance(event, Finished):
                note = work.notes.get(event.outcome.name)
                journal.finish(event.outcome, [note] if note else [])
                progress.finished(event.outcome)
