"""Cutting text too long for one call to a voice or a model, at a clause if possible."""

from __future__ import annotations

CLAUSE_ENDS = (". ", "; ", ", ", ": ", "، ", "؛ ", "? ", "! ", "؟ ")
"""Where a cut sounds natural: after a full stop, semicolon, comma or colon (Arabic too)."""


def split_long(text: str, limit: int) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters: after the last clause end
    in the window when there is one past its first third, else at the last space."""
    pieces, rest = [], text.strip()
    while len(rest) > limit:
        # One character more: a clause end or a space just after the limit is a fine cut.
        window = rest[: limit + 1]
        cut = max(window.rfind(mark) for mark in CLAUSE_ENDS) + 1
        if cut < limit // 3:
            cut = window.rfind(" ")
        cut = cut if cut > 0 else limit
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    return [*pieces, rest] if rest else pieces
