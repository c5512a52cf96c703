"""Web archives (WARC, ARC) and JSON Lines dumps → their pages, one record at a time.

An archive holds many pages and much that is no page: requests, metadata, revisits (a page
stored elsewhere), redirects and errors, images and scripts, records cut short by the crawler.
`records()` reads one record at a time (never the archive whole) and yields a Record for each:
the page's bytes with its HTTP transfer and content encodings undone (chunked; gzip, deflate,
br) and the charset its HTTP header names, or why it is skipped (not a page) or failed (a
broken record). Every record is accounted for, and a broken one does not stop the reading: only
an archive broken past the point where the next record can be found ends there, with a failed
record saying so.

A record is a page when it is an HTTP response with status 200 whose Content-Type is HTML (or,
when it names none or a generic one, whose bytes look like HTML), or a resource record of an
HTML type (a page archived without HTTP, as warcit and some browsers' archivers store them).

WARC is read by FastWARC, about five times faster than warcio (bench/bench_crawl.py measures
both). A WARC file can also be read in parts, by several processes at once (parts(), Part): the
records that start in a byte range, from the first place there that opens one. The ARC files
of older crawls, which FastWARC does not read, go through warcio. Transfer and content
encodings are undone here rather than by either library, so that a broken body is a failed
record with its reason and a body that unpacks past the limits is refused; and a gzip archive
that ends inside a record's first bytes (where FastWARC stops quietly) ends in a failed record.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import IO, Any, NamedTuple

from ..errors import InputError
from ..limits import MAX_INPUT, MAX_UNPACKED, size
from ..options import ARCHIVE_NAMES
from ..report import FAILED, SKIPPED

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Content types that say nothing of what the bytes are: the bytes are looked at instead.
GENERIC_TYPES = ("", "application/octet-stream", "unknown/unknown", "application/x-unknown", "text/plain")
WARC_MAGIC = b"WARC/"
ARC_MAGIC = b"filedesc://"
_GZIP_MAGIC = b"\x1f\x8b"
_PEEK = 512  # bytes of an archive (unpacked) enough to tell what it is
_FIRST = 1 << 20  # bytes of a gzip archive in which its first member must end, for it to be split
# Bytes of an archive that a worker reads as one part, its records cleaned in one task (about
# 40 ms of work in gzip news pages): the parent only hands out the parts and writes what comes
# back, instead of reading every record and sending each page over.
PART = 1 << 17
_SNIFF = 4096  # bytes of a body looked at to tell HTML from other things
_CUT_SHORT = "cut short: the archive ends in the middle of this record"


class Record(NamedTuple):
    """One record of an archive, or one line of a dump.

    where: how a report names it: its WARC-Record-ID, or "line 12" of a dump.
    page: the page (bytes as served, encodings undone; a dump's str); None when it is none.
    url: the address it was fetched from (WARC-Target-URI, a dump's `url`).
    charset: the charset its HTTP Content-Type header names.
    fields: what the output object carries beside cleannews' own fields: `url`, `warc_date`,
        `warc_record_id` for an archive; the other fields of a dump's line.
    status, reason: "" for a page; "skipped" (not a page) or "failed" (broken), and why.
    """

    where: str
    page: bytes | str | None = None
    url: str | None = None
    charset: str | None = None
    fields: dict[str, Any] | None = None
    status: str = ""
    reason: str = ""


def archive_format(head: bytes) -> str | None:
    """"warc" or "arc" when these first bytes (of the file, gzip or not) open a web archive."""
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _PEEK)
        except zlib.error:
            return None
    head = head.lstrip(b"\r\n")
    if head.startswith(WARC_MAGIC):
        return "warc"
    if head.startswith(ARC_MAGIC):
        return "arc"
    return None


def is_archive(path: str) -> bool:
    """Whether the file at `path` is a web archive: named as one may be (.warc, .arc, .gz; only
    those are opened to look) and its first bytes say so."""
    if not path.lower().endswith(ARCHIVE_NAMES) or not os.path.isfile(path):  # a FIFO would block
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(_PEEK)
    except OSError:
        return False
    return archive_format(head) is not None


def records(path: str, dump_field: str | None = None) -> Iterator[Record]:
    """The records of the archive at `path`, or with `dump_field` of the JSON Lines dump there
    (the field that holds each line's page). Raises OSError when the file cannot be opened."""
    with open(path, "rb") as f:
        if dump_field is not None:
            from .jsonlines import dump_records

            yield from dump_records(f, dump_field)
        else:
            yield from archive_records(f)


def archive_records(stream: IO[bytes]) -> Iterator[Record]:
    """Every record of a WARC or ARC stream (gzip or not), in order: WARC read by FastWARC,
    ARC (which FastWARC does not read) by warcio."""
    head = _peek(stream)
    if archive_format(head) == "warc":
        yield from _fastwarc_records(stream, head.startswith(_GZIP_MAGIC))
    else:
        yield from _warcio_records(stream)


def _peek(stream: IO[bytes]) -> bytes:
    """The first bytes of the stream, which is left where it was (at its start)."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return bytes(peek(_PEEK)[:_PEEK])
    head = stream.read(_PEEK)
    stream.seek(0)
    return head


class _Seen(NamedTuple):
    """What decides whether a record is a page, read from either library's record."""

    n: int  # the record's place in the archive, from 1
    kind: str  # its WARC-Type
    warc: dict[str, str]  # its WARC header (_headers)
    http: dict[str, str] | None  # its HTTP header (_headers), None when it is no HTTP message
    status: str  # the HTTP status code, "" when none
    read: Any  # read(limit) -> (up to limit bytes of the payload, whether the archive ends inside it)
    whole_header: bool  # False when the archive ends inside the record's WARC header


def _warcio_records(stream: IO[bytes]) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator

    yield from _each(iter(ArchiveIterator(stream, arc2warc=True)), _warcio_seen)


def _each(iterator: Iterator[Any], seen: Callable[[Any, int], _Seen]) -> Generator[Record, None, int | None]:
    """A Record of each of a library's records (`seen` reads one). Returns the number the next
    record would have had, or None when the archive broke (a failed record says so)."""
    n = 0
    while True:
        n += 1
        try:
            record = next(iterator)
        except StopIteration:
            return n
        except Unsplittable:
            raise
        except Exception as exc:  # warcio's ArchiveLoadFailed, FastWARC's OSError, zlib and EOF errors
            yield Record(f"record {n}", status=FAILED,
                         reason=f"the archive is broken here, the rest of it cannot be read: {_why(exc)}")
            return None
        try:
            yield _record(seen(record, n))
        except Exception as exc:  # a record whose headers or body cannot be read: it alone fails
            yield Record(f"record {n}", status=FAILED, reason=f"broken record: {_why(exc)}")


def _headers(pairs: Sequence[tuple[str, str]]) -> dict[str, str]:
    """A header's (name, value) pairs as a mapping of lower-case names (they are
    case-insensitive) to values, the first of a repeated name winning, as in either library's
    own lookup. One pass over the header: each lookup in FastWARC's scans it again, and cost
    as much as the whole pass (4-5 µs; a page's record was looked up a dozen times)."""
    return {name.lower(): value for name, value in reversed(pairs)}


def _warcio_seen(record: Any, n: int) -> _Seen:
    http = record.http_headers if record.rec_type == "response" else None

    def read(limit: int) -> tuple[bytes, bool]:
        body = record.raw_stream.read(limit)
        return body, getattr(record.raw_stream, "limit", 0) > 0  # its header says more is left; the file has no more

    return _Seen(n, record.rec_type, _headers(record.rec_headers.headers),
                 _headers(http.headers) if http is not None else None,
                 (http.get_statuscode() or "") if http is not None else "", read, record.length is not None)


def _fastwarc_records(stream: IO[bytes], gzipped: bool) -> Iterator[Record]:
    from fastwarc.warc import ArchiveIterator

    last = [0]  # where the last record read starts

    def seen(record: Any, n: int) -> _Seen:
        last[0] = record.stream_pos
        return _fastwarc_seen(record, n)

    n = yield from _each(iter(ArchiveIterator(stream, parse_http=True, fsspec_args=False)), seen)
    if n is not None and gzipped and not _whole_members_from(stream, _member_start(stream, last[0])):
        yield Record(f"record {n}", status=FAILED, reason=_CUT_SHORT)


class Unsplittable(Exception):
    """A record that does not start where FastWARC places it (a gzip member that holds several
    records): the archive cannot be read in parts."""


def parts(path: str) -> list[tuple[int, int | None]] | None:
    """The parts in which the WARC file at `path` can be read apart (by workers, each its own;
    Part): (start, end) byte ranges of about PART bytes, the last to its end. None when it
    cannot be split: an ARC file (read by warcio), a gzip archive whose first member holds
    other than one record (a member of many records has no place inside it to start at), or a
    file that cannot be read (its reading says why)."""
    try:
        with open(path, "rb") as f:
            head = f.read(_FIRST)
            size = os.fstat(f.fileno()).st_size
    except OSError:
        return None
    if archive_format(head[:_PEEK]) != "warc" or (head.startswith(_GZIP_MAGIC) and not _one_record(head)):
        return None
    return [(at, at + PART if at + PART < size else None) for at in range(0, max(size, 1), PART)]


def _one_record(head: bytes) -> bool:
    """Whether the gzip member these bytes start with holds one WARC record, whole."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        record = inflater.decompress(head, _FIRST)
    except zlib.error:
        return False
    header, found, _ = record.partition(b"\r\n\r\n")
    if not inflater.eof or not found:
        return False
    for line in header.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(record) == len(header) + 4 + int(value) + 4
    return False


class Part:
    """The records of a WARC file that start in [start, end) (end None: its end), read from the
    first place there that opens a record (a gzip member, or a line, that starts "WARC/"); with
    `exact`, from `start` itself. Each record is numbered in the part ("record 3": the third
    read), and each is checked to start where FastWARC places it (else Unsplittable).

    first: where the first record starts (None: no place in the part opens one).
    after: once read, where the first record past the part starts; None when the archive
        ended or broke first.

    A place that opens a record may lie inside another (an archived archive, stored): whoever
    reads the parts checks that each part's `first` is the `after` of the part before it, and
    reads it again from there when it is not."""

    def __init__(self, path: str, start: int, end: int | None, exact: bool) -> None:
        self.end = end
        self.after: int | None = None
        self._file = open(path, "rb")  # noqa: SIM115  # the part's reading spans calls: closed by close()
        self._gzipped = os.pread(self._file.fileno(), 2, 0) == _GZIP_MAGIC
        self.first = start if exact else self._find(start)

    def _find(self, start: int) -> int | None:
        magic = _GZIP_MAGIC + b"\x08" if self._gzipped else WARC_MAGIC
        stop = self.end if self.end is not None else os.fstat(self._file.fileno()).st_size
        begin = max(start - 1, 0)  # a line's start is told by the byte before it
        data = os.pread(self._file.fileno(), stop - begin + len(magic), begin)
        at = data.find(magic, start - begin)
        while 0 <= at < stop - begin:
            if (self._gzipped or begin + at == 0 or data[at - 1:at] == b"\n") and self._opens(begin + at, True):
                return begin + at
            at = data.find(magic, at + 1)
        return None

    def _opens(self, at: int, inflate: bool = False) -> bool:
        """Whether a record starts at `at`: by its first bytes, and (`inflate`) the gzip member
        there unpacking to a WARC header's first bytes."""
        head = os.pread(self._file.fileno(), 1024 if inflate else 5, at)
        if not self._gzipped:
            return head.startswith(WARC_MAGIC)
        if not inflate:
            return head.startswith(_GZIP_MAGIC + b"\x08")
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, len(WARC_MAGIC)) == WARC_MAGIC
        except zlib.error:
            return False

    def __iter__(self) -> Iterator[Record]:
        from fastwarc.warc import ArchiveIterator

        if self.first is None:
            return
        self._file.seek(self.first)
        self._last = self.first
        self._past: int | None = None
        iterator = iter(ArchiveIterator(self._file, parse_http=True, fsspec_args=False))
        n = yield from _each(self._placed(iterator), _fastwarc_seen)
        ended = n is not None and self._past is None
        if ended and self._gzipped and not _whole_members_from(self._file, _member_start(self._file, self._last)):
            yield Record(f"record {n}", status=FAILED, reason=_CUT_SHORT)
        self.after = self._past if n is not None else None

    def _placed(self, iterator: Iterator[Any]) -> Iterator[Any]:
        """FastWARC's records until one starts past the part, each where it says it starts: the
        first at `first`, each further on than the one before, and where a record opens. (Its
        places are read only for that: the last part's records are all it reads.)"""
        if self.end is None:  # to the archive's end: no place is needed but the last, if it is one
            for record in iterator:
                self._last = record.stream_pos
                yield record
            return
        for record in iterator:
            at = record.stream_pos
            if at < self._last or (at == self._last and at != self.first) or not self._opens(at):
                raise Unsplittable(f"FastWARC places a record at byte {at}, where none starts")
            if at >= self.end:
                if not self._opens(at, True):
                    raise Unsplittable(f"FastWARC places a record at byte {at}, where none starts")
                self._past = at
                return
            self._last = at
            yield record

    def close(self) -> None:
        self._file.close()


def _fastwarc_seen(record: Any, n: int) -> _Seen:
    http = record.http_headers if record.is_http and str(record.record_type) == "response" else None
    warc = _headers(record.headers.astuples())
    # Every WARC header has a Content-Length: a record with none is one the archive ends inside
    whole = record.content_length > 0 or "content-length" in warc

    def read(limit: int) -> tuple[bytes, bool]:
        # FastWARC makes room for all it is asked for: ask for what the header says is there
        body = record.reader.read(min(limit, record.content_length + 1))
        return body, len(body) < min(limit, record.content_length)

    return _Seen(n, str(record.record_type), warc, _headers(http.astuples()) if http is not None else None,
                 str(http.status_code or "") if http is not None else "", read, whole)


def _member_start(stream: IO[bytes], at: int) -> int:
    """`at`, where the last record read starts, if a gzip member starts there; else 0. FastWARC
    places a record inside a member of many records where its reading of the file was (a gzip
    of the whole archive: every record but the first), not where any member starts: the
    members are then checked from the first."""
    try:
        stream.seek(at)
        return at if stream.read(3) == _GZIP_MAGIC + b"\x08" else 0
    except (OSError, ValueError):
        return at  # a stream that cannot go back: _whole_members_from says so


def _whole_members_from(stream: IO[bytes], at: int) -> bool:
    """Whether the gzip stream holds whole members from `at` (where its last record starts) to
    its end: FastWARC ends quietly at a member cut before its first record header."""
    try:
        stream.seek(at)
    except (OSError, ValueError):
        return True  # a stream that cannot go back: what FastWARC read is all that is known
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        while not inflater.eof:
            chunk = stream.read(1 << 16)
            if not chunk:
                return False
            try:
                inflater.decompress(chunk, 1 << 20)
                while inflater.unconsumed_tail:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            except zlib.error:
                return False
        rest = inflater.unused_data + stream.read(1)
        if not rest:
            return True
        stream.seek(-len(rest), os.SEEK_CUR)


def _why(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _header(headers: dict[str, str] | None, name: str) -> str:
    """The value of header `name` (in lower case), stripped; "" when there is none."""
    return (headers.get(name) or "").strip() if headers is not None else ""


def _record(seen: _Seen) -> Record:
    warc = seen.warc
    record_id = _header(warc, "warc-record-id") or None
    url = _header(warc, "warc-target-uri").strip("<>") or None  # WARC 1.0's grammar had <...>
    fields = {"url": url, "warc_date": _header(warc, "warc-date") or None, "warc_record_id": record_id}
    status, reason, page, charset = _verdict(seen, url)
    return Record(record_id or f"record {seen.n}", page, url, charset, fields, status, reason)


def _verdict(seen: _Seen, url: str | None) -> tuple[str, str, bytes | None, str | None]:
    """(status, reason, page, charset) of a record: "" and its page with the charset its HTTP
    header names, or skipped or failed and why."""
    if not seen.whole_header:
        return FAILED, _CUT_SHORT, None, None
    kind, http, warc = seen.kind, seen.http, seen.warc
    if kind == "response":
        if http is None:
            return SKIPPED, f"a response record that is not HTTP ({url or 'no URL'})", None, None
        if seen.status != "200":
            return SKIPPED, f"HTTP status {seen.status or 'missing'}", None, None
        content_type = _header(http, "content-type")
    elif kind == "resource":
        content_type = _header(warc, "content-type")
    else:
        return SKIPPED, f"a {kind} record, not a page", None, None
    truncated = _header(warc, "warc-truncated")
    if truncated:
        return SKIPPED, f"truncated by the crawler (WARC-Truncated: {truncated})", None, None
    mime, charset = _media_type(content_type)
    if mime not in HTML_TYPES and mime not in GENERIC_TYPES:
        return SKIPPED, f"not HTML: {mime}", None, None
    body, cut = seen.read(MAX_INPUT + 1)
    if len(body) > MAX_INPUT:
        return FAILED, f"more than {size(MAX_INPUT)} of body, the limit; refusing it", None, None
    if cut:
        return FAILED, _CUT_SHORT, None, None
    try:
        body = undo_encodings(body, _header(http, "transfer-encoding"), _header(http, "content-encoding"))
    except InputError as exc:
        return FAILED, str(exc), None, None
    if mime not in HTML_TYPES and not looks_like_html(body):
        return SKIPPED, f"not HTML: {mime or 'no content type'}, and not markup", None, None
    return "", "", body, charset


def _media_type(content_type: str) -> tuple[str, str | None]:
    """("text/html", "windows-1251") of "text/html; charset=windows-1251"."""
    mime, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'")
    return mime.strip().lower(), charset


def looks_like_html(body: bytes) -> bool:
    """Markup, by its first bytes: what a body of no (or a generic) content type must be to be a page."""
    from .sources import sniff_kind

    return sniff_kind(body[:_SNIFF].decode("latin-1")) == "html"


def undo_encodings(body: bytes, transfer: str, content: str) -> bytes:
    """The body as the page was before the server encoded it for the wire: de-chunked, then
    each content coding undone, last applied first. A body whose start is not what its header
    claims was stored already decoded (several crawlers do so and keep the header): it is
    taken as it is. Raises InputError for a body broken part way, or one past the limits."""
    if "chunked" in transfer.lower():
        body = _dechunk(body)
    for coding in reversed([c.strip().lower() for c in content.split(",") if c.strip()]):
        body = _decode(body, coding)
    return body


def _dechunk(body: bytes) -> bytes:
    """HTTP/1.1 chunked transfer coding undone. A body cut off before its last chunk keeps what
    it has (a browser shows as much)."""
    out: list[bytes] = []
    at = 0
    while at < len(body):
        end = body.find(b"\n", at)
        line = body[at:end if end >= 0 else len(body)].split(b";")[0].strip()
        try:
            length = int(line, 16)
        except ValueError:
            if at == 0:
                return body  # not chunked at all: stored de-chunked
            raise InputError("broken chunked body: a chunk size that is not a number") from None
        if length == 0 or end < 0:
            break
        out.append(body[end + 1:end + 1 + length])
        at = end + 1 + length
        at += 2 if body.startswith(b"\r\n", at) else 1 if body.startswith(b"\n", at) else 0
    return b"".join(out)


def _decode(body: bytes, coding: str) -> bytes:
    if coding in ("identity", "none", "utf-8", "utf8"):  # the last two: a charset mistaken for a coding
        return body
    if coding in ("gzip", "x-gzip"):
        if not body.startswith(_GZIP_MAGIC):
            return body
        from .containers import gunzip

        try:
            return gunzip(body)
        except InputError as exc:
            raise InputError(f"broken gzip body: {exc}") from None
    if coding == "deflate":
        # RFC 9110's deflate is zlib-wrapped; many servers send it raw
        return _inflate(body, zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS, coding)
    if coding == "br":
        return _unbrotli(body)
    raise InputError(f"content coding {coding!r} is not one cleannews can undo (gzip, deflate, br)")


def _stored_decoded(body: bytes) -> bool:
    """A body that failed to unpack and is markup (or starts with a BOM) was stored decoded."""
    return body.lstrip()[:1] == b"<" or body.startswith(b"\xef\xbb\xbf")


def _inflate(body: bytes, wbits: int, coding: str) -> bytes:
    try:
        out = zlib.decompressobj(wbits).decompress(body, MAX_UNPACKED + 1)
    except zlib.error as exc:
        if _stored_decoded(body):
            return body
        raise InputError(f"broken {coding} body ({exc})") from None
    return _within_limit(out, coding)


def _unbrotli(body: bytes) -> bytes:
    try:
        import brotli
    except ImportError:
        raise InputError("a br (brotli) body, and the brotli module is not installed: pip install brotli") from None
    inflater = brotli.Decompressor()
    try:
        out = inflater.process(body, output_buffer_limit=MAX_UNPACKED + 1)
    except brotli.error as exc:
        if _stored_decoded(body):
            return body
        raise InputError(f"broken br body ({exc})") from None
    return _within_limit(out, "br")


def _within_limit(out: bytes, coding: str) -> bytes:
    """What a body unpacked to, unless it passed the limit (the decoders stop one byte past it)."""
    if len(out) > MAX_UNPACKED:
        raise InputError(f"a {coding} body that unpacks to more than {size(MAX_UNPACKED)}; refusing it")
    return out
