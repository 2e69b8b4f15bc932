"""Loading and writing the glossary CSV: the model, validation messages, neutralisation."""

import hashlib
from pathlib import Path

import pytest

from pipeline.errors import GlossaryError
from pipeline.glossary import Glossary, Term, default_glossary_path, load_glossary
from pipeline.glossary.csvio import dump_csv, neutralise, parse_csv, restore
from pipeline.glossary.load import dump_glossary
from pipeline.glossary.rows import COLUMNS

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"
REPO = Path(__file__).resolve().parent.parent
HEADER = "id,type,en,en_aliases,fr,ar,bm,explain_en,say_fr,note"


def test_load_builds_terms():
    glossary = load_glossary(MINI)
    assert len(glossary) == 11
    assert glossary.path == MINI
    assert glossary.version == hashlib.sha256(MINI.read_bytes()).hexdigest()
    assert glossary.languages == ["en", "fr", "ar", "bm"]
    term = glossary.get("islamic-state")
    assert term.type == "organisation"
    assert term.form("fr") == "État islamique"
    assert term.all_forms("en") == ("Islamic State", "IS", "Islamic State group")
    assert term.all_forms("dyu") == ()
    assert term.form("dyu") is None
    assert term.pronunciations == {"bm": "Eta Isilamiki"}
    assert term.note == "'IS' is case-sensitive: never the verb 'is'."
    assert glossary.get("gsim").pronunciations == {"fr": "jé èss i èm"}


def test_get_unknown_term():
    with pytest.raises(GlossaryError, match=r"^no term 'nope' in the glossary$"):
        load_glossary(MINI).get("nope")


def test_default_path_is_the_shipped_glossary():
    assert default_glossary_path() == REPO / "glossaries" / "sahel.csv"


def test_shipped_glossary_is_valid():
    glossary = load_glossary()
    assert len(glossary) > 0
    assert {"en", "fr", "ar", "bm"} <= set(glossary.languages)


def test_file_not_found(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(GlossaryError) as info:
        load_glossary(missing)
    assert str(info.value) == f"glossary file not found: {missing}"


def test_unknown_format(tmp_path):
    path = tmp_path / "terms.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value) == f"{path}: unknown glossary format '.xlsx' (use .csv or .tbx)"


ROWS = [
    "mali,place,Mali,,Mali,مالي,Mali,,,",
    "gsim,organisation,GSIM,JNIM,GSIM,,,,,",
    "kidal,place,Kidal,,Kidal,,,,,",
    "gao,place,Gao,,Gao,,,,,",
    "sahel,place,Sahel,,Sahel,,,,,",
]

ERRORS = [
    # header problems are reported on line 1
    ("id,en\nmali,Mali\n", "line 1: missing required column 'type'"),
    (
        "id,type,en,de\n",
        "line 1: unknown language column 'de' (known languages: en, fr, ar, bm, dyu)",
    ),
    (
        "id,type,en,explain_xx\n",
        "line 1: unknown language column 'explain_xx' (known languages: en, fr, ar, bm, dyu)",
    ),
    ("id,type,en,comment\n", "line 1: unknown column 'comment'"),
    ("id,type,en,fr,fr\n", "line 1: duplicate column 'fr'"),
    # rows are reported on the line they start on
    ("\n".join([HEADER, *ROWS, "gsim,group,GSIM 2,,,,,,,"]), "line 7: duplicate id 'gsim'"),
    (f"{HEADER}\n,place,Mali,,,,,,,\n", "line 2: empty id"),
    (
        f"{HEADER}\nMali Country,place,Mali,,,,,,,\n",
        "line 2: invalid id 'Mali Country' (use a lowercase slug like 'iyad-ag-ghaly')",
    ),
    (
        f"{HEADER}\nmali,country,Mali,,,,,,,\n",
        "line 2: unknown type 'country' (use person, organisation, place, group or term)",
    ),
    (f"{HEADER}\nmali,place,,,,,,,,\n", "line 2: empty en form for 'mali'"),
    (f"{HEADER}\nmali,place,  ,,,,,,,\n", "line 2: empty en form for 'mali'"),
    (
        "id,type,en,fr,fr_aliases\nmali,place,Mali,,Malí\n",
        "line 2: fr_aliases given but fr is empty for 'mali'",
    ),
    (
        f"{HEADER}\nmali,place,Mali,,,,,,,\nmali-2,place,MALI,,,,,,,\n",
        "line 3: en form 'MALI' is already a form of 'mali'",
    ),
    (
        f"{HEADER}\nsahel,place,the Sahel,,,,,,,\n",
        "line 2: en form 'the Sahel' starts with 'the' (leave the article out)",
    ),
    (f"{HEADER}\nsahel,place,Sahel,--,,,,,,\n", "line 2: en form '--' has no letters"),
    (
        f'{HEADER}\nmali,place,Mali,,,,,"two\nlines",,\nmali,place,Mali,,,,,,,\n',
        "line 4: duplicate id 'mali'",
    ),
    (f"{HEADER}\nmali,place,Mali,,,,,,,,extra\n", "line 2: 11 cells but the header has 10 columns"),
    ("", "empty file (expected a header row: id,type,en,...)"),
]


@pytest.mark.parametrize("content, message", ERRORS)
def test_validation_errors(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    separator = ": " if message.startswith("empty file") else " "
    assert str(info.value) == f"{path}{separator}{message}"


def test_error_names_the_path_as_given():
    data = "\n".join([HEADER, *ROWS, "gsim,group,GSIM 2,,,,,,,"]).encode()
    with pytest.raises(GlossaryError) as info:
        parse_csv(data, "glossaries/x.csv")
    assert str(info.value) == "glossaries/x.csv line 7: duplicate id 'gsim'"


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\nmenaka,place,Ménaka,,,,,,,\n".encode("latin-1"))
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value) == f"{path}: not UTF-8 text (save the glossary as UTF-8 CSV)"


def test_lenient_on_what_spreadsheets_do(tmp_path):
    path = tmp_path / "excel.csv"
    # BOM, capitalised header, CRLF, short and empty rows, padded cells
    content = "\ufeffID,Type,EN,EN_aliases\r\nmali,place,Mali\r\n,,,\r\n\r\n"
    content += "gao,place,Gao, Gao | Gao  \r\n"
    path.write_bytes(content.encode("utf-8"))
    glossary = load_glossary(path)
    assert [t.id for t in glossary] == ["mali", "gao"]
    assert glossary.get("gao").aliases == {}


def test_aliases_are_split_and_cleaned():
    data = f"{HEADER}\ngsim,organisation,GSIM, JNIM |  | Support Group  | JNIM,,,,,,\n".encode()
    (term,) = parse_csv(data, "x.csv")
    assert term.aliases == {"en": ("JNIM", "Support Group")}


@pytest.mark.parametrize(
    "cell, written",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTab", "'\tTab"),
        ("\rReturn", "'\rReturn"),
        ("-", "'-"),
        ("- see note", "'- see note"),
        # a plain number cannot run: a spreadsheet reads it as a number, so it stays as is
        ("-5", "-5"),
        ("+33", "+33"),
        ("-3.5", "-3.5"),
        ("Mali", "Mali"),
        ("", ""),
        ("'quoted", "'quoted"),
    ],
)
def test_neutralise(cell, written):
    assert neutralise(cell) == written
    assert restore(written) == cell


def test_csv_round_trip_neutralises_formulas():
    term = Term(
        id="sahel",
        type="place",
        forms={"en": "Sahel", "fr": "Sahel", "ar": "الساحل"},
        aliases={"en": ("Sahel region", "@Sahel")},
        explanations={"en": "=1+1 is not a formula here.", "fr": "-5 degrés la nuit"},
        pronunciations={"fr": "sa-èl"},
        note="+ check with the desk",
    )
    text = dump_csv([term])
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert "'=1+1 is not a formula here." in text
    assert "Sahel region | '@Sahel" not in text  # the cell starts with "Sahel", no quote needed
    assert ",'+ check with the desk" in text
    assert ",'-5 degrés la nuit," in text
    assert parse_csv(text.encode(), "x.csv") == [term]


def test_dump_of_a_loaded_glossary_reads_back_the_same():
    glossary = load_glossary(MINI)
    assert parse_csv(dump_csv(glossary.terms).encode(), "x.csv") == glossary.terms


def test_in_memory_glossary_has_a_content_version():
    terms = load_glossary(MINI).terms
    assert Glossary(terms).version == Glossary(list(terms)).version
    assert Glossary(terms).version != Glossary(terms[1:]).version


def test_in_memory_glossary_refuses_duplicate_ids():
    term = Term(id="mali", type="place", forms={"en": "Mali"})
    with pytest.raises(GlossaryError, match=r"^duplicate term id 'mali'$"):
        Glossary([term, term])


def test_dump_glossary_formats():
    glossary = load_glossary(MINI)
    assert dump_glossary(glossary, "csv").decode() == dump_csv(glossary.terms)
    assert dump_glossary(glossary, "tbx").startswith(b"<?xml")
    with pytest.raises(GlossaryError, match=r"^unknown export format 'xlsx' \(use tbx or csv\)$"):
        dump_glossary(glossary, "xlsx")
