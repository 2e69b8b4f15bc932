"""How fast each voice speaks, as a listener and a caption reader meet it, and espeak-ng's
calibration.

Pace is words of the published text per second of speech (the pauses between sentences
left out), measured on the example article and its easy-to-read version in English,
French and Arabic (the demo translations in examples/translations).  For espeak-ng the
script also prints words a minute per unit of its rate parameter: the ``WPM_PER_RATE``
table in ``pipeline/speech/espeak.py`` is calibrated from these figures.

    python benchmarks/speech_pace.py           # the calibrated rates (about 10 s)
    python benchmarks/speech_pace.py --rate 160 --rate 130   # other rates too
    python benchmarks/speech_pace.py --json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
LANGS = ("en", "fr", "ar")


def documents() -> dict[tuple[str, str], Any]:
    """(language, version) -> the Document spoken."""
    from pipeline.glossary import load_glossary
    from pipeline.ingest import read_document
    from pipeline.simplify import simplify_document
    from pipeline.xliff import read_translations

    glossary = load_glossary()
    source = read_document(ARTICLE, glossary)
    docs = {}
    for lang in LANGS:
        doc = source
        if lang != source.lang:
            kit = read_translations((TRANSLATIONS / f"{lang}.xliff").read_bytes(), source)
            doc = source.with_texts(lang, kit.texts, "human")
        docs[(lang, "news")] = doc
        docs[(lang, "easy")] = simplify_document(doc, glossary).to_document()
    return docs


def measure(doc: Any, delivery: str, rate: int | None) -> dict[str, Any]:
    """The pace of ``doc`` spoken by espeak-ng at ``rate`` (None: the calibrated one)."""
    from pipeline.glossary import load_glossary
    from pipeline.speech import Delivery, speak_document
    from pipeline.speech.espeak import calibrated_rates
    from pipeline.speech.outputs import speech_pace
    from pipeline.speech.pace import delivery_pauses
    from pipeline.speech.programme import Pauses

    used = rate or calibrated_rates(delivery)[doc.lang]
    options = {"espeak": {"rates": {doc.lang: used}}}
    result = speak_document(doc, load_glossary(), voice="espeak",
                            pauses=delivery_pauses(Pauses(), Delivery(delivery)),
                            voice_options=options, delivery=Delivery(delivery))
    pace = speech_pace(doc, result)
    return {"lang": doc.lang, "delivery": delivery, "rate": used, **pace,
            "wpm_per_rate": round(pace["words_per_minute"] / used, 3)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=int, action="append", default=[],
                        help="espeak-ng rate to measure as well as the calibrated one")
    parser.add_argument("--json", action="store_true", help="results as JSON on stdout")
    args = parser.parse_args(argv)
    rows = [measure(doc, delivery, rate)
            for (_, delivery), doc in documents().items()
            for rate in [None, *args.rate]]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'lang':4} {'delivery':8} {'rate':>4} {'words':>5} {'wpm':>6} "
          f"{'wpm+pauses':>10} {'wpm/rate':>8}")
    for row in rows:
        print(f"{row['lang']:4} {row['delivery']:8} {row['rate']:>4} {row['words']:>5} "
              f"{row['words_per_minute']:>6.1f} {row['words_per_minute_with_pauses']:>10.1f} "
              f"{row['wpm_per_rate']:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
