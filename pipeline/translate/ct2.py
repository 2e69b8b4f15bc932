"""Running a CTranslate2 conversion (int8 on CPU by default) on a batch of source texts.

The folder holds ``model.bin`` and, beside it, the checkpoint's tokenizer files
(``ct2-transformers-converter --copy_files``); the same tokenizer code as the
transformers backend turns text into tokens and back.  For NLLB the target
language is given as the decoder prefix.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.models.locate import ModelRef
from pipeline.translate.enforce import Hypothesis
from pipeline.translate.hf import output_budget
from pipeline.translate.tokens import ModelTokenizer

DEFAULT_COMPUTE_TYPE = {"cpu": "int8", "cuda": "int8_float16"}
"""Quantisation used when none is asked for, by device."""


def model_positions(path: Path) -> int | None:
    """How many positions a CTranslate2 ``model.bin`` has encodings for, read from its
    header (variable names and shapes; the weights are skipped, not read).

    A conversion copies the tokenizer's files but not the checkpoint's configuration,
    so a tokenizer that declares no limit would otherwise let decoding run past the
    model's last position.  None when the file has no position table (learned
    positions under another name, or a format this reader does not know).
    """
    try:
        with path.open("rb") as model:
            _unpack(model, "I")  # binary version
            _string(model)  # spec name
            _unpack(model, "I")  # revision
            (count,) = _unpack(model, "I")
            for _ in range(min(count, 100_000)):
                name = _string(model)
                (rank,) = _unpack(model, "B")
                shape = _unpack(model, f"{rank}I")
                _unpack(model, "B")  # dtype
                (size,) = _unpack(model, "I")
                if name.endswith("position_encodings/encodings") and rank == 2:
                    return int(shape[0])
                model.seek(size, 1)
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        return None
    return None


def _unpack(stream: Any, fmt: str) -> tuple[int, ...]:
    size = struct.calcsize(fmt)
    data = stream.read(size)
    if len(data) != size:
        raise ValueError("truncated model.bin")
    return struct.unpack(fmt, data)


def _string(stream: Any) -> str:
    (length,) = _unpack(stream, "H")
    return str(stream.read(length)[:-1].decode("utf-8"))


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
        limits = [n for n in (model_positions(ref.path / "model.bin"), self.tokenizer.max_length)
                  if n]
        self.max_length = min(limits) if limits else 1024
        """Longest sequence the model takes (input or output), in tokens: the smaller of
        what the tokenizer declares and the positions the model has."""
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
