"""`kuma simplify`: an article file or a version in a Kuma output folder."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from pipeline.cli import KumaGroup, cli
from pipeline.commands.simplify import simplify
from pipeline.glossary import load_glossary
from pipeline.ingest import read_document
from pipeline.xliff import read_translations

ROOT = Path(__file__).parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"


def kuma() -> click.Group:
    """The real `kuma` group once the command is registered there; until then the same
    group class around the command, so errors are reported exactly as `kuma` does."""
    if "simplify" in cli.commands:
        return cli
    return KumaGroup(name="kuma", commands={"simplify": simplify})


def invoke(*args: str) -> Result:
    return CliRunner().invoke(kuma(), ["simplify", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Kuma output folder with the source and its French version."""
    folder = tmp_path_factory.mktemp("out") / "mali-article"
    source = read_document(ARTICLE, glossary=load_glossary(None))
    kit = (ROOT / "examples" / "translations" / "fr.xliff").read_bytes()
    french = source.with_texts("fr", read_translations(kit, source).texts, "human")
    for name, doc in (("source", source), ("fr", french)):
        (folder / name).mkdir(parents=True)
        (folder / name / "article.json").write_text(doc.to_json(), encoding="utf-8")
    return folder


def test_article_file():
    result = invoke(str(ARTICLE))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Mali Jihadist Leader in Secret Talks With Northern Groups"
    assert lines[2] == "Key points:"
    assert lines[3] == "- Sources close to the meetings said this:"
    assert "Iyad Ag Ghaly is an ethnic Tuareg." in " ".join(lines)
    assert "- GSIM: The GSIM is an armed Islamist group. It is linked to al-Qaida." in lines
    assert lines[-2].startswith("Targets not met: a sentence of 28 words")  # reported, not cut
    assert lines[-1] == "Facts: every number and name kept"
    table = lines[lines.index("Readability (en)      original      easy") :]
    assert table[1].split()[:2] == ["sentences", "27"]
    assert table[4].startswith("Flesch-Kincaid grade")


def test_json():
    result = invoke(str(ARTICLE), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lang"] == "en" and data["missing_facts"] == []
    assert data["readability"]["easy"]["formula"] == "flesch_kincaid_grade"
    assert data["key_points"][0] == {
        "id": "p3.s1.k1",
        "text": "Sources close to the meetings said this:",
        "role": "key_point",
    }
    assert data["blocks"][2]["sentences"] == []  # the lead moved to the key points
    assert any(w["term"] == "gsim" and w["word"] == "GSIM" for w in data["words_to_know"])


def test_translation_in_an_output_folder(package: Path):
    result = invoke(str(package), "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "- Le GSIM dispute au groupe dit État islamique l'influence au Sahel." in (
        result.output.splitlines()
    )
    assert "Readability (fr)" in result.output and "Kandel-Moles reading ease" in result.output


def test_source_in_an_output_folder(package: Path):
    result = invoke(str(package))
    assert result.exit_code == 0, result.output
    assert "Readability (en)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "ar"], "{package} has no Arabic version (ar/article.json)"),
        (["--lang", "xx"], "unknown language code 'xx' (known: en, fr, ar, bm, dyu)"),
    ],
)
def test_folder_errors(package: Path, args: list[str], message: str):
    result = invoke(str(package), *args)
    assert result.exit_code == 1
    assert result.output == f"Error: {message.format(package=package)}\n"


def test_not_an_output_folder(tmp_path: Path):
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert (
        result.output == f"Error: {tmp_path} is not a Kuma output folder (no source/article.json)\n"
    )


def test_corrupt_document(tmp_path: Path):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "article.json").write_text("{not json", encoding="utf-8")
    result = invoke(str(tmp_path))
    assert result.exit_code == 1
    assert result.output.startswith(
        f"Error: {tmp_path / 'source' / 'article.json'} is damaged (Expecting property name "
    )


def test_help():
    result = invoke("--help")
    assert result.exit_code == 0
    assert "easy-to-read version of INPUT" in result.output
