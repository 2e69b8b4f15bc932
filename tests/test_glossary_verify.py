"""Checking that translations keep the glossary terms of their source."""

from pathlib import Path

import pytest

from pipeline.glossary import Mention, load_glossary
from pipeline.glossary.verify import TermCheck, check_translation

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(MINI)


def mentions(*terms: str) -> list[Mention]:
    return [Mention(term, term, "p1.s1", 0, len(term)) for term in terms]


CASES = [
    # French: preferred form or alias, any case, with or without accents
    (
        "fr",
        ["gsim", "islamic-state"],
        "Le GSIM combat l'État islamique.",
        ["gsim", "islamic-state"],
        [],
        [],
    ),
    ("fr", ["islamic-state"], "L'EI a revendiqué l'attaque.", ["islamic-state"], [], []),
    ("fr", ["islamic-state"], "L'ETAT ISLAMIQUE et l’etat islamique", ["islamic-state"], [], []),
    ("fr", ["islamic-state"], "l'ei a revendiqué", [], ["islamic-state"], []),  # acronyms keep case
    ("fr", ["islamic-state"], "L'organisation État islamiste", [], ["islamic-state"], []),
    ("fr", ["mali"], "Les Maliens", [], ["mali"], []),  # whole words only
    ("fr", ["gsim"], "Groupe de soutien a l’islam et aux musulmans", ["gsim"], [], []),
    # Arabic: alef and teh marbuta variants, harakat, tatweel, attached prefixes
    ("ar", ["islamic-state"], "قال تنظيم الدولة الاسلاميه", ["islamic-state"], [], []),
    ("ar", ["islamic-state"], "وبالدولة الإسلامية", ["islamic-state"], [], []),
    ("ar", ["al-qaida"], "المرتبط بالقَاعِدَة", ["al-qaida"], [], []),
    ("ar", ["al-qaida"], "والقـاعدة", ["al-qaida"], [], []),
    ("ar", ["al-qaida"], "قاعدة عسكرية", [], ["al-qaida"], []),  # "a base", not al-Qaida
    ("ar", ["mali", "iyad-ag-ghaly"], "في مالى قال اغ غالي", ["mali", "iyad-ag-ghaly"], [], []),
    # Bambara: tone marks do not matter; terms without a Bambara form are unknown
    ("bm", ["mali"], "Màli ka kɛlɛbolo", ["mali"], [], []),
    ("bm", ["islamic-state"], "EI ye marifatigi kulu ye", ["islamic-state"], [], []),
    ("bm", ["islamic-state"], "Eta Isilamiki ye", ["islamic-state"], [], []),
    ("bm", ["guinea", "gulf-of-guinea"], "Gine", ["guinea"], [], ["gulf-of-guinea"]),
    (
        "bm",
        ["islamic-state-sahel"],
        "Islamic State Sahel Province",
        [],
        [],
        ["islamic-state-sahel"],
    ),
    ("bm", ["menaka"], "Ménaka", ["menaka"], [], []),
    # each term once per segment, in order of first mention
    ("fr", ["mali", "gsim", "mali"], "Au Mali.", ["mali"], ["gsim"], []),
]


@pytest.mark.parametrize("lang, terms, target, found, missing, unknown", CASES)
def test_check_translation(glossary, lang, terms, target, found, missing, unknown):
    check = check_translation(glossary, mentions(*terms), target, lang)
    assert check == TermCheck(
        expected=list(dict.fromkeys(terms)), found=found, missing=missing, unknown=unknown
    )
    assert check.ok is (not missing)


def test_no_mentions_nothing_to_check(glossary):
    check = check_translation(glossary, [], "Texte quelconque.", "fr")
    assert check.to_dict() == {"expected": [], "found": [], "missing": [], "unknown": []}
    assert check.ok
