"""How often ``pipeline.langid.identify`` is right, per language and length of text.

The texts are the example article (English), its three example translations
(French, Arabic, Bambara) and the glossary's explanations in each language (short
sentences written apart from the article).  Each is cut into windows of N words
(N = 1..15), every whole segment is also tried, and so are the headings (title and
subheadings).  Candidates are those the wrong-language check uses for a
translation from English into the language (see
``pipeline.langid.plausible``), and separately all five
languages, where Bambara and Dyula compete.

    python benchmarks/langid_calibration.py          # the tables
    python benchmarks/langid_calibration.py --json

There is no Dyula text here to test on: the Bambara/Dyula figures say only how
often Bambara is taken for Dyula, or left undecided between the two.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.document import BlockKind  # noqa: E402
from pipeline.glossary import load_glossary  # noqa: E402
from pipeline.ingest import read_document  # noqa: E402
from pipeline.langid import (  # noqa: E402
    ALL_CANDIDATES,
    MIN_WORDS,
    identify,
    plausible,  # noqa: E402
)
from pipeline.xliff import read_translations  # noqa: E402

LANGS = ("en", "fr", "ar", "bm")
WINDOWS = (1, 2, 3, 4, 5, 6, 8, 10, 15)


def texts() -> dict[str, dict[str, list[str]]]:
    """{lang: {"segments": [...], "headings": [...], "glossary": [...]}}."""
    source = read_document(ROOT / "examples" / "mali-article.txt")
    docs = {"en": source}
    for lang in LANGS[1:]:
        kit = (ROOT / "examples" / "translations" / f"{lang}.xliff").read_bytes()
        docs[lang] = source.with_texts(lang, read_translations(kit, source).texts, "human")
    glossary = load_glossary()
    result = {}
    for lang, doc in docs.items():
        headings = [
            s.text
            for b in doc.blocks
            if b.kind in (BlockKind.TITLE, BlockKind.SUBHEADING)
            for s in b.segments
        ]
        explanations = [t.explanations[lang] for t in glossary if t.explanations.get(lang)]
        segments = [s.text for s in doc.segments()]
        result[lang] = {"segments": segments, "headings": headings, "glossary": explanations}
    return result


def windows(text: str, size: int) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words) - size + 1, size)]


def measure(corpus: dict[str, dict[str, list[str]]], all_five: bool) -> dict[str, dict]:
    """Right / wrong / no verdict counts per language and sample kind."""
    table: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for lang, kinds in corpus.items():
        codes = ALL_CANDIDATES if all_five else plausible(lang, "en")
        samples: list[tuple[str, str]] = []
        for size in WINDOWS:
            samples += [
                (f"{size} words", w)
                for k in ("segments", "glossary")
                for w in windows_of(kinds[k], size)
            ]
        samples += [("segments", t) for t in kinds["segments"]]
        samples += [("glossary", t) for t in kinds["glossary"]]
        samples += [("headings", t) for t in kinds["headings"]]
        for kind, text in samples:
            found = identify(text, codes)
            outcome = "none" if found.lang is None else ("right" if found.lang == lang else "wrong")
            table[lang][kind][outcome] += 1
            if outcome == "wrong":
                table[lang][kind]["as " + str(found.lang)] += 1
    return {lang: {kind: dict(c) for kind, c in kinds.items()} for lang, kinds in table.items()}


def windows_of(texts_: list[str], size: int) -> list[str]:
    return [w for t in texts_ for w in windows(t, size)]


def print_table(title: str, results: dict[str, dict]) -> None:
    print(f"\n{title} (MIN_WORDS = {MIN_WORDS})\n")
    print("| lang | sample | n | right | wrong | no verdict | wrong as |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for lang, kinds in results.items():
        for kind, c in kinds.items():
            n = c.get("right", 0) + c.get("wrong", 0) + c.get("none", 0)
            wrong_as = ", ".join(f"{k[3:]} {v}" for k, v in c.items() if k.startswith("as "))
            print(
                f"| {lang} | {kind} | {n} | {c.get('right', 0) / n:.0%} | "
                f"{c.get('wrong', 0) / n:.0%} | {c.get('none', 0) / n:.0%} | {wrong_as} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args()
    corpus = texts()
    check = measure(corpus, all_five=False)
    five = measure(corpus, all_five=True)
    if args.json:
        print(json.dumps({"check_candidates": check, "all_five": five}, indent=2))
        return
    print_table("Candidates of the wrong-language check (target, en, other targets)", check)
    print_table("All five candidates (en, fr, ar, bm, dyu)", five)


if __name__ == "__main__":
    main()
