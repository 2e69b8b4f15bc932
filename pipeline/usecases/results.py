"""What the use cases return: per article, per language, and what was redone."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.manifest import KIT, PRODUCED, Edition, LanguageRecord


@dataclass
class TermAccuracy:
    """How many expected glossary terms a translation renders with the glossary form."""

    expected: int = 0
    found: int = 0
    missing: list[dict[str, str]] = field(default_factory=list)
    """``{"segment", "term"}`` for every expected term not found."""
    unknown: list[dict[str, str]] = field(default_factory=list)
    """``{"segment", "term"}`` for terms the glossary has no form for in this language."""

    @property
    def accuracy(self) -> float | None:
        return self.found / self.expected if self.expected else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "accuracy": self.accuracy}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TermAccuracy:
        return cls(
            expected=int(data.get("expected", 0)),
            found=int(data.get("found", 0)),
            missing=list(data.get("missing", [])),
            unknown=list(data.get("unknown", [])),
        )


@dataclass
class LanguageOutcome:
    """What happened to one target language."""

    lang: str
    produced: bool
    engine: str = ""
    model: str = ""
    version: str = ""
    reason: str = ""
    """Why the language was not produced."""
    next_step: str = ""
    """What the user can run to produce it."""
    terms: TermAccuracy = field(default_factory=TermAccuracy)
    provenance: dict[str, str] = field(default_factory=dict)
    """Per segment id, what produced its text."""
    repairs: dict[str, list[str]] = field(default_factory=dict)
    """Per segment id, glossary repairs a machine engine made."""
    remembered: int = 0
    """Segments served from the translation memory."""

    def record(self, edition: Edition | None = None) -> LanguageRecord:
        """The manifest's entry for this language."""
        edition = edition or Edition()
        return LanguageRecord(
            audio=edition.audio,
            easy=edition.easy,
            easy_audio=edition.easy_audio,
            status=PRODUCED if self.produced else KIT,
            engine=self.engine,
            model=self.model,
            version=self.version,
            terms=self.terms.to_dict(),
            segments=self.provenance,
            repairs=self.repairs,
            memory=self.remembered,
            reason="" if self.produced else self.reason,
            next="" if self.produced else self.next_step,
        )

    @classmethod
    def from_record(cls, lang: str, record: LanguageRecord) -> LanguageOutcome:
        """The outcome a manifest entry tells of (``kuma publish``)."""
        return cls(
            lang,
            produced=record.produced,
            engine=record.engine,
            model=record.model,
            version=record.version,
            reason=record.reason,
            next_step=record.next,
            terms=TermAccuracy.from_dict(record.terms),
            provenance=dict(record.segments),
            repairs=dict(record.repairs),
            remembered=record.memory,
        )

    def to_dict(self) -> dict[str, Any]:
        record = self.record()
        data: dict[str, Any] = {
            "status": record.status,
            "engine": self.engine,
            "model": self.model,
            "version": self.version,
            "terms": self.terms.to_dict(),
            "segments": self.provenance,
            "repairs": self.repairs,
            "memory": self.remembered,
        }
        if not self.produced:
            data.update(reason=self.reason, next=self.next_step)
        return data


@dataclass
class Published:
    """What was published for one language, with one line on its audio."""

    edition: Edition = field(default_factory=Edition)
    audio_summary: str = ""
    """One line on the audio (or why there is none)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self.edition)


@dataclass
class Redone:
    """What a command actually made again, and what it took from the caches."""

    made: dict[str, int] = field(default_factory=dict)
    """Work done, by kind (``clips:fr``, ``programmes:fr``, ``easy:fr``...)."""
    reused: dict[str, int] = field(default_factory=dict)
    """Work taken from the cache, by kind."""

    def count(self, kind: str, made: bool, n: int = 1) -> None:
        """Record ``n`` pieces of ``kind`` made (or reused)."""
        if n <= 0:
            return
        table = self.made if made else self.reused
        table[kind] = table.get(kind, 0) + n

    def languages(self) -> list[str]:
        """Languages some work was redone for."""
        return sorted({kind.split(":", 1)[1] for kind in self.made if ":" in kind})

    def summary(self) -> str:
        """``clips fr 1 (26 reused); programmes fr 1 ...``, or that nothing was redone."""
        if not self.made:
            return "nothing redone (all from the cache)"
        parts = []
        for kind, made in sorted(self.made.items()):
            name, _, lang = kind.partition(":")
            reused = self.reused.get(kind, 0)
            extra = f" ({reused} reused)" if reused else ""
            parts.append(f"{name} {lang} {made}{extra}".replace("  ", " "))
        return "redone: " + ", ".join(parts)

    def to_dict(self) -> dict[str, dict[str, int]]:
        return {"made": dict(sorted(self.made.items())),
                "reused": dict(sorted(self.reused.items()))}


@dataclass
class ArticleResult:
    """The outcome of one input article (or one publish or import)."""

    input: Path
    package_dir: Path
    source_lang: str
    title: str
    segments: int
    languages: list[LanguageOutcome]
    written: list[str]
    unchanged: list[str]
    publications: dict[str, Published] = field(default_factory=dict)
    """Per language code (the source's included): audio and easy-to-read figures."""
    redone: Redone = field(default_factory=Redone)
    removed: list[str] = field(default_factory=list)
    """Files removed because their version no longer has them."""

    @property
    def complete(self) -> bool:
        """True when every requested language was produced."""
        return all(outcome.produced for outcome in self.languages)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": str(self.input),
            "output": str(self.package_dir),
            "source": {"lang": self.source_lang, "title": self.title, "segments": self.segments},
            "languages": {o.lang: o.to_dict() for o in self.languages},
            "publications": {lang: p.to_dict() for lang, p in self.publications.items()},
            "written": self.written,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "redone": self.redone.to_dict(),
        }


@dataclass
class TranslationReport:
    """``kuma translate``: one document in one language and its glossary check."""

    source: Document
    document: Document
    outcome: LanguageOutcome

    def to_dict(self) -> dict[str, Any]:
        sources = self.source.segment_map()
        return {
            "lang": self.document.lang,
            **self.outcome.to_dict(),
            "segments": [
                {
                    "id": s.id,
                    "source": sources[s.id].text,
                    "text": s.text,
                    "provenance": s.provenance,
                }
                for s in self.document.segments()
            ],
        }
