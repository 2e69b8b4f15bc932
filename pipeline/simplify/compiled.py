"""Very large regular expressions compiled once per machine instead of once per process.

spaCy's French tokenizer keeps hyphenated and elided words whole ("porte-parole",
"entr'aide") with one regular expression of 1.4 million characters (``token_match``).
Python's ``re`` takes about 1.8 s to compile it, in every process that loads the French
parser: 70 % of that load (spaCy issue #2679), and most of what a one-sentence
correction costs with a fast voice.

``re`` compiles in two steps: a pure-Python compiler turns the pattern into a list of
code words (the slow part), then ``_sre.compile`` builds the matcher from them and
validates them.  ``compile_pattern`` keeps the code words of a pattern of at least
``BIG`` characters in Kuma's cache, keyed by the pattern, its flags and the exact Python
and ``_sre`` that made them, and builds the next process's matcher from them: the same
code words, so the same matcher.  Anything unexpected (another Python, an entry that
does not validate, a cache that cannot be read or written) falls back to ``re.compile``.

``cached_big_patterns`` routes ``re.compile`` through it while spaCy loads.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pipeline.storage import Cache

BIG = 100_000
"""Patterns shorter than this (characters) compile in milliseconds: left to ``re``."""
REGEX_CACHE = "regex"
"""Cache kind of compiled patterns."""
REGEX_CACHE_VERSION = 1
"""Bumped when what is stored for a pattern changes."""

_built: dict[tuple[str, int], re.Pattern[str]] = {}
"""Patterns built in this process (spaCy compiles its ``token_match`` twice: at import
and again from the model's files)."""
_lock = threading.Lock()


def compile_pattern(
    pattern: Any, flags: Any = 0, cache: Cache | None = None,
    fallback: Callable[..., re.Pattern[Any]] = re.compile,
) -> re.Pattern[Any]:
    """``re.compile(pattern, flags)``; a text pattern of ``BIG`` characters or more is
    built from its code words kept in ``cache`` when they are there, and they are kept
    there when not."""
    number = int(flags) if isinstance(flags, int) else None
    if (not isinstance(pattern, str) or len(pattern) < BIG or number is None
            or number & re.DEBUG or not _supported()):
        return fallback(pattern, flags)
    with _lock:
        found = _built.get((pattern, number))
        if found is None:
            found = _compiled(pattern, number, cache)
            _built[(pattern, number)] = found
    return found


@contextmanager
def cached_big_patterns(cache: Cache | None) -> Iterator[None]:
    """Within the block, ``re.compile`` of a very large pattern goes through
    ``compile_pattern`` with ``cache``; every other pattern is compiled as usual."""
    original = re.compile

    def compile(pattern: Any, flags: Any = 0) -> re.Pattern[Any]:
        return compile_pattern(pattern, flags, cache, original)

    re.compile = compile  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = original


def _supported() -> bool:
    """Whether this Python builds matchers from code words as this module expects."""
    try:
        import _sre

        _internals()
    except ImportError:
        return False
    return sys.implementation.name == "cpython" and hasattr(_sre, "compile")


def _internals() -> tuple[Any, Any]:
    """``re``'s compiler and parser modules (Python 3.11 and later)."""
    from importlib import import_module

    return import_module("re._compiler"), import_module("re._parser")


def _key(pattern: str, flags: int) -> str:
    import _sre

    return Cache.key(REGEX_CACHE_VERSION, sys.version, _sre.MAGIC, _sre.CODESIZE,
                     pattern, flags)


def _compiled(pattern: str, flags: int, cache: Cache | None) -> re.Pattern[str]:
    key = _key(pattern, flags) if cache is not None else ""
    kept = cache.get(REGEX_CACHE, key) if cache is not None else None
    if kept is not None:
        try:
            return _build(pattern, *_from_bytes(kept))
        except (ValueError, TypeError, KeyError, RuntimeError, OverflowError):
            pass  # damaged, or made by another build of re: compile it again
    parts = _code_words(pattern, flags)
    built = _build(pattern, *parts)
    if cache is not None:
        cache.put(REGEX_CACHE, key, _to_bytes(*parts))
    return built


Parts = tuple[list[int], int, int, dict[str, int], list[str | None]]
"""Code words, flags, number of groups, group names to numbers, numbers to names."""


def _code_words(pattern: str, flags: int) -> Parts:
    """What ``re._compiler.compile`` gives ``_sre.compile`` for ``pattern``."""
    _compiler, _parser = _internals()
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return list(code), flags | parsed.state.flags, parsed.state.groups - 1, groupindex, indexgroup


def _build(pattern: str, code: list[int], flags: int, groups: int,
           groupindex: dict[str, int], indexgroup: list[str | None]) -> re.Pattern[str]:
    """The matcher, as ``re`` builds it (``_sre`` checks the code words first)."""
    import _sre

    return _sre.compile(pattern, flags, code, groups, groupindex, tuple(indexgroup))  # type: ignore[no-any-return]


def _to_bytes(code: list[int], flags: int, groups: int, groupindex: dict[str, int],
              indexgroup: list[str | None]) -> bytes:
    head = json.dumps({"flags": flags, "groups": groups, "groupindex": groupindex,
                       "indexgroup": indexgroup, "words": len(code)}).encode("utf-8")
    words = array(_typecode(), code).tobytes()
    return len(head).to_bytes(4, "little") + head + words


def _from_bytes(data: bytes) -> Parts:
    size = int.from_bytes(data[:4], "little")
    head = json.loads(data[4 : 4 + size].decode("utf-8"))
    words = array(_typecode())
    words.frombytes(data[4 + size :])
    if len(words) != int(head["words"]):
        raise ValueError("truncated entry")
    groupindex = {str(k): int(v) for k, v in head["groupindex"].items()}
    indexgroup = [None if v is None else str(v) for v in head["indexgroup"]]
    return words.tolist(), int(head["flags"]), int(head["groups"]), groupindex, indexgroup


def _typecode() -> str:
    """The array type of ``_sre``'s code words (``CODESIZE`` bytes each)."""
    import _sre

    for code in ("I", "L", "H"):
        if array(code).itemsize == _sre.CODESIZE:
            return code
    raise ValueError(f"no array type of {_sre.CODESIZE} bytes")
