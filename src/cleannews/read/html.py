"""HTML → blocks: parse once, prune what is never story, find the main content, split it.

1. Parse with lxml, with no network access and no entity expansion (markup.py).
2. Read the metadata (metadata.py) and find the headline and its <h1> on the whole page.
3. Prune: scripts, styles, forms, navigation, hidden elements, and elements whose class, id,
   role, aria-label or data-* names match a selector rule (donation boxes, newsletter
   sign-ups, share bars, related lists, comments, cookie banners). Each pruned element is
   reported with its rule. An element that holds the headline, an <article> or <main>, or
   half the page's text is never pruned: class names lie more often than text does. Names
   that describe no content are not read: an id that is the slug of the element's own
   heading, math markup, an inline element inside a sentence. Chains of wrappers that hold
   one element each (a <div> in a <div> in a <div> around a paragraph) are cut to their ends.
4. Main content (extract.py): readability-lxml's pick, checked against the page, with its
   fallbacks; then the standfirst beside the headline and a sub-heading set above the
   story's container, which readability leaves out when they stand outside it.
5. Blocks (markup.py): headings, paragraphs, list items, quotes, preformatted text, table
   cells and captions, in reading order, with their links. decide/ then treats them as it
   treats the lines of a text dump.

When the page's JSON-LD carries an articleBody clearly longer than what was extracted, the
body comes from there instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..model import HEADING, PARAGRAPH, Block, Decision
from ..rules import Rule, RuleSet
from .extract import PARAGRAPH_CHARS, main_content
from .markup import BLOCK_TAGS, content_blocks, cut_short, fragment, parse
from .metadata import page_metadata
from .readable import readability_muted
from .text import normalize_space, text_blocks

# Never story, whatever their attributes say.
DROP_TAGS = frozenset({"iframe", "object", "embed", "canvas", "form", "button", "input", "select",
                       "textarea", "nav", "aside", "footer", "dialog", "menu"})
_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|blockquote)\b", re.I)
# Not visibility:hidden: pages set it on the story itself until a script has laid it out, and
# what is never to be shown is display:none.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME_SEPARATORS = "-_:./"  # and white space
NAME_ATTRIBUTES = ("class", "id", "role", "aria-label", "itemprop")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_SUBHEADINGS = frozenset(_HEADINGS[1:])
SUBHEADING_MAX_WORDS = 15
# " | ", " - ", " – ", " — ", " · ", " :: ", " » ": what sites put between a headline and their name
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»]|::)\s+")
SITE_MAX_WORDS = 4  # a part after a pipe this short is the site or its section
_HOST_NOISE = frozenset({"www", "m", "amp", "mobile", "edition"})
SUBHEADING_CLIMB = 4  # containers around the first paragraph to look above
_HAS_WORD = re.compile(r"[^\W_]")
_WORDS = re.compile(r"[^\W_]+")
PROTECTED_SHARE = 0.4  # never prune an element holding this share of the page's (paragraph) text
ARTICLE_BODY_GAIN = 1.3  # use JSON-LD articleBody when it has this many times the words
AUTHOR = "metadata.author"
LEFT_OUT = "extract.outside-main-content"
BYLINE_OTHER_WORDS = 8  # "By", a date, a reading time, a separator: what a byline holds besides the name
LEDE_TAGS = frozenset({"p", "div", "h2", "span"})
LEDE_WINDOW = 60  # elements after the headline in which to look for a standfirst
LEDE_MAX_BLOCKS = 2
LEDE_MIN_WORDS = 8

class Page(NamedTuple):
    blocks: list[Block]
    title: str | None
    metadata: dict[str, Any]
    pruned: list[Decision]
    warnings: tuple[str, ...]  # the page was not read whole
    extracted: bool  # the blocks are the story; False: decide.py finds the story's run among them


def element_names(el: lxml.html.HtmlElement) -> str:
    """The words of an element's class, id, role, aria-label, itemprop and data-* names and
    values, lower-cased: what selector rules match ("socialShare__btn" → "social share btn")."""
    items = el.items()
    return read_attributes(items).names if items else ""


_NAME_SLOTS = {name: n for n, name in enumerate(NAME_ATTRIBUTES)}


class Attributes(NamedTuple):
    """What pruning reads of an element's attributes."""
    names: str  # element_names(): what selector rules match
    hidden: bool  # never shown: hidden, aria-hidden="true", display:none
    may_be_unnamed: bool  # an id or data-* value that may be a heading's slug, or math markup (unname())
    muted_class: str | None  # the class without the words readability misreads, when it has some
    muted_id: bool  # the id is one readability misreads


NO_ATTRIBUTES = Attributes("", False, False, None, False)
_READ = frozenset({*NAME_ATTRIBUTES, "hidden", "aria-hidden", "style"})  # and data-*
ATTRIBUTES_SEEN = 20_000  # distinct attribute lists remembered (a page repeats a few hundred of them)
_attributes_seen: dict[tuple[tuple[str, str], ...], Attributes] = {}


def read_attributes(items: list[tuple[str, str]]) -> Attributes:
    """An element's attributes (`el.items()`, one call into lxml) as pruning reads them."""
    # remembered by the attributes read (links' and pictures' addresses would make most lists new)
    key = tuple([item for item in items if item[0] in _READ or item[0][:5] == "data-"])
    if not key:
        return NO_ATTRIBUTES
    found = _attributes_seen.get(key)
    if found is None:
        if len(_attributes_seen) >= ATTRIBUTES_SEEN:
            _attributes_seen.clear()
        found = _attributes_seen[key] = _read_attributes(key)
    return found


def _read_attributes(items: tuple[tuple[str, str], ...]) -> Attributes:
    named: list[tuple[int, str]] = []
    data: list[str] = []
    hidden = unnamed = False
    class_ = id_ = None
    for key, value in items:
        slot = _NAME_SLOTS.get(key)
        if slot is not None:
            if value:
                named.append((slot, value))
            if slot == 0:
                class_ = value
                unnamed = unnamed or "MathJax" in value
            elif slot == 1:
                id_ = value
                unnamed = unnamed or "-" in value
        elif key.startswith("data-"):
            unnamed = unnamed or "-" in value
            if len(value) < 60:
                data.append(f"{key[5:]} {value}")
        elif key == "hidden" or (key == "aria-hidden" and value == "true") or (
                key == "style" and _HIDDEN_STYLE.search(value) is not None):
            hidden = True
    text = " ".join([value for _, value in sorted(named)] + data)
    return Attributes(_name_words(text) if text else "", hidden, unnamed, readability_muted(class_),
                      readability_muted(id_) is not None)


@functools.lru_cache(maxsize=4096)
def _name_words(text: str) -> str:
    # a page gives hundreds of elements the same few class strings: split each one once
    if not text.islower():  # the regex looks at every position: only a capital needs it
        text = _CAMEL.sub(" ", text)
    for separator in _NAME_SEPARATORS:  # str.replace() five times is thrice as fast as str.translate()
        if separator in text:
            text = text.replace(separator, " ")
    return " ".join(text.lower().split())


# Inline elements: inside a sentence, their names say how a link is tracked or styled, never
# that the words are boilerplate ("… said <a data-share-tracking="x">the minister</a> …").
INLINE_TAGS = frozenset({"a", "abbr", "b", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "q",
                         "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})


def _in_a_sentence(el: lxml.html.HtmlElement, dropped: dict[lxml.html.HtmlElement, None]) -> bool:
    """An inline element with words right before or after it in its block (the text before it
    as it will be once the elements `dropped` are gone: their tails stay)."""
    if el.tag not in INLINE_TAGS:
        return False
    if _HAS_WORD.search(el.tail or "") is not None:
        return True
    before = el.getprevious()
    while before is not None and before in dropped:
        if _HAS_WORD.search(before.tail or "") is not None:
            return True
        before = before.getprevious()
    parent = el.getparent()
    text_before = before.tail if before is not None else parent.text if parent is not None else ""
    return _HAS_WORD.search(text_before or "") is not None


def _slug_words(text: str) -> str:
    return " ".join(_WORDS.findall(_CAMEL.sub(" ", text).casefold()))


def unname(el: lxml.html.HtmlElement) -> None:
    """Take off the names that describe no content, before selector rules and readability
    read them: an id (or a data-* value) that is the slug of the element's own heading
    (<section id="social-media-reaction"><h2>Social media reaction</h2>: the story's words,
    not a share widget), and the names math renderers give their markup
    (<mjx-container class="MathJax CtxtMenu_Attached_0">: a formula, not a menu)."""
    attrib = el.attrib
    if el.tag.startswith("mjx-") or "MathJax" in attrib.get("class", ""):
        attrib.pop("class", None)
        attrib.pop("id", None)
        return
    slugs = [k for k, v in attrib.items() if "-" in v and (k == "id" or k.startswith("data-"))]
    if not slugs:
        return
    # its own heading: the element itself, or the heading it opens with
    heading = el if el.tag in _HEADINGS else next(iter(el), None)
    if heading is None or heading.tag not in _HEADINGS:
        return
    said = _slug_words(heading.text_content())
    for key in slugs:
        words = _slug_words(attrib[key])
        if " " in words and words in said:
            del attrib[key]


def _paragraph_text(el: lxml.html.HtmlElement) -> int:
    return sum(len(p.text_content()) for p in el.iter("p"))


class _Totals:
    """What _protected() weighs an element against. The page's text and paragraph text are
    measured when first asked, which is before the walk has renamed or removed anything (it
    asks before it does either): a page with nothing for a rule to remove never reads them."""

    def __init__(self, body: lxml.html.HtmlElement, holding_headline: set[Any], holding_story: set[Any]) -> None:
        self.body = body
        self.holding_headline = holding_headline  # the elements with an <h1> below them
        self.holding_story = holding_story  # ... with an <article> or <main> below them

    @functools.cached_property
    def text(self) -> int:
        return len(self.body.text_content())

    @functools.cached_property
    def paragraphs(self) -> int:
        return _paragraph_text(self.body)


def _ancestors_of(root: lxml.html.HtmlElement, *tags: str) -> set[Any]:
    held: set[Any] = set()
    for el in root.iter(*tags):
        for ancestor in el.iterancestors():
            if ancestor in held:
                break
            held.add(ancestor)
    return held


def _protected(el: lxml.html.HtmlElement, totals: _Totals, *, hidden: bool = False) -> bool:
    """Elements that cannot be boilerplate, whatever their names say: the ones holding the
    headline, an <article> or <main>, or a large share of the page's text or of its
    paragraph text (stories are made of paragraphs; sidebars and menus are not).

    The headline of a hidden element does not count: pages hide a copy of the article's
    fields for search engines (schema.org microdata), its <h1> and a teaser included."""
    if el.tag in ("html", "body", "main", "article"):
        return True
    if el in totals.holding_story or (not hidden and el in totals.holding_headline):
        return True
    if totals.text and len(el.text_content()) >= PROTECTED_SHARE * totals.text:
        return True
    return totals.paragraphs > 0 and _paragraph_text(el) >= PROTECTED_SHARE * totals.paragraphs


_WRAPPERS = frozenset({"div", "section", "figure", "span"})


def _quotations(root: lxml.html.HtmlElement, rules: RuleSet) -> None:
    """The quotations of a page, their class and id taken off and the wrappers that hold
    nothing else dropped (their content kept in place).

    A quotation is the story's own material: an embedded post
    (div.social-media-embed > blockquote.twitter-tweet) carries social-network names but is
    what the article quotes. Those names only said which widget drew it, and they cost it
    its place: selector rules read them as sharing widgets, readability removes elements
    named like "tweet", and weighs a <div> of a few words and two links as link clutter.
    A wrapper named as an appeal (div.newsletter-box > blockquote) is no such widget: it stays.
    """
    for quote in list(root.iter("blockquote")):
        quote.attrib.pop("class", None)
        quote.attrib.pop("id", None)
        text = quote.text_content().strip()
        wrapper = quote.getparent()
        while (wrapper is not None and wrapper.tag in _WRAPPERS and wrapper.text_content().strip() == text
               and not any(r.family == "ask" for r in rules.selector_hits(element_names(wrapper)))):
            outer = wrapper.getparent()
            wrapper.drop_tag()
            wrapper = outer


_CAPTION = ("", "caption", "")  # not removed: marked as a caption


def _unwanted(tag: str, hidden: bool, hits: tuple[Rule, ...], names: str) -> tuple[str, str, str] | None:
    """Why an element is never story, as (rule id, role, reason); _CAPTION for a caption."""
    if tag in DROP_TAGS:
        return f"markup.{tag}", "chrome", f"a <{tag}> element"
    if hidden:
        return "markup.hidden", "chrome", "hidden on the page"
    if any(r.family == "story" for r in hits):
        return None  # named as the story: what else its names say is not believed; its markup is
    if any(r.family == "caption" for r in hits):
        return _CAPTION
    if hits:
        return hits[0].id, hits[0].family, f"{hits[0].kind}: element named {names[:60]!r}"
    return None


_SILENT_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})  # removed without a report
# Generic wrappers: between an element that holds only them and the one element they hold,
# they say nothing but their names.
_WRAPPER_TAGS = frozenset({"div", "section"})


class _Pruner:
    """One walk over a page in document order, reading each element's attributes once; what is
    never story is reported and removed when the walk is done (its subtree is not visited)."""

    def __init__(self, rules: RuleSet, total: _Totals) -> None:
        self.rules = rules
        self.total = total
        self.removed: list[Decision] = []
        self.dropped: dict[lxml.html.HtmlElement, None] = {}  # in document order
        self.wrappers: list[lxml.html.HtmlElement] = []  # around one element: may collapse()
        self.named: set[lxml.html.HtmlElement] = set()  # the wrappers with attributes

    def walk(self, top: lxml.html.HtmlElement, unnaming: bool) -> None:
        # iter() costs half what iterwalk() does; a subtree is skipped up to the node after it
        resume: Any = None  # while skipping: that node
        for el in top.iter():
            if resume is not None:
                if el is not resume:
                    continue
                resume = None
            tag = el.tag
            if not isinstance(tag, str):
                continue
            items = el.items()
            if not items and tag not in DROP_TAGS:  # most elements: nothing to read, nothing to mute
                if tag in _WRAPPER_TAGS and len(el) == 1:
                    self.wrappers.append(el)
                continue
            attributes = read_attributes(items)
            if unnaming and items and (attributes.may_be_unnamed or tag.startswith("mjx-")):
                unname(el)
                attributes = read_attributes(el.items())
            if attributes.names or attributes.hidden or tag in DROP_TAGS:
                # a quotation's names (what widget drew it) and those of an inline element inside a
                # sentence (how a link is tracked) are not read (asked only of names a rule matches)
                names = "" if tag == "blockquote" else attributes.names
                hits = self.rules.selector_hits(names) if names else ()
                if hits and _in_a_sentence(el, self.dropped):
                    hits = ()
                why = _unwanted(tag, attributes.hidden, hits, names)
                # Asked last, and only of an element about to go: it searches the whole subtree.
                if why is not None and not _protected(el, self.total, hidden=why[0] == "markup.hidden"):
                    if why is _CAPTION:
                        el.tag = "figcaption"  # a caption by its names: kept as one, for decide.py to weigh
                    else:
                        self.drop(el, *why)
                    resume = _after(el, top)
                    if resume is None:
                        return  # nothing of top's tree follows
                    continue
            # what readability would misread goes
            if attributes.muted_class is not None:
                el.set("class", attributes.muted_class)
            if attributes.muted_id:
                del el.attrib["id"]
            if tag in _WRAPPER_TAGS and len(el) == 1:
                self.wrappers.append(el)
                self.named.add(el)

    def drop(self, el: lxml.html.HtmlElement, rule: str, role: str, reason: str) -> None:
        text = normalize_space(el.text_content())
        if text:
            self.removed.append(Decision(Block(text), False, role, rule, reason, ""))
        self.dropped[el] = None


def _after(el: lxml.html.HtmlElement, top: lxml.html.HtmlElement) -> Any:
    """The node that follows el's subtree in document order within top's tree, if one does."""
    while el is not top:
        following = el.getnext()
        if following is not None:
            return following
        el = el.getparent()
    return None


def prune(root: lxml.html.HtmlElement, rules: RuleSet) -> list[Decision]:
    """Remove what is never story, in place; returns a decision for each removed element with text."""
    etree.strip_elements(root, *_SILENT_TAGS, with_tail=False)  # as drop_tree() each: their tails stay
    body = root.find("body")
    body = body if body is not None else root
    _quotations(body, rules)  # (it changes no text: the page's totals are the same before and after it)
    # which elements hold the headline or a story, once: the walk renames no <article> or
    # <main>, and an <h1> it renames (a caption) was looked for from its ancestors already
    holding = _ancestors_of(root, "h1"), _ancestors_of(root, "article", "main")
    pruner = _Pruner(rules, _Totals(body, *holding))
    for top in list(root):
        # names that describe no content are looked for in the page's body
        pruner.walk(top, unnaming=body is root or top is body)
    # Removed once the walk is done: an element's subtree is whole when it is weighed, so a
    # removal changes no later decision but for the text before an inline element (its tail stays).
    for el in pruner.dropped:
        el.drop_tree()
    collapse(pruner.wrappers, pruner.named)
    return pruner.removed


def collapse(wrappers: list[lxml.html.HtmlElement], named: set[lxml.html.HtmlElement]) -> None:
    """Take out the wrappers (in document order) that are the only element of an element
    holding no text and themselves hold one element and no text: page builders set each
    paragraph in a chain of <div>s. Every later pass (measuring, scoring, splitting into
    blocks) then reads a fraction of the elements, with the same blocks, and readability
    scores the paragraphs' real container (it weighs a paragraph's parent and grandparent
    only). The chain's ends stay: the outermost holds its place among its siblings (which
    readability merges into its pick, and sanitize weighs, by their tags), the innermost says
    what the content is. What a wrapper taken out said goes on to the outermost, which now
    stands for it: its class names join that element's, and its id stands for a missing one
    (readability weighs both; selector rules have read them already). Only the wrappers
    `named` have attributes (asking the others for theirs was a tenth of the work)."""
    at, count = 0, len(wrappers)
    while at < count:
        wrapper = wrappers[at]
        at += 1
        outer = wrapper.getparent()
        if (outer is None or wrapper.getprevious() is not None or wrapper.getnext() is not None
                or _holds_text(outer) or _holds_text(wrapper, tail=True)):
            continue  # not a chain (any more: pruning took an element out, or one taken out before)
        # The wrapper, and the ones it holds after it: each, once the one above it is taken out,
        # stands alone in `outer` with that one's tail, so only what it holds is asked of it.
        # (len() counts an element's children: not asked of `outer`.)
        chain = []
        while len(wrapper) == 1 and not _holds_text(wrapper) and not _holds_text(wrapper[0], tail=True):
            chain.append(wrapper)
            if at == count or wrappers[at] is not wrapper[0]:
                break
            wrapper = wrappers[at]
            at += 1
        if not chain:
            continue
        for cut in chain:
            if cut not in named:
                continue
            names = cut.get("class")
            if names:
                own = outer.get("class")
                outer.set("class", f"{own} {names}" if own else names)
            name = cut.get("id")
            if name and not outer.get("id"):
                outer.set("id", name)
        held = chain[-1][0]
        held.tail = chain[0].tail
        outer.replace(chain[0], held)


def _holds_text(el: lxml.html.HtmlElement, tail: bool = False) -> bool:
    text = el.tail if tail else el.text
    return bool(text) and not text.isspace()


def _headline_key(text: str) -> str:
    """A headline as compared: Unicode forms folded ("…" is "..."), case and end marks aside."""
    return unicodedata.normalize("NFKC", text).casefold().strip(" .…:!?-–—|")


def _letters(text: str) -> str:
    """What two spellings of a name share: "The Verge" and "theverge" are both "theverge"."""
    return "".join(c for c in _headline_key(text) if c.isalnum())


def site_names(meta: dict[str, Any]) -> set[str]:
    """The site's name as the page may print it: its declared name, and its host's name
    (www.example-news.com → examplenews)."""
    names = {_letters(str(meta["site_name"]))} if meta.get("site_name") else set()
    host = urlsplit(str(meta.get("url") or "")).hostname or ""
    labels = [label for label in host.split(".") if label not in _HOST_NOISE]
    if len(labels) >= 2:
        names.add(_letters(labels[-2]))  # the registered name: news.example.co.uk → example
    return {n for n in names if n}


def without_site(title: str, sites: set[str]) -> str:
    """A page title without the site's name before or after it ("Headline | Site",
    "Site - Headline"): the name at either end, and after a pipe any short last part."""
    parts: list[tuple[int, int]] = []
    at = 0
    for gap in _TITLE_SEPARATOR.finditer(title):
        parts.append((at, gap.start()))
        at = gap.end()
    parts.append((at, len(title)))
    while len(parts) > 1 and _letters(title[slice(*parts[-1])]) in sites:
        parts.pop()
    while len(parts) > 1 and _letters(title[slice(*parts[0])]) in sites:
        parts.pop(0)
    last = title[slice(*parts[-1])]
    if len(parts) > 1 and title[parts[-2][1]:parts[-1][0]].strip() == "|" and len(last.split()) <= SITE_MAX_WORDS:
        parts.pop()  # "Headline | Section" or a site name not declared: a pipe does not head a headline
    return title[parts[0][0]:parts[-1][1]].strip()


def headline(root: lxml.html.HtmlElement, meta: dict[str, Any]) -> tuple[str | None, lxml.html.HtmlElement | None]:
    """The headline as the page shows it, and its <h1>: the <h1> that agrees with the page's
    own title, else that title (without the site's name around it; and no element), else the
    first <h1>. An <h1> that is the site's name (a blog's masthead) is no headline, nor a
    title that is only the site's name."""
    sites = site_names(meta)
    h1s = [(normalize_space(h.text_content()), h) for h in root.iter("h1")][:5]
    h1s = [(text, h) for text, h in h1s if text and _letters(text) not in sites]
    named = meta.get("title")
    named = without_site(str(named), sites) if named else None
    if named and _letters(named) not in sites:
        low = _headline_key(named)
        for text, h in h1s:
            key = _headline_key(text)
            if key and (key in low or low in key):
                return text, h
        return named, None
    return h1s[0] if h1s else (None, None)


def _in_tree(el: lxml.html.HtmlElement | None, root: lxml.html.HtmlElement) -> bool:
    return el is not None and (el is root or root in el.iterancestors())


def _running(text: str) -> bool:
    """A sentence or more of running text, not a label, a byline, a date or a headline-style
    summary (a dek without a full stop is the headline's, not the story's)."""
    return len(text.split()) >= LEDE_MIN_WORDS and text[-1:] in ".!?…\"'»”’)"


def standfirst(h1: lxml.html.HtmlElement | None, blocks: list[Block]) -> list[Block]:
    """Running text printed between the headline and the story, outside the container the
    story came from (a standfirst beside the <h1>, in the page's header): readability keeps
    what is in its container, and a lede set apart from it was lost."""
    if h1 is None or not blocks:
        return []
    story = " ".join(b.text for b in blocks)
    # beside the headline: in the element that holds it, or the one around that (a header)
    header = next(h1.iterancestors(), None)
    header = next(header.iterancestors(), header) if header is not None else None
    found: list[Block] = []
    for el in h1.xpath(f"following::*[position() <= {LEDE_WINDOW}]"):
        if header is None or header not in el.iterancestors():
            break
        if el.tag not in LEDE_TAGS or any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el):
            continue  # a leaf block: the wrapper's text is its children's
        text = normalize_space(el.text_content())
        if text and (text in story or blocks[0].text in text):
            break  # the story has begun
        if _running(text) and not _captions_a_picture(el):
            found.append(Block(text))
            if len(found) == LEDE_MAX_BLOCKS:
                break
    return found


def subheading(root: lxml.html.HtmlElement, blocks: list[Block]) -> list[Block]:
    """A sub-heading set directly above the container the story came from ("Origin" heading
    a fact check's body in a card of its own): readability keeps what is in its container.
    Found by walking back from the story's first paragraph, over what is empty or the story's
    own, up to the first other text."""
    at = next((n for n, b in enumerate(blocks) if b.kind == PARAGRAPH and len(b.text) >= PARAGRAPH_CHARS), None)
    first = blocks[at].text if at is not None else None
    el = next((p for p in root.iter("p") if normalize_space(p.text_content()) == first), None) if first else None
    if el is None or at is None:
        return []
    # what an element before the first paragraph may hold of the story: its blocks up to that
    # one (block breaks aside), not the whole story, which on a long page is long to search
    story = "".join("".join(b.text for b in blocks[:at + 1]).split())
    for _ in range(SUBHEADING_CLIMB):
        before = el.getprevious()
        while before is not None and "".join(before.text_content().split()) in story:
            before = before.getprevious()  # empty, or the story's own
        if before is not None:
            if before.tag not in _SUBHEADINGS:
                return []
            text = normalize_space(before.text_content())
            return [Block(text, HEADING)] if len(text.split()) <= SUBHEADING_MAX_WORDS else []
        el = el.getparent()
        if el is None:
            return []
    return []


def _captions_a_picture(el: lxml.html.HtmlElement) -> bool:
    """Inside a figure, a caption or a link, or right after a picture: a caption or a teaser."""
    if next(el.iterancestors("figure", "figcaption", "a"), None) is not None:
        return True
    before = el.getprevious()
    return before is not None and before.tag in ("img", "picture")


def bylines(blocks: list[Block], authors: list[str]) -> tuple[list[Block], list[Decision]]:
    """The blocks less the lines that only name the page's author ("Gemma Rowe", "By Gemma
    Rowe | 6 March 2025"), which its metadata names: an extractor that keeps an article's
    header keeps its byline, and no rule knows a name."""
    names = [name.casefold() for name in authors if len(name.split()) >= 2]
    if not names:
        return blocks, []
    kept: list[Block] = []
    dropped: list[Decision] = []
    for b in blocks:
        low = b.text.casefold()
        name = next((n for n in names if n in low), None)
        if (name is not None and len(low.split()) - len(name.split()) <= BYLINE_OTHER_WORDS
                and low[-1:] not in ".!?"):
            dropped.append(Decision(b, False, "chrome", AUTHOR, "the page's author, as its metadata names them", ""))
        else:
            kept.append(b)
    return kept, dropped


def left_out(root: lxml.html.HtmlElement, blocks: list[Block], extractor: str,
             taken_from: tuple[Any, ...] = (), cut: tuple[Any, ...] = ()) -> list[Decision]:
    """The page's text that pruning kept and the main-content step did not take: every word of
    a page that is not printed is accounted for, by a rule or by this step. The elements the
    blocks were read from whole (`taken_from`, less what was `cut` out of them) are not read
    again: on a long story, that was most of the page."""
    body = root.find("body")
    same = {b.text for b in blocks}
    taken = "\n".join(same)  # readability splits and joins some blocks its own way
    read = content_blocks(body if body is not None else root, frozenset(taken_from))
    read += [b for el in cut for b in content_blocks(el)]
    return [Decision(b, False, "outside", LEFT_OUT, f"not in the main content that {extractor} found", "")
            for b in read if b.text not in same and b.text not in taken]


def _words(blocks: list[Block]) -> int:
    return sum(len(b.text.split()) for b in blocks)


def _body_blocks(body: str) -> list[Block]:
    """JSON-LD articleBody as blocks: plain text as such, or markup when a site put some in."""
    article = fragment(body) if _TAG.search(body) else None
    return content_blocks(article) if article is not None else text_blocks(body)


def html_blocks(markup: str, rules: RuleSet) -> Page:
    """The main content of a page as blocks, with its headline, metadata and pruned elements."""
    root = parse(markup)
    warnings = cut_short()
    meta = page_metadata(root)
    title, h1 = headline(root, meta)
    body_text = meta.pop("article_body", None)
    pruned = prune(root, rules)
    h1 = h1 if _in_tree(h1, root) else None
    story = main_content(root, h1)
    blocks = standfirst(h1, story.blocks) + subheading(root, story.blocks) + story.blocks
    name, why = story.name, story.why
    if body_text and len(body_text.split()) > ARTICLE_BODY_GAIN * _words(blocks):
        name, blocks = "json-ld articleBody", _body_blocks(body_text)
        why = "; ".join(w for w in (why, f"{story.name}'s pick was shorter than the page's JSON-LD articleBody") if w)
    outside = left_out(root, blocks, name, *(story.taken_from, story.cut) if name == story.name else ())
    blocks, named = bylines(blocks, meta.get("authors", []))
    meta["extractor"] = name
    if why:
        meta["extractor_why"] = why
    if title:
        meta["title"] = title
    return Page(blocks, title, meta, pruned + named + outside, warnings, story.extracted or name != story.name)
