"""Redo only what changed: the caches, an unchanged re-run, a one-segment correction, and
exactly which clips a voice setting or a pronunciation invalidates."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.glossary import load_glossary
from pipeline.ingest import document_from_bytes, read_document
from pipeline.speech.espeak import EspeakVoice
from pipeline.speech.lexicon import Lexicon
from pipeline.speech.prepare import prepare_text
from pipeline.speech.synth import Tally, clip_key
from pipeline.storage import Cache

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mali-article.txt"
TRANSLATIONS = ROOT / "examples" / "translations"
CORRECTED = ("ont indiqué des sources proches de ces rencontres.",
             "ont dit des sources proches de ces rencontres.")


def kuma(*args: str) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json", "-q"], catch_exceptions=False)
    assert result.exit_code in (0, 3), result.output
    return json.loads(result.stdout)[0]


def hashes(package: Path) -> dict[str, str]:
    return {str(p.relative_to(package)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(package.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache for the module's runs (each test otherwise gets a Kuma home of its own)."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    os.environ["KUMA_CACHE"] = str(folder)
    yield folder
    os.environ.pop("KUMA_CACHE", None)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, shared_cache: Path) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("redo")
    first = kuma("run", str(ARTICLE), "--lang", "fr,ar,bm", "--translations", str(TRANSLATIONS),
                 "--out", str(out))
    return out / "mali-article", first


def test_an_unchanged_rerun_makes_and_writes_nothing(package: tuple[Path, dict]) -> None:
    folder, first = package
    assert first["redone"]["made"]["clips:fr"] == 27  # the first run spoke every segment
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}
    again = kuma("run", str(ARTICLE), "--lang", "fr,ar,bm", "--translations", str(TRANSLATIONS),
                 "--out", str(folder.parent))
    assert again["written"] == [] and again["redone"]["made"] == {}
    assert again["redone"]["reused"]["audio:fr"] == 1
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()} == before


def test_a_one_segment_correction_redoes_only_its_language(
    package: tuple[Path, dict], tmp_path: Path, shared_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, _ = package
    kit = (folder / "review" / "fr.xliff").read_text(encoding="utf-8")
    assert CORRECTED[0] in kit
    corrected = tmp_path / "fr.xliff"
    corrected.write_text(kit.replace(*CORRECTED), encoding="utf-8")
    before = hashes(folder)
    pieces = Cache(shared_cache).stats()["mp3"]["entries"]
    # Only the changed target is read to tell the kit's language: the others were judged
    # when they came in.
    import pipeline.xliff.reader as reader

    judged: list[str] = []
    real = reader.identify
    monkeypatch.setattr(reader, "identify", lambda text, *a: judged.append(text) or
                        real(text, *a))
    imported = kuma("xliff", "import", str(corrected), "--into", str(folder))
    assert len(judged) == 1 and judged[0].endswith(CORRECTED[1])
    assert judged[0].startswith("Un puissant chef")  # the whole segment, nothing else
    # The French recordings are mastered again, but only the pieces with the corrected
    # sentence are encoded: a piece of the article and a few of the easy version.
    new_pieces = Cache(shared_cache).stats()["mp3"]["entries"] - pieces
    assert 2 <= new_pieces <= 6 < pieces / 20
    made = imported["redone"]["made"]
    assert made["clips:fr"] == 1 and made["audio:fr"] == 1  # one clip, French mastered again
    assert made["easy:fr"] == 1
    assert {kind.split(":")[1] for kind in made} == {"fr"}  # nothing redone elsewhere
    after = hashes(folder)
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed and all(p.startswith(("fr/", "review/fr.xliff", "manifest.json"))
                           for p in changed), sorted(changed)
    assert "dit des sources proches" in (folder / "fr" / "article.txt").read_text()
    assert {"fr/article.mp3", "fr/easy.mp3", "fr/article.vtt"} <= changed


def test_a_voice_setting_invalidates_exactly_its_clips(tmp_path: Path) -> None:
    """espeak's French pace changes the French clips' keys, never the English ones."""
    glossary = load_glossary()
    doc = read_document(ARTICLE, glossary=glossary)
    texts = [prepare_text(s.text, "en", Lexicon(glossary, "en")) for s in doc.segments()]
    usual, faster = EspeakVoice(), EspeakVoice(rates={"fr": 200})
    assert [clip_key(usual, t, "en") for t in texts] == [clip_key(faster, t, "en") for t in texts]
    assert clip_key(usual, "Bonjour.", "fr") != clip_key(faster, "Bonjour.", "fr")
    cache = Cache(tmp_path / "cache")
    first, again = Tally(cache), Tally(cache)
    for text in texts[:3]:
        first.clip(usual, text, "en")
    for text in texts[:3]:
        again.clip(faster, text, "en")  # English clips are the same: all reused
    assert (first.made, again.made, again.reused) == (3, 0, 3)


def test_a_pronunciation_invalidates_exactly_the_clips_that_say_the_name(tmp_path: Path) -> None:
    glossary_path = ROOT / "glossaries" / "sahel.csv"
    changed = tmp_path / "sahel.csv"
    text = glossary_path.read_text(encoding="utf-8")
    assert "Iyad Ag Gali" in text
    changed.write_text(text.replace("Iyad Ag Gali", "Iyad Agh Ghali"), encoding="utf-8")
    doc = read_document(ARTICLE, glossary=load_glossary(glossary_path))
    fr = [s.text for s in doc.segments()]
    old, new = Lexicon(load_glossary(glossary_path), "fr"), Lexicon(load_glossary(changed), "fr")
    voice = EspeakVoice()
    keys_old = [clip_key(voice, prepare_text(t, "fr", old), "fr") for t in fr]
    keys_new = [clip_key(voice, prepare_text(t, "fr", new), "fr") for t in fr]
    differ = [t for t, a, b in zip(fr, keys_old, keys_new, strict=True) if a != b]
    mentions = [t for t in fr if "Ag Ghaly" in t or "Iyad" in t]
    assert differ and set(differ) <= set(mentions)
    assert len(differ) < len(fr)


def test_the_fingerprint_of_the_code_changes_with_the_code(tmp_path: Path) -> None:
    """Cache keys carry the fingerprint of the code that makes an entry: new rules or a
    new library never get an old result (a hand-kept version number was forgotten)."""
    from pipeline.storage import fingerprint_files

    def fingerprint(*parts: str) -> str:
        fingerprint_files.cache_clear()
        return fingerprint_files(tmp_path, parts)

    (tmp_path / "simplify" / "data").mkdir(parents=True)
    (tmp_path / "simplify" / "rules.py").write_text("SPLIT = True\n")
    (tmp_path / "simplify" / "data" / "words.csv").write_text("berceau,point de départ\n")
    first = fingerprint("simplify", "dist:spacy")
    (tmp_path / "simplify" / "__pycache__").mkdir()
    (tmp_path / "simplify" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"x")
    assert fingerprint("simplify", "dist:spacy") == first  # compiled files do not count
    (tmp_path / "simplify" / "data" / "words.csv").write_text("berceau,lieu de départ\n")
    assert fingerprint("simplify", "dist:spacy") != first  # data counts
    second = fingerprint("simplify", "dist:spacy")
    assert fingerprint("simplify", "dist:no-such-library") != second  # so do libraries
    (tmp_path / "simplify" / "new.py").write_text("")
    assert fingerprint("simplify", "dist:spacy") != second


def test_new_easy_rules_are_not_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.simplify
    from pipeline.usecases.produce import easy_version
    from pipeline.usecases.results import Redone

    glossary = load_glossary()
    text = "Talks in Kidal\n\nThe army said the rebels left Kidal on Monday."
    doc = document_from_bytes(text.encode(), "talks.txt", glossary=glossary)
    cache, redone = Cache(tmp_path / "cache"), Redone()
    easy_version(doc, glossary, cache, redone)
    easy_version(doc, glossary, cache, redone)
    monkeypatch.setattr(pipeline.simplify, "rules_fingerprint", lambda: "other rules")
    easy_version(doc, glossary, cache, redone)
    assert redone.made["easy:en"] == 2 and redone.reused["easy:en"] == 1


def test_the_cache_is_bounded_least_recently_used_out_first(tmp_path: Path) -> None:
    import os

    cache = Cache(tmp_path / "c", limit=3000)
    for n in range(3):
        cache.put("clips", f"{n:064x}", b"x" * 1000)
        path = tmp_path / "c" / "clips" / "00" / f"{n:064x}"
        os.utime(path, (1000 + n, 1000 + n))  # written in order, oldest first
    assert cache.get("clips", f"{0:064x}") is not None  # read now: the most recently used
    cache.put("clips", f"{3:064x}", b"y" * 1000)  # over the bound: evict to 90 %
    left = {path.name[-1] for path in (tmp_path / "c" / "clips" / "00").iterdir()}
    assert left == {"0", "3"}
    assert cache.stats() == {"clips": {"entries": 2, "bytes": 2000}}
    assert cache.clear("clips") == 2 and cache.stats() == {}


def test_kuma_cache_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUMA_CACHE", str(tmp_path / "cache"))  # restored after the test
    Cache(tmp_path / "cache").put("easy", "ab" * 32, b"{}")
    result = CliRunner().invoke(cli, ["cache", "stats", "--json"])
    data = json.loads(result.stdout)
    assert data["kinds"] == {"easy": {"entries": 1, "bytes": 2}}
    result = CliRunner().invoke(cli, ["cache", "clear"])
    assert result.output == "removed 1 cache entry\n"
    monkeypatch.setenv("KUMA_CACHE_SIZE", "lots")
    result = CliRunner().invoke(cli, ["cache", "stats"])
    assert result.exit_code == 1
    assert result.output == "Error: KUMA_CACHE_SIZE must be a number of megabytes, not 'lots'\n"
