"""The accessibility tests' tools: missing tools skip on a developer's machine, fail in CI."""

import pytest
from a11y import tools

from pipeline.review.a11y import tools as finder

FINDERS = [tools.chromium_path, tools.epubcheck_command, tools.ace_command]


@pytest.fixture
def nothing_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(finder, "CHROMIUM_CANDIDATES", (str(tmp_path / "chromium"),))
    monkeypatch.setattr(finder, "EPUBCHECK_JARS", (str(tmp_path / "epubcheck.jar"),))
    monkeypatch.setattr(finder, "ACE_FOLDERS", (str(tmp_path / "ace"),))
    monkeypatch.setattr(finder.shutil, "which", lambda name: None)
    for name in ("KUMA_CHROMIUM", "KUMA_EPUBCHECK_JAR", "KUMA_ACE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("find", FINDERS)
def test_missing_tool_fails_in_ci(nothing_installed, monkeypatch, find):
    monkeypatch.setenv("CI", "true")
    expected = r"not installed: run .*install-system-deps.sh.*CI=true"
    with pytest.raises(pytest.fail.Exception, match=expected):
        find()


@pytest.mark.parametrize("find", FINDERS)
def test_missing_tool_skips_on_a_developer_machine(nothing_installed, monkeypatch, find):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="is not installed: run"):
        find()


def test_tools_can_be_pointed_at(nothing_installed, monkeypatch, tmp_path):
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv("KUMA_CHROMIUM", str(browser))
    assert tools.chromium_path() == str(browser)


def test_ace_is_found_in_the_folder_it_was_installed_in(nothing_installed, monkeypatch, tmp_path):
    """``KUMA_ACE`` may name the ``npm install --prefix`` folder or the program itself."""
    browser = tmp_path / "chromium"
    program = tmp_path / "ace" / "node_modules" / ".bin" / "ace-puppeteer"
    for path in (browser, program):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    monkeypatch.setattr(finder.shutil, "which", {"node": "/usr/bin/node"}.get)
    monkeypatch.setenv("KUMA_CHROMIUM", str(browser))
    for given in (tmp_path / "ace", program):
        monkeypatch.setenv("KUMA_ACE", str(given))
        assert tools.ace_command() == [str(program)]
    monkeypatch.delenv("KUMA_ACE")
    assert tools.ace_command() == [str(program)]  # the known folder (ACE_FOLDERS)
