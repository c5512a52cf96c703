"""No network, ever: a page full of references to a server that is listening, and no connection.

A socket on localhost listens for the whole test; the page (as HTML, as XHTML with an XML
declaration and DTD, inside MHTML and a webarchive, and through the command line) points every
kind of reference at it: the XHTML DTD, SYSTEM and PUBLIC external entities and parameter
entities, XInclude, stylesheets (<link>, @import, <?xml-stylesheet?>), scripts, images,
frames, <base>, a meta refresh and plain links. Afterwards the socket must have seen nothing.
An external entity naming a local file must not bring the file's content into the output.
"""

from __future__ import annotations

import gzip
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleannews
from cleannews import InputError, Options

from .sandbox import cleannews_argv, run_limited
from .test_sources import HEADLINE, STORY, html_part, mhtml, webarchive

SECRET = "K7-SECRET-FILE-CONTENT-9Q"


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    yield server
    server.close()


def connections(server: socket.socket) -> int:
    """How many connections are waiting to be accepted (each would be a fetch)."""
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def hostile_page(port: int, secret_file: Path) -> str:
    url = f"http://127.0.0.1:{port}"
    story = "\n".join(f"<p>{p} <a href='{url}/more'>more</a></p>" for p in STORY)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<?xml-stylesheet type="text/xsl" href="{url}/style.xsl"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{url}/xhtml1-strict.dtd" [
  <!ENTITY ext SYSTEM "{url}/entity.txt">
  <!ENTITY pub PUBLIC "-//Example//Entity//EN" "{url}/public.txt">
  <!ENTITY local SYSTEM "file://{secret_file}">
  <!ENTITY % param SYSTEM "{url}/param.dtd">
  %param;
]>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xi="http://www.w3.org/2001/XInclude"
      xmlns:svg="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<head>
  <base href="{url}/"/>
  <meta http-equiv="refresh" content="0; url={url}/refresh"/>
  <title>{HEADLINE}</title>
  <link rel="stylesheet" href="{url}/site.css"/>
  <link rel="preload" href="{url}/font.woff2"/>
  <style>@import url("{url}/import.css"); body {{ background: url({url}/bg.png); }}</style>
  <script src="{url}/app.js"></script>
</head>
<body>
  <article>
    <h1>{HEADLINE}</h1>
    <img src="{url}/photo.jpg" srcset="{url}/photo-2x.jpg 2x" alt="photo"/>
    <picture><source srcset="{url}/photo.webp"/></picture>
    <svg:svg><svg:image xlink:href="{url}/drawing.png"/></svg:svg>
    <xi:include href="{url}/include.xml" parse="xml"/>
    <iframe src="{url}/frame.html"></iframe>
    <object data="{url}/object.swf"></object>
    <video src="{url}/clip.mp4" poster="{url}/poster.jpg"></video>
    <p>&ext; &pub; &local;</p>
    {story}
  </article>
</body>
</html>
"""


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


AUTO = Options()


def check_clean(data: bytes | str, options: Options = AUTO) -> str:
    try:
        result = cleannews.clean(data, options)
    except InputError:
        return ""
    assert SECRET not in result.text
    assert SECRET not in repr(result.metadata) and all(SECRET not in r.text for r in result.removed)
    return result.text


def test_no_connection_from_any_form_of_the_page(listener: socket.socket, secret_file: Path) -> None:
    port = listener.getsockname()[1]
    page = hostile_page(port, secret_file)
    raw = page.encode("utf-8")
    text = check_clean(raw)
    assert STORY[0] in text  # the page was read, not refused
    check_clean(page)
    check_clean(page, Options(input_format="html"))
    check_clean(page.replace('<?xml version="1.0" encoding="utf-8"?>\n', ""))  # DOCTYPE first
    check_clean(gzip.compress(raw))
    check_clean(mhtml(html_part(raw), ("text/css", b"@import url(http://127.0.0.1:%d/x.css);" % port, {})))
    check_clean(webarchive(raw))
    check_clean(webarchive(raw, mime="application/xhtml+xml"))
    assert connections(listener) == 0


def test_no_connection_through_the_cli(listener: socket.socket, secret_file: Path, tmp_path: Path) -> None:
    port = listener.getsockname()[1]
    (tmp_path / "page.xhtml").write_text(hostile_page(port, secret_file), encoding="utf-8")
    for args in (["page.xhtml"], ["--format", "json", "page.xhtml"], ["--explain", "page.xhtml"],
                 ["--format", "markdown", "--links", "page.xhtml"]):
        got = run_limited(cleannews_argv(*args), cwd=tmp_path, timeout=30,
                          env={"CLEANNEWS_CONFIG_DIR": str(tmp_path)})
        assert got.returncode == 0, got.stderr
        assert SECRET.encode() not in got.stdout
    assert connections(listener) == 0


def test_the_listener_would_see_a_connection(listener: socket.socket) -> None:
    """The check above means something: a real connection is counted."""
    port = listener.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    assert connections(listener) == 1
