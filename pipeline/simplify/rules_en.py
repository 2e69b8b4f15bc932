"""Easy-to-read rules for English.

Following Inclusion Europe's "Information for all": one idea per sentence, the
speaker first ("Sources said this: ..."), names repeated instead of "who" and
"which", numbers in digits.  In order of application:

- attributions: ``X, sources said.`` -> ``Sources said this:`` + ``X.``; an
  ``-ing`` phrase after the speaker (``asking not to be identified``) becomes its own
  sentence (``The local leader asked not to be identified.``);
- ``according to X`` at the end moves to the front;
- appositions after a name: ``Iyad Ag Ghaly, an ethnic Tuareg, ...`` ->
  ``Iyad Ag Ghaly is an ethnic Tuareg.``;
- ``X is a Y who Z`` -> ``X is a Y.`` + ``X Z.``;
- a long place phrase before the clause moves after it (``This is south of ...``);
- cuts at ``, but``, ``, which``, ``, who``, ``that`` + verb, ``, and`` + clause,
  ``but`` + verb, an ``-ing`` phrase after a clause, ``and`` + clause.
"""

from __future__ import annotations

import re

from pipeline.simplify.english import antecedent
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

AUXILIARIES = word_set(
    """is are was were be been being has have had do does did will would can could may might
    must should shall isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't
    won't wouldn't can't couldn't"""
)
COMMON_VERBS = word_set(
    """say says said tell tells told meet meets met hold holds held go goes went flee flees
    fled die dies lead leads led head heads make makes made take takes took give gives gave
    come comes came see sees saw get gets got fight fights fought remain remains want wants
    seem seems become becomes became begin begins began leave leaves left keep keeps kept
    bring brings brought think thinks thought know knows knew show shows live lives lie lies
    run runs ran find finds found fear fears mean means controls control includes"""
)
"""Finite verbs the -ed test misses (irregular and present forms)."""
ADJECTIVES_ED = word_set(
    """armed unspecified self-described expected called united based related concerned supposed
    alleged detailed limited advanced"""
)
"""Words ending in -ed that are mostly adjectives in news copy."""
DETERMINERS = word_set(
    """a an the this that these those his her its their our my your some many several"""
)
PRONOUNS = {"he": "He", "she": "She", "it": "It", "they": "They", "we": "We", "i": "I"}
ADVERBS = word_set("also recently often always still later then now already never just")
ING_PREPOSITIONS = word_set(
    """including according following regarding concerning during notwithstanding"""
)
IRREGULAR_PAST = {
    "saying": "said", "telling": "told", "bringing": "brought", "making": "made",
    "taking": "took", "giving": "gave", "going": "went", "coming": "came", "seeing": "saw",
    "holding": "held", "meeting": "met", "keeping": "kept", "leaving": "left",
    "leading": "led", "fleeing": "fled", "fighting": "fought", "seeking": "sought",
    "thinking": "thought", "buying": "bought", "sending": "sent", "spending": "spent",
    "finding": "found", "knowing": "knew", "getting": "got", "putting": "put",
    "running": "ran", "becoming": "became", "beginning": "began", "speaking": "spoke",
    "writing": "wrote", "being": "was", "having": "had", "doing": "did", "winning": "won",
    "losing": "lost", "paying": "paid", "standing": "stood", "selling": "sold",
}  # fmt: skip
SPEECH_VERBS = r"said|says|told (?:AFP|reporters|journalists|[A-Z][\w-]+)|added|reported|stated"
CONJUNCTIONS = word_set("and but or so because while although though whereas")
REPORTED = re.compile(r"\b(?:said|says|told|tells|added|reported|claimed|believe[sd]?)\b(?! this:)")
"""A reporting verb: what follows may be what someone said, so its scope is unsure."""
PREPOSITIONS = word_set(
    """in on at to from with without by for since during after before under over about against
    between among into through across near as"""
)
CONTEXT_WORDS = word_set(
    """he she it they this these those that his her its their but and so then also there"""
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def has_verb(text: str) -> bool:
    """Heuristic: an auxiliary, a common finite verb, or an -ed word not after a determiner."""
    words = text.split()
    return any(_is_verb(word, words[i - 1] if i else "") for i, word in enumerate(words))


def _has_main_verb(phrase: str) -> bool:
    """Whether a phrase has a verb outside a relative clause ("the source who met X" has none)."""
    head = re.split(r"\b(?:who|that|which)\b", phrase, maxsplit=1)[0]
    return has_verb(head)


def _is_verb(word: str, previous: str) -> bool:
    """Whether ``word`` looks like a finite verb, given the word before it."""
    bare = word.strip("\"'“”‘’(),.;:!?").lower()
    if bare in AUXILIARIES or bare in COMMON_VERBS:
        return True
    before = previous.strip("\"'“”‘’(),.;:!?").lower()
    # An -ed word after a determiner, a possessive or an -ly adverb is an adjective.
    return (
        bare.endswith("ed")
        and len(bare) > 3
        and bare not in ADJECTIVES_ED
        and before not in DETERMINERS
        and not before.endswith(("'s", "’s", "ly"))
    )


def past_tense(participle: str) -> str:
    """``asking`` -> ``asked``, ``telling`` -> ``told`` (regular verbs: stem + -ed)."""
    word = participle.lower()
    if word in IRREGULAR_PAST:
        return IRREGULAR_PAST[word]
    stem = word[:-3]
    if stem.endswith("y"):
        return stem + "ed"
    return stem + ("d" if stem.endswith("e") else "ed")


def subject_of(text: str) -> str | None:
    """The words before the first verb of the main clause (leading phrase before a comma
    skipped), trailing adverbs dropped; None when it cannot be told."""
    body = text
    first, comma, rest = text.partition(", ")
    if comma and not has_verb(first) and count_words(first) <= 6:
        body = rest
    words = body.split()
    for i, word in enumerate(words[:10]):
        if i and _is_verb(word, words[i - 1]):
            subject = words[:i]
            while subject and subject[-1].lower() in ADVERBS:
                subject.pop()
            return " ".join(subject) or None
    return None


def reference(noun_phrase: str, context: Context) -> str:
    """How a later sentence names the same person or thing, without guessing a gender:
    pronouns stay, coordinations become "They", "a/another X in Y" becomes "The (other) X"."""
    phrase = noun_phrase.strip().strip(",")
    lower = phrase.lower()
    if lower in PRONOUNS:
        return PRONOUNS[lower]
    if " and " in f" {lower} ":
        return "They"
    if context.mention_starting(phrase) and context.mention_ending(phrase):
        return capitalise(phrase)
    words = phrase.split()
    for i, word in enumerate(words[1:], start=1):
        if word.lower() in PREPOSITIONS - {"as"} and i >= 2:
            words = words[:i]
            break
    head = words[0].lower()
    if head == "another":
        words = ["The", "other", *words[1:]]
    elif head in ("a", "an", "the"):
        words = ["The", *words[1:]]
    return capitalise(" ".join(words))


# --- preparation -------------------------------------------------------------------------

_DATE = re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b(?:,(?=\s+(?:from|in|at|on)\b))?")


def numbers_in_digits(text: str, context: Context) -> str:
    """Number words as digits, and ``June 25, 2016`` as ``25 June 2016`` (no comma to trip on)."""
    return _DATE.sub(r"\2 \1 \3", words_to_digits(text, "en"))


# --- attributions ------------------------------------------------------------------------

_TRAILING = re.compile(
    r"^(?P<content>.+)(?P<sep>,[\"”]?|[\"”],)\s+(?P<who>[^,\"“”]{2,80}?)\s+"
    rf"(?P<verb>{SPEECH_VERBS})(?P<when>\s+on\s+[A-Z][a-z]+day)?(?P<tail>,\s+.+?)?\s*"
    r"(?P<end>[.!?])?$"
)
_INVERTED = re.compile(
    r"^(?P<content>.+?)(?P<sep>,[\"”]|[\"”],)\s+(?P<verb>said|added|says)\s+"
    r"(?P<who>[^,\"“”]{2,60}?)(?P<tail>,\s+.+?)?\s*(?P<end>[.!?])?$"
)


def attribution(text: str, context: Context) -> list[str] | None:
    """``X, a leader told AFP, asking Y.`` -> ``A leader told AFP this:`` + ``X.`` +
    ``The leader asked Y.`` (also ``"X," said a diplomat, adding Y.``)."""
    match = _TRAILING.match(text) or _INVERTED.match(text)
    if not match:
        return None
    who = match.group("who").strip()
    if count_words(who) > 8 or has_verb(who) or count_words(match.group("content")) < 3:
        return None
    dateline, body = split_dateline(match.group("content"))
    content = close_sentence(body + match.group("sep"))
    tail = (match.group("tail") or "").strip(" ,")
    after = _tail_sentence(tail, who, context)
    verb = match.group("verb")
    when = (match.groupdict().get("when") or "").strip()
    said = f"{capitalise(who)} {verb} this" + (f" {when}" if when else "")
    if tail and not after:
        return None  # "…, who…", "…, according to…": where would it go? Not cut
    return [f"{dateline}{said}:", capitalise(content), *([after] if after else [])]


_DATELINE = re.compile(r"^(?P<line>[A-Z][A-Z .'’-]+(?:,\s[A-Z][a-z]+\.?\s\d{1,2})?\s[-–—]\s)")


def split_dateline(text: str) -> tuple[str, str]:
    """``DAKAR, March 3 - More than…`` -> (``DAKAR, March 3 - ``, ``More than…``): the
    dateline stays first when the sentence is reordered."""
    match = _DATELINE.match(text)
    return (match.group("line"), text[match.end() :]) if match else ("", text)


def _tail_sentence(tail: str, who: str, context: Context) -> str | None:
    """``asking not to be identified`` -> ``The local leader asked not to be identified.``;
    ``who asked not to be named`` -> ``The official asked not to be named.``"""
    first, _, rest = tail.partition(" ")
    if first.lower() == "who" and rest:
        return close_sentence(f"{reference(who, context)} {rest}")
    if not first.lower().endswith("ing") or first.lower() in ING_PREPOSITIONS or not rest:
        return None
    return close_sentence(f"{reference(who, context)} {past_tense(first)} {rest}")


_SAID_THAT = re.compile(
    r"^(?P<who>[^,\"“”]{2,60}?)\s+(?P<verb>said|says|added|told \w+|confirmed|explained)"
    r"\s+(?:that\s+(?P<rest>.+)|(?P<quoted>[\"“].+)|(?P<bare>(?:the|a|an)\s.+))$"
)


def said_that(text: str, context: Context) -> list[str] | None:
    """``The diplomat added that X.`` -> ``The diplomat added this:`` + ``X.``, and
    ``The source said "X" …`` -> ``The source said this:`` + ``"X" ….``; ``The agency said
    the number had tripled…`` likewise, when the words after "said" are a whole sentence
    with no second "that" (long sentences only)."""
    match = _SAID_THAT.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE:
        return None
    who = match.group("who")
    if who.split()[0].lower() in PRONOUNS or _has_main_verb(who):
        return None
    rest = match.group("rest") or match.group("quoted")
    bare = match.group("bare")
    if bare is not None:
        if re.search(r"\bthat\b|,\s+(?:which|but|and)\b|;", bare) or not context.is_sentence(bare):
            return None
        rest = bare
    if count_words(rest) < 5 or not has_verb(rest):
        return None
    return [f"{match.group('who')} {match.group('verb')} this:", capitalise(rest)]


_ACCORDING = re.compile(
    r"^(?P<content>.+?),\s+(?P<source>according to [^,]{2,60}?)\s*(?P<end>[.!?])$"
)


def according_to_first(text: str, context: Context) -> list[str] | None:
    """``X, according to Y.`` -> ``According to Y, X.``"""
    match = _ACCORDING.match(text)
    if not match or match.group("content").startswith("According"):
        return None
    content = match.group("content")
    if not context.mention_starting(content):
        content = content[:1].lower() + content[1:] if content[:2] != "I " else content
    return [f"{capitalise(match.group('source'))}, {content}{match.group('end')}"]


# --- appositions and relative clauses ----------------------------------------------------

_APPOSITION = re.compile(r",\s+(?P<np>(?:a|an|the|one of the)\s+[^,;]+?)(?=,|\s*[.!?]?$)")


def apposition(text: str, context: Context) -> list[str] | None:
    """``..., Iyad Ag Ghaly, an ethnic Tuareg, heads ...`` -> the sentence without the
    apposition, then ``Iyad Ag Ghaly is an ethnic Tuareg.``"""
    for mention in context.mentions(text):
        match = _APPOSITION.match(text, mention.end)
        if not match:
            continue
        np = match.group("np")
        det, _, head = np.partition(" ")
        starts_name = context.mention_starting(head)
        if (det.lower() == "the" and starts_name) or count_words(np) < 2:
            continue
        name = _name_with_article(text, mention.start, mention.text)
        after = text[match.end() :]
        # A relative clause after the apposition describes it: it stays with it.
        if re.match(r",\s+(?:which|who)\b", after):
            main, described = text[: mention.end], f"{name} is {np}{after}"
        else:
            # The comma that closed the apposition goes with it.
            main = text[: mention.end] + (" " + after.lstrip(", ") if after.strip(" .!?") else "")
            described = f"{name} is {np}"
        if count_words(main) < MIN_PIECE_WORDS:
            continue
        return [close_sentence(main), close_sentence(described)]
    return None


def _name_with_article(text: str, start: int, name: str) -> str:
    before = text[:start].rstrip().rsplit(maxsplit=1)
    return f"The {name}" if before and before[-1].lower() == "the" else name


_COPULA_WHO = re.compile(
    r"^(?P<subject>[^,]{2,60}?)\s+(?P<be>is|was|are|were)\s+(?P<np>(?:a|an)\s+[^,]+?)\s+"
    r"who\s+(?P<rest>.+)$"
)


def copula_who(text: str, context: Context) -> list[str] | None:
    """``X is a Y who Z.`` -> ``X is a Y.`` + ``X Z.``"""
    match = _COPULA_WHO.match(text)
    if not match or count_words(match.group("subject")) > 5:
        return None
    if set(match.group("np").lower().split()) & (PREPOSITIONS | {"of"}):
        return None  # "a stronghold of rebels who…": "who" is about the rebels
    subject = match.group("subject")
    first = f"{subject} {match.group('be')} {match.group('np')}"
    second = f"{reference(subject, context)} {match.group('rest')}"
    return [close_sentence(first), second]


_REDUCED = re.compile(
    r"^(?P<main>.+?\s(?P<np>(?:the|a|an)\s+(?:\w+\s+){0,2}?(?P<head>\w+)(?:\s+of\s+\w+)?))\s+"
    r"(?P<part>taken|made|founded|based|backed|led|released|published|given|built|formed"
    r"|created|supported|controlled|used)\s+(?P<rest>(?:from|by|in|on|with|for)\s.+)$"
)


def reduced_relative(text: str, context: Context) -> list[str] | None:
    """``… the rules of life taken from the Koran.`` -> ``… the rules of life.`` +
    ``The rules of life are taken from the Koran.`` (a final phrase without a verb)."""
    match = _REDUCED.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE or has_verb(match.group("rest")):
        return None
    if count_words(match.group("main")) < 5 or not has_verb(match.group("main")):
        return None
    np = match.group("np")
    head = match.group("head").lower()
    be = "are" if head.endswith("s") and not head.endswith("ss") else "is"
    subject = "The " + np.split(maxsplit=1)[1]
    described = f"{subject} {be} {match.group('part')} {match.group('rest')}"
    return [close_sentence(match.group("main")), described]


_PLACE = (
    r"(?:(?:south|north|east|west|north-east|north-west|south-east|south-west)\s+of|in|on|at"
    r"|across|near|inside|outside|around|throughout|within)"
)
_FRONTED = re.compile(
    r"^(?P<conj>(?:But|And|Yet|So)\s+)?(?!(?:at\s+least|at\s+most|in\s+all|in\s+total|in\s+fact)\b)"
    rf"(?P<place>{_PLACE}\s[^,]+(?:,\s+{_PLACE}\s[^,]+)*),\s+"
    r"(?P<main>.+)$",
    re.IGNORECASE,
)


def fronted_place(text: str, context: Context) -> list[str] | None:
    """``But south of X, in Y, the groups fight.`` -> ``But the groups fight.`` +
    ``This is south of X, in Y.`` (long sentences only)."""
    match = _FRONTED.match(text)
    if not match or count_words(text) <= OPTIONAL_ABOVE:
        return None
    place, main = match.group("place"), match.group("main")
    if count_words(place) < 4 or count_words(main) < 5 or not has_verb(main):
        return None
    conj = (match.group("conj") or "").strip()
    main = f"{conj} {main}" if conj else capitalise(main)
    return [main, close_sentence(f"This is {place[:1].lower()}{place[1:]}")]


def _relative_which(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``..., which has`` -> ``It has`` (or the name just before); ``which they fanned`` ->
    ``They fanned it``."""
    first, _, after = rest.partition(" ")
    if first.lower() in PRONOUNS:
        # "…joined by jihadists, and which they later fanned": "they" is not the subject of
        # the sentence before, so the noun is repeated ("The jihadists later fanned it").
        subject = _last_plural(left) if first.lower() == "they" else None
        return _object_relative(subject, after) if subject else None
    mention = context.mention_ending(left)
    of_name = mention is not None and re.search(r"\bof\s+(?:the\s+)?$", left[: mention.start])
    if mention is not None and not of_name and first.lower() not in ("are", "were", "have"):
        return f"{_name_with_article(left, mention.start, mention.text)} {rest}"
    return None  # "…the CMA's groups, which could…": which noun? Not sure: no split.


def _last_plural(text: str) -> str | None:
    """``The …`` + the last plural noun of ``text`` ("…joined by jihadists" -> "The jihadists")."""
    from pipeline.simplify.clauses import english_verb_forms
    from pipeline.simplify.english import noun_number

    for word in reversed(text.split()):
        bare = word.strip(",.;:\"'”“").lower()
        unknown_plural = bare.endswith("s") and not bare.endswith("ss") and not noun_number(bare)
        plural = noun_number(bare) == "plural" or (unknown_plural and not english_verb_forms(bare))
        if plural and not word[:1].isupper():
            return f"The {bare}"
    return None


def _object_relative(pronoun: str, rest: str) -> str | None:
    words = rest.split()
    for i, word in enumerate(words[:3]):
        if _is_verb(word, words[i - 1] if i else pronoun):
            return " ".join([pronoun, *words[: i + 1], "it", *words[i + 1 :]])
    return None


def _pronoun_for_verb(verb: str) -> str:
    return "They" if verb.lower() in ("are", "were", "have") else "It"


def _relative_who(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    mention = context.mention_ending(left)
    if mention is None or context.term_types.get(mention.term) != "person":
        return None
    return f"{mention.text} {rest}"


def _that_clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``a region that is not`` -> ``This region is not``: only when a verb follows "that"
    and the noun it is about can be told."""
    last = left.split()[-1].lower() if left.split() else ""
    if last in ("so", "such", "now", "given", "except") or _is_verb(last, ""):
        return None
    verb = re.sub(r"^,[^,]+,\s*", "", rest).split(maxsplit=1)[0]
    if not _is_verb(verb, "that") or verb.lower() in ("said", "told"):
        return None
    subject = antecedent(left, verb)
    if subject is None:
        return None
    return f"{subject}{'' if rest.startswith(',') else ' '}{rest}"


def _plural_who(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``the soldiers who took power`` -> ``These soldiers took power`` (plural nouns only)."""
    if context.mention_ending(left) is not None or not _is_verb(rest.split()[0], "who"):
        return None
    subject = antecedent(left, "are")
    return f"{subject} {rest}" if subject else None


def _of_whom(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…, many of whom live`` -> ``Many of them live``."""
    return re.sub(r"\bof\s+(?:whom|which)\b", "of them", rest, count=1)


def _but_with_verb(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    subject = subject_of(left)
    if subject is None:
        return None
    return f"But {_mid_sentence(reference(subject, context))} {rest}"


def _and_with_verb(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``It has destabilized X and stoked Y`` -> ``It stoked Y`` (same subject)."""
    subject = subject_of(left)
    if subject is None or not _is_verb(rest.split()[0], subject.split()[-1]):
        return None
    return f"{reference(subject, context)} {rest}"


def _mid_sentence(phrase: str) -> str:
    """A sentence-initial reference as it reads after a conjunction ("They" -> "they")."""
    first, _, rest = phrase.partition(" ")
    if first in ("They", "He", "She", "It", "We", "The"):
        return f"{first.lower()} {rest}".strip()
    return phrase


def _participle(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    verb = match.group("verb")
    if verb.lower() in ING_PREPOSITIONS:
        return None
    if re.search(r"\b(?:that|which|who)\b", left) or REPORTED.search(left):
        return None  # who does the "-ing"? The main subject, a relative's, or a speaker's
    subject = subject_of(left)
    if subject is None:
        return None
    return f"{reference(subject, context)} {past_tense(verb)} {rest}"


def _clause_after_and(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    words = rest.split()
    if not words or words[0].lower() == "that" or REPORTED.search(left):
        return None  # "said X, and that Y": both are what was said
    subject_ends = [i for i, w in enumerate(words[1:5], start=1) if _is_verb(w, words[i - 1])]
    if not subject_ends or words[0].lower() in PREPOSITIONS:
        return None
    return rest


_AUX_START = r"(?=(?:did|does|do|was|were|is|are|has|have|had|could|would|will|can|may|might)\b)"


def _but_clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``…, but many shops stayed closed`` -> ``But many shops stayed closed``, unless the
    first part reports speech ("Residents said X, but Y": is Y theirs? unsure)."""
    if REPORTED.search(left):
        return None
    return f"But {rest}"


def _np_clause(left: str, rest: str, match: re.Match[str], context: Context) -> str | None:
    """``… and the United Nations said …`` -> a new sentence, when the words after ``and``
    are a short subject followed by its finite verb (not the end of a list: "in Mali,
    Burkina Faso and Niger do not…")."""
    if REPORTED.search(left) or "," in " ".join(left.split()[-4:]):
        return None
    words = [w.strip(",;:").lower() for w in rest.split()]
    for i in range(1, min(len(words), 6)):
        if words[i] in CONJUNCTIONS or rest.split()[i - 1].endswith(","):
            return None
        if _is_verb(words[i], words[i - 1]) and words[i - 1] not in DETERMINERS:
            return rest
    return None


SPLITS: tuple[Split, ...] = (
    Split("but", re.compile(r",\s+but\s+"), opener=_but_clause),
    Split(
        "which", re.compile(r",\s+(?:and\s+)?which\s+"), opener=_relative_which, needs_verb=False
    ),
    Split("who", re.compile(r",\s+who\s+"), opener=_relative_who),
    Split(
        "participle",
        re.compile(r",\s+(?P<verb>[a-z]+ing)\s+(?=\S)"),
        opener=_participle,
        min_words=OPTIONAL_ABOVE,
    ),
    Split(
        "of-whom",
        re.compile(
            r",\s+(?=(?:many|some|most|all|few|several|none|one|both|\d+)\s+of\s+(?:whom|which)\s)"
        ),
        opener=_of_whom,
    ),
    Split(
        "that",
        re.compile(r",?\s+that(?=\s*,|\s+\w+)\s*"),
        opener=_that_clause,
        min_words=OPTIONAL_ABOVE,
        needs_verb=False,
    ),
    Split(
        "who-restrictive",
        re.compile(r"(?<=s)\s+who\s+(?=\w+)"),
        opener=_plural_who,
        min_words=OPTIONAL_ABOVE,
    ),
    Split("and-clause", re.compile(r",\s+and\s+"), opener=_clause_after_and),
    Split("but-verb", re.compile(rf"\s+but\s+{_AUX_START}"), opener=_but_with_verb),
    Split(
        "and-verb",
        re.compile(r"\s+and\s+(?=[a-z]+ed\s)"),
        opener=_and_with_verb,
        min_words=OPTIONAL_ABOVE,
    ),
    Split(
        "pronoun-clause", re.compile(r",\s+(?=(?:he|she|it|they|we)\s)"), min_words=OPTIONAL_ABOVE
    ),
    DASH,
    Split(
        "and",
        re.compile(r"\s+and\s+(?=(?:there|thousands|millions|hundreds|they|he|she|it|we)\b)"),
        min_words=OPTIONAL_ABOVE,
    ),
    Split(
        "and-subject",
        re.compile(r"\s+and\s+(?=(?:the|a|an|[A-Z])\S*\s)"),
        opener=_np_clause,
        min_words=OPTIONAL_ABOVE,
    ),
)

RULES = LanguageRules(
    lang="en",
    prepare=(numbers_in_digits,),
    rules=(
        *SHARED_RULES,
        attribution,
        quotation_first,
        according_to_first,
        said_that,
        copula_who,
        apposition,
        fronted_place,
        reduced_relative,
        *SPLITS,
    ),
    has_verb=has_verb,
    conjunctions=CONJUNCTIONS,
    prepositions=PREPOSITIONS,
    context_words=CONTEXT_WORDS,
    reported=REPORTED,
)
"""The English rules."""
