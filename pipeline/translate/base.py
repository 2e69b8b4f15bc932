"""The ``Translator`` protocol and the registry of backends by name.

Built-in backends register themselves the same way a third-party package does:
through the ``kuma.translators`` entry-point group, whose entries point at a
factory ``(**options) -> Translator``.  Factories are imported only when their
backend is asked for, so heavy libraries load only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Protocol, runtime_checkable

from pipeline.document import Document
from pipeline.errors import LanguageError

ENTRY_POINT_GROUP = "kuma.translators"

_BUILTIN: dict[str, str] = {
    "human": "pipeline.translate.human:HumanTranslator",
    "nllb": "pipeline.translate.engines:NllbTranslator",
    "marian": "pipeline.translate.engines:MarianTranslator",
    "ct2": "pipeline.translate.engines:Ct2Translator",
}
"""Built-in backends, ``name -> "module:factory"``, imported lazily."""

_REGISTERED: dict[str, Callable[..., Translator]] = {}


@dataclass
class Translation:
    """The result of translating one document into one language."""

    lang: str
    """Target language code."""
    texts: dict[str, str]
    """Translated text per segment id (every segment of the source)."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Per segment id, what produced it (``human``, ``nllb:<model>``...)."""
    engine: str = ""
    """Name of the backend."""
    model: str = ""
    """Model name or path, empty for human translations."""
    version: str = ""
    """Version of the library or file that produced it."""
    repairs: dict[str, list[str]] = field(default_factory=dict)
    """Per segment id, the glossary repairs an engine made (``n-best``, ``variant``...)."""
    remembered: int = 0
    """How many segments came from the translation memory instead of the engine."""


@runtime_checkable
class Translator(Protocol):
    """A translation backend."""

    name: str
    """Registry name (``human``, ``nllb``...)."""
    needs_network: bool
    """True if it cannot work offline."""

    def languages(self) -> set[str]:
        """Target language codes this backend serves."""
        ...

    def availability(self, lang: str) -> str | None:
        """None when usable for ``lang`` on this machine, else why not and what to run."""
        ...

    def translate(self, document: Document, lang: str) -> Translation:
        """Translate every segment of ``document`` into ``lang``."""
        ...


def register_translator(name: str, factory: Callable[..., Translator]) -> None:
    """Register a backend factory under ``name`` (used by plugins and tests)."""
    _REGISTERED[name] = factory


def _entry_point_factories() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def translator_names() -> list[str]:
    """Every backend name known: built-in, registered, and from entry points."""
    names = set(_BUILTIN) | set(_REGISTERED) | set(_entry_point_factories())
    return sorted(names)


def get_translator(name: str, **options: Any) -> Translator:
    """Create the backend called ``name`` with ``options``."""
    if name in _REGISTERED:
        return _REGISTERED[name](**options)
    if name in _BUILTIN:
        module_name, _, attr = _BUILTIN[name].partition(":")
        factory = getattr(importlib.import_module(module_name), attr)
        return factory(**options)  # type: ignore[no-any-return]
    eps = _entry_point_factories()
    if name in eps:
        return eps[name].load()(**options)  # type: ignore[no-any-return]
    known = ", ".join(translator_names())
    raise LanguageError(f"unknown translation engine {name!r} (known: {known})")


def available_translators(lang: str, **options: Any) -> list[str]:
    """Names of the backends that serve ``lang`` (usable here or not)."""
    result = []
    for name in translator_names():
        try:
            if lang in get_translator(name, **options).languages():
                result.append(name)
        except Exception:  # a broken plugin must not hide the others
            continue
    return result
