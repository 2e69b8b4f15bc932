"""What a batch works on: the documents named by files, folders and list files.

- a file is one document, named by its file name;
- a folder is searched recursively, each document named by its path inside the folder
  (``2024/report.pdf``), so that ``2024/report.pdf`` and ``2025/report.pdf`` get two
  packages; hidden files and folders, Office lock files (``~$…``), files of a type Kuma
  does not read and the output folder itself are left out; ``--include`` and
  ``--exclude`` globs are matched against that inside path (``*`` crosses folders);
- ``@list.txt`` names one file or folder a line (blank lines and ``#`` comments
  ignored), relative to the list's own folder; a listed file is named as written.

The same file reached twice is one document.  Two documents whose package folders
would have the same name (``Report.pdf`` and ``report.pdf``, or ``2024-report.pdf``
and ``2024/report.pdf``) cannot both be made there: the first by name keeps it and the
others fail alone, saying so, rather than taking whichever folder is free first.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from pipeline.errors import InputError
from pipeline.package import slugify

LIST_PREFIX = "@"
"""What marks an argument as a list file (``@reports.txt``)."""


@dataclass(frozen=True)
class Source:
    """One document of the batch."""

    name: str
    """Its identity in the batch: the path inside its folder, the name in its list, or
    its file name; its package belongs to this name."""
    path: Path
    """The file, as an absolute path."""
    error: str = ""
    """Why it cannot be made at all (a listed file that is missing, a package folder
    another document has); empty for a document to run."""


@dataclass
class Found:
    """The documents of a batch, and what was left out on the way."""

    sources: list[Source] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """One line per thing left out: files listed twice, files of other types."""


def readable_types() -> tuple[str, ...]:
    """The file extensions ``kuma run`` reads (``.txt``, ``.pdf``...)."""
    from pipeline.ingest import READERS

    return tuple(READERS)


def find_sources(
    arguments: Sequence[str | Path],
    out: Path,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Found:
    """Every document the arguments name, each once, sorted by name; InputError when an
    argument does not exist or when nothing at all is left to translate."""
    search = _Search(out.resolve(), tuple(include), tuple(exclude), readable_types())
    for argument in arguments:
        search.argument(str(argument))
    found = Found(_unclashed(search.sources), search.notes())
    if not found.sources:
        raise InputError(search.nothing_found(arguments))
    return found


class _Search:
    """The walk over the arguments, remembering what it skipped."""

    def __init__(
        self, out: Path, include: tuple[str, ...], exclude: tuple[str, ...], types: tuple[str, ...]
    ) -> None:
        self.out, self.include, self.exclude, self.types = out, include, exclude, types
        self.sources: list[Source] = []
        self.seen: dict[Path, str] = {}
        self.twice: list[str] = []
        self.skipped: Counter[str] = Counter()

    def argument(self, argument: str) -> None:
        if argument.startswith(LIST_PREFIX) and len(argument) > 1:
            self.list_file(Path(argument[1:]))
            return
        path = Path(argument)
        if path.is_dir():
            self.folder(path)
        elif path.is_file():
            self.add(path.name, path)
        else:
            raise InputError(f"no such file or folder: {argument}")

    def list_file(self, listing: Path) -> None:
        try:
            lines = listing.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "not UTF-8 text"
            raise InputError(f"cannot read the list {listing}: {reason}") from None
        for line in lines:
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            path = listing.parent / entry
            if path.is_dir():
                self.folder(path)
            else:
                self.add(_listed_name(entry, path), path, where=listing.name)

    def folder(self, root: Path) -> None:
        for path in _files_under(root, self.out):
            name = path.relative_to(root).as_posix()
            if path.suffix.lower() not in self.types:
                self.skipped[path.suffix.lower() or "(no extension)"] += 1
            elif self._wanted(name):
                self.add(name, path)

    def _wanted(self, name: str) -> bool:
        if self.include and not any(fnmatchcase(name, glob) for glob in self.include):
            return False
        return not any(fnmatchcase(name, glob) for glob in self.exclude)

    def add(self, name: str, path: Path, where: str = "") -> None:
        if not path.is_file():
            self.sources.append(Source(name, path.absolute(), f"not found (listed in {where})"))
            return
        real = path.resolve()
        if real in self.seen:
            self.twice.append(name if name == self.seen[real] else f"{name} ({self.seen[real]})")
            return
        self.seen[real] = name
        self.sources.append(Source(name, real))

    def notes(self) -> list[str]:
        notes = []
        if self.twice:
            twice = ", ".join(dict.fromkeys(self.twice))
            notes.append(f"named more than once, made once: {twice}")
        if self.skipped:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.skipped.items()))
            total = sum(self.skipped.values())
            notes.append(f"skipped {total} file{'s' * (total != 1)} Kuma does not read ({kinds})")
        return notes

    def nothing_found(self, arguments: Sequence[str | Path]) -> str:
        where = ", ".join(str(a) for a in arguments)
        message = f"no document to translate in {where} (Kuma reads {', '.join(self.types)})"
        if self.skipped:
            message += f"; {self.notes()[-1]}"
        elif self.include or self.exclude:
            message += "; check --include and --exclude"
        return message


def _files_under(root: Path, out: Path) -> Iterator[Path]:
    """Files under ``root`` in a stable order, without hidden ones, Office lock files or
    anything inside the output folder (a batch never reads its own packages)."""
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (here / d).resolve() != out
        )
        for name in sorted(files):
            if not name.startswith((".", "~$")):
                yield here / name


def _listed_name(entry: str, path: Path) -> str:
    """A listed file's name: as written when it is a plain relative path, else its file name."""
    written = PurePosixPath(entry.replace("\\", "/"))
    if written.is_absolute() or ".." in written.parts:
        return path.name
    return written.as_posix()


def _unclashed(sources: list[Source]) -> list[Source]:
    """The sources sorted by name; a source whose package folder another one, earlier by
    name, would have fails with a message naming that one."""
    from pipeline.usecases.article import package_stem

    result: list[Source] = []
    owners: dict[str, Source] = {}
    for source in sorted(sources, key=lambda s: (s.name, str(s.path))):
        folder = slugify(package_stem(source.name))
        owner = source if source.error else owners.setdefault(folder, source)
        if owner is not source:
            other = owner.name if owner.name != source.name else str(owner.path)
            source = Source(
                source.name, source.path,
                f"its package folder {folder}/ would be {other}'s too: rename one of them",
            )
        result.append(source)
    return result
