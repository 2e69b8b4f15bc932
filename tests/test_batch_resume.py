"""``kill -9`` of a batch at any moment, then the same command again: the packages are
byte for byte those of a batch that was never interrupted (manifests' dates and
durations aside), and nothing temporary is left.

The batch runs as a user runs it, a ``kuma`` process with its workers, and is killed
whole (its process group) at moments found by watching its output folder: as soon as
a document is started, in the middle of writing a file, in the middle of a package's
commit, between two documents; or only the coordinator is killed, and its workers must
go by themselves.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_helpers import SOURCE_DATE, leftovers, snapshot, write_documents

pytestmark = pytest.mark.usefixtures("tiny_models")

WATCH_S = 300.0
"""Longest wait for a kill point (the batch normally gets there in seconds)."""


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("resume-docs")
    write_documents(folder, 3)
    return folder


def command(documents: Path, out: Path, model: Path) -> list[str]:
    return [
        sys.executable, "-m", "pipeline", "batch", str(documents), "--out", str(out),
        "--lang", "fr,ar", "--engine", "nllb", "--model", str(model), "--beam-size", "1",
        "--voice", "espeak", "--no-easy", "--workers", "2", "-q",
    ]


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "KUMA_HOME": str(home), "SOURCE_DATE_EPOCH": SOURCE_DATE}


@pytest.fixture(scope="module")
def reference(tmp_path_factory, documents, tiny_models) -> dict:
    """The packages of an uninterrupted batch."""
    root = tmp_path_factory.mktemp("reference")
    out = root / "out"
    done = subprocess.run(command(documents, out, tiny_models.nllb),
                          env=environment(root / "home"), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return snapshot(out)


def running(out: Path) -> bool:
    """A worker has started a document (the journal says so)."""
    if not (out / "batch.sqlite").is_file():
        return False
    try:
        with sqlite3.connect(f"file:{out / 'batch.sqlite'}?mode=ro", uri=True, timeout=0.1) as db:
            return db.execute("SELECT 1 FROM documents WHERE state = 'running'").fetchone() \
                is not None
    except sqlite3.Error:
        return False


def writing(out: Path) -> bool:
    """A file is being written: its temporary file is there."""
    return any(out.glob("*/**/.*.tmp"))


def committing(out: Path) -> bool:
    """A package's commit is under way: its marker is there."""
    return any(out.glob("*/.kuma-commit.json"))


def between(out: Path) -> bool:
    """One package is finished and another is not yet."""
    return len(list(out.glob("*/manifest.json"))) == 1 and running(out)


KILL_POINTS: dict[str, Callable[[Path], bool]] = {
    "a document started": running,
    "a file half-written": writing,
    "a commit half-done": committing,
    "between two documents": between,
}


def start(documents: Path, out: Path, model: Path, home: Path) -> subprocess.Popen:
    return subprocess.Popen(command(documents, out, model), env=environment(home),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def wait_for(process: subprocess.Popen, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WATCH_S
    while not ready():
        assert process.poll() is None, "the batch finished before the kill point"
        assert time.monotonic() < deadline, "the kill point never came"
        time.sleep(0.0005)


def resume(documents: Path, out: Path, model: Path, home: Path) -> dict:
    done = subprocess.run(command(documents, out, model), env=environment(home),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads((out / "batch.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_kill_9_at_any_moment_then_resume(tmp_path, documents, tiny_models, reference, point):
    out, home = tmp_path / "out", tmp_path / "home"
    process = start(documents, out, tiny_models.nllb, home)
    try:
        wait_for(process, lambda: KILL_POINTS[point](out))
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    summary = resume(documents, out, tiny_models.nllb, home)
    assert summary["totals"]["done"] == 3
    assert leftovers(out) == []
    assert snapshot(out) == reference


def test_workers_stop_when_their_coordinator_is_killed(tmp_path, documents, tiny_models,
                                                       reference):
    out, home = tmp_path / "out", tmp_path / "home"
    process = start(documents, out, tiny_models.nllb, home)
    try:
        wait_for(process, lambda: running(out))
        workers = children(process.pid)
        assert workers
    finally:
        process.kill()  # the coordinator only, not its process group
        process.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in workers if alive(pid)] == []
    assert running(out)  # the journal still says a document is being made
    summary = resume(documents, out, tiny_models.nllb, home)
    assert summary["totals"]["done"] == 3
    assert leftovers(out) == []
    assert snapshot(out) == reference


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet collected, does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
