"""Teasers inside a story, by their shape: another story's headline with its button.

A teaser is a title that links elsewhere. In text the link is gone, but its button is not:

- a button glued to the title: "… weiterlesen", "… Подробнее", "Devamını oku »" (an
  ellipsis and a word or three at the end, or a word or three and an arrow);
- a title right above a read-more line (a rule names the button, in any pack's language);
- a title with its card's label under it ("News · 2 hours ago": a few words and a number),
  between two paragraphs of the story;
- a title right above an embedded player (a text browser prints it as "IFRAME: …");
- a title that is wholly a link, alone between two of the story's paragraphs (a sub-heading
  links nowhere; lynx's numbers show where a text's links were).

Told by punctuation and position, never by the button's words, so it holds in a language no
pack knows. A story's sentence ends with its full stop, not with a button.
"""

from __future__ import annotations

from ..lazy import Lazy
from ..model import CONTROL, ITEM
from .evidence import CLOSERS, Unit
from .positions import TEASER_ABOVE_BUTTON, TEASER_CARD, TEASER_EMBED, TEASER_GLUED, TEASER_LINKED

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

TEASER_MAX_WORDS: Final = 30  # a headline and its button; longer is a paragraph
BUTTON_MAX_WORDS: Final = 4  # a read-more line on its own
TITLE_MIN_WORDS: Final = 3
CARD_LABEL_MAX_WORDS: Final = 6
_EMBED: Final = ("IFRAME", "[iframe", "[IFRAME")  # how text browsers print an embedded frame
# an ellipsis and up to three words that are not a sentence's, or a few words and an arrow
_ELLIPSIS_BUTTON: Final = Lazy(r"(?:…|\.\.\.)\s*[^\s.!?…]+(?:\s[^\s.!?…]+){0,2}\s*[»›→]?$")
_ARROW_BUTTON: Final = Lazy(r"[^\s.!?…]\s[»›→]$")
_SENTENCE_BREAK: Final = Lazy(r"[.!?]\s")
_ARROWS: Final = frozenset("»›→")


def _glued(u: Unit) -> bool:
    text = u.block.text
    if "…" not in text and "..." not in text and text[-1:] not in _ARROWS:
        return False  # most lines: neither dots nor an arrow
    button = _ELLIPSIS_BUTTON.search(text) or _ARROW_BUTTON.search(text)
    if button is None or _SENTENCE_BREAK.search(text, 0, button.start()):
        return False  # a headline is one phrase: sentences before the dots are a post's text
    # "»" closes a quotation too: "… « c'est fini »" is speech, not a button
    return not (text.endswith("»") and "«" in text)


def _read_more(u: Unit) -> bool:
    return u.chrome is not None and u.chrome.kind == "readmore" and u.words <= BUTTON_MAX_WORDS


def _titled(u: Unit) -> bool:
    """A line the size and shape of a headline: a few words, no full stop, nothing a rule
    names, no bracket left open (a citation that goes on in the next line)."""
    text = u.block.text
    return (TITLE_MIN_WORDS <= u.words <= TEASER_MAX_WORDS and not u.prose and not u.hits
            and u.block.kind not in (CONTROL, ITEM) and text.rstrip(CLOSERS)[-1:] not in ".:"
            and text.count("(") == text.count(")") and text.count("[") == text.count("]"))


def _all_link(u: Unit) -> bool:
    """The whole line is one link's text."""
    return any(anchor == u.block.text for anchor, _ in u.block.links)


def _card_label(u: Unit) -> bool:
    """A card's label: a section and a time, a few words with a number ("News · 2 hours ago")."""
    return (u.words <= CARD_LABEL_MAX_WORDS and not u.prose and u.block.kind != CONTROL
            and any(c.isdigit() for c in u.block.text) and u.block.text.rstrip(CLOSERS)[-1:] not in ".:")


def mark_teasers(units: list[Unit]) -> None:
    """Mark the teasers among short blocks (Unit.teaser: the shape test that found them)."""
    solid = [u for u in units if u.block.kind != CONTROL]
    for n, u in enumerate(solid):
        if u.words > TEASER_MAX_WORDS or u.prose or u.hits:
            continue
        if _glued(u):
            u.teaser = TEASER_GLUED
        elif u.words >= TITLE_MIN_WORDS and n + 1 < len(solid) and _read_more(solid[n + 1]):
            u.teaser = TEASER_ABOVE_BUTTON
        elif (_titled(u) and 0 < n < len(solid) - 2 and solid[n - 1].prose and _card_label(solid[n + 1])
              and solid[n + 2].prose):
            u.teaser = solid[n + 1].teaser = TEASER_CARD
        elif _titled(u) and _all_link(u) and 0 < n < len(solid) - 1 and solid[n - 1].prose and solid[n + 1].prose:
            u.teaser = TEASER_LINKED
    for n, u in enumerate(units[:-1]):
        if units[n + 1].block.kind == CONTROL and units[n + 1].block.text.startswith(_EMBED) and _titled(u):
            u.teaser = TEASER_EMBED
