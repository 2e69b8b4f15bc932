"""The models Kuma knows by a short name: where they come from, what they serve, how big.

This is the one list of aliases: ``--model`` resolves them
(:mod:`pipeline.models.locate`), ``kuma models`` pulls and lists them.  It
imports nothing from the rest of Kuma, so anything may import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ModelKind(StrEnum):
    """What a model is for."""

    TRANSLATION = "translation"
    VOICE = "voice"


@dataclass(frozen=True)
class KnownModel:
    """A model Kuma can fetch by its alias with ``kuma models pull``."""

    alias: str
    """Short name used on the command line (``nllb-600m``)."""
    repo_id: str
    """Repository on the Hugging Face model hub."""
    family: str
    """Architecture family: ``nllb``, ``marian`` or ``mms``."""
    kind: ModelKind
    """Translation model or voice."""
    languages: tuple[str, ...] = ()
    """Kuma language codes it serves (targets for translation, the spoken one for voices)."""
    size_mb: int = 0
    """Approximate download size in megabytes (0 = unknown), to warn before a pull."""

    @property
    def convertible(self) -> bool:
        """Whether CTranslate2 can convert it (it cannot convert VITS voices)."""
        return self.kind is ModelKind.TRANSLATION


_SAHEL = ("fr", "ar", "bm", "dyu")
_T, _V = ModelKind.TRANSLATION, ModelKind.VOICE

CATALOGUE: dict[str, KnownModel] = {
    model.alias: model
    for model in (
        KnownModel("nllb-600m", "facebook/nllb-200-distilled-600M", "nllb", _T, _SAHEL, 2500),
        KnownModel("nllb-1.3b", "facebook/nllb-200-distilled-1.3B", "nllb", _T, _SAHEL, 5500),
        KnownModel("nllb-3.3b", "facebook/nllb-200-3.3B", "nllb", _T, _SAHEL, 17600),
        KnownModel("opus-mt-en-fr", "Helsinki-NLP/opus-mt-en-fr", "marian", _T, ("fr",), 300),
        KnownModel("opus-mt-en-ar", "Helsinki-NLP/opus-mt-en-ar", "marian", _T, ("ar",), 310),
        KnownModel("mms-tts-bam", "facebook/mms-tts-bam", "mms", _V, ("bm",), 145),
        KnownModel("mms-tts-fra", "facebook/mms-tts-fra", "mms", _V, ("fr",), 145),
        KnownModel("mms-tts-ara", "facebook/mms-tts-ara", "mms", _V, ("ar",), 145),
    )
}
"""Every alias, in the order ``kuma models list`` shows them."""


def known_model(alias: str) -> KnownModel | None:
    """The catalogue entry for ``alias``, or None."""
    return CATALOGUE.get(alias)
