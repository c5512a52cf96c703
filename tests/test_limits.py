"""Hostile and broken input through the real command line, under a memory limit and a timeout.

Each case is built in memory in well under a second, written to a file, and cleaned by
``python -m cleannews FILE`` with its address space limited (tests/sandbox.py). Each must end
with output (exit 0) or one line on stderr naming the file (exit 1) within its time and memory:
no traceback, no MemoryError, no hang.

    .venv/bin/python -m tests.test_limits      # the measurements, as a table (SECURITY.md has them)
"""

from __future__ import annotations

import gzip
import json
import plistlib
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

import cleannews
from cleannews import InputError, limits
from cleannews.read import sources

from .sandbox import GiB, Outcome, cleannews_argv, run_limited
from .test_sources import PAGE, article_page, article_text, gzip_bomb, html_part, mhtml

MB = 1 << 20
SENTENCES = [
    "The regional council said on Tuesday that permanent repairs to the ferry landing would cost about "
    "2.3 million euros and should be finished before the summer timetable starts in May.",
    "Harbour master Ines Varga said crews had worked through the weekend to anchor a temporary pontoon "
    "while the damaged stage is rebuilt, and that the first crossing carried 46 passengers.",
    "Residents of Kessel Island had depended on a single fishing boat for supplies for eleven days after "
    "the storm tore the landing stage from its moorings.",
]


def big_page(size: int = 50 * MB) -> bytes:
    """A long article of distinct paragraphs (about 450 characters each, as news paragraphs are)."""
    head = b"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>A Very Long Story</title></head>" \
           b"<body><article><h1>A Very Long Story</h1>\n"
    tail = b"</article></body></html>\n"
    body = " ".join(SENTENCES)
    count = size // len(body) + 1
    paragraphs = "".join(f"<p>{body} ({n})</p>\n" for n in range(count)).encode()
    room = max(size - len(head) - len(tail), 1000)
    return head + paragraphs[: paragraphs.rindex(b"\n", 0, room) + 1].ljust(room) + tail  # exactly `size`


NESTED = "This last paragraph of the story stands inside every one of the nested elements."


def deep_page(depth: int = 100_000, after: str = "") -> bytes:
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    return (f"<!DOCTYPE html><html><head><title>Nested</title></head><body>{story}{after}"
            + "<div>" * depth + f"<p>{NESTED}</p>" + "</div>" * depth + "</body></html>").encode()


def long_line(size: int = 20 * MB) -> bytes:
    line = " ".join(SENTENCES) + " "
    return ("A Story On One Line\n\n" + line * (size // len(line))).encode()


def hard_wrapped(lines: int = 100_000) -> bytes:
    """One paragraph filled to 72 columns: every line is joined to the one before (this was
    quadratic, 10 s at 100,000 lines)."""
    text = textwrap.fill(" ".join(SENTENCES) * (lines * 72 // len(" ".join(SENTENCES)) + 1), 72)
    return ("A Wrapped Story\n\n" + "\n".join(text.split("\n")[:lines]) + "\n").encode()


def billion_laughs() -> bytes:
    """XHTML whose DOCTYPE defines ten levels of entities, each ten of the one below: 10^9 "lol"s."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f"<!DOCTYPE html [{entities}]>\n"
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Laughs</title></head><body>'
            f"<h1>Laughs</h1><p>&lol9;</p>{''.join(f'<p>{s}</p>' for s in SENTENCES)}</body></html>").encode()


def nul_bytes() -> bytes:
    return PAGE.replace(b"<p>", b"<p>\x00", 2)


def truncated_multibyte() -> bytes:
    """Russian in UTF-8, every tenth character cut to its first byte, and the file cut mid-character."""
    data = article_page("ru").encode("utf-8")
    out = bytearray()
    for n, char in enumerate(data.decode("utf-8")):
        raw = char.encode("utf-8")
        out += raw[:1] if n % 10 == 0 and len(raw) > 1 else raw
    return bytes(out) + "ё".encode()[:1]


def broken_mhtml() -> bytes:
    """Parts with a missing closing boundary, a bad base64 body, a wrong charset and garbage headers."""
    data = mhtml(("text/css", b"body{}", {}), html_part(cte="base64", charset="no-such-charset"),
                 ("image/png", b"\x89PNG\r\n", {"cte": "base64"}))
    data = data.replace(b"Content-Type: image/png", b"Content-Type: image/png\r\n\x00\xff: \xfe\xfe")
    return data[: data.rindex(b"------MultipartBoundary")] + b"=?=\r\n--"


class Case(NamedTuple):
    name: str  # the file name: cleannews does not go by it, a user would
    build: Callable[[], bytes]
    outcome: str  # "output", "error", or "either"
    seconds: float  # the bound on the CPU time the case may take (it is killed after three times as long, wall time)
    peak_mb: float  # the bound on peak memory
    expect: str = ""  # text the output or the error must contain


CASES = [
    Case("page-50mb.html", big_page, "output", 120, 1024, "A Very Long Story"),
    Case("deep-100000.html", deep_page, "output", 10, 300, "Harbour master Ines Varga"),
    Case("line-20mb.txt", long_line, "output", 60, 1024, "A Story On One Line"),
    Case("wrapped.txt", hard_wrapped, "output", 10, 600, "A Wrapped Story"),
    Case("billion-laughs.xhtml", billion_laughs, "output", 10, 300, "Residents of Kessel Island"),
    Case("utf16-no-bom.html", lambda: article_page("ru").encode("utf-16-le"), "output", 20, 300,
         article_text("ru").split("\n")[0]),
    Case("nul-bytes.html", nul_bytes, "error", 10, 300, "binary"),
    Case("truncated-utf8.html", truncated_multibyte, "output", 20, 300, "\ufffd"),  # read as UTF-8 still
    Case("bomb.html", lambda: gzip_bomb(2), "error", 30, 700, f"more than {limits.MAX_UNPACKED // MB} MB"),
    Case("broken.mhtml", broken_mhtml, "either", 10, 300),
    Case("not-a-plist.webarchive", lambda: b"bplist00" + bytes(range(256)) * 40, "error", 10, 300,
         "not a valid binary property list"),
    Case("text-not-a-plist.webarchive", lambda: b"Just some text saved with the wrong name.\n" * 3, "either", 10,
         300),
    Case("too-many-elements.html", lambda: b"<html><body>" + b"<b>x</b>" * (limits.MAX_ELEMENTS + 1), "error",
         10, 300, "HTML elements"),
    Case("lines-at-the-limit.txt", lambda: b"Headline\n\n" + b"line\n" * (limits.MAX_LINES - 10), "output", 60,
         800, "Headline"),
    Case("too-many-lines.txt", lambda: b"Headline\n\n" + b"line\n" * (limits.MAX_LINES + 1), "error", 10, 300,
         "lines of text"),
    Case("too-large.html", lambda: b"<html><body><p>" + b"x " * (limits.MAX_HTML // 2 + 1), "error", 20, 600,
         "65 MB of HTML, more than the 64 MB limit"),
]


def run_case(case: Case, folder: Path) -> Outcome:
    path = folder / case.name
    path.write_bytes(case.build())
    try:
        return run_limited(cleannews_argv(case.name), memory=GiB + GiB // 2, timeout=case.seconds * 3, cwd=folder)
    finally:
        path.unlink()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input_gives_output_or_one_line(case: Case, tmp_path: Path) -> None:
    got = run_case(case, tmp_path)
    if got.returncode == 0:
        assert case.outcome in ("output", "either"), got.stdout[:300]
        assert got.stdout.strip()
        # Nothing on stderr but a warning that the page was read only in part.
        assert all(line.startswith(f"cleannews: {case.name}: warning: ") for line in got.stderr.decode().splitlines())
        assert case.expect.encode() in got.stdout[:10_000], got.stdout[:300]
    else:
        assert got.returncode == 1, (got.returncode, got.stderr[-2000:])
        line = got.error_line()
        assert case.outcome in ("error", "either"), line
        assert line.startswith(f"cleannews: {case.name}: ")
        assert case.expect in line
    assert got.cpu_seconds <= case.seconds, f"{case.name}: {got.cpu_seconds:.1f} s of CPU"
    assert got.peak_mb <= case.peak_mb, f"{case.name}: {got.peak_mb:.0f} MB"


def test_entities_of_an_internal_doctype_are_never_expanded() -> None:
    result = cleannews.clean(billion_laughs())
    assert "lollol" not in result.text
    assert "]>" not in result.text  # the subset is not text either
    assert "&lol9;" in result.text  # an entity nobody defined is shown as it is, as a browser does
    assert result.text.startswith("Laughs\n\n&lol9;\n\n")  # the page's text, and only that, in its order


CUT_SHORT = "only part of the page was read: the HTML parser stops at "
TOO_DEEP = CUT_SHORT + f"elements nested more than {limits.PARSER_MAX_DEPTH} deep"


def test_the_deep_page_keeps_what_came_before_the_depth_limit() -> None:
    result = cleannews.clean(deep_page())
    assert SENTENCES[-1] in result.text and NESTED not in result.text  # past the parser's limit
    assert result.warnings == (TOO_DEEP,)
    whole = cleannews.clean(deep_page(depth=limits.PARSER_MAX_DEPTH - 10))
    assert (NESTED in whole.text, whole.warnings) == (True, ())


def test_a_text_node_past_the_parser_limit_is_a_warning() -> None:
    result = cleannews.clean(deep_page(depth=1, after=f"<pre>{'y' * 2 * limits.PARSER_MAX_TEXT}</pre>"))
    assert result.warnings == (CUT_SHORT + f"a text of more than {limits.PARSER_MAX_TEXT:,} bytes",)
    assert SENTENCES[-1] in result.text and NESTED not in result.text


def test_a_page_cut_short_is_cleaned_with_a_warning_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "deep.html").write_bytes(deep_page(depth=1000))
    one = subprocess.run(cleannews_argv("in/deep.html"), cwd=tmp_path, capture_output=True, timeout=60)
    assert (one.returncode, one.stderr.decode()) == (0, f"cleannews: in/deep.html: warning: {TOO_DEEP}\n")
    assert SENTENCES[-1] in one.stdout.decode()
    as_json = subprocess.run(cleannews_argv("--format", "json", "in/deep.html"), cwd=tmp_path, capture_output=True,
                             timeout=60)
    assert json.loads(as_json.stdout)["warnings"] == [TOO_DEEP]
    folder = subprocess.run(cleannews_argv("in", "-o", "out", "--report", "r.jsonl"), cwd=tmp_path,
                            capture_output=True, timeout=60)
    assert folder.returncode == 0
    assert f"cleannews: in/deep.html: warning: {TOO_DEEP}\n" in folder.stderr.decode()
    (line,) = (json.loads(x) for x in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines())
    assert (line["status"], line["reason"]) == ("cleaned", TOO_DEEP)
    assert SENTENCES[-1] in next((tmp_path / "out").iterdir()).read_text(encoding="utf-8")


# --- the limits themselves, at their edges ---------------------------------------------------


def test_limits_are_what_security_md_says() -> None:
    security = (Path(__file__).resolve().parent.parent / "SECURITY.md").read_text(encoding="utf-8")
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    readme = readme[readme.index("## Limits"):]
    for value in (limits.MAX_INPUT, limits.MAX_UNPACKED, limits.MAX_MIME, limits.MAX_HTML, limits.MAX_TEXT):
        assert f"{value // MB} MB" in security and f"{value // MB} MB" in readme
    for count in (limits.MAX_ELEMENTS, limits.MAX_LINES, limits.MAX_GZIP_LAYERS, limits.PARSER_MAX_DEPTH,
                  limits.MAX_MIME_PARTS):
        assert f"{count:,}" in security and f"{count:,}" in readme


@pytest.mark.parametrize("as_str", [False, True])
def test_input_over_max_input_is_refused_before_any_work(as_str: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_INPUT", 1000)
    data = b"<p>" + b"x" * 1000
    with pytest.raises(InputError, match="limit"):
        cleannews.clean(data.decode() if as_str else data)


def test_a_page_at_the_element_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_ELEMENTS", 50)
    story = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = f"<html><head><title>T</title></head><body><h1>T</h1>{story * 10}</body></html>"  # 36 elements
    assert page.count("<") - page.count("</") <= 50 < page.count("<")  # closing tags do not count
    cleannews.clean(page)
    with pytest.raises(InputError, match="more than 50 HTML elements"):
        cleannews.clean(page.replace("</body>", "<br>" * 40 + "</body>"))


def test_text_at_the_line_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_LINES", 20)
    text = "Headline\n\n" + "\n\n".join(SENTENCES * 3)  # 19 newlines
    assert cleannews.clean(text).text
    with pytest.raises(InputError, match="more than 20 lines"):
        cleannews.clean(text + "\n\nOne more.\n")
    with pytest.raises(InputError, match="more than 20 lines"):
        cleannews.clean(text.replace("\n", "\r") + "\r\rOne more.\r")  # old Mac line ends count too


def test_mime_message_over_its_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleannews.read import containers

    data = mhtml(html_part(), *[("text/css", b"p {}", {})] * 9)  # ten parts
    cleannews.clean(data)
    monkeypatch.setattr(containers, "MAX_MIME_PARTS", 9)
    with pytest.raises(InputError, match="more than 9 parts"):
        cleannews.clean(data)
    monkeypatch.setattr(containers, "MAX_MIME", 1000)
    with pytest.raises(InputError, match="MIME message, more than"):
        cleannews.clean(data)


def test_a_mime_message_of_many_tiny_parts_is_refused_fast() -> None:
    import time

    part = b"--b\r\nContent-Type: text/css\r\n\r\nx\r\n"
    data = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
            + part * (limits.MAX_MIME_PARTS + 1) + b"--b--\r\n")
    started = time.monotonic()
    with pytest.raises(InputError, match="parts"):
        cleannews.clean(data)
    assert time.monotonic() - started < 1


def test_gzip_layers_share_no_loophole() -> None:
    """Each layer is held to the limit: a bomb inside a small gzip is caught at the inner layer."""
    with pytest.raises(InputError, match=f"more than {limits.MAX_UNPACKED // MB} MB"):
        cleannews.clean(gzip.compress(gzip_bomb(1) * 1 + gzip_bomb(1)))


def test_webarchive_that_is_xml_not_binary() -> None:
    """An XML plist is no webarchive Safari writes; it is read as what it looks like: markup."""
    data = plistlib.dumps({"WebMainResource": {"WebResourceData": PAGE}})
    try:
        cleannews.clean(data)
    except InputError as exc:
        assert "\n" not in str(exc)


def main() -> None:
    """Print what each case costs: `python -m tests.test_limits`."""
    import tempfile

    print(f"{'case':<30} {'exit':>4} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            got = run_case(case, Path(folder))
            said = got.stderr.decode(errors="replace").strip()[:70] or f"{len(got.stdout):,} bytes of output"
            print(f"{case.name:<30} {got.returncode:>4} {got.cpu_seconds:>8.2f} {got.peak_mb:>8.0f}  {said}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()


def test_a_file_larger_than_memory_is_refused_in_one_line(tmp_path: Path) -> None:
    with open(tmp_path / "huge.html", "wb") as f:  # sparse: 3 GB on paper, nothing on disk
        f.write(b"<html><body><p>A page that goes on for ever.</p>")
        f.truncate(3 << 30)
    got = run_limited(cleannews_argv("huge.html"), memory=GiB + GiB // 2, timeout=60, cwd=tmp_path)
    assert got.returncode == 1
    assert "limit" in got.error_line()


# --- small inputs that a backtracking regular expression would take minutes over -------------

BACKTRACKING = {
    # "\s*(?:<!--.*?-->\s*)*<html": 2^k ways over k comments when no markup follows
    "comments-then-no-markup": "<!---->" * 3000 + "[x",
    "comments-then-no-markup-as-html": "<!---->" * 3000 + "<!DOCTYPE html [x",
    # "<meta[^>]+?charset": every "<meta" scanned to the end when no ">" follows
    "meta-without-end": b"\xe9\xe9\xe9 " + b"<meta" * 13000,
    # 'charset\s*=\s*["\']?\s*': k+1 ways to share k spaces between the two \s*
    "charset-then-spaces": b"\xe9\xe9\xe9 <meta charset=" + b" " * 65000,
    # "<a\b[^>]*>": every "<a" scanned to the end when no ">" follows
    "tags-without-end": b"<a" * 32000,
    "doctype-subset-unclosed": "<!DOCTYPE html [" + "]" * 30000 + " " * 30000,
}


@pytest.mark.parametrize("name", list(BACKTRACKING))
def test_no_backtracking_blowup_in_sniffing_and_decoding(name: str) -> None:
    import contextlib
    import time

    data = BACKTRACKING[name]
    options = cleannews.Options(input_format="html") if name.endswith("as-html") else cleannews.Options()
    started = time.monotonic()
    with contextlib.suppress(InputError):
        cleannews.clean(data, options)
    assert time.monotonic() - started < 2.0  # each took from 5 s to minutes before
