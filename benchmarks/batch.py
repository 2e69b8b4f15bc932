"""``kuma batch``: documents per minute and memory per worker, local and on Ray, and what
resuming costs.

Twenty reports of 300 to 1,500 words (the example article's paragraphs, in a seeded
order) are made into packages in French, Arabic and Bambara, translated by the tests'
tiny NLLB model (greedy) and spoken by espeak-ng, as a user runs it (``kuma batch`` in
a new process, with a new, empty Kuma home: no cache, no memory), with:

1. ``--workers 1``, ``--workers 2`` and ``--executor ray`` (a Ray started on this
   machine, 2 actors): wall time, documents per minute, and per worker its resident
   memory after each document and its peak;
2. the same command again on the finished batch (target: at most 5 s);
3. ``kill -9`` of a ``--workers 2`` batch once half its documents are done, then the
   same command: what the rest costs, against the uninterrupted run.

It also times espeak-ng with and without the fresh library per utterance
(``pipeline.speech.espeak``) on the example's French and Arabic.

The tiny model writes gibberish whose "words" espeak-ng spells letter by letter, so
each report's audio is far longer than a real translation's (tens of minutes): the
absolute times are the worst case for the audio stages; the ratios between settings
are what this measures.  Easy-to-read versions are left out (``--no-easy``) to halve
that audio and keep the run under an hour.

    python benchmarks/batch.py            # about 45 minutes on 2 cores
    python benchmarks/batch.py --quick    # 6 reports of 150-400 words, a few minutes
    python benchmarks/batch.py --json     # the figures as JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
ARTICLE = ROOT / "examples" / "mali-article.txt"
LANGS = "fr,ar,bm"


@dataclass
class Setting:
    """One way of running the batch, and what it measured."""

    name: str
    args: list[str]
    seconds: float = 0.0
    working_seconds: float = 0.0
    """From the first document started to the last finished (workers' start left out)."""
    documents: int = 0
    failed: int = 0
    workers: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per worker: documents made, memory after the first and the last, its peak."""
    load: tuple[float, float] = (0.0, 0.0)
    """Load average (1 min) before and after."""

    @property
    def per_minute(self) -> float:
        return self.documents / self.seconds * 60 if self.seconds else 0.0


def make_documents(folder: Path, sizes: list[int], seed: int = 11) -> list[int]:
    """One report per size (in words), from the example's paragraphs; their word counts."""
    blocks = [b.strip() for b in ARTICLE.read_text("utf-8").split("\n\n") if b.strip()][2:]
    order = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    counts = []
    for n, size in enumerate(sizes, start=1):
        paragraphs, words = [], 0
        while words < size:
            paragraph = order.choice(blocks)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        text = f"Report {n} on the Sahel\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"report-{n:02d}.txt").write_text(text, encoding="utf-8")
        counts.append(words)
    return counts


def command(documents: Path, out: Path, model: Path, extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "pipeline", "batch", str(documents), "--out", str(out),
            "--lang", LANGS, "--engine", "nllb", "--model", str(model), "--beam-size", "1",
            "--no-easy", "--json", "-q", *extra]


def environment(home: Path) -> dict[str, str]:
    paths = [str(ROOT), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "KUMA_HOME": str(home), "RAY_ADDRESS": "",
            "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def run(setting: Setting, documents: Path, work: Path, model: Path) -> Setting:
    """Run one setting in a new process, with a new Kuma home and output folder."""
    out, home = work / setting.name / "out", work / setting.name / "home"
    setting.load = (os.getloadavg()[0], 0.0)
    began = time.perf_counter()
    done = subprocess.run(command(documents, out, model, setting.args), env=environment(home),
                          capture_output=True, text=True)
    setting.seconds = time.perf_counter() - began
    setting.load = (setting.load[0], os.getloadavg()[0])
    if done.returncode not in (0, 3):
        raise SystemExit(f"{setting.name} failed: {done.stderr.strip()[-500:]}")
    summary = json.loads(done.stdout)
    setting.documents = summary["totals"]["done"]
    setting.failed = summary["totals"]["failed"]
    setting.working_seconds = _working_span(out)
    setting.workers = _workers(summary["documents"], out)
    return setting


def _working_span(out: Path) -> float:
    with sqlite3.connect(out / "batch.sqlite") as db:
        first, last = db.execute("SELECT MIN(started), MAX(finished) FROM documents").fetchone()
    return float(last - first)


def _workers(documents: list[dict[str, Any]], out: Path) -> dict[str, dict[str, Any]]:
    """Per worker, in the order it finished its documents: memory after the first and the
    last, the peak, and the memory after each."""
    with sqlite3.connect(out / "batch.sqlite") as db:
        finished = dict(db.execute("SELECT name, finished FROM documents"))
    by_worker: dict[str, list[dict[str, Any]]] = {}
    for doc in sorted(documents, key=lambda d: finished.get(d["name"]) or 0):
        by_worker.setdefault(doc["worker"], []).append(doc)
    return {
        worker: {
            "documents": len(docs),
            "first_mb": docs[0]["memory_mb"],
            "last_mb": docs[-1]["memory_mb"],
            "peak_mb": max(d["peak_mb"] or 0 for d in docs),
            "after_each_mb": [d["memory_mb"] for d in docs],
        }
        for worker, docs in by_worker.items()
    }


def rerun_finished(setting: Setting, documents: Path, work: Path, model: Path) -> float:
    """The same command again on ``setting``'s finished batch: its wall time."""
    out, home = work / setting.name / "out", work / setting.name / "home"
    began = time.perf_counter()
    done = subprocess.run(command(documents, out, model, setting.args), env=environment(home),
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    skipped = json.loads(done.stdout)["totals"]["skipped"]
    if skipped != setting.documents:
        raise SystemExit(f"the re-run skipped {skipped} of {setting.documents} documents")
    return elapsed


def interrupted(documents: Path, work: Path, model: Path, total: int) -> dict[str, Any]:
    """``kill -9`` of a 2-worker batch when half its documents are done, then resume."""
    out, home = work / "interrupted" / "out", work / "interrupted" / "home"
    argv = command(documents, out, model, ["--workers", "2"])
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=environment(home), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    while _done(out) < total // 2:
        if process.poll() is not None:
            raise SystemExit("the batch finished before it could be interrupted")
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    before_kill = time.perf_counter() - began
    done_at_kill = _done(out)
    began = time.perf_counter()
    resumed = subprocess.run(argv, env=environment(home), capture_output=True, text=True)
    resume_s = time.perf_counter() - began
    summary = json.loads(resumed.stdout)
    return {"killed_after_s": round(before_kill, 1), "done_at_kill": done_at_kill,
            "resume_s": round(resume_s, 1), "skipped": summary["totals"]["skipped"],
            "done": summary["totals"]["done"]}


def _done(out: Path) -> int:
    try:
        with sqlite3.connect(f"file:{out / 'batch.sqlite'}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute(
                "SELECT COUNT(*) FROM documents WHERE state = 'done'").fetchone()[0])
    except sqlite3.Error:
        return 0


def espeak_cost() -> dict[str, dict[str, float]]:
    """Milliseconds per utterance of the example's French and Arabic, with the library
    loaded afresh for each utterance (Kuma's way) and with one library kept."""
    from a11y.samples import example_documents

    import pipeline.speech.espeak as espeak
    from pipeline.speech.prepare import prepare_text

    docs = example_documents()
    voice, fresh = espeak.EspeakVoice(), espeak._dlclose
    result: dict[str, dict[str, float]] = {}
    try:
        for lang in ("fr", "ar"):
            texts = [prepare_text(s.text, lang, None) for s in docs[lang].segments()]
            result[lang] = {}
            for label, closer in (("fresh", fresh), ("kept", None)):
                espeak._dlclose = closer
                voice.synthesize(texts[0], lang)
                best = min(_timed(voice, texts, lang) for _ in range(3))
                result[lang][label] = round(best / len(texts) * 1000, 2)
    finally:
        espeak._dlclose = fresh
    return result


def _timed(voice: Any, texts: list[str], lang: str) -> float:
    began = time.perf_counter()
    for text in texts:
        voice.synthesize(text, lang)
    return time.perf_counter() - began


def report(settings: list[Setting], words: list[int], rerun_s: float,
           resumed: dict[str, Any], espeak: dict[str, dict[str, float]]) -> str:
    one = settings[0]
    lines = [
        f"{len(words)} reports, {min(words)}-{max(words)} words ({sum(words):,} in all), "
        f"into {LANGS}; {os.cpu_count()} cores, Python {platform.python_version()}",
        "",
        "| setting | wall time | documents/min | vs 1 worker | working time | "
        "per worker: documents, memory after first → last, peak | load before/after |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in settings:
        workers = "; ".join(
            f"{w['documents']} docs, {w['first_mb']:.0f} → {w['last_mb']:.0f} MB, "
            f"peak {w['peak_mb']:.0f} MB" for w in s.workers.values())
        lines.append(
            f"| {s.name} | {s.seconds:.0f} s | {s.per_minute:.2f} | "
            f"{s.per_minute / one.per_minute:.2f}× | {s.working_seconds:.0f} s | {workers} | "
            f"{s.load[0]:.1f} / {s.load[1]:.1f} |")
    lines += [
        "",
        f"Re-run of the finished 2-worker batch: {rerun_s:.1f} s "
        f"({rerun_s / len(words) * 1000:.0f} ms a document).",
        f"Interrupted (kill -9) after {resumed['killed_after_s']} s with "
        f"{resumed['done_at_kill']} of {len(words)} done; the resume took "
        f"{resumed['resume_s']} s ({resumed['skipped']} skipped, {resumed['done']} done).",
        "",
        "espeak-ng per utterance (example article): " + "; ".join(
            f"{lang} {c['fresh']:.1f} ms fresh vs {c['kept']:.1f} ms kept "
            f"(+{c['fresh'] - c['kept']:.1f} ms)" for lang, c in espeak.items()),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="6 reports of 150-400 words")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    options = parser.parse_args()
    from tiny_models import cached_models

    count, low, high = (6, 150, 400) if options.quick else (20, 300, 1500)
    sizes = [round(low + (high - low) * n / (count - 1)) for n in range(count)]
    work = options.keep or Path(tempfile.mkdtemp(prefix="kuma-batch-bench-"))
    models = Path.home() / ".cache" / "kuma" / "benchmarks" / "tiny"
    models.mkdir(parents=True, exist_ok=True)
    model = cached_models(models).nllb
    words = make_documents(work / "reports", sizes)
    settings = [Setting("--workers 1", ["--workers", "1"]),
                Setting("--workers 2", ["--workers", "2"]),
                Setting("--executor ray", ["--executor", "ray", "--workers", "2"])]
    for setting in settings:
        print(f"running {setting.name}...", file=sys.stderr, flush=True)
        run(setting, work / "reports", work, model)
    print("re-running the finished batch...", file=sys.stderr, flush=True)
    rerun_s = rerun_finished(settings[1], work / "reports", work, model)
    print("interrupting a batch at 50 %...", file=sys.stderr, flush=True)
    resumed = interrupted(work / "reports", work, model, count)
    espeak = espeak_cost()
    if options.json:
        print(json.dumps({"words": words, "settings": [asdict(s) for s in settings],
                          "rerun_s": rerun_s, "interrupted": resumed, "espeak_ms": espeak,
                          "peak_rss_mb_of_this_process":
                          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024},
                         indent=2))
    else:
        print(report(settings, words, rerun_s, resumed, espeak))


if __name__ == "__main__":
    main()
