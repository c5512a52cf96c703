"""Which block is the headline: the title the page's metadata names, or in text the
heading-like block above the story's first real paragraph that the page repeats, marks as a
heading, or that heads a byline, date, caption or standfirst."""

from __future__ import annotations

from ..lazy import Lazy
from ..model import CAPTION, CONTROL, HEADING, ITEM
from .evidence import DIGIT, PROSE_MIN_WORDS, WORD, Unit, asks_at_all, is_ask, is_line, line_key, norm

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

# A time of day or a numeric date: a dateline, never a headline (digits need no language).
_DATELIKE: Final = Lazy(r"\b\d{1,2}:\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_SEPARATED: Final = Lazy(r" [|›»>/] ")
_YEAR: Final = Lazy(r"\b(?:19|20)\d\d\b")  # a year in a line of a few words: a dateline
ANCHOR_MIN_WORDS: Final = 15  # the first paragraph the headline must sit above
HEADLINE_WORDS: Final = (6, 20)  # most headlines are this long; a label, a section or a name is shorter
BYLINE_NAME_WORDS: Final = 4
TITLE_WINDOW: Final = 20
DATELINE_MAX_WORDS: Final = 8  # a line this short with a year in it is a dateline


def standfirst(u: Unit) -> bool:
    """The summary line right under a headline: running text, or a heading-shaped line that
    is long enough to say something ("Civil defence handed out tarpaulins; schools closed")."""
    return u.prose or (title_shaped(u) and u.words >= PROSE_MIN_WORDS)


def _headline_sized(u: Unit, min_words: int = 1) -> bool:
    """A line that could be a headline by its kind and length alone."""
    return (
        u.block.kind not in (CONTROL, ITEM, CAPTION)
        and min_words <= u.words <= 30
        and len(u.block.text) <= 300
        and u.caption is None
    )


def title_shaped(u: Unit, min_words: int = 2) -> bool:
    """Short, no hits, not a date, not ending like a sentence: a headline or a sub-heading."""
    return _headline_sized(u, min_words) and not u.hits and _ends_open(u.block.text) and not _dateline(u.block.text)


def _ends_open(text: str) -> bool:
    """Ends with no full stop, semicolon or comma, or with an ellipsis (a str test: a regex
    anchored at the end is tried at every character)."""
    return text[-1:] not in ".;," or text.endswith("...")


def _datelike(text: str) -> bool:
    """A time of day or a numeric date in it."""
    at = _first_digit(text)
    return at >= 0 and bool(_DATELIKE.search(text, at))


def _dateline(text: str) -> bool:
    """A time or a numeric date in it, or a year in a line of a few words."""
    at = _first_digit(text)
    return at >= 0 and bool(_DATELIKE.search(text, at) or (
        _YEAR.search(text, at) and len(WORD.findall(text)) <= DATELINE_MAX_WORDS))


def _first_digit(text: str) -> int:
    """Where its first digit is, or -1. Most lines have none: one scan for a digit (a charset
    the regex engine skips to) spares them the date patterns, whose leading word edge is tried
    at every character; and as their matches begin at a digit, they are tried from there on
    (a word edge still sees the character before)."""
    found = DIGIT.search(text)
    return found.start() if found is not None else -1


def _opens_story(u: Unit) -> bool:
    """The line a text opens with, right above its story: a headline unless a rule says it is
    not one, whatever its shape ("Floods", "Budget 2025", "Ferry late again."). That is how the
    clean text of a page starts, so it reads the same again."""
    return _headline_sized(u) and not not_a_headline(u)


def heads_the_text(units: list[Unit]) -> bool:
    """The first block opens the story as its headline, above its first real paragraph. Not a
    line the text prints again: a clean text prints its headline once, and an article whose
    paragraphs repeat (a refrain, a title-less page's recurring line) has them as its own."""
    if not units or not _opens_story(units[0]) or anchors(units[0]):
        return False
    first = line_key(units[0].block.text)
    return not any(is_line(u, first) for u in units[1:])


def anchors(u: Unit) -> bool:
    """A real paragraph: the first one is where a story starts, its headline above it."""
    return u.prose and u.words >= ANCHOR_MIN_WORDS and u.caption is None


class _Repeats:
    """Whether a line's text occurs more than once among the heading-length lines (2 to 30
    words), letter case aside: pages print their headline twice. Asked of the few lines that
    could be the headline, it folds the case of only the lines that could be that line again
    (folding every short line cost as much as the rest of finding the headline): two ASCII
    texts alike but for case have the same length, and folding keeps a text's spaces and
    never shortens it (a character folds to one to three), so of the others only those as
    spaced and no longer than the line folded."""

    def __init__(self, units: list[Unit]) -> None:
        self.ascii: dict[int, list[str]] = {}  # by length
        self.other: list[tuple[str, int]] = []  # with their spaces
        for u in units:
            if 2 <= u.words <= 30:
                text = u.block.text
                if text.isascii():
                    self.ascii.setdefault(len(text), []).append(text)
                else:
                    self.other.append((text, text.count(" ")))
        self.folded: dict[str, str] = {}

    def __contains__(self, text: str) -> bool:
        key = norm(text)
        spaces = key.count(" ")
        found = 0
        for line in (*self.ascii.get(len(key), ()),
                     *(line for line, n in self.other if n == spaces and len(line) <= len(key))):
            folded = self.folded.get(line)
            if folded is None:
                folded = self.folded[line] = norm(line)
            if folded == key:
                found += 1
                if found == 2:
                    return True
        return False


def not_a_headline(u: Unit) -> bool:
    """An ask, a credit or caption ("© Site", "Photo: …"), or a line that is chrome ("More",
    "Menu", "By Jane Doe", "Accept cookies"): in a text those lines are dropped, and the two
    paths agree, so the clean text reads the same again. A weak ask is not enough: a deals
    story's headline names prices ("… MacBooks from $700"). Nor a pitch, nor a block of an
    appeal box (its header; asks_at_all counts the blocks a box took in)."""
    return u.chrome is not None or u.caption is not None or asks_at_all(u) or _orders_an_offer(u)


def _orders_an_offer(u: Unit) -> bool:
    """An imperative and an offer ("Sign up to newsletters", "Support local journalism"): a
    pitch, whatever the parts weigh together; a headline reports, it does not order."""
    kinds = {p.kind for p in u.parts}
    return "offer" in kinds and "imperative" in kinds


def find_hint(units: list[Unit], anchor: int, hint: str) -> int | None:
    """The block above the first paragraph that is the headline the page's metadata names."""
    want = norm(hint)
    for i in range(anchor - 1, max(0, anchor - TITLE_WINDOW) - 1, -1):
        if norm(units[i].block.text) == want:
            return i
    return None


def _heads_a_box(units: list[Unit], i: int) -> bool:
    """The next block (form debris aside) is an appeal: this line is its box's header."""
    below = next((units[j] for j in range(i + 1, len(units)) if units[j].block.kind != CONTROL), None)
    return below is not None and is_ask(below)


def find_title(units: list[Unit], anchor: int, hint: str | None, floor: int = 0) -> int | None:
    """Index of the headline among the blocks above the first paragraph (and from floor on),
    or None."""
    lo = max(floor, anchor - TITLE_WINDOW)
    found = find_hint(units, anchor, hint) if hint else None
    if found is not None:
        return found
    repeated = _Repeats(units)
    first = next((i for i, u in enumerate(units) if u.block.kind != CONTROL), None)
    best, best_score = None, 0.0
    for i in range(lo, anchor):
        u = units[i]
        if not (_opens_story(u) if i == first == anchor - 1 else title_shaped(u) and not not_a_headline(u)):
            continue
        if _heads_a_box(units, i):
            continue  # "Never miss a story" above "Get our news in your inbox": a box's header
        # a headline says something: a few words more than a label, a section or a name
        score = (2.0 if HEADLINE_WORDS[0] <= u.words <= HEADLINE_WORDS[1] else 1.0) if 4 <= u.words <= 25 else 0.0
        if any(anchor_text == u.block.text for anchor_text, _ in u.block.links):
            continue  # a line that is wholly a link: a menu's entry or another story's headline
        if u.block.kind == HEADING:
            score += 3
        if score and u.block.text in repeated:
            score += 3  # a headline printed twice; not a name or a label (an author's, in every box)
        if i == first:
            score += 1  # an article's text starts with its headline (and the clean text does)
        if i > 0 and units[i - 1].words == 1 and u.words <= BYLINE_NAME_WORDS and not units[i - 1].prose:
            score -= 3  # "By" on a line of its own, the author's name on the next (a browser's copy)
        if _SEPARATED.search(u.block.text):
            score -= 2  # "Section | Date" lines, "Headline | Site" page titles, "Home › News" trails
        # A headline is followed by what heads a story: a byline or date, a picture and its
        # caption, or a standfirst; a sub-heading is followed by the paragraph itself.
        following = units[i + 1 : min(anchor, i + 3)]
        if any(f.chrome or f.caption or f.prose or f.block.kind == CONTROL or _datelike(f.block.text)
               for f in following):
            score += 2
        # Ties go to the later block, nearer the story, except the line right under the
        # best so far: of two heading lines in a row, the first is the headline and the
        # second its standfirst.
        if score > best_score or (score == best_score and not (best is not None and i == best + 1)):
            best, best_score = i, score
    return best
