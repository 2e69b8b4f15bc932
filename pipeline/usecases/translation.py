"""The translate stage of a run: per language, the first usable translation, checked
against the glossary."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.glossary import Glossary, Mention
from pipeline.translate.memory import TranslationMemory
from pipeline.translate.select import EngineSettings, choose_translation
from pipeline.usecases.options import RunOptions
from pipeline.usecases.results import LanguageOutcome, TermAccuracy

NEXT_STEP = (
    "have the kit translated and run `kuma xliff import FILE --into <this folder>` "
    "(or `kuma run ... --translations FILE`), or install a translation model "
    "(`kuma models pull nllb-600m`; `kuma doctor` says what is usable)"
)


def engine_settings(
    options: RunOptions,
    glossary: Glossary,
    memory: TranslationMemory | None,
    kept: tuple[Path, ...] = (),
) -> EngineSettings:
    """The translation settings of a run (``kept``: the package's own kit folder)."""
    engine_options: dict[str, Any] = {"beam_size": options.beam_size}
    if options.model:
        engine_options["model"] = options.model
    return EngineSettings(
        engine=options.engine,
        translations=tuple(options.translations),
        kept=[k for k in kept if k.is_dir()],
        glossary=glossary,
        memory=memory,
        engine_options=engine_options,
    )


def translate_language(
    document: Document, lang: str, settings: EngineSettings, mentions: list[Mention]
) -> tuple[LanguageOutcome, Document | None]:
    """Translate ``document`` into ``lang`` with the first usable engine, and check its terms."""
    assert settings.glossary is not None
    choice = choose_translation(document, lang, settings)
    if choice.translation is None:
        outcome = LanguageOutcome(lang, produced=False, reason=choice.reason, next_step=NEXT_STEP)
        return outcome, None
    translation = choice.translation
    translated = document.with_texts(lang, translation.texts, translation.provenance)
    outcome = LanguageOutcome(
        lang,
        produced=True,
        engine=translation.engine,
        model=translation.model,
        version=translation.version,
        terms=term_accuracy(settings.glossary, mentions, translated),
        provenance=dict(translation.provenance),
        repairs=dict(translation.repairs),
        remembered=translation.remembered,
    )
    return outcome, translated


def term_accuracy(
    glossary: Glossary, mentions: list[Mention], translated: Document
) -> TermAccuracy:
    """Check every source mention against its segment's translation."""
    from pipeline.glossary.verify import check_translation

    by_segment: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_segment.setdefault(mention.segment, []).append(mention)
    result = TermAccuracy()
    for segment in translated.segments():
        found = by_segment.get(segment.id)
        if not found:
            continue
        check = check_translation(glossary, found, segment.text, translated.lang)
        result.expected += len(check.expected)
        result.found += len(check.found)
        result.missing += [{"segment": segment.id, "term": t} for t in check.missing]
        result.unknown += [{"segment": segment.id, "term": t} for t in check.unknown]
    return result
