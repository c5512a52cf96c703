"""readability-lxml on our terms: its pick on a tree that is already parsed and pruned, with the
passes that cost most redone in linear time and held to its own output (tests/test_readable.py
runs both on generated pages and on real ones and compares the picks).

readability weighs an element by the length of its text as its clean() leaves it, and by the
share of that text inside links. It reads those from each element's whole subtree, for every
element it weighs: on a page whose containers nest d deep, each character is read d times (a
10 MB page whose <div>s go 200 deep took minutes). Here each element's text is measured once,
from its children's measures (TextLengths), and what readability changes in the tree only
makes its ancestors be measured again. Whether a <div> holds a block element, which
readability answers by serialising each child's subtree, is one pass that marks the ancestors
of every block element. Its log lines are not formatted.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import lxml.html
import readability.readability
from lxml import etree
from readability import Document
from readability.readability import REGEXES, text_length

_LONG_SPACE = re.compile(r"\s{255,}")
_TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def readability_clean(text: str) -> str:
    """readability-lxml's clean(), with the same output: each of its three regex passes is
    skipped where the text cannot match it, and the line-break one done line by line.
    readability runs it on the text of nearly every element it weighs; on news pages it was
    an eighth of our time, and this saves most of it. (tests/test_properties.py holds it to
    the original.)"""
    if len(text) >= 255 and _may_hold_long_space(text):
        text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        # readability's re.sub(r"\s*\n\s*", "\n", text), but for the ends, which the strip()
        # below removes: the regex is tried at every position of the text, this reads it once
        text = "\n".join(line for line in (piece.strip() for piece in text.split("\n")) if line)
    if "\t" in text or "  " in text:
        text = _TAB_OR_SPACES.sub(" ", text)
    return text.strip()


def _may_hold_long_space(text: str) -> bool:
    """Whether some run of 128 characters that starts at a multiple of 128 is all white space,
    as one in every run of 255 or more is. The regex, with no first character to skip to, is
    tried at every position of every paragraph; this reads a few slices of one."""
    return any(text[at].isspace() and text[at:at + 128].isspace() for at in range(0, len(text) - 127, 128))


# readability's functions call it through their module's globals: this is the one place to
# give it to them. Any other user of readability in the process gets the same answers.
readability.readability.clean = readability_clean
# and it formats a description of each of its top candidates for log lines at debug level,
# whether anything logs them or not
readability.readability.describe = lambda node, depth=1: ""


# readability's patterns for unlikely and negative names, matched on lower-cased names: the
# case-insensitive form costs Python's regex engine eight times as much
_READABILITY_DISLIKES = re.compile("|".join(
    REGEXES[key].pattern.lower() for key in ("unlikelyCandidatesRe", "negativeRe")))


@functools.lru_cache(maxsize=4096)
def readability_muted(names: str | None) -> str | None:
    """A class or id without the words readability would read as boilerplate, when it has
    some; else None. Pruning takes them off each element it keeps, having read its names with
    the selector rules, which know what a name means. readability's own patterns are cruder:
    "header" in a live post's header, "media" in a section about social media, "widget" on a
    page builder's every wrapper, and they drop story from inside its pick."""
    if not names or not _READABILITY_DISLIKES.search(names.lower()):
        return None
    return " ".join(n for n in names.split() if not _READABILITY_DISLIKES.search(n.lower()))


# --- text lengths, measured once per element ---------------------------------------------------

# A text as readability's clean() measures it, told by its parts: (length, lead, trail), the
# length of the cleaned text and the white space it starts and ends with; length -1 for a
# text that is all white space (lead and trail are then that space). Two texts joined
# measure as both, plus what the white space where they meet becomes. A run of white space
# of 255 characters or more always becomes one character, so runs are kept to that length.
_Measure = tuple[int, str, str]
_RUN = 255
_BLANK: _Measure = (-1, "", "")


@functools.lru_cache(maxsize=1024)
def _run_length(run: str) -> int:
    """What a run of white space between two words becomes in clean(): its length."""
    return 1 if len(run) >= _RUN else len(readability_clean("a" + run + "a")) - 2


def _measure(text: str) -> _Measure:
    stripped = text.strip()
    if not stripped:
        return -1, text[:_RUN], text[:_RUN]
    if stripped is text:  # nothing to strip (str.strip() then returns the text itself)
        return len(readability_clean(text)), "", ""
    lead = len(text) - len(text.lstrip())
    return len(readability_clean(stripped)), text[:lead][:_RUN], text[lead + len(stripped):][:_RUN]


def _joined(a: _Measure, b: _Measure) -> _Measure:
    if a[0] < 0:
        space = (a[1] + b[1])[:_RUN]
        return (-1, space, space) if b[0] < 0 else (b[0], space, b[2])
    if b[0] < 0:
        return a[0], a[1], (a[2] + b[1])[:_RUN]
    run = a[2] + b[1]
    return a[0] + b[0] + (_run_length(run) if run else 0), a[1], b[2]


class TextLengths:
    """readability's text_length() of each element, the commas in its text and the length of
    its links' text (what get_link_density() adds up), each element measured once from its
    children's measures. removed() forgets what an element's removal changes: its ancestors;
    moved() what moving elements about has changed."""

    def __init__(self) -> None:
        # element -> (length, lead, trail, commas, link length); an element is here only when
        # every element under it is
        self._known: dict[Any, tuple[int, str, str, int, int]] = {}
        self._parents: dict[Any, Any] = {}  # each known element's parent when it was measured

    def length(self, el: lxml.html.HtmlElement) -> int:
        return max(self._of(el)[0], 0)

    def commas(self, el: lxml.html.HtmlElement) -> int:
        return self._of(el)[3]

    def link_density(self, el: lxml.html.HtmlElement) -> float:
        known = self._of(el)
        return float(known[4]) / max(known[0], 1)

    def length_and_link_density(self, el: lxml.html.HtmlElement) -> tuple[int, float]:
        known = self._of(el)
        return max(known[0], 0), float(known[4]) / max(known[0], 1)

    def removed(self, el: lxml.html.HtmlElement) -> None:
        """Call before removing `el` from the tree."""
        for ancestor in el.iterancestors():
            if self._known.pop(ancestor, None) is None:
                break  # nothing above it is known either

    def changed(self, el: lxml.html.HtmlElement) -> None:
        """Call when `el`'s own text has changed."""
        self._known.pop(el, None)
        self.removed(el)

    def moved(self, top: lxml.html.HtmlElement) -> None:
        """Forget the measures that elements moved into `top`'s tree since they were measured
        have changed: those of the elements they left and of the ones they joined. A measured
        element has a new parent; one never measured, a measured parent (which had all its
        children measured then)."""
        known, parents = self._known, self._parents
        for el in top.iter():
            parent = el.getparent()
            if el in known:
                if parents[el] is parent:
                    continue
                old = parents[el]
                while old is not None and known.pop(old, None) is not None:
                    old = parents[old]
                parents[el] = parent
            elif parent not in known:
                continue
            for ancestor in el.iterancestors():
                known.pop(ancestor, None)

    def measure(self, top: lxml.html.HtmlElement) -> None:
        """Measure every element of top's tree, none of which is known yet, in one walk from the
        leaves up: what scoring asks of nearly every element, without a walk for each paragraph."""
        known, parents, composed = self._known, self._parents, self._composed
        for _, el in etree.iterwalk(top, events=("end",)):
            known[el] = composed(el)
            parents[el] = el.getparent()

    def _of(self, el: lxml.html.HtmlElement) -> tuple[int, str, str, int, int]:
        known = self._known.get(el)
        if known is None:
            self._measure_subtree(el)
            known = self._known[el]
        return known

    def _measure_subtree(self, top: lxml.html.HtmlElement) -> None:
        known = self._known
        walker = etree.iterwalk(top, events=("start", "end"))
        for event, el in walker:
            if el in known:
                if event == "start":
                    walker.skip_subtree()
            elif event == "end":
                known[el] = self._composed(el)
                self._parents[el] = el.getparent()

    def _composed(self, el: lxml.html.HtmlElement) -> tuple[int, str, str, int, int]:
        # text_content() is the text of the element and of everything under it, tails
        # included, but not comments' text nor the element's own tail
        known = self._known
        text = el.text
        measure = _measure(text) if text else _BLANK
        commas = text.count(",") if text else 0
        links = 0
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                length, lead, trail, child_commas, child_links = known[child]
                measure = _joined(measure, (length, lead, trail))
                commas += child_commas
                links += child_links + (max(length, 0) if tag == "a" else 0)
            tail = child.tail
            if tail:
                measure = _joined(measure, _measure(tail))
                commas += tail.count(",")
        return measure[0], measure[1], measure[2], commas, links


# --- readability's passes -----------------------------------------------------------------

# The block elements whose markup readability looks for in a <div>'s children
# (REGEXES["divToPElementsRe"], "<(blockquote|dl|div|img|ol|p|pre|table|ul)", no word
# boundary: "<p" is also <pre>, <picture>, <param>); libxml2's HTML parser lower-cases names.
_BLOCK_NAMES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_MARKUP_NODES = (etree.Comment, etree.ProcessingInstruction)  # their text is markup to readability
_INLINE_TAGS = frozenset({"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"})


def _holding_blocks(root: lxml.html.HtmlElement) -> set[Any]:
    """The elements with a block element (or a comment whose markup names one) below them: each
    block element's ancestors, marked up to the first one already marked. (A loop over the
    tags reads them three times as fast as an XPath asking starts-with() of each name.)"""
    holders: set[Any] = set()
    for node in root.iterdescendants():
        tag = node.tag
        if tag.__class__ is str:
            if not tag.startswith(_BLOCK_NAMES):
                continue
        elif tag not in _MARKUP_NODES or not REGEXES["divToPElementsRe"].search(etree.tostring(node, encoding=str)):
            continue
        for ancestor in node.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    return holders


@functools.lru_cache(maxsize=4096)
def _name_weight(name: str | None) -> int:
    """What a class or id adds to readability's weight of an element."""
    if not name:
        return 0
    return (25 if REGEXES["positiveRe"].search(name) else 0) - (25 if REGEXES["negativeRe"].search(name) else 0)


# What sanitize counts in a container it weighs (readability counts links too, and does not use them)
_COUNTED = ("p", "img", "li", "embed", "input")


def _ancestors_or_self(el: lxml.html.HtmlElement, *tags: str) -> Iterator[lxml.html.HtmlElement]:
    yield el
    yield from el.iterancestors(*tags)


class Readable(Document):
    """readability-lxml on a tree that is already parsed and pruned, keeping its pick both
    before and after its sanitize step.

    readability's own _parse re-parses markup and runs lxml's Cleaner (a deep copy and a
    walk of the whole tree); ours hands it a copy of the pruned tree, already without
    scripts, styles, forms and hidden elements. summary() may run twice (a retry with
    milder rules), and mutates what it works on, hence a fresh copy each time; the last
    pick is the one it returns.
    """

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        super().__init__(root)
        self.sanitized: lxml.html.HtmlElement | None = None
        self.unsanitized: lxml.html.HtmlElement | None = None
        self._origins: dict[Any, Any] = {}
        self.taken_from: tuple[Any, ...] = ()  # the page's elements the pick's are copies of
        self.cut: list[Any] = []  # what sanitize took out of the pick
        self._lengths: TextLengths | None = None  # while they hold for the tree
        self._scored = TextLengths()  # the measures made for scoring, for sanitize to go on from

    def _parse(self, input: Any) -> Any:
        self.encoding = "utf-8"
        self._lengths = None
        tree = copy.deepcopy(input)
        self._origins = dict(zip(tree.iter(), input.iter(), strict=True))  # each element of the copy: the page's
        return tree

    def remove_unlikely_candidates(self) -> None:
        """Nothing to do: pruning has taken off every name this step would look for (readability_muted)."""

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability's, but for the test of a child's markup for block elements: a set of
        the elements that hold one, made once (readability serialised every child of every
        <div>; a <div> turned into a <p> still holds what it held, and what this pass changes
        is never below a child it has yet to test). The paragraphs it adds are made as
        elements, not parsed from "<p/>" (a document each)."""
        holders = _holding_blocks(self.html)
        for elem in self.tags(self.html, "div"):
            if elem not in holders:
                elem.tag = "p"
        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = lxml.html.Element("p")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or child in holders:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = lxml.html.Element("p")
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = lxml.html.Element("p")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

    def score_paragraphs(self) -> dict[Any, dict[str, Any]]:
        """readability's, with each element's text measured once (TextLengths)."""
        lengths = self._lengths = self._scored = TextLengths()
        lengths.measure(self.html)
        candidates: dict[Any, dict[str, Any]] = {}
        ordered = []
        for elem in self.tags(self.html, "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text_len = lengths.length(elem)
            if inner_text_len < self.min_text_length:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score: float = 1
            content_score += lengths.commas(elem) + 1  # the pieces the cleaned text's commas split it into
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - lengths.link_density(elem)
        return candidates

    def class_weight(self, e: Any) -> int:
        """readability's, with each class and id weighed once a process (a page repeats them):
        we give it no keywords of ours, so the weight is its two patterns' on each name."""
        return _name_weight(e.get("class")) + _name_weight(e.get("id"))

    def get_link_density(self, elem: Any) -> float:
        if self._lengths is not None:
            return self._lengths.link_density(elem)
        return float(super().get_link_density(elem))

    def merge_article_segments(self, candidates: Any, best_candidate: Any, score_threshold: Any) -> None:
        super().merge_article_segments(candidates, best_candidate, score_threshold)
        self._lengths = None  # it may have moved elements into the pick: measured again from here on

    def get_preserved_elements(self, node: Any) -> dict[Any, bool]:
        """readability's, in one pass: a list is a table of contents when it or a list around it
        follows a "Table of contents" heading; a <div> or <section> is kept when it or an
        element around it leads into a quotation (its next element holds a <blockquote>, its
        text ends with a colon)."""
        allowed = {elem: True for elem in self.tags(node, "ul") if any(
            self._heads_contents(toc) for toc in _ancestors_or_self(elem, "ul"))}
        leads = self._quote_leads(node)
        if leads:
            allowed.update({elem: True for elem in self.tags(node, "div", "section")
                            if any(lead in leads for lead in _ancestors_or_self(elem))})
        return allowed

    @staticmethod
    def _heads_contents(toc: Any) -> bool:
        previous = toc.getprevious()
        return (previous is not None and previous.tag in ("h2", "h3", "h4")
                and readability_clean(previous.text_content()).lower() == "table of contents")

    def _quote_leads(self, node: Any) -> set[Any]:
        """The elements of node's tree whose next element holds a <blockquote> and whose text
        (of some length) ends with a colon: readability's is_quote_lead() for each of them."""
        holding: set[Any] = set()
        for quote in node.getroottree().getroot().iter("blockquote"):
            for ancestor in quote.iterancestors():
                if ancestor in holding:
                    break
                holding.add(ancestor)
        leads = set()
        for following in holding:
            lead = following.getprevious()
            if lead is not None:
                text = readability_clean(lead.text_content() or "")
                if len(text) >= self.min_text_length and text.endswith(":"):
                    leads.add(lead)
        return leads

    def sanitize(self, node: Any, candidates: Any, keep_all_images: bool = False) -> Any:
        """readability's, with the text of each element it weighs measured once (and again
        only where something under it was removed); its pick is kept before and after."""
        self.unsanitized = copy.deepcopy(node)
        self.taken_from = tuple(origin for origin in map(self._origins.get, node) if origin is not None)
        self.cut = []
        # the measures made for scoring, less what get_article has changed in moving elements
        lengths = self._lengths = self._scored
        lengths.moved(node)
        min_len = self.min_text_length
        for header in self.tags(node, "h1", "h2", "h3", "h4", "h5", "h6"):
            if self.class_weight(header) < 0 or self.get_link_density(header) > 0.33:
                self._remove(header)
        for elem in self.tags(node, "p"):
            # the link density first: it is measured already, the text would be read whole
            if self.get_link_density(elem) > 0.2 and REGEXES["callToActionRe"].search(elem.text_content()):
                self._remove(elem)
        for elem in self.tags(node, "form", "textarea"):
            self._remove(elem)
        for elem in self.tags(node, "iframe"):
            if "src" in elem.attrib and readability.readability.is_video_url(elem.attrib["src"]):
                elem.attrib.pop("srcdoc", None)
                elem.text = "VIDEO"
                lengths.changed(elem)
            else:
                self._remove(elem)
        allowed = self.get_preserved_elements(node)
        for el in self.reverse_tags(node, "table", "ul", "div", "aside", "header", "footer", "section"):
            if el in allowed:
                continue
            weight = self.class_weight(el)
            content_score = candidates[el]["content_score"] if el in candidates else 0
            if weight + content_score < 0:
                self._remove(el)
            elif lengths.commas(el) < 10:
                if keep_all_images and el.tag == "div" and el.find(".//img") is not None:
                    continue
                if self._clutter(el, weight, min_len, allowed):
                    self._remove(el)
        self.sanitized = node
        self.html = node
        return self.get_clean_html()

    def _clutter(self, el: Any, weight: int, min_len: int, allowed: dict[Any, bool]) -> bool:
        """readability's test of a container in sanitize(), without its log lines."""
        lengths = self._lengths
        assert lengths is not None
        p = img = li = embeds = inputs = 0
        for below in el.iter(*_COUNTED):  # one walk, not a findall() for each (el is none of them)
            tag = below.tag
            if tag == "p":
                p += 1
            elif tag == "li":
                li += 1
            elif tag == "img":
                img += 1
            elif tag == "embed":
                embeds += 1
            elif below.get("type") != "hidden":
                inputs += 1
        li -= 100
        content_length, link_density = lengths.length_and_link_density(el)
        if p and img > 1 + p * 1.3:
            return True
        if li > p and el.tag not in ("ol", "ul"):
            return True
        if inputs > (p / 3):
            return True
        if content_length < min_len and (img == 0 or img > 2):
            return True
        # (the links' share against the higher bar asked only when it passes the lower one)
        if weight < 25 and link_density > 0.2 and link_density > (
                0.25 if el.tag in ("ul", "section") and el.xpath("ancestor::main | ancestor::article") else 0.2):
            return True
        if weight >= 25 and link_density > 0.5:
            return True
        if (embeds == 1 and content_length < 75) or embeds > 1:
            return True
        if content_length:
            return False
        # no content: kept when its next and previous elements with text have 1,000 characters
        siblings = [next(lengths_of, 0) for lengths_of in (
            (n for n in (self._sibling_length(s) for s in el.itersiblings()) if n),
            (n for n in (self._sibling_length(s) for s in el.itersiblings(preceding=True)) if n))]
        if sum(siblings) > 1000:
            for desnode in self.tags(el, "table", "ul", "div", "section"):
                allowed[desnode] = True
            return False
        return True

    def _sibling_length(self, sibling: Any) -> int:
        if not isinstance(sibling.tag, str):
            return int(text_length(sibling))  # a comment's text_content() is its own text
        assert self._lengths is not None
        return self._lengths.length(sibling)

    def _remove(self, el: Any) -> None:
        assert self._lengths is not None
        self._lengths.removed(el)
        el.drop_tree()
        self.cut.append(el)

    def get_clean_html(self) -> str:
        """summary() only compares the length of what this returns with retry_length (and we
        do not use the markup): its text, when that is long enough, stands for the markup,
        which is longer. Formatting the markup and readability's regex over it cost as much
        as scoring the page."""
        text = self.html.text_content() if self.html is not None else ""
        return str(text) if len(text) >= self.retry_length else str(super().get_clean_html())


class Picks(NamedTuple):
    sanitized: lxml.html.HtmlElement | None  # readability's pick, after its sanitize step
    unsanitized: lxml.html.HtmlElement | None  # and before it
    # The elements of the tree given whose copies (changed by readability's passes but for
    # no words) the picks hold, and the elements (detached) sanitize took out of them: all
    # their words are in the unsanitized pick, and in the sanitized one but for those cut.
    taken_from: tuple[lxml.html.HtmlElement, ...]
    cut: tuple[lxml.html.HtmlElement, ...]


NO_PICKS = Picks(None, None, (), ())


def readability_picks(root: lxml.html.HtmlElement) -> Picks:
    """The element readability picks, after its sanitize step and before it, and where it took them from."""
    reader = Readable(root)
    try:
        reader.summary(html_partial=True)
    except Exception:  # readability raises Unparseable and, on odd trees, plain errors
        return NO_PICKS
    return Picks(reader.sanitized, reader.unsanitized, reader.taken_from, tuple(reader.cut))
