"""The accessibility tests' tools: missing tools skip on a developer's machine, fail in CI."""

import pytest
from a11y import tools


@pytest.fixture
def nothing_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(tools, "CHROMIUM_CANDIDATES", (str(tmp_path / "chromium"),))
    monkeypatch.setattr(tools, "EPUBCHECK_JARS", (str(tmp_path / "epubcheck.jar"),))
    monkeypatch.delenv("KUMA_CHROMIUM", raising=False)
    monkeypatch.delenv("KUMA_EPUBCHECK_JAR", raising=False)


@pytest.mark.parametrize("find", [tools.chromium_path, tools.epubcheck_command])
def test_missing_tool_fails_in_ci(nothing_installed, monkeypatch, find):
    monkeypatch.setenv("CI", "true")
    expected = r"not installed: run .*install-system-deps.sh.*CI=true"
    with pytest.raises(pytest.fail.Exception, match=expected):
        find()


@pytest.mark.parametrize("find", [tools.chromium_path, tools.epubcheck_command])
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
