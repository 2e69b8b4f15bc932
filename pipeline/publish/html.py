"""Semantic HTML rendering of a Document, with correct ``lang`` and ``dir``.

Every segment is a ``<span>`` whose id is the segment id, so captions, media
overlays and review reports can point at one sentence.  All text is escaped by
Jinja2's autoescaping; nothing from the input is ever emitted as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.document import Block, BlockKind, Document
from pipeline.langs import get_language


@dataclass(frozen=True)
class Alternate:
    """A link to the same article in another language."""

    lang: str
    """Language code of the other version."""
    href: str
    """Relative link to it."""


_UI: dict[str, dict[str, str]] = {
    "en": {"skip": "Skip to the article", "languages": "Other languages"},
    "fr": {"skip": "Aller à l'article", "languages": "Autres langues"},
    "ar": {"skip": "انتقل إلى المقال", "languages": "لغات أخرى"},
    "bm": {"skip": "Taa barokun na", "languages": "Kan wɛrɛw"},
    "dyu": {"skip": "Taa barokun na", "languages": "Kan wɛrɛw"},
}
"""Interface words of the page, per language (short, plain)."""


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.publish", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _group(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Group consecutive list items so they render as one ``<ul>``."""
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        kind = block.kind.value
        if block.kind is BlockKind.LIST_ITEM and groups and groups[-1][0] == kind:
            groups[-1][1].append(block)
        else:
            groups.append((kind, [block]))
    return groups


def render_html(doc: Document, alternates: list[Alternate] | None = None) -> str:
    """The article as a standalone HTML5 page."""
    lang = get_language(doc.lang)
    others = [
        {"lang": get_language(a.lang), "href": a.href}
        for a in (alternates or [])
        if a.lang != doc.lang
    ]
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    body = [b for b in doc.blocks if b is not title]
    return str(
        _environment()
        .get_template("article.html.j2")
        .render(
            doc=doc,
            lang=lang,
            ui=_UI.get(lang.code, _UI["en"]),
            title=title,
            groups=_group(body),
            alternates=others,
        )
    )
