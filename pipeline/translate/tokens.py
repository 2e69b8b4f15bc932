"""Turning text into token ids and back, the way each model family expects.

Both runtimes (transformers and CTranslate2) use the checkpoint's own Hugging
Face tokenizer, so the language conventions live here once:

- NLLB: the source starts with ``eng_Latn``; the target starts with the target's
  FLORES code (``fra_Latn``), which is forced as the first decoder token.
- Marian (OPUS-MT): one model per pair; multi-target models (``en-ar``) want
  the target variety as a source token (``>>ara<<``).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.errors import LanguageError
from pipeline.langs import get_language
from pipeline.models.locate import Family, ModelRef

SOURCE_LANG = "en"
_UNLIMITED = 100_000  # tokenizers without a limit report a huge sentinel instead
_TARGET_TOKEN = re.compile(r">>\w+<<")


OPUS_CODES = {"fr": "fra", "ar": "ara", "bm": "bam", "dyu": "dyu"}
"""Target tokens of multi-target OPUS-MT models (``>>ara<<``: Arabic, not NLLB's ``arb``)."""


class ModelTokenizer:
    """The tokenizer files of one model folder, read once."""

    def __init__(self, ref: ModelRef) -> None:
        self.ref = ref
        self.hf = _load(ref)
        """The Hugging Face tokenizer."""
        self._target_tokens = (
            {t for t in self.hf.get_vocab() if _TARGET_TOKEN.fullmatch(t)}
            if ref.family is Family.MARIAN
            else set()
        )

    @property
    def max_length(self) -> int:
        """Longest sequence the tokenizer declares for the model (0 when it declares none)."""
        limit = int(self.hf.model_max_length or 0)
        return limit if 0 < limit < _UNLIMITED else 0

    def target_lang(self) -> str | None:
        """The target language a single-pair Marian model declares, if it does."""
        value = self.hf.init_kwargs.get("target_lang")
        return str(value) if value else None

    def check_language(self, lang: str) -> None:
        """LanguageError when this model cannot be asked for ``lang``."""
        name = get_language(lang).name
        if self.ref.family is Family.NLLB:
            if self._id(get_language(lang).nllb) == self.hf.unk_token_id:
                raise LanguageError(
                    f"model {self.ref.name} has no language code {get_language(lang).nllb} "
                    f"for {name}"
                )
            return
        opus = OPUS_CODES[get_language(lang).code]
        if self._target_tokens:
            if f">>{opus}<<" not in self._target_tokens:
                raise LanguageError(f"model {self.ref.name} does not translate into {name}")
        elif self.target_lang() not in (None, get_language(lang).code, opus):
            raise LanguageError(
                f"model {self.ref.name} translates into {self.target_lang()!r}, not {lang!r}"
            )

    def source_ids(self, text: str, lang: str) -> list[int]:
        """Token ids of a source text asking for ``lang``, special tokens included."""
        if self.ref.family is Family.NLLB:
            # verbose=False: over-long texts are measured here before being split
            return list(self.hf(text, verbose=False).input_ids)
        if self._target_tokens:
            text = f">>{OPUS_CODES[get_language(lang).code]}<< {text}"
        return list(self.hf(text, verbose=False).input_ids)

    def prefix_ids(self, lang: str, text: str = "") -> list[int]:
        """The forced start of the output: the language code (NLLB) and ``text``, if any."""
        ids = [self._id(get_language(lang).nllb)] if self.ref.family is Family.NLLB else []
        if text:
            encoded = self.hf(text_target=text, add_special_tokens=False, verbose=False)
            ids += list(encoded.input_ids)
        return ids

    def decode(self, ids: list[int]) -> str:
        """Text of output ids, special tokens (language codes, end of sentence) left out."""
        return str(self.hf.decode(ids, skip_special_tokens=True)).strip()

    def tokens(self, ids: list[int]) -> list[str]:
        """Token strings of ids (what CTranslate2 takes)."""
        return list(self.hf.convert_ids_to_tokens(ids))

    def ids(self, tokens: list[str]) -> list[int]:
        """Ids of token strings (what CTranslate2 returns)."""
        return list(self.hf.convert_tokens_to_ids(tokens))

    def _id(self, token: str) -> int:
        return int(self.hf.convert_tokens_to_ids(token))


def _load(ref: ModelRef) -> Any:
    """The Hugging Face tokenizer of ``ref``, from local files only."""
    from transformers import MarianTokenizer, NllbTokenizer

    cls = NllbTokenizer if ref.family is Family.NLLB else MarianTokenizer
    options: dict[str, Any] = {"local_files_only": True}
    if ref.family is Family.NLLB:
        options["src_lang"] = get_language(SOURCE_LANG).nllb
    try:
        return cls.from_pretrained(str(ref.path), **options)
    except Exception as exc:  # sentencepiece and tokenizers raise bare errors on bad files
        raise ref.corrupt("tokenizer files", exc) from None
