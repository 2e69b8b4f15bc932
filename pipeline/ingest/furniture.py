"""Page furniture: the lines a copied web page carries that are not the article.

Navigation labels, share and print buttons, cookie notices, advertising slots and
"read more" links are recognised here, in one list, by whole line only (a
sentence that merely mentions "share" is never touched).  Photo captions are
recognised by their conventional openings.
"""

from __future__ import annotations

import re

FURNITURE = (
    r"accessibility links",
    r"skip to (main )?(content|navigation)",
    r"(jump|go) to (main )?content",
    r"breaking( news)?",
    r"(main )?menu",
    r"search",
    r"home( page)?",
    r"share( this( article| story| page)?)?",
    r"share (on|via) (facebook|twitter|x|whatsapp|linkedin|telegram|email)",
    r"(facebook|twitter|whatsapp|linkedin|telegram|email|copy link)",
    r"print( this( article| page)?)?",
    r"advertisement|advertising|sponsored( content)?|ad",
    r"related( articles| stories| content| coverage| news| topics)?",
    r"more (stories|on this story|from .{1,40})",
    r"see also",
    r"subscribe( now| to .{1,40})?",
    r"sign (up|in)( .{1,40})?|log ?in|register",
    r"cookies?( settings| policy| preferences| notice)?",
    r"(accept|reject|manage)( all)?( cookies)?",
    r"(we|this (web)?site) uses? cookies\b.*",
    r"read more(:? .{1,120})?",
    r"(listen to|save) this (article|story)",
    r"follow us( on .{1,40})?",
    r"comments?( \(\d+\))?|leave a comment",
    r"back to top",
)
"""Whole-line patterns of page furniture (matched case-insensitively)."""

_FURNITURE = re.compile(r"(?:" + "|".join(FURNITURE) + r")", re.IGNORECASE)
_TRAILING_MARKS = " \t:|»›>…-–—"

CAPTION_OPENINGS = (
    r"FILE( PHOTO)?\s*[-–—:]",
    r"FILE PHOTO\b",
    r"(?i:(photo|image|picture|photograph|caption|credit)\s*:)",
    r"(?i:\((\w+\s+)?photo\b)",
)
"""How a photo caption starts in agency copy ("FILE - ...", "Photo: ...", "(AFP Photo ...")."""

_CAPTION = re.compile("|".join(CAPTION_OPENINGS))
_BYLINE = re.compile(r"(?i:by|par)\s+\S.{0,60}")
_CLOSERS = "\"'”’»)]"
_TERMINAL = ".!?…:;؟"


def is_furniture(line: str) -> bool:
    """Whether a whole line is page furniture rather than article text."""
    return _FURNITURE.fullmatch(line.strip().rstrip(_TRAILING_MARKS)) is not None


def is_caption(line: str) -> bool:
    """Whether a line opens like a photo caption."""
    return _CAPTION.match(line.strip()) is not None


def is_byline(line: str) -> bool:
    """Whether a short line credits an author ("By Jane Doe")."""
    return _BYLINE.fullmatch(line.strip()) is not None


def ends_sentence(line: str) -> bool:
    """Whether a line ends with sentence punctuation (before any closing quote or bracket)."""
    core = line.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def is_headline(line: str) -> bool:
    """A line that can be an article's title: several words, no closing punctuation."""
    return 3 <= len(line.split()) <= 25 and not ends_sentence(line)


def is_subheading(line: str) -> bool:
    """A short line without closing punctuation, not a byline: a section heading."""
    return (
        len(line.split()) <= 12
        and len(line) <= 100
        and not ends_sentence(line)
        and not is_byline(line)
    )


def is_label(line: str) -> bool:
    """One or two words without punctuation: a section or navigation label."""
    return len(line.split()) <= 2 and not ends_sentence(line)
