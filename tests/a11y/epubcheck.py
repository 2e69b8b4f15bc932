"""EPUBCheck run on a batch of books in one Java process, its JSON reports parsed."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from a11y.tools import epubcheck_command
from pipeline.review.a11y.epubcheck import BATCH


@dataclass
class Report:
    """What EPUBCheck said about one book."""

    path: Path
    version: str
    fatals: int
    errors: int
    warnings: int
    messages: list[str]
    """``SEVERITY ID: message (where)`` for every message."""

    def usages(self, message_id: str) -> list[str]:
        """The usage messages with ``message_id`` (reported only when asked for)."""
        return [m for m in self.messages if m.startswith(f"USAGE {message_id}:")]

    @property
    def clean(self) -> bool:
        """No fatal error, no error, no warning."""
        return self.fatals == self.errors == self.warnings == 0


def check_epubs(paths: list[Path], usage: bool = False) -> list[Report]:
    """EPUBCheck's reports on ``paths``, in the same order; with ``usage``, its usage
    messages too (``USAGE MED_015: ...``), which never make a report unclean."""
    java, *options, _, jar = epubcheck_command()
    outputs = [path.with_suffix(".epubcheck.json") for path in paths]
    pairs = [str(item) for pair in zip(paths, outputs, strict=True) for item in pair]
    flag = ["--usage"] if usage else []
    batch = subprocess.run(
        [java, *options, "-cp", jar, str(BATCH), *flag, *pairs],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if batch.returncode != 0:  # a Java runtime that cannot compile the batch: one by one
        for path, out in zip(paths, outputs, strict=True):
            subprocess.run(
                [java, *options, "-jar", jar, str(path), "--json", str(out), *flag],
                capture_output=True,
                timeout=300,
            )
    return [_report(path, out) for path, out in zip(paths, outputs, strict=True)]


def _report(path: Path, out: Path) -> Report:
    if not out.is_file():
        raise AssertionError(f"EPUBCheck wrote no report on {path}")
    data = json.loads(out.read_text(encoding="utf-8"))
    checker = data["checker"]
    messages = [
        f"{m['severity']} {m['ID']}: {m['message']} ({_where(m)})" for m in data["messages"]
    ]
    return Report(
        path,
        checker["checkerVersion"],
        checker["nFatal"],
        checker["nError"],
        checker["nWarning"],
        messages,
    )


def _where(message: dict) -> str:
    places = [
        f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}"
        for loc in message.get("locations", [])
    ]
    return ", ".join(places) or "-"
