"""How text.py reads a line that starts with a bracket: a text browser's placeholders go, what
an article prints in brackets stays."""

from __future__ import annotations

import pytest

from cleannews.model import CONTROL, PARAGRAPH
from cleannews.read.text import text_blocks


@pytest.mark.parametrize(("line", "kind", "text"), [
    ("[image] Engineers repair the landing stage.", PARAGRAPH, "Engineers repair the landing stage."),
    ("[lazyload-p] (BUTTON) Share this story", PARAGRAPH, "Share this story"),
    ("[12]Harbour news", PARAGRAPH, "Harbour news"),  # lynx's link number, without -nolist
    ("[1] Ruskin KJ. Alarm fatigue. 2015.", PARAGRAPH, "[1] Ruskin KJ. Alarm fatigue. 2015."),  # a note
    ("[button link=x] Send us your review[/button]", PARAGRAPH, "[button link=x] Send us your review[/button]"),
    ("[image.jpg]", CONTROL, "[image.jpg]"),
    ("[1]", CONTROL, "[1]"),
])
def test_leading_placeholders(line: str, kind: str, text: str) -> None:
    [block] = text_blocks(line)
    assert (block.kind, block.text) == (kind, text)
