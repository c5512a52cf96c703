"""The data that crosses module boundaries: blocks in, decisions and a result out.

Named tuples rather than dataclasses: immutable all the same, and they cost a tenth of the
start-up time to define, which a command-line tool run once per file pays every time.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# Block kinds. Readers (text.py, html.py) say what a block *is*; decide.py says what to do with it.
HEADING = "heading"  # a heading: <h1>-<h6>, or a line a text dump sets apart as one
PARAGRAPH = "paragraph"  # running text: a <p>, or a line / paragraph of a text dump
ITEM = "item"  # a list item or a bulleted line of a dump
QUOTE = "quote"  # a block quote
CAPTION = "caption"  # marked as a caption by the markup (<figcaption>, caption classes)
CONTROL = "control"  # form fields, buttons and image placeholders of a text dump
PRE = "pre"  # preformatted text (its whitespace folded like any other)
CELL = "cell"  # a table cell

KINDS = frozenset({HEADING, PARAGRAPH, ITEM, QUOTE, CAPTION, CONTROL, PRE, CELL})


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


class Result(NamedTuple):
    """The clean story and everything needed to explain it. `text` is the headline, a blank
    line and the story; `body` the story alone (for callers who have the title already)."""

    text: str
    title: str | None
    metadata: dict[str, Any]
    decisions: tuple[Decision, ...]
    input_format: str  # "text" or "html"
    encoding: str | None = None
    warnings: tuple[str, ...] = ()  # what was not read (a parse cut short at a limit)
    body: str = ""

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
