"""`kuma glossary check|match|export|suggest`."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.glossary import load_glossary
from pipeline.glossary.csvio import dump_csv
from pipeline.ingest import read_document

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"
ARTICLE = """Junta under pressure in Mali

Iyad Ag Ghaly's GSIM attacked a post near Menaka, the Malian army said. The Katiba Macina, \
led by Amadou Koufa, was also blamed.

Katiba Macina fighters have been active since 2015, according to MINUSMA.
"""


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["glossary", *args], env=env, catch_exceptions=False)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_check_ok():
    result = invoke("check", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.output == f"{MINI}: 11 terms, languages: en, fr, ar, bm — OK\n"


def test_check_uses_kuma_glossary_when_no_file_is_given():
    result = invoke("check", env={"KUMA_GLOSSARY": str(MINI)})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{MINI}: 11 terms")


def test_check_invalid(tmp_path):
    path = tmp_path / "x.csv"
    rows = ["id,type,en", *(f"t{n},term,Term {n}" for n in range(1, 6)), "t3,term,Other"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.output == f"Error: {path} line 7: duplicate id 't3'\n"


def test_check_missing(tmp_path):
    result = invoke("check", str(tmp_path / "nope.csv"))
    assert result.exit_code == 1
    assert result.output == f"Error: glossary file not found: {tmp_path / 'nope.csv'}\n"


def test_match_json(article):
    result = invoke("match", str(article), "--glossary", str(MINI), "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(m["term"], m["text"]) for m in found] == [
        ("mali", "Mali"),
        ("iyad-ag-ghaly", "Iyad Ag Ghaly"),
        ("gsim", "GSIM"),
        ("menaka", "Menaka"),
        ("malian-army", "Malian army"),
    ]
    segments = read_document(article, glossary=load_glossary(MINI)).segment_map()
    for mention in found:
        assert (
            segments[mention["segment"]].text[mention["start"] : mention["end"]] == mention["text"]
        )


def test_match_table(article):
    result = invoke("match", str(article), "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["SEGMENT", "TERM", "TEXT", "SPAN"]
    assert lines[2].split()[1:] == ["iyad-ag-ghaly", "Iyad", "Ag", "Ghaly", "0-13"]
    assert len(lines) == 6


def test_match_nothing(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Nothing to see here today, said the farmer.\n", encoding="utf-8")
    result = invoke("match", str(path), "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.stdout == "no terms found\n"


def test_export_csv_to_stdout():
    result = invoke("export", "--format", "csv", "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.stdout == dump_csv(load_glossary(MINI).terms)


def test_export_tbx_to_a_file_reads_back(tmp_path):
    out = tmp_path / "mini.tbx"
    result = invoke("export", "-o", str(out), "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}\n"
    assert load_glossary(out).terms == load_glossary(MINI).terms


def test_export_tbx_to_stdout_is_xml():
    result = invoke("export", "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "<?xml version='1.0' encoding='UTF-8'?>\n<martif type=\"TBX-Basic\""
    )


def test_export_unknown_format():
    result = invoke("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert "'xlsx' is not one of 'tbx', 'csv'" in result.output


def test_suggest_json(article):
    result = invoke("suggest", str(article), "--glossary", str(MINI), "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert [(s["text"], s["count"]) for s in found] == [
        ("Katiba Macina", 2),
        ("Amadou Koufa", 1),
        ("MINUSMA", 1),
    ]
    assert all(s["segments"] for s in found)


def test_suggest_table(article):
    result = invoke("suggest", str(article), "--glossary", str(MINI))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["COUNT", "TEXT", "SEGMENTS"]
    assert lines[1].split()[:3] == ["2", "Katiba", "Macina"]
