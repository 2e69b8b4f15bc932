"""The translation memory: keys, human preference, stats, clearing, concurrency, corruption."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.translate.base import Translation
from pipeline.translate.memory import (
    Hit,
    RememberingTranslator,
    TranslationMemory,
    TranslationMemoryError,
    default_memory_path,
)

KEY = {"src": "en", "tgt": "fr", "engine": "nllb", "model": "nllb-600m", "glossary_version": "g1"}


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        yield tm


def test_second_lookup_finds_what_was_stored(memory: TranslationMemory) -> None:
    assert memory.lookup(["Hello.", "Goodbye."], **KEY) == {}
    assert memory.store({"Hello.": "Bonjour."}, **KEY) == 1
    assert memory.lookup(["Hello.", "Goodbye."], **KEY) == {"Hello.": "Bonjour."}


@pytest.mark.parametrize(
    "field, value",
    [
        ("src", "fr"),
        ("tgt", "ar"),
        ("engine", "marian"),
        ("model", "nllb-1.3b"),
        ("glossary_version", "g2"),
    ],
)
def test_any_change_of_key_misses(memory: TranslationMemory, field: str, value: str) -> None:
    memory.store({"Hello.": "Bonjour."}, **KEY)
    assert memory.lookup(["Hello."], **{**KEY, field: value}) == {}


def test_source_text_is_matched_in_nfc_and_returned_as_given(memory: TranslationMemory) -> None:
    composed = "Le préfet."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    memory.store({decomposed: "Al-muhafiz."}, **KEY)
    assert memory.lookup([composed, decomposed], **KEY) == {
        composed: "Al-muhafiz.",
        decomposed: "Al-muhafiz.",
    }


def test_storing_again_replaces(memory: TranslationMemory) -> None:
    memory.store({"Hello.": "Salut."}, **KEY)
    memory.store([("Hello.", "Bonjour.")], **KEY)
    assert memory.lookup(["Hello."], **KEY) == {"Hello.": "Bonjour."}
    assert memory.stats()["entries"] == 1


def test_empty_translations_are_not_stored(memory: TranslationMemory) -> None:
    assert memory.store({"Hello.": "  ", "": "x"}, **KEY) == 0
    assert memory.lookup(["Hello."], **KEY) == {}


def test_large_batches_are_looked_up_whole(memory: TranslationMemory) -> None:
    pairs = {f"Sentence {i}.": f"Phrase {i}." for i in range(1500)}
    memory.store(pairs, **KEY)
    assert memory.lookup(list(pairs), **KEY) == pairs


def test_human_translation_is_preferred_whatever_model_or_glossary(
    memory: TranslationMemory,
) -> None:
    memory.store({"Hello.": "Bonjour (machine).", "Bye.": "Au revoir."}, **KEY)
    memory.store_human({"Hello.": "Bonjour."}, "en", "fr")
    assert memory.lookup_human(["Hello.", "Bye."], "en", "fr") == {"Hello.": "Bonjour."}
    assert memory.lookup_human(["Hello."], "en", "ar") == {}
    other = {**KEY, "model": "nllb-3.3b", "glossary_version": "g9"}
    assert memory.recall(["Hello.", "Bye."], **other) == {
        "Hello.": Hit("Bonjour.", "human", ""),
    }
    assert memory.recall(["Hello.", "Bye."], **KEY) == {
        "Hello.": Hit("Bonjour.", "human", ""),
        "Bye.": Hit("Au revoir.", "nllb", "nllb-600m"),
    }


def test_a_newer_human_translation_replaces_the_older(memory: TranslationMemory) -> None:
    memory.store_human({"Hello.": "Salut."}, "en", "fr")
    memory.store_human({"Hello.": "Bonjour."}, "en", "fr")
    assert memory.lookup_human(["Hello."], "en", "fr") == {"Hello.": "Bonjour."}


@pytest.mark.parametrize(
    "hit, provenance",
    [
        (Hit("x", "human", ""), "human"),
        (Hit("x", "nllb", "nllb-600m"), "nllb:nllb-600m"),
        (Hit("x", "plugin", ""), "plugin"),
    ],
)
def test_provenance_of_a_hit(hit: Hit, provenance: str) -> None:
    assert hit.provenance == provenance


def test_stats_count_by_engine_and_pair(memory: TranslationMemory) -> None:
    memory.store({"a": "1", "b": "2"}, **KEY)
    memory.store({"a": "3"}, **{**KEY, "tgt": "ar"})
    memory.store_human({"a": "4"}, "en", "fr")
    result = memory.stats()
    assert result["entries"] == 4
    assert result["by_engine"] == {"human": 1, "nllb": 3}
    assert result["by_pair"] == {"en-fr": 3, "en-ar": 1}
    assert result["by_engine_pair"] == {
        "human": {"en-fr": 1},
        "nllb:nllb-600m": {"en-ar": 1, "en-fr": 2},
    }
    assert result["size_bytes"] > 0
    assert result["path"] == str(memory.path)


def test_stats_of_a_missing_memory_do_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "none" / "tm.sqlite"
    assert TranslationMemory(path).stats()["entries"] == 0
    assert not path.exists()


@pytest.mark.parametrize(
    "engine, lang, removed, left",
    [
        (None, None, 4, 0),
        ("nllb", None, 3, 1),
        (None, "fr", 3, 1),
        ("nllb", "fr", 2, 2),
        ("marian", None, 0, 4),
    ],
)
def test_clear(
    memory: TranslationMemory, engine: str | None, lang: str | None, removed: int, left: int
) -> None:
    memory.store({"a": "1", "b": "2"}, **KEY)
    memory.store({"a": "3"}, **{**KEY, "tgt": "ar"})
    memory.store_human({"a": "4"}, "en", "fr")
    assert memory.clear(engine=engine, lang=lang) == removed
    assert memory.stats()["entries"] == left


def test_default_path_follows_kuma_tm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUMA_TM", str(tmp_path / "mine.sqlite"))
    assert default_memory_path() == tmp_path / "mine.sqlite"
    assert TranslationMemory().path == tmp_path / "mine.sqlite"


def test_default_path_is_in_kuma_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KUMA_TM", raising=False)
    monkeypatch.setenv("KUMA_HOME", str(tmp_path))
    assert default_memory_path() == tmp_path / "memory.sqlite"


def test_the_memory_is_written_in_wal_mode(memory: TranslationMemory) -> None:
    memory.store({"a": "1"}, **KEY)
    with sqlite3.connect(memory.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _write_many(path: str, worker: int, count: int, start: Any = None) -> None:
    if start is not None:
        start.wait(30)
    with TranslationMemory(path) as tm:
        for i in range(count):
            tm.store({f"w{worker} s{i}": f"t{i}"}, **KEY)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "tm.sqlite")
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_write_many, args=(path, w, 300, start)) for w in range(2)
    ]
    for worker in workers:
        worker.start()
    start.set()  # both create the file and write at the same moment
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    with TranslationMemory(path) as tm:
        assert tm.stats()["entries"] == 600
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_threads_writing_and_reading_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            _write_many(str(path), worker, 100)
            with TranslationMemory(path) as tm:
                sources = [f"w{worker} s{i}" for i in range(100)]
                assert len(tm.lookup(sources, **KEY)) == 100
        except BaseException as exc:  # collected for the main thread to report
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert TranslationMemory(path).stats()["entries"] == 400


def test_a_corrupt_file_is_a_clear_error_and_clear_starts_over(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    memory = TranslationMemory(path)
    with pytest.raises(TranslationMemoryError) as caught:
        memory.lookup(["Hello."], **KEY)
    assert str(caught.value) == (
        f"translation memory {path} is corrupt (file is not a database): "
        "run `kuma tm clear` to start a new one"
    )
    with pytest.raises(TranslationMemoryError, match="is corrupt"):
        memory.stats()
    with pytest.raises(TranslationMemoryError, match="is corrupt"):
        memory.clear(engine="nllb")
    assert memory.clear() == 0
    memory.store({"Hello.": "Bonjour."}, **KEY)
    assert memory.lookup(["Hello."], **KEY) == {"Hello.": "Bonjour."}


# -- translating through the memory -------------------------------------------


class Upper:
    """A translator that upper-cases, carries numbers over, and counts what it was sent."""

    name = "upper"
    needs_network = False

    def __init__(self, model: str = "m1") -> None:
        self.model = model
        self.sent: list[list[str]] = []

    def languages(self) -> set[str]:
        return {"fr"}

    def availability(self, lang: str) -> str | None:
        return None

    def translate(self, document: Document, lang: str) -> Translation:
        segments = list(document.segments())
        self.sent.append([s.id for s in segments])
        texts = {s.id: s.text if s.text.isdigit() else s.text.upper() for s in segments}
        provenance = {
            s.id: "source" if s.text.isdigit() else f"{self.name}:{self.model}" for s in segments
        }
        return Translation(lang, texts, provenance, self.name, self.model, "1.0")


def article() -> Document:
    return Document(
        "Title",
        "en",
        make_blocks(
            [
                (BlockKind.TITLE, ["Title"]),
                (BlockKind.PARAGRAPH, ["One.", "2015"]),
                (BlockKind.PARAGRAPH, ["Three."]),
            ]
        ),
    )


def test_a_second_run_translates_nothing(memory: TranslationMemory) -> None:
    engine = Upper()
    first = RememberingTranslator(engine, memory, "m1", "g1").translate(article(), "fr")
    second = RememberingTranslator(engine, memory, "m1", "g1").translate(article(), "fr")
    # only the number comes back, for the engine to carry over again without a model
    assert engine.sent == [["p1.s1", "p2.s1", "p2.s2", "p3.s1"], ["p2.s2"]]
    assert second.texts == first.texts == {
        "p1.s1": "TITLE", "p2.s1": "ONE.", "p2.s2": "2015", "p3.s1": "THREE."
    }
    assert second.provenance == first.provenance == {
        "p1.s1": "upper:m1", "p2.s1": "upper:m1", "p2.s2": "source", "p3.s1": "upper:m1"
    }
    assert (second.engine, second.model) == ("upper", "m1")
    assert memory.stats()["entries"] == 3  # the number carried over is not remembered


def test_a_run_found_whole_in_memory_calls_no_engine(memory: TranslationMemory) -> None:
    pairs = {"Title": "T", "One.": "Un.", "2015": "2015", "Three.": "Trois."}
    memory.store(pairs, "en", "fr", "upper", "m1", "g1")
    engine = Upper()
    result = RememberingTranslator(engine, memory, "m1", "g1").translate(article(), "fr")
    assert engine.sent == []
    assert result.version == "translation memory"


def test_only_new_sentences_are_sent(memory: TranslationMemory) -> None:
    engine = Upper()
    RememberingTranslator(engine, memory, "m1", "g1").translate(article(), "fr")
    edited = article()
    edited.blocks[2].segments[0].text = "Three, edited."
    result = RememberingTranslator(engine, memory, "m1", "g1").translate(edited, "fr")
    assert engine.sent[1] == ["p2.s2", "p3.s1"]
    assert result.texts["p3.s1"] == "THREE, EDITED."
    assert result.version == "1.0"


@pytest.mark.parametrize("model, glossary", [("m2", "g1"), ("m1", "g2")])
def test_a_new_model_or_glossary_translates_again(
    memory: TranslationMemory, model: str, glossary: str
) -> None:
    RememberingTranslator(Upper(), memory, "m1", "g1").translate(article(), "fr")
    engine = Upper(model)
    RememberingTranslator(engine, memory, model, glossary).translate(article(), "fr")
    assert engine.sent == [["p1.s1", "p2.s1", "p2.s2", "p3.s1"]]


def test_a_human_translation_is_stored_and_preferred_next_time(
    memory: TranslationMemory,
) -> None:
    class Human(Upper):
        name = "human"

        def translate(self, document: Document, lang: str) -> Translation:
            texts = {s.id: f"humain {s.text}" for s in document.segments()}
            return Translation(lang, texts, dict.fromkeys(texts, "human"), "human", "fr.xliff")

    RememberingTranslator(Human(), memory, "", "").translate(article(), "fr")
    engine = Upper()
    result = RememberingTranslator(engine, memory, "m9", "g9").translate(article(), "fr")
    assert engine.sent == []
    assert result.texts["p2.s1"] == "humain One."
    assert set(result.provenance.values()) == {"human"}
