"""Glossary files: finding the shipped one, loading CSV or TBX, writing them out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import GlossaryError
from pipeline.glossary.csvio import dump_csv, parse_csv
from pipeline.glossary.glossary import Glossary

_PACKAGE = Path(__file__).resolve().parent.parent
SHIPPED_NAME = "sahel.csv"


def default_glossary_path() -> Path:
    """The shipped Sahel news glossary.

    An installed wheel carries it as ``pipeline/_data/glossaries/sahel.csv``;
    an editable install reads it from the repository's ``glossaries/``.
    """
    installed = _PACKAGE / "_data" / "glossaries" / SHIPPED_NAME
    if installed.is_file():
        return installed
    return _PACKAGE.parent / "glossaries" / SHIPPED_NAME


def load_glossary(path: Path | None = None) -> Glossary:
    """Read and check a ``.csv`` or ``.tbx`` glossary (None: the shipped one)."""
    path = default_glossary_path() if path is None else Path(path)
    if not path.is_file():
        raise GlossaryError(f"glossary file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tbx"):
        raise GlossaryError(f"{path}: unknown glossary format {suffix!r} (use .csv or .tbx)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"cannot read glossary {path}: {exc.strerror}") from None
    if suffix == ".tbx":
        from pipeline.glossary.tbx import parse_tbx  # lxml, only when a TBX is read

        terms = parse_tbx(data, str(path))
    else:
        terms = parse_csv(data, str(path))
    return Glossary(terms, path=path, version=hashlib.sha256(data).hexdigest())


def dump_glossary(glossary: Glossary, fmt: str) -> bytes:
    """The glossary as a ``tbx`` (TBX-Basic) or ``csv`` file's bytes."""
    if fmt == "csv":
        return dump_csv(glossary.terms).encode("utf-8")
    if fmt == "tbx":
        from pipeline.glossary.tbx import dump_tbx

        return dump_tbx(glossary)
    raise GlossaryError(f"unknown export format {fmt!r} (use tbx or csv)")
