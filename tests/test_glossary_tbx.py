"""TBX-Basic export and import: structure, round trip, and refusal of unsafe XML."""

from pathlib import Path

import pytest
from lxml import etree

from pipeline.errors import GlossaryError
from pipeline.glossary import load_glossary
from pipeline.glossary.tbx import dump_tbx, parse_tbx

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def tbx() -> bytes:
    return dump_tbx(load_glossary(MINI))


def test_round_trip(tmp_path, tbx):
    original = load_glossary(MINI)
    path = tmp_path / "mini.tbx"
    path.write_bytes(tbx)
    again = load_glossary(path)
    assert again.terms == original.terms
    assert again.path == path
    assert dump_tbx(again).replace(b"mini.tbx", b"glossary_mini.csv") == tbx.replace(
        original.version.encode(), again.version.encode()
    )


def test_tbx_basic_structure(tbx):
    root = etree.fromstring(tbx)
    assert root.tag == "martif"
    assert root.get("type") == "TBX-Basic"
    assert root.findtext("martifHeader/encodingDesc/p[@type='XCSURI']") == "TBXBasicXCSV02.xcs"
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries][:3] == ["iyad-ag-ghaly", "gsim", "islamic-state"]
    state = entries[2]
    assert state.findtext("descrip[@type='subjectField']") == "organisation"
    assert state.findtext("note") == "'IS' is case-sensitive: never the verb 'is'."
    assert [ls.get(XML_LANG) for ls in state.findall("langSet")] == ["en", "fr", "ar", "bm"]
    english = state.find("langSet")
    tigs = english.findall("tig")
    assert [t.findtext("term") for t in tigs] == ["Islamic State", "IS", "Islamic State group"]
    statuses = [t.findtext("termNote[@type='administrativeStatus']") for t in tigs]
    assert statuses == ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "admittedTerm-admn-sts"]
    assert [t.findtext("termNote[@type='termType']") for t in tigs] == [None, "acronym", None]
    iyad = entries[0].find("langSet")
    assert iyad.findtext("descrip[@type='definition']").startswith("Iyad Ag Ghaly leads")
    assert iyad.findtext("note") == "Pronunciation: Eeyahd Ahg Gahlee"


def test_language_with_only_an_explanation_survives(tmp_path, tbx):
    mali = etree.fromstring(tbx).find("text/body/termEntry[@id='mali']")
    bm = mali.find(f"langSet[@{XML_LANG}='bm']")
    assert bm.findtext("descrip[@type='definition']") == "Mali ye jamana ye."


TRANSLATE_TOOLKIT = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader>
    <fileDesc><sourceDesc><p>Translate Toolkit</p></sourceDesc></fileDesc>
  </martifHeader>
  <text><body>
    <termEntry id="sahel">
      <langSet xml:lang="en"><tig><term>Sahel</term></tig></langSet>
      <langSet xml:lang="fr-FR">
        <tig><term>Sahel</term></tig><tig><term>bande sahélienne</term></tig>
      </langSet>
      <note from="translator">Region south of the Sahara.</note>
    </termEntry>
  </body></text>
</martif>
""".encode()


def test_reads_a_translate_toolkit_file_without_fetching_its_dtd():
    (term,) = parse_tbx(TRANSLATE_TOOLKIT, "weblate.tbx")
    assert term.id == "sahel"
    assert term.type == "term"
    assert term.forms == {"en": "Sahel", "fr": "Sahel"}
    assert term.aliases == {"fr": ("bande sahélienne",)}
    assert term.note == "Region south of the Sahara."


TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="kidal">
      <descrip type="subjectField">place</descrip>
      <langSec xml:lang="en">
        <termSec><term>Kidal region</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>Kidal</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ar"><termSec><term>كيدال</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
""".encode()


def test_reads_tbx_v3():
    (term,) = parse_tbx(TBX_V3, "v3.tbx")
    assert (term.id, term.type) == ("kidal", "place")
    assert term.all_forms("en") == ("Kidal", "Kidal region")
    assert term.form("ar") == "كيدال"


UNSAFE = [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    b"<martif><text><body><termEntry id='x'><langSet xml:lang='en'><tig><term>&lol2;</term>"
    b"</tig></langSet></termEntry></body></text></martif>",
    b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b"<martif><text><body><termEntry id='x'><langSet xml:lang='en'><tig><term>&xxe;</term>"
    b"</tig></langSet></termEntry></body></text></martif>",
    b'<?xml version="1.0"?><!DOCTYPE martif [<!ELEMENT martif ANY>]><martif/>',
]


@pytest.mark.parametrize("data", UNSAFE, ids=["billion-laughs", "external-entity", "dtd"])
def test_refuses_entity_declarations(tmp_path, data):
    path = tmp_path / "evil.tbx"
    path.write_bytes(data)
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert str(info.value) == f"{path}: refusing a DOCTYPE that declares entities or elements"


def _entry(body: str) -> bytes:
    return f"<martif><text><body>\n{body}\n</body></text></martif>".encode()


def _term(id_attr: str, lang: str, form: str) -> str:
    tig = f"<tig><term>{form}</term></tig>"
    return f"<termEntry {id_attr}><langSet xml:lang='{lang}'>{tig}</langSet></termEntry>"


TBX_ERRORS = [
    (b"<martif><unclosed></martif>", "bad.tbx: not well-formed XML"),
    (b"<xliff version='2.1'/>", "bad.tbx: not a TBX file (root element is <xliff>)"),
    (
        _entry(_term("id='x'", "de", "X")),
        "bad.tbx line 2: unknown language 'de' in 'x'",
    ),
    (
        _entry(_term("", "en", "X")),
        "bad.tbx line 2: empty id",
    ),
    (
        _entry(_term("id='a'", "en", "Gao") + "\n" + _term("id='b'", "en", "GAO")),
        "bad.tbx line 3: en form 'GAO' is already a form of 'a'",
    ),
    (
        _entry("<termEntry id='x'><descrip type='subjectField'>Politics</descrip></termEntry>"),
        "bad.tbx line 2: unknown type 'Politics' (use person, organisation, place, group or term)",
    ),
]


@pytest.mark.parametrize("data, message", TBX_ERRORS)
def test_tbx_errors(data, message):
    with pytest.raises(GlossaryError) as info:
        parse_tbx(data, "bad.tbx")
    assert str(info.value).startswith(message)
