"""The nllb, marian and ct2 engines on tiny real checkpoints (transformers and CTranslate2).

The tiny models write gibberish: these tests check what must hold whatever the
quality: every segment translated, glossary forms present or flagged, nothing
truncated, numbers and addresses carried over, clear errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tiny_models import TinyModels

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import KumaError, LanguageError, ModelMissingError
from pipeline.glossary import Glossary
from pipeline.models.locate import resolve_model
from pipeline.translate import get_translator, neural
from pipeline.translate.chunking import split_to_fit
from pipeline.translate.ct2 import Ct2Backend
from pipeline.translate.engines import Ct2Translator, MarianTranslator, NllbTranslator
from pipeline.translate.hf import output_budget
from pipeline.translate.neural import EngineTranslation, NeuralTranslator
from pipeline.translate.passthrough import GLOSSARY, SOURCE
from pipeline.translate.tokens import ModelTokenizer

pytestmark = pytest.mark.usefixtures("no_network")

ENGINES = [
    ("nllb", "nllb", "fr", "transformers"),
    ("nllb", "nllb", "bm", "transformers"),
    ("ct2", "nllb_ct2", "ar", "ctranslate2"),
    ("marian", "marian_fr", "fr", "transformers"),
    ("marian", "marian_ar", "ar", "transformers"),
    ("ct2", "marian_fr_ct2", "fr", "ctranslate2"),
]


SERVED = "engines that do: ct2, nllb"


def document(*sentences: str, lang: str = "en") -> Document:
    blocks = make_blocks([(BlockKind.PARAGRAPH, [s]) for s in sentences])
    return Document("Test", lang, blocks)


def ids(doc: Document) -> list[str]:
    return [s.id for s in doc.segments()]


@pytest.mark.parametrize(("engine", "attr", "lang", "runtime"), ENGINES)
def test_engines_translate_every_segment_with_the_glossary_terms(
    tiny_models: TinyModels,
    engine_glossary: Glossary,
    engine: str,
    attr: str,
    lang: str,
    runtime: str,
) -> None:
    path = getattr(tiny_models, attr)
    translator = get_translator(engine, model=str(path), glossary=engine_glossary, beam_size=2)
    doc = document("Iyad Ag Ghaly met leaders in Kidal.", "2015", "The talks were secret.")
    result = translator.translate(doc, lang)
    assert isinstance(result, EngineTranslation)
    assert list(result.texts) == ids(doc) == list(result.provenance)
    assert (result.lang, result.engine, result.model) == (lang, engine, path.name)
    assert result.version.startswith(runtime)
    assert result.provenance == {
        "p1.s1": f"{engine}:{path.name}",
        "p2.s1": SOURCE,
        "p3.s1": f"{engine}:{path.name}",
    }
    assert result.texts["p2.s1"] == "2015"
    assert all(result.texts.values())
    check = result.checks["p1.s1"]
    assert check.found == ["iyad-ag-ghaly", "kidal"] and check.ok
    assert result.term_accuracy() == (2, 2)
    assert result.flagged() == {}
    for term in ("iyad-ag-ghaly", "kidal"):
        assert engine_glossary.matcher(lang, term).find(result.texts["p1.s1"])


def test_a_term_the_model_cannot_write_is_flagged(
    tiny_models: TinyModels, engine_glossary: Glossary
) -> None:
    translator = NllbTranslator(model=str(tiny_models.nllb), glossary=engine_glossary)
    result = translator.translate(document("They fled Zorgland for Mali."), "fr")
    check = result.checks["p1.s1"]
    assert (check.found, check.missing) == (["mali"], ["zorgland"])
    assert list(result.flagged()) == ["p1.s1"]
    assert result.term_accuracy() == (1, 2)


def test_a_glossary_without_the_target_language_flags_the_term(
    tiny_models: TinyModels, engine_glossary: Glossary
) -> None:
    translator = Ct2Translator(model=str(tiny_models.nllb_ct2), glossary=engine_glossary)
    result = translator.translate(document("Sharia was imposed in Kidal."), "bm")
    check = result.checks["p1.s1"]
    assert (check.found, check.missing, check.unknown) == (["kidal"], [], ["sharia"])
    assert list(result.flagged()) == ["p1.s1"]
    assert result.term_accuracy() == (1, 2)


def test_segments_that_need_no_model_never_load_one(
    tiny_models: TinyModels, engine_glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: NeuralTranslator, ref: object) -> None:
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(NllbTranslator, "load", refuse)
    doc = document("2015", "https://example.org/story?id=3", "", "Kidal.", "Islamic State")
    translator = NllbTranslator(model=str(tiny_models.nllb), glossary=engine_glossary)
    result = translator.translate(doc, "ar")
    assert list(result.texts.values()) == [
        "2015",
        "https://example.org/story?id=3",
        "",
        "كيدال.",
        "تنظيم الدولة الإسلامية",
    ]
    assert list(result.provenance.values()) == [SOURCE, SOURCE, SOURCE, GLOSSARY, GLOSSARY]
    assert result.term_accuracy() == (2, 2)


def test_a_five_thousand_word_sentence_is_translated_whole(
    tiny_models: TinyModels, engine_glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    split: list[str] = []
    sent: list[str] = []

    def record_split(text: str, *args: object) -> list[str]:
        split.extend(split_to_fit(text, *args))  # type: ignore[arg-type]
        return split

    generate = Ct2Backend.generate

    def record_sent(self: Ct2Backend, sources: list[str], *args: object) -> object:
        if len(args) == 3:  # not a repair, which decodes a piece again with a forced prefix
            sent.extend(sources)
        return generate(self, sources, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(neural, "split_to_fit", record_split)
    monkeypatch.setattr(Ct2Backend, "generate", record_sent)
    words = ["the", "leaders", "of", "the", "armed", "groups", "in", "the", "north", "met"]
    sentence = " ".join(words[n % len(words)] for n in range(5000)) + " in Kidal."
    translator = Ct2Translator(
        model=str(tiny_models.nllb_ct2), glossary=engine_glossary, beam_size=1, batch_size=32
    )
    result = translator.translate(document(sentence), "fr")
    assert "".join(split) == sentence
    assert sorted(sent) == sorted(piece.strip() for piece in split)  # each piece sent once
    tokenizer = ModelTokenizer(resolve_model(str(tiny_models.nllb_ct2), "ct2"))
    assert max(len(tokenizer.source_ids(piece, "fr")) for piece in sent) <= 32
    assert result.pieces["p1.s1"] == len(split) > 150
    assert result.checks["p1.s1"].found == ["kidal"]  # the last words were translated too


@pytest.mark.parametrize("attr", ["nllb", "nllb_ct2"])
def test_batching_gives_the_same_greedy_translation(tiny_models: TinyModels, attr: str) -> None:
    doc = document(
        "Kidal is calm.",
        "The talks took place last week in the north, sources said.",
        "He met them.",
        "Hundreds of civilians have died and there has been a mass exodus.",
        "The junta has forged close ties with the Kremlin.",
    )
    engine = Ct2Translator if attr == "nllb_ct2" else NllbTranslator
    path = str(getattr(tiny_models, attr))
    one = engine(model=path, beam_size=1, batch_size=1).translate(doc, "fr")
    many = engine(model=path, beam_size=1, batch_size=8).translate(doc, "fr")
    assert one.texts == many.texts


@pytest.mark.parametrize(
    ("engine", "lang", "message"),
    [
        (MarianTranslator, "bm", f"marian does not translate into Bambara (bm); {SERVED}"),
        (MarianTranslator, "dyu", f"marian does not translate into Dyula (dyu); {SERVED}"),
        (NllbTranslator, "xx", "unknown language code 'xx' (known: en, fr, ar, bm, dyu)"),
        (NllbTranslator, "en", "nllb does not translate into English (en); no engine does"),
    ],
)
def test_unsupported_languages_name_the_engines_that_serve_them(
    engine: type[NeuralTranslator], lang: str, message: str
) -> None:
    with pytest.raises(LanguageError) as error:
        engine().translate(document("Kidal is calm."), lang)
    assert str(error.value) == message
    assert engine().availability(lang) == message


def test_a_one_pair_model_serves_its_pair_only(tiny_models: TinyModels) -> None:
    translator = MarianTranslator(model=str(tiny_models.marian_fr))
    assert translator.languages() == {"fr"}
    with pytest.raises(LanguageError) as error:
        translator.translate(document("Kidal is calm."), "ar")
    assert str(error.value) == (
        "marian does not translate into Arabic (ar); engines that do: ct2, nllb"
    )


@pytest.mark.parametrize(
    ("engine", "model", "languages"),
    [
        (NllbTranslator, None, {"fr", "ar", "bm", "dyu"}),
        (MarianTranslator, None, {"fr", "ar"}),
        (Ct2Translator, None, {"fr", "ar", "bm", "dyu"}),
        (MarianTranslator, "marian_ar", {"ar"}),
        (Ct2Translator, "marian_fr_ct2", {"fr"}),
        (Ct2Translator, "nllb_ct2", {"fr", "ar", "bm", "dyu"}),
    ],
)
def test_languages(
    tiny_models: TinyModels,
    model_home: Path,
    engine: type[NeuralTranslator],
    model: str | None,
    languages: set[str],
) -> None:
    path = str(getattr(tiny_models, model)) if model else None
    assert engine(model=path).languages() == languages


def test_source_text_must_be_english(tiny_models: TinyModels) -> None:
    with pytest.raises(LanguageError) as error:
        NllbTranslator(model=str(tiny_models.nllb)).translate(document("Kidal.", lang="fr"), "ar")
    assert str(error.value) == "nllb translates from English (en), not 'fr'"


@pytest.mark.parametrize(
    ("engine", "lang", "message"),
    [
        (
            NllbTranslator,
            "fr",
            "model nllb-600m (facebook/nllb-200-distilled-600M) is not on this machine: "
            "run `kuma models pull nllb-600m`",
        ),
        (
            MarianTranslator,
            "ar",
            "model opus-mt-en-ar (Helsinki-NLP/opus-mt-en-ar) is not on this machine: "
            "run `kuma models pull opus-mt-en-ar`",
        ),
        (
            Ct2Translator,
            "bm",
            "model nllb-600m-ct2 (CTranslate2 conversion of facebook/nllb-200-distilled-600M) "
            "is not on this machine: run `kuma models pull nllb-600m-ct2`",
        ),
    ],
)
def test_a_missing_model_is_never_downloaded(
    model_home: Path, engine: type[NeuralTranslator], lang: str, message: str
) -> None:
    assert engine().availability(lang) == message
    with pytest.raises(ModelMissingError) as error:
        engine().translate(document("Kidal is calm."), lang)
    assert str(error.value) == message


def test_available_with_a_model_on_disk(tiny_models: TinyModels) -> None:
    assert NllbTranslator(model=str(tiny_models.nllb)).availability("dyu") is None
    assert Ct2Translator(model=str(tiny_models.marian_fr_ct2)).availability("fr") is None


@pytest.mark.parametrize(("option", "value"), [("beam_size", 0), ("batch_size", -1)])
def test_bad_options(option: str, value: int) -> None:
    options: dict[str, Any] = {option: value}
    with pytest.raises(KumaError) as error:
        NllbTranslator(**options)
    assert str(error.value) == f"{option.replace('_', ' ')} must be at least 1, not {value}"


def test_tokenizers_ask_for_the_language(tiny_models: TinyModels) -> None:
    nllb = ModelTokenizer(resolve_model(str(tiny_models.nllb), "transformers"))
    source = nllb.source_ids("Kidal is calm.", "bm")
    assert nllb.tokens(source)[0] == "eng_Latn" and nllb.tokens(source)[-1] == "</s>"
    assert nllb.tokens(nllb.prefix_ids("bm")) == ["bam_Latn"]
    assert nllb.tokens(nllb.prefix_ids("ar", "كيدال")) == ["arb_Arab", "▁كيدال"]
    marian = ModelTokenizer(resolve_model(str(tiny_models.marian_ar), "transformers"))
    assert marian.tokens(marian.source_ids("Kidal", "ar"))[0] == ">>ara<<"
    assert marian.prefix_ids("ar") == []


def test_the_output_budget_outgrows_the_library_default() -> None:
    assert output_budget(200, 2, 1024) == 416  # transformers' NLLB default stops at 200
    assert output_budget(600, 2, 1024) == 1021
    assert output_budget(10, 70, 64) == 1


def _without_declared_limit(source: Path, folder: Path) -> Path:
    """A copy of a conversion whose tokenizer declares no length limit."""
    import json
    import shutil

    shutil.copytree(source, folder)
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config.pop("model_max_length", None)
    config_path.write_text(json.dumps(config))
    return folder


def test_a_conversion_takes_its_limit_from_the_model_itself(
    tiny_models: TinyModels, tmp_path: Path
) -> None:
    """The tokenizer declares nothing; model.bin has 64 positions: decoding never asks for
    position 64 (CTranslate2 would raise 'No position encodings are defined...')."""
    folder = _without_declared_limit(tiny_models.nllb_ct2, tmp_path / "ct2")
    ref = resolve_model(str(folder), "ct2")
    assert ModelTokenizer(ref).max_length == 0
    assert Ct2Backend(ref).max_length == 64


def test_a_long_segment_with_terms_translates_on_such_a_conversion(
    tiny_models: TinyModels, engine_glossary: Glossary, tmp_path: Path
) -> None:
    folder = _without_declared_limit(tiny_models.nllb_ct2, tmp_path / "ct2")
    text = "Iyad Ag Ghaly spoke in Kidal about the Islamic State and the GSIM. " * 6
    engine = Ct2Translator(model=str(folder), glossary=engine_glossary)
    result = engine.translate(document(text), "fr")
    assert result.texts["p1.s1"]


def test_a_backend_error_is_one_line_naming_model_and_segment(
    tiny_models: TinyModels, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("No position encodings are defined for positions >= 256\nmore")

    monkeypatch.setattr(Ct2Backend, "generate", broken)
    engine = Ct2Translator(model=str(tiny_models.nllb_ct2))
    with pytest.raises(KumaError) as caught:
        engine.translate(document("The army left the town."), "fr")
    assert str(caught.value) == (
        f"ct2 model {tiny_models.nllb_ct2.name} failed on segment p1.s1 (RuntimeError: "
        "No position encodings are defined for positions >= 256 more)"
    )


def test_a_repair_the_backend_cannot_decode_falls_back_to_inserting_the_term(
    tiny_models: TinyModels, engine_glossary: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.translate.hf import TransformersBackend

    original = TransformersBackend.generate
    attempts: list[str] = []

    def no_prefix(self: Any, sources: Any, lang: str, beam: int, n_best: int,
                  prefix: str = "") -> Any:
        if prefix:
            attempts.append(prefix)
            raise RuntimeError("No position encodings are defined for positions >= 256")
        return original(self, sources, lang, beam, n_best, prefix)

    monkeypatch.setattr(TransformersBackend, "generate", no_prefix)
    translator = NllbTranslator(model=str(tiny_models.nllb), glossary=engine_glossary)
    result = translator.translate(document("They fled Zorgland for Mali."), "fr")
    assert attempts, "the forced-prefix repair was not tried"
    # The decoder failed: the term is put where it belongs in the best translation, as
    # when a prefix leaves no room to decode; nothing is lost, nothing is raised.
    text = result.texts["p1.s1"]
    assert "Ꝣorgland" in text and "Mali" in text.split("Ꝣorgland", 1)[1]
    assert result.checks["p1.s1"].missing == []
