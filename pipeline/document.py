"""The document model: Document -> Block -> Segment, with stable ids.

Every block is numbered in reading order (``p1``, ``p2``...) whatever its kind, and
every sentence inside it too (``p3.s2``).  The segment id is the thread that ties
the pipeline together: translation memory key, caption cue, XLIFF unit, QA row.
A translated document keeps exactly the ids of its source.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pipeline.errors import shown
from pipeline.sanitize import remove_unsafe

SCHEMA_VERSION = 1


class BlockKind(StrEnum):
    """What a block is in the article."""

    TITLE = "title"
    SUBHEADING = "subheading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    QUOTE = "quote"
    LIST_ITEM = "list_item"


@dataclass
class Segment:
    """One sentence (or one quotation kept whole)."""

    id: str
    """Stable id, ``p<block>.s<sentence>``."""
    text: str
    """The sentence as it will be shown, translated and spoken."""
    provenance: str | None = None
    """Where this text came from: ``source``, ``human``, or ``engine:model``."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.provenance is not None:
            data["provenance"] = self.provenance
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Segment:
        """A segment from its JSON form; ValueError when the data is not one."""
        _expect(data, dict, "a segment")
        provenance = data.get("provenance")
        if provenance is not None:
            provenance = _string(provenance, "a provenance")
        return cls(
            id=_string(data.get("id"), "a segment id"),
            text=remove_unsafe(_string(data.get("text"), "a segment text")),
            provenance=provenance,
        )


@dataclass
class Block:
    """A title, heading, paragraph, caption, quote or list item."""

    id: str
    """Stable id, ``p<n>`` in reading order."""
    kind: BlockKind
    """What the block is."""
    segments: list[Segment] = field(default_factory=list)
    """Its sentences, in order."""

    @property
    def text(self) -> str:
        """The block's sentences joined with single spaces."""
        return join_segments(s.text for s in self.segments)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "segments": [s.to_dict() for s in self.segments],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """A block from its JSON form; ValueError when the data is not one."""
        _expect(data, dict, "a block")
        kind = _string(data.get("kind"), "a block kind")
        if kind not in BlockKind.__members__.values():
            raise ValueError(f"unknown block kind {shown(kind)}")
        return cls(
            id=_string(data.get("id"), "a block id"),
            kind=BlockKind(kind),
            segments=[Segment.from_dict(s) for s in _expect(data.get("segments"), list,
                                                            "a list of segments")],
        )


@dataclass
class Document:
    """An article in one language."""

    title: str
    """The article's title (also the first block when the article has one)."""
    lang: str
    """Language code of the text (see ``pipeline.langs``)."""
    blocks: list[Block] = field(default_factory=list)
    """Blocks in reading order."""
    source_name: str = ""
    """File name the article was read from."""

    def segments(self) -> Iterator[Segment]:
        """Every segment, in reading order."""
        for block in self.blocks:
            yield from block.segments

    def segment_map(self) -> dict[str, Segment]:
        """Segments by id."""
        return {s.id: s for s in self.segments()}

    def fingerprint(self) -> str:
        """A hash of the segment ids and texts: names this exact source in kits and caches."""
        digest = hashlib.sha256()
        for segment in self.segments():
            digest.update(segment.id.encode())
            digest.update(b"\0")
            digest.update(segment.text.encode())
            digest.update(b"\0")
        return digest.hexdigest()

    def with_texts(
        self, lang: str, texts: dict[str, str], provenance: dict[str, str] | str
    ) -> Document:
        """A copy in ``lang`` with every segment's text (and provenance) replaced, by id."""

        def origin(segment_id: str) -> str:
            return provenance if isinstance(provenance, str) else provenance[segment_id]

        blocks = [
            Block(
                id=b.id,
                kind=b.kind,
                segments=[Segment(s.id, texts[s.id], origin(s.id)) for s in b.segments],
            )
            for b in self.blocks
        ]
        title_block = next((b for b in blocks if b.kind is BlockKind.TITLE), None)
        title = title_block.text if title_block else self.title
        return Document(title=title, lang=lang, blocks=blocks, source_name=self.source_name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "title": self.title,
            "lang": self.lang,
            "source_name": self.source_name,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """A document from its JSON form, its texts cleaned like every outside text.

        Raises ValueError (with a short reason) when the data is not a document.
        """
        _expect(data, dict, "a document")
        return cls(
            title=remove_unsafe(_string(data.get("title"), "a title")),
            lang=_string(data.get("lang"), "a language code"),
            blocks=[Block.from_dict(b) for b in _expect(data.get("blocks"), list,
                                                        "a list of blocks")],
            source_name=remove_unsafe(_string(data.get("source_name", ""), "a file name")),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """A document from JSON text; ValueError when it is not one."""
        return cls.from_dict(json.loads(text))


def _expect(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind):
        raise ValueError(f"expected {what}, found {shown(value, 40)}")
    return value


def _string(value: Any, what: str) -> str:
    return str(_expect(value, str, what))


def join_segments(texts: Iterator[str] | list[str]) -> str:
    """Join sentences of one block back into running text."""
    return " ".join(t for t in texts if t)


def make_blocks(items: list[tuple[BlockKind, list[str]]]) -> list[Block]:
    """Number blocks and their sentences: ``[(kind, sentences), ...]`` -> blocks with ids."""
    blocks = []
    for n, (kind, sentences) in enumerate(items, start=1):
        block_id = f"p{n}"
        segments = [Segment(f"{block_id}.s{m}", text) for m, text in enumerate(sentences, 1)]
        blocks.append(Block(block_id, kind, segments))
    return blocks
