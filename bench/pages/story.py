"""A story source (stories/<id>.txt) → its fields, its blocks, and its gold body.

A source is a header of `key: value` lines, a line `---`, then blocks set apart by blank lines:

    plain text                a paragraph (inline HTML allowed: <a>, <em>, <strong>, {math})
    ## text / ### text        a sub-heading
    - text (adjacent lines)   an unordered list, one item a line
    1. text                   an ordered list
    [q] text                  a recurring question, printed in bold (story)
    [quote] text              a quotation set apart as a <blockquote> (story)
    [pull] text               a pull quote: decoration, not in the gold
    [fig] caption | credit    a picture with its caption and credit: not in the gold
    [ad]                      an advertising slot between paragraphs
    [related] headline        an inline "read also" teaser
    [part]                    where templates that split the story start a new container
    === headline              a further article or post (live pages, dossiers, next stories);
    === 14:05 | headline      a post with its time

Inline math is written {math:x^2 + y^2} and rendered as MathJax 3 output by the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

STORY_KINDS = frozenset({"p", "h2", "h3", "ul", "ol", "q", "quote"})  # what the gold holds


@dataclass
class Block:
    kind: str  # p h2 h3 ul ol q quote pull fig ad related part
    text: str = ""
    items: list[str] = field(default_factory=list)
    credit: str = ""


@dataclass
class Article:
    headline: str
    blocks: list[Block]
    time: str = ""


@dataclass
class Story:
    id: str
    meta: dict[str, str]
    blocks: list[Block]
    extras: list[Article]

    def __getitem__(self, key: str) -> str:
        return self.meta[key]

    def get(self, key: str, default: str = "") -> str:
        return self.meta.get(key, default)

    def flag(self, key: str) -> bool:
        return self.meta.get(key, "no") == "yes"

    @property
    def headline(self) -> str:
        return self.meta["headline"]

    @property
    def standfirst(self) -> str:
        return self.meta.get("standfirst", "")

    def parts(self) -> list[list[Block]]:
        """The blocks cut at each [part] marker."""
        parts: list[list[Block]] = [[]]
        for block in self.blocks:
            if block.kind == "part":
                parts.append([])
            else:
                parts[-1].append(block)
        return [p for p in parts if p]


_ITEM = re.compile(r"^(?:- |\d+\. )")
_MATH = re.compile(r"\{math:([^}]*)\}")


def _block(chunk: list[str]) -> Block:
    first = chunk[0]
    if first.startswith("### "):
        return Block("h3", first[4:])
    if first.startswith("## "):
        return Block("h2", first[3:])
    if first.startswith("- "):
        return Block("ul", items=[line[2:] for line in chunk])
    if re.match(r"\d+\. ", first):
        return Block("ol", items=[_ITEM.sub("", line) for line in chunk])
    if first.startswith("[fig] "):
        caption, _, credit = first[6:].partition(" | ")
        return Block("fig", caption, credit=credit)
    for tag in ("q", "quote", "pull", "related"):
        if first.startswith(f"[{tag}] "):
            return Block(tag, " ".join(chunk)[len(tag) + 3:])
    if first in ("[ad]", "[part]"):
        return Block(first[1:-1])
    return Block("p", " ".join(chunk))


def _blocks(lines: list[str]) -> list[Block]:
    blocks, chunk = [], []
    for line in [*lines, ""]:
        if line.strip():
            chunk.append(line.strip())
        elif chunk:
            blocks.append(_block(chunk))
            chunk = []
    return blocks


def load(path: Path) -> Story:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        meta[key.strip()] = value.strip()
    sections = re.split(r"^=== (.*)$", body, flags=re.M)
    extras = []
    for title, text in zip(sections[1::2], sections[2::2], strict=True):
        time, _, headline = title.rpartition(" | ")
        extras.append(Article(headline, _blocks(text.splitlines()), time))
    return Story(path.stem, meta, _blocks(sections[0].splitlines()), extras)


def math_text(tex: str) -> str:
    """What MathJax's assistive MathML holds for a formula: its symbols, no spaces."""
    return "".join(tex.replace("^", "").split())


def plain(text: str) -> str:
    """The words of inline markup as a reader gets them."""
    text = _MATH.sub(lambda m: math_text(m.group(1)), text)
    if "<" not in text and "&" not in text:
        return " ".join(text.split())
    return " ".join(lxml.html.fragment_fromstring(text, create_parent="div").text_content().split())


def gold_lines(blocks: list[Block]) -> list[str]:
    lines = []
    for block in blocks:
        if block.kind in ("ul", "ol"):
            lines += [plain(item) for item in block.items]
        elif block.kind in STORY_KINDS:
            lines.append(plain(block.text))
    return lines


def gold(story: Story) -> str:
    """The story as a reader sees it: standfirst when it is running text, sub-headings, list
    items, one paragraph a line; no headline, captions, credits, pull quotes or furniture.
    A live page's posts are its story (with their titles, without their times); a dossier's
    other articles and a next story are not."""
    lines = [story.standfirst] if story.standfirst and story.get("standfirst_gold", "yes") == "yes" else []
    lines += gold_lines(story.blocks)
    if story.flag("extras_gold"):
        for article in story.extras:
            lines += [article.headline, *gold_lines(article.blocks)]
    return "\n".join(lines)
