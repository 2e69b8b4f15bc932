"""The ``Translator`` protocol and the registry of backends by name.

Kuma's own backends register the way a third-party package does: through the
``kuma.translators`` entry-point group declared in ``pyproject.toml``, whose entries
point at a factory ``(**options) -> Translator``.  Factories are imported only when
their backend is asked for, so heavy libraries load only when used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from pipeline.document import Document
from pipeline.errors import LanguageError
from pipeline.registry import Registry

ENTRY_POINT_GROUP = "kuma.translators"


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


TRANSLATORS: Registry[Translator] = Registry(ENTRY_POINT_GROUP)
"""The translation backends by name; built-in ones are imported lazily."""


def register_translator(name: str, factory: Callable[..., Translator]) -> None:
    """Register a backend factory under ``name`` (used by plugins and tests)."""
    TRANSLATORS.register(name, factory)


def translator_names() -> list[str]:
    """Every backend name known: built-in, registered, and from entry points."""
    return TRANSLATORS.names()


def get_translator(name: str, **options: Any) -> Translator:
    """Create the backend called ``name`` with ``options``."""
    translator = TRANSLATORS.create(name, **options)
    if translator is None:
        known = ", ".join(translator_names())
        raise LanguageError(f"unknown translation engine {name!r} (known: {known})")
    return translator


def available_translators(lang: str, **options: Any) -> list[str]:
    """Names of the backends that serve ``lang`` (usable here or not)."""
    return TRANSLATORS.serving(lang, **options)
