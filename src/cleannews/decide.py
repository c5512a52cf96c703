"""Blocks → decisions: where the story is, which block is its headline, what inside it goes.

The order of the tests, and why:

1. Evidence. Every block is matched against the rule set once. Asks (appeals, newsletter,
   membership, subscription pitches), chrome (read-more, related, share, bylines) and
   captions are told apart by the rules' families. Ask evidence is weighed per sentence,
   leaving quoted speech out: a story quoting a charity's plea reports it. A block is an
   appeal when its weight reaches 1 and asking is most of its text; a short weak ask beside
   an appeal, and a short block between two, belong to the appeal.
2. The story region (text): the maximum-sum run of blocks, running prose counting for it
   and asks, chrome, form debris and short lines against it. Navigation, footers and the
   appeals above and below the story fall outside it. Then its end is settled: a short last
   paragraph that follows directly is story, appeals at the end are not. For HTML the
   extraction is the region, ended early only by an appeal box inside it; so is a text that
   is only an article (its paragraphs set apart, nothing in it furniture): there is no page
   around it to find the story in, and its short lines and lists are its own.
3. The headline: the title the page's metadata names, or in text the heading-like block
   above the region's first real paragraph that the page repeats, marks as a heading, or
   that heads a byline, date, caption or standfirst.
4. Inside the region: asks, chrome, captions, form debris and repeated blocks are dropped;
   a label such as "Related" takes the short lines under it along; an asking sentence of a
   story paragraph is cut from it and the rest is kept.

Nothing here knows a language: every word lives in the rule packs.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .model import CAPTION, CONTROL, HEADING, ITEM, PARAGRAPH, Block, Cut, Decision
from .rules import Rule, RuleSet

# Built-in position tests, reported like rule ids.
OUTSIDE = "position.outside-story"
PREAMBLE = "position.between-headline-and-story"
TITLE_DUPLICATE = "position.headline-repeated"
FORM = "shape.form-or-placeholder"
BOX = "position.under-a-dropped-label"
SANDWICH = "position.between-appeals"
TITLE = "position.headline"
REPEATED = "position.repeated-block"
STORY = "story"

# A full stop, closing marks, a space, then (tested in sentences(): a class of capitals costs
# Python's regex compiler a millisecond at every start) an opening mark and a capital or digit.
_SENTENCE_GAP = re.compile(r"[.!?…][\"'»”’)\]]*(\s+)(?=\S)|[。！？]()")
_OPENERS = frozenset("\"'«“‘([¿¡")
_STARTERS = frozenset(
    "".join(chr(c) for a, b in ("AZ", "ÀÖ", "ØÞ", "Āſ", "АЯ", "09") for c in range(ord(a), ord(b) + 1)) + "ЁЄІЇҐ"
)
_FULL_STOPS = frozenset(".!?…:。！？")
_CLOSERS = "\"'»”’)]」』"
_TITLE_END_OK = re.compile(r"(?:[^.;,]|\.\.\.|…)$")
_WORD = re.compile(r"\w+")
# A time of day or a numeric date: a dateline, never a headline (digits need no language).
_DATELIKE = re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_SEPARATED = re.compile(r" [|›»>/] ")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year in a line of a few words: a dateline

CJK_CHARS_PER_WORD = 2
LONG_TOKEN_CHARS = 15  # an average "word" longer than this is a script without spaces
PROSE_MIN_WORDS = 8  # fewer words than this is a label, a button or a heading, not running text
PROSE_OFFSET = 10  # what a paragraph must have beyond this to speak for the region around it
ANCHOR_MIN_WORDS = 15  # the first paragraph the headline must sit above
LINE_RULE_MAX_WORDS = 30  # longer than this, a block is not the line a whole-line rule describes
BOX_KINDS = frozenset({"related", "readmore"})  # chrome labels that head a list of links
BOX_LINE_WORDS = 25  # lines under a dropped label go with it unless they are running text
SANDWICH_MAX_WORDS = 60
BOX_PENALTY = 40  # the most a run of appeal blocks counts against a story region
WEAK_ASK_MAX_WORDS = 30  # a weak ask longer than this beside an appeal is more likely story
TITLE_WINDOW = 20
REPEAT_MIN_WORDS = 5
REPEATED_FORM_SHARE = 0.25  # of a page's blocks repeating: its form, not copies to drop
SPEECH_MIN_WORDS = 4
CAPTION_MAX_WORDS = 40
DATELINE_MAX_WORDS = 8  # a line this short with a year in it is a dateline


def word_count(text: str) -> int:
    """Words of a whitespace-folded text, or for scripts written without spaces (Chinese,
    Japanese, Thai) their characters divided by a typical word length, so that prose tests
    work for them too."""
    n = text.count(" ") + 1 if text else 0  # block text has single spaces: no need to split
    return max(n, len(text) // CJK_CHARS_PER_WORD) if len(text) > LONG_TOKEN_CHARS * n else n


def sentences(text: str) -> list[str]:
    """Split running text into sentences (script-neutral: punctuation and capitals only). A
    closing quotation mark stays with its sentence: 'He said "give now."' keeps both marks."""
    parts, start = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        at = 1 if gap.start(1) >= 0 else 2  # the space after a full stop, or the point after 。
        if at == 1:
            after = gap.end()
            first = text[after]
            if first not in _STARTERS and not (first in _OPENERS and text[after + 1 : after + 2] in _STARTERS):
                continue
        parts.append(text[start : gap.start(at)])
        start = gap.end(at)
    parts.append(text[start:])
    return [p for p in parts if p]


_CORE = frozenset({"block", "sentence"})
_HEAD = frozenset({"block", "sentence", "edge", "head"})  # what counts above the story
_TAIL = frozenset({"block", "sentence", "edge", "tail"})  # what counts below it
_ALL = _HEAD | _TAIL
_QUOTE_CHARS = frozenset('"“”«»„‹›')
_QUOTED_SPAN = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|‹[^›]*›')


def _strongest(hits: tuple[Rule, ...], family: str, scopes: frozenset[str] = _ALL) -> Rule | None:
    best = None
    for r in hits:
        if r.family == family and r.scope in scopes and (best is None or r.weight > best.weight):
            best = r
    return best


def _quoted(parts: list[str]) -> list[bool]:
    """For each sentence, whether it is quoted speech: it opens with a quotation mark or
    starts inside one. An appeal a story quotes ("Please give what you can," she said) is
    reported, not made to the reader."""
    out: list[bool] = []
    inside, opener = False, ""
    for part in parts:
        opening = _QUOTED_SPAN.match(part)
        # «Медиазона» пишет…, „Tagesschau“ meldet…: a quoted name opening a sentence is not speech
        starts_speech = part[:1] in _QUOTE_CHARS and (opening is None or _is_speech(opening.group()))
        out.append(inside or starts_speech)
        for c in part:
            if c not in _QUOTE_CHARS:
                continue
            if c == '"':
                inside = not inside
            elif c in "«„‹":
                inside, opener = True, c
            elif c in "»›”" or (inside and opener == "„"):
                inside = False
            else:
                inside, opener = True, c
    return out


def _is_speech(quoted: str) -> bool:
    """Quotation marks around a few words name something («Медиазона», "Become a Participant");
    around more, they report what someone said."""
    return len(quoted.split()) >= SPEECH_MIN_WORDS


def _unsaid(match: re.Match[str]) -> str:
    return " " if _is_speech(match.group()) else match.group()


def _weight(hits: list[Rule], scopes: frozenset[str]) -> float:
    return sum(r.weight for r in {r.id: r for r in hits}.values() if r.family == "ask" and r.scope in scopes)


class _Unit:
    """A block with what the rules and its shape say about it."""

    __slots__ = (
        "ask",
        "ask_edge",
        "ask_head",
        "ask_tail",
        "block",
        "caption",
        "chrome",
        "forced",
        "hits",
        "label",
        "opens_asking",
        "prose",
        "repeated",
        "sentence_asks",
        "share",
        "words",
    )

    def __init__(self, block: Block, rules: RuleSet) -> None:
        text = block.text
        self.block = block
        self.words = words = word_count(text)
        self.hits = rules.hits(text) if block.kind != CONTROL else ()
        ends_sentence = text.rstrip(_CLOSERS)[-1:] in _FULL_STOPS
        self.prose = (
            block.kind not in (HEADING, CONTROL) and words >= PROSE_MIN_WORDS and (ends_sentence or words >= 25)
        )
        self.chrome: Rule | None = None
        self.caption: Rule | None = None
        # short and heading-like: can open a box whose lines follow it
        self.label = block.kind != CONTROL and words <= 6 and (not ends_sentence or text.endswith(":"))
        self.forced: str | None = None  # rule id when a neighbour test made this an ask
        self.repeated = False  # the same text came earlier in the document
        # (sentence, its ask rules) for every unquoted sentence that asks something
        self.sentence_asks: list[tuple[str, tuple[Rule, ...]]] = []
        self.ask = self.ask_edge = self.ask_head = self.ask_tail = self.share = 0.0
        self.opens_asking = False  # its first sentence asks: an appeal's opener, not a story's last line
        if self.hits:  # most blocks match no rule at all
            self._weigh_hits(rules)

    def _weigh_hits(self, rules: RuleSet) -> None:
        hits, words = self.hits, self.words
        chrome = _strongest(hits, "chrome")
        if chrome is not None and words > (LINE_RULE_MAX_WORDS if chrome.match == "line" else 15):
            # A chrome phrase inside running text is story ("read more about it in ..."); a
            # rule for a whole line ("Posted …", "Read also: …") describes a short one.
            chrome = None
        self.chrome = chrome
        caption = _strongest(hits, "caption")
        self.caption = None if caption and caption.match == "line" and words > LINE_RULE_MAX_WORDS else caption
        if any(r.family == "ask" for r in hits):
            self._weigh_asks(rules)

    def _weigh_asks(self, rules: RuleSet) -> None:
        """Ask evidence counted per sentence, leaving out quoted speech."""
        text = self.block.text
        parts = sentences(text)
        if len(parts) == 1 and not _QUOTE_CHARS.intersection(text):
            asks = [r for r in self.hits if r.family == "ask"]
            self.sentence_asks = [(text, tuple(asks))]
        else:
            for part, quoted in zip(parts, _quoted(parts), strict=True):
                # a quotation inside the sentence is someone else's words, too
                said = _QUOTED_SPAN.sub(_unsaid, part) if not quoted and _QUOTE_CHARS.intersection(part) else part
                asks = [r for r in rules.hits(said) if r.family == "ask"] if not quoted else []
                if asks:
                    self.sentence_asks.append((part, tuple(asks)))
        found = [r for _, asks in self.sentence_asks for r in asks]
        self.ask = _weight(found, _CORE)
        self.ask_edge = _weight(found, _ALL)
        self.ask_head = _weight(found, _HEAD)
        self.ask_tail = _weight(found, _TAIL)
        # the share of the text that asks, by words: a long story sentence outweighs two short pitches
        self.share = sum(word_count(part) for part, _ in self.sentence_asks) / max(1, self.words)
        self.opens_asking = bool(self.sentence_asks) and self.sentence_asks[0][0] == parts[0]


def _is_ask(u: _Unit) -> bool:
    """An appeal block: enough ask evidence, and asking is what most of its sentences do
    (a story paragraph with one asking sentence keeps the rest; see _cut_sentences)."""
    return u.forced is not None or (u.ask >= 1.0 and u.share > 0.5)


def _asks_at_all(u: _Unit, side: str = "") -> bool:
    """Some sentence of it asks the reader, counting the rules of that side of the story
    ("head" or "tail"; either, when no side is given)."""
    weight = u.ask_head if side == "head" else u.ask_tail if side == "tail" else u.ask_edge
    return u.forced is not None or weight >= 1.0


def _appeal_at_edge(u: _Unit, more_asks_follow: bool) -> bool:
    """At the end of a story, a paragraph that asks is the appeal's when asking is most of it,
    when it opens with the ask ("… we have a small favour to ask. As you may know …"), or when
    more asks follow it; otherwise it is the story's last paragraph with a call to action
    tacked on, and only that sentence goes (_cut_sentences)."""
    return _asks_at_all(u, "tail") and (u.forced is not None or u.share > 0.5 or u.opens_asking or more_asks_follow)


def _spread_asks(units: list[_Unit]) -> None:
    """Short weak asks beside strong ones, and short blocks between two asks, are part of the
    appeal: an appeal box is several blocks, and not every one of them names money."""
    solid = [u for u in units if u.block.kind != CONTROL]  # form debris does not separate blocks
    strong = [_is_ask(u) for u in solid]
    if not any(strong):
        return
    for i, u in enumerate(solid):
        if strong[i]:
            continue
        near = (i > 0 and strong[i - 1]) + (i + 1 < len(solid) and strong[i + 1])
        if u.ask_edge > 0 and near and u.words <= WEAK_ASK_MAX_WORDS:
            u.forced = _strongest(u.hits, "ask").id  # type: ignore[union-attr]
        elif near == 2 and u.words <= SANDWICH_MAX_WORDS and not u.caption:
            u.forced = SANDWICH


def _caption_neighbours(units: list[_Unit]) -> None:
    """A short line on the same source paragraph as a picture credit is its caption
    ("Photo: Name" above "Engineers repair a line."), as text dumps of figures print them."""
    credits = [i for i, u in enumerate(units) if u.caption is not None and u.block.kind != CONTROL]
    for i in credits:
        u = units[i]
        for j in (i - 1, i + 1):
            if 0 <= j < len(units):
                other = units[j]
                if (other.block.group == u.block.group and other.caption is None and not other.hits
                        and other.block.kind == PARAGRAPH and other.words <= CAPTION_MAX_WORDS):
                    other.caption = u.caption


def _repeatable(u: _Unit) -> bool:
    """A block whose second copy is dropped. Not a list item: lists repeat by nature (a meal
    plan's rows), and the clean text prints items as items. A table cell is one: the clean
    text prints it as a paragraph, a copy when read again; a table whose cells repeat much has
    repeating as its form (REPEATED_FORM_SHARE)."""
    return u.words >= REPEAT_MIN_WORDS and u.block.kind not in (CONTROL, ITEM)


def _mark_repeats(units: list[_Unit], whole: bool, headline: str | None) -> bool:
    """Mark blocks whose text came earlier: gallery captions, teasers, pull quotes. Returns
    whether repeats are copies to drop at all (whole: the blocks are all story, see decide)."""
    seen: set[str] = set()
    counted = [u for u in units if _repeatable(u)]
    for u in counted:
        u.repeated = u.block.text in seen
        seen.add(u.block.text)
    if not whole:
        return True  # a page dump prints its menus twice: its repeats are copies
    # Told from what is printed, as the clean text read again tells it: the headline once
    # (a page's may be among its blocks or not; its clean text's is its first line), and not
    # what goes wherever it stands.
    skip = _line_key(headline)
    printable = [u.block.text for u in counted if not _is_line(u, skip) and not _goes_anywhere(u)]
    if headline and word_count(headline) >= REPEAT_MIN_WORDS:
        printable.append(headline)
    if len(printable) - len(set(printable)) >= REPEATED_FORM_SHARE * len(printable):
        # So much repeats that repeating is the article's form (a plan day by day, an
        # interview's recurring questions), not a teaser or a pull quote.
        for u in counted:
            u.repeated = False
        return False
    return True


def _goes_anywhere(u: _Unit) -> bool:
    """Chrome, a caption or an appeal: dropped inside the story as outside it."""
    return u.chrome is not None or u.caption is not None or u.block.kind == CAPTION or _is_ask(u)


def _score(u: _Unit) -> float:
    """How much a block speaks for being inside the story."""
    if u.repeated:
        return 0  # a second copy of a paragraph neither builds nor breaks a region
    if u.block.kind == CONTROL:
        return -3
    if _is_ask(u):
        return -(10 + u.words)
    if _asks_at_all(u):
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
        return gain if u.block.kind != ITEM else gain / 2
    return -4 if u.block.kind == ITEM else -2


def _region(units: list[_Unit], box_penalty: float = BOX_PENALTY) -> tuple[int, int] | None:
    """The maximum-sum run of blocks (Kadane), or None when nothing scores above zero."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    box = 0.0  # what the current run of appeal blocks has cost so far
    for i, u in enumerate(units):
        s = _score(u)
        if _is_ask(u):
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


def _standfirst(u: _Unit) -> bool:
    """The summary line right under a headline: running text, or a heading-shaped line that
    is long enough to say something ("Civil defence handed out tarpaulins; schools closed")."""
    return u.prose or (_title_shaped(u) and u.words >= PROSE_MIN_WORDS)


def _extracted_span(units: list[_Unit]) -> tuple[int, int] | None:
    """The story in an extraction: all of it, unless an appeal box inside it is followed by
    less story than went before (readability took a container that holds the site's
    appeal and the teasers under it): then it ends where the region sum says."""
    if not units:
        return None
    region = _region(units, box_penalty=float("inf"))  # here a box is what ends the story
    if region is None:
        return 0, len(units) - 1
    end = region[1]
    if any(_is_ask(u) for u in units[end + 1 :]):
        return 0, end
    return 0, len(units) - 1


def _only_an_article(units: list[_Unit]) -> bool:
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
                   or (u in edges and _asks_at_all(u)) for u in units)


def _clean_prose(u: _Unit) -> bool:
    return u.prose and not u.hits and u.block.kind != ITEM


def _settle_end(units: list[_Unit], start: int, end: int, extracted: bool = False,
                headline: str | None = None) -> tuple[int, int]:
    """Where the story really ends. A last paragraph too short to pay for itself in the region
    sum is still story when it follows directly; paragraphs at the end that ask the reader for
    something (an appeal whose sentences do not all name money) are not, nor is the label or
    sub-heading just above them. In an extraction, lists and short lines at the end are the
    article's own (a tour's dates, a list of links it recommends): only asks go. The headline
    printed again at the end goes wherever it stands, so the block above it ends the story."""
    again = _line_key(headline)
    while end + 1 < len(units) and _clean_prose(units[end + 1]):
        end += 1
    after_ask = end + 1 < len(units) and units[end + 1].ask_edge > 0
    while end > start:
        u = units[end]
        weak_lead_in = after_ask and u.ask_edge > 0 and u.words <= WEAK_ASK_MAX_WORDS
        # short lines: page furniture in a dump; in an extraction, only the header of the
        # appeal box being trimmed (lists and short lines that end an article are its own)
        furniture = (u.chrome or u.block.kind == CONTROL or (not u.prose and (not extracted or after_ask))
                     or _is_line(u, again))
        if _appeal_at_edge(u, after_ask) or furniture or weak_lead_in:
            after_ask = after_ask or _asks_at_all(u, "tail")
        elif after_ask and u.words <= SANDWICH_MAX_WORDS and _asks_at_all(units[end - 1], "tail"):
            u.forced = SANDWICH  # "… we have a small favour to ask. / As you may know … / We need you"
        else:
            break
        end -= 1
    return start, end


def _headline_sized(u: _Unit, min_words: int = 1) -> bool:
    """A line that could be a headline by its kind and length alone."""
    return (
        u.block.kind not in (CONTROL, ITEM, CAPTION)
        and min_words <= u.words <= 30
        and len(u.block.text) <= 300
        and u.caption is None
    )


def _title_shaped(u: _Unit, min_words: int = 2) -> bool:
    """Short, no hits, not a date, not ending like a sentence: a headline or a sub-heading."""
    return (
        _headline_sized(u, min_words)
        and not u.hits
        and bool(_TITLE_END_OK.search(u.block.text))
        and not _DATELIKE.search(u.block.text)
        and not (_YEAR.search(u.block.text) and len(_WORD.findall(u.block.text)) <= DATELINE_MAX_WORDS)
    )


def _opens_story(u: _Unit) -> bool:
    """The line a text opens with, right above its story: a headline unless a rule says it is
    not one, whatever its shape ("Floods", "Budget 2025", "Ferry late again."). That is how the
    clean text of a page starts, so it reads the same again."""
    return _headline_sized(u) and not _not_a_headline(u)


def _heads_the_text(units: list[_Unit]) -> bool:
    """The first block opens the story as its headline, above its first real paragraph. Not a
    line the text prints again: a clean text prints its headline once, and an article whose
    paragraphs repeat (a refrain, a title-less page's recurring line) has them as its own."""
    if not units or not _opens_story(units[0]) or _anchors(units[0]):
        return False
    first = _line_key(units[0].block.text)
    return not any(_is_line(u, first) for u in units[1:])


def _anchors(u: _Unit) -> bool:
    """A real paragraph: the first one is where a story starts, its headline above it."""
    return u.prose and u.words >= ANCHOR_MIN_WORDS and u.caption is None


def _norm(text: str) -> str:
    return text.casefold()  # block text is already whitespace-folded


def _line_key(text: str | None) -> tuple[int, str] | None:
    """What _is_line compares: a line's word count and its text, case folded."""
    return (word_count(text), _norm(text)) if text else None


def _is_line(u: _Unit, key: tuple[int, str] | None) -> bool:
    """The block is that line again, letter case aside (word counts first: folding costs)."""
    return key is not None and u.words == key[0] and _norm(u.block.text) == key[1]


def _repeated_short_texts(units: list[_Unit]) -> set[str]:
    """Heading-length texts that occur more than once: pages print their headline twice."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for u in units:
        if 2 <= u.words <= 30:
            key = _norm(u.block.text)
            (repeated if key in seen else seen).add(key)
    return repeated


def _not_a_headline(u: _Unit) -> bool:
    """An ask, a credit or caption ("© Site", "Photo: …"), or a line that is chrome ("More",
    "Menu", "By Jane Doe", "Accept cookies"): in a text those lines are dropped, and the two
    paths agree, so the clean text reads the same again."""
    return u.chrome is not None or u.caption is not None or any(r.family == "ask" for r in u.hits)


def _find_hint(units: list[_Unit], anchor: int, hint: str) -> int | None:
    """The block above the first paragraph that is the headline the page's metadata names."""
    want = _norm(hint)
    for i in range(anchor - 1, max(0, anchor - TITLE_WINDOW) - 1, -1):
        if _norm(units[i].block.text) == want:
            return i
    return None


def _find_title(units: list[_Unit], anchor: int, hint: str | None) -> int | None:
    """Index of the headline among the blocks above the first paragraph, or None."""
    lo = max(0, anchor - TITLE_WINDOW)
    found = _find_hint(units, anchor, hint) if hint else None
    if found is not None:
        return found
    repeated = _repeated_short_texts(units)
    first = next((i for i, u in enumerate(units) if u.block.kind != CONTROL), None)
    best, best_score = None, 0.0
    for i in range(lo, anchor):
        u = units[i]
        if not (_opens_story(u) if i == first == anchor - 1 else _title_shaped(u)):
            continue
        score = 1.0 if 4 <= u.words <= 25 else 0.0
        if u.block.kind == HEADING:
            score += 3
        if _norm(u.block.text) in repeated:
            score += 3
        if i == first:
            score += 1  # an article's text starts with its headline (and the clean text does)
        if _SEPARATED.search(u.block.text):
            score -= 2  # "Section | Date" lines, "Headline | Site" page titles, "Home › News" trails
        # A headline is followed by what heads a story: a byline or date, a picture and its
        # caption, or a standfirst; a sub-heading is followed by the paragraph itself.
        following = units[i + 1 : min(anchor, i + 3)]
        if any(f.chrome or f.caption or f.prose or f.block.kind == CONTROL or _DATELIKE.search(f.block.text)
               for f in following):
            score += 2
        # Ties go to the later block, nearer the story, except the line right under the
        # best so far: of two heading lines in a row, the first is the headline and the
        # second its standfirst.
        if score > best_score or (score == best_score and not (best is not None and i == best + 1)):
            best, best_score = i, score
    return best


def decide(blocks: list[Block], rules: RuleSet, *, keep_captions: bool = False,
           title_hint: str | None = None, extracted: bool = False) -> tuple[list[Decision], str | None]:
    """Decide every block; returns the decisions in order and the headline (if found).

    extracted: the blocks are already a page's main content (HTML through readability), so
    the story region is all of them, trimmed of asks at the end; and a title_hint is the
    headline whether or not a block repeats it. A text that is only an article is judged as
    an extraction too, but for its headline, which it must show (_only_an_article).
    """
    if title_hint and (not _WORD.search(title_hint) or _not_a_headline(_Unit(Block(title_hint), rules))):
        title_hint = None  # a page titled "—", "Newsletter" or "More" has no headline to print
    # A one-word title ("Home", a site's name) is a headline only where the page prints it as
    # one, above its story.
    one_word_hint = bool(title_hint) and word_count(title_hint or "") < 2
    units = [_Unit(b, rules) for b in blocks]
    _spread_asks(units)
    _caption_neighbours(units)
    whole = extracted or _only_an_article(units)  # the story is all of it, less asks at the end
    # a text that is only an article has its headline on its first line, or none
    first_line_headline = whole and not extracted and _heads_the_text(units)
    headline = units[0].block.text if first_line_headline else title_hint
    copies = _mark_repeats(units, whole, headline)
    span = _extracted_span(units) if whole else _region(units)
    if span is None:
        # No running text at all (a bare headline, a list): keep what is not chrome or an ask,
        # with no end to settle (that would weigh short lines against prose there is none of).
        start, end = 0, len(units) - 1
    else:
        start, end = _settle_end(units, *span, whole, headline)
    anchor = next((i for i in range(start, end + 1) if _anchors(units[i])), start)
    if extracted or one_word_hint:
        title_at = _find_hint(units, anchor, title_hint) if title_hint else None
    elif whole:
        title_at = 0 if first_line_headline else None
    else:
        title_at = _find_title(units, anchor, title_hint) if units else None
    if one_word_hint and title_at is None:
        title_hint = None
    title_text = units[title_at].block.text if title_at is not None else title_hint
    title_key = _line_key(title_text)
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
        if _is_line(u, title_key):
            decisions.append(_drop(u, "outside", TITLE_DUPLICATE, "the headline again"))
            continue
        if i < start or i > end:
            decisions.append(_outside(u, i < start))
            continue
        # An extraction has no page furniture above its first paragraph to weed out.
        preamble = (None if whole or (title_at is not None and i == title_at + 1 and _standfirst(u))
                    else "subhead" if i == anchor - 1 else "before" if i < anchor else None)
        decision, box = _inside(u, box, preamble=preamble, keep_captions=keep_captions)
        if decision.keep and copies and _repeatable(u):
            # Story paragraphs are not printed twice: a copy of an earlier one, or one that,
            # its appeal cut, says what an earlier one said (read again, it would be a copy).
            if decision.text in printed:
                decision = _drop(u, "chrome", REPEATED, "the same text earlier in the story")
            else:
                printed.add(decision.text)
        decisions.append(decision)
    return decisions, title_text


def _drop(u: _Unit, role: str, rule: str, reason: str) -> Decision:
    return Decision(u.block, False, role, rule, reason, "")


def _why(rule: Rule) -> str:
    return f"{rule.kind}: {rule.why}" if rule.why else rule.kind


def _outside(u: _Unit, before: bool) -> Decision:
    """A block outside the story; named after the rule it matches when there is one."""
    where = "above the story" if before else "below the story"
    ask = _strongest(u.hits, "ask")
    if u.forced == SANDWICH:
        return _drop(u, "appeal", SANDWICH, f"between two appeal blocks, {where}")
    if ask is not None:
        return _drop(u, "appeal", ask.id, f"{_why(ask)} ({where})")
    for rule in (u.chrome, u.caption):
        if rule is not None:
            return _drop(u, rule.family, rule.id, f"{_why(rule)} ({where})")
    if u.block.kind == CONTROL:
        return _drop(u, "chrome", FORM, f"form field, button or placeholder ({where})")
    return _drop(u, "outside", OUTSIDE, f"not part of the story's run of paragraphs ({where})")


def _inside(u: _Unit, box: str | None, *, preamble: str | None, keep_captions: bool) -> tuple[Decision, str | None]:
    """A block inside the story region; returns its decision and the box it opens, if any."""
    b = u.block
    if b.kind == CONTROL:
        return _drop(u, "chrome", FORM, "form field, button or placeholder"), box
    if _is_ask(u) or (preamble and _asks_at_all(u, "head")):
        if u.forced == SANDWICH:
            return _drop(u, "appeal", SANDWICH, "between two appeal blocks"), None
        rule = u.forced or _strongest(u.hits, "ask").id  # type: ignore[union-attr]
        ask = next((r for r in u.hits if r.id == rule), None)
        reason = _why(ask) if ask else "next to an appeal"
        return _drop(u, "appeal", rule, reason), (rule if u.label else box if box else None)
    if u.chrome is not None:
        opens = u.label and u.chrome.kind in BOX_KINDS
        return _drop(u, "chrome", u.chrome.id, _why(u.chrome)), (u.chrome.id if opens else None)
    if u.caption is not None and not keep_captions:
        return _drop(u, "caption", u.caption.id, _why(u.caption)), None
    if b.kind == CAPTION and not keep_captions:
        return _drop(u, "caption", "markup.caption", "marked as a caption by the page"), None
    if box is not None and not u.prose and u.words <= BOX_LINE_WORDS:
        return _drop(u, "chrome", BOX, f"a short line under a dropped label ({box})"), box
    # Between the headline and the first paragraph only a standfirst and a sub-heading
    # directly above the paragraph are story; the rest is bylines, credits, "in partnership
    # with" and the like.
    if (preamble == "before" and not u.prose) or (preamble == "subhead" and not (u.prose or _title_shaped(u, 1))):
        return _drop(u, "outside", PREAMBLE, "between the headline and the story"), None
    cut = _cut_sentences(u) if u.sentence_asks else None
    if cut is not None:
        return cut, None
    return Decision(b, True, "story", STORY, "story text", b.text), None


def _cut_sentences(u: _Unit) -> Decision | None:
    """Cut the unquoted sentences that sentence-scope ask rules match with full weight; None
    when there is nothing to cut or nothing would be left."""
    doomed: dict[str, Rule] = {}
    for sentence, asks in u.sentence_asks:
        cutting = [r for r in asks if r.scope == "sentence"]
        if cutting and _weight(list(asks), _ALL) >= 1.0:
            doomed[sentence] = max(cutting, key=lambda r: r.weight)
    if not doomed:
        return None
    kept = [part for part in sentences(u.block.text) if part not in doomed]
    if not kept:
        return None
    cuts = tuple(Cut(text, rule.id, _why(rule)) for text, rule in doomed.items())
    return Decision(u.block, True, "story", STORY, "story text, appeal sentences cut", " ".join(kept), cuts)
