"""read/readable.py redoes readability-lxml's costly passes in linear time: it must pick what
readability picks. Both run on the same trees, generated (hypothesis) and real (ScrapingHub's
pages, pruned as html.py prunes them); the picks, before and after readability's sanitize step,
must serialise to the same markup.

The reference is readability's own Document from a fresh copy of its module (readable.py
gives the loaded one a faster clean()), with the two changes readable.py makes by design: it
reads a tree it is given rather than markup, and it leaves out remove_unlikely_candidates()
(pruning has done that work, by the selector rules).
"""

from __future__ import annotations

import copy
import functools
import gzip
import importlib.util
from typing import Any

import lxml.html
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from cleannews.read import html, markup, readable
from cleannews.rules import always_languages, load_rules

from .conftest import shared_path
from .test_properties import PROFILE


@functools.cache
def _reference() -> type:
    spec = importlib.util.find_spec("readability.readability")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    class Reference(module.Document):  # type: ignore[misc, name-defined]
        def __init__(self, root: Any) -> None:
            super().__init__(root)
            self.picks: tuple[Any, Any] = (None, None)

        def _parse(self, input: Any) -> Any:
            self.encoding = "utf-8"
            return copy.deepcopy(input)

        def remove_unlikely_candidates(self) -> None:
            pass

        def sanitize(self, node: Any, candidates: Any, keep_all_images: bool = False) -> Any:
            before = copy.deepcopy(node)
            markup = super().sanitize(node, candidates, keep_all_images)
            self.picks = (node, before)
            return markup

    return Reference


def _markup(el: Any) -> bytes | None:
    return None if el is None else etree.tostring(el)


def picks(body: Any) -> tuple[tuple[bytes | None, bytes | None], tuple[bytes | None, bytes | None]]:
    """(readable.py's picks, readability's), each after and before sanitize, as markup."""
    reference = _reference()(body)
    try:
        reference.summary(html_partial=True)
    except Exception:
        reference.picks = (None, None)
    ours = readable.readability_picks(body)
    return (_markup(ours[0]), _markup(ours[1])), (_markup(reference.picks[0]), _markup(reference.picks[1]))


# --- generated pages ------------------------------------------------------------------------

# White space of every kind readability's clean() treats apart: runs with and without line
# breaks, tabs before and after spaces, other Unicode spaces, runs past its 255 cut.
_SPACE = st.sampled_from(["", " ", "  ", "\n", "\n    ", " \n ", "\t", "\t\t ", " \t", "\xa0", " \xa0 ", "\u2003 ",
                          "\r\n", " " * 256, "\n" + " " * 300, "\t" * 260])
_WORD = st.sampled_from(["The", "council", "said,", "on", "Tuesday,", "that", "repairs", "would", "cost", "2.3",
                         "million", "euros.", "Read", "more:", "Sign up", "Subscribe", "Table of contents",
                         "harbour", "master", "Ines", "Varga", "residents", "—", "a", "b"])
_TEXT = st.lists(st.one_of(_WORD, _SPACE), max_size=20).map("".join)
_TAGS = ["div", "div", "div", "p", "p", "span", "a", "em", "b", "font", "ul", "ol", "li", "table", "tr", "td",
         "blockquote", "h2", "h3", "section", "article", "main", "header", "footer", "aside", "pre", "img",
         "br", "input", "embed", "form", "figure", "picture"]
_NAMES = ["", "", "", ' class="content"', ' class="article-body post"', ' class="comment"', ' id="sidebar"',
          ' class="related widget"', ' class="entry"', ' itemprop="articleBody"', ' class="standfirst"',
          ' type="hidden"', ' href="/x"', ' src="https://www.youtube.com/embed/x"']


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[list[str]]) -> str:
    tag = draw(st.sampled_from(_TAGS))
    inner = "".join(child + _escaped(draw(_TEXT)) for child in draw(children))
    comment = draw(st.sampled_from(["", "", "<!-- <div> -->", "<!-- note -->"]))
    return f"<{tag}{draw(st.sampled_from(_NAMES))}>{_escaped(draw(_TEXT))}{comment}{inner}</{tag}>"


_TREE = st.recursive(_TEXT.map(_escaped), lambda children: _element(st.lists(children, max_size=6)), max_leaves=30)


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, bool]:
    """A page, and whether it is parsed keeping its comments (markup.parse drops them)."""
    body = "".join(draw(st.lists(_TREE, min_size=1, max_size=6)))
    return f"<html><head><title>t</title></head><body>{body}</body></html>", draw(st.booleans())


def _body(page: str, comments: bool) -> Any:
    root = lxml.html.document_fromstring(page) if comments else markup.parse(page)
    body = root.find("body")
    return body if body is not None else root


_STAIRS = "".join("<div><p>The council said, on Tuesday, that repairs would cost 2.3 million euros.</p>"
                  for _ in range(40)) + "</div>" * 40
_WRAPPED = "".join("<div>" * 8 + "<p>Harbour master Ines Varga said the landing would reopen in May.</p>"
                   + "</div>" * 8 for _ in range(30))


@settings(PROFILE, max_examples=max(PROFILE.max_examples, 100))
@given(pages())
@example((f"<html><body><article><h1>Stairs</h1>{_STAIRS}</article></body></html>", False))
@example((f"<html><body><article><h1>Wrapped</h1>{_WRAPPED}</article></body></html>", False))
@example(("<html><body><div>A story of some length, said the council on Tuesday. <span>It <b>went</b> on"
          "</span> and on, <br> and on: <a href='/x'>here</a> the end.<div><p>" + "Word, " * 40
          + "</p></div></div></body></html>", False))
def test_the_picks_are_readabilitys(page: tuple[str, bool]) -> None:
    ours, theirs = picks(_body(*page))
    assert ours == theirs


def test_the_picks_are_readabilitys_on_real_pages() -> None:
    """On ScrapingHub's 181 pages, pruned as html.py prunes them before readability reads them."""
    rules = load_rules((), always_languages())
    differ = []
    for page in sorted(shared_path("corpora", "scrapinghub-aeb", "html").glob("*.html.gz")):
        root = markup.parse(gzip.decompress(page.read_bytes()).decode("utf-8"))
        html.prune(root, rules)
        ours, theirs = picks(_body_of(root))
        if ours != theirs:
            differ.append(page.name)
    assert not differ


def _body_of(root: Any) -> Any:
    body = root.find("body")
    return body if body is not None else root


@pytest.mark.parametrize("text, expected", [
    ("", 0), ("   ", 0), ("a", 1), (" a ", 1), ("a  b", 3), ("a\n \n b", 3), ("a\t\tb", 4), ("a \t\tb", 3),
    ("a\xa0 b", 4), ("a" + " " * 300 + "b", 3), ("a" + "\t" * 300 + "\nb", 3), ("x, y,\tz", 7)])
def test_text_lengths_are_readabilitys_text_length(text: str, expected: int) -> None:
    """TextLengths measures an element from its parts as readability measures its whole text."""
    el = lxml.html.fragment_fromstring(f"<div>{text[:1]}<span>{text[1:3]}</span>{text[3:]}</div>")
    assert readable.TextLengths().length(el) == len(readable.readability_clean(el.text_content())) == expected
