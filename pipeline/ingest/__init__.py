"""Reading an article file into a Document.

``read_document`` picks a reader by file extension, cleans what it finds (page
furniture out, captions once, roles settled), checks the size, works out the
language, and splits every block into sentences that never cut a glossary term.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.document import BlockKind, Document, make_blocks
from pipeline.errors import InputError
from pipeline.ingest.docx import read_docx
from pipeline.ingest.html import read_html
from pipeline.ingest.language import choose_language
from pipeline.ingest.layout import Piece, arrange
from pipeline.ingest.limits import check_file_size, check_text_size
from pipeline.ingest.markdown import read_markdown
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.text import read_text
from pipeline.sanitize import normalise_space, sanitise
from pipeline.segment import split_sentences

if TYPE_CHECKING:
    from pipeline.glossary import Glossary

__all__ = ["READERS", "document_from_bytes", "read_document"]

Reader = Callable[[bytes, str], list[Piece]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
"""Readers by file extension (lowercase, with the dot)."""

_BODY = (BlockKind.PARAGRAPH, BlockKind.QUOTE, BlockKind.LIST_ITEM)


def read_document(
    path: Path, glossary: Glossary | None = None, lang: str | None = None
) -> Document:
    """Read an article (.txt, .md, .html, .docx, .pdf) into a Document with segment ids.

    ``lang`` names the article's language and skips detection.  Sentence
    boundaries never fall inside a ``glossary`` term.  Raises InputError for
    anything that is not a readable article, with a one-line reason.
    """
    _reader(path)  # an unsupported type is refused before the file is read
    return document_from_bytes(_read_bytes(path), path.name, glossary, lang)


def document_from_bytes(
    data: bytes, name: str, glossary: Glossary | None = None, lang: str | None = None
) -> Document:
    """Read an article held in memory; ``name`` (a file name) says its type by its
    extension and names it in messages and in the Document."""
    _check_content(data, name)
    reader = _reader(Path(name))
    pieces = arrange(reader(data, name))
    if not pieces:
        raise InputError(f"{name} contains no article text")
    check_text_size(sum(len(p.text) for p in pieces), name)
    code = choose_language(_body_text(pieces), lang)
    blocks = make_blocks([(p.kind, _sentences(p.text, code, glossary)) for p in pieces])
    fallback = normalise_space(sanitise(Path(name).stem))  # names can carry bidi controls too
    title = next((b.text for b in blocks if b.kind is BlockKind.TITLE), fallback)
    return Document(title=title, lang=code, blocks=blocks, source_name=name)


def _reader(path: Path) -> Reader:
    suffix = path.suffix.lower()
    if suffix not in READERS:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        supported = ", ".join(READERS)
        raise InputError(
            f"cannot read {path.name}: unsupported file type {shown} (supported: {supported})"
        )
    return READERS[suffix]


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing what is too large, empty or only whitespace."""
    try:
        check_file_size(path.stat().st_size, path.name)
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from None


def _check_content(data: bytes, name: str) -> None:
    """Refuse what is too large, empty or only whitespace."""
    check_file_size(len(data), name)
    if not data:
        raise InputError(f"{name} is empty")
    if not data.strip():
        raise InputError(f"{name} contains only whitespace")


def _body_text(pieces: list[Piece]) -> str:
    """The text language detection reads: the body, or everything when there is no body."""
    body = [p.text for p in pieces if p.kind in _BODY] or [p.text for p in pieces]
    return "\n".join(body)


def _sentences(text: str, lang: str, glossary: Glossary | None) -> list[str]:
    protected = glossary.protected_spans(text, lang) if glossary is not None else ()
    return split_sentences(text, lang, protected)
