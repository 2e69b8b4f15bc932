"""Choosing, per language, the translation to use: ``--engine auto`` or a named engine.

``auto`` takes a supplied human translation first, then the package's own kits
from earlier runs and imports, then human translations remembered in the
translation memory, then CTranslate2, then transformers.  Machine engines go
through the memory, so a second run of the same article translates nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.document import Document
from pipeline.errors import (
    ConfigurationError,
    LanguageError,
    ModelMissingError,
    XliffError,
)
from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.translate.base import (
    Translation,
    Translator,
    available_translators,
    get_translator,
    translator_names,
)

if TYPE_CHECKING:
    from pipeline.translate.memory import TranslationMemory

AUTO_ORDER = ("human", "ct2", "nllb", "marian")
HUMAN = "human"


@dataclass
class EngineSettings:
    """Everything that decides which translation a language gets."""

    engine: str = "auto"
    """Engine name, or ``auto``."""
    translations: Sequence[Path] = ()
    """XLIFF files or folders the user supplied."""
    kept: Sequence[Path] = ()
    """The package's own kit folder: translations kept from earlier runs and imports."""
    glossary: Glossary | None = None
    """Glossary the machine engines enforce."""
    memory: TranslationMemory | None = None
    """Translation memory; None = do not use one."""
    engine_options: dict[str, Any] = field(default_factory=dict)
    """Options for machine engines: ``model``, ``beam_size``, ``batch_size``, ``device``."""


@dataclass
class Choice:
    """The translation chosen for one language, or why there is none."""

    translation: Translation | None
    reason: str = ""
    """Why no engine could translate (one reason per engine tried, joined)."""


def engine_names(engine: str) -> list[str]:
    """The engines to try, in order."""
    known = set(translator_names())
    return [n for n in AUTO_ORDER if n in known] if engine == "auto" else [engine]


def check_engine(settings: EngineSettings, langs: Sequence[str]) -> None:
    """Refuse, before any work, an engine or model the user named that cannot be used.

    An explicit engine must serve every language and load its model for each (a typo
    in ``--model``, a folder with a broken configuration, a missing library): a
    ConfigurationError (exit 1) now, not a whole package made without it.  Models
    loaded here stay loaded for the run.  ``--engine auto`` with nothing usable is
    not an error: those languages get their kits.
    """
    if settings.engine == HUMAN:
        return
    if settings.engine == "auto":
        _check_named_model(settings, langs)
        return
    translator = _translator(settings.engine, settings)
    for code in langs:
        if code not in translator.languages():
            language = get_language(code)
            others = [n for n in available_translators(code) if n != settings.engine]
            served = f"engines that do: {', '.join(others)}" if others else "no engine does"
            raise LanguageError(
                f"{settings.engine} does not translate into {language.name} ({code}); {served}"
            )
    for code in langs:
        why = translator.availability(code)
        if why is not None:
            raise ConfigurationError(f"--engine {settings.engine} cannot be used: {why}")
        _load(translator, code)


def _load(translator: Translator, lang: str) -> None:
    """Load a neural engine's model now, so that a broken one fails before any work."""
    from pipeline.translate.neural import NeuralTranslator

    if not isinstance(translator, NeuralTranslator):
        return
    ref = translator.model_ref(lang)
    try:
        translator.backend(ref, lang)
    except ModelMissingError as exc:
        raise ConfigurationError(str(exc)) from None


def _check_named_model(settings: EngineSettings, langs: Sequence[str]) -> None:
    """With ``--engine auto``, a ``--model`` the user named must load with some machine
    engine for at least one of the languages (the others get their kits)."""
    if not settings.engine_options.get("model"):
        return
    reasons: list[str] = []
    for code in langs:
        for name in engine_names("auto"):
            if name == HUMAN:
                continue
            translator = _translator(name, settings)
            why = translator.availability(code) if code in translator.languages() else None
            if code not in translator.languages():
                continue
            if why is None:
                _load(translator, code)
                return
            reasons.append(why)
    model = settings.engine_options["model"]
    reason = reasons[0] if reasons else "no translation engine can use it"
    raise ConfigurationError(f"--model {model} cannot be used: {reason}")


def choose_translation(document: Document, lang: str, settings: EngineSettings) -> Choice:
    """Translate with the first usable engine; never downloads, never guesses."""
    reasons: list[str] = []
    for name in engine_names(settings.engine):
        if name == HUMAN:
            found, why = _human(document, lang, settings)
        else:
            found, why = _machine(name, document, lang, settings)
        if found is not None:
            return Choice(found)
        reasons.append(f"{name}: {why}")
    return Choice(None, "; ".join(reasons) or f"no engine serves {lang!r}")


def _translator(name: str, settings: EngineSettings, **options: Any) -> Translator:
    if name == HUMAN:
        return get_translator(name, **options)
    return get_translator(name, glossary=settings.glossary, **settings.engine_options)


def _human(
    document: Document, lang: str, settings: EngineSettings
) -> tuple[Translation | None, str]:
    """A supplied XLIFF first (errors in it are the user's to fix), then kept kits, then memory."""
    why = f"no XLIFF translation for {lang!r} was given (--translations)"
    for sources, strict in ((settings.translations, True), (settings.kept, False)):
        if not sources:
            continue
        try:
            translator = _translator(HUMAN, settings, sources=tuple(sources))
            reason = translator.availability(lang)
            if reason is None:
                found = translator.translate(document, lang)
                if settings.memory is not None:
                    _remember_human(settings.memory, document, found)
                return found, ""
        except XliffError:
            if strict:
                raise
            continue  # a kit kept from an older version of the article
        if strict:
            why = reason
    remembered = _from_memory(document, lang, settings.memory)
    return (remembered, "") if remembered is not None else (None, why)


def _remember_human(memory: TranslationMemory, document: Document, found: Translation) -> None:
    pairs = {s.text: found.texts[s.id] for s in document.segments() if found.texts.get(s.id)}
    memory.store_human(pairs, document.lang, found.lang)


def _from_memory(
    document: Document, lang: str, memory: TranslationMemory | None
) -> Translation | None:
    """The whole document from human translations in the memory, if every segment has one."""
    if memory is None:
        return None
    segments = list(document.segments())
    known = memory.lookup_human([s.text for s in segments], document.lang, lang)
    if not segments or any(s.text not in known for s in segments):
        return None
    return Translation(
        lang=lang,
        texts={s.id: known[s.text] for s in segments},
        provenance={s.id: HUMAN for s in segments},
        engine=HUMAN,
        model="translation memory",
    )


def _machine(
    name: str, document: Document, lang: str, settings: EngineSettings
) -> tuple[Translation | None, str]:
    translator = _translator(name, settings)
    if lang not in translator.languages():
        return None, f"does not serve {lang!r}"
    why = translator.availability(lang)
    if why:
        return None, why
    return _remembering(translator, lang, settings).translate(document, lang), ""


def _remembering(translator: Translator, lang: str, settings: EngineSettings) -> Translator:
    """``translator`` behind the translation memory, when there is one."""
    if settings.memory is None:
        return translator
    from pipeline.translate.memory import RememberingTranslator
    from pipeline.translate.neural import NeuralTranslator

    model = translator.model_ref(lang).name if isinstance(translator, NeuralTranslator) else ""
    version = settings.glossary.version if settings.glossary else ""
    return RememberingTranslator(translator, settings.memory, model, version)
