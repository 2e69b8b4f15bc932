"""The batch journal, the plan it gives a run, the scheduling loop and the progress lines:
quick tests without workers (``test_batch`` runs real ones)."""

from __future__ import annotations

import io
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pipeline.batch.executor import Finished, Report, Retried, Started, death, schedule
from pipeline.batch.inputs import Source
from pipeline.batch.journal import JOURNAL, Journal, State
from pipeline.batch.plan import file_hash, package_damage, plan
from pipeline.batch.progress import Lines
from pipeline.batch.settings import differences
from pipeline.batch.work import Outcome, Task
from pipeline.errors import BatchError

SETTINGS = {"languages": ["fr", "ar"], "engine": "auto", "model": "", "beam_size": 4,
            "memory": False, "source_lang": "", "publish": {"voice": "auto"},
            "glossary": "abc", "translations": {}}


def sources(root: Path, *names: str) -> list[Source]:
    result = []
    for name in names:
        path = root / name
        path.write_text(f"Text of {name}.\n", encoding="utf-8")
        result.append(Source(name, path))
    return result


def package(out: Path, name: str, files: dict[str, bytes]) -> None:
    folder = out / name
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    listed = {rel: file_hash(folder / rel) for rel in files}
    (folder / "manifest.json").write_text(json.dumps({"files": listed}))


def test_a_new_journal_queues_every_document(tmp_path):
    docs = sources(tmp_path, "a.txt", "b.txt")
    with Journal.opened(tmp_path / "out", SETTINGS) as journal:
        work = plan(journal, docs)
        assert [t.name for t in work.tasks] == ["a.txt", "b.txt"]
        entries = journal.entries()
    assert {e.state for e in entries.values()} == {State.PENDING}
    assert entries["a.txt"].input_sha256 == file_hash(docs[0].path)
    assert (tmp_path / "out" / JOURNAL).is_file()


@pytest.mark.parametrize(
    "state, damage, retry, verdict",
    [
        (State.DONE, None, False, "skipped"),
        (State.DONE, "fr/article.txt", False, "task"),  # a file of the package is gone
        (State.DONE, "manifest.json", False, "task"),
        (State.FAILED, None, False, "failed"),
        (State.FAILED, None, True, "task"),
        (State.RUNNING, None, False, "task"),  # interrupted: its batch died
        (State.PENDING, None, False, "task"),
    ],
)
def test_what_a_second_run_does_with_each_document(tmp_path, state, damage, retry, verdict):
    out = tmp_path / "out"
    (doc,) = sources(tmp_path, "a.txt")
    package(out, "a", {"fr/article.txt": b"Texte.", "fr/article.mp3": b"ID3"})
    with Journal.opened(out, SETTINGS) as journal:
        plan(journal, [doc])
        if state is not State.PENDING:
            journal.start("a.txt", "host:1")
        if state in (State.DONE, State.FAILED):
            journal.finish(Outcome("a.txt", state is State.DONE, package="a"))
    if damage:
        (out / "a" / damage).unlink()
    with Journal.opened(out, SETTINGS) as journal:
        work = plan(journal, [doc], retry_failed=retry)
    found = {"skipped": work.skipped, "failed": work.failed,
             "task": [t.name for t in work.tasks]}
    assert found[verdict] == ["a.txt"]
    assert sum(len(v) for v in found.values()) == 1


def test_a_changed_input_is_made_again(tmp_path):
    out = tmp_path / "out"
    (doc,) = sources(tmp_path, "a.txt")
    package(out, "a", {"fr/article.txt": b"Texte."})
    with Journal.opened(out, SETTINGS) as journal:
        plan(journal, [doc])
        journal.finish(Outcome("a.txt", True, package="a"))
    doc.path.write_text("Another text.\n", encoding="utf-8")
    with Journal.opened(out, SETTINGS) as journal:
        assert [t.name for t in plan(journal, [doc]).tasks] == ["a.txt"]


@pytest.mark.parametrize(
    "files, damage",
    [
        ({"fr/article.txt": b"x"}, ""),
        ({"fr/article.txt": b"x"}, "fr/article.txt was changed"),
        ({"fr/article.txt": b"x", "fr/article.mp3": b"y"}, "fr/article.mp3 is missing"),
    ],
)
def test_a_package_is_whole_when_its_manifest_files_are_there(tmp_path, files, damage):
    package(tmp_path, "p", files)
    if damage.endswith("changed"):
        (tmp_path / "p" / "fr/article.txt").write_bytes(b"edited")
    elif damage.endswith("missing"):
        (tmp_path / "p" / "fr/article.mp3").unlink()
    assert package_damage(tmp_path / "p") == damage


def test_an_interrupted_commit_is_damage(tmp_path):
    package(tmp_path, "p", {"fr/article.txt": b"x"})
    (tmp_path / "p" / ".kuma-commit.json").write_text("{}")
    assert package_damage(tmp_path / "p") == "its last commit was interrupted"


def test_a_journal_with_other_settings_is_refused_once_work_was_done(tmp_path):
    out = tmp_path / "out"
    docs = sources(tmp_path, "a.txt")
    with Journal.opened(out, SETTINGS) as journal:
        plan(journal, docs)
    other = {**SETTINGS, "languages": ["fr", "ar", "bm"], "glossary": "def"}
    with Journal.opened(out, other) as journal:  # nothing was done yet: taken over
        journal.start("a.txt", "host:1")
    with pytest.raises(BatchError) as error, Journal.opened(out, SETTINGS):
        pass
    assert str(error.value) == (
        f"{out / JOURNAL} is the journal of a batch with other settings (languages: fr,ar,bm, "
        "now fr,ar; glossary): run the same command as before to resume it, add --restart to "
        "make every document again with these settings, or choose another --out"
    )
    with Journal.opened(out, SETTINGS, restart=True) as journal:
        assert journal.entries() == {}


@pytest.mark.parametrize("content", [b"not a database at all" * 10, b""])
def test_a_file_that_is_not_a_journal(tmp_path, content):
    out = tmp_path / "out"
    out.mkdir()
    if content:
        (out / JOURNAL).write_bytes(content)
    else:
        sqlite3.connect(out / JOURNAL).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(BatchError) as error, Journal.opened(out, SETTINGS):
        pass
    assert str(error.value).startswith(f"{out / JOURNAL} is not a Kuma batch journal")
    assert "--restart" in str(error.value)
    with Journal.opened(out, SETTINGS, restart=True) as journal:
        assert journal.entries() == {}


def test_one_batch_at_a_time_in_a_folder(tmp_path):
    out = tmp_path / "out"
    with Journal.opened(out, SETTINGS), pytest.raises(BatchError) as error, Journal.opened(
        out, SETTINGS
    ):
        pass
    assert str(error.value) == (
        f"another `kuma batch` is working in {out}: wait for it to finish, or give this one "
        "another --out"
    )


@pytest.mark.parametrize(
    "before, now, said",
    [
        ({"languages": ["fr"]}, {"languages": ["fr", "bm"]}, ["languages: fr, now fr,bm"]),
        ({"engine": "auto", "model": ""}, {"engine": "ct2", "model": "m"},
         ["--engine: auto, now ct2", "--model: none, now m"]),
        ({"memory": False}, {"memory": True}, ["--memory: off, now on"]),
        ({"publish": {"voice": "auto"}}, {"publish": {"voice": "none"}},
         ["voice, loudness, format, opening, WAV or easy settings"]),
        ({"glossary": "a"}, {"glossary": "b"}, ["glossary"]),
    ],
)
def test_what_changed_is_said_in_words(before, now, said):
    assert differences(before, now) == said


# -- the scheduling loop ------------------------------------------------------------------


@dataclass
class ScriptedPool:
    """A pool whose workers do what a script says per document: ``ok``, ``fail``, ``die``
    (the worker dies; ``die-once`` only the first time) or ``hang``."""

    script: dict[str, str]
    slots: int = 2
    busy: dict[int, Task] = field(default_factory=dict)
    stopped: list[str] = field(default_factory=list)

    def idle(self) -> list[int]:
        return [n for n in range(self.slots) if n not in self.busy]

    def submit(self, slot: int, task: Task) -> str:
        self.busy[slot] = task
        return f"worker-{slot}"

    def wait(self, timeout: float) -> list[Report]:
        reports = []
        for slot, task in list(self.busy.items()):
            what = self.script[task.name]
            if what == "hang":
                continue
            del self.busy[slot]
            if what == "die" or (what == "die-once" and task.attempt == 1):
                reports.append(Report(slot, death="crashed (SIGSEGV)"))
            else:
                ok = what != "fail"
                reports.append(Report(slot, Outcome(task.name, ok, "" if ok else "bad")))
        return reports

    def stop(self, slot: int) -> None:
        self.stopped.append(self.busy.pop(slot).name)


def test_schedule_retries_a_document_once_when_its_worker_dies():
    pool = ScriptedPool({"a": "ok", "b": "die-once", "c": "die", "d": "fail"})
    events = list(schedule(pool, [Task(n, n) for n in "abcd"], tick=0.01))
    finished = {e.outcome.name: e.outcome for e in events if isinstance(e, Finished)}
    assert {n: (o.ok, o.error) for n, o in finished.items()} == {
        "a": (True, ""),
        "b": (True, ""),
        "c": (False, "its worker crashed (SIGSEGV), twice: the document may be what crashes it"),
        "d": (False, "bad"),
    }
    retried = [(e.task.name, e.why) for e in events if isinstance(e, Retried)]
    assert retried == [("b", "its worker crashed (SIGSEGV)"), ("c", "its worker crashed (SIGSEGV)")]
    assert sum(isinstance(e, Started) for e in events) == 6


def test_schedule_stops_a_document_that_takes_too_long():
    pool = ScriptedPool({"slow": "hang", "quick": "ok"})
    events = list(schedule(pool, [Task("slow", "slow"), Task("quick", "quick")],
                           timeout=0.05, tick=0.01))
    finished = {e.outcome.name: e.outcome for e in events if isinstance(e, Finished)}
    assert finished["quick"].ok
    assert finished["slow"].error == (
        "stopped after 0.05 seconds (--timeout): the document takes too long"
    )
    assert pool.stopped == ["slow"]


@pytest.mark.parametrize(
    "exitcode, said",
    [(-11, "crashed (SIGSEGV)"), (-9, "was killed (SIGKILL; out of memory?)"),
     (3, "stopped (exit code 3)"), (None, "stopped answering")],
)
def test_how_a_worker_ended(exitcode, said):
    assert death(exitcode) == said


# -- progress as plain lines -------------------------------------------------------------


def test_plain_progress_lines():
    stream = io.StringIO()
    progress = Lines(stream)
    progress.begin(4, 1, 1, "with 2 local workers")
    progress.started("a.pdf")
    progress.retried("a.pdf", "its worker crashed (SIGSEGV)")
    progress.finished(Outcome("a.pdf", True, seconds=2.5))
    progress.finished(Outcome("b.pdf", False, "b.pdf has no text layer (scanned?)"))
    lines = stream.getvalue().splitlines()
    assert lines[0] == (
        "kuma batch: 4 documents (1 already done; 1 failed before (--retry-failed tries them "
        "again)); 2 to make with 2 local workers"
    )
    assert lines[1] == "[2/4] started a.pdf"
    assert lines[2] == (
        "[2/4] again   a.pdf: its worker crashed (SIGSEGV); it goes to another worker"
    )
    assert lines[3].startswith("[3/4] done    a.pdf in 2.5 s (")
    assert "documents/min" in lines[3] and "left" in lines[3]
    assert lines[4] == "[4/4] FAILED  b.pdf: b.pdf has no text layer (scanned?)"
