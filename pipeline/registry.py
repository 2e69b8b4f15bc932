"""Backends by name: one registry kind for translators and voices alike.

Built-in backends are listed as ``"module:factory"`` and imported only when asked
for; plugins register the same way through an entry-point group, or at run time
with ``register`` (tests do that).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Generic, Protocol, TypeVar


class Served(Protocol):
    def languages(self) -> set[str]: ...


T = TypeVar("T", bound=Served)


class Registry(Generic[T]):
    """Factories of one kind of backend, by name."""

    def __init__(self, group: str, builtin: dict[str, str]) -> None:
        self.group = group
        """Entry-point group plugins register under (``kuma.translators``)."""
        self.builtin = builtin
        """Built-in backends, ``name -> "module:factory"``."""
        self.registered: dict[str, Callable[..., T]] = {}
        """Factories registered at run time; they win over the others."""

    def register(self, name: str, factory: Callable[..., T]) -> None:
        """Register ``factory`` under ``name``."""
        self.registered[name] = factory

    def unregister(self, name: str) -> None:
        """Forget a factory registered with ``register``."""
        self.registered.pop(name, None)

    def _entry_points(self) -> dict[str, Any]:
        return {ep.name: ep for ep in entry_points(group=self.group)}

    def names(self) -> list[str]:
        """Every name known: built-in, registered, and from entry points."""
        return sorted(set(self.builtin) | set(self.registered) | set(self._entry_points()))

    def create(self, name: str, **options: Any) -> T | None:
        """The backend ``name`` made with ``options``; None when no such name is known."""
        if name in self.registered:
            return self.registered[name](**options)
        if name in self.builtin:
            module_name, _, attr = self.builtin[name].partition(":")
            return getattr(importlib.import_module(module_name), attr)(**options)  # type: ignore[no-any-return]
        found = self._entry_points().get(name)
        return found.load()(**options) if found is not None else None  # type: ignore[no-any-return]

    def serving(self, lang: str, **options: Any) -> list[str]:
        """Names of the backends that serve ``lang``, usable here or not."""
        result = []
        for name in self.names():
            try:
                backend = self.create(name, **options)
                if backend is not None and lang in backend.languages():
                    result.append(name)
            except Exception:  # a broken plugin must not hide the others
                continue
        return result
