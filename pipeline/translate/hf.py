"""Running a transformers checkpoint (NLLB or Marian) on a batch of source texts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pipeline.models.locate import ModelRef
from pipeline.translate.enforce import Hypothesis
from pipeline.translate.tokens import ModelTokenizer


def output_budget(source_tokens: int, prefix_tokens: int, max_length: int) -> int:
    """New tokens the decoder may write: room for a long translation, within the model's limit.

    Never the library default (NLLB's generation config stops at 200 tokens, which
    silently cuts the end of a long input).
    """
    return max(1, min(max_length - prefix_tokens - 1, 2 * source_tokens + 16))


class TransformersBackend:
    """A loaded transformers sequence-to-sequence model and its tokenizer."""

    def __init__(self, ref: ModelRef, device: str = "cpu") -> None:
        import torch
        import transformers
        from transformers import AutoModelForSeq2SeqLM

        # Kuma reports its own progress on stderr; the library's bars would break --quiet.
        transformers.utils.logging.disable_progress_bar()
        self.tokenizer = ModelTokenizer(ref)
        try:
            model = AutoModelForSeq2SeqLM.from_pretrained(str(ref.path), local_files_only=True)
        except Exception as exc:  # safetensors, torch and config errors all mean a bad folder
            raise ref.corrupt("weights", exc) from None
        self.model: Any = model.to(torch.device(device)).eval()
        self.device = device
        positions = int(getattr(model.config, "max_position_embeddings", 0) or 0)
        limits = [n for n in (positions, self.tokenizer.max_length) if n]
        self.max_length = min(limits) if limits else 1024
        """Longest sequence the model takes (input or output), in tokens."""
        self.version = f"transformers {transformers.__version__}"

    def generate(
        self, sources: Sequence[str], lang: str, beam_size: int, n_best: int, prefix: str = ""
    ) -> list[list[Hypothesis]]:
        """The ``n_best`` best translations of each source, best first."""
        import torch

        ids = [self.tokenizer.source_ids(text, lang) for text in sources]
        start = self.model.config.decoder_start_token_id
        forced = [start, *self.tokenizer.prefix_ids(lang, prefix)]
        width = max(len(row) for row in ids)
        pad = self.tokenizer.hf.pad_token_id
        input_ids = torch.tensor([row + [pad] * (width - len(row)) for row in ids])
        mask = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in ids])
        beams = max(beam_size, n_best)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=mask.to(self.device),
                decoder_input_ids=torch.tensor([forced] * len(ids)).to(self.device),
                num_beams=beams,
                num_return_sequences=n_best,
                do_sample=False,
                max_new_tokens=output_budget(width, len(forced), self.max_length),
                output_scores=beams > 1,
                return_dict_in_generate=True,
            )
        scores = out.sequences_scores.tolist() if beams > 1 else [0.0] * len(out.sequences)
        # each source keeps its own budget, so a batch decodes as its sources would alone
        budgets = [output_budget(len(row), len(forced), self.max_length) for row in ids]
        texts = [
            self.tokenizer.decode(row.tolist()[: len(forced) + budgets[n // n_best]])
            for n, row in enumerate(out.sequences)
        ]
        hypotheses = [Hypothesis(t, s) for t, s in zip(texts, scores, strict=True)]
        return [hypotheses[i : i + n_best] for i in range(0, len(hypotheses), n_best)]
