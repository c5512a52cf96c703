"""Blocks → decisions: where the story is, which block is its headline, what inside it goes.

The order of the tests, and why:

1. Evidence (evidence.py). Every block is matched against the rule set once. Asks (appeals,
   newsletter, membership, subscription pitches), chrome (read-more, related, share,
   bylines), captions and the parts of an ask are told apart by the rules' families. Ask
   evidence is weighed per sentence, leaving quoted speech out: a story quoting a charity's
   plea reports it. A block is an appeal when its weight reaches 1 and asking is most of
   its text. In a text, a line with a form field is form debris, and a paragraph opening
   with the outlet's own name is the outlet speaking of itself.
2. Boxes (boxes.py): what around a strong ask belongs to its appeal box without asking.
3. Teasers (teasers.py) and, in a page dump, segments (segments.py): templates of cards
   or comments, cards' lone excerpts, the list under a related label — all told by shape.
4. The story region (text): the maximum-sum run of blocks, running prose counting for it
   and asks, chrome, form debris, templates and short lines against it. Navigation,
   footers and the appeals above and below the story fall outside it; a run that starts
   in a dialog starts after it. Then its end is settled: a short last paragraph that
   follows directly is story, appeals and the outlet's about-us at the end are not. For
   HTML the extraction is the region, ended early only by an appeal box inside it; so is a
   text that is only an article (its paragraphs set apart, nothing in it furniture): there
   is no page around it to find the story in, and its short lines and lists are its own.
5. The headline: the title the page's metadata names, or in text the heading-like block
   above the region's first real paragraph that the page repeats, marks as a heading, or
   that heads a byline, date, caption or standfirst; never a box's block or header, a
   pitch or a form line.
6. Inside the region: asks, chrome, captions, form debris, templates, listed items,
   teasers and repeated blocks are dropped; a label such as "Related" takes the short lines
   under it along; an asking sentence of a story paragraph is cut from it and the rest is
   kept.

Nothing here knows a language: every word lives in the rule packs.
"""

from __future__ import annotations

from ..model import CAPTION, CONTROL, Block, Cut, Decision
from ..rules import Rule, RuleSet
from .boxes import mark_boxes
from .evidence import (
    ALL,
    WORD,
    Unit,
    as_form,
    asks_at_all,
    caption_neighbours,
    is_ask,
    is_line,
    line_key,
    mark_outlet,
    sentences,
    strongest,
    weight,
    word_count,
)
from .headline import anchors, find_hint, find_title, heads_the_text, not_a_headline, standfirst, title_shaped
from .positions import (
    BOX,
    BOX_REASONS,
    FORM,
    OUTSIDE,
    PREAMBLE,
    REPEATED,
    STORY,
    TEASER_REASONS,
    TEMPLATE,
    TITLE,
    TITLE_DUPLICATE,
)
from .region import best_run, dialog_end, extracted_span, mark_repeats, only_an_article, repeatable, settle_end
from .segments import mark_excerpts, mark_label_lists, mark_templates
from .teasers import mark_teasers

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

BOX_KINDS: Final = frozenset({"related", "readmore"})  # chrome labels that head a list of links
BOX_LINE_WORDS: Final = 25  # lines under a dropped label go with it unless they are running text


def decide(blocks: list[Block], rules: RuleSet, *, keep_captions: bool = False,
           title_hint: str | None = None, extracted: bool = False,
           titled: bool = False) -> tuple[list[Decision], str | None]:
    """Decide every block; returns the decisions in order and the headline (if found).

    extracted: the blocks are already a page's main content (HTML through readability), so
    the story region is all of them, trimmed of asks at the end; and a title_hint is the
    headline whether or not a block repeats it. A text that is only an article is judged as
    an extraction too, but for its headline, which it must show (only_an_article).
    titled: the blocks come from a page that names its headline (HTML): the headline is the
    title_hint, found among the blocks or not, never a block guessed to be one. (An HTML page
    whose extraction failed its checks gives the blocks of its densest container: titled, not
    extracted, so the story's run is found among them as in a text.)
    """
    # only the rules these texts can match: a command compiles no more (RuleSet.narrowed)
    rules = rules.narrowed([b.text for b in blocks] + ([title_hint] if title_hint else []))
    if title_hint and (not WORD.search(title_hint) or not_a_headline(Unit(Block(title_hint), rules))):
        title_hint = None  # a page titled "—", "Newsletter" or "More" has no headline to print
    # A one-word title ("Home", a site's name) is a headline only where the page prints it as
    # one, above its story.
    one_word_hint = bool(title_hint) and word_count(title_hint or "") < 2
    units = [Unit(b if extracted else as_form(b), rules) for b in blocks]
    if not extracted:
        mark_outlet(units)
    mark_boxes(units)
    mark_teasers(units)
    caption_neighbours(units)
    whole = extracted or only_an_article(units)  # the story is all of it, less asks at the end
    # a text that is only an article has its headline on its first line, or none
    first_line_headline = whole and not (extracted or titled) and heads_the_text(units)
    headline = units[0].block.text if first_line_headline else title_hint
    copies = mark_repeats(units, whole, headline)
    if not whole:
        mark_templates(units, [anchors(u) for u in units])
        mark_excerpts(units)
        mark_label_lists(units)
    span = extracted_span(units) if whole else best_run(units)
    if span is None:
        # No running text at all (a bare headline, a list): keep what is not chrome or an ask,
        # with no end to settle (that would weigh short lines against prose there is none of).
        start, end = 0, len(units) - 1
    else:
        start, end = settle_end(units, *span, whole, headline)
    floor = 0  # where the headline may be: not in a dialog the region started in
    if not whole and (closed := dialog_end(units, start, end)) is not None:
        start = floor = closed + 1
    anchor = next((i for i in range(start, end + 1) if anchors(units[i])), start)
    if extracted or titled or one_word_hint:
        title_at = find_hint(units, anchor, title_hint) if title_hint else None
    elif whole:
        title_at = 0 if first_line_headline else None
    else:
        title_at = find_title(units, anchor, title_hint, floor) if units else None
    if one_word_hint and title_at is None:
        title_hint = None
    title_text = units[title_at].block.text if title_at is not None else title_hint
    title_key = line_key(title_text)
    if title_at is not None:
        # The story starts under its headline: blocks between the two (standfirst, byline,
        # sub-heading) are judged as the story's preamble, anything above goes.
        start = title_at + 1

    decisions: list[Decision] = []
    printed: set[str] = set()
    box: str | None = None
    for i, u in enumerate(units):
        b = u.block
        if i == title_at:
            decisions.append(Decision(b, True, "title", TITLE, "the headline", b.text))
            box = None
            continue
        if is_line(u, title_key):
            decisions.append(_drop(u, "outside", TITLE_DUPLICATE, "the headline again"))
            continue
        if i < start or i > end:
            decisions.append(_outside(u, i < start))
            continue
        # An extraction has no page furniture above its first paragraph to weed out.
        preamble = (None if whole or (title_at is not None and i == title_at + 1 and standfirst(u))
                    else "subhead" if i == anchor - 1 else "before" if i < anchor else None)
        decision, box = _inside(u, box, preamble=preamble, keep_captions=keep_captions)
        if decision.keep and copies and repeatable(u) and not u.recurring:
            # Story paragraphs are not printed twice: a copy of an earlier one, or one that,
            # its appeal cut, says what an earlier one said (read again, it would be a copy).
            if decision.text in printed:
                decision = _drop(u, "chrome", REPEATED, "the same text earlier in the story")
            else:
                printed.add(decision.text)
        decisions.append(decision)
    return decisions, title_text


def _drop(u: Unit, role: str, rule: str, reason: str) -> Decision:
    return Decision(u.block, False, role, rule, reason, "")


def _why(rule: Rule) -> str:
    return f"{rule.kind}: {rule.why}" if rule.why else rule.kind


def _outside(u: Unit, before: bool) -> Decision:
    """A block outside the story; named after the rule it matches when there is one."""
    where = "above the story" if before else "below the story"
    if u.forced in BOX_REASONS:
        return _drop(u, "appeal", u.forced, f"{BOX_REASONS[u.forced]} ({where})")
    if (ask := strongest(u.ask_rules(), "ask")) is not None:
        return _drop(u, "appeal", ask.id, f"{_why(ask)} ({where})")
    for rule in (u.chrome, u.caption):
        if rule is not None:
            return _drop(u, rule.family, rule.id, f"{_why(rule)} ({where})")
    if u.block.kind == CONTROL:
        return _drop(u, "chrome", FORM, f"form field, button or placeholder ({where})")
    if u.template:
        return _drop(u, "chrome", TEMPLATE, f"a block of a repeating template of cards or comments ({where})")
    if u.teaser:
        return _drop(u, "chrome", u.teaser, f"{TEASER_REASONS[u.teaser]} ({where})")
    if u.listed:
        return _drop(u, "chrome", BOX, f"in the list under a related label ({u.listed}, {where})")
    return _drop(u, "outside", OUTSIDE, f"not part of the story's run of paragraphs ({where})")


def _inside(u: Unit, box: str | None, *, preamble: str | None, keep_captions: bool) -> tuple[Decision, str | None]:
    """A block inside the story region; returns its decision and the box it opens, if any."""
    b = u.block
    if b.kind == CONTROL:
        return _drop(u, "chrome", FORM, "form field, button or placeholder"), box
    if u.template:
        return _drop(u, "chrome", TEMPLATE, "a block of a repeating template of cards or comments"), box
    if u.teaser:
        return _drop(u, "chrome", u.teaser, TEASER_REASONS[u.teaser]), box
    if u.listed:
        return _drop(u, "chrome", BOX, f"in the list under a related label ({u.listed})"), box
    if is_ask(u) or (preamble and asks_at_all(u, "head")):
        if u.forced in BOX_REASONS:
            return _drop(u, "appeal", u.forced, BOX_REASONS[u.forced]), None
        rule = u.forced or strongest(u.ask_rules(), "ask").id  # type: ignore[union-attr]
        ask = next((r for r in u.ask_rules() if r.id == rule), None)
        reason = _why(ask) if ask else "next to an appeal"
        return _drop(u, "appeal", rule, reason), (rule if u.label else box if box else None)
    if u.chrome is not None:
        opens = u.label and u.chrome.kind in BOX_KINDS
        return _drop(u, "chrome", u.chrome.id, _why(u.chrome)), (u.chrome.id if opens else None)
    if u.caption is not None or b.kind == CAPTION:
        rule, why = ((u.caption.id, _why(u.caption)) if u.caption
                     else ("markup.caption", "marked as a caption by the page"))
        if keep_captions:  # wherever it stands: a picture's caption above the story is no byline
            return Decision(b, True, "caption", rule, f"{why} (kept: --keep-captions)", b.text), None
        return _drop(u, "caption", rule, why), None
    if box is not None and not u.prose and u.words <= BOX_LINE_WORDS:
        return _drop(u, "chrome", BOX, f"a short line under a dropped label ({box})"), box
    # Between the headline and the first paragraph only a standfirst and a sub-heading
    # directly above the paragraph are story; the rest is bylines, credits, "in partnership
    # with" and the like.
    if (preamble == "before" and not u.prose) or (preamble == "subhead" and not (u.prose or title_shaped(u, 1))):
        return _drop(u, "outside", PREAMBLE, "between the headline and the story"), None
    cut = _cut_sentences(u) if u.sentence_asks else None
    if cut is not None:
        return cut, None
    return Decision(b, True, "story", STORY, "story text", b.text), None


def _cut_sentences(u: Unit) -> Decision | None:
    """Cut the unquoted sentences that sentence-scope ask rules match with full weight; None
    when there is nothing to cut or nothing would be left."""
    doomed: dict[str, Rule] = {}
    for sentence, asks in u.sentence_asks:
        cutting = [r for r in asks if r.scope == "sentence"]
        if cutting and weight(list(asks), ALL) >= 1.0:
            doomed[sentence] = max(cutting, key=lambda r: r.weight)
    if not doomed:
        return None
    kept = [part for part in sentences(u.block.text) if part not in doomed]
    if not kept:
        return None
    cuts = tuple(Cut(text, rule.id, _why(rule)) for text, rule in doomed.items())
    return Decision(u.block, True, "story", STORY, "story text, appeal sentences cut", " ".join(kept), cuts)
