"""Meta's MMS-TTS voices (VITS) through transformers: Bambara, French, Arabic, offline once cached.

Checkpoints are never downloaded here.  A voice is found, in order, at the path
given, in Kuma's models folder under its alias (``kuma models import``), or in the
Hugging Face cache (``kuma models pull mms-tts-bam``); a missing one is a reason
that names the command to run.  VITS samples noise, so every clip is generated
from a fixed seed: the same text gives the same audio on every run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from pipeline.errors import KumaError, ModelMissingError
from pipeline.speech.base import Clip, SpeechError, language_name

INSTALL_HINT = "pip install 'kuma[mt]' (torch and transformers)"


@dataclass(frozen=True)
class _Checkpoint:
    path: Path
    name: str
    """Alias or folder name, shown in the manifest."""
    source: str
    """Hub repository it came from, when known."""


def _catalogue() -> dict[str, Any]:
    """Kuma language -> catalogue entry of its MMS voice."""
    from pipeline.models.catalogue import CATALOGUE

    return {m.languages[0]: m for m in CATALOGUE.values() if m.family == "mms"}


class MmsVoice:
    """A VITS checkpoint per language, run with transformers ``VitsModel`` on the CPU."""

    name = "mms"
    needs_network = False
    max_chars = 400
    """Longer texts are spoken in pieces: VITS attention grows with the square of the length."""

    def __init__(
        self, model: str | Path | None = None, seed: int = 0, speaking_rate: float = 1.0
    ) -> None:
        """``model``: a checkpoint folder to use for every language (default: by language);
        ``speaking_rate`` above 1 speaks faster, below 1 slower."""
        self.model = Path(model).expanduser() if model else None
        self.seed = seed
        self.speaking_rate = speaking_rate

    def paced(self, delivery: str) -> MmsVoice:
        """The same voice at the pace of ``delivery``: slower for easy-to-read versions, by
        the ratio of the target paces (not measured: no MMS voice could be calibrated here)."""
        from pipeline.speech.pace import Delivery, relative_pace

        rate = self.speaking_rate * relative_pace(Delivery(delivery))
        return MmsVoice(self.model, self.seed, rate)

    def languages(self) -> set[str]:
        """Languages with an MMS voice in Kuma's catalogue."""
        return set(_catalogue())

    def availability(self, lang: str) -> str | None:
        """None when torch, transformers and a complete checkpoint for ``lang`` are here."""
        if lang not in self.languages():
            return f"MMS-TTS has no voice for {lang!r} in Kuma's catalogue"
        if find_spec("torch") is None or find_spec("transformers") is None:
            return f"MMS-TTS voices need torch and transformers ({INSTALL_HINT})"
        try:
            checkpoint = self._checkpoint(lang)
        except KumaError as exc:
            return str(exc)
        if _needs_uroman(checkpoint.path) and find_spec("uroman") is None:
            return f"{checkpoint.name} needs the uroman romaniser (pip install uroman)"
        return None

    def version(self, lang: str) -> str:
        """``mms-tts-bam (facebook/mms-tts-bam), transformers 5.x``."""
        import transformers

        checkpoint = self._checkpoint(lang)
        source = f" ({checkpoint.source})" if checkpoint.source else ""
        pace = f", speaking rate {self.speaking_rate:.2f}" if self.speaking_rate != 1.0 else ""
        return f"{checkpoint.name}{source}, transformers {transformers.__version__}{pace}"

    def synthesize(self, text: str, lang: str) -> Clip:
        """Speak ``text`` with the checkpoint for ``lang``."""
        import torch

        model, tokenizer = _load(str(self._checkpoint(lang).path))
        rate = int(model.config.sampling_rate)
        inputs = tokenizer(text, return_tensors="pt")
        # Fewer than two ids is the blank alone: nothing the model can say.
        if inputs["input_ids"].shape[-1] < 2:
            return Clip.silence(rate)
        torch.manual_seed(self.seed)
        with torch.inference_mode():
            waveform = model(**inputs, speaking_rate=self.speaking_rate).waveform[0]
        return Clip(waveform.float().numpy().clip(-1.0, 1.0), rate)

    def _checkpoint(self, lang: str) -> _Checkpoint:
        """The complete checkpoint folder for ``lang``; ModelMissingError naming the fix."""
        from pipeline.models.checkpoint import inspect_checkpoint
        from pipeline.models.locate import hf_snapshot, models_dir

        if self.model is not None:
            inspect_checkpoint(self.model)
            return _Checkpoint(self.model, self.model.name, "")
        known = _catalogue().get(lang)
        if known is None:
            raise SpeechError(f"MMS-TTS has no voice for {lang!r} in Kuma's catalogue")
        for folder in (models_dir() / known.alias, hf_snapshot(known.repo_id)):
            if folder is not None and folder.is_dir():
                inspect_checkpoint(folder)
                return _Checkpoint(folder, known.alias, known.repo_id)
        raise ModelMissingError(
            f"the MMS {language_name(lang)} voice ({known.repo_id}) is not on this machine: "
            f"run `kuma models pull {known.alias}`"
        )


def _needs_uroman(folder: Path) -> bool:
    """MMS voices for non-Latin scripts (Arabic) expect romanised input."""
    try:
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(isinstance(config, dict) and config.get("is_uroman"))


@lru_cache(maxsize=3)
def _load(folder: str) -> tuple[Any, Any]:
    """Model and tokenizer of one checkpoint, loaded once per process, without the
    progress bar transformers would draw on stderr (kuma's own progress says what happens)."""
    from transformers import VitsModel, VitsTokenizer
    from transformers.utils import logging

    shown = logging.is_progress_bar_enabled()
    logging.disable_progress_bar()
    try:
        model = VitsModel.from_pretrained(folder, local_files_only=True).eval()
        tokenizer = VitsTokenizer.from_pretrained(folder, local_files_only=True)
    finally:
        if shown:
            logging.enable_progress_bar()
    return model, tokenizer
