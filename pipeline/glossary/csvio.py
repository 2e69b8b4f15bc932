"""Reading and writing the glossary CSV (UTF-8, header row, one concept per row).

On writing, cells that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are neutralised with a leading
single quote, as OWASP recommends for CSV exports; plain numbers such as ``-5``
are left alone, since a spreadsheet reads them as numbers, never as formulas.
Reading undoes the quote, so a glossary survives a round trip unchanged.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from pipeline.errors import GlossaryError
from pipeline.glossary.model import Term
from pipeline.glossary.rows import (
    COLUMNS,
    RowError,
    UniqueTerms,
    check_header,
    term_cells,
    term_from_cells,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)*\Z")


def neutralise(cell: str) -> str:
    """Prefix a quote to a cell a spreadsheet would evaluate as a formula."""
    if cell.startswith(FORMULA_STARTS) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """Undo ``neutralise``."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def dump_csv(terms: Iterable[Term]) -> str:
    """The glossary as CSV text: every column, one row per term, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in terms:
        cells = term_cells(term)
        writer.writerow([neutralise(cells[column]) for column in COLUMNS])
    return out.getvalue()


def parse_csv(data: bytes, name: str) -> list[Term]:
    """Read and check glossary CSV bytes; ``name`` starts every error message."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GlossaryError(f"{name}: not UTF-8 text (save the glossary as UTF-8 CSV)") from None
    # strict: an unterminated quote is an error, not a cell that swallows the rest
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last_line = 0
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        if not header:
            raise GlossaryError(f"{name}: empty file (expected a header row: id,type,en,...)")
        check_header(header)
        terms: list[Term] = []
        unique = UniqueTerms()
        last_line = reader.line_num
        for row in reader:
            # A quoted cell may span lines: report the line the row starts on.
            first_line, last_line = last_line + 1, reader.line_num
            if any(cell.strip() for cell in row):
                terms.append(_row_term(header, row, unique, first_line, name))
    except RowError as exc:  # only the header raises it here; rows add their own line
        raise GlossaryError(f"{name} line 1: {exc}") from None
    except csv.Error as exc:
        if "end of data" in str(exc):
            raise GlossaryError(
                f"{name} line {last_line + 1}: a quoted cell starts here and is never closed"
            ) from None
        raise GlossaryError(f"{name} line {reader.line_num}: {exc}") from None
    return terms


def _row_term(header: list[str], row: list[str], unique: UniqueTerms, line: int, name: str) -> Term:
    if len(row) > len(header):
        message = f"{len(row)} cells but the header has {len(header)} columns"
        raise GlossaryError(f"{name} line {line}: {message}")
    # Short rows are fine (spreadsheets drop trailing empty cells): missing cells are empty.
    cells = {column: restore(cell) for column, cell in zip(header, row, strict=False)}
    try:
        term = term_from_cells(cells)
        unique.add(term)
    except RowError as exc:
        raise GlossaryError(f"{name} line {line}: {exc}") from None
    return term
