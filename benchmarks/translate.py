"""How fast, and in how much memory, NLLB-600M translates on this machine.

The model is facebook/nllb-200-distilled-600M's architecture (its config.json,
transcribed below) with random weights: no real weights can be downloaded here,
and speed does not depend on the values of the weights once every segment is
forced to decode a fixed number of tokens.  The workload is the example
article's segments, translated into French, Arabic and Bambara.

Every setting runs in its own process, so that its peak resident memory is its
own; the table reports tokens/s, peak RSS, the speed-up over transformers fp32
and the share of this machine's measured matrix-multiply peak each reaches.

    python benchmarks/translate.py            # the full run (under 10 minutes here)
    python benchmarks/translate.py --quick    # a smoke run on 2 segments per language
    python benchmarks/translate.py --json     # results as JSON on stdout

The random checkpoint (2.3 GiB) and its CTranslate2 conversion are cached in
``--cache`` (default ``~/.cache/kuma/benchmarks``) so that reruns start at once.
See docs/benchmarks.md for the method and the figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "mali-article.txt"
DEFAULT_CACHE = Path.home() / ".cache" / "kuma" / "benchmarks"

NLLB_600M_CONFIG: dict[str, Any] = {
    "activation_dropout": 0.0,
    "activation_function": "relu",
    "architectures": ["M2M100ForConditionalGeneration"],
    "attention_dropout": 0.1,
    "bos_token_id": 0,
    "d_model": 1024,
    "decoder_attention_heads": 16,
    "decoder_ffn_dim": 4096,
    "decoder_layerdrop": 0,
    "decoder_layers": 12,
    "decoder_start_token_id": 2,
    "dropout": 0.1,
    "encoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "encoder_layerdrop": 0,
    "encoder_layers": 12,
    "eos_token_id": 2,
    "init_std": 0.02,
    "is_encoder_decoder": True,
    "max_length": 200,
    "max_position_embeddings": 1024,
    "model_type": "m2m_100",
    "num_hidden_layers": 12,
    "pad_token_id": 1,
    "scale_embedding": True,
    "tokenizer_class": "NllbTokenizer",
    "torch_dtype": "float32",
    "use_cache": True,
    "vocab_size": 256206,
}
"""facebook/nllb-200-distilled-600M's config.json, transcribed (not downloaded)."""

SEED = 0
SOURCE_CODE = "eng_Latn"
TARGETS = {"fr": "fra_Latn", "ar": "arb_Arab", "bm": "bam_Latn"}
"""Kuma's target languages and their NLLB (FLORES) codes."""
TOKENS_PER_WORD = 1.3
"""What NLLB's own sentencepiece model gives on this English text, about."""
OUTPUT_RATIO = 1.2
"""Tokens decoded per source token: each segment decodes round(1.2 x its source pieces)."""
DEFAULT_SEGMENTS = 8
"""Segments per language in the full run: one full batch of 8 per language."""
QUICK_SEGMENTS = 2
INTERFERENCE = 0.1
"""Cores other processes may use during a setting before its figures are called unreliable."""


# -- settings --------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One way of running the model."""

    name: str
    """Row label in the table."""
    engine: str
    """``transformers`` or ``ctranslate2``."""
    precision: str
    """``fp32``, ``bf16``, ``int8-dynamic`` (torch) or ``int8`` (CTranslate2)."""
    batch_size: int
    """Segments decoded together (sorted by length, longest first, as Kuma does)."""
    intra_threads: int = 2
    """Threads inside one batch (torch threads, CTranslate2 intra_threads)."""
    inter_threads: int = 1
    """CTranslate2 batches decoded in parallel (each batch split in this many parts)."""
    beam_size: int = 1
    """1: greedy, each row stopped at its own budget; more (CTranslate2 only): beam search,
    every row of a batch decoding the batch's longest budget (its callback is greedy-only)."""

    @property
    def peak_kind(self) -> str:
        """Which measured GEMM peak this setting's arithmetic is compared with."""
        return {"fp32": "fp32", "bf16": "bf16"}.get(self.precision, "int8")


SETTINGS = (
    Setting("transformers fp32", "transformers", "fp32", 1),
    Setting("transformers fp32", "transformers", "fp32", 8),
    Setting("transformers bf16", "transformers", "bf16", 8),
    Setting("transformers int8 dynamic", "transformers", "int8-dynamic", 1),
    Setting("transformers int8 dynamic", "transformers", "int8-dynamic", 8),
    Setting("CTranslate2 int8", "ctranslate2", "int8", 1),
    Setting("CTranslate2 int8", "ctranslate2", "int8", 8),
    Setting("CTranslate2 int8, 2x4 parallel", "ctranslate2", "int8", 8, 1, 2),
    Setting("CTranslate2 int8, beam 4", "ctranslate2", "int8", 8, beam_size=4),
)


# -- the workload ------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One segment to translate into one language."""

    segment: str
    """Segment id in the article (``p3.s2``)."""
    lang: str
    """Kuma language code (``fr``)."""
    source_ids: list[int]
    """Encoder input: ``eng_Latn``, the pieces, ``</s>``."""
    source_tokens: list[str]
    """The same as token strings, for CTranslate2."""
    prefix_ids: list[int]
    """Decoder input forced before decoding: ``</s>`` then the target code."""
    prefix_token: str
    """The target code, CTranslate2's target prefix (it adds ``</s>`` itself)."""
    budget: int
    """Tokens this segment must decode: round(OUTPUT_RATIO x its source pieces)."""


@dataclass(frozen=True)
class Workload:
    """What every setting translates, and where the models are."""

    items: list[Item]
    """Every segment in every target language."""
    checkpoint: str
    """The random transformers checkpoint."""
    ct2_int8: str
    """Its CTranslate2 int8 conversion."""
    words: int
    """Words in the chosen segments (once, not per language)."""
    pieces: int
    """Sentencepiece pieces in the chosen segments (once, not per language)."""
    vocab_size: int
    """Size of the sentencepiece model trained to give about TOKENS_PER_WORD."""
    segments_in_article: int
    """How many segments the article has, of which ``items`` uses some."""


def choose_segments(texts: Sequence[tuple[str, str]], count: int) -> list[tuple[str, str]]:
    """``count`` segments spread evenly over the article (all of them if it has fewer)."""
    if count >= len(texts):
        return list(texts)
    step = len(texts) / count
    return [texts[int(i * step + step / 2)] for i in range(count)]


def article_segments() -> list[tuple[str, str]]:
    """``(id, text)`` of every segment of the example article, as ``kuma ingest`` cuts them."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import read_document

    return [(s.id, s.text) for s in read_document(ARTICLE).segments()]


def train_calibrated_spm(folder: Path, texts: list[str]) -> int:
    """Train ``folder/sentencepiece.bpe.model`` to give about 1.3 pieces per word on ``texts``.

    Trained on the article itself: the larger its vocabulary, the fewer pieces per
    word, so the vocabulary size is bisected until the ratio matches NLLB's.
    Returns that vocabulary size.
    """
    import sentencepiece as spm

    sys.path.insert(0, str(ROOT / "tests"))
    from tiny_models import train_spm  # the tests' trainer: fairseq's special-token ids

    words = sum(len(t.split()) for t in texts)

    def ratio(size: int) -> float:
        model = train_spm(folder / "sentencepiece.bpe", texts, size, **_SPECIAL_IDS)
        sp = spm.SentencePieceProcessor(model_file=str(model))
        return sum(len(sp.encode(t)) for t in texts) / words

    low, high = 100, 2000
    while high - low > 1:  # ratio falls as the vocabulary grows
        middle = (low + high) // 2
        low, high = (middle, high) if ratio(middle) > TOKENS_PER_WORD else (low, middle)
    best = min((low, high), key=lambda size: abs(ratio(size) - TOKENS_PER_WORD))
    ratio(best)  # train it again: the file on disk is the last one trained
    return best


_SPECIAL_IDS = {"bos_id": 0, "pad_id": 1, "eos_id": 2, "unk_id": 3}


def fingerprint() -> str:
    """Changes when the model to build or the libraries that build and convert it change."""
    import ctranslate2
    import torch
    import transformers

    digest = hashlib.sha256(json.dumps(NLLB_600M_CONFIG, sort_keys=True).encode())
    for part in (SEED, TOKENS_PER_WORD, ARTICLE.read_bytes(), torch.__version__):
        digest.update(str(part).encode())
    digest.update(f"{transformers.__version__} {ctranslate2.__version__}".encode())
    return digest.hexdigest()[:16]


def prepare(cache: Path, per_language: int) -> Workload:
    """Build (or reuse) the random checkpoint and its conversion, and tokenize the segments."""
    from transformers import NllbTokenizer

    folder = cache / f"nllb-600m-random-{fingerprint()}"
    checkpoint, converted = folder / "transformers", folder / "ct2-int8"
    if not (checkpoint / "complete").exists():
        _build_checkpoint(checkpoint)
    if not (converted / "complete").exists():
        _convert(checkpoint, converted)
    tokenizer = NllbTokenizer.from_pretrained(str(checkpoint), src_lang=SOURCE_CODE)
    segments = article_segments()
    chosen = choose_segments(segments, per_language)
    items = [_item(tokenizer, sid, text, lang) for lang in TARGETS for sid, text in chosen]
    return Workload(
        items=items,
        checkpoint=str(checkpoint),
        ct2_int8=str(converted),
        words=sum(len(text.split()) for _, text in chosen),
        pieces=sum(len(i.source_ids) - 2 for i in items if i.lang == "fr"),
        vocab_size=int((checkpoint / "spm_vocab_size").read_text()),
        segments_in_article=len(segments),
    )


def _item(tokenizer: Any, segment: str, text: str, lang: str) -> Item:
    ids = list(tokenizer(text).input_ids)
    code = TARGETS[lang]
    return Item(
        segment=segment,
        lang=lang,
        source_ids=ids,
        source_tokens=tokenizer.convert_ids_to_tokens(ids),
        prefix_ids=[tokenizer.eos_token_id, tokenizer.convert_tokens_to_ids(code)],
        prefix_token=code,
        budget=max(1, round(OUTPUT_RATIO * (len(ids) - 2))),
    )


def _build_checkpoint(folder: Path) -> None:
    """The tokenizer, then the 600M model with seeded random weights (half a minute here)."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    size = train_calibrated_spm(folder, [text for _, text in article_segments()])
    (folder / "spm_vocab_size").write_text(str(size))
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "NllbTokenizer", "model_max_length": 1024})
    )
    tokenizer = NllbTokenizer.from_pretrained(str(folder), src_lang=SOURCE_CODE)
    # transformers 5 leaves the language codes out of a new vocabulary (see tests/tiny_models.py)
    tokenizer.add_tokens([SOURCE_CODE, *TARGETS.values()], special_tokens=True)
    tokenizer.src_lang = SOURCE_CODE
    tokenizer.save_pretrained(folder)
    torch.manual_seed(SEED)
    config = M2M100Config(**NLLB_600M_CONFIG)
    model = M2M100ForConditionalGeneration(config).eval()
    model.save_pretrained(folder)
    (folder / "complete").write_text("")


def _convert(checkpoint: Path, folder: Path) -> None:
    from ctranslate2.converters import TransformersConverter

    files = sorted(
        p.name for p in checkpoint.iterdir() if p.name.startswith(("tokenizer", "sentencepiece"))
    )
    converter = TransformersConverter(str(checkpoint), copy_files=files)
    converter.convert(str(folder), quantization="int8", force=True)
    (folder / "complete").write_text("")


# -- running a setting (in its own process) -------------------------------------------------


@dataclass
class Run:
    """What one setting measured."""

    setting: Setting
    tokens: int
    """Useful tokens decoded: the budgets' sum (forced, and checked)."""
    seconds: float
    """Wall time translating every item, loading and warm-up excluded."""
    load_seconds: float
    """Time to load the model (and quantize it, for torch int8)."""
    peak_rss_mib: float
    """The process's peak resident set size (ru_maxrss), absolute: imports and model included."""
    cpu_seconds: float
    """CPU time this process used while translating (all its threads)."""
    others_cpu_seconds: float
    """CPU time every other process on the machine used meanwhile: interference."""
    flops: float = 0.0
    """Useful floating-point (or integer) operations of the workload, see ``workload_flops``."""
    weight_bytes: float = 0.0
    """Bytes of decoder weights the decoding steps read, see ``weights_per_step``."""

    @property
    def tokens_per_second(self) -> float:
        """Decoded tokens per second of wall time."""
        return self.tokens / self.seconds


def run_setting(setting: Setting, workload: Workload) -> Run:
    """Load the model as ``setting`` says, warm it up, and time the whole workload."""
    start = time.perf_counter()
    load = _load_transformers if setting.engine == "transformers" else _load_ctranslate2
    translate = load(setting, workload)
    loaded = time.perf_counter()
    shortest = min(workload.items, key=lambda i: len(i.source_ids))
    translate([Item(**{**asdict(shortest), "budget": min(8, shortest.budget)})])
    machine, own = machine_cpu_seconds(), _own_cpu_seconds()
    began = time.perf_counter()
    for batch in batches(workload.items, setting.batch_size):
        translate(batch)
    seconds = time.perf_counter() - began
    used = _own_cpu_seconds() - own
    others = machine_cpu_seconds() - machine - used
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    tokens = sum(i.budget for i in workload.items)
    return Run(setting, tokens, seconds, loaded - start, peak, used, max(0.0, others))


def machine_cpu_seconds() -> float:
    """CPU time the whole machine has been busy (steal included), from /proc/stat."""
    fields = Path("/proc/stat").read_text(encoding="ascii").split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def batches(items: Sequence[Item], size: int) -> list[list[Item]]:
    """Per language, longest source first, in batches of ``size`` (Kuma's order)."""
    out: list[list[Item]] = []
    for lang in TARGETS:
        ordered = sorted((i for i in items if i.lang == lang), key=lambda i: -len(i.source_ids))
        out += [ordered[n : n + size] for n in range(0, len(ordered), size)]
    return out


Translate = Callable[[list[Item]], None]


def _load_transformers(setting: Setting, workload: Workload) -> Translate:
    import torch
    from transformers import AutoModelForSeq2SeqLM, StoppingCriteria, StoppingCriteriaList

    torch.set_num_threads(setting.intra_threads)
    dtype = torch.bfloat16 if setting.precision == "bf16" else torch.float32
    model = AutoModelForSeq2SeqLM.from_pretrained(workload.checkpoint, dtype=dtype).eval()
    if setting.precision == "int8-dynamic":
        torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, torch.qint8, inplace=True)

    class Budgets(StoppingCriteria):
        """Stops each row after its own budget (finished rows idle on as padding)."""

        def __init__(self, budgets: list[int], start: int) -> None:
            self.budgets = torch.tensor(budgets)
            self.start = start

        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            return (input_ids.shape[1] - self.start) >= self.budgets

    def translate(batch: list[Item]) -> None:
        width = max(len(i.source_ids) for i in batch)
        pad = NLLB_600M_CONFIG["pad_token_id"]
        ids = torch.tensor([i.source_ids + [pad] * (width - len(i.source_ids)) for i in batch])
        mask = torch.arange(width)[None, :] < torch.tensor([[len(i.source_ids)] for i in batch])
        longest = max(i.budget for i in batch)
        with torch.inference_mode():
            out = model.generate(
                input_ids=ids,
                attention_mask=mask.long(),
                decoder_input_ids=torch.tensor([i.prefix_ids for i in batch]),
                num_beams=1,
                do_sample=False,
                min_new_tokens=longest,  # no row may end early on </s>
                suppress_tokens=[pad],  # so that padding tells where a row stopped
                max_new_tokens=longest,
                stopping_criteria=StoppingCriteriaList([Budgets([i.budget for i in batch], 2)]),
            )
        # a row that stopped at its budget is padded from there on, and only from there
        decoded = [int((row[2:] != pad).nonzero().max()) + 1 for row in out]
        if out.shape[1] != 2 + longest or decoded != [i.budget for i in batch]:
            raise RuntimeError(f"decoded {decoded} tokens, not {[i.budget for i in batch]}")

    return translate


def _load_ctranslate2(setting: Setting, workload: Workload) -> Translate:
    import ctranslate2

    translator = ctranslate2.Translator(
        workload.ct2_int8,
        device="cpu",
        compute_type="int8",
        intra_threads=setting.intra_threads,
        inter_threads=setting.inter_threads,
    )

    def submit(batch: list[Item]) -> list[Any]:
        def step(result: Any) -> bool:
            # called at each position, step 0 being the forced target code; True ends
            # that row once it has decoded its own budget
            return bool(result.step >= batch[result.batch_id].budget)

        longest = max(i.budget for i in batch)
        return list(
            translator.translate_batch(
                [i.source_tokens for i in batch],
                target_prefix=[[i.prefix_token] for i in batch],
                beam_size=setting.beam_size,
                max_input_length=0,
                min_decoding_length=longest + 1,  # the lengths count the target code
                max_decoding_length=longest + 1,
                asynchronous=setting.inter_threads > 1,
                callback=step if setting.beam_size == 1 else None,
            )
        )

    def wanted(part: list[Item]) -> list[int]:
        longest = max(i.budget for i in part)
        return [i.budget if setting.beam_size == 1 else longest for i in part]

    def translate(batch: list[Item]) -> None:
        # with inter_threads > 1 the batch is cut in as many parts, decoded in parallel
        parts = _split(batch, -(-len(batch) // setting.inter_threads))
        jobs = [(part, submit(part)) for part in parts]
        for part, results in jobs:
            done = [r.result() if setting.inter_threads > 1 else r for r in results]
            decoded = [len(r.hypotheses[0]) - 1 for r in done]
            if decoded != wanted(part):
                raise RuntimeError(f"decoded {decoded} tokens, not {wanted(part)}")

    return translate


def _split(batch: list[Item], size: int) -> list[list[Item]]:
    return [batch[n : n + size] for n in range(0, len(batch), size)]


# -- arithmetic and the machine's peak ---------------------------------------------------------


def segment_flops(
    source: int, decoded: int, beam: int = 1, config: dict[str, Any] = NLLB_600M_CONFIG
) -> int:
    """Operations (2 per multiply-add) to translate one segment, greedy, with a KV cache.

    ``source`` encoder positions, ``decoded`` new tokens, fed back through the decoder
    after ``</s>`` and the target code (``decoded + 1`` decoder positions, the last
    token is never fed back).  Counted: every matrix product; not counted: layer
    norms, softmax, embeddings, biases and padding (work a batch wastes is not useful).

    - encoder, per layer: S(4d^2 + 2df) + 2S^2 d (projections, FFN, attention)
    - cross-attention keys and values, once per segment: 2Sd^2 per decoder layer
    - decoder, per layer and position p: 4d^2 (self-attn) + 2d^2 (cross q, o) + 2df
      + 2pd (self-attention over p positions) + 2Sd (cross-attention)
    - output projection, per decoded token: dV (V = 256206; the largest single term)

    Beam search runs the decoder and the projection on ``beam`` rows per segment.
    """
    d, vocab = config["d_model"], config["vocab_size"]
    f_enc, f_dec = config["encoder_ffn_dim"], config["decoder_ffn_dim"]
    s, p = source, decoded + 1
    encoder = config["encoder_layers"] * (s * (4 * d * d + 2 * d * f_enc) + 2 * s * s * d)
    cross = config["decoder_layers"] * 2 * s * d * d
    per_position = 6 * d * d + 2 * d * f_dec + 2 * s * d
    decoder = config["decoder_layers"] * (p * per_position + d * p * (p + 1))
    head = decoded * d * vocab
    return 2 * (encoder + cross + beam * (decoder + head))


def weights_per_step(config: dict[str, Any] = NLLB_600M_CONFIG) -> int:
    """Weights one decoding step reads (438.5 M for NLLB-600M).

    Each decoder layer's self-attention (4d^2), cross-attention query and output
    (2d^2) and FFN (2df), then the output projection (dV).
    """
    d = config["d_model"]
    layer = 6 * d * d + 2 * d * config["decoder_ffn_dim"]
    return config["decoder_layers"] * layer + d * config["vocab_size"]


BYTES_PER_WEIGHT = {"fp32": 4, "bf16": 2, "int8-dynamic": 1, "int8": 1}


def decoder_steps(items: Sequence[Item], setting: Setting) -> int:
    """Decoding steps the setting runs: per batch (or part of a batch), its longest budget + 1."""
    size = -(-setting.batch_size // setting.inter_threads)
    return sum(max(i.budget for i in batch) + 1 for batch in batches(items, size))


def workload_flops(items: Sequence[Item], beam: int = 1) -> int:
    """Useful operations of the whole workload (see ``segment_flops``)."""
    return sum(segment_flops(len(i.source_ids), i.budget, beam) for i in items)


def measure_peaks(threads: int = 2) -> dict[str, float]:
    """Best GFLOP/s (GOP/s for int8) of square matrix products in torch, on ``threads`` threads.

    fp32 and bf16 through ``torch.matmul`` (MKL / oneDNN), int8 through
    ``torch._int_mm`` (int8 x int8 -> int32, oneDNN's VNNI kernels on this CPU).
    """
    import torch

    torch.set_num_threads(threads)
    makers: dict[str, Callable[[int], Any]] = {
        "fp32": lambda n: torch.randn(n, n),
        "bf16": lambda n: torch.randn(n, n, dtype=torch.bfloat16),
        "int8": lambda n: torch.randint(-128, 128, (n, n), dtype=torch.int8),
    }
    peaks = {}
    for kind, make in makers.items():
        product = torch._int_mm if kind == "int8" else torch.matmul
        best = 0.0
        for n in (1024, 2048, 3072):
            a, b = make(n), make(n)
            product(a, b)
            for _ in range(4):
                start = time.perf_counter()
                product(a, b)
                best = max(best, 2 * n**3 / (time.perf_counter() - start) / 1e9)
        peaks[kind] = best
    peaks["read_gb_s"] = _read_bandwidth()
    return peaks


def _read_bandwidth() -> float:
    """GB/s of summing 1 GiB of float32 (best of 4): how fast weights can be streamed."""
    import torch

    data = torch.ones(2**28)
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        data.sum()
        best = max(best, data.numel() * 4 / (time.perf_counter() - start) / 1e9)
    return best


# -- the report -----------------------------------------------------------------------------------


def machine_facts() -> dict[str, str]:
    """CPU, cores, memory, library versions and the date, as the docs record them."""
    from importlib.metadata import version

    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    flags = next(
        (
            line.split(":", 1)[1].split()
            for line in cpuinfo.splitlines()
            if line.startswith("flags")
        ),
        [],
    )
    meminfo = Path("/proc/meminfo").read_text(encoding="utf-8").split()
    wanted = ("avx2", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_int8")
    return {
        "cpu": model,
        "cores": str(len(os.sched_getaffinity(0))),
        "cpu_features": " ".join(f for f in wanted if f in flags),
        "memory_gib": f"{int(meminfo[meminfo.index('MemTotal:') + 1]) / 2**20:.1f}",
        "python": platform.python_version(),
        **{name: version(name) for name in ("torch", "transformers", "ctranslate2")},
        "openblas_env": " ".join(f"{k}={v}" for k, v in os.environ.items() if "OPENBLAS" in k),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _baseline(runs: Sequence[Run], batch_size: int) -> Run | None:
    return next(
        (
            r
            for r in runs
            if r.setting.engine == "transformers"
            and r.setting.precision == "fp32"
            and r.setting.batch_size == batch_size
        ),
        None,
    )


def rows(runs: Sequence[Run], peaks: dict[str, float]) -> list[dict[str, Any]]:
    """One dictionary per run with every column of the table."""
    out = []
    for run in runs:
        s = run.setting
        first, same = _baseline(runs, 1), _baseline(runs, s.batch_size)
        achieved = run.flops / run.seconds / 1e9
        out.append(
            {
                "setting": s.name,
                "batch": s.batch_size,
                "beam": s.beam_size,
                "threads": f"{s.inter_threads}x{s.intra_threads}"
                if s.inter_threads > 1
                else str(s.intra_threads),
                "tokens": run.tokens,
                "seconds": round(run.seconds, 2),
                "load_seconds": round(run.load_seconds, 2),
                "tokens_per_s": round(run.tokens_per_second, 2),
                "vs_fp32_batch1": round(run.tokens_per_second / first.tokens_per_second, 2)
                if first
                else None,
                "vs_fp32_same_batch": round(run.tokens_per_second / same.tokens_per_second, 2)
                if same
                else None,
                "peak_rss_mib": round(run.peak_rss_mib),
                "gflops": round(achieved, 1),
                "peak_kind": s.peak_kind,
                "share_of_peak": round(achieved / peaks[s.peak_kind], 4),
                "weights_gb_s": round(run.weight_bytes / run.seconds / 1e9, 1),
                "cores_used": round(run.cpu_seconds / run.seconds, 2),
                "others_cores": round(run.others_cpu_seconds / run.seconds, 2),
            }
        )
    return out


def markdown(table: list[dict[str, Any]], peaks: dict[str, float]) -> str:
    """The results as a markdown table, then the peaks it is compared with."""

    def ratio(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}×"

    lines = [
        "| Setting | Batch | Threads | Tokens/s | vs fp32 batch 1 | vs fp32 same batch "
        "| Peak RSS (MiB) | GFLOP/s | Share of GEMM peak | Weights read (GB/s) | Others' load |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in table:
        lines.append(
            f"| {r['setting']} | {r['batch']} | {r['threads']} | {r['tokens_per_s']:.1f} "
            f"| {ratio(r['vs_fp32_batch1'])} | {ratio(r['vs_fp32_same_batch'])} "
            f"| {r['peak_rss_mib']:,} | {r['gflops']:.1f} "
            f"| {100 * r['share_of_peak']:.1f}% of {r['peak_kind']} "
            f"| {r['weights_gb_s']:.1f} | {r['others_cores']:.2f} cores |"
        )
    lines.append(
        f"\nMeasured peaks (torch, 2 threads): fp32 {peaks['fp32']:,.0f} GFLOP/s, "
        f"bf16 {peaks['bf16']:,.0f} GFLOP/s, int8 {peaks['int8']:,.0f} GOP/s; "
        f"memory read {peaks['read_gb_s']:.1f} GB/s."
    )
    busy = [r for r in table if r["others_cores"] > INTERFERENCE]
    if busy:
        lines.append(
            f"\nWarning: other processes used more than {INTERFERENCE} cores during "
            f"{len(busy)} setting(s): their figures are too low; rerun on a quiet machine."
        )
    return "\n".join(lines)


# -- main ----------------------------------------------------------------------------------------


def in_child(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function(*args)`` in a fresh spawned process (its own peak memory)."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SEGMENTS} segments per language (a smoke run)"
    )
    parser.add_argument(
        "--segments",
        type=int,
        help=f"segments per language (default {DEFAULT_SEGMENTS}; {QUICK_SEGMENTS} with --quick)",
    )
    parser.add_argument("--only", help="run only the settings whose name contains this text")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"where the random checkpoint is kept (default {DEFAULT_CACHE})",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Prepare, measure the peaks, run every setting, print the table."""
    args = parse_args(argv)
    began = time.perf_counter()
    per_language = args.segments or (QUICK_SEGMENTS if args.quick else DEFAULT_SEGMENTS)
    args.cache.mkdir(parents=True, exist_ok=True)
    _say(f"preparing the model and {per_language} segments per language in {args.cache}")
    workload: Workload = in_child(prepare, args.cache, per_language)
    prepared = time.perf_counter() - began
    _say(f"prepared in {prepared:.0f} s; measuring the matrix-multiply peaks")
    peaks: dict[str, float] = in_child(measure_peaks)
    settings = [s for s in SETTINGS if not args.only or args.only.lower() in s.name.lower()]
    runs = []
    for setting in settings:
        _say(f"{setting.name}, batch {setting.batch_size}...")
        run: Run = in_child(run_setting, setting, workload)
        run.flops = workload_flops(workload.items, setting.beam_size)
        run.weight_bytes = (
            decoder_steps(workload.items, setting)
            * weights_per_step()
            * BYTES_PER_WEIGHT[setting.precision]
        )
        _say(f"  {run.tokens_per_second:.1f} tokens/s, peak RSS {run.peak_rss_mib:,.0f} MiB")
        runs.append(run)
    table = rows(runs, peaks)
    summary = _summary(workload, time.perf_counter() - began, prepared)
    if args.json:
        report = {"machine": machine_facts(), "workload": summary, "peaks": peaks, "runs": table}
        print(json.dumps(report, indent=2))
    else:
        print(markdown(table, peaks))
        for facts in (summary, machine_facts()):
            print("\n" + "; ".join(f"{k}: {v}" for k, v in facts.items()) + ".")
    return 0


def _summary(workload: Workload, seconds: float, prepared: float) -> dict[str, Any]:
    french = [i for i in workload.items if i.lang == "fr"]
    return {
        "segments_per_language": len(french),
        "segments_in_article": workload.segments_in_article,
        "languages": ",".join(TARGETS),
        "words": workload.words,
        "pieces_per_word": round(workload.pieces / workload.words, 2),
        "sentencepiece_vocab": workload.vocab_size,
        "decoded_tokens_per_setting": sum(i.budget for i in workload.items),
        "total_seconds": round(seconds),
        "prepare_seconds": round(prepared),
    }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
