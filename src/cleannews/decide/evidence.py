"""What the rules and its shape say about each block: its words, sentences and asks.

Every block is matched against the rule set once. Asks (appeals, newsletter, membership,
subscription pitches), chrome (read-more, related, share, bylines) and captions are told
apart by the rules' families. Ask evidence is weighed per sentence, leaving quoted speech
out: a story quoting a charity's plea reports it. A block is an appeal when its weight
reaches 1 and asking is most of its text; a short weak ask beside an appeal, and a short
block between two, belong to the appeal.
"""

from __future__ import annotations

import re

from ..lazy import Lazy
from ..model import CAPTION, CONTROL, HEADING, PARAGRAPH, Block
from ..rules import Rule, RuleSet

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Final

# A full stop, closing marks, a space, then (tested in sentences(): a class of capitals costs
# Python's regex compiler a millisecond at every start) an opening mark and a capital or digit;
# or a CJK full stop (group 1, the point after it). One class of every full stop first: the
# regex engine then skips to the next stop, where an alternation would be tried at every
# character (sentences() was a third of weighing a block's asks).
_SENTENCE_GAP: Final = Lazy(r"[.!?…。！？](?:(?<=[。！？])()|[\"'»”’)\]]*(\s+)(?=\S))")
_OPENERS: Final = frozenset("\"'«“‘([¿¡")
_STARTERS: Final = frozenset(
    "".join(chr(c) for a, b in ("AZ", "ÀÖ", "ØÞ", "Āſ", "АЯ", "09") for c in range(ord(a), ord(b) + 1)) + "ЁЄІЇҐ"
)

_FULL_STOPS: Final = frozenset(".!?…:。！？")
CLOSERS: Final = "\"'»”’)]」』"
WORD: Final = Lazy(r"\w+")
DIGIT: Final = Lazy(r"\d")  # one scan, a charset the regex engine skips to
_FORM_FIELD: Final = Lazy(r"_{4,}|\((?:BUTTON|RADIO|CHECKBOX)\)|\[[ _]{4,}\]")
_TEXT_FIELD: Final = Lazy(r"_{4,}|\[[ _]{4,}\]")
FORM_MAX_WORDS: Final = 12
# the holder a copyright line names: "© 2025 The Millbrook Observer. All rights reserved."
_COPYRIGHT_HOLDER: Final = Lazy(
    r"(?:©|\([cC]\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"  # the sign and a year or two
    r"([^\d.,;|–—©(]{2,60}?)\s*(?:\d{4})?\s*(?:[.,;|–—(]|$)"  # the holder, up to a stop
)
MASTHEAD_MAX_WORDS: Final = 4
OUTLET_MIN_CHARS: Final = 4
CJK_CHARS_PER_WORD: Final = 2


UNSPACED_FROM: Final = "\u0e00"  # no character below this is of a script written without spaces


# Scripts written without spaces between words: kana, CJK ideographs, hangul, Thai, Lao, Khmer,
# Myanmar (compiled for the first text with a character past UNSPACED_FROM: see lazy.py)
_UNSPACED_SCRIPT: Final = Lazy(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


LONG_TOKEN_CHARS: Final = 15  # an average "word" longer than this is a script without spaces
PROSE_MIN_WORDS: Final = 8  # fewer words than this is a label, a button or a heading, not running text
LINE_RULE_MAX_WORDS: Final = 30  # longer than this, a block is not the line a whole-line rule describes
SANDWICH_MAX_WORDS: Final = 60
WEAK_ASK_MAX_WORDS: Final = 30  # a weak ask longer than this beside an appeal is more likely story
SPEECH_MIN_WORDS: Final = 4
CAPTION_MAX_WORDS: Final = 40  # a caption beside its credit
CREDITED_MAX_WORDS: Final = 150  # longer, a block is running text, whatever credit it ends with
BARE_CREDIT_WORDS: Final = 8  # a credit line with no caption in it ("Photo: Jane Doe/Reuters")
FIGURE_MAX_LINES: Final = 6  # a figure: its caption, credit, counter and buttons, a source paragraph of a few lines
COMPOSED_ASK: Final = 1.0  # the parts of an ask must weigh this much together


def word_count(text: str) -> int:
    """Words of a whitespace-folded text, or for scripts written without spaces (Chinese,
    Japanese, Thai) their characters divided by a typical word length, so that prose tests
    work for them too."""
    n = text.count(" ") + 1 if text else 0  # block text has single spaces: no need to split
    if ((len(text) > LONG_TOKEN_CHARS * n or n == 1) and not text.isascii() and max(text) >= UNSPACED_FROM
            and _UNSPACED_SCRIPT.search(text)):
        return max(n, len(text) // CJK_CHARS_PER_WORD)
    return n  # a URL or a base64 blob is one long "word", not a sentence of a script without spaces


def sentences(text: str) -> list[str]:
    """Split running text into sentences (script-neutral: punctuation and capitals only). A
    closing quotation mark stays with its sentence: 'He said "give now."' keeps both marks."""
    parts, start = [], 0
    for gap in _SENTENCE_GAP.finditer(text):
        at = 2 if gap.start(2) >= 0 else 1  # the space after a full stop, or the point after 。
        if at == 2:
            after = gap.end()
            first = text[after]
            if first not in _STARTERS and not (first in _OPENERS and text[after + 1 : after + 2] in _STARTERS):
                continue
        parts.append(text[start : gap.start(at)])
        start = gap.end(at)
    parts.append(text[start:])
    return [p for p in parts if p]


_CORE: Final = frozenset({"block", "sentence"})
_HEAD: Final = frozenset({"block", "sentence", "edge", "head"})  # what counts above the story
_TAIL: Final = frozenset({"block", "sentence", "edge", "tail"})  # what counts below it
ALL: Final = _HEAD | _TAIL
_QUOTE_CHARS: Final = frozenset('"“”«»„‹›')
_QUOTES: Final = tuple(_QUOTE_CHARS)
_QUOTE_MARK: Final = Lazy('["“”«»„‹›]')  # one of _QUOTE_CHARS
_QUOTED_SPAN: Final = Lazy(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|‹[^›]*›')
_SINGLE_QUOTED: Final = Lazy(r"(?<!\w)‘(\S(?:.*?\S)?)’(?!\w)", re.S)


def strongest(hits: tuple[Rule, ...], family: str, scopes: frozenset[str] = ALL) -> Rule | None:
    best = None
    for r in hits:  # the weight first: a rule's family is a property, a call each time
        if (best is None or r.weight > best.weight) and r.family == family and r.scope in scopes:
            best = r
    return best


def _quoted(parts: list[str]) -> list[bool]:
    """For each sentence, whether it is quoted speech: it opens with a quotation mark or
    starts inside one. An appeal a story quotes ("Please give what you can," she said) is
    reported, not made to the reader."""
    out: list[bool] = []
    inside, opener = False, ""
    for part in parts:
        # «Медиазона» пишет…, „Tagesschau“ meldet…: a quoted name opening a sentence is not speech
        starts_speech = part[:1] in _QUOTE_CHARS and (
            (opening := _QUOTED_SPAN.match(part)) is None or _is_speech(opening.group()))
        out.append(inside or starts_speech)
        for c in _QUOTE_MARK.findall(part):  # a loop over every character cost more than the rest
            if c == '"':
                inside = not inside
            elif c in "«„‹":
                inside, opener = True, c
            elif c in "»›”" or (inside and opener == "„"):
                inside = False
            else:
                inside, opener = True, c
    return out


def _quotes_in(text: str) -> bool:
    """Whether a quotation mark (_QUOTE_CHARS) is in the text: a search for each mark is a
    scan in C, a fraction of what making a set of the text's characters costs."""
    return any(mark in text for mark in _QUOTES)


def _double_quoted(text: str) -> str:
    """The text with quotation marks written as single quotes (‘…’) made double (“…”), so
    that quoted speech is told apart the same way; an apostrophe (don’t) stays. The same
    text when there are none."""
    if "‘" not in text:
        return text
    return _SINGLE_QUOTED.sub(lambda m: f"“{m.group(1)}”", text)


def _is_speech(quoted: str) -> bool:
    """Quotation marks around a few words name something («Медиазона», "Become a Participant");
    around more, they report what someone said."""
    return len(quoted.split()) >= SPEECH_MIN_WORDS


def _unsaid(match: re.Match[str]) -> str:
    return " " if _is_speech(match.group()) else match.group()


def _kinds(parts: tuple[Rule, ...]) -> dict[str, Rule]:
    """The strongest part of each kind, when there is an offer and another kind beside it."""
    best: dict[str, Rule] = {}
    for r in parts:
        if r.kind not in best or r.weight > best[r.kind].weight:
            best[r.kind] = r
    return best if "offer" in best and len(best) >= 2 else {}


def leaning(parts: tuple[Rule, ...]) -> float:
    """How far parts go towards an ask: their weights added, an offer among them; under
    COMPOSED_ASK, a sentence that leans towards asking ("without your support") is no ask
    alone, but it is the header or lead-in of an appeal box beside one (boxes.py)."""
    return sum(r.weight for r in _kinds(parts).values())


def composed(parts: tuple[Rule, ...]) -> Rule | None:
    """The ask that parts make together: an offer (money, membership, a subscription, a
    sign-up) with the reader addressed, the outlet speaking of itself, or an imperative, their
    weights (the strongest of each kind) adding up to a whole ask. Each part alone is common in
    news ("you", "our", "donations", "join"); an offer told to the reader by the outlet is not."""
    best = _kinds(parts)
    total = sum(r.weight for r in best.values())
    if total < COMPOSED_ASK:
        return None
    names = " + ".join(f"{r.kind} ({r.id})" for r in best.values())
    return Rule("+".join(r.id for r in best.values()), "appeal", "", "sentence", "search", min(1.0, total),
                f"an ask made of parts: {names}", best["offer"].source)


def weight(hits: list[Rule], scopes: frozenset[str]) -> float:
    return sum(r.weight for r in {r.id: r for r in hits}.values() if r.family == "ask" and r.scope in scopes)


def _weights(asks: list[Rule]) -> tuple[float, float, float, float]:
    """The weight of these ask rules (each id once) counted in the story, at either edge of
    it, above it and below it."""
    core = edge = head = tail = 0.0
    for r in {r.id: r for r in asks}.values():
        if r.family != "ask":
            continue
        edge += r.weight
        if r.scope in _CORE:
            core += r.weight
        if r.scope in _HEAD:
            head += r.weight
        if r.scope in _TAIL:
            tail += r.weight
    return core, edge, head, tail


class Said:
    """What a combination of rules says of any text it matches: the same whatever the text,
    so it is worked out once for each combination (a text matches few rules, texts few
    combinations)."""

    def __init__(self, hits: tuple[Rule, ...], parts: tuple[Rule, ...], asking: tuple[Rule, ...],
                 chrome: Rule | None, caption: Rule | None, weighed: bool, asks: tuple[Rule, ...], leaning: float,
                 weights: tuple[float, float, float, float]) -> None:
        self.hits = hits  # the rules that are evidence of their own
        self.asking = asking  # those of them that ask
        self.parts = parts  # the parts of an ask
        self.chrome = chrome  # the strongest chrome rule
        self.caption = caption  # the strongest caption or credit rule
        self.weighed = weighed  # an ask rule or an offer among them: the text's sentences are weighed
        self.asks = asks  # as one sentence: its ask rules, and the ask its parts make
        self.leaning = leaning  # as one sentence: how far its parts lean towards an ask
        self.weights = weights  # as one sentence: _weights(asks)


SAID_SEEN: Final = 4096  # the combinations remembered (bounded: a process may clean many texts)
_said_of: Final[dict[tuple[Rule, ...], Said]] = {}


def said(hits: tuple[Rule, ...]) -> Said:
    """What these rules (matched by one text, in rule order) say of it."""
    if not hits:
        return NOTHING  # most texts
    found = _said_of.get(hits)
    if found is None:
        found = _summed(hits)
        if len(_said_of) < SAID_SEEN:
            _said_of[hits] = found
    return found


def _summed(hits: tuple[Rule, ...]) -> Said:
    whole = tuple(r for r in hits if r.family != "part")
    parts = tuple(r for r in hits if r.family == "part")
    asking = tuple(r for r in whole if r.family == "ask")
    made = composed(parts) if parts else None
    asks = (*asking, made) if made is not None else asking
    weighed = bool(asking) or any(r.kind == "offer" for r in parts)
    return Said(whole, parts, asking, strongest(whole, "chrome"), strongest(whole, "caption"), weighed, asks,
                leaning(parts) if parts else 0.0, _weights(list(asks)))


NOTHING: Final = _summed(())


class Unit:
    """A block with what the rules and its shape say about it."""

    __slots__ = (
        "ask",
        "ask_edge",
        "ask_head",
        "ask_tail",
        "asking",
        "block",
        "caption",
        "chrome",
        "excerpt",
        "forced",
        "hits",
        "label",
        "leaning",
        "listed",
        "opens_asking",
        "outlet",
        "parts",
        "prose",
        "recurring",
        "repeated",
        "sentence_asks",
        "share",
        "teaser",
        "template",
        "words",
    )

    def __init__(self, block: Block, rules: RuleSet) -> None:
        text = block.text
        self.block = block
        self.words = words = word_count(text)
        evidence = said(rules.hits(text)) if block.kind != CONTROL else NOTHING
        # hits: rules that are evidence of their own; parts: the pieces an ask is made of
        self.hits, self.parts, self.asking = evidence.hits, evidence.parts, evidence.asking
        ends_sentence = text.rstrip(CLOSERS)[-1:] in _FULL_STOPS
        # Running text ends like a sentence, or is long and punctuated: a long line with no
        # comma or stop in it is a list of words (a tag cloud, a menu run together).
        self.prose = block.kind not in (HEADING, CONTROL) and words >= PROSE_MIN_WORDS and (
            ends_sentence or (words >= 25 and any(c in text for c in ",.;:")))
        self.chrome: Rule | None = None
        self.caption: Rule | None = None
        # short and heading-like: can open a box whose lines follow it
        self.label = block.kind != CONTROL and words <= 6 and (not ends_sentence or text.endswith(":"))
        self.forced: str | None = None  # rule id when a neighbour test made this an ask
        self.repeated = False  # the same text came earlier in the document
        self.recurring = False  # a line the article's form repeats (a recurring question): printed each time
        self.template = False  # a block of a template of cards or comments (segments.py)
        self.excerpt = False  # a lone paragraph under a card's title and label (segments.py)
        self.listed: str | None = None  # the rule of the related label whose list this is in (segments.py)
        self.teaser: str | None = None  # the shape test that found another story's teaser (teasers.py)
        # (sentence, its ask rules) for every unquoted sentence that asks something
        self.sentence_asks: list[tuple[str, tuple[Rule, ...]]] = []
        self.ask = self.ask_edge = self.ask_head = self.ask_tail = self.share = self.leaning = 0.0
        self.opens_asking = False  # its first sentence asks: an appeal's opener, not a story's last line
        self.outlet = False  # opens with the outlet's own name (mark_outlet)
        if evidence.hits or evidence.parts:  # most blocks match no rule at all
            self._weigh_hits(evidence, rules)

    def ask_rules(self) -> tuple[Rule, ...]:
        """Every ask rule that speaks of it: matched by the block, by one of its sentences, or
        made of parts in a sentence."""
        if not self.sentence_asks:  # most blocks (a rule set's ids are unique: no copies to drop)
            return self.asking
        found = {r.id: r for r in self.asking}
        found.update((r.id, r) for _, asks in self.sentence_asks for r in asks)
        return tuple(found.values())

    def _weigh_hits(self, evidence: Said, rules: RuleSet) -> None:
        words = self.words
        chrome = evidence.chrome
        if chrome is not None and words > (LINE_RULE_MAX_WORDS if chrome.match == "line" else 15):
            # A chrome phrase inside running text is story ("read more about it in ..."); a
            # rule for a whole line ("Posted …", "Read also: …") describes a short one.
            chrome = None
        self.chrome = chrome
        caption = evidence.caption
        # A caption or a credit is a short block (a wire caption may run to a hundred words),
        # or one the page marks as a caption.
        long = words > (LINE_RULE_MAX_WORDS if caption and caption.match == "line" else CREDITED_MAX_WORDS)
        self.caption = None if caption and long and self.block.kind != CAPTION else caption
        # parts compose within a sentence ("Subscribe today. We need you." is two sentences)
        if evidence.weighed:
            self._weigh_asks(evidence, rules)

    def _weigh_asks(self, evidence: Said, rules: RuleSet) -> None:
        """Ask evidence counted per sentence, leaving out quoted speech."""
        text = self.block.text
        parts = sentences(text)
        marked = _double_quoted(text)  # the same length: its sentences are the same spans
        quoting = _quotes_in(marked)
        if len(parts) == 1 and not quoting:
            self.leaning = evidence.leaning
            self.sentence_asks = [(text, evidence.asks)]
            weights = evidence.weights
        else:
            # each sentence that is not quoted speech, and its words less the quotations in it
            # (someone else's words, too)
            unquoted: Iterable[tuple[str, str]]
            if quoting:
                seen = sentences(marked) if marked is not text else parts
                unquoted = [(part, _QUOTED_SPAN.sub(_unsaid, seen_part) if _quotes_in(seen_part) else part)
                            for part, quoted, seen_part in zip(parts, _quoted(seen), seen, strict=True) if not quoted]
            else:  # with no quotation mark in the text, no sentence is quoted or holds a quotation
                unquoted = zip(parts, parts, strict=True)
            found: list[Rule] = []
            leaning = self.leaning
            for part, spoken in unquoted:
                of_part = said(rules.hits(spoken))
                leaning = max(leaning, of_part.leaning)
                if of_part.asks:
                    self.sentence_asks.append((part, of_part.asks))
                    found += of_part.asks
            self.leaning = leaning
            weights = _weights(found)
        self.ask, self.ask_edge, self.ask_head, self.ask_tail = weights
        # the share of the text that asks, by words: a long story sentence outweighs two short pitches
        self.share = sum(word_count(part) for part, _ in self.sentence_asks) / max(1, self.words)
        self.opens_asking = bool(self.sentence_asks) and self.sentence_asks[0][0] == parts[0]


def is_ask(u: Unit) -> bool:
    """An appeal block: enough ask evidence, and asking is what most of its sentences do
    (a story paragraph with one asking sentence keeps the rest; see _cut_sentences)."""
    return u.forced is not None or (u.ask >= 1.0 and u.share > 0.5)


def asks_at_all(u: Unit, side: str = "") -> bool:
    """Some sentence of it asks the reader, counting the rules of that side of the story
    ("head" or "tail"; either, when no side is given)."""
    weight = u.ask_head if side == "head" else u.ask_tail if side == "tail" else u.ask_edge
    return u.forced is not None or weight >= 1.0


def caption_neighbours(units: list[Unit]) -> None:
    """A short line beside a bare picture credit, on a source paragraph of its own with it, is
    its caption ("Photo: Name" above "Engineers repair a line."), as text dumps of figures print
    them; beside a caption with its credit in it, only a line that is not a sentence (the
    picture's text) is. Not a line of a longer source paragraph, nor one with a paragraph
    beyond it: a browser's copy sets no blank line between a caption and the story's
    paragraphs, and caption status does not spread to running text."""
    credits = [i for i, u in enumerate(units) if u.caption is not None and u.block.kind != CONTROL]
    for i in credits:
        u = units[i]
        group = [v for v in units[max(0, i - FIGURE_MAX_LINES) : i + FIGURE_MAX_LINES + 1]
                 if v.block.group == u.block.group and v.block.kind != CONTROL]
        if len(group) > FIGURE_MAX_LINES:
            continue
        for j, far in ((i - 1, i - 2), (i + 1, i + 2)):
            if 0 <= j < len(units):
                other = units[j]
                if (other.block.group == u.block.group and other.caption is None and not other.hits
                        and other.block.kind == PARAGRAPH and other.words <= CAPTION_MAX_WORDS
                        and (u.words <= BARE_CREDIT_WORDS or not other.prose)
                        and not (0 <= far < len(units) and units[far].prose
                                 and units[far].block.group == u.block.group)):
                    other.caption = u.caption


def as_form(block: Block) -> Block:
    """A short line of a text dump with a form field in it ("Email ______ (BUTTON) Sign up",
    "[          ] Subscribe" as w3m and lynx print forms) is form debris, like a line of
    placeholders only (read/text.py): never a headline, never story."""
    text = block.text
    # the word count before the regex: a paragraph of running text is too long for a form line
    if (block.kind == PARAGRAPH and ("_" in text or "(" in text or "[" in text)
            and word_count(text) <= FORM_MAX_WORDS and _FORM_FIELD.search(text)):
        return block._replace(kind=CONTROL)
    return block


def mark_outlet(units: list[Unit]) -> None:
    """Mark the paragraphs that open with the outlet's own name (Unit.outlet): "The Millbrook
    Observer is a nonprofit newsroom …", the outlet speaking of itself. Its name is what the
    page's copyright line gives after the © (and a year), or the masthead (a short first line
    no rule names)."""
    names = {name for u in units if _copyright_sign(u.block.text)
             for name in [_copyright_holder(u.block.text)] if name}
    first = next((u for u in units if u.block.kind != CONTROL), None)
    if first is not None and not first.hits and first.words <= MASTHEAD_MAX_WORDS:
        names.add(norm(first.block.text))
    names = {n for n in names if len(n) >= OUTLET_MIN_CHARS}
    if not names:
        return
    # Folding a character gives one to three: the start of a paragraph this long, folded, holds
    # an article of up to three characters, a space and the longest name.
    opening = max(map(len, names)) + 4
    for u in units:
        if u.prose:
            text = norm(u.block.text[:opening])
            article, _, rest = text.partition(" ")
            u.outlet = any(text.startswith(n) or (len(article) <= 3 and rest.startswith(n)) for n in names)


def _copyright_sign(text: str) -> bool:
    # not casefold(): it copies every block; and a look for one character first (memchr), as
    # most blocks have no bracket, where a look for three costs a few instructions a character
    return "©" in text or ("(" in text and ("(c)" in text or "(C)" in text))


def _copyright_holder(text: str) -> str:
    found = _COPYRIGHT_HOLDER.search(text)
    return norm(found.group(1).strip()) if found else ""


def is_form(u: Unit) -> bool:
    """Form debris with a field or button in it: a form, not a picture's placeholder."""
    return u.block.kind == CONTROL and bool(_FORM_FIELD.search(u.block.text))


def has_field(u: Unit) -> bool:
    """Form debris with a field to type in: a sign-up or search form, not a share bar."""
    return u.block.kind == CONTROL and bool(_TEXT_FIELD.search(u.block.text))


def norm(text: str) -> str:
    return text.casefold()  # block text is already whitespace-folded


def line_key(text: str | None) -> tuple[int, str] | None:
    """What is_line compares: a line's word count and its text, case folded."""
    return (word_count(text), norm(text)) if text else None


def is_line(u: Unit, key: tuple[int, str] | None) -> bool:
    """The block is that line again, letter case aside (word counts first: folding costs)."""
    return key is not None and u.words == key[0] and norm(u.block.text) == key[1]
