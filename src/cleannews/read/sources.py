"""Bytes → a document: what kind of input it is, which encoding, and the decoded text."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError, NotTextError
from ..lazy import Lazy
from ..limits import MAX_ELEMENTS, MAX_HTML, MAX_INPUT, MAX_LINES, MAX_TEXT, size
from ..model import Document

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

    from ..options import InputFormat


_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Patterns used only on some paths are kept as strings: `re` compiles each on its first use
# (and caches it), so plain UTF-8 text, the path measured for cold start, never pays for them.
# Every pattern here runs on untrusted text with Python's backtracking `re`, so none may have
# two ways to match the same characters ("\s*["']?\s*" has k+1 ways over k spaces, and
# "(?:<!--.*?-->\s*)*" 2^k over k comments: a 64 KB page of either took minutes), and a
# scan for the end of a tag stops at the next "<" so that a page of "<a" without ">" is linear.
_META_CHARSET: Final = rb"""<meta[^<>]*?charset\s*=\s*(?:["']\s*)?([A-Za-z0-9._:-]+)"""
_XML_ENCODING: Final = rb"""\A\s*<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9._:-]+)"""
# An XML declaration stops being true once the bytes are decoded (and lxml refuses a str that has one).
_XML_DECLARATION: Final = r"\A\s*<\?xml[^>]*\?>\s*"
# A DOCTYPE's internal subset ("<!DOCTYPE html [<!ENTITY ...>]>") declares entities, a billion
# laughs among them. No parser here expands them, but the HTML parser ends the DOCTYPE at its
# first ">" and shows the rest as text: the subset is taken out, the DOCTYPE kept.
_DOCTYPE_WITH_SUBSET: Final = r"<!DOCTYPE[^\[<>]*\["
_SUBSET_END: Final = r"\]\s*>"
_CONTROL_CHARS: Final = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
# What an XML tree cannot hold (lxml refuses to set such text, so one stray control byte in a
# page would fail the whole page): dropped, as browsers ignore them. Form feed is HTML white space.
_NOT_XML: Final = r"[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]"
# The same characters in UTF-8: the controls are single bytes that are part of no other
# character, U+FFFE and U+FFFF are EF BF BE and EF BF BF. Bytes without them settle that the
# text has none, and the regex need not read the whole page.
_NOT_XML_CONTROL_BYTES: Final = bytes(range(0x09)) + b"\x0b" + bytes(range(0x0e, 0x20))
# Lone surrogates: a str can hold them, UTF-8 cannot (RE2 and every output encode to UTF-8).
_SURROGATES: Final = r"[\ud800-\udfff]"
# What browsers decode a label as (WHATWG Encoding): a legacy label means its Windows superset,
# whose extra characters (curly quotes, the euro sign, more kanji) real pages use all the time.
_SUPERSETS: Final = {
    "iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
    "iso8859-11": "cp874", "tis-620": "cp874", "shift_jis": "cp932", "euc_kr": "cp949",
    "gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs",
}
# What the detector may answer: the legacy encodings browsers decode pages in (WHATWG Encoding),
# less the Mac ones and 7-bit ISO-2022-JP. Left to choose among all of Python's codecs it
# calls a French page cp775 and a Russian one cp1125 or ptcp154; no page is served in those.
# (UTF-8 and UTF-16 have been tried before it is asked.)
WEB_ENCODINGS: Final = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "cp874",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "cp866",
    "shift_jis", "cp932", "euc_jp", "gb18030", "big5", "euc_kr", "cp949",
)
_DECLARED_ERRORS: Final = 1000  # a declared encoding is believed with at most one bad character in this many
# (compiled for the first text that starts with "<": a plain text never needs them)
_HTML_START: Final = Lazy(r"<(?:!doctype\s+html|html|head|\?xml|meta|body)\b", re.I)
_HTML_TAG: Final = Lazy(r"<(?:p|div|span|a|br|li|h[1-6]|article|section|table|img)\b[^<>]*>", re.I)
# A fragment (`<p>…</p><p>…</p>`, as a CMS or an API gives a story) has too few tags for the
# test above: one that opens with such an element and closes one is markup too.
_END_TAG: Final = r"</(?:p|div|span|a|li|h[1-6]|article|section|table)\s*>"
_CONTROL_BYTES: Final = bytes(range(0x09)) + bytes(range(0x0e, 0x1b)) + bytes(range(0x1c, 0x20))
_START_TAG: Final = r"<[A-Za-z]"
SNIFF: Final = 65536


def _bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 without a BOM. Alphabetic text: the high byte of each code unit comes from very few
    values (0 for ASCII, 4 for Cyrillic, ...) while the low byte varies. CJK text spreads its
    high bytes over many values, but its spaces, digits and markup are ASCII: many zero high
    bytes, and no zero low bytes. Binary data has neither pattern, nor decodes to text without
    control characters."""
    head = head[: len(head) // 2 * 2]
    if len(head) < 16 or b"\x00" not in head:  # spaces and ASCII punctuation have a zero byte
        return None
    for name, high, low in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if 0 not in high or low.count(0) >= 0.05 * len(low):
            continue
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        alphabetic = sum(counts[:3]) >= 0.95 * len(high)
        if not alphabetic and not (high.count(0) >= 0.2 * len(high) and 0 not in low):
            continue
        try:
            text = head.decode(name)
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:
                continue
            text = head[: exc.start].decode(name)
        if alphabetic or len(re.findall(_CONTROL_CHARS, text)) <= len(text) // 100:
            return name
    return None


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken sequences (a bad byte, a cut-off character) is still UTF-8: a
    legacy encoding would make nearly every non-ASCII byte invalid."""
    text = data[: SNIFF * 4].decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return good >= 8 * bad


def _known(name: str | None) -> str | None:
    """Python's name for an encoding label, widened to what browsers use for it; None if unknown."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip())
    except (LookupError, ValueError):  # ValueError: a label with a NUL in it
        return None
    if not getattr(codec, "_is_text_encoding", True):
        return None  # "uu", "base64", "zlib": Python's bytes-to-bytes codecs are no charset
    found = codec.name
    # A label that says "utf-16" on a page that could be read as ASCII to find it is not
    # UTF-16 (real UTF-16 has been caught by its BOM or its byte pattern before this).
    if found in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        return "utf-8"
    return _SUPERSETS.get(found, found)


def _declared(head: bytes) -> str | None:
    """The charset the page declares in a <meta> tag or an XML declaration."""
    m = re.search(_META_CHARSET, head, re.I) or re.match(_XML_ENCODING, head, re.I)
    return _known(m.group(1).decode("ascii", "replace")) if m else None


def _reads_cleanly(data: bytes, name: str) -> str | None:
    """The text, when `name` decodes the bytes with next to no errors; else None. A wrong
    multi-byte encoding (a page that says Shift-JIS and is not) fails on many characters; a
    stray bad byte in a long page is no reason to doubt the declaration."""
    text = data.decode(name, errors="replace")
    return text if text.count("\ufffd") <= 1 + len(text) // _DECLARED_ERRORS else None


def _looks_binary(head: bytes) -> bool:
    # Text has none of these bytes: a search for each (memchr, many bytes a step) settles
    # that quicker than the count, which goes through the bytes one at a time.
    if not any(byte in head for byte in _CONTROL_BYTES):  # NUL among them
        return False
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in one pass over the bytes
    return head.count(0) > 0 or controls > max(8, len(head) // 100)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only bytes that are not UTF-8 pay for the import

    best = from_bytes(data[: SNIFF * 4], cp_isolation=list(WEB_ENCODINGS)).best()
    return (best.encoding if best is not None else None) or "cp1252"


def decode(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Decode bytes: a BOM, then UTF-8, then a declared charset, then a detector.

    `charset` is what a container (MHTML part, webarchive) says the encoding is; it is tried
    before the page's own <meta> declaration. A declaration is believed when it decodes the
    bytes cleanly, so a page that says utf-8 or shift_jis and is windows-1251 goes to the
    detector; UTF-8 is tried before any declaration because bytes that decode as UTF-8 with
    non-ASCII in them almost never are anything else.

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
        raise NotTextError("binary data, not text or HTML")
    if data.isascii() and b"\x1b$" in head:  # 7-bit ISO-2022-JP (Japanese mail): valid UTF-8 too
        try:
            return data.decode("iso2022_jp"), "iso2022_jp"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return data.decode("utf-8", errors="replace"), "utf-8"
    for declared in (_known(charset), _declared(head)):
        if declared and declared != "utf-8":
            text = _reads_cleanly(data, declared)
            if text is not None:
                return text, declared
    name = _known(_detect(data)) or "cp1252"
    if name == "utf-8":  # the detector's last resort for bytes it cannot place; UTF-8 has failed
        name = "cp1252"
    return data.decode(name, errors="replace"), name


def _after_comments(text: str) -> int:
    """Where the markup starts: past leading white space and <!-- comments -->."""
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if not text.startswith("<!--", at):
            return at
        end = text.find("-->", at + 4)
        if end < 0:
            return at
        at = end + 3


def _without_doctype_subset(text: str) -> str:
    """The page with its DOCTYPE's internal subset taken out, the DOCTYPE itself kept."""
    start = re.compile(_DOCTYPE_WITH_SUBSET, re.I).match(text, _after_comments(text))
    end = re.compile(_SUBSET_END).search(text, start.end()) if start else None
    if not start or not end:
        return text
    return text[: start.end() - 1] + ">" + text[end.end() :]


def sniff_kind(text: str) -> str:
    """'html' when the text is markup, else 'text'."""
    head = text[:SNIFF]
    stripped = head.lstrip()
    if not stripped.startswith("<"):  # markup starts with a tag (or a comment: the same "<")
        return "text"
    if _HTML_START.match(head, _after_comments(head)):
        return "html"
    if len(_HTML_TAG.findall(head)) >= 3 or (_HTML_TAG.match(stripped) and re.search(_END_TAG, head, re.I)):
        return "html"
    return "text"


def _is_container(data: bytes) -> bool:
    """Gzip, a binary plist (Safari webarchive) or a MIME message (MHTML), by their first bytes."""
    if data.startswith((b"\x1f\x8b", b"bplist00")):
        return True
    # MIME headers open the file: "From: <Saved by Blink>", "MIME-Version: 1.0", ... A cheap
    # test first (a header-like first line) so that plain text never pays for the full one.
    first = data[:200].split(b"\n", 1)[0]
    if b":" not in first or b" " in first.split(b":", 1)[0]:
        return False
    from .containers import is_mhtml

    return is_mhtml(data)


def read_document(data: str | bytes, input_format: InputFormat = "auto", charset: str | None = None) -> Document:
    """Turn what the caller has into a decoded document of a known kind.

    Bytes may be a saved-page container (gzip, MHTML, Safari webarchive), recognised by its
    content whatever the file was called; the page inside is what gets decoded. `charset` is
    what the transport says the bytes are in (an HTTP header), for a container that says none.
    """
    if len(data) > MAX_INPUT:
        raise InputError(f"{size(len(data))} of input, more than the {size(MAX_INPUT)} limit; refusing it")
    container = mime = None
    utf8: bytes | bytearray | None = None  # the bytes of a text decoded from UTF-8
    if isinstance(data, (bytes, bytearray)):
        if _is_container(data):
            from .containers import unwrap

            data, inner, mime, container = unwrap(bytes(data))
            charset = inner or charset
        text, encoding = decode(data, charset)
        utf8 = data if encoding == "utf-8" else None
    else:
        text, encoding = data, None
        if not text.isascii():
            text = re.sub(_SURROGATES, "\ufffd", text)
    text = text.lstrip("\ufeff")
    kind: str
    if input_format != "auto":
        kind = input_format
    elif mime in ("text/html", "application/xhtml+xml"):
        kind = "html"
    else:
        kind = sniff_kind(text)
    if kind == "html":
        text = re.sub(_XML_DECLARATION, "", text, count=1)
        if "[" in text[:SNIFF]:
            text = _without_doctype_subset(text)
        if utf8 is None or _may_hold_not_xml(utf8):
            text = re.sub(_NOT_XML, "", text)
        text = text.replace("\x0c", " ")
    check_limits(kind, text)
    return Document(kind, text, encoding, container)


def _may_hold_not_xml(utf8: bytes | bytearray) -> bool:
    return (len(utf8.translate(None, _NOT_XML_CONTROL_BYTES)) != len(utf8)
            or (b"\xef\xbf" in utf8 and (b"\xef\xbf\xbe" in utf8 or b"\xef\xbf\xbf" in utf8)))


def check_limits(kind: str, text: str) -> None:
    """Refuse a page whose size, elements or lines would cost unbounded time or memory (limits.py)."""
    limit = MAX_HTML if kind == "html" else MAX_TEXT
    if len(text) > limit:
        raise InputError(f"{size(len(text))} of {kind.upper() if kind == 'html' else kind}, "
                         f"more than the {size(limit)} limit; refusing it")
    if kind == "html":
        if text.count("<") > MAX_ELEMENTS:  # cheap: most pages stop here
            for n, _ in enumerate(re.finditer(_START_TAG, text), 1):
                if n > MAX_ELEMENTS:
                    raise InputError(f"more than {MAX_ELEMENTS:,} HTML elements; refusing the page")
    # (a line is a character at least: a text no longer than the limit is not counted)
    elif len(text) > MAX_LINES and max(text.count("\n"), text.count("\r")) > MAX_LINES:
        raise InputError(f"more than {MAX_LINES:,} lines of text; refusing it")
