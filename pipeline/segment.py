"""Sentence splitting: pysbd proposes boundaries, Kuma's rules veto the wrong ones.

A boundary never falls inside a protected span (a glossary term), inside a
quotation (a quoted passage of several sentences stays one segment, with its
attribution), after an abbreviation that cannot end a sentence ("Gen.", "Mr.",
"a.m. Monday"), after an initial ("George W. Bush"), or before a lowercase word.

Every segment starts and ends at whitespace in the block, so joining the
segments with single spaces gives back the block's whitespace-normalised text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, pairwise
from typing import Any

Span = tuple[int, int]

WINDOW = 1000
"""pysbd slows down with the square of the sentences it sees at once; long text is fed
to it in windows of about this many characters, cut at clear sentence ends."""

# Word lists stay as one string each: a set literal would be formatted one word per line.
NEVER_FINAL = frozenset(
    """mr mrs ms messrs dr prof gen col lt sgt capt maj cpl adm cmdr brig gov sen rep rev hon
    pres supt st mt mme mlle mgr vs v e.g i.e cf approx fig pp vol""".split()  # noqa: SIM905
)
"""Abbreviations (lowercase, without the final period) that never end a sentence."""

BEFORE_NUMBER = frozenset("no nos jan feb mar apr jun jul aug sep sept oct nov dec".split())  # noqa: SIM905
"""Abbreviations that do not end a sentence when a number follows ("No. 5", "Jan. 12")."""

TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december gmt utc local""".split()  # noqa: SIM905
)
"""Words that carry on a sentence after "a.m." or "p.m." ("at 9 a.m. Monday")."""

QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
"""Opening quotation marks and the marks that close them (English, French, German, straight)."""

_QUOTE_MARK = re.compile("[" + "".join(sorted({*QUOTE_PAIRS, *QUOTE_PAIRS.values()})) + "]")
_STRONG_END = re.compile(r"[a-zà-ÿ\u0600-\u06ff]{3}[.!?؟…][\"”»’)]*\s+")
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…؟"
_LOOK_BACK = 80
"""Characters looked at before a proposed boundary: enough for the last word and its quotes."""


def split_sentences(text: str, lang: str = "en", protected: Sequence[Span] = ()) -> list[str]:
    """Split one block of text into sentences.

    ``protected`` holds ``(start, end)`` character offsets in ``text`` that must
    stay inside one sentence (glossary terms).  Sentences come back
    whitespace-normalised; ``" ".join(result) == " ".join(text.split())``.
    """
    if not text.strip():
        return []
    spans = _Spans([*protected, *quote_spans(text)])
    starts = [s for s in _proposed_starts(text, lang) if _allowed(text, s, spans)]
    bounds = [0, *starts, len(text)]
    return [" ".join(text[a:b].split()) for a, b in pairwise(bounds)]


def quote_spans(text: str) -> list[Span]:
    """``(start, end)`` of every closed quotation, quotation marks included."""
    spans: list[Span] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_MARK.finditer(text):
        mark, i = match.group(), match.start()
        openers = [d for d, (opener, _) in enumerate(stack) if QUOTE_PAIRS[opener] == mark]
        if openers:
            depth = openers[-1]
            spans.append((stack[depth][1], i + 1))
            del stack[depth:]
        elif mark in QUOTE_PAIRS:
            stack.append((mark, i))
    return spans


def _proposed_starts(text: str, lang: str) -> list[int]:
    """Offsets where a sentence may start: pysbd's proposals, window by window, and the
    window cuts themselves; only offsets right after whitespace count."""
    starts: list[int] = []
    for begin, end in _windows(text):
        if begin:
            starts.append(begin)
        pos = begin
        for sentence in _segmenter(lang).segment(text[begin:end]):
            found = text.find(sentence.strip(), pos, end) if sentence.strip() else -1
            if found > begin:
                starts.append(found)
            if found >= 0:
                pos = found + len(sentence.strip())
    return sorted({s for s in starts if s < len(text) and text[s - 1].isspace()})


def _windows(text: str) -> list[Span]:
    """Cut long text into windows of about ``WINDOW`` characters at clear sentence ends."""
    windows: list[Span] = []
    begin = 0
    while len(text) - begin > WINDOW:
        cut = _cut_point(text, begin)
        windows.append((begin, cut))
        begin = cut
    windows.append((begin, len(text)))
    return windows


def _cut_point(text: str, begin: int) -> int:
    """The last clear sentence end in the window; else its last whitespace; else its end."""
    limit = begin + WINDOW
    ends = [m.end() for m in _STRONG_END.finditer(text, begin, limit)]
    if ends:
        return ends[-1]
    space = max(text.rfind(" ", begin + 1, limit), text.rfind("\n", begin + 1, limit))
    return space + 1 if space > begin else limit


class _Spans:
    """Spans that must not be cut, answering "does one of you cover this gap?" in log time."""

    def __init__(self, spans: Sequence[Span]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(accumulate((b for _, b in ordered), max))
        """Furthest end among the spans up to each index."""

    def cover(self, end: int, start: int) -> bool:
        """Whether one span begins before ``end`` and finishes after ``start``."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


def _allowed(text: str, start: int, spans: _Spans) -> bool:
    """Whether a sentence may start at ``start`` (just after whitespace)."""
    before = text[max(0, start - _LOOK_BACK) : start].rstrip()
    end = max(0, start - _LOOK_BACK) + len(before)
    if spans.cover(end, start):
        return False
    words = before.split()
    previous = words[-1] if words else ""
    following = text[start:].split(maxsplit=1)[0]
    return not (
        not _ends_sentence(before)
        or _abbreviation_ends(previous, following)
        or _starts_lowercase(following)
    )


def _ends_sentence(before: str) -> bool:
    """Only sentence punctuation ends a sentence (pysbd's Arabic rules also cut at colons)."""
    core = before.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] in _TERMINAL


def _abbreviation_ends(previous: str, following: str) -> bool:
    """Whether ``previous`` is an abbreviation or initial that cannot end this sentence."""
    word = previous.lstrip("(\"'“«").lower()
    if not word.endswith("."):
        return False
    stem = word[:-1]
    if stem in NEVER_FINAL:
        return True
    if stem in BEFORE_NUMBER and following[:1].isdigit():
        return True
    if stem in ("a.m", "p.m"):
        return following.lower().strip(".,;:") in TIME_WORDS
    # An initial: "George W. Bush", "J. R. R. Tolkien".
    return len(stem) == 1 and previous[-2:-1].isupper() and following[:1].isupper()


def _starts_lowercase(following: str) -> bool:
    """A sentence does not start with a lowercase letter (scripts without case never do)."""
    first = following.lstrip("\"'“«„(")[:1]
    return first.islower()


@cache
def _segmenter(lang: str) -> Any:
    """A pysbd segmenter for ``lang`` (English rules for languages pysbd does not know)."""
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=lang if lang in LANGUAGE_CODES else "en", clean=False)
