"""HTML → blocks: parse once, prune what is never story, find the main content, split it.

1. Parse with lxml, with no network access and no entity expansion.
2. Read the metadata (metadata.py) from the whole page.
3. Prune: scripts, styles, forms, navigation, hidden elements, and elements whose class, id,
   role, aria-label or data-* names match a selector rule (donation boxes, newsletter
   sign-ups, share bars, related lists, comments, cookie banners). Each pruned element is
   reported with its rule. An element that holds the headline, an <article> or <main>, or
   half the page's text is never pruned: class names lie more often than text does.
4. Main content: readability-lxml on the pruned tree (handed over as a tree; no second
   parse of the page).
5. Blocks: headings, paragraphs, list items, quotes, preformatted text, table cells and
   captions, in reading order, with their links. decide.py then treats them exactly as it
   treats the lines of a text dump.

When the page's JSON-LD carries an articleBody clearly longer than what was extracted, the
body comes from there instead.
"""

from __future__ import annotations

import copy
import re
from typing import Any, NamedTuple

import lxml.html
import readability.readability
from lxml import etree
from readability import Document

from ..errors import InputError
from ..limits import PARSER_MAX_DEPTH, PARSER_MAX_TEXT
from ..model import CAPTION, CELL, CONTROL, HEADING, ITEM, PARAGRAPH, PRE, QUOTE, Block, Decision
from ..rules import Rule, RuleSet
from .metadata import page_metadata
from .text import normalize_space, text_blocks

# Never story, whatever their attributes say.
DROP_TAGS = frozenset({"iframe", "object", "embed", "canvas", "form", "button", "input", "select",
                       "textarea", "nav", "aside", "footer", "dialog", "menu"})
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
_HAS_WORD = re.compile(r"[^\W_]")
_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote)\b", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME_SEPARATORS = re.compile(r"[-_:./\s]+")
NAME_ATTRIBUTES = ("class", "id", "role", "aria-label", "itemprop")
PROTECTED_SHARE = 0.4  # never prune an element holding this share of the page's (paragraph) text
ARTICLE_BODY_GAIN = 1.3  # use JSON-LD articleBody when it has this many times the words

_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, default_doctype=False)


class Page(NamedTuple):
    blocks: list[Block]
    title: str | None
    metadata: dict[str, Any]
    pruned: list[Decision]
    warnings: tuple[str, ...]  # the page was not read whole


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


def element_names(el: lxml.html.HtmlElement) -> str:
    """The words of an element's class, id, role, aria-label, itemprop and data-* names and
    values, lower-cased: what selector rules match ("socialShare__btn" → "social share btn")."""
    attrib = el.attrib
    if not attrib:
        return ""  # most elements of a page: a <p>, an <em>, a bare <div>
    parts = [attrib.get(a) for a in NAME_ATTRIBUTES]
    parts += [f"{k[5:]} {v}" for k, v in attrib.items() if k.startswith("data-") and len(v) < 60]
    text = " ".join(p for p in parts if p)
    if not text:
        return ""
    return _NAME_SEPARATORS.sub(" ", _CAMEL.sub(" ", text)).lower().strip()


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _paragraph_text(el: lxml.html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


class _Totals(NamedTuple):
    text: int
    paragraphs: int


def _protected(el: lxml.html.HtmlElement, totals: _Totals, *, hidden: bool = False) -> bool:
    """Elements that cannot be boilerplate, whatever their names say: the ones holding the
    headline, an <article> or <main>, or a large share of the page's text or of its
    paragraph text (stories are made of paragraphs; sidebars and menus are not).

    The headline of a hidden element does not count: pages hide a copy of the article's
    fields for search engines (schema.org microdata), its <h1> and a teaser included."""
    if el.tag in ("html", "body", "main", "article") or (not hidden and el.find(".//h1") is not None):
        return True
    if el.find(".//article") is not None or el.find(".//main") is not None:
        return True
    if totals.text and len(el.text_content()) >= PROTECTED_SHARE * totals.text:
        return True
    return totals.paragraphs > 0 and _paragraph_text(el) >= PROTECTED_SHARE * totals.paragraphs


_WRAPPERS = frozenset({"div", "section", "figure", "span"})


def _quotations(root: lxml.html.HtmlElement, rules: RuleSet) -> list[lxml.html.HtmlElement]:
    """The quotations of a page, their class and id taken off and the wrappers that hold
    nothing else dropped (their content kept in place).

    A quotation is the story's own material: an embedded post
    (div.social-media-embed > blockquote.twitter-tweet) carries social-network names but is
    what the article quotes. Those names only said which widget drew it, and they cost it
    its place: selector rules read them as sharing widgets, readability removes elements
    named like "tweet", and weighs a <div> of a few words and two links as link clutter.
    A wrapper named as an appeal (div.newsletter-box > blockquote) is no such widget: it stays.
    """
    quotes = list(root.iter("blockquote"))
    for quote in quotes:
        quote.attrib.pop("class", None)
        quote.attrib.pop("id", None)
        text = quote.text_content().strip()
        wrapper = quote.getparent()
        while (wrapper is not None and wrapper.tag in _WRAPPERS and wrapper.text_content().strip() == text
               and not any(r.family == "ask" for r in rules.selector_hits(element_names(wrapper)))):
            outer = wrapper.getparent()
            wrapper.drop_tag()
            wrapper = outer
    return quotes


_CAPTION = ("", "caption", "")  # not removed: marked as a caption


def _unwanted(el: lxml.html.HtmlElement, hits: tuple[Rule, ...], names: str) -> tuple[str, str, str] | None:
    """Why an element is never story, as (rule id, role, reason); _CAPTION for a caption."""
    if el.tag in DROP_TAGS:
        return f"markup.{el.tag}", "chrome", f"a <{el.tag}> element"
    if _hidden(el):
        return "markup.hidden", "chrome", "hidden on the page"
    if any(r.family == "caption" for r in hits):
        return _CAPTION
    if hits:
        return hits[0].id, hits[0].family, f"{hits[0].kind}: element named {names[:60]!r}"
    return None


_SILENT_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})  # removed without a report


def prune(root: lxml.html.HtmlElement, rules: RuleSet) -> list[Decision]:
    """Remove what is never story, in place; returns a decision for each removed element with text."""
    removed: list[Decision] = []

    def drop(el: lxml.html.HtmlElement, rule: str, role: str, reason: str) -> None:
        if el.tag not in _SILENT_TAGS:
            text = normalize_space(el.text_content())
            if text:
                removed.append(Decision(Block(text), False, role, rule, reason, ""))
        el.drop_tree()

    for el in list(root.iter(*_SILENT_TAGS)):
        el.drop_tree()
    body = root.find("body")
    body = body if body is not None else root
    total = _Totals(len(body.text_content()), _paragraph_text(body))
    quoting = set(_quotations(body, rules))
    stack = list(reversed(root))
    while stack:  # document order; the subtree of a removed element is not visited
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        names = element_names(el) if el not in quoting else ""
        hits = rules.selector_hits(names) if names else ()
        why = None if any(r.family == "story" for r in hits) else _unwanted(el, hits, names)
        # Asked last, and only of an element about to go: it searches the whole subtree.
        if why is not None and not _protected(el, total, hidden=why[0] == "markup.hidden"):
            if why is _CAPTION:
                el.tag = "figcaption"  # a caption by its names: kept as one, for decide.py to weigh
            else:
                drop(el, *why)
            continue
        stack.extend(reversed(el))
    return removed


_LONG_SPACE = re.compile(r"\s{255,}")
_TAB_OR_SPACES = re.compile(r"\t|[ \t]{2,}")


def readability_clean(text: str) -> str:
    """readability-lxml's clean(), with the same output: each of its three regex passes is
    skipped where the text cannot match it, and the line-break one done line by line.
    readability runs it on the text of nearly every element it weighs; on news pages it was
    an eighth of our time, and this saves most of it. (tests/test_properties.py holds it to
    the original.)"""
    if len(text) >= 255:
        text = _LONG_SPACE.sub(" " * 255, text)
    if "\n" in text:
        # readability's re.sub(r"\s*\n\s*", "\n", text), but for the ends, which the strip()
        # below removes: the regex is tried at every position of the text, this reads it once
        text = "\n".join(line for line in (piece.strip() for piece in text.split("\n")) if line)
    if "\t" in text or "  " in text:
        text = _TAB_OR_SPACES.sub(" ", text)
    return text.strip()


# readability's functions call it through their module's globals: this is the one place to
# give it to them. Any other user of readability in the process gets the same answers.
readability.readability.clean = readability_clean


class _Readability(Document):
    """readability-lxml on a tree that is already parsed and pruned.

    readability's own _parse re-parses markup and runs lxml's Cleaner (a deep copy and a
    walk of the whole tree); ours hands it a copy of the pruned tree, already without
    scripts, styles, forms and hidden elements. summary() may run twice (a retry with
    milder rules), and mutates what it works on, hence a fresh copy each time.
    """

    def _parse(self, input: Any) -> Any:
        self.encoding = "utf-8"
        return copy.deepcopy(input)


def main_content(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article element readability picks, as a tree of its own, or None."""
    try:
        summary = _Readability(root).summary(html_partial=True)
    except Exception:  # readability raises Unparseable and, on odd trees, plain errors
        return None
    if not summary or not summary.strip():
        return None
    return _fragment(summary)


def _fragment(markup: str) -> lxml.html.HtmlElement | None:
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

    def __init__(self) -> None:
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
        raw = "".join(self.parts)
        # Preformatted text is folded like the rest: its line breaks would not survive being
        # read again as text, and cleaning the clean text must change nothing.
        text = normalize_space(raw)
        # the items of one list are one group: rendered on consecutive lines
        group = self.lists[-1] if kind == ITEM and self.lists else self.group
        if text and not _HAS_WORD.search(text):
            kind = CONTROL  # "---", "* * *": decoration, not text
        if text:
            ordinal = self.markers[-1] if kind == ITEM and self.markers else 0
            marker = (f"{ordinal}." if ordinal else "•") if kind == ITEM else ""
            self.blocks.append(Block(text, kind, group, 0, marker, tuple(self.links)))
        self.parts, self.links = [], []
        if new_group and group == self.group:
            self.group += 1

    def walk(self, el: lxml.html.HtmlElement, ordinal: int = 0) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
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
            if isinstance(child.tag, str) and child.tag == "li":
                count += 1
            self.walk(child, count if numbered else 0)
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


def content_blocks(article: lxml.html.HtmlElement) -> list[Block]:
    walker = _Walker()
    walker.walk(article)
    walker.flush()
    return walker.blocks


def _visible_headline(root: lxml.html.HtmlElement, meta: dict[str, Any]) -> str | None:
    """The headline as the page shows it: the <h1> that agrees with the page's own title, else
    the structured title, else the first <h1>."""
    h1s = [normalize_space(h.text_content()) for h in root.iter("h1")][:5]
    h1s = [h for h in h1s if h]
    named = meta.get("title")
    if named:
        low = named.casefold()
        for h in h1s:
            if h.casefold() in low or low in h.casefold():
                return h
        return str(named)
    return h1s[0] if h1s else None


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _body_blocks(body: str) -> list[Block]:
    """JSON-LD articleBody as blocks: plain text as such, or markup when a site put some in."""
    article = _fragment(body) if _TAG.search(body) else None
    return content_blocks(article) if article is not None else text_blocks(body)


def html_blocks(markup: str, rules: RuleSet) -> Page:
    """The main content of a page as blocks, with its headline, metadata and pruned elements."""
    root = parse(markup)
    warnings = cut_short()
    meta = page_metadata(root)
    title = _visible_headline(root, meta)
    body_text = meta.pop("article_body", None)
    pruned = prune(root, rules)
    article = main_content(root)
    blocks = content_blocks(article) if article is not None else []
    if body_text and len(body_text.split()) > ARTICLE_BODY_GAIN * _words(blocks):
        blocks = _body_blocks(body_text)
        meta["body_source"] = "json-ld articleBody"
    if title:
        meta["title"] = title
    return Page(blocks, title, meta, pruned, warnings)
