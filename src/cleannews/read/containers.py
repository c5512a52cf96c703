"""Saved-page containers: what a browser or a web server wraps a page in.

- gzip (``page.html.gz``, a ``curl --compressed``-less download): unpacked in bounded chunks,
  so a small file that claims gigabytes (a gzip bomb) fails after MAX_UNPACKED bytes instead of
  filling memory.
- MHTML (Chrome and Edge "Webpage, single file", Internet Explorer ``.mht``): a MIME
  multipart/related message; the page is its first text/html part. A saved e-mail (``.eml``,
  a newsletter edition) is read the same way.
- Safari ``.webarchive``: a binary property list; the page is WebMainResource's data.

Each reader takes the raw bytes and returns the page's bytes with what the container says about
them. Anything wrong with a container is an InputError with a one-line message: the standard
library's parsers were written for trusted files, and whatever they raise on a hostile one
(struct, index, type and recursion errors as well as their own) means "broken container".

This module is imported only when the first bytes of the input say it holds a container, so
the cost of email and plistlib is not paid by plain text and HTML.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..errors import InputError
from ..limits import MAX_GZIP_LAYERS, MAX_MIME, MAX_MIME_PARTS, MAX_UNPACKED, size

__all__ = ["MAX_GZIP_LAYERS", "MAX_UNPACKED", "Unwrapped", "gunzip", "is_mhtml", "unwrap"]
_CHUNK = 1024 * 1024  # output per decompression step: memory grows by at most this past the limit

GZIP_MAGIC = b"\x1f\x8b"
BPLIST_MAGIC = b"bplist00"
# A MIME header block at the very start of the file: "Name: value" lines (with folded
# continuation lines), then a blank line. Only the first few KB are looked at.
_MIME_HEADERS = re.compile(rb"(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*){1,64}\r?\n")
_MULTIPART = re.compile(rb"^content-type:[ \t]*multipart/", re.I | re.M)
_MIME_SNIFF = 16384


class Unwrapped(NamedTuple):
    data: bytes
    charset: str | None  # the encoding the container gives for the page, if any
    mime: str | None  # the page's media type, as the container gives it
    container: str | None  # "gzip", "mhtml", "mime" (a saved e-mail), "webarchive", "gzip+mhtml", ... or None


def is_mhtml(data: bytes) -> bool:
    """A MIME message whose top-level Content-Type is multipart: MHTML (or a saved e-mail).

    A plain-text article that opens with "Title: ..." lines is not one: it lacks a multipart
    Content-Type header inside that opening block.
    """
    head = data[:_MIME_SNIFF]
    m = _MIME_HEADERS.match(head)
    return bool(m and _MULTIPART.search(m.group(0)))


def gunzip(data: bytes, limit: int = MAX_UNPACKED) -> bytes:
    """Unpack gzip data (one member or several, as gzip(1) writes when files are concatenated).

    Raises InputError for data that is cut short, corrupt (a bad checksum included) or that
    unpacks to more than `limit` bytes.
    """
    import zlib

    out: list[bytes] = []
    size = 0
    rest = data
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip header and trailer, checked
        pending = rest
        try:
            while not inflater.eof:
                chunk = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if not chunk and not pending:
                    break  # all input used and the stream is not finished: truncated
                size += len(chunk)
                if size > limit:
                    raise InputError(f"gzip data unpacks to more than {limit // (1024 * 1024)} MB; refusing it")
                out.append(chunk)
        except zlib.error as exc:
            raise InputError(f"broken gzip data ({exc})") from None
        if not inflater.eof:
            raise InputError("truncated gzip data: the file ends in the middle of the compressed stream")
        rest = inflater.unused_data
        # Another member follows, or padding (zeros, as tape and some servers add) or trailing
        # bytes that gzip(1) itself ignores with a warning.
        if not rest.startswith(GZIP_MAGIC):
            return b"".join(out)


def _mhtml(data: bytes) -> Unwrapped:
    """The first text/html part of a MIME multipart message, decoded from its transfer encoding.

    A saved e-mail (a newsletter as .eml: multipart/alternative or mixed) with no HTML part
    gives its first text/plain part instead; MHTML proper (multipart/related) must hold a page.
    """
    import email
    import email.policy

    if len(data) > MAX_MIME:
        raise InputError(f"{size(len(data))} MIME message, more than the {size(MAX_MIME)} limit; refusing it")
    if data.count(b"\n--") > MAX_MIME_PARTS:  # every part starts on a boundary line "--..."
        raise InputError(f"MIME message of more than {MAX_MIME_PARTS:,} parts; refusing it")
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        if not message.is_multipart():
            raise InputError("broken MHTML: a multipart message with no parts (missing or wrong boundary)")
        related = message.get_content_subtype() == "related"
        plain: Unwrapped | None = None
        for part in message.walk():
            mime = part.get_content_type()
            if part.is_multipart() or mime not in ("text/html", "text/plain"):
                continue
            body = part.get_payload(decode=True)
            if mime == "text/plain":
                if plain is None and not related and isinstance(body, bytes) and body.strip():
                    plain = Unwrapped(body, part.get_content_charset(), mime, "mime")
                continue
            if not isinstance(body, bytes) or not body.strip():
                raise InputError("broken MHTML: its HTML part is empty")
            return Unwrapped(body, part.get_content_charset(), mime, "mhtml" if related else "mime")
    except InputError:
        raise
    except Exception as exc:  # see the module docstring: a hostile file can make the parser raise anything
        raise InputError(f"broken MHTML: {type(exc).__name__}") from None
    if plain is not None:
        return plain
    raise InputError("MHTML without an HTML part: nothing in it is a page")


def _webarchive(data: bytes) -> Unwrapped:
    """Safari's WebMainResource: the page's bytes as downloaded, its encoding and MIME type."""
    import plistlib

    try:
        archive = plistlib.loads(data, fmt=plistlib.FMT_BINARY)
    except Exception:  # InvalidFileException, or struct/index/recursion errors on crafted input
        raise InputError("broken webarchive: not a valid binary property list") from None
    main = archive.get("WebMainResource") if isinstance(archive, dict) else None
    if not isinstance(main, dict):
        raise InputError("broken webarchive: no WebMainResource in it")
    body = main.get("WebResourceData")
    if not isinstance(body, bytes) or not body.strip():
        raise InputError("broken webarchive: its main resource has no data")
    mime = main.get("WebResourceMIMEType")
    mime = mime.strip().lower() if isinstance(mime, str) else None
    if mime and not (mime.startswith("text/") or mime in ("application/xhtml+xml", "application/xml")):
        raise InputError(f"webarchive of a {mime} file, not of a page")
    charset = main.get("WebResourceTextEncodingName")
    return Unwrapped(body, charset if isinstance(charset, str) else None, mime, "webarchive")


def unwrap(data: bytes) -> Unwrapped:
    """Take the page out of whatever containers hold it; bytes that are no container come back as
    they are. Gzip may hold anything, including another container; MHTML and webarchives hold
    the page itself."""
    layers: list[str] = []
    while data.startswith(GZIP_MAGIC):
        if len(layers) == MAX_GZIP_LAYERS:
            raise InputError(f"gzip inside gzip more than {MAX_GZIP_LAYERS} deep; refusing it")
        data = gunzip(data)
        layers.append("gzip")
    found = Unwrapped(data, None, None, None)
    if data.startswith(BPLIST_MAGIC):
        found = _webarchive(data)
    elif is_mhtml(data):
        found = _mhtml(data)
    if found.container:
        layers.append(found.container)
    return found._replace(container="+".join(layers) or None)
