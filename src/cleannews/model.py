"""The data that crosses module boundaries: blocks in, decisions and a result out.

Named tuples rather than dataclasses: immutable all the same, and they cost a tenth of the
start-up time to define, which a command-line tool run once per file pays every time.
"""

from __future__ import annotations

from functools import partial

from .records import NamedTuple, TypedDict

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Final

# Block kinds. Readers (text.py, html.py) say what a block *is*; decide.py says what to do with it.
# (Final: the modules setup.py compiles read each as a constant, not from their globals.)
HEADING: Final = "heading"  # a heading: <h1>-<h6>, or a line a text dump sets apart as one
PARAGRAPH: Final = "paragraph"  # running text: a <p>, or a line / paragraph of a text dump
ITEM: Final = "item"  # a list item or a bulleted line of a dump
QUOTE: Final = "quote"  # a block quote
CAPTION: Final = "caption"  # marked as a caption by the markup (<figcaption>, caption classes)
CONTROL: Final = "control"  # form fields, buttons and image placeholders of a text dump
PRE: Final = "pre"  # preformatted text (its whitespace folded like any other)
CELL: Final = "cell"  # a table cell

KINDS = frozenset({HEADING, PARAGRAPH, ITEM, QUOTE, CAPTION, CONTROL, PRE, CELL})
NO_PACK = "no rule pack for"  # how a Result's warning about a language without a rule pack begins


class Document(NamedTuple):
    """A page read from its bytes: what kind of text it is and the text, decoded."""

    kind: str  # "text" or "html"
    text: str
    encoding: str | None  # None when the caller passed str
    container: str | None = None  # what held the page: "gzip", "mhtml", "webarchive", "gzip+mhtml", ...


class Block(NamedTuple):
    """One unit of the document that is kept or dropped as a whole (save for inline cuts).

    `group` ties blocks of one source paragraph (or one list) together, so that rendering can
    keep list items on adjacent lines; `level` is a text line's indentation (lynx sets
    headings left of the body).
    """

    text: str
    kind: str = PARAGRAPH
    group: int = 0
    level: int = 0
    marker: str = ""  # the bullet or number a list item was written with
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, href) of the links in it (HTML)


# A Block made from all six of its fields, in their order, at once and in C: Block(...) runs
# the named tuple's __new__, a Python function, and the readers make one for every line or
# element of a page. The same tuple, of the same class.
new_block: Callable[[tuple[str, str, int, int, str, tuple[tuple[str, str], ...]]], Block] = partial(
    tuple.__new__, Block)


class Cut(NamedTuple):
    """A sentence removed from inside a kept block."""

    text: str
    rule: str
    reason: str


class Decision(NamedTuple):
    """What happened to one block, and why. `text` is what is printed ("" when dropped)."""

    block: Block
    keep: bool
    role: str  # title | story | appeal | chrome | caption | outside
    rule: str  # the id of the rule or position test that decided
    reason: str
    text: str
    cuts: tuple[Cut, ...] = ()


class Removed(NamedTuple):
    """A piece of the input that is not in the output, with the rule that removed it."""

    text: str
    rule: str
    reason: str
    role: str


class Link(NamedTuple):
    """A link of the kept story (Options.links): its anchor text and where it goes, made
    absolute against the page's <base>, Options.url or its canonical URL when one is known."""

    text: str
    url: str


class Metadata(TypedDict, total=False):
    """What Result.metadata may hold. Every key is optional: a page gives what its markup
    says (JSON-LD, Open Graph, meta tags, <title>, <html lang>); a text gives none of them
    but `url`, from Options.url."""

    title: str  # the page's own headline (Result.title is the one printed)
    authors: list[str]
    date_published: str  # as the page writes it (usually ISO 8601)
    date_modified: str
    site_name: str
    url: str  # the canonical URL, else Options.url
    language: str  # as the page declares it: "en", "pt-BR", "en_US"
    description: str
    image: str
    article_body: str  # JSON-LD articleBody, when the page has one
    extractor: str  # HTML: which main-content extractor gave the story
    extractor_why: str  # HTML: why the extractors before it were not taken


class Result(NamedTuple):
    """The clean story and everything needed to explain it.

    text: what `cleannews` prints: the headline, a blank line, then the story's paragraphs
        separated by blank lines ("" when nothing was left). With Options.links, each
        linked anchor is followed by its number, `anchor [1]`, and the numbered list of
        links closes the text.
    title: the headline, or None when none was found.
    metadata: what the page says about itself; see Metadata for the keys.
    decisions: every block of the input, in order, kept or dropped, with the rule that
        decided and why (what --explain prints).
    input_format: "text" or "html": how the input was read.
    encoding: the encoding the bytes were decoded from; None when a str was given.
    warnings: what was not read or not fully handled (a parse cut short at a limit, a
        language without a rule pack); empty when all went well.
    body: the story alone, without the headline (for callers who have the title already).
    links: with Options.links, the links of the kept story in the order they are numbered;
        None otherwise.

    The `removed` property lists every dropped block and cut sentence with its rule;
    `rules_fired`, the distinct rule ids behind them. `cleannews.render.render(result,
    format)` gives it as text, markdown, JSON or CSV.
    """

    text: str
    title: str | None
    metadata: Metadata
    decisions: tuple[Decision, ...]
    input_format: str  # "text" or "html"
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    body: str = ""
    links: tuple[Link, ...] | None = None

    @property
    def removed(self) -> list[Removed]:
        """Every dropped block and inline cut, in document order."""
        out: list[Removed] = []
        for d in self.decisions:
            if not d.keep:
                out.append(Removed(d.block.text, d.rule, d.reason, d.role))
            out.extend(Removed(c.text, c.rule, c.reason, "appeal") for c in d.cuts)
        return out

    @property
    def rules_fired(self) -> list[str]:
        """The distinct rule ids behind every removal, sorted."""
        return sorted({r.rule for r in self.removed})


# A Result made from all nine of its fields, in their order, in C: its _replace() is Python,
# called with keywords (13K instructions), and every page is rendered through one or two.
new_result: Callable[[tuple[Any, ...]], Result] = partial(tuple.__new__, Result)
