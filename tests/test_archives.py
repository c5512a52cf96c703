"""Web archives and JSON Lines dumps as inputs of the command line: archives made by the tests
(tests/archives.py) from the golden fixtures, cleaned by real `cleannews` processes; the
reading itself (records, encodings) in-process."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from cleannews.errors import InputError
from cleannews.read.archives import archive_format, records, undo_encodings

from .archives import LAMP_BOX, Crawl, crawl, site_archives

TIMEOUT = 120
SUMMARY = "cleannews: 7 cleaned, 0 empty, 1 failed, 12 skipped in"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleannews", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=TIMEOUT, env={**os.environ, "NO_COLOR": "1"})


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Crawl]:
    folder = tmp_path_factory.mktemp("crawl")
    return folder, crawl(folder / "crawl.warc.gz")


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_an_archive_gives_one_object_per_html_response_and_accounts_for_every_record(
        compress: bool, tmp_path: Path) -> None:
    name = "crawl.warc.gz" if compress else "crawl.warc"
    made = crawl(tmp_path / name, compress)
    done = run(name, "--format", "jsonl", "--report", "report.jsonl", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # one record failed; the others were cleaned
    objects = lines(done.stdout)
    stories = [o for o in objects if "text" in o]
    assert [(o["warc_record_id"], o["url"], o["text"]) for o in stories] == [
        (p.record_id, p.url, p.expected) for p in made.pages]
    assert all(o["source"] == name and str(o["warc_date"]).startswith("2024-05-0") for o in stories)
    failed = [o for o in objects if "text" not in o]
    assert [(o["warc_record_id"], o["status"]) for o in failed] == [(made.failed[0], "failed")]
    assert "broken gzip body" in str(failed[0]["error"])
    assert f"{name}: {made.failed[0]}: broken gzip body" in done.stderr
    assert SUMMARY in done.stderr
    report = lines((tmp_path / "report.jsonl").read_text(encoding="utf-8"))
    assert len(report) == 20 and len({r["record"] for r in report}) == 20  # every record once
    reasons = {r["record"]: (r["status"], r["reason"]) for r in report}
    for record_id, word in made.skipped.items():
        status, reason = reasons[record_id]
        assert status == "skipped" and word in str(reason), (record_id, reason)
    assert {reasons[p.record_id][0] for p in made.pages} == {"cleaned"}


def test_the_charset_of_the_http_header_decodes_a_page_that_declares_none(archive: tuple[Path, Crawl]) -> None:
    folder, _ = archive
    page = next(r for r in records(str(folder / "crawl.warc.gz")) if r.page and r.url == "https://kurier.example/city/most")
    assert page.charset == "windows-1251" and isinstance(page.page, bytes) and b"charset" not in page.page
    done = run("crawl.warc.gz", "--format", "jsonl", "--no-learn", cwd=folder)
    story = next(o for o in lines(done.stdout) if o.get("url") == "https://kurier.example/city/most")
    assert story["encoding"] == "cp1251"
    assert str(story["title"]).startswith("В Костроме после ремонта открыли пешеходный мост")


def test_transfer_and_content_codings_are_undone() -> None:
    page = b"<!doctype html><p>" + "Новости дня. ".encode() * 200 + b"</p>"
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(page[i:i + 100]), page[i:i + 100]) for i in range(0, len(page), 100))
    assert undo_encodings(chunked + b"0\r\n\r\n", "chunked", "") == page
    assert undo_encodings(gzip.compress(page), "", "gzip") == page
    assert undo_encodings(zlib.compress(page), "", "deflate") == page
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert undo_encodings(raw.compress(page) + raw.flush(), "", "deflate") == page
    import brotli

    assert undo_encodings(brotli.compress(page), "", "br") == page
    coded = gzip.compress(page)
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(coded[i:i + 64]), coded[i:i + 64]) for i in range(0, len(coded), 64))
    assert undo_encodings(chunks + b"0\r\n\r\n", "chunked", "gzip") == page
    # stored already decoded under the header that was sent: taken as it is
    assert undo_encodings(page, "chunked", "gzip") == page
    assert undo_encodings(page, "", "br") == page
    with pytest.raises(InputError, match="broken gzip body"):
        undo_encodings(coded[: len(coded) // 2] + b"\x00" * 40, "", "gzip")
    with pytest.raises(InputError, match="not one cleannews can undo"):
        undo_encodings(page, "", "compress")


def test_an_arc_file_of_an_older_crawl(tmp_path: Path) -> None:
    """ARC (version 1), as the Internet Archive's crawls before WARC wrote them, gzip per record."""
    html = b"<!doctype html><html><head><title>Old harbour reopens</title></head><body><article>" \
           b"<h1>Old harbour reopens</h1><p>The old harbour reopened on Monday after two years of repairs to its " \
           b"walls, the port authority said, and the first ferry docked there at noon.</p></article></body></html>"
    response = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n"
    records_ = [b"filedesc://old.arc 0.0.0.0 20010101000000 text/plain %d\n%s\n" % (len(head), head),
                b"http://old.example/harbour 192.0.2.1 20010102030405 text/html %d\n%s\n" % (len(response), response)]
    (tmp_path / "old.arc.gz").write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records_))
    assert archive_format((tmp_path / "old.arc.gz").read_bytes()[:512]) == "arc"
    done = run("old.arc.gz", "--format", "jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [story] = lines(done.stdout)
    assert story["url"] == "http://old.example/harbour"
    assert str(story["text"]).startswith("Old harbour reopens\n\nThe old harbour reopened on Monday")
    assert "cleannews: 1 cleaned, 0 empty, 0 failed, 1 skipped" in done.stderr


def test_a_broken_archive_ends_in_a_failed_record_and_the_other_inputs_go_on(
        archive: tuple[Path, Crawl], tmp_path: Path) -> None:
    folder, made = archive
    data = (folder / "crawl.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    (tmp_path / "whole.warc.gz").write_bytes(data)
    done = run("cut.warc.gz", "whole.warc.gz", "--format", "jsonl", "--no-learn", cwd=tmp_path)
    assert done.returncode == 1
    objects = lines(done.stdout)
    cut = [o for o in objects if o["source"] == "cut.warc.gz"]
    whole = [o for o in objects if o["source"] == "whole.warc.gz"]
    assert [o["warc_record_id"] for o in whole if "text" in o] == [p.record_id for p in made.pages]
    assert 0 < len([o for o in cut if "text" in o]) < len(made.pages)
    assert cut[-1]["status"] == "failed"  # where it is cut: the record, or the archive from there on
    assert f"cut.warc.gz: {cut[-1]['record']}: {cut[-1]['error']}" in done.stderr


def test_folder_mode_writes_one_jsonl_per_archive_and_resumes(archive: tuple[Path, Crawl], tmp_path: Path) -> None:
    folder, made = archive
    tree = tmp_path / "in"
    (tree / "a").mkdir(parents=True)
    (tree / "a" / "crawl.warc.gz").write_bytes((folder / "crawl.warc.gz").read_bytes())
    (tree / "page.html").write_bytes(b"<!doctype html><title>x</title><p>" + b"A short story of the day. " * 20)
    first = run("in", "-o", "out", "--report", "report.jsonl", "--jobs", "2", cwd=tmp_path)
    assert first.returncode == 1  # the broken record
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == [".cleannews-state/learned", "a/crawl.jsonl", "page.txt"]  # nothing half written
    objects = lines((tmp_path / "out" / "a" / "crawl.jsonl").read_text(encoding="utf-8"))
    assert [o["warc_record_id"] for o in objects if "text" in o] == [p.record_id for p in made.pages]
    streamed = run("in/a/crawl.warc.gz", "--format", "jsonl", cwd=tmp_path)
    assert [o["text"] for o in lines(streamed.stdout) if "text" in o] == [o["text"] for o in objects if "text" in o]
    again = run("in", "-o", "out", "--report", "again.jsonl", cwd=tmp_path)
    assert again.returncode == 0 and "2 up to date" in again.stderr
    assert {r["status"] for r in lines((tmp_path / "again.jsonl").read_text(encoding="utf-8"))} == {"up-to-date"}


def test_a_json_lines_dump_carries_its_fields_through(tmp_path: Path) -> None:
    page = ("<!doctype html><html><head><title>Tram line opens</title></head><body><article><h1>Tram line opens"
            "</h1><p>The new tram line between the station and the university opened on Saturday, a year late "
            "and over budget, the city council said.</p></article></body></html>")
    dump = [{"url": "https://city.example/tram", "html": page, "fetched": "2024-05-01", "id": 7},
            {"url": "https://city.example/empty", "html": None, "id": 8},
            "not an object",
            {"html": "Short note\n\nThe library opens an hour later on Sundays from June, the city said.",
             "id": 9}]
    text = "\n".join(json.dumps(line) for line in dump) + "\n{broken\n"
    (tmp_path / "dump.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    done = run("--input-format", "jsonl", "dump.jsonl.gz", "--format", "jsonl", "--report", "report.jsonl",
               cwd=tmp_path)
    assert done.returncode == 1
    objects = lines(done.stdout)
    assert [o.get("id") for o in objects] == [7, None, 9, None]
    tram = objects[0]
    assert tram["fetched"] == "2024-05-01" and tram["url"] == "https://city.example/tram"
    assert str(tram["text"]).startswith("Tram line opens\n\nThe new tram line")
    assert "html" not in tram and tram["metadata"]["url"] == "https://city.example/tram"  # type: ignore[index]
    assert objects[1]["status"] == "failed" and objects[1]["record"] == "line 3"
    assert objects[2]["input_format"] == "text"
    report = lines((tmp_path / "report.jsonl").read_text(encoding="utf-8"))
    assert [(r["record"], r["status"]) for r in report] == [
        ("line 1", "cleaned"), ("line 2", "skipped"), ("line 3", "failed"), ("line 4", "cleaned"),
        ("line 5", "failed")]
    assert "'html' field holds no page" in str(report[1]["reason"])
    by_field = run("--input-format", "jsonl", "--field", "text", "dump.jsonl.gz", "--format", "jsonl", cwd=tmp_path)
    assert "cleannews: 0 cleaned, 0 empty, 2 failed, 3 skipped" in by_field.stderr


def test_an_archive_needs_a_format_of_many_pages_and_field_needs_jsonl(archive: tuple[Path, Crawl]) -> None:
    folder, _ = archive
    done = run("crawl.warc.gz", cwd=folder)
    assert done.returncode == 2 and done.stdout == ""
    assert "crawl.warc.gz: holds many pages; clean them with --format jsonl" in done.stderr
    done = run("--field", "text", "crawl.warc.gz", "--format", "jsonl", cwd=folder)
    assert done.returncode == 2 and "--field: only with --input-format jsonl" in done.stderr


def test_learning_from_archives_drops_a_sites_box_found_across_them(tmp_path: Path) -> None:
    """Eight articles of one site over two archives, six with a box no rule knows: learned as
    the site's (in at least five articles), though neither archive holds five."""
    site_archives(tmp_path, [[1, 2, 3, 4], [5, 6, 7, 8]], boxed={1, 2, 3, 5, 6, 7})
    done = run("site-0.warc.gz", "site-1.warc.gz", "--format", "jsonl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    objects = lines(done.stdout)
    assert len(objects) == 8
    for o in objects:
        assert LAMP_BOX not in str(o["text"])
    dropped = [r for o in objects for r in o["removed"] if r["rule"] == "repeated-across-batch"]  # type: ignore[attr-defined]
    assert [r["text"] for r in dropped] == [LAMP_BOX] * 6


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_an_archive_cut_anywhere_never_gives_a_page_cut_short(compress: bool, tmp_path: Path) -> None:
    """A download that stopped part way: every page read from what is there is whole (the
    record the cut falls in, or the rest of the archive, is failed), and reading never raises."""
    whole = tmp_path / "whole.warc"
    crawl(whole, compress)
    pages = {r.where: r.page for r in records(str(whole)) if r.page}
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    for end in range(97, len(data), len(data) // 41):
        cut.write_bytes(data[:end])
        got = list(records(str(cut)))
        assert all(r.page == pages[r.where] for r in got if r.page), end
        assert len({r.where for r in got if r.page}) < len(pages)


def _member_starts(data: bytes) -> list[int]:
    """Where each gzip member of a gzip-per-record archive starts."""
    starts, at = [], 0
    while at < len(data):
        starts.append(at)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[at:])
        at = len(data) - len(inflater.unused_data)
    return starts


def test_an_archive_cut_between_records_or_ending_in_junk_says_so(tmp_path: Path) -> None:
    """A download that stopped in the first bytes of a record's gzip member, where no record
    header can be read yet, or an archive with bytes after its last record: the reading ends
    in a failed record, never quietly. Cut exactly between two records, it is whole."""
    whole = tmp_path / "whole.warc.gz"
    crawl(whole)
    data = whole.read_bytes()
    starts = _member_starts(data)
    everything = list(records(str(whole)))
    assert len(starts) == len(everything)
    cut = tmp_path / "cut.warc.gz"
    for start in starts[3:6]:
        for end, failed in ((start, False), (start + 1, True), (start + 9, True)):
            cut.write_bytes(data[:end])
            got = list(records(str(cut)))
            assert [r.where for r in got[:-1]] == [r.where for r in everything[:len(got) - 1]]
            assert (got[-1].status == "failed") is failed, (start, end - start)
    cut.write_bytes(data + b"\n\nnot a record\n")
    assert list(records(str(cut)))[-1].status == "failed"


def test_a_folder_of_dumps_skips_what_is_no_dump(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    line = {"url": "https://city.example/a", "text": "Bridge reopens\n\nThe old bridge reopened to traffic on "
                                                      "Monday after a year of repairs, the city said."}
    (tmp_path / "in" / "a.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    (tmp_path / "in" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    done = run("--input-format", "jsonl", "--field", "text", "in", "-o", "out", "--report", "report.jsonl",
               cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = {r["path"]: r for r in lines((tmp_path / "report.jsonl").read_text(encoding="utf-8"))}
    assert report["in/logo.png"]["reason"] == "not a JSON Lines dump: an image"
    [story] = lines((tmp_path / "out" / "a.jsonl").read_text(encoding="utf-8"))
    assert story["url"] == "https://city.example/a" and str(story["text"]).startswith("Bridge reopens\n\n")


def test_records_that_share_an_id_keep_their_own_stories_when_learning(tmp_path: Path) -> None:
    """A crawler that gives two records one WARC-Record-ID: each record is still its own page
    through the learning pass and the cleaning pass (the spool names a record by its place)."""
    from .archives import _Writer, article, article_page

    with open(tmp_path / "twins.warc.gz", "wb") as f:
        w = _Writer(f, compress=True)
        for n in range(1, 8):
            w.n = 0 if n in (2, 3) else n * 10  # records 2 and 3: the same id
            w.write("response", f"https://harbour.example/news/{n}", article_page(n, True),
                    headers=[("Content-Type", "text/html; charset=utf-8")])
    done = run("twins.warc.gz", "-o", "out", "--jobs", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    objects = lines((tmp_path / "out" / "twins.jsonl").read_text(encoding="utf-8"))
    assert [o["title"] for o in objects] == [article(n)[0] for n in range(1, 8)]
    assert objects[1]["warc_record_id"] == objects[2]["warc_record_id"]
    assert not any(LAMP_BOX in str(o["text"]) for o in objects)
