"""``kuma xliff export``: one kit per language from an article file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from pipeline.cli import cli
from pipeline.glossary import load_glossary
from pipeline.ingest import read_document
from pipeline.translate.human import HumanTranslator

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}

ARTICLE = """\
Attack in Mopti

The GSIM claimed the attack on Tuesday. Ten soldiers died.

The army denied it & promised an inquiry.
"""

GLOSSARY_CSV = "id,type,en,fr,ar\ngsim,organisation,GSIM,GSIM,جماعة نصرة الإسلام والمسلمين\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    glossary = tmp_path / "tiny.csv"
    glossary.write_text(GLOSSARY_CSV, encoding="utf-8")
    return article, glossary


def export(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["xliff", "export", *args])
    return result.exit_code, result.output


def test_export_writes_one_kit_per_language(files: tuple[Path, Path], tmp_path: Path) -> None:
    article, glossary = files
    out = tmp_path / "kits"
    code, output = export(
        str(article), "--lang", "fr,ar", "--out", str(out), "--glossary", str(glossary)
    )
    assert code == 0, output
    assert output.splitlines() == [str(out / "fr.xliff"), str(out / "ar.xliff")]
    doc = read_document(article, glossary=load_glossary(glossary))
    for lang in ("fr", "ar"):
        root = etree.fromstring((out / f"{lang}.xliff").read_bytes())
        assert root.get("trgLang") == lang
        assert [u.get("id") for u in root.iterfind(".//x:unit", NS)] == [
            s.id for s in doc.segments()
        ]
    notes = etree.fromstring((out / "fr.xliff").read_bytes()).findall(".//x:note", NS)
    assert "GSIM → GSIM (organisation)" in [n.text for n in notes]


def test_export_twice_rewrites_nothing(files: tuple[Path, Path], tmp_path: Path) -> None:
    article, glossary = files
    args = (str(article), "--lang", "bm", "--out", str(tmp_path), "--glossary", str(glossary))
    assert export(*args)[0] == 0
    before = (tmp_path / "bm.xliff").stat().st_mtime_ns
    assert export(*args) == (0, f"{tmp_path / 'bm.xliff'}\n")
    assert (tmp_path / "bm.xliff").stat().st_mtime_ns == before


def test_export_defaults_to_the_current_folder(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, glossary = files
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, output = export(str(article), "--lang", "dyu", "--glossary", str(glossary))
    assert (code, output) == (0, f"{here / 'dyu.xliff'}\n")
    assert (here / "dyu.xliff").is_file()


def french(segment_id: str) -> str:
    """A stand-in French translation of one segment."""
    return f"Voici la traduction française du segment {segment_id} de cet article."


def test_exported_kit_comes_back_as_a_human_translation(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    article, glossary = files
    export(str(article), "--lang", "fr", "--out", str(tmp_path), "--glossary", str(glossary))
    kit = tmp_path / "fr.xliff"
    root = etree.fromstring(kit.read_bytes())
    for unit in root.iterfind(".//x:unit", NS):
        segment = unit.find("x:segment", NS)
        target = etree.SubElement(segment, f"{{{NS['x']}}}target")
        target.text = french(unit.get("id"))
        segment.set("state", "final")
    kit.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    doc = read_document(article, glossary=load_glossary(glossary))
    translation = HumanTranslator([tmp_path]).translate(doc, "fr")
    assert translation.texts == {s.id: french(s.id) for s in doc.segments()}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--lang", "fr,en"],
            1,
            "Error: 'en' is not a target language (targets: fr, ar, bm, dyu)\n",
        ),
        (["--lang", "de"], 1, "Error: unknown language code 'de' (known: en, fr, ar, bm, dyu)\n"),
        (["--lang", " , "], 1, "Error: no target language given (use --lang fr,ar,bm)\n"),
    ],
)
def test_export_errors(
    files: tuple[Path, Path], tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    article, glossary = files
    assert export(str(article), *args, "--out", str(tmp_path), "--glossary", str(glossary)) == (
        code,
        message,
    )
    assert not list(tmp_path.glob("*.xliff"))


def test_export_needs_languages(files: tuple[Path, Path]) -> None:
    code, output = export(str(files[0]))
    assert code == 2
    assert "Missing option '--lang'" in output


def test_xliff_group_has_help() -> None:
    result = CliRunner().invoke(cli, ["xliff", "--help"])
    assert result.exit_code == 0
    assert "export" in result.output
    assert "XLIFF 2.1" in result.output
