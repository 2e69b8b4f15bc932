"""Backends by name: one registry kind for translators and voices alike.

Every backend — Kuma's own included — registers through an entry-point group
(``kuma.translators``, ``kuma.voices``) in its distribution's metadata, pointing at
a factory ``(**options) -> backend``; Kuma's are declared in its ``pyproject.toml``
exactly as a third-party package would declare its own.  Factories are imported only
when their backend is asked for, so heavy libraries load only when used.  Tests and
scripts may also ``register`` a factory at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, Protocol, TypeVar


class Served(Protocol):
    def languages(self) -> set[str]: ...


T = TypeVar("T", bound=Served)


class Registry(Generic[T]):
    """Factories of one kind of backend, by name."""

    def __init__(self, group: str) -> None:
        self.group = group
        """Entry-point group the backends register under (``kuma.translators``)."""
        self.registered: dict[str, Callable[..., T]] = {}
        """Factories registered at run time; they win over entry points of the same name."""

    def register(self, name: str, factory: Callable[..., T]) -> None:
        """Register ``factory`` under ``name``."""
        self.registered[name] = factory

    def unregister(self, name: str) -> None:
        """Forget a factory registered with ``register``."""
        self.registered.pop(name, None)

    def entry_points(self) -> dict[str, EntryPoint]:
        """The group's entry points by name, read from the installed metadata now (a
        package installed while Kuma runs is seen)."""
        return {ep.name: ep for ep in entry_points(group=self.group)}

    def names(self) -> list[str]:
        """Every name known: from entry points, and registered at run time."""
        return sorted(set(self.registered) | set(self.entry_points()))

    def create(self, name: str, **options: Any) -> T | None:
        """The backend ``name`` made with ``options``; None when no such name is known."""
        if name in self.registered:
            return self.registered[name](**options)
        found = self.entry_points().get(name)
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
