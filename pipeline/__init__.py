"""Kuma: turn news and reports into multilingual, accessible media for West Africa.

The library API, loaded on first use so that ``kuma --help`` stays light::

    import pipeline
    results = pipeline.run(["story.txt"], langs=["fr", "bm"], voice=None)

- ``read_document(path_or_text, ...)`` -> ``Document``
- ``load_glossary(path=None)`` -> ``Glossary`` (default: the shipped Sahel glossary)
- ``get_translator(name, **options)`` -> ``Translator``; ``get_voice(name)`` -> ``Voice``
- ``run(inputs, langs=[...], out=..., translations=..., engine=..., voice=...)``
  -> ``list[ArticleResult]``
- ``run_batch(inputs, langs=[...], out=..., workers=..., executor="local"|"ray")``
  -> ``BatchSummary`` (what ``kuma batch`` does: resumable, parallel, on Ray)
- ``publish_package(package_dir)``, ``import_xliff(package_dir, kit)``: work on a package
- ``review_package(package_dir, a11y=False, fail_on=...)``: check it, write the
  reviewer's report, record sign-offs
- ``translate_article(path, lang)``: one article into one language, no package

(Names never repeat a subpackage's: ``pipeline.publish`` is the publish stage.)
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "read_document": "pipeline.api:read_document",
    "run": "pipeline.api:run",
    "run_batch": "pipeline.api:run_batch",
    "BatchSummary": "pipeline.batch:BatchSummary",
    "load_glossary": "pipeline.glossary:load_glossary",
    "get_translator": "pipeline.translate:get_translator",
    "get_voice": "pipeline.speech.base:get_voice",
    "publish_package": "pipeline.usecases:publish_package",
    "import_xliff": "pipeline.usecases:import_xliff",
    "review_package": "pipeline.usecases.review:review_package",
    "translate_article": "pipeline.usecases:translate_article",
    "ArticleResult": "pipeline.usecases:ArticleResult",
    "RunOptions": "pipeline.usecases:RunOptions",
    "PublishSettings": "pipeline.usecases:PublishSettings",
    "Document": "pipeline.document:Document",
    "Glossary": "pipeline.glossary:Glossary",
    "KumaError": "pipeline.errors:KumaError",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    """Import an API name on first use (PEP 562)."""
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
    module, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
