"""Choosing, per language, the translation to use: ``--engine auto`` or a named engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.glossary import Glossary
from pipeline.translate.base import Translation, Translator, get_translator, translator_names

AUTO_ORDER = ("human", "ct2", "nllb", "marian")
"""``auto`` tries a supplied human translation first, then CTranslate2, then transformers."""


@dataclass
class Choice:
    """The translation chosen for one language, or why there is none."""

    translation: Translation | None
    reason: str = ""
    """Why no engine could translate (one reason per engine tried, joined)."""


def _options(name: str, translations: Sequence[Path], glossary: Glossary | None,
             model: str | None) -> dict[str, Any]:
    if name == "human":
        return {"sources": tuple(translations)}
    return {"model": model, "glossary": glossary}


def choose_translation(
    document: Document,
    lang: str,
    engine: str = "auto",
    translations: Sequence[Path] = (),
    glossary: Glossary | None = None,
    model: str | None = None,
) -> Choice:
    """Translate with the first usable engine; never downloads, never guesses."""
    known = set(translator_names())
    names = [n for n in AUTO_ORDER if n in known] if engine == "auto" else [engine]
    reasons: list[str] = []
    for name in names:
        translator: Translator = get_translator(
            name, **_options(name, translations, glossary, model)
        )
        if lang not in translator.languages() and name != "human":
            reasons.append(f"{name}: does not serve {lang!r}")
            continue
        why = translator.availability(lang)
        if why:
            reasons.append(f"{name}: {why}")
            continue
        return Choice(translator.translate(document, lang))
    return Choice(None, "; ".join(reasons) or f"no engine serves {lang!r}")
