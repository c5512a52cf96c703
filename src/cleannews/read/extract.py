"""The main content of a page: readability-lxml's pick is a candidate, checked against the page.

readability scores paragraphs and takes the best-scoring container. It fails in ways a page
shows plainly: its sanitize step empties the container it chose when the wrapper's class
weighs negative ("elementor-widget-container"); it takes a caption or an image wrapper when
the story is split over sibling containers or made of lists; on a page holding several whole
articles it takes the longest, not the headline's. So its pick is measured against the page's
running text (paragraphs of some length, few of their words links) and the headline's place:

1. readability's pick, within the headline's <article> when the page holds several;
2. the same without its sanitize step;
3. the densest container of running text, whose blocks decide.py reads as it reads a text
   (its story-region logic finds the story's run among them);
4. the JSON-LD articleBody, when it is clearly longer than what was extracted (html.py).

The first candidate that holds a fair share of the page's running text, below the headline,
is the story; Result.metadata names it ("extractor") and says why the ones before it failed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import lxml.html

from ..model import CELL, ITEM, PARAGRAPH, PRE, QUOTE, Block
from .markup import content_blocks
from .readable import readability_picks
from .text import normalize_space

RUNNING_TAGS = frozenset({"p", "li", "blockquote", "pre", "dd", "td"})
PARAGRAPH_CHARS = 80  # a paragraph this long is running text (a menu entry or a label is not)
LINK_SHARE = 0.3  # running text is mostly not link text
CLUTTER_COST = 0.3  # what a character of other text costs a container in the densest-container score
PICK_SHARE = 0.2  # readability's pick must hold this share of the densest container's running text
SPLIT_SHARE = 0.6  # and this share when the container's story is split over same-shaped blocks
SPLIT_MIN_PARTS = 3  # same-shaped blocks with running text: a story split over siblings
SPLIT_HOLDS = 0.8  # of the container's running text
_RUNNING_KINDS = frozenset({PARAGRAPH, ITEM, QUOTE, PRE, CELL})
ARTICLE_CHARS = 500  # an <article> with this much running text is a story of its own


class Candidate(NamedTuple):
    name: str  # which extractor produced the blocks: metadata["extractor"]
    blocks: list[Block]
    extracted: bool  # the blocks are the story; False: decide.py finds the story's run among them
    why: str  # why the candidates before this one were not taken ("" for readability's own pick)
    taken_from: tuple[Any, ...] = ()  # the page's elements the blocks were read from (whole but for `cut`)
    cut: tuple[Any, ...] = ()  # the elements taken out of those, not read


class _Measure(NamedTuple):
    total: dict[Any, int]  # characters of text in the element
    running: dict[Any, int]  # characters of running text in it


def measure(root: lxml.html.HtmlElement) -> _Measure:
    """Text and running text of every element, in one pass from the leaves up (text_content()
    per element would read each subtree once for every ancestor of it)."""
    total: dict[Any, int] = {}
    links: dict[Any, int] = {}
    running: dict[Any, int] = {}
    for el in reversed(list(root.iter())):
        own = len(el.text.strip()) if isinstance(el.tag, str) and el.text else 0
        text, linked, run = own, 0, 0
        for child in el:
            tail = len(child.tail.strip()) if child.tail else 0
            own += tail
            text += total.get(child, 0) + tail
            linked += links.get(child, 0)
            run += running.get(child, 0)
        if el.tag == "a":
            linked = text
        if linked < LINK_SHARE * text:
            if el.tag in RUNNING_TAGS and text >= PARAGRAPH_CHARS:
                run = text  # a paragraph: its words are running text, whatever is inside it
            elif own >= PARAGRAPH_CHARS:
                run += own  # a <div> used as a paragraph: its own text
        total[el], links[el], running[el] = text, linked, run
    return _Measure(total, running)


def densest(root: lxml.html.HtmlElement, measured: _Measure) -> lxml.html.HtmlElement:
    """The element that holds the most running text for the least other text: the story's
    container even when the story is split over sibling containers (their parent holds all of
    it) or made of lists."""
    total, running = measured
    return max((el for el in running if isinstance(el.tag, str)),
               key=lambda el: running[el] - CLUTTER_COST * (total[el] - running[el]), default=root)


def headline_article(h1: lxml.html.HtmlElement | None, root: lxml.html.HtmlElement,
                     measured: _Measure) -> lxml.html.HtmlElement | None:
    """The <article> the headline is in, when the page holds several articles with a story of
    their own (a live page, a dossier, teasers printed in full): that one is the story."""
    if h1 is None:
        return None
    own = next((a for a in h1.iterancestors("article") if measured.running.get(a, 0) >= ARTICLE_CHARS), None)
    if own is None:
        return None
    others = (a for a in root.iter("article") if a is not own and measured.running.get(a, 0) >= ARTICLE_CHARS
              and own not in a.iterancestors() and a not in own.iterancestors())
    return own if next(others, None) is not None else None


class _Page:
    """What a candidate is checked against: the page's running text and its headline."""

    def __init__(self, scope: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None, measured: _Measure) -> None:
        self.container = densest(scope, measured)
        self.reference = measured.running.get(self.container, 0)
        self.parts = _same_shaped_parts(self.container, measured)
        # the text above the headline: a pick that lies wholly in it is a teaser, a menu's
        # story list or a sidebar, not what the headline heads
        self.above = _text_above(scope, h1) if h1 is not None else ""

    def problem(self, pick: list[Block] | None) -> str | None:
        """Why a pick (its blocks) is not the story, or None when it may be."""
        if pick is None:
            return "found nothing"
        running = running_chars(pick)
        if running < PICK_SHARE * self.reference:
            return f"held {running:,} characters of running text of the {self.reference:,} the page has"
        if self.parts >= SPLIT_MIN_PARTS and running < SPLIT_SHARE * self.reference:
            return (f"held {running:,} characters of running text of the {self.reference:,} that the page "
                    f"splits over {self.parts} blocks of one shape")
        if self.above and _all_within(pick, self.above):
            return "lay above the headline"
        return None


def _same_shaped_parts(container: lxml.html.HtmlElement, measured: _Measure) -> int:
    """How many children of one shape (tag and class) hold the container's running text, when
    together they hold nearly all of it: a story split over sibling blocks (each paragraph in a
    wrapper of its own, paragraphs between ad slots, a list story's items). readability scores
    a paragraph's parent and grandparent only, so it picks one of them."""
    shapes: dict[tuple[str, str], list[int]] = {}
    for child in container:
        running = measured.running.get(child, 0)
        if running and isinstance(child.tag, str):
            shapes.setdefault((child.tag, child.get("class") or ""), []).append(running)
    if not shapes:
        return 0
    parts = max(shapes.values(), key=sum)
    return len(parts) if sum(parts) >= SPLIT_HOLDS * measured.running.get(container, 0) else 0


def _text_above(scope: lxml.html.HtmlElement, h1: lxml.html.HtmlElement) -> str:
    """The page's text before its headline, whitespace folded."""
    parts: list[str] = []
    for el in scope.iter():
        if el is h1:
            return normalize_space(" ".join(parts))
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        if el.tail and el.getparent() is not None:
            parts.append(el.tail)
    return ""  # the headline is not in the scope: nothing to compare with


def running_chars(blocks: list[Block]) -> int:
    """The running text of blocks, measured as measure() measures elements: paragraphs of
    some length, few of their words links (the lines of a paragraph broken by <br> are one)."""
    total = chars = linked = 0
    group = None
    for b in blocks:  # one loop, with no list or generator per paragraph: a long story has thousands
        if b.kind not in _RUNNING_KINDS:
            continue
        if b.group != group:
            if chars >= PARAGRAPH_CHARS and linked < LINK_SHARE * chars:
                total += chars
            group, chars, linked = b.group, 0, 0
        chars += len(b.text)
        for anchor, _ in b.links:
            linked += len(anchor)
    if chars >= PARAGRAPH_CHARS and linked < LINK_SHARE * chars:
        total += chars
    return total


def _all_within(pick: list[Block], text: str) -> bool:
    paragraphs = [b.text for b in pick if b.kind in _RUNNING_KINDS and len(b.text) >= PARAGRAPH_CHARS]
    return bool(paragraphs) and all(p in text for p in paragraphs)


def main_content(root: lxml.html.HtmlElement, h1: lxml.html.HtmlElement | None) -> Candidate:
    """The story's blocks from the first candidate that passes the page's checks."""
    body = root.find("body")
    body = body if body is not None else root
    measured = measure(body)
    article = headline_article(h1, body, measured)
    scope = article if article is not None else body
    page = _Page(scope, h1, measured)
    note = "the page holds several articles: the headline's; " if article is not None else ""
    failures: list[str] = []
    picks = readability_picks(scope)
    tried = (("readability", picks.sanitized, picks.cut), ("readability-unsanitized", picks.unsanitized, ()))
    for name, pick, cut in tried:
        blocks = content_blocks(pick) if pick is not None else None
        problem = page.problem(blocks)
        if problem is None and blocks is not None:
            return Candidate(name, blocks, True, note + "; ".join(failures), picks.taken_from, cut)
        failures.append(f"{name}'s pick {problem}")
    return Candidate("densest-container", content_blocks(page.container), False, note + "; ".join(failures),
                     (page.container,))
