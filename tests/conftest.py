"""Fixtures shared by the tests: tiny translation models, isolated model homes, no network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import hypothesis_profiles  # noqa: F401  (loads the Hypothesis profile)
import pytest
from tiny_models import TinyModels, cached_models

from pipeline.glossary import Glossary, load_glossary


@pytest.fixture(scope="session")
def tiny_models(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> TinyModels:
    """Tiny NLLB, Marian and CTranslate2 checkpoints, generated once (a few seconds).

    They are kept in pytest's cache folder (``.pytest_cache``, ignored by git) under a
    fingerprint of their generator, so later sessions reuse them.
    """
    cache = getattr(request.config, "cache", None)
    folder = cache.mkdir("kuma-tiny-models") if cache else tmp_path_factory.mktemp("tiny")
    return cached_models(Path(folder))


ENGINE_GLOSSARY = """\
id,type,en,en_aliases,fr,fr_aliases,ar,ar_aliases,bm,bm_aliases
iyad-ag-ghaly,person,Iyad Ag Ghaly,Ag Ghaly,Iyad Ag Ghaly,Ag Ghaly,\
إياد أغ غالي,أغ غالي,Iyad Ag Ghaly,
islamic-state,organisation,Islamic State,IS | Islamic State group,État islamique,EI,\
تنظيم الدولة الإسلامية,الدولة الإسلامية,EI,
gsim,organisation,GSIM,Support Group for Islam and Muslims,GSIM,,جماعة نصرة الإسلام والمسلمين,,GSIM,
kidal,place,Kidal,,Kidal,,كيدال,,Kidal,
kidal-region,place,Kidal region,region of Kidal,région de Kidal,,منطقة كيدال,,Kidal mara,
kremlin,organisation,Kremlin,,Kremlin,,الكرملين,,Kremlin,
mali,place,Mali,,Mali,,مالي,,Mali,
sharia,term,Sharia,,charia,,الشريعة,,,
zorgland,place,Zorgland,,Ꝣorgland,,Ꝣorgland,,Ꝣorgland,
"""
"""Terms for the engine tests: overlapping forms (``Kidal``, ``Kidal region``), one without
a Bambara form (``sharia``), and one whose target form the tiny models cannot write."""


@pytest.fixture(scope="session")
def engine_glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    """``ENGINE_GLOSSARY`` loaded by the real glossary reader."""
    path = tmp_path_factory.mktemp("glossary") / "engine.csv"
    path.write_text(ENGINE_GLOSSARY, encoding="utf-8")
    return load_glossary(path)


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A Kuma home for the whole session, set before any module-scoped fixture runs (they
    are made before ``private_home``): no test ever reads or writes the user's home."""
    import os

    home = tmp_path_factory.mktemp("kuma-session-home")
    saved = {name: os.environ.get(name) for name in ("KUMA_HOME", "HF_HOME", "KUMA_TM")}
    os.environ.update(KUMA_HOME=str(home), HF_HOME=str(home / "hf"))
    os.environ.pop("KUMA_TM", None)
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own Kuma home and translation memory, never the user's."""
    home = tmp_path_factory.mktemp("kuma-home")
    monkeypatch.setenv("KUMA_HOME", str(home))
    monkeypatch.delenv("KUMA_TM", raising=False)
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return home


@pytest.fixture
def model_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty Kuma and Hugging Face caches, so no test sees the models of this machine."""
    home = tmp_path / "home"
    monkeypatch.setenv("KUMA_HOME", str(home / "kuma"))
    monkeypatch.setenv("HF_HOME", str(home / "hf"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    return home


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any attempt to open a network connection (models are never downloaded)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.fixture(scope="session")
def faulty_plugin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``faulty`` translator plugin (``tests/batch_helpers.py``) in a folder of its own,
    for worker processes to find on ``PYTHONPATH``."""
    from batch_helpers import install_faulty

    return install_faulty(tmp_path_factory.mktemp("faulty-plugin"))


@pytest.fixture(scope="session")
def ray_cluster(faulty_plugin: Path) -> Iterator[object]:
    """One real local Ray for the session (2 CPUs, as on this machine), never a mock.

    Its worker processes start with the environment Ray had when it started: the
    ``faulty`` plugin on ``PYTHONPATH`` (for this cluster only), and Kuma's variables,
    which each batch gives its actors anew (``pipeline.batch.cluster``).
    """
    import logging
    import os

    import ray
    from batch_helpers import with_path

    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = with_path(faulty_plugin)
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR)
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved
    yield ray
    ray.shutdown()


BROWSER_MODULES = {
    "test_accessibility", "test_accessibility_tools", "test_package_accessibility",
    "test_text_spacing", "test_review_a11y",
}
"""Tests that drive Chromium (axe-core) or the EPUBCheck/Ace checkers."""
MODEL_MODULES = {
    "test_engines", "test_engines_chunking", "test_engines_locate", "test_models_convert",
    "test_run_mt", "test_voices",
}
"""Tests that load tiny translation or speech models (torch, transformers, CTranslate2)."""
E2E_MODULES = {
    "test_run", "test_speech_example", "test_hostile", "test_package_accessibility",
    "test_plugins", "test_batch", "test_batch_ray", "test_review_cli", "test_redo",
    "test_readme", "test_radio_package", "test_review_calibration",
    "test_signoff", "test_review_a11y",
    "test_batch_resume",
}
"""Tests that run whole commands on the example article (tens of seconds each)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests ``browser``, ``models`` and ``e2e`` by what they need, so that
    ``make test-fast`` (``-m "not browser and not models and not e2e"``) can leave them."""
    for item in items:
        module = item.module.__name__ if item.module else ""
        fixtures = set(getattr(item, "fixturenames", ()))
        if module in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
        if module in MODEL_MODULES or fixtures & {"tiny_models", "tiny_voice", "mms_voice"}:
            item.add_marker(pytest.mark.models)
        if module in E2E_MODULES:
            item.add_marker(pytest.mark.e2e)
