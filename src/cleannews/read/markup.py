"""Markup ↔ tree ↔ blocks: the one parse of a page (and of fragments), and the walk that turns an
element tree into blocks, in reading order, with their links."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import InputError
from ..limits import PARSER_MAX_DEPTH, PARSER_MAX_TEXT
from ..model import CAPTION, CELL, CONTROL, HEADING, ITEM, PARAGRAPH, PRE, QUOTE, Block, new_block
from .text import normalize_space

# Block-level elements: text on either side of one of these belongs to different blocks.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4",
    "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table",
    "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "hr", "address", "details", "summary",
    "center", "fieldset", "body", "html",
})
KIND_OF_TAG = {
    "h1": HEADING, "h2": HEADING, "h3": HEADING, "h4": HEADING, "h5": HEADING, "h6": HEADING,
    "p": PARAGRAPH, "li": ITEM, "dt": ITEM, "dd": PARAGRAPH, "blockquote": QUOTE, "pre": PRE,
    "figcaption": CAPTION, "caption": CAPTION, "td": CELL, "th": CELL,
}
# The tags the walk does more for than read their text: blocks, and what it keeps count of.
_MARKED = BLOCK_TAGS | KIND_OF_TAG.keys() | {"br", "a"}
_HAS_WORD = re.compile(r"[^\W_]")

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)
# Every element an HtmlElement, chosen inside libxml2: lxml.html's own lookup is a Python
# function called for each element proxy made (a page makes thousands), only to give form
# fields classes of their own that nothing here uses.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction))


def parse(markup: str) -> lxml.html.HtmlElement:
    """One parse of the page. Raises InputError for markup lxml cannot make a tree of."""
    try:
        return lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"not parseable as HTML: {str(exc).splitlines()[0] if str(exc) else 'empty'}") from None


def cut_short() -> tuple[str, ...]:
    """Why the last parse stopped before the end of the page, if it did: libxml2 ends a parse
    at its resource limits and keeps what came before, without raising."""
    limits_hit = [e.message for e in _PARSER.error_log if e.type_name == "ERR_RESOURCE_LIMIT"]
    if not limits_hit:
        return ()
    why = (f"elements nested more than {PARSER_MAX_DEPTH} deep" if "depth" in limits_hit[0]
           else f"a text of more than {PARSER_MAX_TEXT:,} bytes")
    return (f"only part of the page was read: the HTML parser stops at {why}",)


def fragment(markup: str) -> lxml.html.HtmlElement | None:
    """Markup that is part of a page (or, from readability's fallback, a page without a
    body) as one element. document_fromstring copes with both; fragment_fromstring asserts."""
    try:
        doc = lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    body = doc.find("body")
    return body if body is not None else doc


class _Walker:
    """Turns an element tree into blocks: one per leaf block element, br-separated lines of
    one element as blocks of one group."""

    def __init__(self, skip: frozenset[lxml.html.HtmlElement] = frozenset()) -> None:
        self.skip = skip  # elements not read (a block's bounds all the same)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.kinds: list[str] = []
        self.markers: list[int] = []  # the number of each open <li> (0 outside an <ol>)
        self.lists: list[int] = []  # the group of each open <ul>/<ol>
        self.group = 0

    def flush(self, new_group: bool = True) -> None:
        kind = self.kinds[-1] if self.kinds else PARAGRAPH
        if CAPTION in self.kinds:
            kind = CAPTION  # readability turns a caption's inner <div>s into paragraphs
        elif CELL in self.kinds and kind != HEADING:
            kind = CELL  # a paragraph in a table cell is table content (rows repeat by nature)
        # the items of one list are one group: rendered on consecutive lines
        group = self.lists[-1] if kind == ITEM and self.lists else self.group
        if self.parts:  # most flushes, between nested block elements, have nothing to print
            # Preformatted text is folded like the rest: its line breaks would not survive being
            # read again as text, and cleaning the clean text must change nothing.
            text = normalize_space("".join(self.parts))
            if text:
                if not _HAS_WORD.search(text):
                    kind = CONTROL  # "---", "* * *": decoration, not text
                ordinal = self.markers[-1] if kind == ITEM and self.markers else 0
                marker = (f"{ordinal}." if ordinal else "•") if kind == ITEM else ""
                self.blocks.append(new_block((text, kind, group, 0, marker, tuple(self.links))))
            self.parts = []
        if self.links:
            self.links = []
        if new_group and group == self.group:
            self.group += 1

    def walk(self, el: lxml.html.HtmlElement, ordinal: int = 0) -> None:
        if self.skip and el in self.skip:
            self.flush()
            return
        tag = el.tag
        if tag not in _MARKED:  # an inline element: its words join the block being read
            if el.text:
                self.parts.append(el.text)
            for child in el:
                self.walk(child)
                if child.tail:
                    self.parts.append(child.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            self.flush()
        kind = KIND_OF_TAG.get(tag)
        if kind:
            self.kinds.append(kind)
        if tag == "li":
            self.markers.append(ordinal)
        if tag == "br":
            self.flush(new_group=False)
        elif el.text:
            self.parts.append(el.text)
        numbered = tag == "ol"
        if tag in ("ul", "ol"):
            self.lists.append(self.group)
            self.group += 1
        count = 0
        for child in el:
            if numbered and child.tag == "li":
                count += 1
            self.walk(child, count)
            if child.tail:
                self.parts.append(child.tail)
        if tag == "a" and el.get("href"):
            anchor = normalize_space(el.text_content())
            if anchor:
                self.links.append((anchor, el.get("href")))
        if block:
            self.flush()
        if kind:
            self.kinds.pop()
        if tag == "li":
            self.markers.pop()
        if tag in ("ul", "ol"):
            self.lists.pop()


def content_blocks(article: lxml.html.HtmlElement, skip: frozenset[lxml.html.HtmlElement] = frozenset()) -> list[Block]:
    """The blocks of an element's tree, but for the trees of the elements in `skip`."""
    walker = _Walker(skip)
    walker.walk(article)
    walker.flush()
    return walker.blocks
