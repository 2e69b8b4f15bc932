"""The neural engines by name: ``nllb`` and ``marian`` (transformers) and ``ct2`` (CTranslate2).

- ``nllb``: NLLB-200 (``nllb-600m`` by default; ``nllb-1.3b`` and ``nllb-3.3b``
  selectable), English into French, Arabic, Bambara and Dyula.
- ``marian``: OPUS-MT, for the pairs that exist: ``opus-mt-en-fr`` and ``opus-mt-en-ar``.
- ``ct2``: the same checkpoints converted to CTranslate2 (int8 on CPU), NLLB by default.

Models are found on disk (see ``locate``) and loaded on first use; nothing is downloaded.
"""

from __future__ import annotations

import json

from pipeline.langs import get_language
from pipeline.models.locate import Family, ModelKind, ModelRef
from pipeline.translate.neural import Backend, NeuralTranslator

NLLB_LANGUAGES = frozenset({"fr", "ar", "bm", "dyu"})
MARIAN_MODELS = {"fr": "opus-mt-en-fr", "ar": "opus-mt-en-ar"}
"""The OPUS-MT model for each target language that has one."""


class NllbTranslator(NeuralTranslator):
    """NLLB-200 through transformers."""

    name = "nllb"
    families = (Family.NLLB,)
    default_languages = NLLB_LANGUAGES

    def default_model(self, lang: str) -> str:
        """``nllb-600m`` (facebook/nllb-200-distilled-600M) for every language."""
        return "nllb-600m"

    def load(self, ref: ModelRef) -> Backend:
        """Load the checkpoint with transformers."""
        from pipeline.translate.hf import TransformersBackend

        return TransformersBackend(ref, self.device)


class MarianTranslator(NeuralTranslator):
    """OPUS-MT (Marian) through transformers: one model per language pair."""

    name = "marian"
    families = (Family.MARIAN,)
    default_languages = frozenset(MARIAN_MODELS)

    def default_model(self, lang: str) -> str:
        """The OPUS-MT model of the pair ``en`` -> ``lang``."""
        return MARIAN_MODELS[get_language(lang).code]

    def model_languages(self, ref: ModelRef) -> set[str]:
        """The language a one-pair model declares (``target_lang``), else both pairs."""
        return marian_languages(ref)

    def load(self, ref: ModelRef) -> Backend:
        """Load the checkpoint with transformers."""
        from pipeline.translate.hf import TransformersBackend

        return TransformersBackend(ref, self.device)


class Ct2Translator(NeuralTranslator):
    """NLLB or OPUS-MT converted to CTranslate2 (``nllb-600m-ct2`` by default)."""

    name = "ct2"
    kind = ModelKind.CT2
    families = (Family.NLLB, Family.MARIAN)
    default_languages = NLLB_LANGUAGES
    requires = ("ctranslate2", "transformers")

    def default_model(self, lang: str) -> str:
        """The CTranslate2 conversion of ``nllb-600m``."""
        return "nllb-600m"

    def model_languages(self, ref: ModelRef) -> set[str]:
        """NLLB's languages, or the one a Marian conversion declares."""
        return marian_languages(ref) if ref.family is Family.MARIAN else set(NLLB_LANGUAGES)

    def load(self, ref: ModelRef) -> Backend:
        """Load the conversion with CTranslate2."""
        from pipeline.translate.ct2 import Ct2Backend

        return Ct2Backend(ref, self.device, self.compute_type)


def marian_languages(ref: ModelRef) -> set[str]:
    """The target a Marian tokenizer configuration declares (``target_lang``), else both."""
    try:
        config = json.loads((ref.path / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    declared = config.get("target_lang") if isinstance(config, dict) else None
    return {declared} if declared in MARIAN_MODELS else set(MARIAN_MODELS)
