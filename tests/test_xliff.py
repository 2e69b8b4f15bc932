"""XLIFF 2.1 kits: structure, glossary notes, metadata, and reading translations back."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from lxml import etree

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import LanguageError, XliffError
from pipeline.glossary import Glossary, load_glossary
from pipeline.langid import identify, plausible
from pipeline.sanitize import remove_unsafe
from pipeline.xliff import build_kit, inspect_kit, read_translations
from pipeline.xliff.markup import normalize_text, set_inline_text

NS = {
    "x": "urn:oasis:names:tc:xliff:document:2.0",
    "gls": "urn:oasis:names:tc:xliff:glossary:2.0",
    "mda": "urn:oasis:names:tc:xliff:metadata:2.0",
}

GLOSSARY_CSV = """\
id,type,en,en_aliases,fr,fr_aliases,ar,ar_aliases,bm,bm_aliases,dyu,dyu_aliases,\
explain_en,explain_fr,explain_ar,explain_bm,explain_dyu,say_en,say_fr,say_ar,say_bm,say_dyu,note
iyad-ag-ghaly,person,Iyad Ag Ghaly,Ag Ghaly,Iyad Ag Ghaly,,إياد أغ غالي,,Iyad Ag Ghaly,,,,\
He leads the GSIM.,Il dirige le GSIM.,,,,,,,,,
gsim,organisation,GSIM,JNIM,GSIM,,جماعة نصرة الإسلام والمسلمين,,,,,,\
An armed group in the Sahel.,,,,,,,,,,Never expand the acronym.
"""


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "test.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return load_glossary(path)


def article(*paragraphs: list[str], title: str = "Attack in Mopti") -> Document:
    items = [(BlockKind.TITLE, [title])] + [(BlockKind.PARAGRAPH, p) for p in paragraphs]
    return Document(title=title, lang="en", blocks=make_blocks(items), source_name="story.txt")


@pytest.fixture
def doc() -> Document:
    return article(
        ["Iyad Ag Ghaly leads the JNIM.", "Prices rose by 5% & <fast>."],
        ["The GSIM denied it."],
    )


def kit(doc: Document, glossary: Glossary, lang: str = "fr", **kwargs: dict[str, str]) -> bytes:
    return build_kit(doc, lang, glossary, glossary.match_document(doc), **kwargs)


def xml(data: bytes) -> etree._Element:
    return etree.fromstring(data)


# --- Structure ------------------------------------------------------------------------


def test_kit_has_one_unit_per_segment_grouped_by_block(doc: Document, glossary: Glossary) -> None:
    root = xml(kit(doc, glossary))
    assert root.tag == "{urn:oasis:names:tc:xliff:document:2.0}xliff"
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "fr")
    files = root.findall("x:file", NS)
    assert len(files) == 1
    assert files[0].get("original") == "story.txt"
    groups = files[0].findall("x:group", NS)
    assert [(g.get("id"), g.get("type")) for g in groups] == [
        ("p1", "kuma:title"),
        ("p2", "kuma:paragraph"),
        ("p3", "kuma:paragraph"),
    ]
    units = root.findall(".//x:unit", NS)
    assert [u.get("id") for u in units] == [s.id for s in doc.segments()]
    for unit, segment in zip(units, doc.segments(), strict=True):
        segments = unit.findall("x:segment", NS)
        assert len(segments) == 1
        assert segments[0].get("state") == "initial"
        assert segments[0].findtext("x:source", namespaces=NS) == segment.text
        assert segments[0].find("x:target", NS) is None


def test_kit_is_pretty_utf8_with_declaration_and_escaped(doc: Document, glossary: Glossary) -> None:
    data = kit(doc, glossary, lang="ar")
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<xliff ")
    assert b"\n  <file " in data
    assert b"<source>Prices rose by 5% &amp; &lt;fast&gt;.</source>" in data
    assert "جماعة نصرة الإسلام والمسلمين".encode() in data
    file = xml(data).find("x:file", NS)
    assert (file.get("srcDir"), file.get("trgDir")) == ("ltr", "rtl")


def test_translations_fill_targets_and_mark_them_translated(
    doc: Document, glossary: Glossary
) -> None:
    root = xml(kit(doc, glossary, translations={"p2.s1": "Iyad Ag Ghaly dirige le JNIM."}))
    segment = root.find(".//x:unit[@id='p2.s1']/x:segment", NS)
    assert segment.get("state") == "translated"
    assert segment.findtext("x:target", namespaces=NS) == "Iyad Ag Ghaly dirige le JNIM."
    other = root.find(".//x:unit[@id='p2.s2']/x:segment", NS)
    assert other.get("state") == "initial"
    assert other.find("x:target", NS) is None


@pytest.mark.parametrize(
    ("lang", "unit", "notes"),
    [
        (
            "fr",
            "p2.s1",
            [
                "Iyad Ag Ghaly → Iyad Ag Ghaly (person): Il dirige le GSIM.",
                "JNIM → GSIM (organisation): An armed group in the Sahel. "
                "Note: Never expand the acronym.",
            ],
        ),
        (
            "bm",
            "p3.s1",
            [
                "GSIM (organisation): no Bambara form in the glossary; ask the editor rather "
                "than inventing one. An armed group in the Sahel. Note: Never expand the acronym."
            ],
        ),
        ("fr", "p2.s2", []),
    ],
)
def test_glossary_terms_become_notes(
    doc: Document, glossary: Glossary, lang: str, unit: str, notes: list[str]
) -> None:
    element = xml(kit(doc, glossary, lang=lang)).find(f".//x:unit[@id='{unit}']", NS)
    found = element.findall("x:notes/x:note", NS)
    assert [n.text for n in found] == notes
    assert {n.get("category") for n in found} <= {"glossary"}


def test_glossary_terms_go_through_the_glossary_module(doc: Document, glossary: Glossary) -> None:
    root = xml(kit(doc, glossary, lang="ar"))
    entries = root.findall(".//x:unit[@id='p2.s1']/gls:glossary/gls:glossEntry", NS)
    got = [
        (
            e.findtext("gls:term", namespaces=NS),
            e.findtext("gls:translation", namespaces=NS),
            e.findtext("gls:definition", namespaces=NS),
        )
        for e in entries
    ]
    assert got == [
        ("Iyad Ag Ghaly", "إياد أغ غالي", "He leads the GSIM."),
        ("GSIM", "جماعة نصرة الإسلام والمسلمين", "An armed group in the Sahel."),
    ]
    bm = xml(kit(doc, glossary, lang="bm"))
    entry = bm.find(".//x:unit[@id='p3.s1']/gls:glossary/gls:glossEntry", NS)
    assert entry.find("gls:translation", NS) is None  # no Bambara form: none invented


def test_metadata_records_fingerprint_and_origin(doc: Document, glossary: Glossary) -> None:
    root = xml(kit(doc, glossary))
    group = root.find("x:file/mda:metadata/mda:metaGroup", NS)
    assert group.get("category") == "kuma"
    meta = {m.get("type"): m.text for m in group.findall("mda:meta", NS)}
    assert meta == {
        "fingerprint": doc.fingerprint(),
        "origin": "kuma 0.1.0",
        "source": "story.txt",
        "glossary": glossary.version,
    }


def test_characters_xml_cannot_hold_travel_as_cp(glossary: Glossary) -> None:
    doc = article(["Bell\x07 and \ufffe here."])
    data = kit(doc, glossary)
    assert b'<source>Bell<cp hex="0007"/> and <cp hex="FFFE"/> here.</source>' in data
    assert read_translations(data, doc).states == {"p1.s1": "initial", "p2.s1": "initial"}


def test_kit_refuses_unknown_language_and_empty_article(glossary: Glossary) -> None:
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        kit(article(["A."]), glossary, lang="xx")
    with pytest.raises(LanguageError, match="'en' is not a target language"):
        kit(article(["A."]), glossary, lang="en")
    empty = Document(title="", lang="en", blocks=[], source_name="empty.txt")
    with pytest.raises(XliffError) as exc:
        kit(empty, glossary)
    assert str(exc.value) == "empty.txt has no text to translate"


def test_same_input_gives_the_same_bytes(doc: Document, glossary: Glossary) -> None:
    assert kit(doc, glossary) == kit(doc, glossary)  # rewriting a kit changes nothing on disk


# --- Reading translations back ------------------------------------------------------


def fill(data: bytes, targets: dict[str, str], state: str = "translated") -> bytes:
    """What a translator's tool does: add targets and set the state."""
    root = etree.fromstring(data)
    for unit in root.iter(f"{{{NS['x']}}}unit"):
        if unit.get("id") in targets:
            segment = unit.find("x:segment", NS)
            segment.set("state", state)
            target = segment.find("x:target", NS)
            if target is None:
                target = etree.SubElement(segment, f"{{{NS['x']}}}target")
            set_inline_text(target, targets[unit.get("id")])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_round_trip_export_fill_read(doc: Document, glossary: Glossary) -> None:
    targets = {
        "p1.s1": "Attaque à Mopti",
        "p2.s1": "Iyad Ag Ghaly dirige le JNIM.",
        "p2.s2": "Les prix ont augmenté de 5 % & <vite>.",
        "p3.s1": "Le GSIM a démenti.",
    }
    result = read_translations(fill(kit(doc, glossary), targets, "reviewed"), doc, "fr.xliff")
    assert result.lang == "fr"
    assert result.texts == targets
    assert result.states == dict.fromkeys(targets, "reviewed")
    assert result.complete


def test_partial_kit_is_incomplete_and_empty_targets_are_untranslated(
    doc: Document, glossary: Glossary
) -> None:
    data = fill(kit(doc, glossary), {"p1.s1": "Attaque à Mopti", "p2.s1": "  \n "})
    result = read_translations(data, doc, "fr.xliff")
    assert result.texts == {"p1.s1": "Attaque à Mopti"}
    assert result.states == {
        "p1.s1": "translated",
        "p2.s1": "translated",
        "p2.s2": "initial",
        "p3.s1": "initial",
    }
    assert not result.complete
    summary = inspect_kit(data, "fr.xliff")
    assert (summary.lang, summary.source_lang, summary.units, summary.translated) == (
        "fr",
        "en",
        4,
        1,
    )


def test_prefilled_translations_read_back(doc: Document, glossary: Glossary) -> None:
    # no-break spaces are kept
    texts = {s.id: f"« Le texte {s.id} est traduit en français »" for s in doc.segments()}
    result = read_translations(kit(doc, glossary, translations=texts), doc)
    assert result.texts == texts
    assert result.complete


def unit_xml(body: str, src: str = "Attack in Mopti", state: str = "translated") -> bytes:
    """A one-segment document's XLIFF with ``body`` as the target's inner XML."""
    return (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" '
        f'trgLang="fr-FR"><file id="f"><unit id="p1.s1"><segment state="{state}">'
        f"<source>{src}</source><target>{body}</target></segment></unit></file></xliff>"
    ).encode()


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ('Attaque à <pc id="1">Mopti</pc>', "Attaque à Mopti"),
        ('Attaque<ph id="1"/> à <mrk id="m" type="term">Mopti</mrk>', "Attaque à Mopti"),
        ("\n   Attaque\t à\n\n Mopti  ", "Attaque à Mopti"),
        ("Attaque a\u0300 Mopti", "Attaque à Mopti"),  # decomposed -> NFC
        ("Attaque<!-- a comment --> à Mopti", "Attaque à Mopti"),
        # Targets come from outside: controls, bidi overrides and noncharacters go.
        ('<cp hex="7"/>bip', "bip"),
        ('<cp hex="0"/>bi<cp hex="1B"/>p<cp hex="FFFE"/>', "bip"),
        ("bi\u202ep\ufdd0", "bip"),
        ("\u0627\u200c\u0644", "\u0627\u200c\u0644"),  # ZWNJ shapes Arabic: kept
    ],
)
def test_targets_are_read_as_plain_normalised_text(body: str, text: str) -> None:
    doc = article(title="Attack in Mopti")
    result = read_translations(unit_xml(body), doc)
    assert result.texts == {"p1.s1": text}
    assert result.lang == "fr"


def test_a_unit_a_cat_tool_resegmented_is_joined_back() -> None:
    doc = article(title="Attack in Mopti. Ten dead.")
    data = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" '
        'trgLang="ar"><file id="f"><unit id="p1.s1">'
        '<segment state="final"><source>Attack in Mopti.</source><target>هجوم في موبتي.</target>'
        '</segment><ignorable><source> </source></ignorable><segment state="reviewed">'
        "<source>Ten dead.</source><target>عشرة قتلى.</target></segment></unit></file></xliff>"
    ).encode()
    result = read_translations(data, doc)
    assert result.texts == {"p1.s1": "هجوم في موبتي. عشرة قتلى."}
    assert result.states == {"p1.s1": "reviewed"}


# --- Refusals, with the exact message --------------------------------------------------

XLIFF_1_2 = (
    b'<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
    b'<file original="a" source-language="en" target-language="fr" datatype="plaintext">'
    b"<body/></file></xliff>"
)
BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        b'<!ENTITY a%d "%s">' % (i, (b"&a%d;" % (i - 1) if i > 1 else b"&a;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n<xliff>&a9;</xliff>"
)
XXE = (
    b'<?xml version="1.0"?><!-- c --><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<xliff>&e;</xliff>"
)


def header(attrs: str, units: str = "") -> bytes:
    return (
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" {attrs}><file id="f">{units}'
        "</file></xliff>"
    ).encode()


def one_unit(unit_id: str = "p1.s1", source: str = "Attack in Mopti", target: str = "") -> str:
    body = f"<target>{target}</target>" if target else ""
    return f'<unit id="{unit_id}"><segment><source>{source}</source>{body}</segment></unit>'


V21 = 'version="2.1" srcLang="en" trgLang="fr"'
EXPORT = "(export a kit with `kuma xliff export`)"

REFUSALS = [
    (b"", "fr.xliff is not valid XML: Document is empty (line 1)"),
    (
        b"<xliff><file></xliff>",
        "fr.xliff is not valid XML: Opening and ending tag mismatch: file line 1 and xliff "
        "(line 1)",
    ),
    (
        b"\n\n<xliff>&nbsp;</xliff>",
        "fr.xliff is not valid XML: Entity 'nbsp' not defined (line 3)",
    ),
    (
        XLIFF_1_2,
        "fr.xliff is XLIFF 1.2; Kuma reads only XLIFF 2.x (export a kit with `kuma xliff export`)",
    ),
    (b'<xliff version="1.2"/>', "fr.xliff is XLIFF 1.2; Kuma reads only XLIFF 2.x " + EXPORT),
    (b"<html><body/></html>", "fr.xliff is not an XLIFF 2 file (its root element is <html>)"),
    (
        b'<xliff version="2.1" srcLang="en" trgLang="fr"/>',
        "fr.xliff is not an XLIFF 2 file "
        "(its <xliff> is not in namespace urn:oasis:names:tc:xliff:document:2.0)",
    ),
    (
        header('version="3.0" srcLang="en" trgLang="fr"', one_unit()),
        "fr.xliff says it is XLIFF version '3.0'; Kuma reads only XLIFF 2.x",
    ),
    (
        header('version="2.1" srcLang="en"', one_unit()),
        "fr.xliff has no trgLang: it does not say which language it translates into",
    ),
    (
        header('version="2.1" srcLang="en" trgLang="de-DE"', one_unit()),
        "fr.xliff translates into 'de-DE', which is not a Kuma target language (fr, ar, bm, dyu)",
    ),
    (
        header('version="2.1" srcLang="fr" trgLang="ar"', one_unit()),
        "fr.xliff translates from 'fr' but the article is in 'en'",
    ),
    (
        header(V21, one_unit() + one_unit("p9.s1", "Another story")),
        "fr.xliff has unit 'p9.s1', which is not in the article: the kit was made from "
        "another version of the article; export a new one with `kuma xliff export`",
    ),
    (
        header(V21, one_unit(source="Attack in Gao")),
        "fr.xliff: the source of unit 'p1.s1' differs from the article: the kit was made from "
        "another version of the article; export a new one with `kuma xliff export`",
    ),
    (
        header(V21),
        "fr.xliff has no unit for segment 'p1.s1': the kit was made from another version of "
        "the article; export a new one with `kuma xliff export`",
    ),
    (header(V21, one_unit() + one_unit()), "fr.xliff has unit 'p1.s1' twice"),
    (
        header(V21, '<unit id="p1.s1"><ignorable><source>x</source></ignorable></unit>'),
        "fr.xliff: unit 'p1.s1' has no <segment>",
    ),
    (
        header(
            V21,
            '<unit id="p1.s1"><segment state="needs-review"><source>Attack in Mopti</source>'
            "</segment></unit>",
        ),
        "fr.xliff: unit 'p1.s1' has state 'needs-review' "
        "(XLIFF 2 states: initial, translated, reviewed, final)",
    ),
    (
        header(V21, one_unit(source='Attack <cp hex="zz"/>')),
        "fr.xliff: unit 'p1.s1' has <cp hex='zz'/>, which is not a character",
    ),
    (
        header(V21, one_unit(target='A <cp hex="D800"/> b')),
        "fr.xliff: unit 'p1.s1' has <cp hex='D800'/>, which is not a character",
    ),
    (
        header(V21, one_unit(target='A <cp hex="FFFFFFFFFFFFFFFFFFFFFFFF"/> b')),
        "fr.xliff: unit 'p1.s1' has <cp hex='FFFFFFFFFFFFFFFFFFFFFFFF'/>, which is not a "
        "character",
    ),
    (
        b'<?xml version="1.0"?>\n<!DOCTYPE xliff>' + header(V21, one_unit()),
        "fr.xliff has a DOCTYPE declaration, which Kuma refuses in XLIFF files",
    ),
    (BOMB, "fr.xliff has a DOCTYPE declaration, which Kuma refuses in XLIFF files"),
    (XXE, "fr.xliff has a DOCTYPE declaration, which Kuma refuses in XLIFF files"),
    (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><xliff/>'.encode(
            "utf-16"
        ),
        "fr.xliff has a DOCTYPE declaration, which Kuma refuses in XLIFF files",
    ),
]


@pytest.mark.parametrize(("data", "message"), REFUSALS)
def test_refusals(data: bytes, message: str) -> None:
    with pytest.raises(XliffError) as exc:
        read_translations(data, article(), origin="fr.xliff")
    assert str(exc.value) == message


def test_refusal_names_the_file_generically_without_origin() -> None:
    with pytest.raises(XliffError) as exc:
        read_translations(b"<oops", article())
    assert str(exc.value).startswith("the XLIFF file is not valid XML: ")


def test_kit_for_an_edited_article_is_refused(doc: Document, glossary: Glossary) -> None:
    data = kit(doc, glossary)
    edited = article(
        ["Iyad Ag Ghaly leads the JNIM.", "Prices rose by 6% & <fast>."], ["The GSIM denied it."]
    )
    with pytest.raises(XliffError, match=r"source of unit 'p2\.s2' differs"):
        read_translations(data, edited, "fr.xliff")


# --- Property: any text survives the trip ----------------------------------------------

SPECIAL = st.sampled_from(
    [
        "<b>&amp;</b> \"q\" 'a'",
        "]]>",
        "إياد أغ غالي قال: «لا»",
        "\u202eevil\u202c",
        "a\x00b",
        "ɛ ɔ ɲ ŋ",
    ]
)
TEXT = st.one_of(SPECIAL, st.text(min_size=1, max_size=40)).filter(lambda t: normalize_text(t))


@settings(max_examples=examples(60), deadline=None)
@given(
    sources=st.lists(st.lists(TEXT, min_size=1, max_size=3), min_size=1, max_size=3),
    data=st.data(),
)
def test_any_text_round_trips(
    glossary: Glossary, sources: list[list[str]], data: st.DataObject
) -> None:
    doc = article(*sources, title=sources[0][0])
    ids = [s.id for s in doc.segments()]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True))
    targets = {i: data.draw(st.one_of(TEXT, st.just(""))) for i in chosen}
    # Targets that read as another language than the kit's are refused (tested apart).
    found = identify(" ".join(targets.values()), plausible("fr"))
    assume(found.lang in (None, "fr"))
    kit_bytes = kit(doc, glossary, translations=targets)
    result = read_translations(kit_bytes, doc, "fr.xliff")
    # Targets come back as Kuma reads every outside text: cleaned, then normalised.
    cleaned = {i: normalize_text(remove_unsafe(t)) for i, t in targets.items()}
    expected = {i: t for i, t in cleaned.items() if t}
    assert result.texts == expected
    assert result.complete == (set(expected) == set(ids))
    again = read_translations(fill(kit(doc, glossary), expected), doc, "fr.xliff")
    assert again.texts == expected
