"""The built-in position and shape tests, reported like rule ids in every decision."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

# Built-in position tests, reported like rule ids.
OUTSIDE: Final = "position.outside-story"
PREAMBLE: Final = "position.between-headline-and-story"
TITLE_DUPLICATE: Final = "position.headline-repeated"
FORM: Final = "shape.form-or-placeholder"
BOX: Final = "position.under-a-dropped-label"
SANDWICH: Final = "position.between-appeals"
BESIDE: Final = "position.beside-an-appeal"
LEAD_IN: Final = "position.appeal-lead-in"
PITCH: Final = "position.appeal-heading-and-pitch"
PERKS: Final = "position.appeal-perks"
TITLE: Final = "position.headline"
REPEATED: Final = "position.repeated-block"
TEMPLATE: Final = "shape.card-or-comment-template"
TEASER_GLUED: Final = "shape.teaser-with-button"
TEASER_ABOVE_BUTTON: Final = "position.title-above-read-more"
TEASER_CARD: Final = "shape.teaser-card-in-story"
TEASER_EMBED: Final = "position.title-above-embed"
TEASER_LINKED: Final = "shape.linked-title-in-story"
STORY: Final = "story"

# Why a block that no rule names is part of an appeal box (boxes.py).
BOX_REASONS: Final = {
    SANDWICH: "between two appeal blocks",
    BESIDE: "leans towards asking, beside an appeal",
    LEAD_IN: "the lead-in of an appeal box, from its header to its ask",
    PITCH: "the heading and pitch above an appeal's form",
    PERKS: "the list under an appeal's label",
}

# Why a short block that no rule names is another story's teaser (teasers.py).
TEASER_REASONS: Final = {
    TEASER_GLUED: "another story's headline with its read-more button glued on",
    TEASER_ABOVE_BUTTON: "another story's headline above a read-more button",
    TEASER_CARD: "a card between the story's paragraphs: a headline and its section and time",
    TEASER_EMBED: "the title of an embedded player",
    TEASER_LINKED: "a headline that is wholly a link, alone between the story's paragraphs",
}
