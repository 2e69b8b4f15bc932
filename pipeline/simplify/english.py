"""The noun an English relative clause is about, found with a verb lexicon (no parser).

``antecedent`` takes the words after the last verb before ``that``/``who`` and picks the
nearest noun whose number agrees with the clause's verb, skipping compass words ("in
the north that is…" is about what lies in the north); when it cannot tell, it answers
None and the rule does not split.
"""

from __future__ import annotations

from functools import cache

from pipeline.simplify.clauses import AUXILIARIES, DETERMINERS, PREPOSITIONS, english_verb_forms
from pipeline.simplify.text import word_set

COMPASS = word_set(
    """north south east west northeast northwest southeast southwest north-east north-west
    south-east south-west centre center"""
)
PLURAL_VERBS = word_set("""are were have do""")
SINGULAR_VERBS = word_set("""is was has does""")


def antecedent(left: str, verb: str) -> str | None:
    """``…in a crossroads region in the north`` + ``is`` -> ``This crossroads region``.

    The noun must be the only one after the clause's verb that agrees with ``verb``, or
    the nearest one followed only by a place ("armed groups in northern Mali that…"):
    "a fight for independence in 2012 that…" has two candidates and is left alone."""
    words = [w.strip("\"'“”(),") for w in left.rstrip(" ,").split()]
    number = _verb_number(verb)
    if number is None:
        return None
    candidates = []
    for i in range(len(words) - 1, 0, -1):
        word = words[i].lower()
        following = words[i + 1].lower() if i + 1 < len(words) else ""
        adjective = word.endswith("ed") and bool(noun_number(following))  # "armed groups"
        a_verb = word in AUXILIARIES or bool(english_verb_forms(word) and not noun_number(word))
        if a_verb and not adjective:
            break  # the clause's verb: the noun is after it
        if word not in COMPASS and not words[i][:1].isupper() and noun_number(word) == number:
            candidates.append(i)
    if not candidates:
        return None
    nearest = candidates[0]
    if len(candidates) == 1 or _place_follows(words[nearest + 1 :]) or _after_of(words, nearest):
        return _phrase(words, nearest, number)
    return None


def _after_of(words: list[str], i: int) -> bool:
    """``the birthplace of a jihadist insurgency that…``: after "of", the clause is about
    the nearer noun."""
    for word in reversed(words[max(0, i - 4) : i]):
        if word.lower() == "of":
            return True
        if (
            word.lower() in PREPOSITIONS
            or english_verb_forms(word.lower())
            and not word.endswith("ed")
        ):
            return False
    return False


def _place_follows(words: list[str]) -> bool:
    """``in northern Mali``, ``in the north``: a place, which a "that" clause is not about."""
    if not words or words[0].lower() not in ("in", "across", "near"):
        return False
    rest = [
        w
        for w in words[1:]
        if w.lower() not in ("the", "northern", "southern", "eastern", "western", "central")
    ]
    return bool(rest) and all(w[:1].isupper() or w.lower() in COMPASS for w in rest)


def _verb_number(verb: str) -> str | None:
    verb = verb.lower()
    if verb in PLURAL_VERBS:
        return "plural"
    if verb in SINGULAR_VERBS or "VBZ" in english_verb_forms(verb):
        return "singular"
    if "VBP" in english_verb_forms(verb):
        return "plural"
    return None


def _phrase(words: list[str], i: int, number: str) -> str:
    start = i
    while start > 0:
        before = words[start - 1].lower()
        if before in DETERMINERS or before in PREPOSITIONS or before.endswith((",", "'s")):
            break
        if before in AUXILIARIES or (english_verb_forms(before) and not before.endswith("ed")):
            break
        start -= 1
    head = " ".join(w.strip("\"'“”(),") for w in words[start : i + 1])
    return f"{'These' if number == 'plural' else 'This'} {head}"


@cache
def noun_number(word: str) -> str | None:
    """``plural`` or ``singular`` when ``word`` can be a noun (LemmInflect), else None."""
    try:
        from lemminflect import getAllLemmas
    except ImportError:
        return None
    lemmas = getAllLemmas(word, "NOUN").get("NOUN", ())
    if not lemmas:
        return None
    return "singular" if word in lemmas else "plural"
