"""The inline markup of one sentence: quotations, passages in another script, acronyms.

A sentence becomes a small tree, ``<q>`` outermost, then ``<span lang dir>`` for a
passage in another script, then ``<abbr title>`` for a glossary acronym, and is
rendered with every piece of text and every attribute value escaped: nothing in
the input can become markup.  The same tree serves the HTML page and the EPUB's
XHTML (where ``xml:lang`` is written beside ``lang``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from pipeline.glossary import Glossary
from pipeline.langs import get_language
from pipeline.publish.abbr import abbreviations
from pipeline.publish.inline import foreign_runs
from pipeline.publish.quotes import quotations

LATIN_GUESSES = ("en", "fr", "bm", "dyu")
"""Languages a Latin passage inside Arabic text may be in, in order of likelihood."""


@dataclass(frozen=True)
class Element:
    """An inline element and its content."""

    tag: str
    """``q``, ``span`` or ``abbr``."""
    attrs: tuple[tuple[str, str], ...] = ()
    """Attribute names and (unescaped) values, in order."""
    children: tuple[Node, ...] = ()
    """Text and elements inside it."""


Node = Element | str


def sentence_nodes(text: str, lang: str, glossary: Glossary | None = None) -> list[Node]:
    """``text`` (in language ``lang``) as inline nodes."""
    nodes: list[Node] = []
    position = 0
    for quote in quotations(text):
        nodes += _passages(text[position : quote.open], lang, glossary)
        inner = _passages(text[quote.start : quote.end], lang, glossary)
        nodes.append(Element("q", (), tuple(inner)))
        position = quote.close
    nodes += _passages(text[position:], lang, glossary)
    return nodes


def render(nodes: list[Node] | tuple[Node, ...], xml: bool = False) -> Markup:
    """Escaped markup for ``nodes``; with ``xml``, ``lang`` is doubled by ``xml:lang``."""
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(escape(node))
            continue
        attrs = []
        for name, value in node.attrs:
            attrs.append(f' {name}="{escape(value)}"')
            if xml and name == "lang":
                attrs.append(f' xml:lang="{escape(value)}"')
        inner = render(node.children, xml)
        parts.append(Markup(f"<{node.tag}{''.join(attrs)}>{inner}</{node.tag}>"))
    return Markup("").join(parts)


def sentence_markup(
    text: str, lang: str, glossary: Glossary | None = None, xml: bool = False
) -> Markup:
    """``text`` rendered with its inline markup."""
    return render(sentence_nodes(text, lang, glossary), xml)


def _passages(text: str, lang: str, glossary: Glossary | None) -> list[Node]:
    """Text in the context's language, with the passages in another script wrapped."""
    nodes: list[Node] = []
    position = 0
    for run in foreign_runs(text, lang, _latin_guesser(glossary)):
        nodes += _acronyms(text[position : run.start], lang, glossary)
        passage_lang = run.lang or lang
        language = get_language(passage_lang)
        attrs = (("lang", language.bcp47), ("dir", str(run.direction)))
        inner = _acronyms(text[run.start : run.end], passage_lang, glossary)
        nodes.append(Element("span", attrs, tuple(inner)))
        position = run.end
    nodes += _acronyms(text[position:], lang, glossary)
    return nodes


def _acronyms(text: str, lang: str, glossary: Glossary | None) -> list[Node]:
    if not text:
        return []
    if glossary is None:
        return [text]
    nodes: list[Node] = []
    position = 0
    for found in abbreviations(text, lang, glossary):
        if found.start > position:
            nodes.append(text[position : found.start])
        acronym = text[found.start : found.end]
        nodes.append(Element("abbr", (("title", found.expansion),), (acronym,)))
        position = found.end
    if position < len(text):
        nodes.append(text[position:])
    return nodes


def _latin_guesser(glossary: Glossary | None) -> Callable[[str], str]:
    """Names the language of a Latin passage: the first whose glossary form it is exactly."""

    def guess(passage: str) -> str:
        if glossary is not None:
            for code in LATIN_GUESSES:
                mentions = glossary.find(passage, code)
                if any(m.start == 0 and m.end == len(passage) for m in mentions):
                    return code
        return LATIN_GUESSES[0]

    return guess
