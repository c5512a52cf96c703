"""JSON Lines dumps of scraped pages → their pages, one line at a time.

A scraper's dump holds one JSON object a line, the page in one field (`html`, `text`, or
whatever the scraper called it) and what the scraper knew beside it (its URL, when it was
fetched, an id). Each line is a Record: the page, its `url` when the line has an absolute one
(links resolve against it and its site is learned from it), and the line's other fields, which
the output object carries through. A line that is not a JSON object is failed; one whose page
field is missing or empty is skipped; neither stops the reading. A dump may be gzip-compressed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from io import BufferedIOBase
from typing import IO

from ..limits import MAX_INPUT, size
from ..options import absolute_url
from ..report import FAILED, SKIPPED
from .archives import Record

_GZIP_MAGIC = b"\x1f\x8b"


def _unpacked(stream: IO[bytes]) -> IO[bytes] | BufferedIOBase:
    peek = getattr(stream, "peek", None)
    if peek is not None and peek(2)[:2] == _GZIP_MAGIC:
        import gzip

        return gzip.GzipFile(fileobj=stream)
    return stream


def _lines(stream: IO[bytes] | BufferedIOBase) -> Iterator[bytes | None]:
    """The dump's lines, each up to the input limit; None for a line past it (read through, not kept)."""
    while True:
        line = stream.readline(MAX_INPUT + 1)
        if not line:
            return
        if len(line) > MAX_INPUT and not line.endswith(b"\n"):
            while (more := stream.readline(MAX_INPUT)) and not more.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def dump_records(stream: IO[bytes], field: str) -> Iterator[Record]:
    """A Record for every line of the dump (blank lines are no record)."""
    lines = _lines(_unpacked(stream))
    n = 0
    while True:
        n += 1
        where = f"line {n}"
        try:
            line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError) as exc:  # a gzip dump cut short or corrupt
            yield Record(where, status=FAILED, reason=f"the dump is broken here, the rest of it cannot be read: {exc}")
            return
        if line is None:
            yield Record(where, status=FAILED, reason=f"a line of more than {size(MAX_INPUT)}, the limit; refusing it")
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:  # JSONDecodeError, and UnicodeDecodeError for bytes that are not UTF-8
            yield Record(where, status=FAILED, reason=f"not JSON: {str(exc).splitlines()[0]}")
            continue
        if not isinstance(obj, dict):
            yield Record(where, status=FAILED, reason=f"not a JSON object but {type(obj).__name__}")
            continue
        present = field in obj
        page = obj.pop(field, None)
        url = obj.get("url")
        url = url.strip() if isinstance(url, str) and absolute_url(url) else None
        if not isinstance(page, str) or not page.strip():
            why = f"its {field!r} field holds no page" if present else f"no {field!r} field"
            yield Record(where, url=url, fields=obj, status=SKIPPED, reason=why)
            continue
        yield Record(where, page=page, url=url, fields=obj)
