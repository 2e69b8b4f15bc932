"""What the HTML page and the EPUB's XHTML show of a Document, ready for a template.

Both publications share one shape (a heading, the key points of an easy-to-read
version under their own heading, a photo caption as a labelled paragraph,
paragraphs, quotations, lists, subheadings, every sentence a ``<span>`` named by its
segment id), so both build it here and render it with the same template macro.
The title always comes first, wherever its block is in the document: that is the
reading order, which the media overlays follow too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from pipeline.document import Block, BlockKind, Document
from pipeline.glossary import Glossary
from pipeline.langs import Language, get_language
from pipeline.publish.markup import Element, Node, render, sentence_nodes
from pipeline.publish.ui import Wording, wording
from pipeline.simplify.model import KEY_POINT_BLOCK

KEY_POINTS = "key_points"
"""Group kind of an easy-to-read version's key points (shown as a list under a heading)."""
_KEY_POINT_ID = re.compile(rf"{re.escape(KEY_POINT_BLOCK)}\d+")


@dataclass(frozen=True)
class Sentence:
    """One segment as shown."""

    id: str
    """Segment id, used as the element id (``p3.s2``)."""
    html: Markup
    """Its text with inline markup, escaped."""


@dataclass(frozen=True)
class BlockView:
    """One block as shown."""

    id: str
    """Block id (``p3``)."""
    kind: str
    """``BlockKind`` value."""
    sentences: list[Sentence]
    """Its segments, in order."""
    text: str
    """Its plain text."""

    @property
    def html(self) -> Markup:
        """Its sentences' markup without their ids (for tables of contents)."""
        return Markup(" ").join(s.html for s in self.sentences)


@dataclass
class ArticleView:
    """An article laid out for a template."""

    lang: Language
    """Its language (``bcp47`` and ``direction`` go on the root element)."""
    title: str
    """Plain title, for ``<title>`` and metadata."""
    heading: BlockView | None
    """The title block, shown as the ``<h1>``; None when the article has none."""
    groups: list[tuple[str, list[BlockView]]] = field(default_factory=list)
    """Blocks after the title, consecutive list items grouped: ``(kind, blocks)``."""
    heading_html: Markup = Markup("")
    """The ``<h1>`` content when there is no title block."""

    @property
    def has_key_points(self) -> bool:
        """True when the article opens with key points (an easy-to-read version)."""
        return any(kind == KEY_POINTS for kind, _ in self.groups)

    @property
    def subheadings(self) -> list[BlockView]:
        """Subheadings in order, for tables of contents."""
        return [b for _, blocks in self.groups for b in blocks if b.kind == BlockKind.SUBHEADING]


def article_view(doc: Document, glossary: Glossary | None = None, xml: bool = False) -> ArticleView:
    """Lay ``doc`` out: title block apart, key points and list items grouped, sentences
    marked up."""
    blocks = reading_order(doc)
    title = blocks[0] if blocks and blocks[0].kind is BlockKind.TITLE else None
    views = [_block(b, doc.lang, glossary, xml) for b in blocks if b is not title]
    return ArticleView(
        lang=get_language(doc.lang),
        title=" ".join(doc.title.split()),
        heading=_block(title, doc.lang, glossary, xml) if title else None,
        groups=_group(views),
        heading_html=render(sentence_nodes(doc.title, doc.lang, glossary), xml),
    )


def reading_order(doc: Document) -> list[Block]:
    """``doc``'s blocks as read: the title first, then the others in order."""
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    rest = [b for b in doc.blocks if b is not title]
    return [title, *rest] if title is not None else rest


def is_key_point(block_id: str) -> bool:
    """True for the id of an easy-to-read version's key-point block (``k1``, ``k2``...)."""
    return _KEY_POINT_ID.fullmatch(block_id) is not None


def ui_markup(key: str, lang: str, glossary: Glossary | None = None, xml: bool = False) -> Markup:
    """Interface string ``key`` for a page in ``lang``: marked with its own language when it
    is a stand-in from another, and its passages in another script marked too."""
    return wording_markup(wording(key, lang), lang, glossary, xml)


def title_with(title: str, key: str, lang: str, pattern: str = "{title} ({label})") -> str:
    """``title`` with the interface string ``key`` (for ``<title>`` and ``dc:title``), or
    ``title`` alone when that string is a stand-in: a title cannot mark a language."""
    label = wording(key, lang)
    return pattern.format(title=title, label=label.text) if label.lang == lang else title


def notes_markup(
    notes: list[Wording], lang: str, glossary: Glossary | None = None, xml: bool = False
) -> list[Markup]:
    """Sentences about a text (its review status) as markup for a page in ``lang``."""
    return [wording_markup(note, lang, glossary, xml) for note in notes]


def wording_markup(
    words: Wording, lang: str, glossary: Glossary | None = None, xml: bool = False
) -> Markup:
    """``words`` on a page in ``lang``, wrapped in their own ``lang`` when it differs."""
    nodes: list[Node] = sentence_nodes(words.text, words.lang, glossary)
    if words.lang != lang:
        language = get_language(words.lang)
        nodes = [
            Element(
                "span", (("lang", language.bcp47), ("dir", str(language.direction))), tuple(nodes)
            )
        ]
    return render(nodes, xml)


def _block(block: Block, lang: str, glossary: Glossary | None, xml: bool) -> BlockView:
    sentences = [
        Sentence(s.id, render(sentence_nodes(s.text, lang, glossary), xml)) for s in block.segments
    ]
    return BlockView(block.id, block.kind.value, sentences, " ".join(block.text.split()))


def _group(blocks: list[BlockView]) -> list[tuple[str, list[BlockView]]]:
    """Group consecutive list items (and consecutive key points) so each renders as one
    list."""
    groups: list[tuple[str, list[BlockView]]] = []
    for block in blocks:
        kind = KEY_POINTS if is_key_point(block.id) else block.kind
        if kind in (BlockKind.LIST_ITEM, KEY_POINTS) and groups and groups[-1][0] == kind:
            groups[-1][1].append(block)
        else:
            groups.append((kind, [block]))
    return groups
