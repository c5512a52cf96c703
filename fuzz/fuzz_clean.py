#!/usr/bin/env python3
"""Coverage-guided fuzzing (atheris, libFuzzer) of clean() and the decoders under it.

    .venv/bin/python fuzz/make_corpus.py                      # seeds, from the fixtures
    .venv/bin/python fuzz/fuzz_clean.py fuzz/corpus/clean -runs=100000
    FUZZ_TARGET=gzip .venv/bin/python fuzz/fuzz_clean.py fuzz/corpus/gzip
    fuzz/run.sh [TARGET] [RUNS]                                # both steps, sensible flags

Targets (FUZZ_TARGET, default clean):

- clean       cleannews.clean(bytes): the whole pipeline, containers and encodings included
- str         cleannews.clean(str) of the bytes read as UTF-8 (a library caller's text)
- decode      sources.decode and sniff_kind: BOMs, UTF-16 without a BOM, declared charsets
- html        the HTML path alone (clean() with input_format="html") on the bytes as text
- gzip        containers.gunzip
- mhtml       containers.unwrap on MIME messages (the fuzzer keeps the MIME header)
- webarchive  containers.unwrap on binary plists

A crash is any exception other than InputError or RuleError, a message of more than one
line, a result whose text is not str, or (libFuzzer's own checks) an input slower than
-timeout seconds or a process past -rss_limit_mb. Crashing inputs are written by libFuzzer as
crash-<sha1>; each one found becomes a regression test in tests/test_fuzz_regressions.py.
"""

from __future__ import annotations

import os
import sys

import atheris

TARGET = os.environ.get("FUZZ_TARGET", "clean")
# The standard library's parsers a container target drives are instrumented too: without their
# coverage every MIME message or plist looks the same to the fuzzer. (Not for the other
# targets, where they would only slow each run.)
LIBRARIES = {"mhtml": ["email"], "webarchive": ["plistlib"]}.get(TARGET, [])  # gunzip is zlib: C

with atheris.instrument_imports(include=["cleannews", *LIBRARIES]):
    import cleannews
    from cleannews import InputError, Options, RuleError
    from cleannews.read.containers import BPLIST_MAGIC, gunzip, is_mhtml, unwrap
    from cleannews.read.sources import decode, sniff_kind

    if TARGET == "mhtml":
        import email.feedparser
        import email.message
        import email.parser
        import email.policy  # noqa: F401
    elif TARGET == "webarchive":
        import plistlib  # noqa: F401

DEFAULT = Options()
HTML = Options(input_format="html")


def _one_line(exc: Exception) -> None:
    message = str(exc)
    if not message or "\n" in message:
        raise AssertionError(f"{type(exc).__name__} message is not one line: {message!r}")


def _clean(data: bytes | str, options: Options = DEFAULT) -> None:
    try:
        result = cleannews.clean(data, options)
    except (InputError, RuleError) as exc:
        _one_line(exc)
        return
    if not isinstance(result.text, str):
        raise AssertionError("result text is not a str")


def target_clean(data: bytes) -> None:
    _clean(data)


def target_str(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    _clean(text)
    if data[:1] == b"\x00":  # what no decoded bytes hold: C0 controls and lone surrogates, from a caller's str
        _clean(text.replace("\ufffd", "\ud800").replace("!", "\x00"))


def target_decode(data: bytes) -> None:
    try:
        text, name = decode(data)
    except InputError as exc:
        _one_line(exc)
        return
    sniff_kind(text)
    if not name:
        raise AssertionError("no encoding name")


def target_html(data: bytes) -> None:
    _clean(data.decode("utf-8", "replace"), HTML)


def target_gzip(data: bytes) -> None:
    try:
        gunzip(data, limit=1 << 20)
    except InputError as exc:
        _one_line(exc)


_MIME_HEAD = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"


def _unwrap(data: bytes) -> None:
    try:
        unwrap(data)
    except InputError as exc:
        _one_line(exc)


def target_mhtml(data: bytes) -> None:
    _unwrap(data if is_mhtml(data) else _MIME_HEAD + data)


def target_webarchive(data: bytes) -> None:
    _unwrap(data if data.startswith(BPLIST_MAGIC) else BPLIST_MAGIC + data)


TARGETS = {
    "clean": target_clean,
    "str": target_str,
    "decode": target_decode,
    "html": target_html,
    "gzip": target_gzip,
    "mhtml": target_mhtml,
    "webarchive": target_webarchive,
}


def main() -> None:
    if TARGET not in TARGETS:
        sys.exit(f"fuzz_clean.py: FUZZ_TARGET must be one of {', '.join(TARGETS)}, not {TARGET!r}")
    atheris.Setup(sys.argv, TARGETS[TARGET])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
