"""``kuma doctor``: which engine can produce which language on this machine, and why not.

Every backend in the translator registry (built-in or plugin) is asked the same
questions ``kuma run`` asks, ``languages()`` and ``availability(lang)``, so the
report can never disagree with what a run would do.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Protocol

from pipeline.langs import TARGET_LANGUAGES

LIBRARIES = (
    "kuma",
    "click",
    "torch",
    "transformers",
    "sentencepiece",
    "ctranslate2",
    "huggingface_hub",
)
"""Distributions whose presence and version decide what can run."""


class Backend(Protocol):
    """What the doctor asks of a translator (or, later, a voice)."""

    needs_network: bool

    def languages(self) -> set[str]: ...

    def availability(self, lang: str) -> str | None: ...


@dataclass
class Usability:
    """Whether one engine can produce one language here."""

    engine: str
    """Registry name."""
    lang: str
    """Target language code."""
    usable: bool
    """True when ``kuma run --engine ENGINE`` would produce this language now."""
    reason: str = ""
    """Why not, and what to run or install."""
    needs_network: bool = False
    """The engine works only online."""


@dataclass
class Diagnosis:
    """Everything ``kuma doctor`` reports."""

    translation: list[Usability] = field(default_factory=list)
    """One entry per translation engine and target language."""
    speech: list[Usability] = field(default_factory=list)
    """One entry per voice and language (empty when the speech extra is missing)."""
    libraries: dict[str, str | None] = field(default_factory=dict)
    """Installed version of each library (None = not installed)."""
    settings: dict[str, str] = field(default_factory=dict)
    """Folders and switches that decide where models are looked for."""

    def usable(self, lang: str) -> list[str]:
        """Engines usable for ``lang``."""
        return [u.engine for u in self.translation if u.lang == lang and u.usable]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``translation`` as ``{engine: {lang: {usable, reason}}}``."""
        return {
            "translation": _table(self.translation),
            "speech": _table(self.speech),
            "libraries": self.libraries,
            "settings": self.settings,
        }


def _table(entries: list[Usability]) -> dict[str, dict[str, dict[str, Any]]]:
    table: dict[str, dict[str, dict[str, Any]]] = {}
    for entry in entries:
        table.setdefault(entry.engine, {})[entry.lang] = {
            "usable": entry.usable,
            "reason": entry.reason,
            "needs_network": entry.needs_network,
        }
    return table


def check_backend(name: str, make: Callable[[], Backend], langs: Sequence[str]) -> list[Usability]:
    """Ask backend ``name`` about each of ``langs``; a backend that fails to load says so."""
    try:
        backend = make()
        served = backend.languages()
    except Exception as exc:  # a broken plugin must show up here, not break the report
        reason = f"cannot be loaded: {type(exc).__name__}: {exc}"
        return [Usability(name, lang, False, reason) for lang in langs]
    network = bool(getattr(backend, "needs_network", False))
    return [_check_language(name, backend, served, lang, network) for lang in langs]


def _check_language(
    name: str, backend: Backend, served: set[str], lang: str, network: bool
) -> Usability:
    # A backend that serves nothing until given files (human) explains itself
    # through availability(); others are first asked whether they serve lang.
    if served and lang not in served:
        return Usability(name, lang, False, f"does not translate into {lang}", network)
    try:
        why = backend.availability(lang)
    except Exception as exc:  # same as above: report, do not crash
        why = f"cannot tell: {type(exc).__name__}: {exc}"
    return Usability(name, lang, why is None, why or "", network)


def library_versions(names: Iterable[str] = LIBRARIES) -> dict[str, str | None]:
    """Python's version and each library's, None for those not installed."""
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return versions


def settings() -> dict[str, str]:
    """Where models and the translation memory are looked for, and the offline switch."""
    from pipeline.models.locate import hf_hub_cache, kuma_home, models_dir
    from pipeline.models.pull import offline
    from pipeline.translate.memory import default_memory_path

    return {
        "kuma_home": str(kuma_home()),
        "models": str(models_dir()),
        "hf_cache": str(hf_hub_cache()),
        "hf_hub_offline": "yes" if offline() else "no",
        "translation_memory": str(default_memory_path()),
    }


def diagnose(langs: Sequence[str] = TARGET_LANGUAGES) -> Diagnosis:
    """Check every registered translation engine for every language in ``langs``."""
    from pipeline.translate.base import get_translator, translator_names

    result = Diagnosis(libraries=library_versions(), settings=settings())
    for name in translator_names():
        result.translation += check_backend(name, partial(get_translator, name), langs)
    result.speech = diagnose_voices()
    return result


def diagnose_voices(langs: Sequence[str] = ("en", *TARGET_LANGUAGES)) -> list[Usability]:
    """Check every registered voice for every language it speaks."""
    try:
        from pipeline.speech.base import get_voice, voice_names
    except ImportError:  # the speech extra is not installed: nothing to report
        return []
    found: list[Usability] = []
    for name in voice_names():
        found += check_backend(name, partial(get_voice, name), langs)
    return [u for u in found if not u.reason.startswith("does not translate into")]
