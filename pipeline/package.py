"""The output folder of one article, ``<out>/<slug>/``, and its manifest.

Every file goes through ``Package.write``: it stays inside the folder, is written
atomically, is left untouched when its content did not change, and is recorded
with its hash for the manifest.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from pipeline.errors import OutputError
from pipeline.storage import inside, write_atomic

MANIFEST = "manifest.json"
VOLATILE_KEYS = ("created", "timings")
"""Manifest keys that change on every run and alone never cause a rewrite."""


def slugify(name: str, fallback: str = "article") -> str:
    """A safe folder name from a file name: ASCII letters, digits and dashes only."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class Package:
    """The output folder of one article."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, str] = {}
        """Relative path -> sha256 of every file written or confirmed this run."""
        self.changed: list[str] = []
        """Relative paths whose content changed this run."""

    def path(self, relative: str) -> Path:
        """Absolute path of ``relative``, refused if it would leave the folder."""
        return inside(self.root, *relative.split("/"))

    def write(self, relative: str, data: bytes | str) -> Path:
        """Write one file atomically (only if its content changed) and record it."""
        payload = data.encode("utf-8") if isinstance(data, str) else data
        path = self.path(relative)
        try:
            if write_atomic(path, payload):
                self.changed.append(relative)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        self.files[relative] = sha256_bytes(payload)
        return path

    def read_manifest(self) -> dict[str, Any]:
        """The manifest of a previous run, or an empty dict."""
        path = self.path(MANIFEST)
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise OutputError(f"{path} is not a readable manifest: {exc}") from exc
        return data if isinstance(data, dict) else {}

    def write_manifest(self, manifest: dict[str, Any]) -> Path:
        """Write the manifest unless only its volatile keys (times) differ from the last one."""
        previous = {k: v for k, v in self.read_manifest().items() if k not in VOLATILE_KEYS}
        current = {k: v for k, v in manifest.items() if k not in VOLATILE_KEYS}
        path = self.path(MANIFEST)
        if previous and previous == current:
            return path
        text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        write_atomic(path, text)
        self.changed.append(MANIFEST)
        return path
