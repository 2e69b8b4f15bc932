"""Kuma's review checks against translate-toolkit's pofilter on the same seeded defects.

Runs ``benchmarks/review_calibration.py``'s comparison (the French example kit with
the seeded defects, exported to PO, through the real pofilter) and checks that
``docs/review-calibration.md`` shows exactly what it produces now.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("translate.filters.pofilter", reason="translate-toolkit is in the dev extra")


def _calibration():
    spec = importlib.util.spec_from_file_location(
        "review_calibration", ROOT / "benchmarks" / "review_calibration.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["review_calibration"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def calibration():
    module = _calibration()
    rows, clean_ours, clean_theirs = module.compare(module.load_defects())
    return module, rows, clean_ours, clean_theirs


def test_pofilter_really_ran(calibration):
    _, rows, _, clean_theirs = calibration
    by_kind = {row.kind: row for row in rows}
    assert "untranslated" in by_kind["empty"].pofilter
    assert "doublewords" in by_kind["doubled-word"].pofilter
    assert clean_theirs  # it has opinions about the clean translation too


def test_kuma_finds_at_least_what_pofilter_finds(calibration):
    _, rows, clean_ours, _ = calibration
    assert sum(r.kuma_found for r in rows) >= sum(r.pofilter_found for r in rows)
    assert [r.label for r in rows if r.pofilter_found and not r.kuma_found] == []
    assert clean_ours == {}


def test_the_calibration_doc_is_up_to_date(calibration):
    module, rows, clean_ours, clean_theirs = calibration
    expected = module.render(rows, clean_ours, clean_theirs)
    assert module.DOC.read_text(encoding="utf-8") == expected, (
        "docs/review-calibration.md is out of date: run python benchmarks/review_calibration.py"
    )
