"""Plain-text rendering of a Document."""

from __future__ import annotations

from pipeline.document import BlockKind, Document


def render_text(doc: Document) -> str:
    """The article as plain UTF-8 text: one block per paragraph, blank lines between."""
    parts = []
    for block in doc.blocks:
        text = block.text
        if block.kind is BlockKind.LIST_ITEM:
            text = f"- {text}"
        parts.append(text)
    return "\n\n".join(parts) + "\n"
