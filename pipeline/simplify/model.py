"""The easy-to-read version of a document: the title, the key points, then the rest of
the article in easy sentences, each sentence tied to the source segment it comes from.

The key points are the article's lead (its first segments, in easy sentences), moved
to the top and labelled: they are not repeated in the body, so a listener hears them
once.  Sentence ids extend the source segment id with a role letter and a number:
``p3.s1.e2`` is the second easy sentence made from segment ``p3.s1``, ``p4.s1.x1``
the first sentence of an explanation placed after it, ``p3.s1.k2`` the second
sentence of the key point made from it.  ``source_of("p3.s1.e2") == "p3.s1"``:
captions, audio and review map any easy sentence back to the original.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipeline.document import Block, BlockKind, Document, Segment
from pipeline.simplify.readability import Readability, unmet_targets

KEY_POINT_BLOCK = "k"
"""Prefix of the ids of the key-point blocks (``k1``, ``k2``...) in ``to_document()``."""


def is_key_point_block(block_id: str) -> bool:
    """Whether a block of ``EasyDocument.to_document()`` is a key point (``k1``, ``k2``...):
    a publisher puts a "Key points" heading before the first one."""
    return block_id[:1] == KEY_POINT_BLOCK and block_id[1:].isdigit()


class Role(StrEnum):
    """Where an easy sentence comes from."""

    TEXT = "text"
    """The article's own words, rewritten."""
    EXPLANATION = "explanation"
    """A glossary explanation of a name, at its first mention."""
    KEY_POINT = "key_point"
    """The article's own words, rewritten, moved to the key points at the top."""


ROLE_LETTERS = {Role.TEXT: "e", Role.EXPLANATION: "x", Role.KEY_POINT: "k"}


def sentence_id(source: str, role: Role, n: int) -> str:
    """``p3.s1`` + text + 2 -> ``p3.s1.e2``."""
    return f"{source}.{ROLE_LETTERS[role]}{n}"


def source_of(easy_id: str) -> str:
    """The source segment id of an easy sentence id (``p3.s1.e2`` -> ``p3.s1``)."""
    return easy_id.rsplit(".", 1)[0]


@dataclass
class EasySentence:
    """One easy sentence."""

    id: str
    """``<source segment id>.<e|x|k><n>``."""
    text: str
    """The sentence."""
    role: Role
    """Rewritten text, glossary explanation or key point."""
    term: str = ""
    """For explanations: the id of the glossary term explained."""

    @property
    def source(self) -> str:
        """Id of the source segment this sentence comes from or follows."""
        return source_of(self.id)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text, "role": self.role.value}
        if self.term:
            data["term"] = self.term
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EasySentence:
        return cls(data["id"], data["text"], Role(data["role"]), data.get("term", ""))


@dataclass
class EasyBlock:
    """A block of the article (same id and kind as in the source) in easy sentences."""

    id: str
    """The source block id (``p3``)."""
    kind: BlockKind
    """Title, paragraph, caption..."""
    sentences: list[EasySentence] = field(default_factory=list)
    """Its easy sentences, explanations in place."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EasyBlock:
        sentences = [EasySentence.from_dict(s) for s in data["sentences"]]
        return cls(data["id"], BlockKind(data["kind"]), sentences)


@dataclass(frozen=True)
class WordToKnow:
    """A hard name or word of the easy version, and its explanation."""

    term: str
    """Glossary term id, or ``plain:<word>`` for a word of the plain-word list."""
    word: str
    """The word as this version writes it ("GSIM", "amalgamation")."""
    explanation: str
    """Its explanation, as placed in the text."""

    def to_dict(self) -> dict[str, str]:
        return {"term": self.term, "word": self.word, "explanation": self.explanation}

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> WordToKnow:
        return cls(data["term"], data["word"], data["explanation"])


@dataclass
class EasyDocument:
    """The easy-to-read version of one document, in the document's language."""

    title: str
    """The easy title."""
    lang: str
    """Language code."""
    key_points: list[EasySentence]
    """The lead in easy sentences, shown after the title and not repeated in the body."""
    blocks: list[EasyBlock]
    """The article, block by block (same ids as the source; the lead's sentences are in
    ``key_points`` instead, so a block may be empty)."""
    readability: Readability
    """Figures of this easy version (key points, headings and explanations included)."""
    original: Readability
    """Figures of the document it was made from."""
    source_name: str = ""
    """File name of the original article."""
    words_to_know: list[WordToKnow] = field(default_factory=list)
    """The names and words explained in the text, in the order they are explained."""

    def sentences(self) -> Iterator[EasySentence]:
        """Every sentence in reading order: the title, the key points, then the body."""
        titles = [b for b in self.blocks if b.kind is BlockKind.TITLE]
        for block in titles:
            yield from block.sentences
        yield from self.key_points
        for block in self.blocks:
            if block.kind is not BlockKind.TITLE:
                yield from block.sentences

    def unmet_targets(self) -> list[str]:
        """The easy-to-read targets this version misses (empty when all are met)."""
        return unmet_targets(self.readability)

    def summary(self) -> dict[str, Any]:
        """Readability figures for the manifest: original, easy version, targets missed."""
        return {
            "original": self.original.to_dict(),
            "easy": self.readability.to_dict(),
            "unmet": self.unmet_targets(),
        }

    def to_document(self) -> Document:
        """A plain ``Document`` (for publishing and speech), in reading order: the title
        block, then one list item per key point (ids ``k1``..``kN``, see
        ``is_key_point_block``), then the other blocks (empty ones left out); provenance
        ``easy``, or ``glossary:<term>`` for explanations."""
        titles = [b for b in self.blocks if b.kind is BlockKind.TITLE]
        body = [b for b in self.blocks if b.kind is not BlockKind.TITLE and b.sentences]
        blocks = [_block(b.id, b.kind, b.sentences) for b in titles]
        blocks += [
            _block(f"{KEY_POINT_BLOCK}{n}", BlockKind.LIST_ITEM, point)
            for n, point in enumerate(self.key_point_groups(), start=1)
        ]
        blocks += [_block(b.id, b.kind, b.sentences) for b in body]
        return Document(self.title, self.lang, blocks, self.source_name)

    def key_point_groups(self) -> list[list[EasySentence]]:
        """The key points, one list of sentences per source segment."""
        groups: dict[str, list[EasySentence]] = {}
        for sentence in self.key_points:
            groups.setdefault(sentence.source, []).append(sentence)
        return list(groups.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "lang": self.lang,
            "source_name": self.source_name,
            "key_points": [s.to_dict() for s in self.key_points],
            "blocks": [b.to_dict() for b in self.blocks],
            "words_to_know": [w.to_dict() for w in self.words_to_know],
            "readability": self.summary(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EasyDocument:
        """An easy version read back from ``to_dict`` (scores as rounded there)."""
        figures = data["readability"]
        return cls(
            title=data["title"],
            lang=data["lang"],
            key_points=[EasySentence.from_dict(s) for s in data["key_points"]],
            blocks=[EasyBlock.from_dict(b) for b in data["blocks"]],
            readability=Readability.from_dict(figures["easy"]),
            original=Readability.from_dict(figures["original"]),
            source_name=data.get("source_name", ""),
            words_to_know=[WordToKnow.from_dict(w) for w in data.get("words_to_know", [])],
        )

    @classmethod
    def from_json(cls, text: str) -> EasyDocument:
        return cls.from_dict(json.loads(text))


def _block(block_id: str, kind: BlockKind, sentences: list[EasySentence]) -> Block:
    return Block(block_id, kind, [_segment(s) for s in sentences])


def _segment(sentence: EasySentence) -> Segment:
    provenance = f"glossary:{sentence.term}" if sentence.role is Role.EXPLANATION else "easy"
    return Segment(sentence.id, sentence.text, provenance)
