"""Generate tiny, random-weight MMS-TTS (VITS) checkpoints for the tests and the benchmark.

No MMS voice can be downloaded here, and a real one weighs 145 MB, so the tests run
the real code path (``VitsModel`` and ``VitsTokenizer`` from a folder, as ``kuma
models pull`` leaves it) on a model with MMS's file layout and tokenizer but a few
thousand parameters.  Its speech is noise; tests assert behaviour, not quality.
``mms_shaped`` builds one with the real MMS dimensions (about 36 M parameters) for
timing.  Run ``python tests/tiny_voice.py FOLDER`` to write one somewhere to look at.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BAMBARA_LETTERS = "abcdefghijklmnopqrstuvwxyzɛɔɲŋ' "
"""The characters of the test vocabulary (MMS's Bambara one has the same kind)."""

TINY = {
    "hidden_size": 16,
    "num_hidden_layers": 1,
    "num_attention_heads": 2,
    "ffn_dim": 32,
    "flow_size": 16,
    "spectrogram_bins": 17,
    "upsample_initial_channel": 16,
    "upsample_rates": [8, 8, 2, 2],
    "upsample_kernel_sizes": [16, 16, 4, 4],
    "resblock_kernel_sizes": [3],
    "resblock_dilation_sizes": [[1]],
    "duration_predictor_filter_channels": 16,
    "duration_predictor_num_flows": 1,
    "prior_encoder_num_flows": 1,
    "prior_encoder_num_wavenet_layers": 1,
    "posterior_encoder_num_wavenet_layers": 1,
    "depth_separable_num_layers": 1,
}
"""Dimensions small enough to build and run in milliseconds."""


def make_voice(
    folder: Path,
    language: str = "bam",
    letters: str = BAMBARA_LETTERS,
    dims: dict[str, object] | None = None,
    is_uroman: bool = False,
    seed: int = 0,
) -> Path:
    """Write a VITS checkpoint with random weights and an MMS-style tokenizer to ``folder``."""
    import torch
    from transformers import VitsConfig, VitsModel, VitsTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocab = {"_": 0, **{c: i + 1 for i, c in enumerate(letters)}}
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = VitsTokenizer(
        str(folder / "vocab.json"), language=language, add_blank=True, normalize=True,
        phonemize=False, is_uroman=is_uroman, pad_token="_", unk_token="_",
    )
    tokenizer.save_pretrained(folder)
    torch.manual_seed(seed)
    shape = TINY if dims is None else dims
    config = VitsConfig(vocab_size=len(vocab), sampling_rate=16000, **shape)
    VitsModel(config).eval().save_pretrained(folder)
    return folder


def mms_shaped(folder: Path) -> Path:
    """A VITS with MMS-TTS's real dimensions (transformers' defaults) and random weights."""
    return make_voice(folder, dims={})


if __name__ == "__main__":
    print(make_voice(Path(sys.argv[1] if len(sys.argv) > 1 else "tiny-mms-bam")))
