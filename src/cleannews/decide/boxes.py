"""An appeal is a box: the blocks around a strong ask that belong to it without asking.

A donation or newsletter box is several blocks, and only one or two of them name money or a
sign-up. From each strong ask (evidence.is_ask), the box takes in:

- a weak ask beside it ("More than ever", a sentence that leans towards asking: "Without
  your support …"), and a short block between two asks;
- its lead-in: the blocks above it up to a header that asks weakly ("It's up to you!");
- the heading and pitch above its form ("Want more stories like this?" / "Every day we send
  …" / [email] Subscribe);
- the perks list under its label ("Join now to get:" and the items under it), above the ask
  or under an asking label;
- a heading above the lead-in or the perks.

Each with limits on blocks and words, so that a story that quotes a plea, or ends beside an
appeal, stays whole. Form debris and chrome (buttons, share bars) between the blocks of a box
do not break it. A box's blocks are asks for every later test: a box's header is never the
headline.
"""

from __future__ import annotations

from ..model import CONTROL, ITEM
from .evidence import CLOSERS, SANDWICH_MAX_WORDS, WEAK_ASK_MAX_WORDS, Unit, has_field, is_ask, strongest
from .positions import BESIDE, LEAD_IN, PERKS, PITCH, SANDWICH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

LEAD_IN_MAX_BLOCKS: Final = 3  # blocks between a box's header and its first strong ask
LEAD_IN_MAX_WORDS: Final = 80
HEADER_MAX_WORDS: Final = 12
HEADING_MAX_WORDS: Final = 10  # the heading above a form's pitch
PITCH_MAX_WORDS: Final = 30
BUTTON_MAX_WORDS: Final = 4  # a strong ask this short is a form's button ("Subscribe", "Sign me up")
PERKS_MAX_ITEMS: Final = 10
PERK_MAX_WORDS: Final = 25


def _weak(u: Unit) -> bool:
    """Some evidence of asking short of an ask: a weak rule, parts that lean towards one, or
    a button ("Join Renew": an imperative on a line of a few words)."""
    return u.ask_edge > 0 or u.leaning > 0 or (
        u.words <= BUTTON_MAX_WORDS and any(p.kind == "imperative" for p in u.parts))


def _force(u: Unit, rule: str) -> None:
    if u.forced is None and not u.caption:
        u.forced = rule


def _heading_shaped(u: Unit) -> bool:
    return u.words <= HEADING_MAX_WORDS and u.block.text.rstrip(CLOSERS)[-1:] not in ".:"


def mark_boxes(units: list[Unit]) -> None:
    """Mark the blocks of appeal boxes (Unit.forced: the rule or position test that put them
    in one)."""
    _above_forms(units)
    # Form debris and chrome do not separate the blocks of a box.
    solid = [u for u in units if u.block.kind != CONTROL and u.chrome is None]
    strong = [is_ask(u) for u in solid]
    if not any(strong):
        return
    for i, u in enumerate(solid):
        if strong[i]:
            if i == 0 or not strong[i - 1]:
                _top(solid, strong, i)
                _heading_and_pitch(solid, strong, i)
            continue
        near = (i > 0 and strong[i - 1]) + (i + 1 < len(solid) and strong[i + 1])
        if near and _weak(u) and u.words <= WEAK_ASK_MAX_WORDS:
            rule = strongest(u.ask_rules(), "ask")
            _force(u, rule.id if rule is not None else BESIDE)
        elif near == 2 and u.words <= SANDWICH_MAX_WORDS:
            _force(u, SANDWICH)
    for at, u in enumerate(units):
        if is_ask(u) and u.block.text.endswith(":"):
            _perks_under(units, at)


def _top(solid: list[Unit], strong: list[bool], first: int) -> None:
    """What lies above a box's first strong ask and is the box's: the perks list under its
    label, the lead-in, and a heading above them."""
    top = _perks_above(solid, strong, first)
    top = _lead_in(solid, strong, top)
    if top < first and top > 0 and not strong[top - 1] and _heading_shaped(solid[top - 1]):
        _force(solid[top - 1], PITCH)  # "Local news is a public good" over the lead-in


def _perks_above(solid: list[Unit], strong: list[bool], first: int) -> int:
    """A list right above the ask, under a label that ends with a colon ("Join or renew
    today to get:"): its lines, a source paragraph of short lines, are the box's perks.
    Returns the box's new top."""
    items: list[int] = []
    for at in range(first - 1, max(-1, first - 2 - PERKS_MAX_ITEMS), -1):
        u = solid[at]
        if strong[at] or u.prose:
            return first
        if u.block.text.endswith(":") and len(items) >= 2:
            for i in (at, *items):
                _force(solid[i], PERKS)
            return at
        if u.words > PERK_MAX_WORDS or (items and u.block.group != solid[items[-1]].block.group):
            return first
        items.append(at)
    return first


def _lead_in(solid: list[Unit], strong: list[bool], first: int) -> int:
    """The blocks above a box's top, up to a short header that asks weakly; or the paragraph
    right above it where the outlet speaks of itself by name ("The Courier has covered the
    valley for 31 years …"). Returns the box's new top."""
    above = solid[first - 1] if first > 0 else None
    if above is not None and above.outlet and not strong[first - 1] and above.words <= LEAD_IN_MAX_WORDS:
        _force(above, LEAD_IN)
        return first - 1
    words = 0
    for top in range(first - 1, max(-1, first - 1 - LEAD_IN_MAX_BLOCKS), -1):
        u = solid[top]
        words += u.words
        if strong[top] or words > LEAD_IN_MAX_WORDS:
            return first
        if _weak(u) and u.words <= HEADER_MAX_WORDS:
            for v in solid[top:first]:
                _force(v, LEAD_IN)
            return top
    return first


def _heading_and_pitch(solid: list[Unit], strong: list[bool], button: int) -> None:
    """A form's heading and its one-line pitch, right above its button."""
    if button < 2 or solid[button].words > BUTTON_MAX_WORDS:
        return
    heading, pitch = solid[button - 2], solid[button - 1]
    if strong[button - 2] or strong[button - 1] or heading.forced or pitch.forced:
        return
    if _heading_shaped(heading) and pitch.words <= PITCH_MAX_WORDS and not pitch.label:
        _force(heading, PITCH)
        _force(pitch, PITCH)


def _above_forms(units: list[Unit]) -> None:
    """A form's heading and one-line pitch right above its field ("Votre rendez-vous du soir" /
    "Chaque soir à 18 h, l'essentiel …" / Adresse e-mail ____ (BUTTON) S'inscrire), whatever
    language the words are in: a sign-up box is a box by its form."""
    for at, u in enumerate(units):
        if not has_field(u):
            continue
        above = [v for v in units[max(0, at - 4) : at] if v.block.kind != CONTROL][-2:]
        if len(above) == 2:
            heading, pitch = above
            if (_heading_shaped(heading) and not heading.hits and pitch.words <= PITCH_MAX_WORDS
                    and not pitch.label and not pitch.hits):
                _force(heading, PITCH)
                _force(pitch, PITCH)


def _perks_under(units: list[Unit], at: int) -> None:
    """The list under an asking label that ends with a colon ("Join now to get:")."""
    items = 0
    for u in units[at + 1 :]:
        if u.block.kind == CONTROL:
            continue
        if u.block.kind != ITEM or u.words > PERK_MAX_WORDS or items == PERKS_MAX_ITEMS:
            return
        _force(u, PERKS)
        items += 1
