"""The ``human`` translation backend: translations people made in XLIFF kits.

Given files and folders, it finds among them the XLIFF file whose ``trgLang`` is the
wanted language (folders are searched for ``*.xliff`` and ``*.xlf``, not recursively)
and serves its targets as the translation.  A kit is usable only once every segment
has a target: Kuma never mixes a half-finished human translation with silence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import XliffError
from pipeline.translate.base import Translation
from pipeline.xliff import KitSummary, inspect_kit, read_translations

XLIFF_SUFFIXES = (".xliff", ".xlf")


@dataclass(frozen=True)
class _Kit:
    path: Path
    data: bytes
    summary: KitSummary


class HumanTranslator:
    """Serves translations from XLIFF files filled in by people."""

    name = "human"
    needs_network = False

    def __init__(self, sources: Sequence[Path | str] = ()) -> None:
        self.sources = tuple(Path(source) for source in sources)
        """Files and folders to look for XLIFF translations in."""

    def languages(self) -> set[str]:
        """Target languages of the XLIFF files found, complete or not."""
        return set(self._kits)

    def availability(self, lang: str) -> str | None:
        """None when a complete XLIFF file for ``lang`` is among the sources, else why not."""
        kit = self._kits.get(lang)
        if kit is None:
            return _no_kit(lang)
        if kit.summary.translated < kit.summary.units:
            done, total = kit.summary.translated, kit.summary.units
            return f"{kit.path.name} is incomplete: {done} of {total} segments translated"
        return None

    def translate(self, document: Document, lang: str) -> Translation:
        """The translation of ``document`` read from the XLIFF file for ``lang``."""
        kit = self._kits.get(lang)
        if kit is None:
            raise XliffError(_no_kit(lang))
        result = read_translations(kit.data, document, origin=kit.path.name)
        if not result.complete:
            total = sum(1 for _ in document.segments())
            raise XliffError(
                f"{kit.path.name} is incomplete: {len(result.texts)} of {total} segments translated"
            )
        texts = {s.id: result.texts[s.id] for s in document.segments()}
        return Translation(
            lang=lang,
            texts=texts,
            provenance=dict.fromkeys(texts, "human"),
            engine=self.name,
            model=kit.path.name,
            version=hashlib.sha256(kit.data).hexdigest()[:12],
        )

    @cached_property
    def _kits(self) -> dict[str, _Kit]:
        """The XLIFF file for each target language; XliffError when two claim the same one."""
        kits: dict[str, _Kit] = {}
        for path in _xliff_files(self.sources):
            data = path.read_bytes()
            kit = _Kit(path, data, inspect_kit(data, origin=path.name))
            other = kits.get(kit.summary.lang)
            if other is not None:
                raise XliffError(
                    f"two XLIFF files translate into {kit.summary.lang!r}: {other.path} and "
                    f"{path}; give only one"
                )
            kits[kit.summary.lang] = kit
        return kits


def _no_kit(lang: str) -> str:
    return (
        f"no XLIFF translation for {lang!r} among the given files "
        "(export a kit with `kuma xliff export`)"
    )


def _xliff_files(sources: Sequence[Path]) -> list[Path]:
    """The XLIFF files named or inside the folders named, each once, in a stable order."""
    files: dict[Path, Path] = {}  # resolved -> as given, so messages show the user's paths
    for source in sources:
        if source.is_dir():
            found = sorted(
                p for p in source.iterdir() if p.is_file() and p.suffix.lower() in XLIFF_SUFFIXES
            )
        elif source.is_file():
            found = [source]
        else:
            raise XliffError(f"XLIFF file or folder not found: {source}")
        for path in found:
            files.setdefault(path.resolve(), path)
    return list(files.values())
