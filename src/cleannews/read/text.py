"""Plain text → blocks.

The text may be just the article, or a whole page dumped by a browser (``w3m -dump``,
``lynx -dump``) or a scraper: navigation as bullet lists, form fields, ``[image]``
placeholders and ``(BUTTON)`` labels. This module only describes what each line is;
decide.py works out which lines are the story.

Each non-blank line is a block, except where a paragraph was hard-wrapped: those lines are
joined back into one block first. Blank lines separate groups (source paragraphs).
"""

from __future__ import annotations

import re

from ..model import CONTROL, HEADING, ITEM, PARAGRAPH, Block

_BULLET_FIRST = "•*+·▪◦□☆○●■►▸‣⁃◆◇-"
_BULLET = re.compile(r"(?P<marker>[•*+·▪◦□☆○●■►▸‣⁃◆◇-]|\d{1,3}[.)])(?:\s+|$)(?P<rest>.*)")
# Placeholders a text browser prints for images, iframes and form fields, and lynx's
# "(BUTTON)" label; on their own they are never story.
_PLACEHOLDER = re.compile(
    r"\[[^\]\s]{1,60}\]"  # [image.jpg] [lazyload-p]
    r"|\[[\s_xX*]*\]"  # [    ] [ ] [X] [____]
    r"|_{3,}"  # ____________ text fields
    r"|\((?:BUTTON|RADIO|CHECKBOX)\)"
    r"|(?:IFRAME|REFRESH\(\d+ sec\)):\s*\S*"
    r"|#\w+(?: \w+)?$"  # lynx "#alternate alternate" link-rel lines
)
# The placeholders a line starts with ("[image] Caption", lynx's "[12]Link"); not a note's
# number set off by a space ("[1] Smith, J. 2015."), nor a bracket later in the line.
_LEADING_PLACEHOLDERS = re.compile(r"(?:(?:\[(?!\d{1,4}\]\s)[^\]\s]{1,60}\]|\((?:BUTTON|RADIO|CHECKBOX)\))\s*)+")
_ONLY_MARKS = re.compile(r"[\W_]*")
_MAY_PLACEHOLD = re.compile(r"[\[_(#:]")
_HAS_WORD = re.compile(r"[^\W_]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
HEADING_MAX_CHARS = 200
_SENTENCE_END = re.compile(r"[.!?:;…\"'»”’)\]]$")


def normalize_space(text: str) -> str:
    """Fold every run of whitespace (NBSP and the typographic spaces too) into one space."""
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    return " ".join(text.split())  # str.split() knows every Unicode space


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u00a0"))


def _first_word(line: str) -> str:
    parts = line.split(None, 1)
    return parts[0] if parts else ""


def _wrap_width(paragraphs: list[list[str]]) -> int | None:
    """The column a hard-wrapped text was filled to, or None when it was not wrapped.

    A text is wrapped when several lines that are followed by another line of the same
    paragraph end close to one common width.
    """
    continued = [len(line) for para in paragraphs for line in para[:-1]]
    if len(continued) < 3:
        return None
    width = max(continued)
    near = sum(1 for n in continued if n >= width - 25)
    return width if width >= 30 and near >= 3 and near * 2 >= len(continued) else None


def _bullet(text: str) -> re.Match[str] | None:
    """The bullet or number a (stripped) line starts with, if any; the cheap test first."""
    head = text[:1]
    return _BULLET.match(text) if head in _BULLET_FIRST or head.isdigit() else None


def _soft_wrapped(length: int, tail: str, following: str, width: int | None) -> bool:
    """Was `following` the continuation of a line `length` long that ends with `tail`, before the
    text was wrapped? (The line is passed as its length and last piece: a paragraph of many
    wrapped lines is joined once, not re-read at every join.)"""
    if not following.strip() or _bullet(following.strip()):
        return False
    if width is not None and length + 1 + len(_first_word(following)) > width:
        return True
    # A long line broken mid-sentence (lynx wraps lines near 1,000 columns).
    head = following.lstrip()[:1]
    return length >= 300 and not _SENTENCE_END.search(tail[-1:]) and head.islower()


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


def _unwrap(paragraphs: list[list[str]]) -> list[list[str]]:
    width = _wrap_width(paragraphs)
    out: list[list[str]] = []
    for para in paragraphs:
        if len(para) == 1:  # most paragraphs of a text: nothing to join
            out.append(para)
            continue
        lines: list[str] = []
        pieces = [para[0]]  # the line being joined, piece by piece
        length = len(para[0])
        hang = _hanging_indent(para[0])
        for line in para[1:]:
            continues_item = hang is not None and _indent(line) == hang and not _bullet(line.strip())
            if continues_item or _soft_wrapped(length, pieces[-1], line, width):
                piece = line.strip()
                pieces.append(piece)
                length += 1 + len(piece)
            else:
                lines.append(" ".join(pieces))
                pieces, length = [line], len(line)
                hang = _hanging_indent(line)
        lines.append(" ".join(pieces))
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
    if not _MAY_PLACEHOLD.search(text):  # most lines: no bracket, underscore, hash or colon
        return not _HAS_WORD.search(text)
    return bool(_ONLY_MARKS.fullmatch(_PLACEHOLDER.sub("", text)))


def _block(line: str, group: int, body_indent: int) -> Block:
    indent = _indent(line)
    stripped = " ".join(line.split())  # invisible characters went with the whole text
    lead = _LEADING_PLACEHOLDERS.match(stripped) if stripped[:1] in "[(" else None
    rest = stripped[lead.end():] if lead else stripped
    if not rest or _only_placeholders(rest):
        return Block(stripped, CONTROL, group, indent)
    bullet = _BULLET.fullmatch(rest) if rest[:1] in _BULLET_FIRST or rest[:1].isdigit() else None
    if bullet:
        item = bullet["rest"].strip()
        if not item or _only_placeholders(item):
            return Block(stripped, CONTROL, group, indent, marker=bullet["marker"])
        return Block(item, ITEM, group, indent, marker=bullet["marker"])
    # A short line set left of the running text: how lynx prints <h1>-<h6>.
    heading = body_indent and indent < body_indent and len(rest) <= HEADING_MAX_CHARS
    kind = HEADING if heading else PARAGRAPH
    return Block(rest, kind, group, indent)


def text_blocks(text: str) -> list[Block]:
    """Split decoded text into blocks, in reading order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    paragraphs = _unwrap(_paragraphs(text))
    body_indent = _body_indent(paragraphs)
    return [
        _block(line, group, body_indent) for group, para in enumerate(paragraphs) for line in para
    ]
