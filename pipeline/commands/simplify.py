"""``kuma simplify``: the easy-to-read version of an article, and how readable it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pipeline.commands.options import glossary_option, json_option, source_lang_option

if TYPE_CHECKING:
    from pipeline.simplify import EasyDocument, MissingFact, Readability


@click.command()
@click.argument(
    "input_path",
    metavar="INPUT",
    type=click.Path(path_type=Path, exists=True, file_okay=True, dir_okay=True),
)
@click.option(
    "--lang",
    metavar="CODE",
    default=None,
    help="With an output folder: the translation to simplify (default: its source).",
)
@source_lang_option
@glossary_option
@json_option
def simplify(
    input_path: Path,
    lang: str | None,
    source_lang: str | None,
    glossary_path: Path | None,
    as_json: bool,
) -> None:
    """Print the easy-to-read version of INPUT and its readability.

    INPUT is an article (.txt, .md, .html, .docx, .pdf; its language is detected, or
    given with --source-lang) or a Kuma output folder, where --lang picks the
    translation to simplify (default: the source).  Sentences
    are short and plain, names are explained from the glossary at first mention, and
    key points come first.  No number or name of the original is lost.
    """
    from pipeline.glossary import load_glossary
    from pipeline.simplify import check_facts, simplify_document
    from pipeline.usecases.documents import document_to_simplify

    glossary = load_glossary(glossary_path)
    document = document_to_simplify(input_path, glossary, source_lang=source_lang, lang=lang)
    easy = simplify_document(document, glossary)
    missing = check_facts(document, easy, glossary)
    if as_json:
        data = {**easy.to_dict(), "missing_facts": [str(m) for m in missing]}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_easy(easy, missing))


def format_easy(easy: EasyDocument, missing: list[MissingFact]) -> str:
    """The easy version in reading order (title, key points, body), one sentence per line,
    the words to know, then a readability table."""
    from pipeline.simplify import is_key_point_block

    lines: list[str] = []
    in_points = False
    for block in easy.to_document().blocks:
        point = is_key_point_block(block.id)
        if point and not in_points:
            lines += ["", "Key points:"]
        elif not point:
            lines.append("")
        in_points = point
        bullet = "- " if block.kind.value == "list_item" else ""
        lines.extend(f"{bullet}{s.text}" for s in block.segments)
    if easy.words_to_know:
        lines += [
            "",
            "Words to know:",
            *(f"- {w.word}: {w.explanation}" for w in easy.words_to_know),
        ]
    lines += ["", *format_readability(easy.original, easy.readability)]
    unmet = easy.unmet_targets()
    lines.append("Targets: met" if not unmet else f"Targets not met: {'; '.join(unmet)}")
    facts = "; ".join(str(m) for m in missing)
    lines.append("Facts: every number and name kept" if not missing else f"Facts missing: {facts}")
    return "\n".join(lines).lstrip("\n")


def format_readability(original: Readability, easy: Readability) -> list[str]:
    """A small table: original and easy figures side by side."""
    from pipeline.simplify.readability import FORMULAS

    rows = [
        ("sentences", str(original.sentences), str(easy.sentences)),
        (
            "words per sentence",
            f"{original.words_per_sentence:.1f}",
            f"{easy.words_per_sentence:.1f}",
        ),
        ("longest sentence", str(original.longest_sentence), str(easy.longest_sentence)),
    ]
    formula = FORMULAS.get(easy.lang)
    if formula is not None and original.score is not None and easy.score is not None:
        rows.append((formula.label, f"{original.score:.1f}", f"{easy.score:.1f}"))
    width = max(len(r[0]) for r in rows)
    header = f"{'Readability (' + easy.lang + ')':<{width}}  {'original':>8}  {'easy':>8}"
    return [header, *(f"{name:<{width}}  {a:>8}  {b:>8}" for name, a, b in rows)]


COMMANDS = [simplify]
