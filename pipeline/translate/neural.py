"""What every neural engine does with a document, whatever runs the model.

For each segment: carry it over if it needs no model (numbers, addresses, bare
names); otherwise prepare its glossary mentions, split it if it is longer than
the model takes, translate the pieces in batches of similar length, enforce the
glossary on each piece, join the pieces back, and check the terms of the whole
segment.  The engines (``engines.py``) only say which model to load and how.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from pipeline.document import Document, Segment
from pipeline.errors import EngineError, KumaError, LanguageError, describe
from pipeline.glossary import Glossary, Mention
from pipeline.glossary.verify import TermCheck
from pipeline.langs import SOURCE_LANGUAGES, get_language
from pipeline.models.locate import Family, ModelKind, ModelRef, resolve_model
from pipeline.translate.base import Translation, available_translators
from pipeline.translate.chunking import split_to_fit
from pipeline.translate.enforce import (
    Completion,
    Hypothesis,
    Prepared,
    TermEnforcer,
    term_accuracy,
)
from pipeline.translate.passthrough import carry_over
from pipeline.translate.tokens import ModelTokenizer

MAX_INPUT_TOKENS = 256
"""Longest piece sent to a model by default; NLLB degrades well before its 1024 limit."""


class Backend(Protocol):
    """A loaded model that translates batches of text (``hf`` and ``ct2``)."""

    tokenizer: ModelTokenizer
    max_length: int
    version: str

    def generate(
        self, sources: Sequence[str], lang: str, beam_size: int, n_best: int, prefix: str = ""
    ) -> list[list[Hypothesis]]:
        """The ``n_best`` best translations of each source, best first."""
        ...


@dataclass
class EngineTranslation(Translation):
    """A machine translation, with what the glossary checks and repairs found."""

    checks: dict[str, TermCheck] = field(default_factory=dict)
    """Term check of every segment whose source mentions glossary terms."""
    pieces: dict[str, int] = field(default_factory=dict)
    """How many pieces each segment sent to the model was split into (1: not split)."""

    def term_accuracy(self) -> tuple[int, int]:
        """``(found, expected)`` glossary terms over the document."""
        return term_accuracy(list(self.checks.values()))

    def flagged(self) -> dict[str, TermCheck]:
        """Segments that miss a term, or mention one the glossary has no form for."""
        return {sid: c for sid, c in self.checks.items() if c.missing or c.unknown}


@dataclass
class _Piece:
    segment: str
    source: Prepared
    tokens: int
    text: str = ""
    repairs: list[str] = field(default_factory=list)


_LOADED: dict[tuple[str, ...], Backend] = {}
_KEEP_LOADED = 2  # models are large: keep the last few, not every one ever used


class NeuralTranslator:
    """A translation engine backed by a neural model (see ``engines.py`` for the real ones)."""

    name = ""
    needs_network = False
    kind = ModelKind.TRANSFORMERS
    families: tuple[Family, ...] = ()
    default_languages: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ("torch", "transformers")
    """Python modules the engine needs, checked by ``availability``."""

    def __init__(
        self,
        model: str | None = None,
        beam_size: int = 4,
        batch_size: int = 8,
        glossary: Glossary | None = None,
        device: str = "cpu",
        max_input_tokens: int | None = None,
        compute_type: str | None = None,
    ) -> None:
        for option, value in (("beam size", beam_size), ("batch size", batch_size)):
            if value < 1:
                raise KumaError(f"{option} must be at least 1, not {value}")
        self.model = model
        """``--model``: alias, stored name or folder; None for the engine's default."""
        self.beam_size = beam_size
        self.batch_size = batch_size
        self.glossary = glossary
        self.device = device
        self.max_input_tokens = max_input_tokens
        """Longest piece sent to the model; None = ``MAX_INPUT_TOKENS`` or half its limit."""
        self.compute_type = compute_type
        """CTranslate2 quantisation (``int8``...); None = int8 on CPU."""

    # -- what subclasses decide ------------------------------------------------

    def default_model(self, lang: str) -> str:
        """The model used for ``lang`` when ``--model`` is not given."""
        raise NotImplementedError

    def load(self, ref: ModelRef) -> Backend:
        """Load ``ref`` (called once per model, see ``backend``)."""
        raise NotImplementedError

    # -- the Translator protocol -------------------------------------------------

    def languages(self) -> set[str]:
        """Target languages: those of the given model's family, else the engine's defaults."""
        if self.model is None:
            return set(self.default_languages)
        try:
            return self.model_languages(resolve_model(self.model, self.kind))
        except KumaError:
            return set(self.default_languages)

    def model_languages(self, ref: ModelRef) -> set[str]:
        """Target languages a model can serve (the engine's own, unless a subclass knows better)."""
        return set(self.default_languages)

    def availability(self, lang: str) -> str | None:
        """None when ``lang`` can be translated here, else why not and what to run."""
        try:
            self._check_language(lang)
            self.model_ref(lang)
        except KumaError as exc:
            return str(exc)
        missing = [m for m in self.requires if importlib.util.find_spec(m) is None]
        if missing:
            return f"{', '.join(missing)} not installed: pip install 'kuma[mt]'"
        return None

    def translate(self, document: Document, lang: str) -> EngineTranslation:
        """Translate every segment of ``document`` into ``lang``, enforcing the glossary."""
        code = self._check_language(lang)
        if document.lang not in SOURCE_LANGUAGES:
            raise LanguageError(
                f"{self.name} translates from English (en), not {document.lang!r}"
            )
        ref = self.model_ref(code)
        result = EngineTranslation(lang=code, texts={}, engine=self.name, model=ref.name)
        mentions = self._mentions(document)
        enforcer = TermEnforcer(self.glossary, code) if self.glossary else None
        pieces: dict[str, list[_Piece]] = {}
        backend: Backend | None = None
        for segment in document.segments():
            text, found = _stripped(segment, mentions.get(segment.id, []))
            carried = carry_over(text, found, self.glossary, code)
            if carried is not None:
                result.texts[segment.id] = carried.text
                result.provenance[segment.id] = carried.provenance
                continue
            backend = backend or self.backend(ref, code)
            pieces[segment.id] = self._split(segment.id, text, found, enforcer, backend, code)
        if backend is not None:
            all_pieces = [p for ps in pieces.values() for p in ps]
            self._decode(all_pieces, backend, code, enforcer, ref.name)
            result.version = backend.version
        for segment_id, parts in pieces.items():
            result.texts[segment_id] = " ".join(p.text for p in parts if p.text)
            result.provenance[segment_id] = f"{self.name}:{ref.name}"
            result.pieces[segment_id] = len(parts)
            if any(p.repairs for p in parts):
                result.repairs[segment_id] = [r for p in parts for r in p.repairs]
        self._finish(result, document, mentions, enforcer)
        return result

    # -- steps -----------------------------------------------------------------------

    def model_ref(self, lang: str) -> ModelRef:
        """The model folder to use for ``lang``; ModelMissingError when it is not here."""
        ref = resolve_model(self.model or self.default_model(lang), self.kind)
        if ref.family not in self.families:
            engine = "marian" if ref.family is Family.MARIAN else "nllb"
            raise KumaError(
                f"model {ref.name} is a {ref.family.value} model: use --engine {engine}"
            )
        return ref

    def backend(self, ref: ModelRef, lang: str) -> Backend:
        """The loaded model for ``ref`` (loaded once, kept for the next documents)."""
        key = (self.kind.value, str(ref.path), self.device, self.compute_type or "")
        if key not in _LOADED:
            while len(_LOADED) >= _KEEP_LOADED:
                del _LOADED[next(iter(_LOADED))]
            _LOADED[key] = self.load(ref)
        loaded = _LOADED[key]
        loaded.tokenizer.check_language(lang)
        return loaded

    def _check_language(self, lang: str) -> str:
        language = get_language(lang)
        if language.code in self.languages():
            return language.code
        others = [n for n in available_translators(language.code) if n != self.name]
        served = f"engines that do: {', '.join(others)}" if others else "no engine does"
        raise LanguageError(
            f"{self.name} does not translate into {language.name} ({language.code}); {served}"
        )

    def _mentions(self, document: Document) -> dict[str, list[Mention]]:
        by_segment: dict[str, list[Mention]] = {}
        if self.glossary is not None:
            for mention in self.glossary.match_document(document):
                by_segment.setdefault(mention.segment, []).append(mention)
        return {sid: _non_overlapping(found) for sid, found in by_segment.items()}

    def _split(
        self,
        segment_id: str,
        text: str,
        mentions: list[Mention],
        enforcer: TermEnforcer | None,
        backend: Backend,
        lang: str,
    ) -> list[_Piece]:
        """Prepare a segment's text and cut it into pieces the model takes whole."""
        prepared = enforcer.prepare(text, mentions) if enforcer else Prepared(text, mentions)
        limit = self.max_input_tokens or min(MAX_INPUT_TOKENS, backend.max_length // 2)

        def count(piece: str) -> int:
            return len(backend.tokenizer.source_ids(piece.strip(), lang))

        spans = [(m.start, m.end) for m in prepared.mentions]
        pieces, offset = [], 0
        for chunk in split_to_fit(prepared.text, lambda t: count(t) <= limit, spans):
            start = offset + len(chunk) - len(chunk.lstrip())
            inside = [
                replace(m, start=m.start - start, end=m.end - start)
                for m in prepared.mentions
                if offset <= m.start and m.end <= offset + len(chunk)
            ]
            offset += len(chunk)
            if chunk.strip():
                source = Prepared(chunk.strip(), inside)
                pieces.append(_Piece(segment_id, source, count(chunk)))
        return pieces

    def _decode(
        self,
        pieces: list[_Piece],
        backend: Backend,
        lang: str,
        enforcer: TermEnforcer | None,
        model: str,
    ) -> None:
        """Translate the pieces, longest first in batches, then enforce the glossary.

        An error the model's library raises is an EngineError naming the model and
        the segments, never a traceback.
        """
        ordered = sorted(pieces, key=lambda p: -p.tokens)
        for start in range(0, len(ordered), self.batch_size):
            batch = ordered[start : start + self.batch_size]
            wants_terms = enforcer is not None and any(p.source.mentions for p in batch)
            n_best = self.beam_size if wants_terms else 1
            try:
                outputs = backend.generate(
                    [p.source.text for p in batch], lang, self.beam_size, n_best
                )
            except KumaError:
                raise
            except Exception as exc:
                segments = ", ".join(dict.fromkeys(p.segment for p in batch))
                raise EngineError(
                    f"{self.name} model {model} failed on segment {segments} ({describe(exc)})"
                ) from None
            for piece, hypotheses in zip(batch, outputs, strict=True):
                self._choose(piece, hypotheses, backend, lang, enforcer)

    def _choose(
        self,
        piece: _Piece,
        hypotheses: list[Hypothesis],
        backend: Backend,
        lang: str,
        enforcer: TermEnforcer | None,
    ) -> None:
        if enforcer is None or not piece.source.mentions:
            piece.text = hypotheses[0].text
            return

        def decode_prefix(prefix: str) -> Completion | None:
            ids = backend.tokenizer.prefix_ids(lang, prefix)
            if len(ids) + 2 >= backend.max_length:
                return None
            try:
                best = backend.generate([piece.source.text], lang, self.beam_size, 1, prefix)
            except KumaError:
                raise
            except Exception:
                # The repair cannot be made: the segment keeps its best translation and
                # the term check flags the missing term.
                return None
            return Completion(backend.tokenizer.decode(ids), best[0][0].text)

        enforced = enforcer.enforce(piece.source, hypotheses, decode_prefix)
        piece.text, piece.repairs = enforced.text, enforced.repairs

    def _finish(
        self,
        result: EngineTranslation,
        document: Document,
        mentions: dict[str, list[Mention]],
        enforcer: TermEnforcer | None,
    ) -> None:
        """Put segments in document order and check the terms of each whole segment."""
        result.texts = {s.id: result.texts[s.id] for s in document.segments()}
        result.provenance = {s.id: result.provenance[s.id] for s in document.segments()}
        if enforcer is None:
            return
        for segment_id, found in mentions.items():
            result.checks[segment_id] = enforcer.check(found, result.texts[segment_id])


def _stripped(segment: Segment, mentions: list[Mention]) -> tuple[str, list[Mention]]:
    """The segment's text without surrounding spaces, and its mentions moved to match."""
    lead = len(segment.text) - len(segment.text.lstrip())
    moved = [replace(m, start=m.start - lead, end=m.end - lead) for m in mentions]
    return segment.text.strip(), moved


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Mentions in order, dropping any that overlaps one already kept (longest first)."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept
