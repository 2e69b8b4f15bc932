"""Bad input through `kuma ingest`: one exact line each, exit code 1, nothing on stdout."""

import io
import json
import time
import zipfile

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

BODY = "A powerful leader in the Sahel has been in secret talks with armed groups, sources said."
BAMBARA = (
    "Dugukolo kɔnɔ mɔgɔw bɛ baara kɛ ani u bɛ sɛnɛ kɛ. Sini, an bɛ taa sugu la. "
    "Ne tɛ se ka na bi. Mali ka ca ani a ka di an ye kosɛbɛ."
)


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in members.items():
            package.writestr(name, text)
    return buffer.getvalue()


BAD_INPUTS = [
    ("empty.txt", b"", "empty.txt is empty"),
    ("blank.md", b"  \n\t \r\n", "blank.md contains only whitespace"),
    ("nul.txt", b"Mali\x00\x01\x02 talks", "nul.txt is not a text file (binary data)"),
    (
        "image.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "image.txt is not a text file (binary data)",
    ),
    ("controls.txt", bytes(range(1, 9)) * 20, "controls.txt is not a text file (binary data)"),
    ("page.html", b"<html>\x00\x00</html>", "page.html is not a text file (binary data)"),
    (
        "report.odt",
        b"PK\x03\x04",
        "cannot read report.odt: unsupported file type '.odt' "
        "(supported: .txt, .md, .markdown, .html, .htm, .docx, .pdf)",
    ),
    (
        "README",
        b"text",
        "cannot read README: unsupported file type (no extension) "
        "(supported: .txt, .md, .markdown, .html, .htm, .docx, .pdf)",
    ),
    ("fake.docx", b"just text", "fake.docx is not a valid .docx file (not a ZIP archive)"),
    (
        "odt.docx",
        zipped({"mimetype": "application/vnd.oasis.opendocument.text"}),
        "odt.docx is not a valid .docx file (no word/document.xml inside)",
    ),
    (
        "broken.docx",
        zipped({"word/document.xml": "<w:document"}),
        "broken.docx is not a valid .docx file (it cannot be opened)",
    ),
    (
        "utf16.txt",
        b"\xff\xfeM\x00a",
        "utf16.txt starts with a UTF-16 byte-order mark but is not UTF-16 text",
    ),
    (
        "junk.html",
        b"<html><body><nav>Home</nav><script>x()</script></body></html>",
        "junk.html contains no article text",
    ),
    (
        "furniture.txt",
        b"Share\n\nPrint\n\nAdvertisement\n",
        "furniture.txt contains no article text",
    ),
    (
        "bambara.txt",
        BAMBARA.encode(),
        "could not recognise the article's language (detected 'so'); pass --source-lang",
    ),
    (
        "numbers.txt",
        b"1234 5678 9012 - 3456.",
        "could not recognise the article's language; pass --source-lang",
    ),
]


@pytest.mark.parametrize("name, content, message", BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_input(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output == f"Error: {message}\n"


def invoke(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args])


def test_ten_megabyte_text_is_refused_quickly(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text((BODY + "\n") * (10 * 1024 * 1024 // (len(BODY) + 1)))
    start = time.perf_counter()
    result = invoke(str(path))
    assert time.perf_counter() - start < 2.0
    assert result.exit_code == 1
    chars = path.stat().st_size
    assert result.output == (
        f"Error: big.txt has too much text ({chars:,} characters; the limit is 1,000,000): "
        "split it into smaller files\n"
    )


def test_file_over_fifty_megabytes_is_refused_unread(tmp_path):
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: nothing is written, nothing is read
    result = invoke(str(path))
    assert result.exit_code == 1
    assert result.output == (
        "Error: huge.html is too large (51.0 MB; the limit is 50 MB): split it into smaller files\n"
    )


def test_unknown_source_language(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    result = invoke(str(path), "--source-lang", "xx")
    assert result.exit_code == 1
    assert result.output == "Error: unknown language code 'xx' (known: en, fr, ar, bm, dyu)\n"


def test_source_lang_names_a_language_langdetect_cannot(tmp_path):
    path = tmp_path / "bambara.txt"
    path.write_text(BAMBARA)
    result = invoke(str(path), "--source-lang", "bm", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["lang"] == "bm"


def test_missing_file(tmp_path):
    result = invoke(str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_five_thousand_word_sentence(tmp_path):
    sentence = " ".join(["the army moved north"] * 1250) + "."
    path = tmp_path / "long.txt"
    path.write_text(f"{BODY}\n\n{sentence}\n")
    start = time.perf_counter()
    result = invoke(str(path), "--json")
    assert time.perf_counter() - start < 5.0
    assert result.exit_code == 0, result.output
    blocks = json.loads(result.output)["blocks"]
    assert [b["segments"] for b in blocks][1] == [{"id": "p2.s1", "text": sentence}]


def test_glossary_errors_are_reported(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    bad = tmp_path / "terms.csv"
    bad.write_text("nothing,useful\n")
    result = invoke(str(path), "--glossary", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "\n" not in result.output.rstrip("\n")
