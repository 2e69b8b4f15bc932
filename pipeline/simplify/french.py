"""What the French parser tells the rules: the noun a relative clause is about, and
whether ``et`` joins two verbs.

Both answer None when spaCy's French pipeline is not installed; the rules then refuse
the split (a long sentence is better than a pronoun of the wrong gender).
"""

from __future__ import annotations

from typing import Any

from pipeline.simplify.clauses import parse_french

DEMONSTRATIVE = {("Masc", "Sing"): "ce", ("Fem", "Sing"): "cette", ("Masc", "Plur"): "ces",
                 ("Fem", "Plur"): "ces"}  # fmt: skip
VOWELS = "aeiouyéèêàâîôûh"


def antecedent(left: str, verb: str) -> str | None:
    """The noun phrase a ``qui`` clause after ``left`` is about, to repeat as its subject:
    the nearest noun whose number agrees with the clause's verb (``des groupes armés du
    nord du Mali qui combattent`` -> ``Ces groupes armés``), with a demonstrative of its
    gender and number; a proper name is repeated with its article."""
    doc = parse_french(f"{left} {verb}")
    if doc is None:
        return None
    plural = verb in ("sont", "ont") or (verb.endswith("ent") and not verb.endswith("ment"))
    number = "Plur" if plural else (_number(doc[-1]) or "Sing")
    for token in reversed(doc[:-1]):
        if token.pos_ == "PROPN" or token.text.isupper():
            if number == "Sing":
                return None  # a name: the rule repeats glossary names itself; others unsure
            continue
        if token.pos_ == "NOUN" and (_number(token) or "Sing") == number:
            return _noun_phrase(token)
    return None


def _noun_phrase(noun: Any) -> str | None:
    gender = (noun.morph.get("Gender") or [""])[0]
    number = _number(noun) or "Sing"
    if not gender:
        return None
    det = DEMONSTRATIVE[(gender, number)]
    if det == "ce" and noun.text[:1].lower() in VOWELS:
        det = "cet"
    adjectives = []
    for token in noun.doc[noun.i + 1 :]:
        if token.pos_ != "ADJ" or token.head.i != noun.i:
            break
        adjectives.append(token.text)
    return " ".join([det.capitalize(), noun.text, *adjectives])


def _number(token: Any) -> str:
    return (token.morph.get("Number") or [""])[0]


def verb_follows(text: str, offset: int) -> bool | None:
    """Whether the word at ``offset`` (after ``et``, clitics aside) is a verb, in the parse
    of the whole sentence: ``a déstabilisé X et fait craindre`` yes, ``entre jihadistes et
    autorités`` no."""
    doc = parse_french(text)
    if doc is None:
        return None
    for token in doc:
        if token.idx < offset:
            continue
        if token.lower_ in ("se", "s'", "s’", "ne", "n'", "n’", "y", "en", "l'", "l’", "le", "la"):
            continue
        return token.pos_ in ("VERB", "AUX")
    return False


PRONOUNS = {("Masc", "Sing"): "Il", ("Fem", "Sing"): "Elle", ("Masc", "Plur"): "Ils",
            ("Fem", "Plur"): "Elles"}  # fmt: skip


def subject_pronoun(phrase: str) -> str | None:
    """``L'armée`` -> ``Elle``, ``Les rebelles`` -> ``Ils``: the pronoun of the phrase's head
    noun, by its gender and number in the parse (None when it cannot tell)."""
    doc = parse_french(phrase)
    if doc is None:
        return None
    heads = [t for t in doc if t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN")]
    if not heads:
        return None
    gender = (heads[0].morph.get("Gender") or [""])[0]
    number = _number(heads[0]) or "Sing"
    return PRONOUNS.get((gender, number))
