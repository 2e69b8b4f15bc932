"""Glossary enforcement without a model: prepare, choose among n-best, repair, flag."""

from __future__ import annotations

import pytest

from pipeline.glossary import Glossary, Mention
from pipeline.translate.enforce import (
    NBEST,
    PREFIX,
    VARIANT,
    Completion,
    Hypothesis,
    Prepared,
    TermEnforcer,
    forced_prefix,
    join_words,
    restore_boundary,
)
from pipeline.translate.variants import attach, repair_variant


def prepared(glossary: Glossary, lang: str, text: str) -> Prepared:
    return TermEnforcer(glossary, lang).prepare(text, glossary.find(text, "en"))


class Recorder:
    """A prefix decoder that continues every prefix with fixed words and records prefixes."""

    def __init__(self, continuation: str = "suite du texte", drop: str = "") -> None:
        self.prefixes: list[str] = []
        self.continuation = continuation
        self.drop = drop  # characters the "tokenizer" cannot write

    def __call__(self, prefix: str) -> Completion:
        self.prefixes.append(prefix)
        seen = "".join(c for c in prefix if c not in self.drop)
        return Completion(seen, f"{seen} {self.continuation}")


# -- prepare ----------------------------------------------------------------------


def test_prepare_puts_same_script_forms_in_place(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "Fighters of the Islamic State met Iyad Ag Ghaly.")
    assert source.text == "Fighters of the État islamique met Iyad Ag Ghaly."
    assert [source.text[m.start : m.end] for m in source.mentions] == [
        "État islamique",
        "Iyad Ag Ghaly",
    ]
    assert [m.term for m in source.mentions] == ["islamic-state", "iyad-ag-ghaly"]


def test_prepare_leaves_aliases_for_the_model(engine_glossary: Glossary) -> None:
    text = "IS and the Support Group for Islam and Muslims fought."
    assert prepared(engine_glossary, "fr", text).text == text


def test_prepare_leaves_other_scripts_alone(engine_glossary: Glossary) -> None:
    text = "The Islamic State is in Kidal."
    source = prepared(engine_glossary, "ar", text)
    assert source.text == text
    assert [source.text[m.start : m.end] for m in source.mentions] == ["Islamic State", "Kidal"]


def test_prepare_skips_terms_without_a_target_form(engine_glossary: Glossary) -> None:
    assert prepared(engine_glossary, "bm", "Sharia in Mali.").text == "Sharia in Mali."


# -- choose -----------------------------------------------------------------------


def test_the_best_hypothesis_is_kept_when_it_has_the_terms(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "Kidal is calm.")
    decoder = Recorder()
    hypotheses = [Hypothesis("Kidal est calme.", -0.1), Hypothesis("Kidal reste calme.", -0.5)]
    result = TermEnforcer(engine_glossary, "fr").enforce(source, hypotheses, decoder)
    assert (result.text, result.repairs, result.check.missing) == ("Kidal est calme.", [], [])
    assert decoder.prefixes == []


def test_a_lower_hypothesis_with_the_terms_wins(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "Iyad Ag Ghaly went to Kidal.")
    hypotheses = [
        Hypothesis("Il est allé à Kidal.", -0.1),
        Hypothesis("Iyad est allé à Kidal.", -0.2),
        Hypothesis("Iyad Ag Ghaly est allé à Kidal.", -0.3),
    ]
    result = TermEnforcer(engine_glossary, "fr").enforce(source, hypotheses, Recorder())
    assert result.text == "Iyad Ag Ghaly est allé à Kidal."
    assert result.repairs == [NBEST]
    assert result.check.found == ["iyad-ag-ghaly", "kidal"]


# -- repair ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "source_text", "hypothesis", "repaired"),
    [
        ("fr", "Iyad Ag Ghaly spoke.", "Iyad Ag Ghali a parlé.", "Iyad Ag Ghaly a parlé."),
        ("fr", "The Kremlin denied.", "Le Kremelin a démenti.", "Le Kremlin a démenti."),
        ("fr", "Fighting the Islamic State.", "Combattre IS.", "Combattre État islamique."),
        ("ar", "Iyad Ag Ghaly said.", "وقال إياد أق غالي", "وقال إياد أغ غالي"),
        ("ar", "He went to the Kremlin.", "ذهب إلى الكرملن", "ذهب إلى الكرملين"),
    ],
)
def test_near_misses_are_corrected(
    engine_glossary: Glossary, lang: str, source_text: str, hypothesis: str, repaired: str
) -> None:
    source = TermEnforcer(engine_glossary, lang).prepare(
        source_text, engine_glossary.find(source_text, "en")
    )
    decoder = Recorder()
    result = TermEnforcer(engine_glossary, lang).enforce(source, [Hypothesis(hypothesis)], decoder)
    assert result.text == repaired
    assert result.repairs == [VARIANT]
    assert result.check.ok
    assert decoder.prefixes == []


@pytest.mark.parametrize(
    ("text", "form", "spellings"),
    [
        ("l'armée malienne au Maroc", "Mali", ["Mali"]),  # "malienne" is not "Mali"
        ("il a dit oui", "EI", ["EI", "Islamic State", "IS"]),  # short forms only exactly
        ("ils ont vu is", "EI", ["EI", "Islamic State", "IS"]),  # ... and with their case
    ],
)
def test_words_that_only_look_alike_are_not_replaced(
    text: str, form: str, spellings: list[str]
) -> None:
    assert repair_variant(text, form, spellings, "fr") is None


@pytest.mark.parametrize(
    ("particle", "form", "written"),
    [
        ("و", "إياد أغ غالي", "وإياد أغ غالي"),
        ("ب", "الكرملين", "بالكرملين"),
        ("وب", "الكرملين", "وبالكرملين"),
        ("ل", "الكرملين", "للكرملين"),
        ("ول", "الكرملين", "وللكرملين"),
        ("ل", "مالي", "لمالي"),
        ("", "الكرملين", "الكرملين"),
    ],
)
def test_arabic_particles_stay_attached(particle: str, form: str, written: str) -> None:
    assert attach(particle, form) == written


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("اتصل وبالكرملن", "اتصل وبالكرملين"),
        ("اتصل بالكرملن", "اتصل بالكرملين"),
        ("اتصل للكرملن", "اتصل للكرملين"),
        ("اتصل الكرملن", "اتصل الكرملين"),
    ],
)
def test_an_arabic_variant_keeps_its_particle(text: str, fixed: str) -> None:
    assert repair_variant(text, "الكرملين", ["الكرملين"], "ar") == fixed


def test_missing_terms_are_forced_where_they_belong(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "Yesterday in Kidal, the leader met Iyad Ag Ghaly.")
    decoder = Recorder()
    hypothesis = Hypothesis("Hier à Tombouctou, le chef a rencontré un homme.")
    result = TermEnforcer(engine_glossary, "fr").enforce(source, [hypothesis], decoder)
    assert decoder.prefixes == [
        "Hier à Kidal",
        "Hier à Kidal suite Iyad Ag Ghaly",  # 70% into the source, 4 words of 6
    ]
    assert result.repairs == [PREFIX, PREFIX]
    assert result.check.ok and result.check.found == ["kidal", "iyad-ag-ghaly"]
    assert result.text == "Hier à Kidal suite Iyad Ag Ghaly suite du texte"


def test_a_term_the_model_cannot_write_is_flagged(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "They fled Zorgland and Mali.")
    decoder = Recorder(drop="Ꝣ")
    result = TermEnforcer(engine_glossary, "fr").enforce(
        source, [Hypothesis("Ils ont fui le pays.")], decoder
    )
    assert result.check.missing == ["zorgland"]
    assert result.check.found == ["mali"]
    assert "Mali" in result.text


def test_with_no_room_left_the_term_is_inserted(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "Talks were held in Kidal")
    result = TermEnforcer(engine_glossary, "fr").enforce(
        source, [Hypothesis("Des pourparlers ont eu lieu à Gao")], lambda prefix: None
    )
    assert result.text == "Des pourparlers ont eu lieu à Kidal Gao"
    assert result.check.ok and result.repairs == [PREFIX]


def test_terms_without_a_target_form_are_unknown_never_invented(
    engine_glossary: Glossary,
) -> None:
    source = prepared(engine_glossary, "bm", "Sharia was imposed.")
    decoder = Recorder()
    result = TermEnforcer(engine_glossary, "bm").enforce(
        source, [Hypothesis("Sariya sigira.")], decoder
    )
    assert result.check.unknown == ["sharia"]
    assert result.check.expected == ["sharia"] and not result.check.found
    assert decoder.prefixes == []
    assert result.text == "Sariya sigira."


def test_overlapping_forms_count_once_each(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "The Kidal region, around Kidal.")
    assert [m.term for m in source.mentions] == ["kidal-region", "kidal"]
    result = TermEnforcer(engine_glossary, "fr").enforce(
        source, [Hypothesis("La région de Kidal, autour de Kidal.")], Recorder()
    )
    assert result.check.found == ["kidal-region", "kidal"]


# -- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "form", "lang", "joined"),
    [
        ("combattre le", "EI", "fr", "combattre l'EI"),
        ("les chefs de", "Al-Qaïda", "fr", "les chefs d'Al-Qaïda"),
        ("Le", "État islamique", "fr", "L'État islamique"),
        ("la ville de", "Kidal", "fr", "la ville de Kidal"),
        ("ka bɔ de", "EI", "bm", "ka bɔ de EI"),
        ("", "Kidal", "fr", "Kidal"),
    ],
)
def test_french_elision(head: str, form: str, lang: str, joined: str) -> None:
    assert join_words(head, form, lang) == joined


@pytest.mark.parametrize(
    ("text", "at", "locked", "prefix", "rest"),
    [
        ("un deux trois quatre", 0.0, "", "Kidal", "un deux trois quatre"),
        ("un deux trois quatre", 0.5, "", "un deux Kidal", "trois quatre"),
        ("un deux trois quatre", 1.0, "", "un deux trois quatre Kidal", ""),
        ("un deux trois quatre", 0.0, "un deux trois", "un deux trois Kidal", "quatre"),
    ],
)
def test_forced_prefix_position(text: str, at: float, locked: str, prefix: str, rest: str) -> None:
    assert forced_prefix(text, at, locked, "Kidal", "fr") == (prefix, rest)


@pytest.mark.parametrize(
    ("prefix", "text", "restored"),
    [
        ("à Kidal", "à Kidalxyz abc", "à Kidal xyz abc"),
        ("à Kidal", "à Kidal, abc", "à Kidal, abc"),
        ("à Kidal", "à Kidal", "à Kidal"),
        ("à Kidal", "autre chose", "autre chose"),
    ],
)
def test_restore_boundary(prefix: str, text: str, restored: str) -> None:
    assert restore_boundary(prefix, text) == restored


def test_mentions_keep_their_source_text(engine_glossary: Glossary) -> None:
    source = prepared(engine_glossary, "fr", "The Islamic State.")
    assert source.mentions == [Mention("islamic-state", "Islamic State", "", 4, 18)]
