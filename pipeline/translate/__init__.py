"""Translation: the ``Translator`` protocol, its registry, and the backends."""

from pipeline.translate.base import (
    Translation,
    Translator,
    available_translators,
    get_translator,
    register_translator,
)

__all__ = [
    "Translation",
    "Translator",
    "available_translators",
    "get_translator",
    "register_translator",
]
