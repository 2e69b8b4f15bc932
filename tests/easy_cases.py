"""Reading the easy-to-read test sets in tests/data/easy (see the header of each file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data" / "easy"


@dataclass(frozen=True)
class Case:
    """One hard sentence and what must come out of it."""

    text: str
    """The sentence."""
    expected: tuple[str, ...]
    """The easy sentences, exactly; empty = not split (one sentence out)."""
    line: int
    """Line of the sentence in its file, for messages."""


def read_cases(lang: str) -> list[Case]:
    """The cases of ``sentences-<lang>.txt``."""
    cases: list[Case] = []
    text, expected, line = "", [], 0
    lines = (DATA / f"sentences-{lang}.txt").read_text(encoding="utf-8").splitlines()
    for number, raw in enumerate([*lines, ""], start=1):
        if raw.startswith("> "):
            text, expected, line = raw[2:].strip(), [], number
        elif raw.startswith("=") and text:
            if raw[1:].strip():
                expected.append(raw[1:].strip())
        elif not raw.strip() and text:
            cases.append(Case(text, tuple(expected), line))
            text = ""
    return cases
