"""Kuma's kits open in a real translation tool library (translate-toolkit, behind Weblate
and Pootle), and what that tool writes comes back into Kuma."""

from pathlib import Path

import pytest

from pipeline.glossary import load_glossary
from pipeline.ingest import read_document
from pipeline.xliff import build_kit, read_translations

xliff2 = pytest.importorskip("translate.storage.xliff2")

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"


@pytest.fixture(scope="module")
def article():
    glossary = load_glossary(None)
    doc = read_document(ARTICLE, glossary=glossary)
    return doc, glossary, glossary.match_document(doc)


def units(store):
    return [u for u in store.units if not u.isheader()]


@pytest.mark.parametrize("lang", ["fr", "ar", "bm"])
def test_example_translations_open_in_translate_toolkit(article, lang):
    doc, _, _ = article
    store = xliff2.Xliff2File.parsefile(str(ROOT / "examples" / "translations" / f"{lang}.xliff"))
    assert (store.sourcelanguage, store.targetlanguage) == ("en", lang)
    found = {u.getid(): (u.source, u.target) for u in units(store)}
    assert list(found) == [s.id for s in doc.segments()]
    assert all(
        source == s.text and target
        for s, (source, target) in zip(doc.segments(), found.values(), strict=True)
    )


def test_translation_made_in_the_tool_is_read_back(article, tmp_path):
    doc, glossary, mentions = article
    path = tmp_path / "fr.xliff"
    path.write_bytes(build_kit(doc, "fr", glossary, mentions))
    store = xliff2.Xliff2File.parsefile(str(path))
    for unit in units(store):
        unit.target = f"Traduction du segment « {unit.getid()} » faite dans l'outil"
    store.savefile(str(path))
    result = read_translations(path.read_bytes(), doc, origin="fr.xliff")
    assert result.complete
    assert result.texts["p4.s1"] == "Traduction du segment « p4.s1 » faite dans l'outil"
