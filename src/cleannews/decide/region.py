"""Where the story is: the run of blocks that is the story, and where it really ends.

In a text, the maximum-sum run of blocks, running prose counting for it and asks, chrome,
form debris and short lines against it: navigation, footers and the appeals above and below
the story fall outside it. For HTML the extraction is the region, ended early only by an
appeal box inside it; so is a text that is only an article (its paragraphs set apart,
nothing in it furniture): there is no page around it to find the story in, and its short
lines and lists are its own.
"""

from __future__ import annotations

from itertools import pairwise

from ..model import CAPTION, CONTROL, ITEM, PARAGRAPH
from .evidence import (
    CLOSERS,
    SANDWICH_MAX_WORDS,
    WEAK_ASK_MAX_WORDS,
    Unit,
    asks_at_all,
    is_ask,
    is_form,
    is_line,
    line_key,
    word_count,
)
from .positions import SANDWICH

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

PROSE_OFFSET: Final = 10  # what a paragraph must have beyond this to speak for the region around it
EXCERPT_COST: Final = 5
SHORT_SENTENCE_MIN_WORDS: Final = 3
ASK_LOOKAHEAD_BLOCKS: Final = 3
FOOTER_MIN_LINES: Final = 3
DIALOG_MAX_BLOCKS: Final = 8  # a dialog's heading, paragraphs and buttons
DIALOG_GAP_BLOCKS: Final = 3  # menus and headers between a dialog and the story
STATEMENT_STOPS: Final = frozenset(".。")
BOX_PENALTY: Final = 40  # the most a run of appeal blocks counts against a story region
REPEAT_MIN_WORDS: Final = 5
REPEATED_LABEL_MAX_WORDS: Final = 15  # a repeated line this short may be a label of the article's form
REPEATED_FORM_SHARE: Final = 0.25  # of a page's blocks repeating: its form, not copies to drop


def _appeal_at_edge(u: Unit, more_asks_follow: bool) -> bool:
    """At the end of a story, a paragraph that asks is the appeal's when asking is most of it,
    when it opens with the ask ("… we have a small favour to ask. As you may know …"), or when
    more asks follow it; otherwise it is the story's last paragraph with a call to action
    tacked on, and only that sentence goes (_cut_sentences)."""
    return asks_at_all(u, "tail") and (u.forced is not None or u.share > 0.5 or u.opens_asking or more_asks_follow)


def repeatable(u: Unit) -> bool:
    """A block whose second copy is dropped. Not a list item: lists repeat by nature (a meal
    plan's rows), and the clean text prints items as items. A table cell is one: the clean
    text prints it as a paragraph, a copy when read again; a table whose cells repeat much has
    repeating as its form (REPEATED_FORM_SHARE)."""
    return u.words >= REPEAT_MIN_WORDS and u.block.kind not in (CONTROL, ITEM)


def mark_repeats(units: list[Unit], whole: bool, headline: str | None) -> bool:
    """Mark blocks whose text came earlier: gallery captions, teasers, pull quotes. Returns
    whether repeats are copies to drop at all (whole: the blocks are all story, see decide)."""
    seen: set[str] = set()
    counted = [u for u in units if repeatable(u)]
    for u in counted:
        u.repeated = u.block.text in seen
        seen.add(u.block.text)
    # what each block heads: the next one printed wherever it stands (not chrome, an ask or a
    # caption, which go in the clean text too and so cannot decide what it reads as)
    if len(seen) < len(counted):  # a text came twice (most texts print nothing twice)
        printed = [u for u in units if u.block.kind != CONTROL and not _goes_anywhere(u)]
        for u, after in pairwise(printed):
            if u.repeated and _heads_something_else(u, after):
                u.repeated = False  # a question or a label the article's form repeats, not a copy
                u.recurring = True
    if not whole:
        return True  # a page dump prints its menus twice: its repeats are copies
    # Told from what is printed, as the clean text read again tells it: the headline once
    # (a page's may be among its blocks or not; its clean text's is its first line), and not
    # what goes wherever it stands.
    skip = line_key(headline)
    printable = [u.block.text for u in counted if not is_line(u, skip) and not _goes_anywhere(u)]
    if headline and word_count(headline) >= REPEAT_MIN_WORDS:
        printable.append(headline)
    if len(printable) - len(set(printable)) >= REPEATED_FORM_SHARE * len(printable):
        # So much repeats that repeating is the article's form (a plan day by day, an
        # interview's recurring questions), not a teaser or a pull quote.
        for u in counted:
            u.repeated = False
        return False
    return True


def _heads_something_else(u: Unit, after: Unit) -> bool:
    """A short line that does not end a statement ("What would you do first?", "Monday:"),
    followed by what did not come before: an interview's recurring question, a schedule's day,
    a label its article repeats to head new text each time. A teaser or a pull quote is copied
    with what follows it, or is a sentence."""
    return (u.words <= REPEATED_LABEL_MAX_WORDS and u.block.text.rstrip(CLOSERS)[-1:] not in ".!…"
            and not after.repeated)


def _goes_anywhere(u: Unit) -> bool:
    """Chrome, a caption or an appeal: dropped inside the story as outside it."""
    return u.chrome is not None or u.caption is not None or u.block.kind == CAPTION or is_ask(u)


def _score(u: Unit) -> float:
    """How much a block speaks for being inside the story."""
    if u.template or (u.listed and u.prose):
        # A card or a comment of a template, an excerpt in a list under a related label:
        # however long, it speaks against the story
        return -(2 + u.words / 2)
    if u.repeated:
        return 0  # a second copy of a paragraph neither builds nor breaks a region
    if u.block.kind == CONTROL:
        return -3
    if is_ask(u):
        return -(10 + u.words)
    if asks_at_all(u):
        # A paragraph with an asking sentence among others: a story paragraph with a call to
        # action in it, or an appeal written as prose. Only its other sentences count.
        return u.words * (1 - u.share) - PROSE_OFFSET
    if u.chrome is not None:
        return -6
    if u.caption is not None:
        return -1
    if u.prose:
        # Minus a constant: a story is long paragraphs; teasers in a footer are short ones
        # between titles and dates, and should not add up to outweigh it.
        gain = min(u.words, 200) - PROSE_OFFSET
        if u.excerpt:
            return gain / 2 - EXCERPT_COST  # a card's excerpt pays for its title and label no more
        return gain if u.block.kind != ITEM else gain / 2
    return -4 if u.block.kind == ITEM else -2


def best_run(units: list[Unit], box_penalty: float = BOX_PENALTY) -> tuple[int, int] | None:
    """The maximum-sum run of blocks (Kadane), or None when nothing scores above zero."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    box = 0.0  # what the current run of appeal blocks has cost so far
    for i, u in enumerate(units):
        s = _score(u)
        if is_ask(u):
            # An appeal box in the middle of a story costs it a fixed amount, however many
            # lines the box has: a five-line newsletter box must not cut off the story's end.
            s = max(s, box - box_penalty)
            box -= s
        elif u.block.kind != CONTROL:
            box = 0.0
        if run <= 0:
            run, start = s, i
        else:
            run += s
        if run > best:
            best, best_span = run, (start, i)
    return best_span


def extracted_span(units: list[Unit]) -> tuple[int, int] | None:
    """The story in an extraction: all of it, unless an appeal box inside it is followed by
    less story than went before (readability took a container that holds the site's
    appeal and the teasers under it): then it ends where the region sum says."""
    if not units:
        return None
    region = best_run(units, box_penalty=float("inf"))  # here a box is what ends the story
    if region is None:
        return 0, len(units) - 1
    end = region[1]
    if any(is_ask(u) for u in units[end + 1 :]):
        return 0, end
    return 0, len(units) - 1


def only_an_article(units: list[Unit]) -> bool:
    """A text that is an article and nothing else: its paragraphs set apart by blank lines (but
    a list's items, on adjacent lines), and nothing in it that comes with a page around an
    article: no form debris, no chrome but a byline, no ask — nor, as its first or last block,
    a line that asks only at a story's edge ("Support the Courier"; inside a story, a heading).
    A byline or a caption is the article's own, and is still dropped. A page dump fails both
    tests: its menus are lines of one paragraph, and it has buttons, share bars and appeals; a
    copied or extracted article, and the clean text cleannews prints, pass. In such a text a
    short line after the story is a credit or a list of the article's own, not the page's footer."""
    for before, u in pairwise(units):
        if u.block.group == before.block.group and not (u.block.kind == ITEM == before.block.kind):
            return False
    edges = (units[0], units[-1]) if units else ()
    return not any(u.block.kind == CONTROL or (u.chrome and u.chrome.kind != "byline") or u.ask >= 1.0
                   or (u in edges and asks_at_all(u)) for u in units)


def _ask_follows(units: list[Unit], end: int) -> bool:
    """An ask comes right after the region, past a few short lines (a box's button, its
    header): the region's last paragraphs may be that box's."""
    for u in units[end + 1 : end + 1 + ASK_LOOKAHEAD_BLOCKS]:
        if u.ask_edge > 0 or u.forced is not None:
            return True
        if u.prose:
            return False
    return False


def _clean_prose(u: Unit) -> bool:
    return u.prose and not u.hits and u.block.kind != ITEM


def _heads_furniture(units: list[Unit], i: int) -> bool:
    """A paragraph whose source paragraph goes on in short plain lines only, a copyright line
    among them (an address, legal links, the ©): with the outlet's name first (mark_outlet),
    the footer's own "about us", as a browser's copy prints it with no blank line between
    them, where the story's paragraphs are set apart. (A list right under a paragraph is
    another thing: lynx prints a share bar so.)"""
    group = units[i].block.group
    rest = []
    for u in units[i + 1 :]:
        if u.block.group != group:
            break
        rest.append(u)
    return (len(rest) >= FOOTER_MIN_LINES
            and not any((u.prose and not u.caption) or u.block.kind != PARAGRAPH for u in rest)
            and any(u.caption for u in rest) and (i == 0 or units[i - 1].block.group != group))


def _teaser_in_story(units: list[Unit], i: int) -> bool:
    """A teaser (or a picture) with the story's paragraphs going on under it."""
    return (bool(units[i].teaser) or units[i].block.kind == CONTROL) and i + 1 < len(units) and (
        _clean_prose(units[i + 1]) or _teaser_in_story(units, i + 1))


def _short_sentence(u: Unit) -> bool:
    """A story's short last line ("He declined to comment.", "We rate it Mostly True."):
    a few words that end with a full stop, and nothing a rule names. Not a cry or a question
    ("Thanks for reading to the end!"): a page's sign-off."""
    return (u.block.kind == PARAGRAPH and not u.prose and not u.hits and u.words >= SHORT_SENTENCE_MIN_WORDS
            and u.block.text.rstrip(CLOSERS)[-1:] in STATEMENT_STOPS)


def settle_end(units: list[Unit], start: int, end: int, extracted: bool = False,
                headline: str | None = None) -> tuple[int, int]:
    """Where the story really ends. A last paragraph too short to pay for itself in the region
    sum is still story when it follows directly; paragraphs at the end that ask the reader for
    something (an appeal whose sentences do not all name money) are not, nor is the label or
    sub-heading just above them. In an extraction, lists and short lines at the end are the
    article's own (a tour's dates, a list of links it recommends): only asks go. The headline
    printed again at the end goes wherever it stands, so the block above it ends the story."""
    again = line_key(headline)
    while end + 1 < len(units) and (_clean_prose(units[end + 1]) or _teaser_in_story(units, end + 1)):
        end += 1
    after_ask = _ask_follows(units, end)
    while end > start:
        u = units[end]
        weak_lead_in = after_ask and u.ask_edge > 0 and u.words <= WEAK_ASK_MAX_WORDS
        # short lines: page furniture in a dump; in an extraction, only the header of the
        # appeal box being trimmed (lists and short lines that end an article are its own)
        furniture = (u.chrome or u.template or u.listed or u.block.kind == CONTROL
                     or (not u.prose and (not extracted or after_ask)) or is_line(u, again)
                     or (u.outlet and _heads_furniture(units, end)))
        if _appeal_at_edge(u, after_ask) or furniture or weak_lead_in:
            after_ask = after_ask or asks_at_all(u, "tail")
        elif after_ask and u.words <= SANDWICH_MAX_WORDS and asks_at_all(units[end - 1], "tail"):
            u.forced = SANDWICH  # "… we have a small favour to ask. / As you may know … / We need you"
        else:
            break
        end -= 1
    if end + 1 < len(units) and units[end].prose and _short_sentence(units[end + 1]):
        end += 1  # a story's short last sentence, too short to pay for itself in the sum
    return start, end


def dialog_end(units: list[Unit], start: int, end: int) -> int | None:
    """Where a region that starts in a dialog leaves it: a run that starts in a consent or
    welcome box (a few paragraphs closed by its buttons, then the page's menus) is not the
    story. The index of the dialog's buttons, when the region's paragraphs after the menus
    outweigh the dialog's; else None."""
    for i in range(start, min(end, start + DIALOG_MAX_BLOCKS) + 1):
        if not is_form(units[i]):
            continue
        if i == start or not units[i - 1].prose:
            return None  # a form without the paragraphs a dialog opens with
        resumes = next((j for j in range(i + 1, end + 1) if units[j].prose), None)
        if resumes is None or resumes - i - 1 < DIALOG_GAP_BLOCKS:
            return None
        before = sum(u.words for u in units[start:i] if u.prose)
        after = sum(u.words for u in units[resumes : end + 1] if u.prose)
        return i if after > before else None
    return None
