"""Web archives and JSON Lines dumps as inputs of the command line: archives made by the tests
(tests/archives.py) from the golden fixtures, cleaned by real `cleannews` processes; the
reading itself (records, encodings) in-process."""

from __future__ import annotations

import contextlib
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


# --- an archive read by the workers, a part each (archives.Part) --------------------------------


def _clean_in_process(monkeypatch: pytest.MonkeyPatch, archive: Path, part: int | None,
                      *args: str) -> tuple[bytes, list[dict[str, object]]]:
    """`cleannews ARCHIVE --format jsonl --no-learn --jobs 2` in this process (its workers are
    forked from it: they see what a test patched), the archive read by the workers in parts of
    `part` bytes, or (None) by the parent whole. Its output, and its report without the times."""
    from cleannews.cli import command
    from cleannews.folder import batch
    from cleannews.read import archives

    out, report = archive.with_suffix(f".{part}.jsonl"), archive.with_suffix(f".{part}.report")
    with monkeypatch.context() as patch:
        patch.setattr(batch, "_cpus", lambda: 2)  # as on 2 CPUs: the parent has none to itself
        if part is None:
            patch.setattr(batch, "parts", lambda path: None)
        else:
            patch.setattr(archives, "PART", part)
        with contextlib.suppress(SystemExit):
            command.main([str(archive), "--format", "jsonl", "--no-learn", "--jobs", "2", "-o", str(out),
                          "--report", str(report), *args], prog_name="cleannews", standalone_mode=False)
    reported = [{k: v for k, v in r.items() if k != "time"} for r in lines(report.read_text(encoding="utf-8"))]
    return out.read_bytes(), reported


def _plain_record(record_id: str, block: bytes) -> bytes:
    """A WARC record as it is stored in a plain archive."""
    return (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: %s\r\nContent-Type: text/html\r\n"
            b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (record_id.encode(), len(block), block))


def _archived_archive(path: Path, compress: bool) -> None:
    """crawl(), then a record whose block holds another archive's records as they are stored:
    a page quoting a plain WARC record, and (in a gzip archive) a resource of random bytes around
    a gzip member of a WARC record, which deflate stores as they are. Both look like a record's
    start to a part that begins inside them."""
    crawl(path, compress)
    import random

    noise = random.Random(12).randbytes
    quoted = _plain_record("<urn:uuid:inner-plain>", b"<html><body><p>Not this.</p></body></html>")
    page = b"<html><body><h1>How a crawl is stored</h1><pre>\n" + quoted * 3 + b"</pre></body></html>"
    extra = tmp = path.with_suffix(".extra")
    with open(tmp, "wb") as f:
        from .archives import _Writer

        w = _Writer(f, compress)
        w.n = 500
        w.write("response", "https://news.example/how-crawls-are-stored", page,
                headers=[("Content-Type", "text/html; charset=utf-8")])
        if compress:
            member = gzip.compress(_plain_record("<urn:uuid:inner-gzip>", b"<p>Nor this.</p>"), mtime=0)
            w.write("resource", "https://news.example/old.warc.gz", noise(20000) + member + noise(20000),
                    extra={"Content-Type": "application/warc"})
        w.write("response", "https://news.example/after", b"<html><body><h1>After</h1><p>The last page of the "
                b"crawl, after the archived archive, with a sentence or two of its own.</p></body></html>",
                headers=[("Content-Type", "text/html; charset=utf-8")])
    path.write_bytes(path.read_bytes() + extra.read_bytes())
    if compress:  # the inner member is there as it is, beside the archive's own
        assert path.read_bytes().count(b"\x1f\x8b\x08") > len(_member_starts(path.read_bytes()))


@pytest.mark.parametrize("compress", [True, False], ids=["warc.gz", "warc"])
def test_parts_read_by_the_workers_give_what_the_archive_read_whole_gives(
        compress: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Byte for byte, the output and the report: parts small enough that most start inside a
    record, many hold no record's start, and some start inside a record that holds what looks
    like one; the archive whole, cut inside a record, and with junk after its last record."""
    from cleannews.read.archives import parts

    whole = tmp_path / ("whole.warc.gz" if compress else "whole.warc")
    _archived_archive(whole, compress)
    data = whole.read_bytes()
    cut, junk = tmp_path / f"cut{whole.suffix}", tmp_path / f"junk{whole.suffix}"
    cut.write_bytes(data[: len(data) * 2 // 3])
    junk.write_bytes(data + b"\r\n\r\nnot a record\r\n")
    for archive in (whole, cut, junk):
        assert parts(str(archive)) is not None
        by_parent = _clean_in_process(monkeypatch, archive, None)
        assert len(by_parent[1]) >= 10
        for size in (499, 1500, 1 << 17):
            assert _clean_in_process(monkeypatch, archive, size) == by_parent, (archive.name, size)
    stories = lines(_clean_in_process(monkeypatch, whole, 499)[0].decode())
    assert not any("Not this" in str(o.get("text")) or "Nor this" in str(o.get("text")) for o in stories[:-2])
    assert stories[-1]["url"] == "https://news.example/after"


def test_archives_of_many_records_to_a_gzip_member_are_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A gzip member of many records has no place inside it to start at: an archive whose first
    member holds several is read by the parent as before; one whose later members do (FastWARC
    places their records where none starts) is read from there as one part."""
    from cleannews.read.archives import parts

    plain = tmp_path / "plain.warc"
    crawl(plain, compress=False)
    data = plain.read_bytes()
    starts = [at for at in range(len(data)) if data.startswith(b"WARC/1.0\r\n", at)]
    one = tmp_path / "one-member.warc.gz"
    one.write_bytes(gzip.compress(data, mtime=0))
    mixed = tmp_path / "mixed.warc.gz"
    mixed.write_bytes(gzip.compress(data[:starts[1]], mtime=0) + gzip.compress(data[starts[1]:starts[9]], mtime=0)
                      + gzip.compress(data[starts[9]:], mtime=0))
    assert parts(str(one)) is None and parts(str(mixed)) is not None
    for archive in (one, mixed):
        by_parent = _clean_in_process(monkeypatch, archive, None)
        assert len(by_parent[1]) == 20
        assert _clean_in_process(monkeypatch, archive, 700) == by_parent


def test_a_worker_that_dies_or_hangs_inside_a_part_fails_that_record_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker notes which record of its part it is on: the one that killed it or ran out of
    time fails, alone, as it does when the parent reads the archive; the part is read again
    without it, its other records cleaned."""
    import signal
    import time

    from cleannews.folder import batch

    archive = tmp_path / "crawl.warc.gz"
    made = crawl(archive)
    kill, hang = made.pages[1].record_id, made.pages[4].record_id
    real = batch.clean_record

    def clean_record(record: object, options: object) -> object:
        where = getattr(record, "where", None)
        if where == kill:
            os.kill(os.getpid(), signal.SIGKILL)
        if where == hang:
            time.sleep(TIMEOUT)
        return real(record, options)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "clean_record", clean_record)
    by_parent = _clean_in_process(monkeypatch, archive, None, "--timeout", "3")
    assert _clean_in_process(monkeypatch, archive, 1 << 17, "--timeout", "3") == by_parent  # one part
    failed = {r["record"]: r["reason"] for r in by_parent[1] if r["status"] == "failed"}
    assert failed == {made.failed[0]: failed[made.failed[0]], kill: "the worker cleaning it died (SIGKILL)",
                      hang: "took longer than 3 s (--timeout); its worker was stopped"}


def test_a_worker_that_dies_reading_a_record_ends_the_archive_there(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading, not cleaning, killed it, and did again without the cleaning: the archive is
    broken there for cleannews, as one that cannot be read past a point is."""
    import signal

    from cleannews.read import archives

    archive = tmp_path / "crawl.warc.gz"
    made = crawl(archive)
    stories, report = _clean_in_process(monkeypatch, archive, 1 << 17)
    real = archives._fastwarc_seen

    def seen(record: object, n: int) -> object:
        if n == 6:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(record, n)

    monkeypatch.setattr(archives, "_fastwarc_seen", seen)
    cut_stories, cut_report = _clean_in_process(monkeypatch, archive, 1 << 17)
    assert cut_report[:5] == report[:5] and len(cut_report) == 6
    assert cut_report[5]["record"] == "record 6" and cut_report[5]["status"] == "failed"
    assert cut_report[5]["reason"] == ("the archive is broken here, the rest of it cannot be read: "
                                       "the worker cleaning it died (SIGKILL)")
    assert cut_stories.startswith(stories[:stories.index(made.pages[2].record_id.encode())].rsplit(b"\n", 1)[0])
