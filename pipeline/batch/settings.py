"""What a batch's packages depend on besides their inputs, as one fingerprint.

The journal keeps the settings its documents were made with; a later command with
other settings would mix packages of two kinds in one folder, so it is refused with a
line naming what changed (``--restart`` starts the batch again).  The files the
settings name count by their content: an edited glossary or XLIFF kit is a change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.glossary import Glossary
from pipeline.usecases.options import RunOptions

LABELS = {
    "languages": "languages",
    "engine": "--engine",
    "model": "--model",
    "beam_size": "--beam-size",
    "memory": "--memory",
    "source_lang": "--source-lang",
    "publish": "voice, loudness, format, opening, WAV or easy settings",
    "glossary": "glossary",
    "translations": "--translations files",
}
"""How a setting is named in the message that says it changed."""


def absolute(options: RunOptions) -> RunOptions:
    """``options`` with every path absolute, as workers elsewhere (another folder, another
    machine sharing the storage) must read them."""
    model = options.model
    if model and Path(model).expanduser().exists():
        model = str(Path(model).expanduser().resolve())
    return replace(
        options,
        out=options.out.expanduser().resolve(),
        glossary=options.glossary.expanduser().resolve() if options.glossary else None,
        translations=[Path(t).expanduser().resolve() for t in options.translations],
        model=model,
    )


def batch_settings(options: RunOptions, targets: list[str], glossary: Glossary) -> dict[str, Any]:
    """Every setting that changes a package, as plain JSON values."""
    return {
        "languages": targets,
        "engine": options.engine,
        "model": options.model or "",
        "beam_size": options.beam_size,
        "memory": options.memory,
        "source_lang": options.source_lang or "",
        "publish": options.publish.to_dict(),
        "glossary": glossary.version,
        "translations": {str(p): _content_hash(Path(p)) for p in options.translations},
    }


def settings_hash(settings: dict[str, Any]) -> str:
    """SHA-256 of the settings' canonical JSON."""
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def differences(before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What changed, in words: ``languages: fr,ar, now fr,ar,bm``, ``glossary``."""
    changed = []
    for key in sorted(set(before) | set(now), key=lambda k: list(LABELS).index(k)
                      if k in LABELS else len(LABELS)):
        old, new = before.get(key), now.get(key)
        if old == new:
            continue
        label = LABELS.get(key, key)
        if isinstance(old, (str, int, list)) and isinstance(new, (str, int, list)) and key not in (
            "glossary",
        ):
            changed.append(f"{label}: {_shown(old)}, now {_shown(new)}")
        else:
            changed.append(label)
    return changed


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value) if value != "" else "none"


def _content_hash(path: Path) -> str:
    """SHA-256 over a file, or over every file under a folder with its relative path."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() if file != path else b"")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()
