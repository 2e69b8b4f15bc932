"""``kuma batch --executor ray`` on a real local Ray (``ray_cluster``, two CPUs): the same
packages as local workers, the same journal, a document whose actor died tried again;
and the one-line errors when Ray is missing or its address does not answer."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_helpers import SOURCE_DATE, snapshot, write_documents
from click.testing import CliRunner

from pipeline.cli import cli

pytestmark = pytest.mark.usefixtures("no_network")


def batch(*args: str):
    return CliRunner().invoke(cli, ["batch", *args], catch_exceptions=False)


@pytest.fixture
def faulty(faulty_plugin: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, ...]]:
    """The ``faulty`` engine (the cluster's workers have it on their path)."""
    monkeypatch.syspath_prepend(str(faulty_plugin))
    yield ("--engine", "faulty", "--lang", "fr", "--voice", "none", "--no-easy", "-q")
    sys.modules.pop("kuma_faulty", None)


@pytest.mark.usefixtures("tiny_models")
def test_ray_makes_the_same_packages_as_local_workers(
    ray_cluster, tmp_path, tiny_models, monkeypatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE)
    docs = tmp_path / "docs"
    write_documents(docs, 3)
    options = ("--lang", "fr,ar", "--engine", "nllb", "--model", str(tiny_models.nllb),
               "--beam-size", "1", "--voice", "espeak", "--no-easy", "-q")
    made = {}
    for executor in ("local", "ray"):
        monkeypatch.setenv("KUMA_HOME", str(tmp_path / f"home-{executor}"))
        out = tmp_path / executor
        result = batch(str(docs), "--out", str(out), "--executor", executor, "--json", *options)
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        made[executor] = snapshot(out)
        workers = {d["worker"] for d in summary["documents"]}
        assert all(w.rsplit(":", 1)[1].isdigit() for w in workers)
    assert any(k.endswith("fr/article.mp3") for k in made["ray"])
    assert made["ray"] == made["local"]


def test_a_ray_worker_that_died_is_replaced(ray_cluster, tmp_path, faulty, monkeypatch):
    monkeypatch.setenv("KUMA_TEST_FAULTS", str(tmp_path))
    docs = tmp_path / "docs"
    write_documents(docs, 2)
    (docs / "flaky.txt").write_text("Flaky report\n\nThis one says CRASH-ONCE.\n")
    (docs / "crash.txt").write_text("Crash report\n\nThis one says CRASH.\n")
    out = tmp_path / "out"
    result = batch(str(docs), "--out", str(out), "--executor", "ray", "--json", *faulty)
    assert result.exit_code == 3, result.output
    documents = {d["name"]: d for d in json.loads(result.stdout)["documents"]}
    assert {n: (d["status"], d["attempts"]) for n, d in documents.items()} == {
        "crash.txt": ("failed", 2),
        "flaky.txt": ("done", 2),
        "report-01.txt": ("done", 1),
        "report-02.txt": ("done", 1),
    }
    error = documents["crash.txt"]["error"]
    assert error.startswith("its worker died (") and error.endswith(
        ", twice: the document may be what crashes it")

    local = batch(str(docs), "--out", str(out), "--json", *faulty)  # the same journal
    summary = json.loads(local.stdout)
    assert summary["totals"]["skipped"] == 3 and summary["totals"]["failed"] == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "address, message",
    [
        ("127.0.0.1:{port}", "Error: cannot reach the Ray cluster at 127.0.0.1:{port} "
         "(Connection refused): start it with `ray start --head` on that machine, or check "
         "--address\n"),
        ("head-node", "Error: --address head-node is not a Ray address: give host:port (the "
         "head node's, 6379 by default) or ray://host:10001\n"),
    ],
)
def test_an_address_that_does_not_answer(tmp_path, address, message):
    """In a process of its own: this one is connected to the session's Ray."""
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    port = free_port()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "batch", str(docs), "--out", str(tmp_path / "out"),
         "--executor", "ray", "--address", address.format(port=port), "--voice", "none", "-q"],
        capture_output=True, text=True, env={**os.environ, "RAY_ADDRESS": ""},
    )
    assert done.returncode == 1
    assert done.stderr == message.format(port=port)


def test_without_ray_installed(tmp_path):
    """``ray`` that cannot be imported, as on a machine without the ``cluster`` extra."""
    hidden = tmp_path / "no-ray" / "ray"
    hidden.mkdir(parents=True)
    (hidden / "__init__.py").write_text("raise ImportError(\"No module named 'ray'\")\n")
    docs = tmp_path / "docs"
    write_documents(docs, 1)
    path = os.pathsep.join([str(hidden.parent), os.environ.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "batch", str(docs), "--out", str(tmp_path / "out"),
         "--executor", "ray", "--voice", "none", "-q"],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": path},
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: --executor ray needs Ray, which is not installed: pip install 'kuma[cluster]'\n"
    )
