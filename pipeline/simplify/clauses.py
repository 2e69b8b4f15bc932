"""Is this a sentence or a fragment?  A subject and a finite verb, told per language.

=========  ==============================================================================
language   how it is told
=========  ==============================================================================
fr         spaCy's French pipeline (``fr_core_news_sm``, Explosion): the sentence's root
           is a finite verb (``VerbForm=Fin``), or has a finite auxiliary or copula, and
           has a subject.  Without spaCy installed: cannot tell (``None``).
en         a verb lexicon (LemmInflect's inflection tables, MIT): a finite form (an
           auxiliary, a past tense, a present form after a subject) outside a relative
           clause, with words before it that are not only a preposition's phrase.
ar         conservative: the text must not start with a preposition, a relative pronoun
           or a conjunction that needs the clause before.  Nominal sentences are normal.
bm         a predicative marker (``bɛ``, ``ye``, ``ma``, ``ka``...) outside a relative.
=========  ==============================================================================

``is_sentence`` answers True, False, or None when the language has no way to tell; the
simplifier refuses a split when either side is False, and ``fragments`` lists the
sentences of a text that are False.  Titles and headings are not sentences and are not
checked; a quotation is checked on the words inside its marks.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from functools import cache
from typing import Any

from pipeline.simplify.text import CLOSERS, OPENERS, TERMINAL, count_words, word_set


def is_sentence(text: str, lang: str) -> bool | None:
    """Whether ``text`` is a whole sentence (subject and finite verb); None = cannot tell."""
    core = _core(text)
    if count_words(core) == 0:
        return None
    checker = CHECKERS.get(lang)
    return checker(core) if checker else None


def fragments(sentences: Iterable[str], lang: str) -> list[str]:
    """The sentences that are surely fragments (no subject or no finite verb)."""
    return [s for s in sentences if is_sentence(s, lang) is False]


def _core(text: str) -> str:
    """The words to check: a whole quotation's inside; the end mark and colon dropped."""
    core = text.strip().rstrip(TERMINAL + ": \u00a0")
    while core and core[0] in OPENERS and core[-1:] in CLOSERS + "»\u00a0":
        inner = core[1:-1].strip(" \u00a0").rstrip(TERMINAL + ",")
        if any(q in inner for q in '"“”«»'):
            break  # "X" said Y: not one quotation
        core = inner
    return core


# --- French: the parser --------------------------------------------------------------------

SUBJECTS = {"nsubj", "nsubj:pass", "expl:subj", "expl", "csubj", "expl:pass"}
AUX_DEPS = {"aux", "aux:tense", "aux:pass", "aux:caus", "cop"}


def french(text: str) -> bool | None:
    """A finite verb that governs the sentence (the root, or the root's auxiliary or
    copula, "a été en contact"), with a subject."""
    doc = parse_french(f"{text}.")
    if doc is None:
        return None
    if any(_governs(token) for token in doc if _is_finite(token)):
        return True
    return _finite_by_morphology(doc)


RELATIVE_WORDS = {"qui", "que", "qu'", "qu’", "dont", "où", "lequel", "laquelle", "lesquels",
                  "lesquelles", "quand", "lorsque"}  # fmt: skip


def _finite_by_morphology(doc: Any) -> bool:
    """The small model misparses long sentences: a finite verb (by its morphology, which is
    more reliable, or by a finite ending the tagger took for an adverb or a noun:
    "combattent") outside a subordinate clause, after words that are not only a leading
    preposition's phrase, also makes a sentence."""
    from pipeline.simplify.rules_fr import has_verb as finite_form

    for token in doc:
        if not (_is_finite(token) or (token.pos_ in ("ADV", "NOUN") and finite_form(token.text))):
            continue
        before = [t.text.lower() for t in doc[max(0, token.i - 4) : token.i]]
        if any(word in RELATIVE_WORDS for word in before):
            continue
        leading = doc[: token.i]
        if not leading or (leading[0].pos_ == "ADP" and not any(t.text == "," for t in leading)):
            continue
        return True
    return False


def _governs(token: Any) -> bool:
    chain = [token]
    while chain[-1].dep_ in AUX_DEPS and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    if chain[-1].dep_ != "ROOT":
        return False
    return any(c.dep_ in SUBJECTS for link in chain for c in link.children)


def _is_finite(token: Any) -> bool:
    return "Fin" in token.morph.get("VerbForm")


def french_parser() -> Any:
    """spaCy's ``fr_core_news_sm`` without named entities and lemmas, which no rule reads
    (the lemmatizer's tables took a quarter of the loading time), its tokenizer's very
    large pattern built from Kuma's cache (``simplify.compiled``: most of the rest);
    None when not installed.  Loaded once per process, by one thread at a time."""
    with _parser_lock:
        return _load_french_parser()


_parser_lock = threading.Lock()


@cache
def _load_french_parser() -> Any:
    from pipeline.errors import KumaError
    from pipeline.simplify.compiled import cached_big_patterns
    from pipeline.storage import default_cache

    try:
        store = default_cache()
    except KumaError:  # a KUMA_CACHE_SIZE that is not a number: no cache, no error here
        store = None
    try:
        with cached_big_patterns(store):
            spacy = import_spacy()
            return spacy.load("fr_core_news_sm", exclude=["ner", "lemmatizer"])
    except (ImportError, OSError):
        return None


def import_spacy() -> Any:
    """``import spacy``, without letting thinc import torch: thinc imports torch whenever
    it is installed (a second or more, and its memory), though the French pipeline is a
    CNN that never uses it.  torch is hidden only while spaCy is first imported, and only
    when nothing has imported torch yet; a later ``import torch`` works as usual."""
    import sys

    hide = "torch" not in sys.modules and "spacy" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    try:
        import spacy
    finally:
        if hide and "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]
    return spacy


@cache
def parse_french(text: str) -> Any:
    """The parse of ``text`` (cached: the rules ask about the same pieces many times)."""
    nlp = french_parser()
    return nlp(text) if nlp is not None else None


# --- English: a verb lexicon ---------------------------------------------------------------

AUXILIARIES = word_set(
    """is are was were has have had do does did will would can could may might must should
    shall isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't
    wouldn't can't couldn't 's 're 've 'll 'd am"""
)
DETERMINERS = word_set(
    """a an the this that these those his her its their our my your some many several each
    every no any another such both all most"""
)
PRONOUNS = word_set("""i you he she it we they who which that there one""")
PREPOSITIONS = word_set(
    """in on at to from with without by for since during after before under over about
    against between among into through across near as like despite following including
    amid towards toward of off upon within"""
)
RELATIVES = word_set("""who which whom whose where""")
OPENING_CONJUNCTIONS = word_set("""but and or so yet""")
NOT_VERBS = word_set("""news series means species headquarters""")


def english(text: str) -> bool:
    """A finite verb with a subject before it, outside a leading preposition's phrase."""
    tokens = [w for w in text.split() if _bare(w)]
    words = [_bare(w) for w in tokens]
    # A capitalised word inside the sentence is a name, not a verb ("March 3", "Niger").
    names = {i for i, w in enumerate(tokens) if i and w.lstrip("\"'“‘(")[:1].isupper()}
    if not words or words[0] in RELATIVES:
        return False  # "Who previously prompted…", "Which could take place…"
    if words[0] == "that" and len(words) > 1 and words[1] in DETERMINERS | PRONOUNS | {"many"}:
        return False  # "That many families had fled": what someone said, cut from "said"
    start = 1 if words[0] in OPENING_CONJUNCTIONS else 0
    comma_after = _comma_positions(text)
    if _verb_first(words, start):
        # "Said a resident…" has no subject; "Situated on X, Kidal has…" has one after the comma
        later = sorted(c for c in comma_after if c >= start)
        if not later:
            return False
        start = later[0] + 1
    if words[start : start + 2] in (["at", "least"], ["at", "most"]):
        start += 2  # a number, not a place: "At least 40 civilians were killed"
    for i in range(start, len(words)):
        if (
            i not in names
            and _finite(words, i, comma_after)
            and _subject_before(words, start, i, comma_after)
        ):
            return True
    return False


def _verb_first(words: list[str], start: int) -> bool:
    """The words start with a verb form that is not an adjective before a noun ("Armed
    groups" is a subject)."""
    if start >= len(words) or not english_verb_forms(words[start]) or _noun(words[start]):
        return False
    following = words[start + 1] if start + 1 < len(words) else ""
    return not (words[start].endswith("ed") and _noun(following))


def _noun(word: str) -> bool:
    from pipeline.simplify.english import noun_number

    return noun_number(word) is not None


def _finite(words: list[str], i: int, commas: AbstractSet[int] = frozenset()) -> bool:
    word, before = words[i], words[i - 1] if i else ""
    if before in RELATIVES or before == "that":
        return False  # "a resident who asked…": the relative clause's verb
    if word in AUXILIARIES:
        return before != "to"
    if word in NOT_VERBS or before in DETERMINERS or before == "to" or before.endswith("'s"):
        return False
    forms = english_verb_forms(word)
    if not forms:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    if "VBD" in forms:
        if before in AUXILIARIES or before in ("been", "being", "be", "having", "get", "got"):
            return False  # a participle: "has made", "was held"
        return after != "by"  # "a video released by…" is a participle
    # Present forms ("shows", "fight") are also nouns: only right after a subject word,
    # and not at the end of a phrase that a preposition opens ("on the southern fringe").
    return before in PRONOUNS or (
        _looks_like_subject_end(before) and not _in_object(words, i, commas)
    )


def _in_object(words: list[str], i: int, commas: AbstractSet[int]) -> bool:
    """Whether the words before ``i`` are a noun phrase after a preposition or a verb
    (looking back no further than a comma: "…of the Sahara, Kidal lies…")."""
    j = i - 1
    while j >= 0 and words[j] not in DETERMINERS and words[j] not in PREPOSITIONS - {"of"}:
        if j in commas:
            return False
        if words[j] in AUXILIARIES or english_verb_forms(words[j]):
            return False
        j -= 1
    if j < 0:
        return False
    if words[j] in PREPOSITIONS:
        return True
    return j > 0 and (words[j - 1] in PREPOSITIONS or bool(english_verb_forms(words[j - 1])))


def _looks_like_subject_end(word: str) -> bool:
    """A noun ("rebels", also a verb form), or a word that is not a verb form."""
    if not word or word in PREPOSITIONS or word in DETERMINERS:
        return False
    return _noun(word) or not english_verb_forms(word)


def _subject_before(words: list[str], start: int, i: int, commas: set[int]) -> bool:
    """Some words before the verb that are not only an opening preposition's phrase
    ("From a video released by X shows Y" has none; "In 2015, the CMA signed" has one)."""
    if i <= start:
        return False
    return not (words[start] in PREPOSITIONS and not any(start <= c < i - 1 for c in commas))


def _comma_positions(text: str) -> set[int]:
    """Indexes of the words that end with a comma."""
    words = [w for w in text.split() if _bare(w)]
    return {i for i, w in enumerate(words) if w.rstrip("\"'”’").endswith((",", ";", "—"))}


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’()[],.;:!?«»—–").lower().replace("’", "'")


@cache
def english_verb_forms(word: str) -> frozenset[str]:
    """The Penn tags (``VBD``, ``VBZ``, ``VBP``) ``word`` has as a finite verb form."""
    if not word.isalpha() and "'" not in word:
        return frozenset()
    try:
        from lemminflect import getAllInflections, getAllLemmas
    except ImportError:
        return frozenset(("VBD",)) if word.endswith("ed") else frozenset()
    tags: set[str] = set()
    for lemma in getAllLemmas(word, "VERB").get("VERB", ()):
        for tag, forms in getAllInflections(lemma, "VERB").items():
            if tag in ("VBD", "VBZ", "VBP") and word in forms:
                tags.add(tag)
    return frozenset(tags)


# --- Arabic and Bambara: conservative rules ------------------------------------------------

ARABIC_DEPENDENT_STARTS = (
    "في ", "من ", "إلى ", "على ", "عن ", "مع ", "منذ ", "بعد ", "قبل ", "خلال ", "حول ", "بين ",
    "الذي ", "التي ", "الذين ", "اللذان ", "اللتان ", "بل ", "حيث ", "مما ", "لسيطرة ",
)  # fmt: skip
"""Words that cannot start an Arabic sentence without a clause after them on the same line."""


ARABIC_LEADS = ("لكن ", "و")


def arabic(text: str) -> bool | None:
    """A piece starting with a preposition, a relative or ``بل`` whose phrase is not a short
    opening phrase closed by a comma is a fragment ("مع جماعات مسلحة في شمال مالي تقاتل…",
    "في الجهود الرامية…"); ``وفي عام 2015، وقعت…`` is a sentence.  Otherwise: cannot tell."""
    body = text.removeprefix("لكن ").strip()
    if body.startswith("و") and body[1:].startswith(ARABIC_DEPENDENT_STARTS):
        body = body[1:]
    while body.startswith(ARABIC_DEPENDENT_STARTS):
        opening, comma, body = body.partition("،")
        body = body.strip()
        if not comma or count_words(opening) > 6:
            return False
    return None if count_words(body) >= 2 else False


def bambara(text: str) -> bool:
    """A predicative marker outside a relative clause."""
    from pipeline.simplify.rules_bm import has_verb

    return has_verb(text)


CHECKERS = {"fr": french, "en": english, "ar": arabic, "bm": bambara}
