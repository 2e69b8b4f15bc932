"""Finding glossary terms in text: case, boundaries, possessives, longest match, Arabic."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_profiles import examples

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import LanguageError
from pipeline.glossary import Glossary, Term, load_glossary
from pipeline.glossary.fold import fold
from pipeline.glossary.match import Matcher, is_acronym

MINI = Path(__file__).parent / "data" / "glossary_mini.csv"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(MINI)


CASES = [
    # acronyms are case-sensitive, other forms are not
    ("IS fighters attacked", "en", [("islamic-state", "IS")]),
    ("He is here. Is it?", "en", []),
    ("the ISSP and the ISGS", "en", [("islamic-state-sahel", "ISSP")]),
    ("islamic state", "en", [("islamic-state", "islamic state")]),
    ("JNIM, not jnim", "en", [("gsim", "JNIM")]),
    # whole words only; the adjective is not the place
    ("Malian troops", "en", []),
    ("Mali-based groups", "en", [("mali", "Mali")]),
    ("MALI and Guineans", "en", [("mali", "MALI")]),
    # possessives stay out of the mention, whatever the apostrophe
    ("Ag Ghaly's men", "en", [("iyad-ag-ghaly", "Ag Ghaly")]),
    ("Ag Ghaly\u2019s men", "en", [("iyad-ag-ghaly", "Ag Ghaly")]),
    ("Mali's army", "en", [("mali", "Mali")]),
    # the longest match wins and mentions never overlap
    ("Iyad Ag Ghaly said", "en", [("iyad-ag-ghaly", "Iyad Ag Ghaly")]),
    (
        "the Islamic State Sahel Province",
        "en",
        [("islamic-state-sahel", "Islamic State Sahel Province")],
    ),
    ("the Islamic State group", "en", [("islamic-state", "Islamic State group")]),
    ("the Islamic State Sahel", "en", [("islamic-state", "Islamic State")]),
    (
        "the Gulf of Guinea and Guinea",
        "en",
        [("gulf-of-guinea", "Gulf of Guinea"), ("guinea", "Guinea")],
    ),
    ("the Malian army in Mali", "en", [("malian-army", "Malian army"), ("mali", "Mali")]),
    # leading "the" is never part of a mention
    ("The Islamic State", "en", [("islamic-state", "Islamic State")]),
    # spaces, hyphens and line breaks between words are interchangeable
    (
        "al Qaeda, al-Qaeda, al\u2011Qaida",
        "en",
        [("al-qaida", "al Qaeda"), ("al-qaida", "al-Qaeda"), ("al-qaida", "al\u2011Qaida")],
    ),
    ("Gulf of\nGuinea", "en", [("gulf-of-guinea", "Gulf of\nGuinea")]),
    # accents and typographic apostrophes do not matter
    (
        "Menaka, M\u00e9naka, MENAKA, Me\u0301naka",
        "en",
        [
            ("menaka", "Menaka"),
            ("menaka", "M\u00e9naka"),
            ("menaka", "MENAKA"),
            ("menaka", "Me\u0301naka"),
        ],
    ),
    ("N\u2019Djamena", "en", [("ndjamena", "N\u2019Djamena")]),
    # French: elided articles and dropped accents
    (
        "l'\u00c9tat islamique et l\u2019Etat Islamique",
        "fr",
        [("islamic-state", "\u00c9tat islamique"), ("islamic-state", "Etat Islamique")],
    ),
    ("L'EI a frapp\u00e9, pas l'ei", "fr", [("islamic-state", "EI")]),
]


@pytest.mark.parametrize("text, lang, expected", CASES)
def test_find(glossary, text, lang, expected):
    mentions = glossary.find(text, lang)
    assert [(m.term, m.text) for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.segment == ""


# Arabic: the whole written word is the mention, prefixes included.
ARABIC = [
    ("والقاعدة", "al-qaida"),  # wa + al-Qaida
    ("للقاعدة", "al-qaida"),  # li + al-, written lil-
    ("فبالقاعدة", "al-qaida"),  # fa + bi + al-
    ("بمالي", "mali"),  # bi + Mali
    ("المالي", None),  # "the Malian": the article only goes on forms that have it
    ("المالية", None),  # suffixes are not stripped
    ("مـالي", "mali"),  # tatweel
    ("مالِي", "mali"),  # kasra
    ("اياد اغ غالي", "iyad-ag-ghaly"),  # alef without hamza
    ("وتنظيم الدولة الإسلامية", "islamic-state"),  # longest form, with wa
    ("بالدولة الاسلاميه", "islamic-state"),  # alias, bi + al-, heh for teh marbuta
    ("الجيش المالي", "malian-army"),
]


@pytest.mark.parametrize("text, term", ARABIC)
def test_find_arabic(glossary, text, term):
    expected = [(term, text, 0, len(text))] if term else []
    assert [(m.term, m.text, m.start, m.end) for m in glossary.find(text, "ar")] == expected


def test_find_arabic_in_a_sentence(glossary):
    text = "قال أغ غالي إن جماعة نصرة الإسلام والمسلمين في مالي."
    found = [(m.term, text[m.start : m.end]) for m in glossary.find(text, "ar")]
    assert found == [
        ("iyad-ag-ghaly", "أغ غالي"),
        ("gsim", "جماعة نصرة الإسلام والمسلمين"),
        ("mali", "مالي"),
    ]


@pytest.mark.parametrize(
    "form, expected",
    [
        ("IS", True),
        ("GSIM", True),
        ("G5", True),
        ("AL-QAIDA", True),
        ("FAMa", False),
        ("Mali", False),
        ("2012", False),
        ("\u0645\u0627\u0644\u064a", False),
    ],
)
def test_is_acronym(form, expected):
    assert is_acronym(form) is expected


def test_match_document_gives_segment_ids_and_offsets(glossary):
    doc = Document(
        "t",
        "en",
        make_blocks(
            [
                (BlockKind.TITLE, ["IS claims attack in Menaka"]),
                (BlockKind.PARAGRAPH, ["Nothing here.", "Iyad Ag Ghaly's GSIM is in Mali."]),
            ]
        ),
    )
    found = [m.to_dict() for m in glossary.match_document(doc)]
    assert found == [
        {"term": "islamic-state", "text": "IS", "segment": "p1.s1", "start": 0, "end": 2},
        {"term": "menaka", "text": "Menaka", "segment": "p1.s1", "start": 20, "end": 26},
        {
            "term": "iyad-ag-ghaly",
            "text": "Iyad Ag Ghaly",
            "segment": "p2.s2",
            "start": 0,
            "end": 13,
        },
        {"term": "gsim", "text": "GSIM", "segment": "p2.s2", "start": 16, "end": 20},
        {"term": "mali", "text": "Mali", "segment": "p2.s2", "start": 27, "end": 31},
    ]


def test_match_document_uses_the_document_language(glossary):
    doc = Document("t", "fr", make_blocks([(BlockKind.PARAGRAPH, ["L'EI et le GSIM au Mali."])]))
    assert [m.term for m in glossary.match_document(doc)] == ["islamic-state", "gsim", "mali"]


def test_protected_spans(glossary):
    text = "Ships in the Gulf of Guinea. Al-Qaeda's men left."
    assert glossary.protected_spans(text) == [(13, 27), (29, 37)]
    assert text[13:27] == "Gulf of Guinea"


def test_unknown_language_is_refused(glossary):
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        glossary.find("Mali", "xx")


def test_language_without_forms_finds_nothing(glossary):
    assert glossary.find("Mali GSIM", "dyu") == []


def test_matcher_is_compiled_once_per_language(glossary):
    assert glossary.matcher("en") is glossary.matcher("en")
    assert glossary.matcher("en") is not glossary.matcher("fr")


def test_fold_keeps_the_way_back_to_the_original():
    folded = fold("Me\u0301naka \u0645\u0640\u0627\u0644\u0650\u064a")
    assert folded.text == "Menaka \u0645\u0627\u0644\u064a"
    assert folded.span(0, 6) == (0, 7)
    assert folded.span(7, 11) == (8, 14)  # the kasra after the last letter belongs to it


def test_matching_a_large_glossary_is_fast():
    terms = [
        Term(
            id=f"t{i}", type="term", forms={"en": f"Name{i} Word{i}"}, aliases={"en": (f"ACR{i}",)}
        )
        for i in range(3000)
    ]
    big = Glossary(terms)
    text = "On Monday Name17 Word17 met ACR2999 and the others, said ACR12's aide. " * 700
    big.find("warm up")
    started = time.perf_counter()
    mentions = big.find(text)
    elapsed = time.perf_counter() - started
    assert len(mentions) == 2100
    assert elapsed < 1.0, f"{len(text)} characters took {elapsed:.2f} s"


# Property: terms inserted at known places are found exactly there.
FILLER = [
    "is",
    "the",
    "of",
    "malian",
    "army",
    "said",
    "in",
    "was",
    "\u00e9t\u00e9",
    "caf\u00e9",
    "cafe\u0301",
    "\u0641\u064a",
    "\u0642\u0627\u0644\u0640\u062a",
    "guineans",
    "islamist",
]
SEPARATORS = [" ", ", ", " (", ") ", ".\n", " \u2014 ", "\u2019s ", "'s "]
PLACED = {
    "islamic-state": ["IS", "Islamic State", "islamic state group"],
    "iyad-ag-ghaly": ["Iyad Ag Ghaly", "Ag Ghaly", "AG GHALY"],
    "gsim": ["GSIM", "JNIM"],
    "gulf-of-guinea": ["Gulf of Guinea", "gulf of\nguinea"],
    "menaka": ["Menaka", "M\u00e9naka", "Me\u0301naka"],
    "al-qaida": ["al-Qaida", "Al Qaeda", "\u0627\u0644\u0642\u0627\u0639\u062f\u0629"],
    "mali": ["Mali", "\u0628\u0645\u0627\u0644\u064a"],
}


def _variant(term_id: str, index: int) -> str:
    forms = PLACED[term_id]
    return forms[index % len(forms)]


pieces = st.one_of(
    st.sampled_from(FILLER).map(lambda w: ("filler", w)),
    st.tuples(st.sampled_from(sorted(PLACED)), st.integers(0, 5)).map(
        lambda t: (t[0], _variant(*t))
    ),
)


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=30))
def test_inserted_terms_are_found_at_their_offsets(parts):
    matcher = Matcher((form, term_id) for term_id, forms in PLACED.items() for form in forms)
    text, expected = "", []
    for (kind, piece), separator in parts:
        if kind != "filler":
            expected.append((kind, len(text), len(text) + len(piece)))
        text += piece + separator
    mentions = matcher.find(text)
    assert [(m.term, m.start, m.end) for m in mentions] == expected
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
