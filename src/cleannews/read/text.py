"""Plain text → blocks.

The text may be just the article, or a whole page dumped by a browser (``w3m -dump``,
``lynx -dump``) or a scraper: navigation as bullet lists, form fields, ``[image]``
placeholders and ``(BUTTON)`` labels. This module only describes what each line is;
decide.py works out which lines are the story.

Each non-blank line is a block, except where a paragraph was hard-wrapped: those lines are
joined back into one block first. Blank lines separate groups (source paragraphs).

Hard wraps are told by the text's own measure, whatever wrapped it (w3m and lynx at 80
columns, fmt, fold, a mail client) and whatever surrounds the story: the column that the
lines followed by another line of their paragraph stop near, and that the text does not run
past; a line is joined to the next when the next word would not have fitted on it (or, near
the column, when it breaks a sentence there: fmt evens lines out). A run the wrapper could not
break (a long address; to fmt, a whole run of Chinese or Japanese) stands past the column on a
line of its own and is joined all the same; Chinese or Japanese re-wrapped by fmt, whose lines
break only at the spaces beside words of other scripts, is told by where its breaks stand. A
menu's or a list's short lines are left alone, wherever they stand. lynx's list of links at the end is form debris,
and its "[12]" numbers go.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from itertools import accumulate, pairwise

import re2

from ..lazy import Lazy
from ..model import CONTROL, HEADING, ITEM, PARAGRAPH, Block, new_block

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

_BULLET_FIRST: Final = "•*+·▪◦□☆○●■►▸‣⁃◆◇-"
_BULLET: Final = Lazy(r"(?P<marker>[•*+·▪◦□☆○●■►▸‣⁃◆◇-]|\d{1,3}[.)])(?:\s+|$)(?P<rest>.*)")
# Placeholders a text browser prints for images, iframes and form fields, and lynx's
# "(BUTTON)" label; on their own they are never story.
_PLACEHOLDER: Final = Lazy(
    r"\[[^\]\s]{1,60}\]"  # [image.jpg] [lazyload-p]
    r"|\[[\s_xX*]*\]"  # [    ] [ ] [X] [____]
    r"|_{3,}"  # ____________ text fields
    r"|\((?:BUTTON|RADIO|CHECKBOX)\)"
    r"|(?:IFRAME|REFRESH\(\d+ sec\)):.*"  # and its address, however a narrow dump broke it
    r"|#\w+(?: \w+)?$"  # lynx "#alternate alternate" link-rel lines
)
# The placeholders a line starts with ("[image] Caption", lynx's "[12]Link"); not a note's
# number set off by a space ("[1] Smith, J. 2015."), nor a bracket later in the line.
_LEADING_PLACEHOLDERS: Final = Lazy(r"(?:(?:\[(?!\d{1,4}\]\s)[^\]\s]{1,60}\]|\((?:BUTTON|RADIO|CHECKBOX)\))\s*)+")
# lynx's numbers for links: "[12]" before a link's text, and its list of them at the end
# ("  12. https://…"); a number glued to what follows is one even without the list.
_LINK_NUMBER: Final = Lazy(r"\[\d{1,5}\]")
_GLUED_LINK_NUMBER: Final = Lazy(r"\[\d{1,5}\](?=[^\s\].,;:!?)])")
_LINK: Final = Lazy(r"\s*\d{1,6}\.\s+[A-Za-z][\w+.-]*:\S")
_FIRST_LINK: Final = Lazy(r"\s*1\.\s+[A-Za-z][\w+.-]*:\S")
_ANY_FIRST_LINK: Final = Lazy(r"^[ \t]*1\.[ \t]+[A-Za-z][\w+.-]*:\S", re.MULTILINE)
_ONLY_MARKS: Final = Lazy(r"[\W_]*")
_HAS_WORD: Final = Lazy(r"[^\W_]")
_INVISIBLE_CHARS: Final = "\u200b\u200c\u200d\u2060\ufeff\u00ad"  # zero-width characters and the soft hyphen
_INVISIBLE: Final = Lazy(f"[{_INVISIBLE_CHARS}]")
_ASCII_SPACES: Final = "\t\x0b\x0c\x1c\x1d\x1e\x1f"  # what str.split() splits ASCII at, but a space or a line break
HEADING_MAX_CHARS: Final = 200
_SENTENCE_ENDS: Final = frozenset(".!?:;…\"'»”’)]")
_PUNCTUATION: Final = ".,;:!?\"'()[]«»“”‘’…—–-"
_CLAUSE_STOPS: Final = frozenset(".!?:;…")  # not a comma, even before a closing quote
_CLOSERS: Final = "\"'»”’)]"
_HYPHEN_BREAK: Final = Lazy(r"[^\W\d_]-$")  # a word broken after its hyphen: "well-" / "known"


# Characters a text browser gives two columns (East Asian wide), and of those the scripts
# written without spaces (Chinese, Japanese: not Hangul), whose lines are broken between any
# two. Written as characters, not escapes, so that RE2 reads them as Python does: whether a
# text has any is asked of RE2, which compiles such a class in microseconds where Python's
# compiler takes milliseconds; Python's patterns, quicker for the many small questions of
# measuring lines, are compiled for the first text that has any.
_WIDE_CLASS: Final = (
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_UNSPACED_CLASS: Final = "[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60]"
UNSPACED_FROM: Final = "\u2e80"  # the first character of _UNSPACED_CLASS
_WIDE: Final = Lazy(_WIDE_CLASS)
_UNSPACED: Final = Lazy(_UNSPACED_CLASS)


@functools.cache
def _re2(pattern: str) -> Any:  # re2's compiled pattern
    return re2.compile(pattern)


def _has(text: str, pattern: str) -> bool:
    return not text.isascii() and _re2(pattern).search(text) is not None


def _unspaced_first(text: str) -> bool:
    return text[:1] >= UNSPACED_FROM and _UNSPACED.match(text) is not None


# Hard wraps. A column is told by MIN_WRAPPED_LINES lines at least (of MIN_WRAP columns or
# more) that stop within a band below it: a quarter of it (MIN_BAND at least) to find it, a
# third to join (fmt leaves lines that short). It is not the text's when lines longer than it
# (by an eighth) hold more than BEYOND_SHARE of the text, or when the next word would not have
# fitted after fewer than EXPLAINED_SHARE of the lines near it. Lines were cut at it (fold -w)
# when CUT_SHARE of those end on it (MIN_CUT_LINES at least); filled short of it (fmt) when
# more than FILL_SHARE of those that stop though the next word would have fitted break
# mid-sentence (MIN_WRAPPED_LINES at least): a page's own short lines end sentences.
MIN_WRAP: Final = 30
MIN_WRAPPED_LINES: Final = 3
MIN_BAND: Final = 8
BEYOND_SHARE: Final = 0.2
EXPLAINED_SHARE: Final = 0.5
CUT_SHARE: Final = 0.7
MIN_CUT_LINES: Final = 3
FILL_SHARE: Final = 0.5


def normalize_space(text: str) -> str:
    """Fold every run of whitespace (NBSP and the typographic spaces too) into one space."""
    # str.isprintable() is false for every space but " " and for every invisible character:
    # text already single-spaced, as most of an element's text is, is returned as it is.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if _INVISIBLE.search(text):  # on an element's few words, quicker than _visible's scans
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())  # str.split() knows every Unicode space


def _visible(text: str) -> str:
    """A whole text without its invisible characters."""
    # On a page of text, a search for each character (a scan in C) is many times quicker than
    # the regex's search; on a line of a few words, slower.
    if any(c in text for c in _INVISIBLE_CHARS):
        return _INVISIBLE.sub("", text)
    return text


def _single_spaced(line: str, spaced: bool = False) -> str:
    """The line less its indentation, every run of whitespace in it one space. Most lines have
    only single ASCII spaces (str.isprintable() is false for every other space): they are
    returned as they are, without splitting them into words and joining them again.
    `spaced`: the line comes from a text without other ASCII spaces (_spaced), so that an
    ASCII line (most lines) has none, which spares isprintable() its look-up of every character."""
    text = line.lstrip(" ")
    if "  " not in text and not text.endswith(" ") and ((spaced and text.isascii()) or text.isprintable()):
        return text
    return " ".join(line.split())  # str.split() knows every Unicode space


def _spaced(text: str) -> bool:
    """Does the text hold no ASCII whitespace but spaces and line breaks (carriage returns made
    line breaks)? Asked once of the whole text: a search for each character, in C."""
    return not any(space in text for space in _ASCII_SPACES)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def _next_word(line: str) -> str:
    """The word a wrapper would have moved with the line's start: up to a space, a no-break
    space holding words together."""
    return line.lstrip().split(" ", 1)[0]


class _Wrap:
    """How a text was hard-wrapped, told from its own lines. (Plain classes, not named tuples,
    in the modules setup.py compiles: mypyc makes a named tuple through the typing module, whose
    import a command would pay at every start.)"""

    def __init__(self, width: int, columns: dict[int, int], fill: bool, cut: bool,
                 size: Callable[[str], int]) -> None:
        self.width = width  # the column the body's lines were wrapped at
        self.columns = columns  # indentation → its own column, where it has one (lynx's headings)
        self.fill = fill  # lines stop short of the column though the next word would fit (fmt evens them)
        self.cut = cut  # lines cut at the column whatever stands there, inside words too (fold -w)
        self.size = size  # how the wrapper measured a line: characters, columns or bytes

    def column(self, indent: int) -> int:
        return self.columns.get(indent, self.width)

    def band(self, column: int) -> int:
        """How far short of the column a wrapped line may stop and still be joined."""
        return max(MIN_BAND, column // 3)


def _utf8_size(line: str) -> int:
    return len(line.encode("utf-8", "surrogatepass"))


def _columns(line: str) -> int:
    return len(line) + len(_WIDE.findall(line))


def _spaceless(line: str) -> bool:
    """One token and nothing else, but for a bullet (a URL, a file name, lynx's "12. <url>"):
    a wrapper that breaks lines at spaces could not have broken it."""
    text = line.strip()
    _, _, rest = text.partition(" ")
    return not rest or (" " not in rest and _bullet(text) is not None)


def _unbreakable(line: str) -> bool:
    """No wrapper could have broken it (a text browser breaks Chinese and Japanese anywhere)."""
    return _spaceless(line) and not _has(line, _UNSPACED_CLASS)


def _run_past_column(line: str, size: Callable[[str], int]) -> bool:
    """Is a line longer than the column one run that this wrapper could not break, left on a
    line of its own? A text browser (lines measured in columns) breaks Chinese and Japanese
    anywhere; fmt, fold -s and mail clients break only at spaces."""
    return _unbreakable(line) if size is _columns else _spaceless(line)


def _column(ends: list[int], longer: list[int]) -> int:
    """The column that most of these line ends stop near with few lines past it; 0 when none
    is clear.

    A wrapper fills lines up to a column: the lines it broke end a little short of it, and no
    line it could break goes past it. In a text nobody wrapped, long lines end anywhere and as
    many go past any column as stop before it.
    """
    best = best_score = 0
    for column in set(ends).union(longer):  # a line that was not broken may be the longest
        band = max(MIN_BAND, column // 4)
        near = bisect_right(ends, column) - bisect_right(ends, column - band)
        past = bisect_right(longer, column + band) - bisect_right(longer, column)
        score = near - 4 * past
        if score > best_score and near >= MIN_WRAPPED_LINES:
            best, best_score = column, score
    return best


def _full(pairs: list[tuple[int, str, str, bool]], column: int, size: Callable[[str], int]) -> int:
    """How many of these lines end near the column where the next word would not have fitted."""
    floor = column - max(MIN_BAND, column // 4)
    return sum(1 for width, _, following, _ in pairs
               if floor < width <= column and not _fits(width, following, column, size))


class _Lines:
    """The lines that tell how a text was wrapped, whatever it was measured in; each marked
    when it has no space (a text browser may have broken it, fmt and fold -s could not)."""

    def __init__(self, pairs: list[tuple[int, str, str, bool, bool]], long: list[tuple[int, str, bool]],
                 lasts: list[str]) -> None:
        # indentation, a line, the next line of its paragraph, whether the line has no space, and
        # whether it goes on from a line above (it is not its paragraph's first)
        self.pairs = pairs
        self.long = long  # indentation and line, of every line a wrapper could break
        self.lasts = lasts  # the last line of each paragraph of several

    def words(self) -> Counter[str]:
        """How often the text uses each word (punctuation and case aside)."""
        return Counter(_bare(word) for _, line, _ in self.long for word in line.split())


def _lines(paragraphs: list[list[str]]) -> _Lines | None:
    """The lines to measure, or None when too few lines go on in the next to tell a wrap."""
    pairs = []
    lasts = []
    for para in paragraphs:
        if len(para) > 1:
            lasts.append(para[-1])
            for i, (line, following) in enumerate(pairwise(para)):
                if _bullet(following.lstrip()):
                    continue  # the next line is an item of its own
                spaceless = _spaceless(line)
                if not spaceless or _has(line, _UNSPACED_CLASS):  # a wrapper could have broken it
                    pairs.append((_indent(line), line, following, spaceless, i > 0))
    if len(pairs) < MIN_WRAPPED_LINES:
        return None
    long = []
    for para in paragraphs:
        for line in para:
            if len(line) >= MIN_WRAP // 4:
                spaceless = _spaceless(line)
                if not spaceless or _has(line, _UNSPACED_CLASS):
                    long.append((_indent(line), line, spaceless))
    return _Lines(pairs, long, lasts)


def _wrap_in(lines: _Lines, size: Callable[[str], int]) -> tuple[_Wrap | None, int]:
    """How the text was wrapped, its lines measured by `size`, and how many breaks that explains.

    Each indentation is a region with its own margins (lynx wraps headings at col 0 wider than
    the body at col 3): its lines followed by another line of their paragraph tell its column.
    The body's is the one that explains the most text (lines that end near it where the next
    word would not have fitted); another indentation keeps its own when it is a little wider
    (lynx's headings), and takes the body's otherwise (a menu's short lines tell no column).
    A text whose lines go past that column is not wrapped at it (a page dumped wide, a
    browser's copy).
    """
    by_columns = size is _columns
    pairs: dict[int, list[tuple[int, str, str, bool]]] = {}
    for indent, line, following, spaceless, goes_on in lines.pairs:
        if (width := size(line)) >= MIN_WRAP and (by_columns or not spaceless):
            pairs.setdefault(indent, []).append((width, line, following, goes_on))
    longer: dict[int, list[int]] = {}
    for indent, line, spaceless in lines.long:
        if (width := size(line)) >= MIN_WRAP and (by_columns or not spaceless):
            longer.setdefault(indent, []).append(width)
    widths = sorted(width for some in longer.values() for width in some)
    up_to = list(accumulate(widths, initial=0))  # up_to[i]: the text in the i shortest lines
    found = {indent: column for indent, some in pairs.items() if len(some) >= MIN_WRAPPED_LINES
             and (column := _column(sorted(width for width, *_ in some), sorted(longer.get(indent, []))))}
    candidates = [(_full(pairs[indent], column, size) * column, column, indent) for indent, column in found.items()
                  if up_to[-1] - up_to[bisect_right(widths, column + column // 8)] <= BEYOND_SHARE * up_to[-1]]
    explained, width, body = max(candidates, default=(0, 0, 0))
    if explained < MIN_WRAPPED_LINES * MIN_WRAP:
        return None, 0
    wrap = _Wrap(width, _own_columns(found, longer, width, body), False, False, size)
    return _mode(wrap, [pair for some in pairs.values() for pair in some], lines.lasts, lines.words)


def _own_columns(found: dict[int, int], longer: dict[int, list[int]], width: int, body: int) -> dict[int, int]:
    """The indentations wrapped a little wider than the body: those whose lines tell such a
    column, and those set left of the body (lynx's headings), as far as their longest line."""
    most = width + width // 8
    columns = {indent: column for indent, column in found.items() if width < column <= most}
    for indent in range(body):
        longest = max((w for w in longer.get(indent, ()) if w <= most), default=0)
        if indent not in columns and longest > width:
            columns[indent] = longest
    return columns


def _fits(width: int, following: str, column: int, size: Callable[[str], int]) -> bool:
    """Would the next line's first word have fitted after a line, with a space before it, and
    one after it (fold -s breaks where that space would not fit)? Of Chinese or Japanese, that
    a text browser breaks anywhere, its first character."""
    head = _next_word(following)
    if size is _columns and _unspaced_first(head):
        head = head[0]
    return width + 1 + size(head) < column


def _cut_inside_words(breaks: list[tuple[str, str]], words: Callable[[], Counter[str]]) -> bool:
    """Were these lines, all as long as the column, cut inside words rather than broken
    between them? Told by the text's own words: the pieces on either side of a cut make a word
    it uses elsewhere ("harbour ma" / "ster": master), those of a break are words it uses; or,
    when neither is seen, by many lines all ending on the column."""
    used = words()
    inside = between = told = 0
    for line, following in breaks:
        if following[:1].isspace() or (_unspaced_first(line[-1]) and _unspaced_first(following)):
            continue  # a cut that fell on a space; between two Chinese or Japanese characters any wrapper breaks
        told += 1
        last, first = line.rsplit(" ", 1)[-1], _next_word(following)
        if _bare(last) and _bare(first):  # not a dash or a quote mark, with the word or apart
            inside += used[_bare(last + first)] > 0
            between += used[_bare(last)] > 1 and used[_bare(first)] > 1
    return inside > between or (between == 0 and told >= 2 * MIN_CUT_LINES)


def _bare(word: str) -> str:
    return word.strip(_PUNCTUATION).casefold()


def _mode(wrap: _Wrap, pairs: list[tuple[int, str, str, bool]], lasts: list[str],
          words: Callable[[], Counter[str]]) -> tuple[_Wrap | None, int]:
    """How the lines near the column were broken, and how many of them that explains; None
    when too few are explained for a wrap (a list of lines much alike, a table's rows).

    Most are full: the next word would not have fitted. Cut (fold -w): most end on the column
    and paragraphs end short of it (a table's last row does not). Filled (fmt evens lines):
    most lines that stop where the next word would have fitted break in mid-sentence.
    """
    near = at_column = on_column = full = short_mid_sentence = 0
    for width, line, following, goes_on in pairs:
        column = wrap.column(_indent(line))
        if not column - wrap.band(column) < width <= column:
            continue
        near += 1
        at_column += width >= column - 1  # or a space at the column, gone with the line's end
        on_column += width == column and not following[:1].isspace()
        if not _fits(width, following, column, wrap.size):
            full += 1
        # a paragraph runs on when the line goes on from one above or the next is as full: of
        # the many lines that tell a fill, one headline over a long dated byline is one
        elif _breaks_sentence(line, following, goes_on or wrap.size(following) > column - wrap.band(column)):
            short_mid_sentence += 1
    ending_short = sum(1 for line in lasts if wrap.size(line) < wrap.column(_indent(line)) - 1)
    if at_column >= max(MIN_CUT_LINES, CUT_SHARE * near) and ending_short * 3 >= len(lasts):
        on = [(line, following) for width, line, following, _ in pairs if width == wrap.column(_indent(line))]
        if _cut_inside_words(on, words):
            return _Wrap(wrap.width, wrap.columns, wrap.fill, True, wrap.size), on_column
    fill = short_mid_sentence >= MIN_WRAPPED_LINES and short_mid_sentence > FILL_SHARE * (near - full)
    explained = full + short_mid_sentence if fill else full
    if explained < max(MIN_WRAPPED_LINES, EXPLAINED_SHARE * near):
        return None, 0
    return _Wrap(wrap.width, wrap.columns, fill, wrap.cut, wrap.size), explained


def _wrap(paragraphs: list[list[str]], text: str) -> _Wrap | None:
    """How the text was wrapped, its lines measured in characters (mail clients), in columns
    where some characters take two (w3m, lynx; first, when there are such characters), or in
    bytes (fmt and fold count bytes): whichever explains more breaks, lines cut at one width
    before any."""
    lines = _lines(paragraphs)
    if lines is None:
        return None  # most texts: a paragraph a line
    if text.isascii():
        return _wrap_in(lines, len)[0]
    sizes = [_columns, len, _utf8_size] if _has(text, _WIDE_CLASS) else [len, _utf8_size]
    best, best_rank = None, (False, 0, False)
    for size in sizes:
        wrap, explained = _wrap_in(lines, size)
        if wrap is None:
            continue
        # Between two readings that explain as much, bytes for lines cut at one width (fold
        # counts bytes), else the one tried first.
        rank = (wrap.cut, explained, wrap.cut and size is _utf8_size)
        if rank > best_rank:
            best, best_rank = wrap, rank
    if best is None and _has(text, _UNSPACED_CLASS):
        return _filled_around_runs(lines)
    return best


def _filled_around_runs(lines: _Lines) -> _Wrap | None:
    """Chinese or Japanese with words of a spaced script among them, filled by fmt (in bytes,
    or in characters by a mail client): each run of the script is one word to the wrapper, too
    long for a line, left on a line of its own, and the lines break at the few spaces around
    the spaced words, so no line ends near a column where the next word would not have fitted.

    Read as filled to the widest column the breaks allow (short of each line and the word
    after it), or to the widest line that holds a space if that is wider (the wrapper kept it
    within the column), when every break is one such a wrap makes (the next word would not
    have fitted, the line is a run too long for any, or it stops near the column) and most
    stand where a space stood, beside a word of a spaced script: a text nobody wrapped breaks
    its lines after a sentence or a heading, between two characters of the script or after
    a mark."""
    needed = max(MIN_WRAPPED_LINES, len(lines.pairs) // 2 + 1)
    best, best_spaces = None, 0
    for size in (_utf8_size, len):
        widest = max((size(line) for _, line, spaceless in lines.long if not spaceless), default=0)
        allowed = min(size(line) + size(_next_word(following)) for _, line, following, *_ in lines.pairs)
        column = max(widest, allowed)
        if column < MIN_WRAP:
            continue
        wrap = _Wrap(column, {}, True, False, size)
        if any(_wrapped_glue(line, following, wrap, goes_on) is None for _, line, following, _, goes_on in lines.pairs):
            continue
        spaces = sum(1 for _, line, following, *_ in lines.pairs if _at_a_space(line, following))
        if spaces >= needed and spaces > best_spaces:
            best, best_spaces = wrap, spaces
    return best


def _at_a_space(line: str, following: str) -> bool:
    """Does a break stand between two words, one at least of a script written with spaces?"""
    last, first = line[-1:], following.lstrip()[:1]
    return last.isalnum() and first.isalnum() and not (_unspaced_first(last) and _unspaced_first(first))


def _bullet(text: str) -> re.Match[str] | None:
    """The bullet or number a (stripped) line starts with, if any; the cheap test first."""
    head = text[:1]
    return _BULLET.match(text) if head in _BULLET_FIRST or head.isdigit() else None


def _glue(line: str, following: str, wrap: _Wrap | None, hang: int | None, length: int, goes_on: bool) -> str | None:
    """What joins `following` to `line` when it continues it, before the text was wrapped (a
    space; nothing after a word broken at its hyphen, or cut inside), else None. `hang` is the
    column a list item's wrapped lines are indented to; `length` that of all that `line` is
    joined to already (a paragraph of many wrapped lines is joined once, not re-read at every
    join), and `goes_on` whether it was joined to a line above."""
    head = following.lstrip()
    if not head or _bullet(head):
        return None
    if hang is not None and _indent(following) == hang:
        return _break_glue(line, head)
    glue = _wrapped_glue(line, following, wrap, goes_on) if wrap is not None else None
    if glue is None and length >= 300 and line[-1:] not in _SENTENCE_ENDS and head[:1].islower():
        return " "  # a long line broken mid-sentence (lynx breaks lines near 1,000 columns, and more)
    return glue


def _wrapped_glue(line: str, following: str, wrap: _Wrap, goes_on: bool) -> str | None:
    """The glue of a wrapped line, or None. Wrapped: the next line is not set in or out, and
    the next word would not have fitted on this one; or this one ends near the column, and
    breaks a sentence there, or the text was filled (fmt). `goes_on`: this line was joined to
    one above (a figure after a paragraph's first line may be a date or a count under a
    headline)."""
    width = wrap.size(line)
    indent = _indent(line)
    column = wrap.column(indent)
    if wrap.cut:
        if width >= column - 1:  # a space where the cut fell on one
            return "" if width == column and not following[:1].isspace() else " "
        return None
    if _indent(following) != indent or _rule(line, indent) or _rule(following, indent):
        return None  # set in or out (a quote, a heading)
    if abs(width - column) <= 1 and _unbreakable(line):
        return ""  # a word longer than a line, cut at the column (lynx: an image's address)
    if width > column and not _run_past_column(line, wrap.size):
        return None  # past the column: not wrapped there
    head = _next_word(following)
    if _fits(width, following, column, wrap.size) and not (
        width > column - wrap.band(column) and (wrap.fill or _breaks_sentence(line, following, goes_on))
    ):
        return None
    if line.endswith("-") and _HYPHEN_BREAK.search(line) and head[:1].isalpha():  # the regex tries every character
        return ""
    return _break_glue(line, head)


def _break_glue(line: str, head: str) -> str:
    """What a wrapper's break stood for: nothing between two characters of Chinese or Japanese,
    which are written without spaces (a text browser breaks them anywhere), a space elsewhere."""
    return "" if _unspaced_first(line[-1:]) and _unspaced_first(head) else " "


def _rule(line: str, indent: int) -> bool:
    """A line of marks and no word ("━━━━━━"): a divider, which fills the column alone."""
    return len(line) - indent >= MIN_BAND and not _HAS_WORD.search(line, indent)


def _breaks_sentence(line: str, following: str, running: bool) -> bool:
    """Does a line stop inside a sentence that the next line goes on with: one not ended,
    before a word that is not capitalised (lower case, any word of a script without capitals),
    or before a figure after a comma ("1 goal," / "1 assist") or inside a paragraph that runs
    on (`running`, "a fee of" / "12 euros and")? A figure may open a line of its own under a
    headline or a label (a date, "1 / 13", a count), and a figure alone is a count (of shares,
    of comments). (Not when both start with one letter: lynx's "o" bullets.)"""
    head = _next_word(following)
    first = head[:1]
    if not first.isalnum() or first.isupper() or line.rstrip(_CLOSERS)[-1:] in _CLAUSE_STOPS:
        return False
    if first.isdigit():
        return line.endswith(",") or (running and head != following.strip())
    return len(head) > 1 or _next_word(line) != head


def _paragraphs(text: str) -> list[list[str]]:
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line:
            current.append(line.expandtabs(8) if "\t" in line else line)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _hanging_indent(line: str) -> int | None:
    """The column where a bulleted line's text starts: its wrapped lines are indented to it."""
    bullet = _bullet(line.lstrip())
    return _indent(line) + bullet.start("rest") if bullet and bullet["rest"] else None


def _unwrap(paragraphs: list[list[str]], wrap: _Wrap | None) -> list[list[str]]:
    out: list[list[str]] = []
    for para in paragraphs:
        if len(para) == 1:  # most paragraphs of a text: nothing to join
            out.append(para)
            continue
        lines: list[str] = []
        pieces = [para[0]]  # the line being joined, piece by piece
        length = len(para[0])
        hang = _hanging_indent(para[0])
        for line, following in pairwise(para):
            glue = _glue(line, following, wrap, hang, length, len(pieces) > 1)
            if glue is not None:
                piece = following.strip()
                pieces += (glue, piece)
                length += len(glue) + len(piece)
            else:
                lines.append("".join(pieces))
                pieces, length = [following], len(following)
                hang = _hanging_indent(following)
        lines.append("".join(pieces))
        out.append(lines)
    return out


def _body_indent(paragraphs: list[list[str]]) -> int:
    """The indentation of most running text (lynx indents it by three, headings not at all).

    Told from two long lines at least: one indented paragraph (a quote, a caption) says
    nothing about the rest, and once it is gone the text would read differently."""
    if not any(line[0].isspace() for para in paragraphs for line in para):
        return 0  # most texts: nothing is indented
    chars: dict[int, int] = {}
    lines: dict[int, int] = {}
    for para in paragraphs:
        for line in para:
            if len(line) < 80:
                continue
            stripped = line.strip()
            if len(stripped) >= 80 and not _bullet(stripped) and " " in stripped:
                indent = len(line) - len(stripped)  # lines are right-stripped already
                chars[indent] = chars.get(indent, 0) + len(stripped)
                lines[indent] = lines.get(indent, 0) + 1
    body = max(chars, key=lambda k: chars[k]) if chars else 0
    return body if lines.get(body, 0) >= 2 else 0


def _only_placeholders(text: str) -> bool:
    if text[:1].isalnum() and not text.startswith(("IFRAME", "REFRESH")):
        return False  # most lines: they start with a word
    # Most lines that start with a mark (a quotation's) are told at their first word, in a
    # character or two: a word no placeholder holds, none having opened before it (with a
    # bracket, an underscore or a hash), and not IFRAME or REFRESH, which open one.
    for at, char in enumerate(text):
        if char.isalnum():  # the regexes' [^\W_]
            if not text.startswith(("IFRAME", "REFRESH"), at):
                return False
            break
        if char in "[_(#":
            break
    else:
        return True  # marks alone
    return bool(_ONLY_MARKS.fullmatch(_PLACEHOLDER.sub("", text)))


def _block(line: str, group: int, body_indent: int, links: Lazy, spaced: bool) -> Block:
    indent = _indent(line)
    stripped = _single_spaced(line, spaced)  # invisible characters went with the whole text
    shown = _single_spaced(links.sub("", stripped), spaced) if "[" in stripped else stripped
    lead = _LEADING_PLACEHOLDERS.match(shown) if shown[:1] in "[(" else None
    rest = shown[lead.end():] if lead else shown
    if not rest or _only_placeholders(rest):
        return new_block((stripped, CONTROL, group, indent, "", ()))
    bullet = _BULLET.fullmatch(rest) if rest[:1] in _BULLET_FIRST or rest[:1].isdigit() else None
    if bullet:
        item = bullet["rest"].strip()
        if not item or _only_placeholders(item):
            return new_block((stripped, CONTROL, group, indent, bullet["marker"], ()))
        return new_block((item, ITEM, group, indent, bullet["marker"], ()))
    # A short line set left of the running text: how lynx prints <h1>-<h6>.
    heading = body_indent and indent < body_indent and len(rest) <= HEADING_MAX_CHARS
    kind = HEADING if heading else PARAGRAPH
    # a line that is one link's text (lynx's "[10]Another story"): the link is kept, as HTML
    # keeps its links, so that decide can tell a linked headline from a sub-heading
    number = links.match(stripped) if stripped.startswith("[") else None  # a link number opens with one
    linked = ((rest, number.group()),) if number and stripped.count("[") == 1 else ()
    return new_block((rest, kind, group, indent, "", linked))


def _link_list(text: str, paragraphs: list[list[str]]) -> int:
    """Where lynx's numbered list of the page's links begins (its heading, "References" in
    English), or len(paragraphs): a line on its own, then "1. <url>" (after a label such as
    "Visible links:"), and links for most of the lines to the end."""
    # the literal "1." is found far quicker than the pattern tries each line start for it
    if "1." not in text or not _ANY_FIRST_LINK.search(text):
        return len(paragraphs)  # most texts
    lines = links = 0  # from the end back to paragraph i
    start = len(paragraphs)
    for i in range(len(paragraphs) - 1, 0, -1):
        para = paragraphs[i]
        lines += len(para)
        links += sum(1 for line in para if _LINK.match(line))
        first = para[1] if para[0].endswith(":") and len(para) > 1 else para[0]  # after "Visible links:"
        if len(paragraphs[i - 1]) == 1 and _FIRST_LINK.match(first) and links * 2 >= lines:
            start = i - 1
    return start


def text_blocks(text: str) -> list[Block]:
    """Split decoded text into blocks, in reading order."""
    if "\r" in text:  # one search, where the two replacements would each go through the text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _visible(text)
    paragraphs = _paragraphs(text)
    end = _link_list(text, paragraphs)
    body = _unwrap(paragraphs[:end], _wrap(paragraphs[:end], text))
    body_indent = _body_indent(body)
    # With its list of links, lynx's "[12]" before each link's text is a number in the list;
    # without it, such a number is one only when glued to the text ("[12]Home"), not a note's.
    links = _LINK_NUMBER if end < len(paragraphs) else _GLUED_LINK_NUMBER
    spaced = _spaced(text)
    blocks = [_block(line, group, body_indent, links, spaced) for group, para in enumerate(body) for line in para]
    blocks += [new_block((_single_spaced(line, spaced), CONTROL, group, _indent(line), "", ()))
               for group, para in enumerate(paragraphs[end:], len(body)) for line in para]
    return blocks
