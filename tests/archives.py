"""Web archives made for the tests, with warcio's writer: pages built from the golden fixtures,
stored the ways crawlers store them, beside the records that are no page.

`crawl()` writes one archive (gzip or plain) and returns what cleaning it must give: for each
page its record id and the fixture's expected text; how many records are skipped, and which
record fails. `site_archives()` writes one site's generated articles, a box no rule knows in
each, split over several archives: what learning at crawl scale must find across tasks.

Run as a module to write the archive the README's recipes use:

    python -m tests.archives crawl.warc.gz
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

from .articles import LAMP_BOX, article
from .conftest import FIXTURES

DATE = "2024-05-0{}T10:00:00Z"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


class Page(NamedTuple):
    record_id: str
    url: str
    expected: str  # the fixture's expected text: what `cleannews` prints for the page


class Crawl(NamedTuple):
    pages: list[Page]  # in archive order
    skipped: dict[str, str]  # record id → a word of the reason it is skipped for
    failed: list[str]  # record ids


def _record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def _fixture(slug: str) -> tuple[bytes, str]:
    folder = FIXTURES / "html" / slug
    return (folder / "input.html").read_bytes(), (folder / "expected.txt").read_text(encoding="utf-8")


def _chunked(body: bytes, size: int = 700) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def _brotli(body: bytes) -> bytes:
    import brotli

    return bytes(brotli.compress(body))


class _Writer:
    """A warcio WARCWriter with fixed record ids and dates, so that every run writes the same bytes."""

    def __init__(self, stream: io.BufferedIOBase, compress: bool) -> None:
        from warcio.warcwriter import WARCWriter

        self.writer = WARCWriter(stream, gzip=compress)
        self.n = 0

    def write(self, kind: str, url: str, body: bytes = b"", status: str = "200 OK",
              headers: list[tuple[str, str]] | None = None, extra: dict[str, str] | None = None) -> str:
        from warcio.statusandheaders import StatusAndHeaders

        self.n += 1
        record_id = _record_id(self.n)
        warc = {"WARC-Record-ID": record_id, "WARC-Date": DATE.format(1 + self.n % 9), **(extra or {})}
        http = None
        if kind in ("response", "request", "revisit"):
            line = "GET / HTTP/1.1" if kind == "request" else status
            http = StatusAndHeaders(line, headers or [], protocol="" if kind == "request" else "HTTP/1.1",
                                    is_http_request=kind == "request")
        if kind == "revisit":
            record = self.writer.create_revisit_record(
                url, digest="sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ", refers_to_uri=url,
                refers_to_date="2024-04-01T10:00:00Z", http_headers=http)
            record.rec_headers.replace_header("WARC-Record-ID", record_id)
        elif kind == "warcinfo":
            record = self.writer.create_warcinfo_record("crawl.warc", {"software": "tests/archives.py"})
            record.rec_headers.replace_header("WARC-Record-ID", record_id)
        else:
            record = self.writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=http,
                                                    warc_headers_dict=warc, length=len(body) if http is None else None)
        self.writer.write_record(record)
        return record_id


def _response(w: _Writer, crawl: Crawl, url: str, body: bytes, expected: str,
              headers: list[tuple[str, str]]) -> None:
    w.write("request", url, headers=[("Host", url.split("/")[2])])
    crawl.skipped[_record_id(w.n)] = "request"
    crawl.pages.append(Page(w.write("response", url, body, headers=headers), url, expected))


def crawl(path: Path, compress: bool = True, br: bool = True) -> Crawl:
    """Write a crawl of seven pages (plain, gzip, br, deflate, chunked, a windows-1251 page
    declared only in its HTTP header, a resource record) and the records that are no page:
    warcinfo, requests, a revisit, a 404, an image, a record the crawler truncated, metadata;
    and one page whose gzip body is broken. br=False leaves the br page out."""
    found = Crawl([], {}, [])
    with open(path, "wb") as f:
        w = _Writer(f, compress)
        found.skipped[w.write("warcinfo", "")] = "warcinfo"
        html = ("Content-Type", "text/html; charset=utf-8")
        body, expected = _fixture("seed-as-page")
        _response(w, found, "https://news.example/world/li-shangfu-putin", body, expected, [html])
        body, expected = _fixture("en-jsonld-newsarticle")
        _response(w, found, "https://news.example/2024/05/jsonld", gzip.compress(body, mtime=0), expected,
                  [html, ("Content-Encoding", "gzip")])
        body, expected = _fixture("trap-en-hospital-appeal")
        _response(w, found, "https://news.example/health/appeal", _chunked(body), expected,
                  [html, ("Transfer-Encoding", "chunked")])
        body, expected = _fixture("ru-cp1251-page")
        body = body.replace(b'<meta charset="windows-1251">\n', b"")
        assert b"charset" not in body  # the HTTP header alone says what the bytes are
        _response(w, found, "https://kurier.example/city/most", body, expected,
                  [("Content-Type", "text/html; charset=windows-1251")])
        if br:
            body, expected = _fixture("en-appeal-plain-paragraphs")
            _response(w, found, "https://news.example/appeal", _brotli(body), expected,
                      [html, ("Content-Encoding", "br")])
        body, expected = _fixture("fr-latin1-declared")
        _response(w, found, "https://journal.example/fr/article", zlib.compress(body), expected,
                  [("Content-Type", "text/html"), ("Content-Encoding", "deflate")])
        found.skipped[w.write("revisit", "https://news.example/world/li-shangfu-putin",
                              headers=[html])] = "revisit"
        found.skipped[w.write("response", "https://news.example/missing", b"<html><body><h1>Not found</h1>"
                              b"<p>No page here.</p></body></html>", status="404 Not Found",
                              headers=[html])] = "404"
        found.skipped[w.write("response", "https://news.example/logo.png", PNG,
                              headers=[("Content-Type", "image/png")])] = "image/png"
        body, _ = _fixture("seed-as-page")
        found.skipped[w.write("response", "https://news.example/cut", body[: len(body) // 3], headers=[html],
                              extra={"WARC-Truncated": "length"})] = "truncated"
        found.failed.append(w.write("response", "https://news.example/broken", b"\x1f\x8b\x08\x00broken gzip",
                                    headers=[html, ("Content-Encoding", "gzip")]))
        found.skipped[w.write("metadata", "https://news.example/world/li-shangfu-putin", b"fetchTimeMs: 120\r\n",
                              extra={"Content-Type": "application/warc-fields"})] = "metadata"
        body, expected = _fixture("fr-latin1-declared")
        found.pages.append(Page(w.write("resource", "https://journal.example/fr/saved", body,
                                        extra={"Content-Type": "text/html"}), "https://journal.example/fr/saved",
                                expected))
    return found


# --- one site's articles, for learning ---------------------------------------------------------

def article_page(n: int, box: bool) -> bytes:
    title, paragraphs = article(n)
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:2])
    body += f"<p>{LAMP_BOX}</p>" if box else ""
    body += "".join(f"<p>{p}</p>" for p in paragraphs[2:])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>").encode()


def site_archives(folder: Path, split: list[list[int]], boxed: set[int]) -> list[Path]:
    """Archives of harbour.example's articles: archive i holds the articles split[i] (the box in
    those of `boxed`). Returns their paths."""
    paths = []
    for i, numbers in enumerate(split):
        path = folder / f"site-{i}.warc.gz"
        with open(path, "wb") as f:
            w = _Writer(f, compress=True)
            w.n = 1000 * (i + 1)
            for n in numbers:
                w.write("response", f"https://harbour.example/news/{n}", article_page(n, n in boxed),
                        headers=[("Content-Type", "text/html; charset=utf-8")])
        paths.append(path)
    return paths


if __name__ == "__main__":
    crawl(Path(sys.argv[1] if len(sys.argv) > 1 else "crawl.warc.gz"))
