"""Kuma's review checks side by side with translate-toolkit's pofilter, on the same defects.

The French example kit is exported to a Gettext PO file with translate-toolkit,
once clean and once with every French seeded defect of
``tests/data/review_defects.py`` (one PO unit per defect, the unit's context naming
it), and pofilter runs on both with its standard checks, ``--language=fr`` and the
glossary's names that French keeps unchanged as its do-not-translate list (its
nearest equivalent to a termbase).  Kuma's checks run on the same defects, one at
a time, as in the recall test.

A pofilter check counts as finding a defect when it is one that reports that kind
of problem (``RELEVANT``): ``numbers`` for a changed number, ``endpunc`` for a cut
sentence...  Any other check that fired is listed but not counted.

    python benchmarks/review_calibration.py            # rewrite docs/review-calibration.md
    python benchmarks/review_calibration.py --check    # exit 1 if the file is out of date
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# benchmarks/translate.py would shadow translate-toolkit's ``translate`` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
DOC = ROOT / "docs" / "review-calibration.md"
LANG = "fr"

RELEVANT: dict[str, set[str]] = {
    "wrong-language": set(),
    "untranslated": {"unchanged", "untranslated"},
    "numbers": {"numbers"},
    "glossary": {"notranslatewords", "acronyms"},
    "names": {"notranslatewords", "acronyms"},
    "length": {"long", "short"},
    "repetition": {"doublewords"},
    "truncation": {"endpunc"},
    "empty": {"untranslated", "blank"},
    "punctuation": {"brackets", "doublequoting", "puncspacing", "endpunc", "startpunc"},
    "spacing": {"doublespacing", "startwhitespace", "endwhitespace"},
    "doubled-word": {"doublewords"},
    "script": {"validchars"},
    "consistency": set(),
}
"""pofilter checks that report each kind of defect."""


def load_defects():
    """The seeded-defect corpus module (kept beside the tests)."""
    path = ROOT / "tests" / "data" / "review_defects.py"
    spec = importlib.util.spec_from_file_location("review_defects", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["review_defects"] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Row:
    """One defect: what each tool reported on its segment."""

    label: str
    defect: str
    kind: str
    kuma: list[str]
    kuma_found: bool
    pofilter: list[str]
    pofilter_found: bool


def run_pofilter(units: list[tuple[str, str, str]], notranslate: list[str]) -> dict[str, list[str]]:
    """pofilter's failing checks per unit label; ``units`` are (label, source, target)."""
    from translate.storage import po

    store = po.pofile()
    for label, source, target in units:
        unit = store.addsourceunit(source)
        unit.target = target
        unit.setcontext(label)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / "in.po").write_bytes(bytes(store))
        (tmp / "notranslate.txt").write_text("\n".join(notranslate) + "\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "translate.filters.pofilter", "--progress=none",
            f"--language={LANG}", f"--notranslatefile={tmp / 'notranslate.txt'}",
            "-i", str(tmp / "in.po"), "-o", str(tmp / "out.po"),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True)
        flagged = po.pofile.parsefile(str(tmp / "out.po")) if (tmp / "out.po").exists() else None
    result: dict[str, list[str]] = {label: [] for label, _, _ in units}
    for unit in flagged.units if flagged else []:
        if unit.isheader():
            continue
        notes = unit.getnotes("translator").splitlines()
        names = [
            n.split(":")[0].removeprefix("(pofilter) ") for n in notes if n.startswith("(pofilter)")
        ]
        result[unit.getcontext()] = names
    return result


def unchanged_names(examples) -> list[str]:
    """Glossary forms French keeps as in English (the do-not-translate list for pofilter)."""
    return sorted({t.form("en") for t in examples.glossary if t.form("en") == t.form(LANG)})


def compare(defects) -> tuple[list[Row], dict[str, list[str]], dict[str, list[str]]]:
    """Rows for the French defects, and both tools' findings on the clean French units."""
    examples = defects.load_examples()
    chosen = [d for d in defects.DEFECTS if d.lang == LANG and d.change.side != "easy"]
    units = []
    for index, defect in enumerate(chosen, start=1):
        source, target, _ = defects.apply(examples, defect)
        seg = defect.segment
        units.append((f"d{index}", source.segment_map()[seg].text, target.segment_map()[seg].text))
    names = unchanged_names(examples)
    flagged = run_pofilter(units, names)
    clean_ours, clean_theirs = _clean(examples, names)
    rows = []
    for index, defect in enumerate(chosen, start=1):
        findings = defects.findings_for(examples, defect)
        ours = sorted({f.check for f in findings if f.segment == defect.segment})
        before = set(clean_theirs.get(defect.segment, []))
        # A check that already fires on the clean segment says nothing about the defect.
        theirs = [name + ("*" if name in before else "") for name in flagged[f"d{index}"]]
        new = set(flagged[f"d{index}"]) - before
        rows.append(
            Row(
                f"d{index}",
                f"{defect.segment}: {defect.change.description}",
                defect.check,
                ours,
                defect.check in ours,
                theirs,
                bool(RELEVANT[defect.check] & new),
            )
        )
    return rows, clean_ours, clean_theirs


def _clean(examples, names: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    from pipeline.review.checks import check_translation

    target = examples.targets[LANG].segment_map()
    units = [(s.id, s.text, target[s.id].text) for s in examples.source.segments()]
    theirs = {k: v for k, v in run_pofilter(units, names).items() if v}
    ours: dict[str, list[str]] = {}
    for finding in check_translation(examples.source, examples.targets[LANG], examples.glossary):
        ours.setdefault(finding.segment, []).append(f"{finding.check} ({finding.severity})")
    return ours, theirs


def render(rows: list[Row], clean_ours: dict, clean_theirs: dict) -> str:
    """The comparison as Markdown."""
    kuma = sum(r.kuma_found for r in rows)
    pofilter = sum(r.pofilter_found for r in rows)
    lines = [
        "# Review checks calibrated against pofilter",
        "",
        "Generated by `benchmarks/review_calibration.py` (checked by "
        "`tests/test_review_calibration.py`); do not edit by hand.",
        "",
        f"The {len(rows)} French seeded defects of `tests/data/review_defects.py` (the",
        "easy-to-read ones aside: pofilter has nothing to compare them with), exported to a PO",
        "file with translate-toolkit and checked by its pofilter (standard checks,",
        "`--language=fr`, the glossary names French keeps unchanged as `--notranslatefile`),",
        "and by Kuma's checks.",
        "A tool finds a defect when a check that reports that kind of problem fires on its",
        "segment and did not already fire there on the clean translation; other checks that",
        "fired are listed too (`*`: it fires on the clean segment as well).",
        "",
        f"**Found: Kuma {kuma} of {len(rows)}, pofilter {pofilter} of {len(rows)}.**",
        "",
        "| # | defect | expected | Kuma | found | pofilter | found |",
        "| --- | --- | --- | --- | :-: | --- | :-: |",
    ]
    for row in rows:
        lines.append(
            f"| {row.label} | {_cell(row.defect)} | {row.kind} | {', '.join(row.kuma) or '-'} | "
            f"{'yes' if row.kuma_found else '**no**'} | {', '.join(row.pofilter) or '-'} | "
            f"{'yes' if row.pofilter_found else '**no**'} |"
        )
    lines += [
        "",
        "## On the clean French example translation (27 segments)",
        "",
        f"Kuma: {_summary(clean_ours)}.",
        "",
        f"pofilter: {_summary(clean_theirs)}.",
        "",
        "| segment | Kuma | pofilter |",
        "| --- | --- | --- |",
    ]
    for segment in sorted(set(clean_ours) | set(clean_theirs), key=_order):
        ours = ", ".join(clean_ours.get(segment, [])) or "-"
        theirs = ", ".join(clean_theirs.get(segment, [])) or "-"
        lines.append(f"| {segment} | {ours} | {theirs} |")
    lines += ["", "## Which pofilter checks count for which kind of defect", ""]
    lines += [
        f"- {kind}: {', '.join(sorted(checks)) or '(none)'}" for kind, checks in RELEVANT.items()
    ]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _summary(flagged: dict[str, list[str]]) -> str:
    total = sum(len(v) for v in flagged.values())
    return f"{total} finding(s) on {len(flagged)} segment(s)" if flagged else "no finding"


def _order(segment_id: str) -> tuple[int, int]:
    block, _, sentence = segment_id.partition(".")
    return int(block[1:]), int(sentence[1:] or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the doc is out of date")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    text = render(*compare(load_defects()))
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            sys.exit(f"{DOC} is out of date: run python benchmarks/review_calibration.py")
        return
    DOC.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
