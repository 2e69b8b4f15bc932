"""The output folder of one article, ``<out>/<slug>/``, and its manifest.

Everything a command will write is first *staged* (``Package.write`` keeps the
bytes), so that rendering and checking finish before the first file on disk is
replaced: a failure anywhere leaves the package byte-identical.  ``commit`` then
writes the files that changed (each atomically), removes what the re-rendered
versions no longer have, and writes the manifest last.  A marker file says a
commit is under way, so a package interrupted half-way (``kill -9``) is known as
such and finished by the next run.

A folder belongs to one input: the manifest names it.  ``claim`` finds an input's
folder, or a free one beside it, so that two articles never share a folder and a
re-run of the same article finds its own.  One process at a time writes a
package (``Package.locked``).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError, PackageError
from pipeline.storage import folder_lock, inside, remove_temporaries, write_atomic

MANIFEST = "manifest.json"
COMMIT_MARKER = ".kuma-commit.json"
"""Present while a commit writes files: the package is between two states."""
LOCKS = ".kuma-locks"
"""Folder beside the packages that holds one lock file per package."""
VOLATILE_KEYS = ("created", "timings")
"""Manifest keys that change on every run and alone never cause a rewrite."""
KEPT_PREFIXES = ("review/",)
"""Files never removed as stale: translators' kits are their work."""
MAX_SLUG = 60
"""Longest folder name made from a file name, in characters."""

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(name: str, fallback: str = "article") -> str:
    """A safe, portable folder name from a file name, in any script.

    Every script is transliterated to ASCII letters (anyascii): ``الخبر`` gives
    ``lkhbr``, ``تقرير`` ``tqryr``, ``Ménaka`` ``menaka``, so names without Latin
    letters no longer all become ``article``.  Folder names stay plain ASCII, which
    every file server, zip tool and web server handles; two names that transliterate
    alike are kept apart by ``claim``.
    """
    from anyascii import anyascii

    ascii_name = anyascii(unicodedata.normalize("NFC", name)).lower()
    slug = _NOT_SLUG.sub("-", ascii_name).strip("-")[:MAX_SLUG].strip("-")
    return slug or fallback


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class Package:
    """The output folder of one article."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staged: dict[str, bytes] = {}
        """Relative path -> content of every file this command will write."""
        self.files: dict[str, str] = {}
        """Relative path -> sha256 of every file written or confirmed (after commit)."""
        self.changed: list[str] = []
        """Relative paths whose content changed (after commit)."""
        self.removed: list[str] = []
        """Relative paths removed as stale (after commit)."""
        self.interrupted = False
        """True when an earlier commit was interrupted (set by ``locked``)."""

    # -- where ---------------------------------------------------------------

    def path(self, relative: str) -> Path:
        """Absolute path of ``relative``, refused if it would leave the folder."""
        check_root(self.root)
        return inside(self.root, *relative.split("/"))

    def lock_path(self) -> Path:
        """The lock file of this package, beside it (never inside a folder it links to)."""
        return self.root.parent / LOCKS / f"{self.root.name}.lock"

    @contextmanager
    def locked(self, on_wait: Callable[[str], None] | None = None) -> Iterator[Package]:
        """Hold this package's lock; clear what an interrupted writer left behind."""
        check_root(self.root)
        with folder_lock(self.lock_path(), str(self.root), on_wait=on_wait):
            check_root(self.root)
            self.interrupted = (self.root / COMMIT_MARKER).is_file()
            remove_temporaries(self.root)
            yield self

    # -- reading -------------------------------------------------------------

    def read(self, relative: str) -> bytes | None:
        """The content ``relative`` will have: staged, else on disk, else None."""
        if relative in self.staged:
            return self.staged[relative]
        path = self.path(relative)
        try:
            return path.read_bytes() if path.is_file() else None
        except OSError as exc:
            raise PackageError(f"cannot read {path}: {exc.strerror or exc}") from None

    def read_manifest(self) -> dict[str, Any]:
        """The manifest of a previous run, or an empty dict."""
        data = self.read(MANIFEST)
        if data is None:
            return {}
        try:
            manifest = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise PackageError(
                f"{self.path(MANIFEST)} is damaged ({type(exc).__name__}): "
                "delete it and run `kuma run` again"
            ) from None
        if not isinstance(manifest, dict):
            raise PackageError(f"{self.path(MANIFEST)} is damaged (not a JSON object)")
        return manifest

    def owner(self) -> str | None:
        """The input name this folder belongs to; None when the folder is free.

        A folder that holds something but no Kuma manifest belongs to someone else:
        ``"?"``.
        """
        if self.root.is_symlink() or (self.root.exists() and not self.root.is_dir()):
            return "?"
        if not self.root.is_dir():
            return None
        for name in (MANIFEST, COMMIT_MARKER):
            found = _input_name(self.root / name)
            if found:
                return found
        if any(not p.name.endswith(".tmp") for p in self.root.iterdir()):
            return "?"
        return None

    # -- writing -------------------------------------------------------------

    def write(self, relative: str, data: bytes | str) -> None:
        """Stage one file: it is written by ``commit``, once everything is ready."""
        self.path(relative)  # refuse an unsafe name now, not at commit time
        if isinstance(data, str):
            try:
                data = data.encode("utf-8")
            except UnicodeEncodeError as exc:
                bad = data[exc.start : exc.start + 1]
                raise OutputError(
                    f"cannot write {relative}: its text holds U+{ord(bad):04X}, "
                    "which is not a character"
                ) from None
        self.staged[relative] = data

    def commit(
        self, manifest: dict[str, Any], owner: str, rendered: Iterable[str] = ()
    ) -> None:
        """Write every staged file that changed, remove stale ones, then the manifest.

        ``rendered`` names the folders (``fr``, ``source``) whose every file this
        command produced: files the last manifest listed there and that were not
        produced this time are stale and removed (never a translator's kit).
        ``manifest["files"]`` is filled in here; the manifest is written unless only
        its volatile keys changed.
        """
        check_root(self.root)
        previous = self.read_manifest()
        self.files = {rel: sha256_bytes(data) for rel, data in self.staged.items()}
        stale = self._stale(previous.get("files", {}), rendered)
        kept = self._still_there(previous.get("files", {}), stale)
        manifest["files"] = dict(sorted({**kept, **self.files}.items()))
        marker = {"input": owner, "files": sorted(self.files)}
        try:
            write_atomic(self.path(COMMIT_MARKER), json.dumps(marker) + "\n")
            for relative, data in self.staged.items():
                if write_atomic(self.path(relative), data):
                    self.changed.append(relative)
            for relative in stale:
                self.path(relative).unlink(missing_ok=True)
                self.removed.append(relative)
            if self._manifest_differs(previous, manifest):
                text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
                write_atomic(self.path(MANIFEST), text)
                self.changed.append(MANIFEST)
            self.path(COMMIT_MARKER).unlink(missing_ok=True)
        except OSError as exc:
            where = f" {exc.filename}" if exc.filename else ""
            raise OutputError(f"cannot write{where}: {exc.strerror or exc}") from None
        self.files = manifest["files"]
        self.staged = {}

    def _stale(self, listed: Any, rendered: Iterable[str]) -> list[str]:
        folders = tuple(f"{folder.rstrip('/')}/" for folder in rendered)
        if not isinstance(listed, dict) or not folders:
            return []
        return sorted(
            rel
            for rel in listed
            if isinstance(rel, str)
            and rel.startswith(folders)
            and not rel.startswith(KEPT_PREFIXES)
            and rel not in self.staged
            and _safe_relative(rel)
        )

    def _still_there(self, listed: Any, stale: list[str]) -> dict[str, str]:
        """Files the last manifest listed, not rewritten now, still on disk unchanged."""
        if not isinstance(listed, dict):
            return {}
        kept = {}
        for rel, digest in listed.items():
            if rel in self.staged or rel in stale or not isinstance(rel, str):
                continue
            if not _safe_relative(rel):
                continue
            data = self.read(rel)
            if data is not None and sha256_bytes(data) == digest:
                kept[rel] = digest
        return kept

    def _manifest_differs(self, previous: dict[str, Any], manifest: dict[str, Any]) -> bool:
        if self.changed or self.removed or not previous:
            return True
        same = {k: v for k, v in previous.items() if k not in VOLATILE_KEYS}
        return same != {k: v for k, v in manifest.items() if k not in VOLATILE_KEYS}


def check_root(root: Path) -> None:
    """Refuse a package folder that is a symbolic link: writing through it would put
    files outside the output folder."""
    if root.is_symlink():
        raise OutputError(
            f"refusing to write into {root}: it is a symbolic link "
            f"(to {root.readlink()}); Kuma writes only inside the output folder"
        )


def claim(out_root: Path, name: str, owner: str) -> Package:
    """The package folder for the input called ``owner`` (a file name), named from ``name``.

    The folder ``<slug>`` is used when it is free or already belongs to ``owner``;
    otherwise ``<slug>-2``, ``<slug>-3``... the first that is free or ``owner``'s.  A
    second article whose name makes the same slug never replaces the first.
    """
    base = slugify(name)
    for n in range(1, 1000):
        root = out_root / (base if n == 1 else f"{base}-{n}")
        if root.is_symlink():
            check_root(root)
        found = Package(root).owner()
        if found is None or found == owner:
            return Package(root)
    raise OutputError(f"no free folder for {owner!r} in {out_root}: too many {base}-N folders")


@contextmanager
def claimed(
    out_root: Path, name: str, owner: str, on_wait: Callable[[str], None] | None = None
) -> Iterator[Package]:
    """``claim`` a folder and hold its lock; claim again if another process took it
    for another input while this one waited."""
    for _ in range(100):
        package = claim(out_root, name, owner)
        with package.locked(on_wait):
            if package.owner() in (None, owner):
                yield package
                return
    raise PackageError(f"could not claim a folder for {owner!r} in {out_root}")


def _input_name(path: Path) -> str | None:
    """The input name recorded in a manifest or commit marker, if it is readable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    found = data.get("input")
    if isinstance(found, dict):
        found = found.get("name")
    return found if isinstance(found, str) and found else None


def _safe_relative(relative: str) -> bool:
    parts = relative.split("/")
    return bool(relative) and ".." not in parts and not relative.startswith("/")
