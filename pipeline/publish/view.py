"""What the HTML page and the EPUB's XHTML show of a Document, ready for a template.

Both publications share one shape (a heading, a caption as a figure, paragraphs,
quotations, lists, subheadings, every sentence a ``<span>`` named by its segment
id), so both build it here and render it with the same template macro.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from pipeline.document import Block, BlockKind, Document
from pipeline.glossary import Glossary
from pipeline.langs import Language, get_language
from pipeline.publish.markup import Element, Node, render, sentence_nodes
from pipeline.publish.ui import wording


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
    def subheadings(self) -> list[BlockView]:
        """Subheadings in order, for tables of contents."""
        return [b for _, blocks in self.groups for b in blocks if b.kind == BlockKind.SUBHEADING]


def article_view(doc: Document, glossary: Glossary | None = None, xml: bool = False) -> ArticleView:
    """Lay ``doc`` out: title block apart, list items grouped, sentences marked up."""
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    views = [_block(b, doc.lang, glossary, xml) for b in doc.blocks if b is not title]
    return ArticleView(
        lang=get_language(doc.lang),
        title=" ".join(doc.title.split()),
        heading=_block(title, doc.lang, glossary, xml) if title else None,
        groups=_group(views),
        heading_html=render(sentence_nodes(doc.title, doc.lang, glossary), xml),
    )


def ui_markup(key: str, lang: str, glossary: Glossary | None = None, xml: bool = False) -> Markup:
    """Interface string ``key`` for a page in ``lang``: marked with its own language when it
    is a stand-in from another, and its passages in another script marked too."""
    words = wording(key, lang)
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
    """Group consecutive list items so they render as one list."""
    groups: list[tuple[str, list[BlockView]]] = []
    for block in blocks:
        if block.kind == BlockKind.LIST_ITEM and groups and groups[-1][0] == block.kind:
            groups[-1][1].append(block)
        else:
            groups.append((block.kind, [block]))
    return groups
