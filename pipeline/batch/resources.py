"""How many workers a machine holds: its cores, and its free memory divided by what one
worker needs (Python and the libraries, plus the engine's model)."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import KumaError
from pipeline.usecases.options import RunOptions

WORKER_BASE_BYTES = 700 * 1024**2
"""What a worker holds besides its model: Python, torch, spaCy, espeak-ng, audio buffers
(measured at about 500 MB with a tiny model, ``benchmarks/batch.py``), with a margin."""
MODEL_OVERHEAD = 1.3
"""A loaded model takes about its size on disk, plus buffers while it decodes."""
MACHINE_ENGINES = ("ct2", "nllb", "marian")
"""Engines whose model a worker loads, in the order ``auto`` tries them."""


def default_workers(options: RunOptions, documents: int) -> int:
    """One worker per core, as many as the free memory holds, no more than documents."""
    by_memory = available_memory() // worker_memory(options)
    return max(1, min(cpu_count(), by_memory, documents))


def worker_memory(options: RunOptions) -> int:
    """Bytes one worker needs: ``WORKER_BASE_BYTES`` and its engine's model."""
    return WORKER_BASE_BYTES + int(model_bytes(options) * MODEL_OVERHEAD)


def model_bytes(options: RunOptions) -> int:
    """Size on disk of the model the engine would load (0 when none is found here)."""
    from pipeline.models.locate import ModelKind, resolve_model

    if options.engine == "human":
        return 0
    engines = MACHINE_ENGINES if options.engine == "auto" else (options.engine,)
    kinds = [ModelKind.CT2 if engine == "ct2" else ModelKind.TRANSFORMERS for engine in engines]
    for kind in dict.fromkeys(kinds):
        try:
            ref = resolve_model(options.model or "nllb-600m", kind)
        except KumaError:
            continue
        return folder_bytes(ref.path)
    return 0


def folder_bytes(folder: Path) -> int:
    """Bytes of every file under ``folder`` (links followed, as a loader reads them)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def cpu_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def available_memory() -> int:
    """Bytes of memory available to new processes (``MemAvailable``), else free pages."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return WORKER_BASE_BYTES
