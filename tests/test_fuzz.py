"""What fuzzing found stays fixed, and a fuzz smoke runs with every test run.

- Every file in fuzz/regressions/ (an input a fuzz target once crashed on, named after what was
  wrong) goes through every target of fuzz/fuzz_clean.py's kind: clean() on the bytes, on the
  bytes read as text, and as HTML. Only InputError and RuleError may come out, in one line.
- A hypothesis byte fuzz of the decoders and containers: runs everywhere, atheris or not.
- A short atheris run (a few thousand inputs) of each target, when atheris is installed
  (`pip install -e '.[fuzz]'`); skipped, saying so, when it is not.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleannews
from cleannews import InputError, Options, RuleError
from cleannews.read.containers import gunzip, unwrap
from cleannews.read.sources import decode, read_document

from .conftest import ROOT
from .test_sources import PAGE, html_part, mhtml, webarchive

FUZZ = ROOT / "fuzz"
DEFAULT = Options()
REGRESSIONS = sorted((FUZZ / "regressions").iterdir())


def clean_or_input_error(data: bytes | str, options: Options = DEFAULT) -> None:
    try:
        result = cleannews.clean(data, options)
    except (InputError, RuleError) as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    result.text.encode("utf-8")  # what every output does with it


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_fuzz_regression(path: Path) -> None:
    data = path.read_bytes()
    clean_or_input_error(data)
    clean_or_input_error(data.decode("utf-8", "replace"))
    clean_or_input_error(data.decode("utf-8", "replace"), Options(input_format="html"))
    clean_or_input_error(data.decode("latin-1"), Options(input_format="html"))


def test_str_with_control_characters_and_surrogates() -> None:
    """A library caller's str may hold what no decoded bytes do: NUL, C0 controls, lone surrogates."""
    for markup in ("<html><body><p>a\x02b</p><nav>x</nav>tail\x00 more</body></html>",
                   "<html><body><p>a\ud800b</p>\udfff</body></html>", "text \ud800 here\n\nmore\x0c text"):
        for options in (Options(), Options(input_format="html"), Options(input_format="text")):
            clean_or_input_error(markup, options)


def test_bytes_with_a_few_control_bytes_in_html() -> None:
    """Few enough not to be binary, each one enough (before) to fail the page in lxml."""
    result = cleannews.clean(PAGE.replace(b"<p>", b"<p>\x02\x1e", 1))
    assert "Ferries between Port Alden" in result.text


def test_json_ld_with_an_escaped_lone_surrogate() -> None:
    body = "Story words here. " * 200
    page = ('<html><head><title>T</title><script type="application/ld+json">{"@type":"NewsArticle",'
            f'"headline":"Head \\ud800 line","articleBody":"{body} \\ud800 end"}}</script></head>'
            "<body><article><h1>Head line</h1><p>Short.</p></article></body></html>")
    clean_or_input_error(page.encode())


# --- a byte fuzz with hypothesis: the decoders, whatever is installed --------------------------

SEEDS = [PAGE, gzip.compress(PAGE, mtime=0), mhtml(html_part()), webarchive(), PAGE.decode().encode("utf-16-le")]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """A seed with bytes flipped, cut, inserted or repeated; or plain random bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=2000))
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif action == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 32))] * draw(st.integers(2, 8))
    return bytes(data)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(damaged())
def test_decoders_and_containers_never_raise_anything_else(data: bytes) -> None:
    for step in (decode, read_document, unwrap, lambda d: gunzip(d, limit=1 << 20)):
        try:
            step(data)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
    clean_or_input_error(data)


# --- atheris, when it is there ---------------------------------------------------------------

TARGETS = ["clean", "str", "decode", "html", "gzip", "mhtml", "webarchive"]


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                    reason="atheris is not installed (pip install -e '.[fuzz]'): the coverage-guided smoke "
                           "is skipped; the hypothesis byte fuzz above still runs")
@pytest.mark.parametrize("target", TARGETS)
def test_atheris_smoke(target: str, tmp_path: Path) -> None:
    runs = int(os.environ.get("CLEANNEWS_FUZZ_RUNS", "2000" if target in ("clean", "str", "html") else "5000"))
    seeds = tmp_path / "seeds"
    subprocess.run([sys.executable, str(FUZZ / "make_corpus.py"), "--out", str(seeds)], check=True,
                   capture_output=True, timeout=60)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    proc = subprocess.run(
        [sys.executable, str(FUZZ / "fuzz_clean.py"), str(corpus), str(seeds / target), f"-runs={runs}",
         "-max_len=8192", "-timeout=10", "-rss_limit_mb=2048", "-seed=1"],
        env={**os.environ, "FUZZ_TARGET": target}, cwd=tmp_path, capture_output=True, timeout=600)
    log = proc.stderr.decode(errors="replace")
    assert proc.returncode == 0, log[-4000:]
    assert f"Done {runs} runs" in log, log[-2000:]
