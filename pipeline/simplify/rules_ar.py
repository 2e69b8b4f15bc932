"""Easy-to-read rules for Arabic (Modern Standard Arabic news copy).

Numbers stay as the text writes them (Arabic news uses Western digits or
Arabic-Indic ones; both are kept).  The rules:

- ``«…»، بحسب ما صرح X`` -> the quotation, then ``هذا ما صرح به X.``;
- ``قال X إن Y`` (long sentences) -> ``قال X ما يلي:`` + ``إن Y`` (``أن`` becomes ``إن``,
  which may start a sentence and keeps its noun in the same case);
- a circumstantial participle after a clause (``، مضيفا أن``) -> ``وأضاف أن``;
- cuts at ``،`` + ``و`` (a new clause), ``، لكن`` (not after reported speech), ``، الذي/
  التي/الذين`` ending the sentence (-> ``وهذا``, ``وهذه``, ``وهؤلاء``).  ``و`` + a verb
  without a comma is never cut: it may continue a relative clause (``تمرد زعزع … وأثار``).

Arabic sentences without a verb are normal (``كيدال مدينة``): a piece counts as a
clause when it has at least two words.
"""

from __future__ import annotations

import re

from pipeline.simplify.rules import (
    OPTIONAL_ABOVE,
    SHARED_RULES,
    Context,
    LanguageRules,
    Split,
    quotation_first,
)
from pipeline.simplify.text import close_sentence, count_words

REPORTING = {
    "صرح": "صرح به", "أفاد": "أفاد به", "أفادت": "أفادت به", "قال": "قاله", "قالت": "قالته",
    "ذكر": "ذكره", "ذكرت": "ذكرته", "أكد": "أكده", "أكدت": "أكدته", "أوضح": "أوضحه",
    "أعلن": "أعلنه", "أعلنت": "أعلنته",
}  # fmt: skip
"""Reporting verb after ``بحسب ما`` -> the same verb with its object, after ``هذا ما``."""
LEADING_VERBS = {
    "قال": "ما يلي", "قالت": "ما يلي", "أكد": "ما يلي", "أكدت": "ما يلي", "ذكر": "ما يلي",
    "ذكرت": "ما يلي", "أوضح": "ما يلي", "أوضحت": "ما يلي", "أعلن": "ما يلي",
    "أعلنت": "ما يلي", "أفاد": "بما يلي", "أفادت": "بما يلي", "صرح": "بما يلي",
    "صرحت": "بما يلي",
}  # fmt: skip
"""Verbs that report speech at the start of a sentence -> what introduces the words."""
PARTICIPLES = {
    "مضيفا": "وأضاف", "مضيفة": "وأضافت", "موضحا": "وأوضح", "موضحة": "وأوضحت",
    "طالبا": "وطلب", "طالبة": "وطلبت", "مؤكدا": "وأكد", "مؤكدة": "وأكدت",
    "مشيرا": "وأشار", "مشيرة": "وأشارت", "محملا": "وحمّل", "محملة": "وحمّلت",
    "معتبرا": "واعتبر", "معتبرة": "واعتبرت", "معربا": "وأعرب", "معربة": "وأعربت",
}  # fmt: skip
"""Circumstantial participles (حال) after a clause -> a finite verb of the same subject."""
RELATIVES = {
    "الذي": "وهذا",
    "التي": "وهذه",
    "الذين": "وهؤلاء",
    "اللذان": "وهذان",
    "اللتان": "وهاتان",
}
THAT = {"أن": "إن", "إن": "إن", "أنه": "إنه", "إنه": "إنه", "أنها": "إنها", "إنها": "إنها",
        "أنهم": "إنهم", "إنهم": "إنهم"}  # fmt: skip
CONJUNCTIONS = frozenset({"لكن", "ثم", "بل", "أو"})
PRONOUN_STARTS = frozenset({"وهو", "وهي", "وهم", "وهن", "وهما"})
"""A clause that starts with a pronoun subject after a comma: not cut off (its referent
may not be the subject of the sentence before)."""
PREPOSITIONS = frozenset(
    {"في", "من", "إلى", "على", "عن", "مع", "منذ", "بعد", "قبل", "خلال", "حول", "بين", "لدى", "عند"}
)
CONTEXT_WORDS = frozenset(
    {"هو", "هي", "هم", "هن", "هذا", "هذه", "ذلك", "تلك", "لكن", "لكنه", "لكنها", "وهو",
     "وهي", "وهم", "وهذا", "وهذه", "إنه", "إنها", "كما"}
)  # fmt: skip


def has_verb(text: str) -> bool:
    """Arabic clauses need no verb: two words or more make one."""
    return count_words(text) >= 2


_ACCORDING = re.compile(
    r"^(?P<content>.+?)[،,]?\s+(?:بحسب|حسب|وفق|وفقا ل)\s*ما\s+(?P<verb>\S+)\s+"
    r"(?P<rest>.+?)\s*(?P<end>[.!؟])?$"
)


def according_to(text: str, context: Context) -> list[str] | None:
    """``X، بحسب ما صرح زعيم محلي.`` -> ``X.`` + ``هذا ما صرح به زعيم محلي.``"""
    match = _ACCORDING.match(text)
    if not match or match.group("verb") not in REPORTING:
        return None
    if count_words(match.group("content")) < 3:
        return None
    said = f"هذا ما {REPORTING[match.group('verb')]} {match.group('rest')}"
    return [close_sentence(match.group("content")), close_sentence(said)]


_LEADING = re.compile(
    r"^(?P<verb>و?(?:" + "|".join(LEADING_VERBS) + r"))\s+(?P<who>(?:\S+\s+){1,12}?)"
    r"(?P<that>" + "|".join(THAT) + r")\s+(?P<rest>.+)$"
)


def leading_attribution(text: str, context: Context) -> list[str] | None:
    """``وقالت المصادر إنه عقد …`` -> ``وقالت المصادر ما يلي:`` + ``إنه عقد …`` (long only)."""
    match = _LEADING.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE:
        return None
    verb = match.group("verb")
    bare = verb[1:] if verb.startswith("و") and verb[1:] in LEADING_VERBS else verb
    if "«" in match.group("who") or count_words(match.group("rest")) < 3:
        return None
    if "،" in match.group("rest") or "،" in match.group("who"):
        return None  # a clause after a comma may not be what was said ("في حين…", "لكنها…")
    intro = f"{verb} {match.group('who').strip()} {LEADING_VERBS[bare]}:"
    return [intro, f"{THAT[match.group('that')]} {match.group('rest')}"]


def _participle(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…، مضيفا أن Y`` -> ``وأضاف أن Y``, when the participle's phrase ends the sentence
    (``وقال أحد السكان، طالبا …، إن …`` goes on: not cut)."""
    if "،" in rest:
        return None
    return f"{PARTICIPLES[match.group('p')]} {rest}"


def _relative(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…، الذي قد يتم`` -> ``وهذا قد يتم``, only when the relative clause ends the sentence
    (``الزعيم، الذي لا يعرف مكانه، …`` goes on with the main clause: not cut)."""
    if "،" in rest or "," in rest:
        return None
    return f"{RELATIVES[match.group('rel')]} {rest}"


def _but(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…، لكن …``: a new sentence, unless the first part reports speech."""
    return None if REPORTED.search(left) else rest


_FRONTED = re.compile(r"^و?(?:في|منذ|بعد|قبل|خلال|عند)\s")


def _new_clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """A clause after a comma, unless the comma only closes a short opening phrase
    (``وفي عام 2015، وقعت …`` stays whole)."""
    if _FRONTED.match(left) and count_words(left) <= 4:
        return None
    if context.mention_starting(rest) is not None:
        return None  # "…، تنظيم الدولة الإسلامية منذ أشهر": a name after a comma is an object
    if rest.split()[0] in PRONOUN_STARTS:
        return None  # "وهو تعبير…": whom does the pronoun stand for? Unsure: not cut
    return rest


SPLITS: tuple[Split, ...] = (
    Split(
        "participle",
        re.compile(r"[،,]?\s+(?P<p>" + "|".join(PARTICIPLES) + r")\s+"),
        opener=_participle,
        min_words=OPTIONAL_ABOVE,
    ),
    Split("lakin", re.compile(r"\s*[،,]\s+(?=لكن)"), opener=_but, needs_verb=True),
    Split(
        "relative",
        re.compile(r"\s*[،,]\s+(?P<rel>" + "|".join(RELATIVES) + r")\s+"),
        opener=_relative,
    ),
    Split("wa-clause", re.compile(r"\s*[،,]\s+(?=و\S{2,})"), opener=_new_clause),
    Split("thumma", re.compile(r"\s*[،,]\s+(?=ثم\s)"), opener=_new_clause),
    Split(
        "verb-clause",
        re.compile(r"\s*[،,]\s+(?=[يت]\S{2,4}\s)"),  # an imperfect verb after the comma
        opener=_new_clause,
        min_words=OPTIONAL_ABOVE,
    ),
)

REPORTED = re.compile(r"(?:^|\s)و?(?:" + "|".join(LEADING_VERBS) + r")\s(?!.*ما يلي:$)")
"""A reporting verb (not one that introduces the words with ``ما يلي:``)."""

RULES = LanguageRules(
    lang="ar",
    reported=REPORTED,
    rules=(*SHARED_RULES, according_to, quotation_first, leading_attribution, *SPLITS),
    has_verb=has_verb,
    conjunctions=CONJUNCTIONS,
    prepositions=PREPOSITIONS,
    context_words=CONTEXT_WORDS,
)
"""The Arabic rules."""
