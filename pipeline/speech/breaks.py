"""Where a caption may break, and how well: the phrase boundaries of subtitling practice.

BBC and EBU subtitle guidelines break lines and subtitles at natural linguistic
breaks: best after a full stop, then after other punctuation, before a conjunction
or a preposition; never between an article or a preposition and the noun it goes
with, never inside a name or a number.  ``break_costs`` gives, for each gap between
two words, how bad a break there is: 0 for the end of a sentence, ``NEVER`` where a
break is not allowed.  Names (glossary mentions) cost ``NAME``: a subtitle never breaks
inside one, and a line does only when the name is longer than a line.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pipeline.speech.align import Span


def _words(text: str) -> frozenset[str]:
    """The words of ``text``, split at spaces."""
    return frozenset(text.split())


SENTENCE, CLAUSE, COMMA, CONJUNCTION, PREPOSITION, COMPLEMENT, WORD = 0, 1, 2, 3, 5, 8, 10.0
"""Costs of a break after a full stop, other punctuation, before a conjunction, before a
preposition, before a noun's complement (``of``, ``de``), and between any two words."""
BOUND = 60.0
"""After an article, a preposition, a determiner or a subject pronoun: it goes with what follows."""
NAME = 400.0
"""Inside a glossary name: never between subtitles, between lines only when it cannot fit one."""
NEVER = math.inf
"""Inside a number, before closing punctuation, after a title such as ``M.``."""

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("""a an the of to in on at by for from with into onto about over under
        after before against between during without within across through towards toward
        along around among beyond behind beside inside outside upon via per than near
        his her its their our my your this these those each every some any no
        he she it they we i you who whom whose not mr mrs ms dr"""),
    "fr": _words("""le la les un une des du au aux de à ce cet cette ces son sa ses leur
        leurs mon ma mes ton ta tes notre nos votre vos en dans par pour sur sous avec sans
        chez vers entre contre selon depuis pendant après avant malgré parmi je tu il elle
        on nous vous ils elles ne qui que dont où se m mme mm dr"""),
    "ar": _words("""في من إلى على عن مع بعد قبل منذ خلال ضد حول بين عند لدى حتى نحو دون
        عبر لأن أن إن أنّ إنّ الذي التي الذين اللذان اللتان ما لم لن قد لا هذا هذه ذلك تلك
        هؤلاء كل بعض أي غير وفي ومن وإلى وعلى وعن ومع وبين"""),
    "bm": frozenset(),
    "dyu": frozenset(),
}
"""Words a break must not follow, per language (compared in lower case, without punctuation)."""

CONJUNCTIONS: dict[str, frozenset[str]] = {
    "en": _words("""and but or nor so yet because which who whom whose that when while
        where although though if as since unless until whether"""),
    "fr": _words("""et ou mais donc car ni or que qui dont lorsque quand comme si puisque
        tandis où alors afin bien"""),
    "ar": _words("""و أو ثم لكن لكنّ بل حيث بينما إذ كما لأن الذي التي الذين أن إن أنّ
        إنّ"""),
    "bm": _words("ani nka walima sabu ni"),
    "dyu": _words("ani nka walima sabu ni"),
}
"""Words a break may come before: conjunctions and relative pronouns."""

_NOT_PHRASE_START = _words("not ne se mr mrs ms dr m mme mm")
PREPOSITIONS: dict[str, frozenset[str]] = {
    lang: words - CONJUNCTIONS.get(lang, frozenset()) - _NOT_PHRASE_START
    for lang, words in FUNCTION_WORDS.items()
}
"""Words that start a phrase (prepositions, articles, determiners, subject pronouns): a break
may come before them at a little more cost than before a conjunction."""

COMPLEMENTS: dict[str, frozenset[str]] = {
    "en": _words("of"),
    "fr": _words("de du des"),
}
"""Prepositions that most often tie a complement to the noun before them (``the north of
Mali``, ``le nord du Mali``): a break before them costs more than before other prepositions."""

_SENTENCE_END = re.compile(r"[.!?…؟][»”’\"')\]]*$")
_CLAUSE_END = re.compile(r"[;:؛—–][»”’\"')\]]*$")
_COMMA_END = re.compile(r"[,،][»”’\"')\]]*$")
_CLOSING = re.compile(r"^[»”’\"')\]!?;:%‰؟؛.,،…]+$")
_DASHES = {"-", "–", "—"}
_NUMBER_GROUP = re.compile(r"^\d{3}(?:[.,]\d+)?[.,;:!?%]?$")
_UNITS = {"%", "‰", "€", "$", "£", "fcfa", "km", "kg", "m", "h"}
_ABBREVIATIONS = {"m.", "mm.", "mme", "mmes", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms.",
                  "st.", "me", "mgr"}
_OPENED = re.compile(r"[«“‘(\[]$")
_DAY = re.compile(r"^\d{1,2}(?:er|re|e|st|nd|rd|th)?,?$")
_YEAR = re.compile(r"^\d{4}\W*$")
MONTHS = _words("""january february march april may june july august september october november
    december janvier février mars avril mai juin juillet août septembre octobre novembre
    décembre يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر
    كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين""")
"""Month names: a date is never cut (``25 juin 2016``, ``June 25, 2016``)."""
_ARABIC_AND = re.compile(r"^و(?:ال|في|من|إلى|على|عن|مع|بين|قد|لكن|لم|لا)")


def break_costs(
    text: str, spans: Sequence[Span], lang: str, names: Sequence[Span] = ()
) -> list[float]:
    """The cost of a break after each token (``spans`` in ``text``) but the last.

    ``names`` are the spans of glossary mentions (``Glossary.protected_spans``).
    """
    words = [text[a:b] for a, b in spans]
    costs = []
    for index in range(len(spans) - 1):
        gap = spans[index][1]
        if any(start < gap and spans[index + 1][0] < end for start, end in names):
            costs.append(NAME)
        else:
            costs.append(_cost(words[index], words[index + 1], lang))
    return costs


def _cost(before: str, after: str, lang: str) -> float:
    """How bad a break between the words ``before`` and ``after`` is."""
    if _glued(before, after):
        return NEVER
    if before in _DASHES:
        return CLAUSE
    for pattern, cost in ((_SENTENCE_END, SENTENCE), (_CLAUSE_END, CLAUSE), (_COMMA_END, COMMA)):
        if pattern.search(before):
            return cost
    if _bare(before) in FUNCTION_WORDS.get(lang, frozenset()):
        return BOUND
    return _before_cost(after, lang)


def _glued(before: str, after: str) -> bool:
    """Whether ``before`` and ``after`` must stay together whatever the phrase."""
    if _CLOSING.match(after) or _OPENED.search(before) or after in _DASHES:
        return True
    if before.lower() in _ABBREVIATIONS or _in_date(before, after):
        return True
    ends_number = bool(before) and before[-1].isdigit()
    return ends_number and (bool(_NUMBER_GROUP.match(after)) or after.lower() in _UNITS)


def _in_date(before: str, after: str) -> bool:
    """Whether the two words are part of a date: day and month, month and day or year."""
    month_before, month_after = _is_month(before), _is_month(after)
    if (month_after or before.endswith(",") and _YEAR.match(after)) and _DAY.match(before):
        return True
    return month_before and bool(_DAY.match(after) or _YEAR.match(after))


def _is_month(word: str) -> bool:
    """Whether ``word`` names a month (``juin``, ``حزيران/يونيو``)."""
    return any(part in MONTHS for part in re.split(r"[/-]", _bare(word)))


def _before_cost(after: str, lang: str) -> float:
    """The cost of a break before ``after``: lower before a conjunction or a preposition."""
    word = _bare(after)
    if word in CONJUNCTIONS.get(lang, frozenset()) or (lang == "ar" and _ARABIC_AND.match(word)):
        return CONJUNCTION
    if word in COMPLEMENTS.get(lang, frozenset()) or word.startswith("d'"):
        return COMPLEMENT
    if word in PREPOSITIONS.get(lang, frozenset()):
        return PREPOSITION
    return WORD


def _bare(word: str) -> str:
    """``word`` in lower case without the punctuation around it (``«Le`` -> ``le``)."""
    return word.strip("«»“”‘’\"'()[],.;:!?،؛؟…").lower()
