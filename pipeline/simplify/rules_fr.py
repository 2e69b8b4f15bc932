"""Easy-to-read rules for French, after the FALC rules ("facile à lire et à comprendre",
Inclusion Europe / Unapei): the speaker first, one idea per sentence, numbers in digits.

- ``X, a déclaré à l'AFP un responsable local, sous couvert d'anonymat.`` ->
  ``Un responsable local a déclaré à l'AFP, sous couvert d'anonymat :`` + ``X.``;
  ``…, ajoutant que Y`` after the speaker -> ``Il a ajouté que Y.``; ``selon qui Y`` ->
  ``Selon lui, Y.``;
- ``X, selon Y.`` -> ``Selon Y, X.``;
- appositions after a name: ``Iyad Ag Ghaly, un chef lié à Al-Qaïda, …`` ->
  ``Iyad Ag Ghaly est un chef lié à Al-Qaïda.``; ``X est un Y qui Z`` -> ``X est un Y.``
  + ``X Z.``;
- a long place phrase before the clause moves after it (``C'est au sud de …``);
- cuts at ``, mais``, ``, lequel/laquelle``, ``, qui``, ``qui`` + verb, a present
  participle after a clause (``, dénonçant`` -> ``Ils ont dénoncé``), ``, et`` + clause.

Pronouns follow the grammatical gender and number the original gives the noun (``une
région`` -> ``Elle``); a person named in the glossary is named again instead.
"""

from __future__ import annotations

import re

from pipeline.simplify.french import antecedent, subject_pronoun, verb_follows
from pipeline.simplify.numbers import words_to_digits
from pipeline.simplify.rules import (
    DASH,
    MIN_PIECE_WORDS,
    OPTIONAL_ABOVE,
    SHARED_RULES,
    Context,
    LanguageRules,
    Split,
    quotation_first,
)
from pipeline.simplify.text import capitalise, close_sentence, count_words, word_set

NBSP = "\u00a0"
AUXILIARIES = word_set(
    """est sont était étaient sera seront serait seraient fut furent a ont avait avaient aura
    auront aurait auraient eut peut peuvent pourrait pourraient pouvait doit doivent devrait
    devraient va vont allait reste restent demeure fait font dit disent semble semblent veut
    veulent montre dirige combat combattent dispute mène tient vit vivent contrôle échappe
    trouve compte rejoint craint existe existent"""
)
"""Finite verb forms the ending tests miss."""
DETERMINERS = {
    "le": "m", "un": "m", "ce": "m", "cet": "m", "son": "m", "du": "m", "au": "m",
    "la": "f", "une": "f", "cette": "f", "sa": "f",
    "les": "p", "des": "p", "ces": "p", "ses": "p", "leurs": "p", "aux": "p",
}  # fmt: skip
PRONOUN = {"m": "Il", "f": "Elle", "p": "Ils"}
STRESSED = {"m": "lui", "f": "elle", "p": "eux"}
SUBJECT_PRONOUNS = {"il": "Il", "elle": "Elle", "ils": "Ils", "elles": "Elles", "on": "On"}
IRREGULAR_PARTICIPLES = {
    "faisant": "fait", "disant": "dit", "prenant": "pris", "mettant": "mis", "tenant": "tenu",
    "voyant": "vu", "lisant": "lu", "écrivant": "écrit", "rendant": "rendu",
    "attendant": "attendu", "répondant": "répondu", "craignant": "craint",
    "rejoignant": "rejoint", "promettant": "promis", "permettant": "permis",
    "soutenant": "soutenu", "obtenant": "obtenu", "offrant": "offert", "ouvrant": "ouvert",
    "recevant": "reçu", "voulant": "voulu", "pouvant": "pu", "devant": "dû",
}  # fmt: skip
NOT_PARTICIPLES = word_set(
    """pendant avant durant maintenant cependant suivant concernant moyennant nonobstant étant
    ayant important puissant croissant inquiétant vivant enfant devant"""
)
SPEECH = (
    r"(?:a|ont)\s+(?:déclaré|indiqué|affirmé|dit|expliqué|ajouté|précisé|assuré|confié"
    r"|souligné|estimé|rapporté|annoncé|confirmé|raconté)"
    r"(?:\s+à\s+(?:l['’]\s?)?[A-ZÉ][\w-]*|\s+à\s+(?:la|le|les)\s+\w+)?"
)
CONJUNCTIONS = word_set("et mais ou donc car puis alors")
REPORTED = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:déclaré|dit|indiqué|affirmé|ajouté|expliqué|estimé|assuré"
    r"|précisé|annoncé|confirmé|raconté)\b(?![^:]*:$)|\b(?:disent|affirment|estiment|selon)\b"
)
"""A reporting verb that does not end the sentence with a colon."""
PREPOSITIONS = word_set(
    """dans en à au aux de du des sur sous avec sans pour par vers chez depuis pendant après
    avant entre contre selon comme"""
)
BOUND_WORDS = word_set(
    """partir cause travers près lors afin auprès autour face grâce loin hors cours raison"""
)
CONTEXT_WORDS = word_set(
    """il elle ils elles ce cet cette ces c'est cela ça son sa ses leur leurs mais et lui eux
    on y"""
)


def has_verb(text: str) -> bool:
    """Heuristic: a known finite form, or an ending of the imperfect, conditional or plural."""
    for raw in text.split():
        word = raw.strip("\"'“”«»(),.;:!?").lower()
        word = word.split("'")[-1].split("’")[-1]
        if word in AUXILIARIES:
            return True
        if len(word) > 4 and word.endswith(("ait", "aient", "èrent", "irent")):
            return True
        if len(word) > 5 and word.endswith("ent") and not word.endswith(("ment", "dent", "gent")):
            return True
    return False


def gender_before(text: str) -> str:
    """Gender/number (``m``, ``f``, ``p``) of the noun phrase ending ``text``, from its
    determiner (complements with ``du``/``de la`` skipped); ``m`` when unknown."""
    words = [w.lower().strip(",") for w in text.split()]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        previous = words[i - 1] if i else ""
        if word in ("du", "au") or (word == "la" and previous == "de"):
            continue
        if word == "des" and previous not in ("", "avec", "et", "par", "pour", "contre"):
            continue
        if word in DETERMINERS:
            return DETERMINERS[word]
    return "m"


def reference(noun_phrase: str, context: Context) -> str:
    """A pronoun of the phrase's gender and number, or a glossary name repeated."""
    phrase = noun_phrase.strip().strip(",")
    lower = phrase.lower()
    if lower in SUBJECT_PRONOUNS:
        return SUBJECT_PRONOUNS[lower]
    if " et " in f" {lower} ":
        return "Ils"
    mention = context.mention_starting(phrase)
    if mention is not None and context.mention_ending(phrase) is not None:
        return capitalise(phrase)
    parsed = subject_pronoun(phrase)
    if parsed is not None:
        return parsed
    first = lower.split()[0] if lower.split() else ""
    return PRONOUN[DETERMINERS.get(first, gender_before(phrase))]


def subject_of(text: str) -> str | None:
    """The words before the main verb (a leading phrase before a comma skipped)."""
    body = text
    first, comma, rest = text.partition(", ")
    if comma and not has_verb(first) and count_words(first) <= 6:
        body = rest
    words = body.split()
    for i, word in enumerate(words[:10]):
        if i and has_verb(word):
            subject = [w for w in words[:i] if w.lower() not in ("n'", "ne")]
            while subject and subject[-1].lower() in ("a", "également", "aussi", "toujours"):
                subject.pop()
            return " ".join(subject) or None
    return None


def past_participle(participle: str) -> str | None:
    """``ajoutant`` -> ``ajouté``, ``faisant`` -> ``fait``; None for what is not a participle."""
    word = participle.lower()
    if word in NOT_PARTICIPLES or not word.endswith("ant") or len(word) < 6:
        return None
    if word in IRREGULAR_PARTICIPLES:
        return IRREGULAR_PARTICIPLES[word]
    if word.endswith("issant"):
        return word[:-6] + "i"
    stem = word[:-3]
    if stem.endswith("ge"):
        stem = stem[:-1]
    return stem.replace("ç", "c") + "é"


def _auxiliary(pronoun: str) -> str:
    return "ont" if pronoun in ("Ils", "Elles") or " et " in pronoun else "a"


def _participle_clause(pronoun: str, clitic: str, verb: str, rest: str) -> str | None:
    """``Il`` + ``leur`` + ``faisant`` + ``part de…`` -> ``Il leur a fait part de…``."""
    past = past_participle(verb)
    if past is None:
        return None
    clitic = f"{clitic} " if clitic and not clitic.endswith("'") else clitic
    return f"{pronoun} {clitic}{_auxiliary(pronoun)} {past} {rest}"


# --- preparation -------------------------------------------------------------------------


def numbers_in_digits(text: str, context: Context) -> str:
    """Number words as digits (``deux`` -> ``2``)."""
    return words_to_digits(text, "fr")


# --- attributions ------------------------------------------------------------------------

_ATTRIBUTION = re.compile(
    rf"^(?P<content>.+?)\s*,\s+(?P<verb>{SPEECH})\s+(?P<who>[^,«»\"]{{2,80}}?)"
    r"(?P<tail>,\s+.+?)?\s*(?P<end>[.!?])?$"
)
_TAIL_PARTICIPLE = re.compile(
    r"^(?P<clitic>(?:leur|lui|les|se|s['’]|en|y)\s?)?(?P<verb>\w+ant)\s+(?P<rest>.+)$"
)


def attribution(text: str, context: Context) -> list[str] | None:
    """``X, a déclaré à l'AFP un responsable local, sous couvert d'anonymat.`` ->
    ``Un responsable local a déclaré à l'AFP, sous couvert d'anonymat :`` + ``X.``"""
    match = _ATTRIBUTION.match(text)
    if not match:
        return None
    who = match.group("who").strip()
    if count_words(who) > 8 or has_verb(who) or count_words(match.group("content")) < 3:
        return None
    tail = (match.group("tail") or "").strip(" ,")
    gender = DETERMINERS.get(who.split()[0].lower(), gender_before(who))
    after = _tail_sentence(tail, gender)
    intro = f"{capitalise(who)} {match.group('verb')}"
    if tail and after is None:
        intro += f", {tail}"
    content = close_sentence(match.group("content"))
    return [f"{intro}{NBSP}:", content, *([after] if after else [])]


def _tail_sentence(tail: str, gender: str) -> str | None:
    """``ajoutant que…`` -> ``Il a ajouté que….``; ``selon qui…`` -> ``Selon lui, ….``"""
    if tail.lower().startswith("selon qui "):
        return close_sentence(f"Selon {STRESSED[gender]}, {tail[len('selon qui ') :]}")
    match = _TAIL_PARTICIPLE.match(tail)
    if not match:
        return None
    clause = _participle_clause(
        PRONOUN[gender],
        (match.group("clitic") or "").strip(),
        match.group("verb"),
        match.group("rest"),
    )
    return close_sentence(clause) if clause else None


_SAID_QUE = re.compile(
    r"^(?P<who>[^,«»]{2,60}?)\s+(?P<verb>(?:a|ont)\s+(?:déclaré|affirmé|dit|ajouté|indiqué"
    r"|expliqué|estimé|assuré|précisé|souligné|confirmé))\s+qu(?:e\s+|['’]\s*)(?P<rest>.+)$"
)


def said_que(text: str, context: Context) -> list[str] | None:
    """``Il a ajouté que X.`` -> ``Il a ajouté :`` + ``X.`` (long sentences only)."""
    match = _SAID_QUE.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE:
        return None
    head = re.split(r"\bqui\b", match.group("who"), maxsplit=1)[0]
    if has_verb(head) or count_words(match.group("rest")) < 4:
        return None
    if re.search(r",\s+(?:mais|et)\s|;", match.group("rest")):
        return None  # is the second clause also what was said? Unsure: not cut
    return [f"{match.group('who')} {match.group('verb')}{NBSP}:", capitalise(match.group("rest"))]


_SELON = re.compile(r"^(?P<content>.+?),\s+(?P<source>selon\s+[^,]{2,60}?)\s*(?P<end>[.!?])$")


def selon_first(text: str, context: Context) -> list[str] | None:
    """``X, selon ces sources.`` -> ``Selon ces sources, x.``"""
    match = _SELON.match(text)
    if not match or match.group("content").lower().startswith("selon"):
        return None
    content = match.group("content")
    if context.mention_starting(content) is None and not content[1:2].isupper():
        content = content[:1].lower() + content[1:]
    return [f"{capitalise(match.group('source'))}, {content}{match.group('end')}"]


# --- appositions and relative clauses ----------------------------------------------------

_APPOSITION = re.compile(r",\s+(?P<np>(?:(?:un|une|le|la|les)\s+|l['’]\s?)[^,;]+?)(?=,|\s*[.!?]?$)")


def apposition(text: str, context: Context) -> list[str] | None:
    """``… Iyad Ag Ghaly, un chef lié à Al-Qaïda, dans …`` -> the sentence without the
    apposition, then ``Iyad Ag Ghaly est un chef lié à Al-Qaïda.``"""
    for mention in context.mentions(text):
        match = _APPOSITION.match(text, mention.end)
        if not match:
            continue
        np = match.group("np")
        definite = np.lower().startswith(("le ", "la ", "l'", "l’", "les "))
        head = re.sub(r"^\S+\s*", "", np) if not np.lower().startswith(("l'", "l’")) else np[2:]
        if (definite and context.mention_starting(head)) or count_words(np) < 2:
            continue
        if definite and head[:1].isupper():
            continue  # "Le Mali, le Burkina Faso et le Niger": a list of names
        name = _name_with_article(text, mention.start, mention.text)
        verb = "sont" if np.lower().startswith("les ") else "est"
        after = text[match.end() :]
        if re.match(r",\s+(?:qui|lequel|laquelle|lesquels|lesquelles)\b", after):
            main, described = text[: mention.end], f"{name} {verb} {np}{after}"
        else:
            # The comma that closed the apposition goes with it.
            main = text[: mention.end] + (" " + after.lstrip(", ") if after.strip(" .!?") else "")
            described = f"{name} {verb} {np}"
        if count_words(main) < MIN_PIECE_WORDS:
            continue
        return [close_sentence(main), close_sentence(described)]
    return None


def _name_with_article(text: str, start: int, name: str) -> str:
    before = text[:start].rstrip()
    for article in ("le", "la", "les"):
        if before.lower().endswith(f" {article}") or before.lower() == article:
            return f"{article.capitalize()} {name}"
    if before.lower().endswith(("l'", "l’")):
        return f"L'{name}"
    return name


_COPULA_QUI = re.compile(
    r"^(?P<subject>[^,]{2,60}?)\s+(?P<be>est|était|sont|étaient)\s+(?P<np>(?:un|une)\s+[^,]+?)\s+"
    r"qui\s+(?P<rest>.+)$"
)


def copula_qui(text: str, context: Context) -> list[str] | None:
    """``X est un Y qui Z.`` -> ``X est un Y.`` + ``X Z.``"""
    match = _COPULA_QUI.match(text)
    if not match or count_words(match.group("subject")) > 5:
        return None
    subject = match.group("subject")
    first = f"{subject} {match.group('be')} {match.group('np')}"
    return [close_sentence(first), f"{reference(subject, context)} {match.group('rest')}"]


_PLACE = (
    r"(?:(?:au|dans\s+le)\s+(?:sud|nord|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)"
    r"|dans|en|à|près|autour|partout|sur)"
)
_FRONTED = re.compile(
    rf"^(?P<conj>(?:Mais|Et|Or|Pourtant)\s+)?(?P<place>{_PLACE}\s[^,]+(?:,\s+{_PLACE}\s[^,]+)*),\s+"
    r"(?P<main>.+)$",
    re.IGNORECASE,
)


def fronted_place(text: str, context: Context) -> list[str] | None:
    """``Mais au sud de X, dans Y, les groupes combattent.`` -> ``Mais les groupes
    combattent.`` + ``C'est au sud de X, dans Y.`` (long sentences only)."""
    match = _FRONTED.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE:
        return None
    place, main = match.group("place"), match.group("main")
    if count_words(place) < 4 or count_words(main) < 5 or not has_verb(main):
        return None
    if re.search(r"\s(?:et|mais)\s+(?:il|elle|ils|elles|des|on)\s", main):
        return None  # "C'est…" after two clauses would be about which one? Keep the phrase.
    conj = (match.group("conj") or "").strip()
    main = f"{conj} {main}" if conj else capitalise(main)
    return [main, close_sentence(f"C'est {place[:1].lower()}{place[1:]}")]


def _lequel(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    mention = context.mention_ending(left)
    if mention is not None:
        return f"{_name_with_article(left, mention.start, mention.text)} {rest}"
    relative = match.group("rel").lower()
    gender = "f" if "laquelle" in relative or "lesquelles" in relative else "m"
    pronoun = {"m": "Il", "f": "Elle"}[gender]
    if relative.startswith("lesq"):
        pronoun += "s"
    return f"{pronoun} {rest}"


def _qui(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…une révolte qui a déstabilisé`` -> ``Cette révolte a déstabilisé`` (the noun the
    clause is about, repeated with its gender and number); a glossary name is repeated."""
    last = left.split()[-1].lower().strip(",") if left.split() else ""
    if last in PREPOSITIONS or last in ("ce", "celui", "celle", "ceux"):
        return None
    verb = re.sub(r"^,[^,]+,\s*", "", rest).split(maxsplit=1)[0].lower()
    plural = verb in ("sont", "ont") or (verb.endswith("ent") and not verb.endswith("ment"))
    mention = context.mention_ending(left)
    complement = mention is not None and re.search(
        r"\b(?:de|du|des|d['’])\s*(?:la\s+|l['’]\s*)?$", left[: mention.start], re.IGNORECASE
    )
    if mention is not None and not plural and not complement:
        subject: str | None = _name_with_article(left, mention.start, mention.text)
    else:
        subject = antecedent(left, verb)
    if subject is None:
        return None
    return f"{subject}{'' if rest.startswith(',') else ' '}{rest}"


def _participle(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    subject = subject_of(left)
    if subject is None:
        return None
    clitic = (match.group("clitic") or "").strip()
    return _participle_clause(reference(subject, context), clitic, match.group("verb"), rest)


def _sans(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``Elles ont confirmé X, sans toutefois commenter Y`` -> ``Mais elles n'ont pas commenté
    Y`` (a regular -er verb, after a compound past with a subject the rules can name)."""
    subject = subject_of(left)
    if subject is None or not re.search(r"\b(?:a|ont)\s+\w+[éiu]e?s?\b", left):
        return None
    ref = reference(subject, context)
    ref = ref.lower() if ref in PRONOUN.values() or ref == "Elles" else ref
    aux = _auxiliary(ref.capitalize())
    return f"Mais {ref} n'{aux} pas {match.group('verb')[:-2]}é {rest}"


def _mais_clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…, mais les chefs n'ont signé`` -> ``Mais les chefs n'ont signé``, unless the first
    part reports speech (is the second part also what was said? unsure)."""
    return None if REPORTED.search(left) else f"Mais {rest}"


def _mais_with_verb(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    subject = subject_of(left)
    if subject is None:
        return None
    ref = reference(subject, context)
    ref = ref.lower() if ref in ("Il", "Elle", "Ils", "Elles") else ref
    return f"Mais {ref} {rest}"


def _clause_after_et(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    words = rest.split()
    if not words or not has_verb(" ".join(words[1:6])):
        return None
    if words[0].lower() in PREPOSITIONS - {"des", "du", "au", "aux"}:
        return None  # "et dans …" continues a phrase, it does not start a clause
    return rest


_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "i", "is", "it", "u", "us", "ait")


def _et_with_verb(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``Kidal échappe à X et se trouve …`` -> ``Kidal se trouve …``; after a compound
    tense the auxiliary is repeated (``a noué X et fait venir`` -> ``Elle a fait venir``)."""
    subject = subject_of(left)
    first = rest.split()[0].lower() if rest.split() else ""
    if subject is None or not verb_follows(left + match.group() + rest, len(left + match.group())):
        return None
    ref = reference(subject, context)
    if first in ("se", "s'", "ne", "n'", "y", "en") or first.startswith(("s'", "n'")):
        return f"{ref} {rest}"
    after_subject = left[len(subject) :].split()
    aux = after_subject[0] if after_subject and after_subject[0] in ("a", "ont") else ""
    if aux and (first in IRREGULAR_PARTICIPLES.values() or first.endswith(_PARTICIPLE_ENDINGS)):
        return f"{ref} {_auxiliary(ref)} {rest}"
    return f"{ref} {rest}" if has_verb(first) else None


def _que_object(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…, que des jihadistes ont rejointe`` -> ``Des jihadistes l'ont rejointe``."""
    words = rest.split()
    for i, word in enumerate(words[:6]):
        if i and word in ("a", "ont", "avait", "avaient", "est", "sont", "était", "étaient"):
            after = [w for w in words[i + 1 : i + 3] if w.lower() not in ("ensuite", "déjà")]
            # The participle agrees with the object: "reportées" -> "les", "rejointe" -> "l'".
            plural = bool(after) and after[0].rstrip(",.").endswith(("s", "x"))
            pronoun = f"les {word}" if plural else f"l'{word}"
            return " ".join([*words[:i], pronoun, *words[i + 1 :]])
    return None


SPLITS: tuple[Split, ...] = (
    Split("mais", re.compile(r",\s+mais\s+"), opener=_mais_clause),
    Split(
        "sans",
        re.compile(r",\s+sans\s+(?:toutefois\s+|pour autant\s+)?(?P<verb>\w+er)\s+"),
        opener=_sans,
    ),
    Split(
        "lequel",
        re.compile(r",\s+(?P<rel>lequel|laquelle|lesquels|lesquelles)\s+"),
        opener=_lequel,
        needs_verb=False,
    ),
    Split("qui", re.compile(r",\s+qui\s+"), opener=_qui, needs_verb=False),
    Split(
        "participle",
        re.compile(r",\s+(?P<clitic>(?:leur|lui|les|se|s['’]|en|y)\s?)?(?P<verb>\w+ant)\s+"),
        opener=_participle,
        min_words=OPTIONAL_ABOVE,
    ),
    Split(
        "qui-verb",
        re.compile(r"\s+qui(?=\s*,|\s+\w+)\s*"),
        opener=_qui,
        min_words=OPTIONAL_ABOVE,
        needs_verb=False,
    ),
    Split("et-clause", re.compile(r",\s+et\s+"), opener=_clause_after_et),
    Split(
        "que-object",
        re.compile(r",\s+que\s+(?=(?:des|les|la|le|l['’]|un|une|il|elle|ils|elles)\b)"),
        opener=_que_object,
    ),
    Split(
        "et",
        re.compile(r"\s+et\s+(?=(?:des|les|il|elle|ils|elles|on)\s)"),
        opener=_clause_after_et,
        min_words=OPTIONAL_ABOVE,
    ),
    Split("et-verb", re.compile(r"\s+et\s+"), opener=_et_with_verb, min_words=OPTIONAL_ABOVE),
    Split(
        "mais-verb",
        re.compile(r"\s+mais\s+(?=(?:n['’]|ne|a|ont|est|sont|il|elle)\b)"),
        opener=_mais_with_verb,
    ),
    Split(
        "pronoun-clause",
        re.compile(r",\s+(?=(?:il|elle|ils|elles|on)\s)"),
        min_words=OPTIONAL_ABOVE,
    ),
    DASH,
)

RULES = LanguageRules(
    lang="fr",
    prepare=(numbers_in_digits,),
    rules=(
        *SHARED_RULES,
        attribution,
        quotation_first,
        selon_first,
        said_que,
        copula_qui,
        apposition,
        fronted_place,
        *SPLITS,
    ),
    has_verb=has_verb,
    conjunctions=CONJUNCTIONS,
    prepositions=PREPOSITIONS,
    bound_words=BOUND_WORDS,
    context_words=CONTEXT_WORDS,
    colon=f"{NBSP}:",
    reported=REPORTED,
)
"""The French rules."""
