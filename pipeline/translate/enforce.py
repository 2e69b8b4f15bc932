"""Glossary enforcement for machine translation: prepare, choose, repair, flag.

Every engine goes through the same four steps for each piece of text it sends:

1. *Prepare*: where the target language is written in the source's script, a
   mention written in the term's preferred source form is replaced by the
   target form, so the model only has to carry it through (``the Islamic
   State`` reaches the model as ``the État islamique`` for French).
2. *Choose*: among the model's n-best hypotheses, the best-scored one that
   contains every expected term.
3. *Repair*: if none does, a near miss is corrected to the glossary spelling
   (see ``variants``), then each term still missing is forced: the decoder is
   given the words of the translation up to where the term belongs, followed by
   the term, as a fixed prefix, and the model writes the rest around it.
4. *Flag*: whatever still misses a term keeps its check, which says so; nothing
   is passed silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from pipeline.glossary import Glossary, Mention
from pipeline.glossary.fold import fold_text
from pipeline.glossary.verify import TermCheck, check_translation
from pipeline.langs import get_language
from pipeline.translate.variants import repair_variant

NBEST = "n-best"
"""Repair: a lower-ranked hypothesis was chosen because it has the terms."""
VARIANT = "variant"
"""Repair: a near-miss spelling was replaced by the glossary form."""
PREFIX = "prefix"
"""Repair: the model was made to continue a prefix ending with the term."""

_ELIDED = {"le": "l", "la": "l", "de": "d", "que": "qu", "ne": "n", "se": "s", "ce": "c"}
_FRENCH_VOWELS = "aeiouyh"


@dataclass(frozen=True)
class Hypothesis:
    """One candidate translation from a model."""

    text: str
    """The decoded text."""
    score: float = 0.0
    """The model's score (log-probability, higher is better); 0 when not known."""


@dataclass(frozen=True)
class Completion:
    """A translation decoded from a forced prefix."""

    prefix: str
    """The prefix as the model's tokenizer wrote it back (unknown characters dropped)."""
    text: str
    """The whole translation, starting with ``prefix``."""


PrefixDecoder = Callable[[str], Completion | None]
"""Translate the current source again, starting the output with the given text
(None when that prefix leaves the model no room to write more)."""


@dataclass(frozen=True)
class Prepared:
    """A source text ready for the model, and where its mentions now are."""

    text: str
    """The text, with same-script target forms put in place of source forms."""
    mentions: list[Mention]
    """The source mentions (same terms and texts), with offsets into ``text``."""


@dataclass
class Enforced:
    """The translation kept for one piece of text, and its term check."""

    text: str
    """Translated text."""
    check: TermCheck
    """Which expected terms it contains, misses, or cannot contain."""
    repairs: list[str] = field(default_factory=list)
    """Repairs that changed it (``n-best``, ``variant``, ``prefix``), in order."""


class TermEnforcer:
    """Applies the glossary of one target language to one engine's output."""

    def __init__(self, glossary: Glossary, lang: str, source_lang: str = "en") -> None:
        self.glossary = glossary
        self.lang = lang
        self.source_lang = source_lang
        self._same_script = get_language(lang).script == get_language(source_lang).script

    def check(self, mentions: Sequence[Mention], text: str) -> TermCheck:
        """The term check of ``text`` against ``mentions``."""
        return check_translation(self.glossary, list(mentions), text, self.lang)

    def prepare(self, text: str, mentions: Sequence[Mention]) -> Prepared:
        """Put same-script target forms in place of preferred source forms."""
        pieces: list[str] = []
        moved: list[Mention] = []
        position = shift = 0
        for mention in sorted(mentions, key=lambda m: m.start):
            written = self._carried_form(mention) or text[mention.start : mention.end]
            start = mention.start + shift
            moved.append(replace(mention, start=start, end=start + len(written)))
            pieces += [text[position : mention.start], written]
            shift = start + len(written) - mention.end
            position = mention.end
        pieces.append(text[position:])
        return Prepared("".join(pieces), moved)

    def _carried_form(self, mention: Mention) -> str | None:
        if not self._same_script:
            return None
        term = self.glossary.get(mention.term)
        source_form = term.form(self.source_lang)
        if source_form is None or _folded(source_form) != _folded(mention.text):
            return None  # aliases and expansions are left for the model to translate
        return term.form(self.lang)

    def enforce(
        self,
        source: Prepared,
        hypotheses: Sequence[Hypothesis],
        decode_prefix: PrefixDecoder,
    ) -> Enforced:
        """Choose, repair and check the translation of ``source`` (see the module docstring)."""
        checks = [self.check(source.mentions, h.text) for h in hypotheses]
        index = min(range(len(hypotheses)), key=lambda i: (len(checks[i].missing), i))
        result = Enforced(hypotheses[index].text, checks[index], [NBEST] if index else [])
        if result.check.missing:
            self._repair_variants(result, source.mentions)
        self._force_missing(result, source, decode_prefix)
        return result

    def _repair_variants(self, result: Enforced, mentions: Sequence[Mention]) -> None:
        text = result.text
        for term_id in result.check.missing:
            term = self.glossary.get(term_id)
            form = term.form(self.lang)
            if form is None:
                continue
            spellings = [
                *term.all_forms(self.lang),
                *term.all_forms(self.source_lang),
                *(m.text for m in mentions if m.term == term_id),
            ]
            text = repair_variant(text, form, spellings, self.lang) or text
        if text != result.text:
            check = self.check(mentions, text)
            if len(check.missing) < len(result.check.missing):
                result.text, result.check = text, check
                result.repairs.append(VARIANT)

    def _force_missing(
        self, result: Enforced, source: Prepared, decode_prefix: PrefixDecoder
    ) -> None:
        tried: set[str] = set()
        locked = ""
        while True:
            todo = [
                m
                for m in sorted(source.mentions, key=lambda m: m.start)
                if m.term in result.check.missing and m.term not in tried
            ]
            if not todo:
                return
            mention = todo[0]
            tried.add(mention.term)
            form = self.glossary.get(mention.term).form(self.lang)
            if form is None:
                continue
            at = mention.start / max(1, len(source.text))
            prefix, rest = forced_prefix(result.text, at, locked, form, self.lang)
            completed = decode_prefix(prefix)
            if completed is None:  # no room to decode: insert the term where it belongs
                completed = Completion(prefix, f"{prefix} {rest}".strip())
            text = restore_boundary(completed.prefix, completed.text)
            check = self.check(source.mentions, text)
            if len(check.missing) < len(result.check.missing):
                result.text, result.check, locked = text, check, completed.prefix
                result.repairs.append(PREFIX)


def forced_prefix(text: str, at: float, locked: str, form: str, lang: str) -> tuple[str, str]:
    """The words of ``text`` up to relative position ``at`` then ``form``, and the words after.

    The prefix never ends inside ``locked`` (an earlier forced prefix that
    ``text`` starts with), so terms forced before are kept.
    """
    words = text.split()
    kept = len(locked.split()) if locked and text.startswith(locked) else 0
    cut = max(kept, round(at * len(words)))
    return join_words(" ".join(words[:cut]), form, lang), " ".join(words[cut:])


def join_words(head: str, form: str, lang: str) -> str:
    """``head`` followed by ``form``, with French elision (``de`` + ``EI`` -> ``d'EI``)."""
    if not head:
        return form
    last = head.rsplit(" ", 1)[-1]
    elided = _ELIDED.get(last.lower())
    if lang == "fr" and elided and fold_text(form[:1]).lower() in _FRENCH_VOWELS:
        elided = last[0] + elided[1:]  # keep the case of the article: Le -> L'
        return head[: len(head) - len(last)] + elided + "'" + form
    return f"{head} {form}"


def restore_boundary(prefix: str, text: str) -> str:
    """Keep a forced term a whole word when the model glued its continuation onto it."""
    if text.startswith(prefix) and len(text) > len(prefix) and text[len(prefix)].isalnum():
        return f"{prefix} {text[len(prefix):]}"
    return text


def _folded(text: str) -> str:
    return " ".join(fold_text(text).casefold().replace("-", " ").split())


def term_accuracy(checks: Sequence[TermCheck]) -> tuple[int, int]:
    """``(found, expected)`` over ``checks``."""
    return sum(len(c.found) for c in checks), sum(len(c.expected) for c in checks)
