"""Choosing, per language, the translation to use: ``--engine auto`` or a named engine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.errors import XliffError
from pipeline.glossary import Glossary
from pipeline.translate.base import Translation, get_translator, translator_names

AUTO_ORDER = ("human", "ct2", "nllb", "marian")
"""``auto`` tries a supplied human translation first, then CTranslate2, then transformers."""


@dataclass
class Choice:
    """The translation chosen for one language, or why there is none."""

    translation: Translation | None
    reason: str = ""
    """Why no engine could translate (one reason per engine tried, joined)."""


def choose_translation(
    document: Document,
    lang: str,
    engine: str = "auto",
    translations: Sequence[Path] = (),
    glossary: Glossary | None = None,
    model: str | None = None,
    kept: Sequence[Path] = (),
) -> Choice:
    """Translate with the first usable engine; never downloads, never guesses.

    ``translations`` are XLIFF files or folders the user supplied; ``kept`` are the
    package's own kits from earlier runs and imports, used when the user supplied
    none for this language (a stale kit there is ignored, not an error).
    """
    known = set(translator_names())
    names = [n for n in AUTO_ORDER if n in known] if engine == "auto" else [engine]
    reasons: list[str] = []
    for name in names:
        if name == "human":
            found, why = _human(document, lang, translations, kept)
        else:
            found, why = _engine(name, document, lang, glossary=glossary, model=model)
        if found is not None:
            return Choice(found)
        reasons.append(f"{name}: {why}")
    return Choice(None, "; ".join(reasons) or f"no engine serves {lang!r}")


def _human(
    document: Document, lang: str, supplied: Sequence[Path], kept: Sequence[Path]
) -> tuple[Translation | None, str]:
    why = ""
    for sources, strict in ((supplied, True), (kept, False)):
        if not sources:
            continue
        try:
            found, why = _engine("human", document, lang, sources=tuple(sources))
        except XliffError:
            if strict:
                raise
            continue
        if found is not None:
            return found, ""
        if strict:
            break
    return None, why or f"no XLIFF translation for {lang!r} was given (--translations)"


def _engine(
    name: str, document: Document, lang: str, **options: Any
) -> tuple[Translation | None, str]:
    translator = get_translator(name, **options)
    if name != "human" and lang not in translator.languages():
        return None, f"does not serve {lang!r}"
    why = translator.availability(lang)
    if why:
        return None, why
    return translator.translate(document, lang), ""
