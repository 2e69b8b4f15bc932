"""Ray workers: the same per-document work as actors on a Ray cluster.

Each actor holds a ``DocumentWorker``: it loads the models once, when it starts, and
keeps them for all its documents.  It asks the cluster for one CPU and the memory the
engine's model needs (``resources.worker_memory``), so Ray places no more actors on a
node than it can hold.  Actors write packages straight into the output folder, which
the cluster must share (at the same path), with the same atomic commit as a local run;
only the coordinator, here, writes the journal.  An actor that dies (its node lost, the
out-of-memory killer) is replaced, and its document is tried once more.

``ray`` is the ``cluster`` extra; it is imported only here, only when asked for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import sys
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from pipeline.batch.executor import Report
from pipeline.batch.work import DocumentWorker, Outcome, Task
from pipeline.errors import BatchError, KumaError, describe, one_line
from pipeline.usecases.options import RunOptions

INSTALL_HINT = "pip install 'kuma[cluster]'"
CONNECT_TIMEOUT_S = 5.0
"""How long to try reaching a cluster's address before saying it is unreachable."""
SHARED_VARIABLES = ("KUMA_", "HF_", "TRANSFORMERS_", "SOURCE_DATE_EPOCH")
"""Environment variables the actors are given from the coordinator (prefixes): where the
models, the cache and the memory are, and the date publications are stamped with."""
CPUS_PER_WORKER = 1


class DocumentActor:
    """A Ray actor that makes documents (see the module's docstring)."""

    def __init__(self, options: RunOptions, environment: dict[str, str]) -> None:
        os.environ.update(environment)
        self.worker = DocumentWorker(options)
        self.error = ""
        try:
            self.worker.prepare()
        except KumaError as exc:
            self.error = one_line(str(exc))
        except Exception as exc:
            self.error = one_line(f"a Ray worker could not start ({describe(exc)})")

    def ready(self) -> tuple[str, str]:
        """Its name, and why it cannot work (empty when it can)."""
        return self.worker.name, self.error

    def run(self, task: Task) -> Outcome:
        """Make one document."""
        return self.worker.run(task)


@dataclass
class _Actor:
    handle: Any
    ref: Any
    """The pending call: ``ready`` while starting, then ``run``."""
    name: str = ""
    state: str = "starting"


class RayPool:
    """Actors on a Ray cluster, one document at a time each."""

    def __init__(
        self, options: RunOptions, count: int | None, memory: int, address: str | None = None,
        most: int = 1,
    ) -> None:
        self.options = options
        self.count = count
        """Actors to start; None = as many as the cluster holds, at most ``most``."""
        self.most = most
        self.memory = memory
        self.address = address
        self.ray: Any = None
        self.started_ray = False
        self.actors: list[_Actor] = []
        self.stdout = contextlib.ExitStack()

    def __enter__(self) -> RayPool:
        # Ray's driver prints the cluster's error messages ("a worker died...") on
        # stdout, which belongs to the summary (--json): they go to stderr instead.
        self.stdout = contextlib.ExitStack()
        self.stdout.enter_context(contextlib.redirect_stdout(sys.stderr))
        try:
            self.ray, self.started_ray = connect(self.address)
            count = self.count or min(self.most, fitting_workers(self.ray, self.memory))
            self.actor_class = self.ray.remote(
                num_cpus=CPUS_PER_WORKER, memory=self.memory, max_restarts=0
            )(DocumentActor)
            self.actors = [self._spawn() for _ in range(count)]
            while any(a.state == "starting" for a in self.actors):
                self.wait(1.0)
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the Pool protocol ---------------------------------------------------------

    def idle(self) -> list[int]:
        return [n for n, a in enumerate(self.actors) if a.state == "idle"]

    def submit(self, slot: int, task: Task) -> str:
        actor = self.actors[slot]
        actor.ref, actor.state = actor.handle.run.remote(task), "busy"
        return actor.name

    def wait(self, timeout: float) -> list[Report]:
        refs = [a.ref for a in self.actors if a.state != "idle"]
        if not refs:
            return []
        done, _ = self.ray.wait(refs, num_returns=1, timeout=timeout)
        if done:
            done, _ = self.ray.wait(refs, num_returns=len(refs), timeout=0)
        finished = set(done)
        reports = []
        for slot, actor in enumerate(self.actors):
            if actor.state != "idle" and actor.ref in finished:
                report = self._heard(slot, actor)
                if report is not None:
                    reports.append(report)
        return reports

    def stop(self, slot: int) -> None:
        self.ray.kill(self.actors[slot].handle)
        self.actors[slot] = self._spawn()

    # -- actors --------------------------------------------------------------------

    def _spawn(self) -> _Actor:
        handle = self.actor_class.remote(self.options, shared_environment())
        return _Actor(handle, handle.ready.remote())

    def _heard(self, slot: int, actor: _Actor) -> Report | None:
        from ray.exceptions import RayActorError, RayTaskError

        try:
            value = self.ray.get(actor.ref)
        except RayActorError as exc:
            how = f"died ({_first_line(exc)})"
            if actor.state == "starting":
                raise BatchError(f"a Ray worker {how} while loading its models") from None
            was_busy = actor.state == "busy"
            self.actors[slot] = self._spawn()
            return Report(slot, death=how) if was_busy else None
        except RayTaskError as exc:  # DocumentWorker.run catches everything: a defect
            actor.state = "idle"
            return Report(slot, error=one_line(f"unexpected failure ({describe(exc)})"))
        if actor.state == "starting":
            actor.name, error = value
            if error:
                raise BatchError(error)
            actor.state = "idle"
            return None
        actor.state = "idle"
        return Report(slot, outcome=value)

    def close(self) -> None:
        """Stop the actors; disconnect from a cluster this pool started."""
        if self.ray is not None:
            self._stop_all()
        self.stdout.close()

    def _stop_all(self) -> None:
        for actor in self.actors:
            with contextlib.suppress(Exception):  # an actor already gone
                self.ray.kill(actor.handle)
        self.actors = []
        if self.started_ray:
            self.ray.shutdown()
        self.ray = None


def connect(address: str | None) -> tuple[Any, bool]:
    """The ``ray`` module, connected; whether this call started the connection.

    BatchError naming the fix when Ray is not installed or the address does not answer.
    """
    try:
        import ray
    except ImportError:
        raise BatchError(
            f"--executor ray needs Ray, which is not installed: {INSTALL_HINT}"
        ) from None
    if ray.is_initialized():
        return ray, False
    if address and address not in ("auto", "local"):
        check_reachable(address)
    try:
        if address:
            ray.init(address=address, logging_level=logging.ERROR, log_to_driver=False)
        else:
            ray.init(logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = f"at {address}" if address else "on this machine"
        raise BatchError(
            f"cannot start or reach a Ray cluster {where} ({_first_line(exc)}): start one "
            "with `ray start --head`, or check --address"
        ) from None
    return ray, True


def check_reachable(address: str) -> None:
    """BatchError when nothing answers at a cluster address (``host:port`` or
    ``ray://host:port``) within ``CONNECT_TIMEOUT_S`` seconds."""
    parsed = urlparse(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parsed.hostname, parsed.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        raise BatchError(
            f"--address {address} is not a Ray address: give host:port "
            "(the head node's, 6379 by default) or ray://host:10001"
        )
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise BatchError(
            f"cannot reach the Ray cluster at {address} ({exc.strerror or exc}): start it "
            "with `ray start --head` on that machine, or check --address"
        ) from None


def fitting_workers(ray: Any, memory: int) -> int:
    """How many actors the cluster's nodes hold, by their CPUs and memory; BatchError
    when none can hold one."""
    fit = 0
    for node in ray.nodes():
        if not node.get("Alive"):
            continue
        resources = node.get("Resources", {})
        cpus = int(resources.get("CPU", 0) // CPUS_PER_WORKER)
        fit += min(cpus, int(resources.get("memory", 0) // memory)) if memory else cpus
    if fit < 1:
        raise BatchError(
            f"no node of the Ray cluster has {CPUS_PER_WORKER} CPU and "
            f"{memory / 1e9:.1f} GB of memory for a worker"
        )
    return fit


def shared_environment() -> dict[str, str]:
    """The coordinator's variables the actors need (``SHARED_VARIABLES``)."""
    return {k: v for k, v in os.environ.items() if k.startswith(SHARED_VARIABLES)}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return one_line(text[0] if text else type(exc).__name__, 160)
