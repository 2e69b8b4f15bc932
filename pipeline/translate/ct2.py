"""Running a CTranslate2 conversion (int8 on CPU by default) on a batch of source texts.

The folder holds ``model.bin`` and, beside it, the checkpoint's tokenizer files
(``ct2-transformers-converter --copy_files``); the same tokenizer code as the
transformers backend turns text into tokens and back.  For NLLB the target
language is given as the decoder prefix.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.translate.enforce import Hypothesis
from pipeline.translate.hf import output_budget
from pipeline.translate.locate import ModelRef
from pipeline.translate.tokens import ModelTokenizer

DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "int8_float16"}
"""Quantisation used when none is asked for, by device."""


MAX_HYPOTHESES = 16
"""Sentences x beams decoded together; bounds peak memory on small machines."""


class Ct2Backend:
    """A loaded CTranslate2 translator and its tokenizer."""

    def __init__(self, ref: ModelRef, device: str = "cpu", compute_type: str | None = None) -> None:
        import ctranslate2

        self.tokenizer = ModelTokenizer(ref)
        self.compute_type = compute_type or DEFAULT_COMPUTE_TYPE.get(device, "default")
        try:
            self.translator: Any = ctranslate2.Translator(
                str(ref.path), device=device, compute_type=self.compute_type
            )
        except Exception as exc:  # CTranslate2 raises RuntimeError/ValueError on a bad model.bin
            raise ref.corrupt("weights (model.bin)", exc) from None
        self.max_length = self.tokenizer.max_length or 1024
        """Longest sequence the model takes (input or output), in tokens."""
        self.version = f"ctranslate2 {ctranslate2.__version__} ({self.compute_type})"

    def generate(
        self, sources: Sequence[str], lang: str, beam_size: int, n_best: int, prefix: str = ""
    ) -> list[list[Hypothesis]]:
        """The ``n_best`` best translations of each source, best first."""
        tokens = [self.tokenizer.tokens(self.tokenizer.source_ids(s, lang)) for s in sources]
        forced = self.tokenizer.tokens(self.tokenizer.prefix_ids(lang, prefix))
        width = max(len(row) for row in tokens)
        # the budget counts the decoder's start token, which is not in ``forced``
        budget = output_budget(width, len(forced) + 1, self.max_length)
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[forced] * len(tokens) if forced else None,
            beam_size=max(beam_size, n_best),
            num_hypotheses=n_best,
            return_scores=True,
            max_input_length=0,  # never truncate: long inputs were split before
            max_decoding_length=len(forced) + budget,
            # At most 16 hypotheses decoded at once: NLLB-600M int8 then stays under
            # 1 GB with beam 4 (1.16 GB with 8 sentences x 4 beams; measured here).
            max_batch_size=max(1, MAX_HYPOTHESES // max(beam_size, n_best)),
        )
        # each source keeps its own budget, so a batch decodes as its sources would alone
        budgets = [output_budget(len(row), len(forced) + 1, self.max_length) for row in tokens]
        return [
            [
                Hypothesis(self._text(h[: len(forced) + limit]), float(score))
                for h, score in zip(result.hypotheses, result.scores, strict=True)
            ]
            for result, limit in zip(results, budgets, strict=True)
        ]

    def _text(self, tokens: list[str]) -> str:
        return self.tokenizer.decode(self.tokenizer.ids(tokens))
