"""What a re-run and a correction cost: first run, unchanged re-run, one-segment correction.

For each voice the example article is run as a user runs it (``kuma run`` in a new
process, with a new, empty Kuma home and so an empty cache), then:

1. run again with nothing changed: the target is at most 3 s and no file written;
2. one French segment corrected in ``review/fr.xliff`` and imported with
   ``kuma xliff import``: the target is at most 25 % of the first run, with every file
   of the other languages byte-identical.

Voices: espeak-ng (fr, ar, bm; Bambara has no voice), and a VITS with MMS-TTS's real
dimensions and random weights (``tests/tiny_voice.py``; no MMS voice can be downloaded
here) installed as the French MMS voice, for French only.

    python benchmarks/redo.py            # both voices, about 5 minutes
    python benchmarks/redo.py --espeak   # espeak-ng only, about a minute
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
CORRECTED = ("ont indiqué des sources proches de ces rencontres.",
             "ont dit des sources proches de ces rencontres.")
"""The one French segment corrected (p3.s1 of the example)."""


@dataclass
class Case:
    """One voice's three timings."""

    name: str
    first_s: float
    rerun_s: float
    rerun_written: int
    correction_s: float
    correction_written: int
    others_identical: bool
    redone: dict[str, int]

    @property
    def correction_share(self) -> float:
        return self.correction_s / self.first_s


def kuma(*args: str, env: dict[str, str]) -> tuple[float, dict]:
    """Run ``kuma ... --json -q`` in a new process; its time and JSON summary."""
    command = [sys.executable, "-m", "pipeline", *args, "--json", "-q"]
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - began
    if done.returncode not in (0, 3):
        raise SystemExit(f"kuma {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed, json.loads(done.stdout)[0]


def hashes(package: Path, skip: str) -> dict[str, str]:
    """SHA-256 of every file outside the folder ``skip`` (and the manifest, the kit)."""
    return {
        str(p.relative_to(package)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(package.rglob("*"))
        if p.is_file() and not str(p.relative_to(package)).startswith(skip)
        and p.name not in ("manifest.json", f"{skip.rstrip('/')}.xliff")
    }


def measure(name: str, langs: str, voice: str, home: Path, work: Path) -> Case:
    env = {**os.environ, "KUMA_HOME": str(home), "PYTHONPATH": str(ROOT)}
    out = work / "out"
    run = ["run", str(ARTICLE), "--lang", langs, "--translations", str(TRANSLATIONS),
           "--out", str(out), "--voice", voice]
    first, _ = kuma(*run, env=env)
    rerun, again = kuma(*run, env=env)
    package = out / "mali-article"
    kit = (package / "review" / "fr.xliff").read_text(encoding="utf-8")
    assert CORRECTED[0] in kit, "the corrected segment is not in the kit"
    corrected = work / "fr.xliff"
    corrected.write_text(kit.replace(*CORRECTED), encoding="utf-8")
    before = hashes(package, "fr/")
    correction, imported = kuma("xliff", "import", str(corrected), "--into", str(package),
                                env=env)
    return Case(name, first, rerun, len(again["written"]), correction,
                len(imported["written"]), hashes(package, "fr/") == before,
                imported["redone"]["made"])


def mms_home(home: Path) -> None:
    """Install an MMS-shaped random-weight VITS as the French MMS voice in ``home``."""
    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_voice import mms_shaped

    folder = mms_shaped(home / "build" / "mms-shaped")
    shutil.copytree(folder, home / "models" / "mms-tts-fra")


def table(cases: list[Case]) -> str:
    rows = [
        "| voice | first run (s) | unchanged re-run (s) | files written | one-segment "
        "fr correction (s) | share of first run | other languages |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for case in cases:
        rows.append(
            f"| {case.name} | {case.first_s:.1f} | {case.rerun_s:.2f} | {case.rerun_written} | "
            f"{case.correction_s:.1f} | {case.correction_share:.0%} | "
            f"{'byte-identical' if case.others_identical else 'CHANGED'} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--espeak", action="store_true", help="espeak-ng only")
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    args = parser.parse_args(argv)
    cases = []
    plans = [("espeak-ng (fr, ar, bm)", "fr,ar,bm", "auto", False)]
    if not args.espeak:
        plans.append(("MMS-shaped VITS, random weights (fr)", "fr", "mms", True))
    for name, langs, voice, mms in plans:
        with tempfile.TemporaryDirectory() as folder:
            home, work = Path(folder) / "home", Path(folder) / "work"
            work.mkdir()
            if mms:
                mms_home(home)
            cases.append(measure(name, langs, voice, home, work))
            print(f"{name}: done", file=sys.stderr)
    if args.json:
        print(json.dumps([{**case.__dict__, "correction_share": case.correction_share}
                          for case in cases], indent=2))
    else:
        print(f"{platform.python_version()}, {os.cpu_count()} CPUs\n")
        print(table(cases))
        for case in cases:
            print(f"\n{case.name}: redone by the correction: {case.redone}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
