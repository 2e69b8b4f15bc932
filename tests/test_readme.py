"""The README's promises that can be run: its library example runs and prints what it says."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def example() -> str:
    """The Python block after the README's ``tests/test_readme.py`` marker."""
    found = re.search(r"<!-- this example runs in tests/test_readme.py -->\n```python\n(.*?)```",
                      README, re.S)
    assert found, "the README's library example is missing"
    return found.group(1)


def test_the_library_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example(), "README.md", "exec"), {})
    lines = printed.getvalue().splitlines()
    assert lines[0] == "en ['p1.s1', 'p2.s1', 'p2.s2']"
    assert lines[1] == "output/mali-article True"
    assert lines[2] == "fr human 1.0" and lines[3] == "ar human 1.0"
    assert (tmp_path / "output" / "mali-article" / "fr" / "easy.html").is_file()
    assert not (tmp_path / "output" / "mali-article" / "fr" / "article.mp3").exists()


def test_every_command_has_a_row_in_the_readme():
    from pipeline.cli import cli

    for name in cli.commands:
        assert f"`kuma {name}" in README, f"kuma {name} is not in the README's command table"
