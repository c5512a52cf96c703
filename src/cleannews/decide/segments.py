"""Segments of a page that are not the story by their form: a template of cards or comments,
the lone excerpts of cards, and the list under a related label.

A feed of teasers, a comment thread and a list of cards print the same few lines over and
over: a time ("2H ago", "November 19, 2019 at 6:34 am"), a count ("Rating: 36 Votes"), a
section label, a title printed twice (once as the picture's text, once as the link). Each
repetition is a cycle of the template, and what lies in a cycle (a title, a lone excerpt, a
comment) belongs to it however much it reads like prose. Told by repetition, with numbers
normalised, never by words: a card in any language repeats the same way.

A card's excerpt is running text, but alone: a paragraph with two short lines above it (a
title, a section, a date) and none under it. A story's paragraphs come in runs, a sub-heading
at most above each.

A label that heads a list of links ("See all", "Most read", in a pack's words) owns the list
under it however long its items are: a rail of 40-word excerpts, each a link, is still the
rail. The list is the lines of the label's own source paragraph (a browser's copy), the list
items under it, or the headings under it each with its excerpt (lynx prints linked titles as
headings), up to a run of paragraphs or one longer than an excerpt: a
story never goes on in a rail. A rail has excerpts, or none: one paragraph under a menu's lines
is a standfirst under its headline.

Lines that a rule already names (an ad label, a picture credit, a share button) are left
out: "Advertisement" or "Getty Images" recurs inside stories too. Dates and bylines are not:
they are a card's labels.
"""

from __future__ import annotations

from collections import Counter

from ..lazy import Lazy
from ..model import CONTROL, HEADING, ITEM
from .evidence import DIGIT, Unit

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

TEMPLATE_LINE_WORDS: Final = 15  # a card's title or label; a longer line is an excerpt
CYCLE_MAX_BLOCKS: Final = 10  # a card is shorter than this
DATED_CYCLE_MAX_BLOCKS: Final = 20  # and a comment under its dated line
STORY_RUN_PARAGRAPHS: Final = 6  # paragraphs in a row: a story's, not a comment's
MIN_CYCLES: Final = 3  # two alike lines are a coincidence; three are a template
NEAR_COPY_BLOCKS: Final = 3  # a card that prints its title twice prints the copies this close
ALIKE_SHARE: Final = 0.6  # of the longer line's words, in order, shared by two lines with numbers
LABEL_MAX_WORDS: Final = 4  # a label repeated word for word ("Reply", "Business", "2H ago")
DATE_LINE_MAX_WORDS: Final = 6  # a date repeated word for word ("Wednesday November 20, 2019")
EXCERPT_MAX_WORDS: Final = 60  # a teaser's excerpt; longer is a paragraph of its own
EXCERPT_LOOKBACK: Final = 4  # blocks above an excerpt where its card's lines are (placeholders skipped)
SHORT_NUMBER_CHARS: Final = 5  # "2019,", "32M", "07:52": a number with its unit or punctuation
_DIGITS: Final = Lazy(r"\d+")
_DATE: Final = Lazy(r"\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")


def _shape(text: str) -> tuple[str, ...]:
    """A line's words, case folded, numbers as '#': "2H ago" and "32M ago" have one shape, as
    have "at 6:34 am" and "at 7:02 am"; a longer word keeps its letters ("car[#x#]")."""
    words = text.casefold().split()
    if not DIGIT.search(text):
        return tuple(words)  # most lines: no number to fold
    return tuple(_number(word) if DIGIT.search(word) else word for word in words)


def _number(word: str) -> str:
    return "#" if len(word) <= SHORT_NUMBER_CHARS else _DIGITS.sub("#", word)


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two lines of one template: the same label ("Reply", "Business", "2H ago"), or lines
    that carry numbers (a date, a count) and are mostly the same words in the same order
    ("alex says: november # …" and "joe says: november # …"; not "A d. B #" and "C d. D #",
    results that share a word and a score)."""
    if a == b:
        return True
    return "#" in a and "#" in b and _common(a, b) >= ALIKE_SHARE * max(len(a), len(b))


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The length of the longest common subsequence of two short lines' words, bit-parallel
    (Allison and Dix; Hyyrö): one step per word of `a`, not one per pair of words, which on a
    text of numbered lines was most of its cost. Bit j of `unmatched` is clear where the
    subsequence has used b[j]."""
    where: dict[str, int] = {}
    for j, word in enumerate(b):
        where[word] = where.get(word, 0) | 1 << j
    full = (1 << len(b)) - 1
    unmatched = full
    for word in a:
        step = unmatched & where.get(word, 0)
        unmatched = ((unmatched + step) | (unmatched - step)) & full
    return len(b) - unmatched.bit_count()


def _template_line(u: Unit) -> bool:
    """A line that may be a template's label: short, and nothing a rule names but a date or a
    byline (a card's or a comment's own labels)."""
    return (u.words <= TEMPLATE_LINE_WORDS and u.block.kind != CONTROL
            and (not u.hits or all(r.kind == "byline" for r in u.hits)))  # most lines match no rule


def _dated(text: str) -> bool:
    """A line that carries a time of day, a year or a numeric date among other words: a
    comment's or a post's date line, never a score or a count (nor a year alone, an
    archive's heading)."""
    return " " in text and bool(_DATE.search(text))


def _chains(marks: list[tuple[int, tuple[str, ...], bool]], runs: list[int]) -> list[list[int]]:
    """Group alike lines into chains, each member within a cycle of the one before it, and
    never the line right after it (a menu's items are adjacent, a template's are not). A
    dated line may wait longer for the next (a comment runs to several paragraphs), but not
    across a story's run of paragraphs: its own dateline is no comment's. runs[i] is the
    length of the run of paragraphs that block i ends."""
    chains: list[list[int]] = []
    same: dict[tuple[str, ...], tuple[int, int, bool]] = {}  # shape: (last index, chain, dated)
    numbered: list[tuple[int, tuple[str, ...], int, bool]] = []  # lines with numbers, alike by words

    def follows(last: int, dated: bool, i: int) -> bool:
        if not 1 < i - last <= _cycle(dated):
            return False
        return not dated or max(runs[last:i]) < STORY_RUN_PARAGRAPHS

    for i, shape, dated in marks:
        tail = same.get(shape)
        joined = tail[1] if tail is not None and follows(tail[0], tail[2], i) else None
        if joined is None and "#" in shape:
            numbered = [t for t in numbered if i - t[0] <= _cycle(t[3])]
            alike = next((t for t in reversed(numbered) if follows(t[0], t[3], i) and _alike(t[1], shape)), None)
            joined = alike[2] if alike is not None else None
        if joined is None:
            chains.append([i])
            joined = len(chains) - 1
        else:
            chains[joined].append(i)
        same[shape] = (i, joined, dated)
        if "#" in shape:
            numbered.append((i, shape, joined, dated))
    return chains


def _run_lengths(units: list[Unit], labels: set[int]) -> list[int]:
    """For each block, how many paragraphs in a row end with it (0 for a short line or a
    template's label: "Name on May 2, 2019 at 4:47 pm said:" reads like a sentence)."""
    out: list[int] = []
    for i, u in enumerate(units):
        paragraph = u.prose and i not in labels
        out.append(out[-1] + 1 if paragraph and out else int(paragraph))
    return out


def _cycle(dated: bool) -> int:
    return DATED_CYCLE_MAX_BLOCKS if dated else CYCLE_MAX_BLOCKS


def _near_copies(units: list[Unit], lines: list[int]) -> list[int]:
    """Where a card prints its title twice: the first copy of each, in order. Twice only: a
    line printed again and again is a picture's text at each of its pictures."""
    firsts: list[int] = []
    for n, i in enumerate(lines):
        text = units[i].block.text
        copies = [j for j in lines[n + 1 : n + 1 + CYCLE_MAX_BLOCKS] if units[j].block.text == text]
        if len(copies) == 1 and 1 < copies[0] - i <= NEAR_COPY_BLOCKS and text not in (
            units[j].block.text for j in lines[max(0, n - CYCLE_MAX_BLOCKS) : n]
        ):
            firsts.append(i)
    return firsts


def _cycles(members: list[int]) -> list[list[int]]:
    """Split positions into runs whose neighbours are within a cycle of each other."""
    runs: list[list[int]] = []
    for i in members:
        if runs and i - runs[-1][-1] <= CYCLE_MAX_BLOCKS:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _in_run(units: list[Unit], i: int) -> bool:
    """A paragraph beside another paragraph: part of a run of them, as a story is."""
    return units[i].prose and ((i > 0 and units[i - 1].prose) or (i + 1 < len(units) and units[i + 1].prose))


def _widen(units: list[Unit], first: int, last: int, cycle: int) -> tuple[int, int]:
    """A template's first and last cycles reach past its first and last label: the comment
    above the first date line, the excerpt under the last title. Over short lines and lone
    paragraphs, never into a run of paragraphs (the story, before or after), never more than
    a cycle either way; back, over one paragraph at most."""
    lo, prose_seen = first, False
    while lo > 0 and first - lo < cycle - 1 and not _in_run(units, lo - 1):
        if units[lo - 1].prose:
            if prose_seen:
                break
            prose_seen = True
        lo -= 1
    hi = last
    while hi + 1 < len(units) and hi - last < cycle - 1 and not _in_run(units, hi + 1):
        hi += 1
    return lo, hi


def _lone_excerpts(units: list[Unit], lo: int, hi: int) -> bool:
    """Cards and comments hold lone excerpts: paragraphs each between short lines. A story
    whose pictures print the same caption between its paragraphs has runs of them."""
    lone = runs = 0
    for i in range(lo, hi + 1):
        if _in_run(units, i):
            runs += 1
        elif units[i].prose:
            lone += 1
    return lone >= MIN_CYCLES and lone >= runs


def mark_templates(units: list[Unit], anchors: list[bool]) -> None:
    """Mark every block of a template of cards or comments (Unit.template). A template ends
    a story: when the story paragraphs (anchors) before it weigh less than its first card's,
    that card is the page's own item (a page of quotes, each with its share row), and the
    template starts after it."""
    lines = [i for i, u in enumerate(units) if _template_line(u)]
    if len(lines) < MIN_CYCLES * 2:
        return
    # A longer line printed again word for word is a picture's text at each of its pictures,
    # a refrain, or a card's title printed twice (_near_copies): not a label; but a date is.
    counts = Counter(units[i].block.text for i in lines)
    marks = [(i, shape, dated)
             for i in lines for shape in [_shape(units[i].block.text)]
             for dated in ["#" in shape and _dated(units[i].block.text)]
             if units[i].words <= (DATE_LINE_MAX_WORDS if dated else LABEL_MAX_WORDS)
             or counts[units[i].block.text] == 1]
    dated = {i for i, _, is_dated in marks if is_dated}
    runs = [chain for chain in _chains(marks, _run_lengths(units, dated)) if len(chain) >= MIN_CYCLES]
    runs += [run for run in _cycles(_near_copies(units, lines)) if len(run) >= MIN_CYCLES]
    spans = []
    for run in runs:
        lo, hi = _widen(units, run[0], run[-1], max(2, (run[-1] - run[0]) // (len(run) - 1)))
        # Under a date line, a comment of many paragraphs belongs to its template too.
        if dated.issuperset(run) or _lone_excerpts(units, lo, hi):
            spans.append((lo, hi))
    for lo, hi in _merged(spans):
        first = next((i for i in range(lo, hi + 1) if anchors[i]), None)
        before = sum(units[i].words for i in range(lo) if anchors[i] and not units[i].template)
        if first is not None and before < units[first].words:
            lo = first + 1  # no story before it outweighs its first card: that card is the page's own
        for u in units[lo : hi + 1]:
            u.template = True


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def mark_excerpts(units: list[Unit]) -> None:
    """Mark the lone excerpts of cards (Unit.excerpt): they count for the story region at
    half weight, so that a feed of them does not pay for its titles and labels."""
    for i, u in enumerate(units):
        if u.prose and u.words <= EXCERPT_MAX_WORDS and not (i + 1 < len(units) and units[i + 1].prose):
            above = [v for v in units[max(0, i - EXCERPT_LOOKBACK) : i] if v.block.kind != CONTROL]
            u.excerpt = len(above) >= 2 and all(_card_line(v) for v in above[-2:])


def _card_line(u: Unit) -> bool:
    """A card's title, section or date: a short line that no rule names."""
    return not u.prose and not u.hits and u.block.kind != CONTROL


LIST_LABEL_KINDS: Final = frozenset({"related", "readmore"})  # chrome labels that head a list of links


def _card_heading(units: list[Unit], i: int) -> bool:
    """A heading with a lone excerpt under it: a card's linked title, as lynx prints it."""
    below = units[i + 1] if i + 1 < len(units) else None
    return (units[i].block.kind == HEADING and below is not None and below.prose
            and below.words <= EXCERPT_MAX_WORDS and not _in_run(units, i + 1))


def mark_label_lists(units: list[Unit]) -> None:
    """Mark the blocks of the list under a related or read-more label (Unit.listed: the
    label's rule id)."""
    for i, label in enumerate(units):
        if not (label.label and label.chrome is not None and label.chrome.kind in LIST_LABEL_KINDS):
            continue
        listed: list[Unit] = []
        for j in range(i + 1, len(units)):
            u = units[j]
            follows = j == i + 1 or units[j - 1] in listed
            in_list = u.block.group == label.block.group or (follows and (
                u.block.kind == ITEM or _card_heading(units, j)
                or (u.prose and units[j - 1].block.kind == HEADING)))
            if not in_list or (u.block.kind != ITEM and (_in_run(units, j) or u.words > EXCERPT_MAX_WORDS)):
                break  # a run of paragraphs, or a paragraph longer than an excerpt: no rail's
            listed.append(u)
        excerpts = [n for n, u in enumerate(listed) if u.prose and u.block.kind != ITEM]
        if len(excerpts) == 1:
            # one paragraph under a menu's lines is the headline's standfirst, not a rail's
            listed = listed[: excerpts[0]]
        for u in listed:
            if u.chrome is None:
                u.listed = label.chrome.id
