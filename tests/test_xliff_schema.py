"""Every kit validates against the official XLIFF 2.1 core, Glossary and Metadata schemas.

The OASIS schema files are not kept in this repository: the test looks for them in
``$KUMA_XLIFF_SCHEMAS`` or in ``shared/xliff-schemas`` beside the repository
(``xliff_core_2.0.xsd``, ``glossary.xsd``, ``metadata.xsd`` and
``informativeCopiesOf3rdPartySchemas/w3c/xml.xsd``, as published by the OASIS XLIFF TC
for XLIFF 2.1), and is skipped when they are absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples
from lxml import etree

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.glossary import Glossary, load_glossary
from pipeline.xliff import build_kit
from pipeline.xliff.markup import normalize_text

GLOSSARY_CSV = (
    "id,type,en,en_aliases,fr,ar,explain_en,note\n"
    "gsim,organisation,GSIM,JNIM,GSIM,جماعة نصرة الإسلام والمسلمين,An armed group.,Keep it.\n"
    "iyad-ag-ghaly,person,Iyad Ag Ghaly,,Iyad Ag Ghaly,,He leads the GSIM.,\n"
)
SPECIAL = st.sampled_from(['<b>&amp;</b> "q"', "]]>", "إياد أغ غالي", "\u202eevil", "a\x00b"])
TEXT = st.one_of(SPECIAL, st.text(min_size=1, max_size=40)).filter(normalize_text)

MODULES = {
    "urn:oasis:names:tc:xliff:document:2.0": "xliff_core_2.0.xsd",
    "urn:oasis:names:tc:xliff:glossary:2.0": "glossary.xsd",
    "urn:oasis:names:tc:xliff:metadata:2.0": "metadata.xsd",
}


def schemas_folder() -> Path | None:
    """Where the OASIS schemas are on this machine, if anywhere."""
    candidates = [Path(__file__).resolve().parents[1].parent / "shared" / "xliff-schemas"]
    if os.environ.get("KUMA_XLIFF_SCHEMAS"):
        candidates.insert(0, Path(os.environ["KUMA_XLIFF_SCHEMAS"]))
    return next((c for c in candidates if all((c / f).is_file() for f in MODULES.values())), None)


FOLDER = schemas_folder()
pytestmark = pytest.mark.skipif(
    FOLDER is None, reason="OASIS XLIFF 2.1 schemas not found (set KUMA_XLIFF_SCHEMAS)"
)


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """One schema importing the core and both modules, so their elements are checked too."""
    assert FOLDER is not None
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(FOLDER / name).as_uri()}"/>'
        for ns, name in MODULES.items()
    )
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(driver.encode(), parser))


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


@settings(max_examples=examples(40), deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4), translated=st.booleans())
def test_kits_of_any_text_validate(
    schema: etree.XMLSchema, glossary: Glossary, texts: list[str], translated: bool
) -> None:
    doc = Document("T", "en", make_blocks([(BlockKind.PARAGRAPH, texts)]), source_name="")
    targets = {s.id: s.text for s in doc.segments()} if translated else None
    assert_valid(schema, build_kit(doc, "ar", glossary, glossary.match_document(doc), targets))
