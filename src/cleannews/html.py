"""HTML → blocks: the page's main content (readability-lxml), split into block elements."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.html
from readability import Document

from .model import CAPTION, HEADING, ITEM, PARAGRAPH, PRE, QUOTE, Block
from .text import normalize_space

_BLOCK_KINDS = {
    "h1": HEADING, "h2": HEADING, "h3": HEADING, "h4": HEADING, "h5": HEADING, "h6": HEADING,
    "p": PARAGRAPH, "li": ITEM, "blockquote": QUOTE, "pre": PRE, "figcaption": CAPTION,
}


@dataclass
class Page:
    blocks: list[Block]
    title: str | None
    metadata: dict[str, Any] = field(default_factory=dict)


def html_blocks(markup: str) -> Page:
    doc = Document(markup)
    title = normalize_space(doc.short_title() or "") or None
    root = lxml.html.fromstring(doc.summary(html_partial=True))
    blocks: list[Block] = []
    for group, el in enumerate(root.iter(*_BLOCK_KINDS)):
        text = normalize_space(el.text_content())
        if text:
            blocks.append(Block(text, _BLOCK_KINDS[el.tag], group))
    return Page(blocks, title, {"title": title} if title else {})
