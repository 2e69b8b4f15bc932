"""Every command documents itself, and `kuma --help` stays light and fast."""

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import cli


def walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from walk(sub, (*path, name))


COMMANDS = list(walk(cli))


@pytest.mark.parametrize(
    "path, command", COMMANDS, ids=[" ".join(p) or "kuma" for p, _ in COMMANDS]
)
def test_every_command_has_help(path, command):
    assert command.help, f"kuma {' '.join(path)} has no help text"
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"kuma {' '.join(path)} {param.opts[0]} has no help text"


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from pipeline.cli import cli\n"
        "result = CliRunner().invoke(cli, ['--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "heavy = ['torch', 'transformers', 'ctranslate2', 'trafilatura', 'docx', 'jinja2']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert output == ""


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("kuma, version ")
