"""The built-in position and shape tests, reported like rule ids in every decision."""

from __future__ import annotations

# Built-in position tests, reported like rule ids.
OUTSIDE = "position.outside-story"
PREAMBLE = "position.between-headline-and-story"
TITLE_DUPLICATE = "position.headline-repeated"
FORM = "shape.form-or-placeholder"
BOX = "position.under-a-dropped-label"
SANDWICH = "position.between-appeals"
BESIDE = "position.beside-an-appeal"
LEAD_IN = "position.appeal-lead-in"
PITCH = "position.appeal-heading-and-pitch"
PERKS = "position.appeal-perks"
TITLE = "position.headline"
REPEATED = "position.repeated-block"
TEMPLATE = "shape.card-or-comment-template"
TEASER_GLUED = "shape.teaser-with-button"
TEASER_ABOVE_BUTTON = "position.title-above-read-more"
TEASER_CARD = "shape.teaser-card-in-story"
TEASER_EMBED = "position.title-above-embed"
TEASER_LINKED = "shape.linked-title-in-story"
STORY = "story"

# Why a block that no rule names is part of an appeal box (boxes.py).
BOX_REASONS = {
    SANDWICH: "between two appeal blocks",
    BESIDE: "leans towards asking, beside an appeal",
    LEAD_IN: "the lead-in of an appeal box, from its header to its ask",
    PITCH: "the heading and pitch above an appeal's form",
    PERKS: "the list under an appeal's label",
}

# Why a short block that no rule names is another story's teaser (teasers.py).
TEASER_REASONS = {
    TEASER_GLUED: "another story's headline with its read-more button glued on",
    TEASER_ABOVE_BUTTON: "another story's headline above a read-more button",
    TEASER_CARD: "a card between the story's paragraphs: a headline and its section and time",
    TEASER_EMBED: "the title of an embedded player",
    TEASER_LINKED: "a headline that is wholly a link, alone between the story's paragraphs",
}
