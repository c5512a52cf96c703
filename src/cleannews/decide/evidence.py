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

from ..model import CONTROL, HEADING, PARAGRAPH, Block
from ..rules import Rule, RuleSet
from .positions import SANDWICH

# A full stop, closing marks, a space, then (tested in sentences(): a class of capitals costs
# Python's regex compiler a millisecond at every start) an opening mark and a capital or digit.
_SENTENCE_GAP = re.compile(r"[.!?…][\"'»”’)\]]*(\s+)(?=\S)|[。！？]()")
_OPENERS = frozenset("\"'«“‘([¿¡")
_STARTERS = frozenset(
    "".join(chr(c) for a, b in ("AZ", "ÀÖ", "ØÞ", "Āſ", "АЯ", "09") for c in range(ord(a), ord(b) + 1)) + "ЁЄІЇҐ"
)

_FULL_STOPS = frozenset(".!?…:。！？")
_CLOSERS = "\"'»”’)]」』"
WORD = re.compile(r"\w+")
CJK_CHARS_PER_WORD = 2
# Scripts written without spaces between words: kana, CJK ideographs, hangul, Thai, Lao, Khmer
_UNSPACED_SCRIPT = re.compile("[\u0e00-\u0eff\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
LONG_TOKEN_CHARS = 15  # an average "word" longer than this is a script without spaces
PROSE_MIN_WORDS = 8  # fewer words than this is a label, a button or a heading, not running text
LINE_RULE_MAX_WORDS = 30  # longer than this, a block is not the line a whole-line rule describes
SANDWICH_MAX_WORDS = 60
WEAK_ASK_MAX_WORDS = 30  # a weak ask longer than this beside an appeal is more likely story
SPEECH_MIN_WORDS = 4
CAPTION_MAX_WORDS = 40
COMPOSED_ASK = 1.0  # the parts of an ask must weigh this much together


def word_count(text: str) -> int:
    """Words of a whitespace-folded text, or for scripts written without spaces (Chinese,
    Japanese, Thai) their characters divided by a typical word length, so that prose tests
    work for them too."""
    n = text.count(" ") + 1 if text else 0  # block text has single spaces: no need to split
    if len(text) > LONG_TOKEN_CHARS * n or (n == 1 and _UNSPACED_SCRIPT.search(text)):
        return max(n, len(text) // CJK_CHARS_PER_WORD)
    return n


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
ALL = _HEAD | _TAIL
_QUOTE_CHARS = frozenset('"“”«»„‹›')
_QUOTED_SPAN = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|‹[^›]*›')


def strongest(hits: tuple[Rule, ...], family: str, scopes: frozenset[str] = ALL) -> Rule | None:
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


def composed(parts: tuple[Rule, ...]) -> Rule | None:
    """The ask that parts make together: an offer (money, membership, a subscription, a
    sign-up) with the reader addressed, the outlet speaking of itself, or an imperative, their
    weights (the strongest of each kind) adding up to a whole ask. Each part alone is common in
    news ("you", "our", "donations", "join"); an offer told to the reader by the outlet is not."""
    best: dict[str, Rule] = {}
    for r in parts:
        if r.kind not in best or r.weight > best[r.kind].weight:
            best[r.kind] = r
    offer = best.get("offer")
    if offer is None or len(best) < 2:
        return None
    total = sum(r.weight for r in best.values())
    if total < COMPOSED_ASK:
        return None
    names = " + ".join(f"{r.kind} ({r.id})" for r in best.values())
    return Rule("+".join(r.id for r in best.values()), "appeal", "", "sentence", "search", min(1.0, total),
                f"an ask made of parts: {names}", offer.source)


def _split_parts(hits: tuple[Rule, ...]) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(the rules that are evidence of their own, the parts of an ask)."""
    if not any(r.family == "part" for r in hits):
        return hits, ()
    return tuple(r for r in hits if r.family != "part"), tuple(r for r in hits if r.family == "part")


def _asks_of(hits: tuple[Rule, ...]) -> list[Rule]:
    """The ask rules among a sentence's hits, and the ask its parts make, if they make one."""
    whole, parts = _split_parts(hits)
    asks = [r for r in whole if r.family == "ask"]
    made = composed(parts) if parts else None
    return [*asks, made] if made is not None else asks


def weight(hits: list[Rule], scopes: frozenset[str]) -> float:
    return sum(r.weight for r in {r.id: r for r in hits}.values() if r.family == "ask" and r.scope in scopes)


class Unit:
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
        "parts",
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
        # hits: rules that are evidence of their own; parts: the pieces an ask is made of
        self.hits, self.parts = _split_parts(rules.hits(text)) if block.kind != CONTROL else ((), ())
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
        if self.hits or self.parts:  # most blocks match no rule at all
            self._weigh_hits(rules)

    def ask_rules(self) -> tuple[Rule, ...]:
        """Every ask rule that speaks of it: matched by the block, by one of its sentences, or
        made of parts in a sentence."""
        found = {r.id: r for r in self.hits if r.family == "ask"}
        found.update((r.id, r) for _, asks in self.sentence_asks for r in asks)
        return tuple(found.values())

    def _weigh_hits(self, rules: RuleSet) -> None:
        hits, words = self.hits, self.words
        chrome = strongest(hits, "chrome")
        if chrome is not None and words > (LINE_RULE_MAX_WORDS if chrome.match == "line" else 15):
            # A chrome phrase inside running text is story ("read more about it in ..."); a
            # rule for a whole line ("Posted …", "Read also: …") describes a short one.
            chrome = None
        self.chrome = chrome
        caption = strongest(hits, "caption")
        self.caption = None if caption and caption.match == "line" and words > LINE_RULE_MAX_WORDS else caption
        # parts compose within a sentence ("Subscribe today. We need you." is two sentences)
        if any(r.family == "ask" for r in hits) or any(r.kind == "offer" for r in self.parts):
            self._weigh_asks(rules)

    def _weigh_asks(self, rules: RuleSet) -> None:
        """Ask evidence counted per sentence, leaving out quoted speech."""
        text = self.block.text
        parts = sentences(text)
        if len(parts) == 1 and not _QUOTE_CHARS.intersection(text):
            self.sentence_asks = [(text, tuple(_asks_of(self.hits + self.parts)))]
        else:
            for part, quoted in zip(parts, _quoted(parts), strict=True):
                # a quotation inside the sentence is someone else's words, too
                said = _QUOTED_SPAN.sub(_unsaid, part) if not quoted and _QUOTE_CHARS.intersection(part) else part
                asks = _asks_of(rules.hits(said)) if not quoted else []
                if asks:
                    self.sentence_asks.append((part, tuple(asks)))
        found = [r for _, asks in self.sentence_asks for r in asks]
        self.ask = weight(found, _CORE)
        self.ask_edge = weight(found, ALL)
        self.ask_head = weight(found, _HEAD)
        self.ask_tail = weight(found, _TAIL)
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


def spread_asks(units: list[Unit]) -> None:
    """Short weak asks beside strong ones, and short blocks between two asks, are part of the
    appeal: an appeal box is several blocks, and not every one of them names money."""
    solid = [u for u in units if u.block.kind != CONTROL]  # form debris does not separate blocks
    strong = [is_ask(u) for u in solid]
    if not any(strong):
        return
    for i, u in enumerate(solid):
        if strong[i]:
            continue
        near = (i > 0 and strong[i - 1]) + (i + 1 < len(solid) and strong[i + 1])
        if u.ask_edge > 0 and near and u.words <= WEAK_ASK_MAX_WORDS:
            u.forced = strongest(u.ask_rules(), "ask").id  # type: ignore[union-attr]
        elif near == 2 and u.words <= SANDWICH_MAX_WORDS and not u.caption:
            u.forced = SANDWICH


def caption_neighbours(units: list[Unit]) -> None:
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


def norm(text: str) -> str:
    return text.casefold()  # block text is already whitespace-folded


def line_key(text: str | None) -> tuple[int, str] | None:
    """What is_line compares: a line's word count and its text, case folded."""
    return (word_count(text), norm(text)) if text else None


def is_line(u: Unit, key: tuple[int, str] | None) -> bool:
    """The block is that line again, letter case aside (word counts first: folding costs)."""
    return key is not None and u.words == key[0] and norm(u.block.text) == key[1]
