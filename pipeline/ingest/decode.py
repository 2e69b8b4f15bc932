"""Turning a file's bytes into text: byte-order mark, declared charset, UTF-8, then detection."""

from __future__ import annotations

import codecs
import re
import warnings

from pipeline.errors import InputError, KumaWarning

_BOMS = (
    # UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line breaks: rare in text, common in binary data."""
_SAMPLE = 100_000
"""Characters looked at to judge a legacy encoding: enough, and fast on large files."""
_WESTERN_SHARE = 0.3
"""In Western European text most letters are ASCII; above this share of non-ASCII
letters a cp1252 reading is more likely a misread Cyrillic, Greek or Arabic code page."""


def decode(data: bytes, name: str, markup: bool = False) -> str:
    """Decode a text file's bytes, refusing binary data.

    Order: a byte-order mark; for HTML (``markup``) the charset its ``<meta>``
    declares; strict UTF-8; Windows-1252 when the result reads as Western text
    (the usual legacy encoding of English and French news); else charset-normalizer.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, encoding, name)
    if b"\x00" in data:
        raise _binary(name)
    text = _declared(data) if markup else None
    if text is None:
        text = _utf8(data)
    if text is None:
        text = _legacy(data, name)
    if text is None or _looks_binary(text):
        raise _binary(name)
    return text


def _legacy(data: bytes, name: str) -> str | None:
    """Text that is not UTF-8: refused when it is damaged UTF-8 (valid multi-byte
    sequences beside invalid bytes), else read in a legacy encoding with a warning
    that names the first byte UTF-8 could not read — never silently."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        offset, byte = exc.start, data[exc.start]
    else:  # pragma: no cover - only called when UTF-8 failed
        return None
    if _has_utf8_sequences(data):
        raise InputError(
            f"{name} is not valid UTF-8: byte 0x{byte:02X} at offset {offset:,} cannot be "
            "read (a damaged file, or two encodings mixed): save it again as UTF-8"
        )
    text = _cp1252(data)
    encoding = "Windows-1252"
    if text is None:
        text = _detected(data)
        encoding = "a detected legacy encoding"
    if text is not None and not _looks_binary(text):
        warnings.warn(
            f"{name} is not UTF-8 (byte 0x{byte:02X} at offset {offset:,}); read as "
            f"{encoding}: check its accented letters, or save it as UTF-8",
            KumaWarning,
            stacklevel=2,
        )
    return text


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether ``data`` holds several well-formed multi-byte UTF-8 sequences (a legacy
    single-byte text almost never does: it would need accented capitals followed by
    symbols, twice)."""
    found = 0
    for match in _UTF8_SEQUENCE.finditer(data[: 4 * _SAMPLE]):
        try:
            match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        found += 1
        if found >= 2:
            return True
    return False


def _decode_marked(data: bytes, encoding: str, name: str) -> str:
    label = encoding.removesuffix("-sig").upper()
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(
            f"{name} starts with a {label} byte-order mark but is not {label} text"
        ) from None


def _declared(data: bytes) -> str | None:
    """Decode with the charset an HTML page declares in its first bytes, if it fits."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        encoding = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if encoding in ("latin-1", "iso8859-1", "ascii"):
        encoding = "cp1252"  # as browsers do (WHATWG Encoding Standard)
    if encoding.startswith(("utf-16", "utf-32")):
        encoding = "utf-8"  # a page without NUL bytes cannot be UTF-16; browsers assume UTF-8
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _cp1252(data: bytes) -> str | None:
    """Windows-1252 text, when it decodes and reads like a Western European language."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:_SAMPLE]
    letters = sum(1 for ch in sample if ch.isalpha())
    foreign = sum(1 for ch in sample if ch.isalpha() and not ch.isascii())
    if letters >= 20 and foreign > _WESTERN_SHARE * letters:
        return None
    return text


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (other than line breaks and tabs) means binary data."""
    return len(_CONTROLS.findall(text)) > max(1, len(text) // 100)


def _binary(name: str) -> InputError:
    return InputError(f"{name} is not a text file (binary data)")
