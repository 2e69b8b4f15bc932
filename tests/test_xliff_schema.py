"""Every kit validates against the official XLIFF 2.1 core, Glossary, Metadata and ITS schemas.

The schemas are found by ``xliff_schemas`` (``$KUMA_XLIFF_SCHEMAS`` or a
``shared/xliff-schemas`` folder beside the repository); without them these tests skip
on a developer's machine and fail in CI.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from lxml import etree
from xliff_schemas import xliff_schema

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.glossary import Glossary, load_glossary
from pipeline.xliff import build_kit
from pipeline.xliff.markup import normalize_text
from pipeline.xliff.quality import QualityIssue

GLOSSARY_CSV = (
    "id,type,en,en_aliases,fr,ar,explain_en,note\n"
    "gsim,organisation,GSIM,JNIM,GSIM,جماعة نصرة الإسلام والمسلمين,An armed group.,Keep it.\n"
    "iyad-ag-ghaly,person,Iyad Ag Ghaly,,Iyad Ag Ghaly,,He leads the GSIM.,\n"
)
SPECIAL = st.sampled_from(['<b>&amp;</b> "q"', "]]>", "إياد أغ غالي", "\u202eevil", "a\x00b"])
TEXT = st.one_of(SPECIAL, st.text(min_size=1, max_size=40)).filter(normalize_text)
ISSUE = QualityIssue("numbers", "critical (numbers): 25 is missing \x00<b>", 100, 1)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return xliff_schema()


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "test.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return load_glossary(path)


def assert_valid(schema: etree.XMLSchema, data: bytes) -> None:
    document = etree.fromstring(data)
    assert schema.validate(document), str(schema.error_log)


def test_schema_catches_what_it_should(schema: etree.XMLSchema) -> None:
    """The schema really checks the modules: a misplaced glossary entry is invalid."""
    bad = (
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        b'xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0" version="2.1" srcLang="en">'
        b'<file id="f"><unit id="u"><gls:glossary><gls:glossEntry><gls:definition>d'
        b"</gls:definition></gls:glossEntry></gls:glossary><segment><source>a</source>"
        b"</segment></unit></file></xliff>"
    )
    assert not schema.validate(etree.fromstring(bad))


@pytest.mark.parametrize("lang", ["fr", "ar", "bm", "dyu"])
def test_every_kit_validates(schema: etree.XMLSchema, glossary: Glossary, lang: str) -> None:
    items = [
        (BlockKind.TITLE, ["Iyad Ag Ghaly & the JNIM"]),
        (BlockKind.PARAGRAPH, ["The GSIM denied it.", 'He said "<no>".']),
        (BlockKind.QUOTE, ["Bell\x07."]),
        (BlockKind.LIST_ITEM, ["One."]),
    ]
    doc = Document("T", "en", make_blocks(items), source_name="story.txt")
    mentions = glossary.match_document(doc)
    assert_valid(schema, build_kit(doc, lang, glossary, mentions))
    assert_valid(schema, build_kit(doc, lang, glossary, mentions, {"p1.s1": "Titre"}))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_kits_with_states_and_quality_issues_validate(
    schema: etree.XMLSchema, glossary: Glossary, lang: str
) -> None:
    items = [(BlockKind.TITLE, ["Iyad Ag Ghaly & the GSIM"]), (BlockKind.PARAGRAPH, ["One.", "2."])]
    doc = Document("T", "en", make_blocks(items), source_name="story.txt")
    kit = build_kit(doc, lang, glossary, glossary.match_document(doc),
                    {"p1.s1": "Titre \x07", "p2.s1": "Un."},
                    states={"p1.s1": "final", "p2.s1": "reviewed", "p2.s2": "final"},
                    issues={"p1.s1": [ISSUE, ISSUE], "p2.s2": [ISSUE], "p2.s1": []})
    assert_valid(schema, kit)
    assert b"its:locQualityIssue " in kit and b'state="final"' in kit


def test_the_its_schema_is_checked(schema: etree.XMLSchema, glossary: Glossary) -> None:
    """Issues without the ``xml:id`` the marker points at are invalid: the ITS schema is in
    force, not skipped as an unknown namespace."""
    doc = Document("T", "en", make_blocks([(BlockKind.PARAGRAPH, ["One."])]))
    kit = build_kit(doc, "fr", glossary, [], {"p1.s1": "Un."}, issues={"p1.s1": [ISSUE]})
    root = etree.fromstring(kit)
    assert schema.validate(root)
    issues = root.find(".//{http://www.w3.org/2005/11/its}locQualityIssues")
    del issues.attrib["{http://www.w3.org/XML/1998/namespace}id"]
    assert not schema.validate(root)


@settings(max_examples=examples(40), deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), translated=st.booleans(),
       flagged=st.booleans())
def test_kits_of_any_text_validate(
    schema: etree.XMLSchema, glossary: Glossary, texts: list[str], translated: bool,
    flagged: bool,
) -> None:
    doc = Document("T", "en", make_blocks([(BlockKind.PARAGRAPH, texts)]), source_name="")
    targets = {s.id: s.text for s in doc.segments()} if translated else None
    issues = {s.id: [ISSUE] for s in doc.segments()} if flagged else None
    kit = build_kit(doc, "ar", glossary, glossary.match_document(doc), targets, issues=issues)
    assert_valid(schema, kit)


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception),
                                             ("", pytest.skip.Exception)])
def test_missing_schemas_fail_in_ci_and_skip_elsewhere(monkeypatch, tmp_path, ci, outcome):
    import xliff_schemas

    monkeypatch.setattr(xliff_schemas, "REPOSITORY", tmp_path / "repo")
    monkeypatch.setenv("KUMA_XLIFF_SCHEMAS", str(tmp_path / "nowhere"))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="OASIS XLIFF 2.1 schemas not found"):
        xliff_schemas.require_schemas()
