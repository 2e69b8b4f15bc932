"""Bytes to clean text: encodings, unsafe characters, language detection."""

import json
import unicodedata

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.errors import InputError, LanguageError
from pipeline.ingest.decode import decode
from pipeline.ingest.language import choose_language, detect_language
from pipeline.sanitize import normalise_space, sanitise

FRENCH = "Le président a déclaré « nous irons à Kidal », où l’armée est présente depuis l’été."
RUSSIAN = "Президент заявил, что переговоры на севере страны продолжатся на следующей неделе."
ARABIC = "قال زعيم محلي لوكالة فرانس برس إن الاجتماع كان سريا في منطقة كيدال الأسبوع الماضي."


@pytest.mark.parametrize(
    "data, expected",
    [
        ("“Smart quotes” at the café".encode("cp1252"), "“Smart quotes” at the café"),
        (FRENCH.encode("cp1252"), FRENCH),
        ("Déjà vu in Gao".encode("latin-1"), "Déjà vu in Gao"),
        ("é".encode("cp1252"), "é"),
        (FRENCH.encode("utf-8"), FRENCH),
        (b"\xef\xbb\xbf" + "Bamako é".encode(), "Bamako é"),
        ("\ufeffBamako é".encode("utf-16-le"), "Bamako é"),
        ("\ufeffBamako é".encode("utf-16-be"), "Bamako é"),
        ("\ufeffBamako é".encode("utf-32-le"), "Bamako é"),
        (ARABIC.encode("cp1256"), ARABIC),
        (RUSSIAN.encode("cp1251"), RUSSIAN),
    ],
    ids=[
        "cp1252 quotes",
        "cp1252 French",
        "latin-1",
        "one byte",
        "utf-8",
        "utf-8 BOM",
        "utf-16 LE BOM",
        "utf-16 BE BOM",
        "utf-32 BOM",
        "cp1256 Arabic",
        "cp1251 Russian",
    ],
)
def test_decode(data, expected):
    assert decode(data, "x.txt") == expected


def test_html_meta_charset_wins_over_guessing():
    page = '<meta charset="iso-8859-1"><p>caf\u00e9 \u201cquoted\u201d</p>'.encode("cp1252")
    assert decode(page, "p.html", markup=True).endswith("<p>café “quoted”</p>")
    # Declared UTF-8 that is not: fall back to detection rather than fail.
    lying = '<meta charset="utf-8"><p>caf\u00e9 in Gao, \u201cquoted\u201d</p>'.encode("cp1252")
    assert decode(lying, "p.html", markup=True).endswith("café in Gao, “quoted”</p>")


def test_binary_is_refused():
    with pytest.raises(InputError, match=r"^x.txt is not a text file \(binary data\)$"):
        decode(b"\x00\x01PK", "x.txt")


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("a\u202ebad\u202c b", "abad b"),
        ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069x", "x"),
        ("\u200fمرحبا\u200e \u061c1", "\u200fمرحبا\u200e \u061c1"),
        ("لا\u200dم \u200cی", "لا\u200dم \u200cی"),
        ("Cafe\u0301", "Café"),
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcde\nf"),
        ("one\r\ntwo\rthree\u2028four", "one\ntwo\nthree\nfour"),
        ("tab\there", "tab here"),
        ("no\u00a0break\u202fthin\u3000wide", "no break thin wide"),
        (
            "zero\u200bwidth soft\u00adhyphen \ufeffbom word\u2060joiner",
            "zerowidth softhyphen bom wordjoiner",
        ),
        ("tag\U000e0041\U000e0042s", "tags"),
    ],
    ids=[
        "override",
        "every bidi control",
        "direction marks kept",
        "joiners kept",
        "NFC",
        "controls",
        "line breaks",
        "tab is a space",
        "unicode spaces",
        "invisible",
        "tag characters",
    ],
)
def test_sanitise(raw, clean):
    assert sanitise(raw) == clean
    assert unicodedata.is_normalized("NFC", sanitise(raw))


def test_normalise_space():
    assert normalise_space("  a \n\t b  ") == "a b"


@pytest.mark.parametrize(
    "text, lang",
    [
        ("Mali talks", "en"),
        ("Breaking news from Mali", "en"),
        ("Le chef jihadiste malien en pourparlers secrets", "fr"),
        (FRENCH, "fr"),
        (ARABIC, "ar"),
        ("مرحبا", "ar"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang
    assert detect_language(text) == lang  # deterministic


def test_detected_language_outside_the_table():
    message = "could not recognise the article's language (detected 'ru'); pass --source-lang"
    with pytest.raises(InputError) as error:
        detect_language(RUSSIAN * 3)
    assert str(error.value) == message


def test_choose_language():
    assert choose_language(RUSSIAN, "FR") == "fr"
    assert choose_language(FRENCH, None) == "fr"
    with pytest.raises(LanguageError):
        choose_language(FRENCH, "zz")


def ingest_json(path, *args):
    result = CliRunner().invoke(cli, ["ingest", str(path), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def texts(data):
    return [s["text"] for b in data["blocks"] for s in b["segments"]]


def test_cli_reads_cp1252(tmp_path):
    path = tmp_path / "legacy.txt"
    body = "He said “we will meet in the café” and left, the sources in Kidal told reporters."
    path.write_bytes(f"Talks in the north of Mali\r\n\r\n{body}\r\n".encode("cp1252"))
    data = ingest_json(path)
    assert data["title"] == "Talks in the north of Mali"
    assert texts(data) == ["Talks in the north of Mali", body]
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.stderr.startswith("Warning: legacy.txt is not UTF-8 (byte 0x93 at offset 38)")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_cli_reads_byte_order_marks(tmp_path, encoding):
    path = tmp_path / "bom.md"
    path.write_bytes(
        "# Talks in Mali\n\nThe army left Kidal on Monday, officials said.\n".encode(encoding)
    )
    data = ingest_json(path)
    assert data["title"] == "Talks in Mali"
    assert texts(data) == ["Talks in Mali", "The army left Kidal on Monday, officials said."]


def test_cli_strips_bidi_controls(tmp_path):
    path = tmp_path / "spoof.txt"
    path.write_text("The army left Kidal on \u202eyadnoM\u202c, officials said in a statement.\n")
    assert texts(ingest_json(path)) == [
        "The army left Kidal on yadnoM, officials said in a statement."
    ]


def test_cli_keeps_arabic_marks(tmp_path):
    path = tmp_path / "ar.txt"
    first = "قال زعيم محلي إن الاجتماع عقد في \u200fكيدال\u200f يوم 12 يناير."
    text = f"{first} وغادر الوفد المنطقة بعد ذلك."
    path.write_text(text)
    data = ingest_json(path)
    assert data["lang"] == "ar"
    assert texts(data) == [
        first,
        "وغادر الوفد المنطقة بعد ذلك.",
    ]


def test_cli_outline(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Talks in the north of Mali\n\nThe army left. Officials said so.\n")
    result = CliRunner().invoke(cli, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Talks in the north of Mali\n"
        "story.txt: en, 2 blocks, 3 sentences\n"
        "\n"
        "p1 title\n"
        "  p1.s1  Talks in the north of Mali\n"
        "\n"
        "p2 paragraph\n"
        "  p2.s1  The army left.\n"
        "  p2.s2  Officials said so.\n"
    )
