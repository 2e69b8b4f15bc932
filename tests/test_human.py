"""The ``human`` translation backend: translations read from XLIFF kits people filled in."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import XliffError
from pipeline.glossary import Glossary, load_glossary
from pipeline.translate import Translator, get_translator
from pipeline.translate.human import HumanTranslator
from pipeline.xliff import build_kit

GLOSSARY_CSV = "id,type,en,fr,ar\ngsim,organisation,GSIM,GSIM,جماعة نصرة الإسلام والمسلمين\n"

FRENCH = {"p1.s1": "Attaque à Mopti", "p2.s1": "Le GSIM a démenti.", "p2.s2": "Dix morts."}


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    path = tmp_path_factory.mktemp("glossary") / "tiny.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    return load_glossary(path)


@pytest.fixture
def doc() -> Document:
    items = [
        (BlockKind.TITLE, ["Attack in Mopti"]),
        (BlockKind.PARAGRAPH, ["The GSIM denied it.", "Ten dead."]),
    ]
    return Document("Attack in Mopti", "en", make_blocks(items), source_name="story.txt")


def write_kit(
    path: Path, doc: Document, glossary: Glossary, lang: str, texts: dict[str, str]
) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_kit(doc, lang, glossary, glossary.match_document(doc), texts))
    return path


@pytest.fixture
def kits(tmp_path: Path, doc: Document, glossary: Glossary) -> Path:
    """A folder with a complete French kit, a half-done Arabic one, and a stray file."""
    folder = tmp_path / "returned"
    write_kit(folder / "fr.xliff", doc, glossary, "fr", FRENCH)
    write_kit(folder / "ar.xlf", doc, glossary, "ar", {"p1.s1": "هجوم في موبتي"})
    (folder / "notes.txt").write_text("not a kit", encoding="utf-8")
    return folder


def test_it_is_a_registered_offline_translator(kits: Path) -> None:
    translator = get_translator("human", sources=[kits])
    assert isinstance(translator, HumanTranslator)
    assert isinstance(translator, Translator)
    assert (translator.name, translator.needs_network) == ("human", False)


def test_languages_are_those_of_the_kits_found(kits: Path) -> None:
    assert HumanTranslator([kits]).languages() == {"fr", "ar"}
    assert HumanTranslator().languages() == set()


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("fr", None),
        ("ar", "ar.xlf is incomplete: 1 of 3 segments translated"),
        (
            "bm",
            "no XLIFF translation for 'bm' among the given files "
            "(export a kit with `kuma xliff export`)",
        ),
    ],
)
def test_availability(kits: Path, lang: str, reason: str | None) -> None:
    assert HumanTranslator([kits]).availability(lang) == reason


def test_translate_reads_the_kit(kits: Path, doc: Document) -> None:
    translation = HumanTranslator([kits]).translate(doc, "fr")
    data = (kits / "fr.xliff").read_bytes()
    assert translation.lang == "fr"
    assert translation.texts == FRENCH
    assert list(translation.texts) == [s.id for s in doc.segments()]
    assert translation.provenance == dict.fromkeys(FRENCH, "human")
    assert (translation.engine, translation.model) == ("human", "fr.xliff")
    assert translation.version == hashlib.sha256(data).hexdigest()[:12]
    french = doc.with_texts("fr", translation.texts, "human")
    assert french.title == "Attaque à Mopti"


def test_translate_refuses_an_incomplete_kit(kits: Path, doc: Document) -> None:
    with pytest.raises(XliffError) as exc:
        HumanTranslator([kits]).translate(doc, "ar")
    assert str(exc.value) == "ar.xlf is incomplete: 1 of 3 segments translated"


def test_translate_without_a_kit(kits: Path, doc: Document) -> None:
    with pytest.raises(XliffError) as exc:
        HumanTranslator([kits]).translate(doc, "bm")
    assert str(exc.value) == (
        "no XLIFF translation for 'bm' among the given files "
        "(export a kit with `kuma xliff export`)"
    )


def test_a_kit_for_another_version_of_the_article_is_refused(kits: Path) -> None:
    items = [(BlockKind.TITLE, ["Attack in Gao"]), (BlockKind.PARAGRAPH, ["New text.", "Ten."])]
    edited = Document("Attack in Gao", "en", make_blocks(items), source_name="story.txt")
    with pytest.raises(XliffError) as exc:
        HumanTranslator([kits]).translate(edited, "fr")
    assert str(exc.value) == (
        "fr.xliff: the source of unit 'p1.s1' differs from the article: the kit was made from "
        "another version of the article; export a new one with `kuma xliff export`"
    )


def test_files_can_be_named_directly(kits: Path, doc: Document) -> None:
    translator = HumanTranslator([kits / "ar.xlf", str(kits / "fr.xliff")])
    assert translator.languages() == {"ar", "fr"}
    assert translator.translate(doc, "fr").texts == FRENCH


def test_the_same_file_named_twice_counts_once(kits: Path) -> None:
    assert HumanTranslator([kits, kits / "fr.xliff"]).availability("fr") is None


def test_two_files_for_one_language_are_refused(
    kits: Path, tmp_path: Path, doc: Document, glossary: Glossary
) -> None:
    other = write_kit(tmp_path / "elsewhere" / "fr-v2.xliff", doc, glossary, "fr", FRENCH)
    with pytest.raises(XliffError) as exc:
        HumanTranslator([kits, other]).languages()
    assert str(exc.value) == (
        f"two XLIFF files translate into 'fr': {kits / 'fr.xliff'} and {other}; give only one"
    )


def test_a_missing_source_is_reported(tmp_path: Path) -> None:
    with pytest.raises(XliffError) as exc:
        HumanTranslator([tmp_path / "nowhere"]).availability("fr")
    assert str(exc.value) == f"XLIFF file or folder not found: {tmp_path / 'nowhere'}"


def test_a_corrupt_file_in_the_folder_is_reported(kits: Path) -> None:
    (kits / "bm.xliff").write_bytes(b"<xliff")
    with pytest.raises(XliffError, match=r"^bm\.xliff is not valid XML: "):
        HumanTranslator([kits]).languages()


def test_targets_filled_by_hand_count_whatever_their_state(
    tmp_path: Path, doc: Document, glossary: Glossary
) -> None:
    """A translator's tool may leave state="initial" on a segment it filled in."""
    path = write_kit(tmp_path / "fr.xliff", doc, glossary, "fr", FRENCH)
    path.write_bytes(path.read_bytes().replace(b'state="translated"', b'state="initial"'))
    translator = HumanTranslator([path])
    assert translator.availability("fr") is None
    assert translator.translate(doc, "fr").texts == FRENCH
