"""How much faster than real time Kuma speaks and masters, and in how much memory.

Real-time factor (RTF here: seconds of audio made per second of work, so 50 means
fifty times faster than real time) for:

- espeak-ng, French and Arabic: the example article's demo translations
  (examples/translations), synthesis alone and synthesis plus mastering
  (loudness to -23 LUFS, true-peak limiting, MP3 encoding, and measuring the MP3);
- a VITS with MMS-TTS's real dimensions (transformers' ``VitsConfig`` defaults, about
  36 M parameters) and random weights, as no MMS voice can be downloaded here, on
  the first French segments.  Random weights make random durations, so its RTF
  says how fast the network runs, not how long a real voice would speak.

Every case runs in its own process so that its peak resident memory is its own.
The target is espeak-ng with mastering at least 50 times faster than real time.

    python benchmarks/speech.py            # the full run (about a minute here)
    python benchmarks/speech.py --quick    # fewer MMS segments
    python benchmarks/speech.py --json     # results as JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
TARGET_RTF = 50.0
"""espeak-ng with mastering must be at least this many times faster than real time."""


@dataclass
class Case:
    """One measured case."""

    name: str
    segments: int
    audio_s: float
    synth_s: float
    master_s: float
    peak_rss_mib: float

    @property
    def rtf_synth(self) -> float:
        """Seconds of audio per second of synthesis."""
        return self.audio_s / self.synth_s

    @property
    def rtf_total(self) -> float:
        """Seconds of audio per second of synthesis and mastering."""
        return self.audio_s / (self.synth_s + self.master_s)


def _article(lang: str, segments: int | None = None) -> Any:
    """The example article in ``lang`` from its demo translation (first ``segments`` only)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.document import Document
    from pipeline.glossary import load_glossary
    from pipeline.ingest import read_document
    from pipeline.xliff import read_translations

    glossary = load_glossary()
    source = read_document(ARTICLE, glossary)
    kit = read_translations((TRANSLATIONS / f"{lang}.xliff").read_bytes(), source)
    doc = source.with_texts(lang, kit.texts, "human")
    if segments is not None:
        kept = {s.id for s in list(doc.segments())[:segments]}
        blocks = [b for b in doc.blocks if any(s.id in kept for s in b.segments)]
        for block in blocks:
            block.segments = [s for s in block.segments if s.id in kept]
        doc = Document(doc.title, doc.lang, blocks, doc.source_name)
    return doc, glossary


def speak_case(name: str, lang: str, voice: str, mms_shaped: bool, segments: int | None) -> Case:
    """Speak and master one document; runs in a child process."""
    doc, glossary = _article(lang, segments)
    options: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as folder:
        if mms_shaped:
            sys.path.insert(0, str(ROOT / "tests"))
            from tiny_voice import mms_shaped as build

            options = {"mms": {"model": build(Path(folder) / "mms-shaped")}}
        from pipeline.speech import MasterSettings, Tags, master_audio, speak_document

        # Warm up: load libraries and the model outside the timings.
        speak_document(_first(doc), glossary, voice, voice_options=options)
        began = time.perf_counter()
        speech = speak_document(doc, glossary, voice, voice_options=options)
        synthesised = time.perf_counter()
        assert speech.samples is not None, speech.reason
        master_audio(speech.samples, speech.rate, MasterSettings(), Tags(doc.title, lang))
        mastered = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    count = sum(1 for _ in doc.segments())
    return Case(name, count, speech.duration, synthesised - began, mastered - synthesised, peak)


def _first(doc: Any) -> Any:
    from pipeline.document import Document

    return Document(doc.title, doc.lang, doc.blocks[:1], doc.source_name)


def in_child(function: Callable[..., Any], *args: Any) -> Any:
    """Run ``function(*args)`` in a fresh process and return its result."""
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine()}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer MMS segments")
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every case, print the table; exit 1 when espeak-ng misses the target."""
    args = parse_args(argv)
    mms_segments = 2 if args.quick else 5
    cases = [
        ("espeak fr", "fr", "espeak", False, None),
        ("espeak ar", "ar", "espeak", False, None),
        (f"MMS-shaped VITS fr ({mms_segments} segments)", "fr", "mms", True, mms_segments),
    ]
    results = []
    for name, *rest in cases:
        print(f"{name}...", file=sys.stderr, flush=True)
        results.append(in_child(speak_case, name, *rest))
    if args.json:
        rows = [{**asdict(r), "rtf_synth": r.rtf_synth, "rtf_total": r.rtf_total}
                for r in results]
        print(json.dumps({"machine": machine(), "cases": rows}, indent=2))
    else:
        print(table(results))
        print(f"\nmachine: {machine()}; target: espeak with mastering >= {TARGET_RTF:g}x")
    met = all(r.rtf_total >= TARGET_RTF for r in results if r.name.startswith("espeak"))
    return 0 if met else 1


def table(results: list[Case]) -> str:
    """A Markdown table of the cases."""
    lines = [
        "| case | segments | audio (s) | synthesis (s) | mastering (s) | RTF synthesis "
        "| RTF with mastering | peak RSS (MiB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.segments} | {r.audio_s:.1f} | {r.synth_s:.2f} | {r.master_s:.2f} "
            f"| {_times(r.rtf_synth)} | {_times(r.rtf_total)} | {r.peak_rss_mib:,.0f} |"
        )
    return "\n".join(lines)


def _times(factor: float) -> str:
    """``185x``, or ``1.5x`` below ten."""
    return f"{factor:.0f}x" if factor >= 10 else f"{factor:.1f}x"


if __name__ == "__main__":
    sys.exit(main())
