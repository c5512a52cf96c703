"""Bytes → a document: what kind of input it is, which encoding, and the decoded text."""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from .options import InputFormat


class InputError(ValueError):
    """Input that cannot be cleaned; the message is one line, fit for stderr."""


class Document(NamedTuple):
    kind: str  # "text" or "html"
    text: str
    encoding: str | None  # None when the caller passed str


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|\?xml|meta|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:p|div|span|a|br|li|h[1-6]|article|section|table|img)\b[^>]*>", re.I)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
SNIFF = 65536


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM: the high byte of each code unit comes from very few values (0 for
    ASCII, 4 for Cyrillic, ...) while the low byte varies; binary data has no such pattern."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 16 or b"\x00" not in head:  # spaces and ASCII punctuation have a zero byte
        return None
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if sum(counts[:3]) >= 0.95 * len(high) and low.count(0) < 0.05 * len(low) and 0 in high:
            try:
                head.decode(name)
            except UnicodeDecodeError as exc:
                if exc.start < len(head) - 4:
                    continue
            return name
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a bad byte, a cut-off character) is still UTF-8: a
    legacy encoding would make nearly every non-ASCII byte invalid."""
    text = data[: SNIFF * 4].decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return good >= 8 * bad


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _declared(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    name = _known(m.group(1).decode("ascii", "replace"))
    # A page that says "utf-16" in a meta tag it could be read in as ASCII is not UTF-16.
    if name in ("utf-16", "utf-16-le", "utf-16-be"):
        return "utf-8"
    # WHATWG: pages labelled latin-1 / ascii are read as windows-1252.
    return "cp1252" if name in ("latin_1", "ascii", "iso8859-1") else name


def _looks_binary(head: bytes) -> bool:
    return head.count(0) > 0 or len(_CONTROL_BYTES.findall(head)) > max(8, len(head) // 100)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only bytes that are not UTF-8 pay for the import

    best = from_bytes(data[: SNIFF * 4]).best()
    return best.encoding if best is not None else "cp1252"


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes: a BOM, then UTF-8, then a declared charset, then a detector.

    Never fails on bad bytes: what cannot be decoded becomes U+FFFD. Raises InputError for
    input that is not text at all.
    """
    head = data[:SNIFF]
    found = _bom(data)
    if found:
        name, skip = found
        return data[skip:].decode(name, errors="replace"), name
    utf16 = _utf16_without_bom(head)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    if _looks_binary(head):
        raise InputError("binary data, not text or HTML")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return data.decode("utf-8", errors="replace"), "utf-8"
    declared = _declared(head)
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace"), declared
    name = _known(_detect(data)) or "cp1252"
    return data.decode(name, errors="replace"), name


def sniff_kind(text: str) -> str:
    """'html' when the text is markup, else 'text'."""
    head = text[:SNIFF]
    if _HTML_START.match(head):
        return "html"
    stripped = head.lstrip()
    if stripped.startswith("<") and len(_HTML_TAG.findall(head)) >= 3:
        return "html"
    return "text"


def read_document(data: str | bytes, input_format: InputFormat = "auto") -> Document:
    """Turn what the caller has into a decoded document of a known kind."""
    if isinstance(data, bytes):
        text, encoding = decode(data)
    else:
        text, encoding = data, None
    text = text.lstrip("\ufeff")
    kind = sniff_kind(text) if input_format == "auto" else input_format
    return Document(kind, text, encoding)
