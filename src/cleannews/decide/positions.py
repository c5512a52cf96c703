"""The built-in position and shape tests, reported like rule ids in every decision."""

from __future__ import annotations

# Built-in position tests, reported like rule ids.
OUTSIDE = "position.outside-story"
PREAMBLE = "position.between-headline-and-story"
TITLE_DUPLICATE = "position.headline-repeated"
FORM = "shape.form-or-placeholder"
BOX = "position.under-a-dropped-label"
SANDWICH = "position.between-appeals"
TITLE = "position.headline"
REPEATED = "position.repeated-block"
TEMPLATE = "shape.card-or-comment-template"
STORY = "story"
