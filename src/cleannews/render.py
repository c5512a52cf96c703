"""A Result → text, markdown, JSON or CSV, or the --explain listing. Rendering never decides:
it prints what was kept.

    >>> from cleannews.render import render
    >>> render(result, "markdown")          # or "text", "json", "jsonl", "csv"
"""

from __future__ import annotations

import os

from .model import HEADING, ITEM, QUOTE, Block, Decision, Link, Result, new_result

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

FORMATS = ("text", "markdown", "json", "jsonl", "csv")
CSV_FIELDS = ("source", "title", "url", "date", "text")
EXPLAIN_WIDTH = 110  # characters of a block's text on an --explain row when the width is not known
EXPLAIN_MIN_TEXT = 20  # on a narrow terminal, at least this much of each block's text
_EXPLAIN_LEFT = 56  # what comes before a row's text: status, role and rule columns
_REASON_INDENT = 15
# The short header --metadata prints above the story: (label, metadata key).
HEADER_FIELDS = (("Title", "title"), ("Author", "authors"), ("Date", "date_published"), ("URL", "url"))


# Links numbered for the text format: address → (its number, the first anchor that names it).
Numbers = dict[str, tuple[int, str]]


def _marked(line: str, links: tuple[tuple[str, str], ...], numbers: Numbers | None) -> str:
    """Mark each link's anchor text, once, where it occurs in the kept text (in the order the
    links come): `[anchor](url)` for markdown (numbers is None), `anchor [n]` for text, n the
    link's number in `numbers` (address → its number and first anchor), one per address."""
    at = 0
    for anchor, href in links:
        found = line.find(anchor, at) if anchor.strip() and "](" not in anchor else -1
        if found < 0:
            continue
        if numbers is None:
            shown = f"[{anchor}]({href})"
        else:
            number, _ = numbers.setdefault(href, (len(numbers) + 1, anchor))
            shown = f"{anchor} [{number}]"
        line = f"{line[:found]}{shown}{line[found + len(anchor):]}"
        at = found + len(shown)
    return line


def _paragraphs(decisions: tuple[Decision, ...], markdown: bool, numbers: Numbers | None,
                page: bool = False) -> list[str]:
    """Kept story blocks as paragraphs, one blank line apart; the items of one list stay on
    adjacent lines. (Not other lines of one source paragraph: read again, adjacent lines of
    similar length could pass for a hard-wrapped paragraph and be joined, and cleaning the clean
    text would change it.) `numbers` is given when links are marked (see _marked). The items of
    a page's numbered list are bulleted in plain text: their numbers are the browser's, not
    the page's words (markdown numbers them, as the list's syntax)."""
    out: list[list[str]] = []  # each paragraph's lines: one list's items joined once, at the end
    last: Block | None = None
    for d in decisions:
        if not d.keep or d.role == "title":
            continue
        b = d.block
        line = d.text
        if numbers is not None and b.links:
            line = _marked(line, b.links, None if markdown else numbers)
        if markdown:
            if b.kind == HEADING:
                line = f"## {line}"
            elif b.kind == ITEM:
                line = f"{b.marker} {line}" if b.marker.endswith(".") else f"- {line}"
            elif b.kind == QUOTE:
                line = f"> {line}"
        elif b.kind == ITEM and b.marker:
            line = f"{'•' if page else b.marker} {line}"
        if out and last is not None and b.kind == ITEM and last.kind == ITEM and b.group == last.group:
            out[-1].append(line)
        else:
            out.append([line])
        last = b
    return ["\n".join(lines) for lines in out]


def _header(result: Result, markdown: bool) -> str:
    """Title, author, date and URL as `Label: value` lines (markdown: YAML front matter)."""
    lines = []
    meta: dict[str, Any] = dict(result.metadata)
    for label, key in HEADER_FIELDS:
        found = result.title if key == "title" else meta.get(key)
        value = ", ".join(map(str, found)) if isinstance(found, list) else str(found or "")
        if value:
            lines.append(f"{label.lower()}: {_yaml_string(value)}" if markdown else f"{label}: {value}")
    if not lines:
        return ""
    return "---\n" + "\n".join(lines) + "\n---\n\n" if markdown else "\n".join(lines) + "\n\n"


def _yaml_string(value: str) -> str:
    """A YAML scalar that stays a string whatever it holds (quotes, colons, a leading dash)."""
    import json  # a JSON string is a YAML double-quoted scalar

    return json.dumps(value, ensure_ascii=False)


def render_text(result: Result, *, markdown: bool = False, title: bool = True, metadata: bool = False) -> str:
    """The headline (unless title is False), a blank line, then the story's paragraphs
    separated by blank lines. With links wanted (result.links is not None) each linked anchor
    is marked: `anchor [n]` above a numbered list of the addresses, or markdown links. With
    metadata, a short header first (title, author, date, URL)."""
    parts = _story_parts(result, markdown)
    if result.title and title:
        parts.insert(0, f"# {result.title}" if markdown else result.title)
    text = _joined(parts)
    return _header(result, markdown) + text if metadata else text


def _story_parts(result: Result, markdown: bool) -> list[str]:
    """The story's paragraphs, then the numbered addresses of its links when they are wanted."""
    numbers: Numbers | None = {} if result.links is not None else None
    parts = _paragraphs(result.decisions, markdown, numbers, page=result.input_format == "html")
    if numbers:
        parts.append("References\n\n" + "\n".join(f"[{n}] {url}" for n, url in enumerate(numbers, 1)))
    return parts


def _joined(parts: list[str]) -> str:
    return "\n\n".join(parts) + "\n" if parts else ""


def story_links(result: Result) -> tuple[Link, ...]:
    """The links of the kept story, numbered as render_text numbers them: one per address,
    with the first anchor that names it."""
    numbers: Numbers = {}
    _paragraphs(result.decisions, False, numbers)
    return tuple(Link(anchor, url) for url, (_, anchor) in numbers.items())


def rendered(result: Result) -> Result:
    """The result with its text and body (and links, when wanted) filled in from its decisions."""
    if result.links is not None:
        result = result._replace(links=story_links(result))
    # the story's paragraphs made once, for the body and, under the headline, the text
    parts = _story_parts(result, False)
    body = _joined(parts)
    text = _joined([result.title, *parts]) if result.title else body
    return new_result((text, *result[1:7], body, result.links))


def as_dict(result: Result, source: str | None = None) -> dict[str, Any]:
    """The JSON shape: text, title, metadata, and every removed block with its rule (and the
    story's links when they were asked for)."""
    out: dict[str, Any] = {}
    if source is not None:
        out["source"] = source
    out.update(
        title=result.title,
        text=result.text,
        body=result.body,
        metadata=result.metadata,
        input_format=result.input_format,
        encoding=result.encoding,
        warnings=list(result.warnings),
        removed=[
            {"text": r.text, "rule": r.rule, "reason": r.reason, "role": r.role} for r in result.removed
        ],
    )
    if result.links is not None:
        out["links"] = [{"text": link.text, "url": link.url} for link in result.links]
    return out


def json_line(obj: dict[str, Any]) -> str:
    """One JSON object on one line. A file name that is not UTF-8 (kept by Python as lone
    surrogates) stays recoverable: its bytes are written as \\udcXX escapes, which JSON
    readers give back as the same surrogates (os.fsencode() then gives the bytes)."""
    import json  # only JSON output pays for the import

    line = json.dumps(obj, ensure_ascii=False) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = line.encode("utf-8", "backslashreplace").decode("utf-8")
    return line


def render_json(result: Result, source: str | None = None) -> str:
    """One JSON object on one line (so that several inputs make JSON Lines)."""
    return json_line(as_dict(result, source))


def failure_json(source: str, status: str, error: str) -> str:
    """The JSON line of an input that gave no document (failed, or skipped in folder mode), so
    that a stream names every input once."""
    return json_line({"source": source, "status": status, "error": error})


def csv_row(values: tuple[str, ...]) -> str:
    """One CSV record (RFC 4180: quoted when needed, CRLF at the end, as spreadsheets expect)."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerow(values)
    return out.getvalue()


CSV_HEADER = ",".join(CSV_FIELDS) + "\r\n"


def render_csv(result: Result, source: str | None = None, header: bool = True) -> str:
    """A CSV record of the document: source, title, url, date (published), text."""
    meta = result.metadata
    row = csv_row((source or "", result.title or "", meta.get("url") or "", meta.get("date_published") or "",
                   result.text))
    return CSV_HEADER + row if header else row


COLOURS = ("auto", "always", "never")


def use_colour(choice: str, stream: IO[str] | None) -> bool:
    """--color: always, never, or auto: only on a terminal, and never when NO_COLOR is set to
    anything (no-color.org) or the terminal is dumb (TERM=dumb: Emacs shells, some CI logs)."""
    if choice != "auto":
        return choice == "always"
    return (not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
            and stream is not None and stream.isatty())


def explain_width(stream: IO[str] | None) -> int | None:
    """The width --explain fits: $COLUMNS, else the terminal's (standard output's, or standard
    error's when the output goes down a pipe, to a pager on the same terminal); None when there
    is no terminal (a file, or a pipe to a program, gets the fixed layout)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        fd = stream.fileno() if stream is not None else -1
        candidates = [fd]
        import stat

        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            candidates.append(2)
    except (OSError, ValueError):  # closed, or no file descriptor (a test's stream)
        return None
    for candidate in candidates:
        try:
            if os.isatty(candidate):
                return os.get_terminal_size(candidate).columns
        except OSError:
            continue
    return None


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def render_explain(result: Result, colour: bool = False, width: int | None = None) -> str:
    """Every block, kept or dropped, with the rule that decided and why (--explain). With a
    width (a terminal's), every line fits it: texts are cut, reasons wrapped, and a text with
    no room beside its rule id goes on a line of its own."""
    styles = {"KEEP": "green", "DROP": "red", "CUT": "yellow", "FROM": "cyan", "WARN": "magenta"}
    if colour:
        import click  # only a terminal pays for the styling
    if width:
        import textwrap

    def row(status: str, role: str, rule: str, text: str, reason: str) -> str:
        head = f"{status:<4}  {role:<8} {rule:<40} "
        room = (width - len(head)) if width else EXPLAIN_WIDTH
        if width and room < EXPLAIN_MIN_TEXT:  # a narrow terminal: the text under the rule id
            head, text = _fit(head.rstrip(), width) + "\n" + " " * _REASON_INDENT, text
            room = width - _REASON_INDENT
        if colour:
            head = click.style(head[:4], fg=styles[status], bold=True) + head[4:]
        lines = (textwrap.wrap(reason, width - _REASON_INDENT) or [""]) if width else [reason]
        why = "".join(f"{'':<{_REASON_INDENT}}{click.style(line, dim=True) if colour else line}\n" for line in lines)
        return f"{head}{_fit(text, room)}\n{why}"

    out = [row("WARN", "page", "warning", "", warning) for warning in result.warnings]
    extractor = result.metadata.get("extractor")
    if extractor:  # HTML: which extractor gave the story's blocks, and why not the ones before it
        why = result.metadata.get("extractor_why") or "readability's pick passed the checks against the page"
        out.append(row("FROM", "page", extractor, "the blocks below", why))
    for d in result.decisions:
        out.append(row("KEEP" if d.keep else "DROP", d.role, d.rule, d.block.text, d.reason))
        out.extend(row("CUT", "appeal", c.rule, c.text, c.reason) for c in d.cuts)
    return "".join(out)


def render(result: Result, format: str = "text", *, title: bool = True, metadata: bool = False,
           source: str | None = None) -> str:
    """One document in a format: "text" (what `cleannews` prints), "markdown", "json" (one
    object on one line), "jsonl" (the same; streams name each object's `source`), or "csv"
    (a header and one record: source, title, url, date, text).

    title=False leaves the headline out of text and markdown (JSON has both `text` and
    `body`); metadata=True puts a short header (title, author, date, URL) above them. Links
    are shown when the result was cleaned with Options(links=True).
    """
    if format in ("json", "jsonl"):
        return render_json(result, source)
    if format == "csv":
        return render_csv(result, source)
    if format not in ("text", "markdown"):
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    return render_text(result, markdown=format == "markdown", title=title, metadata=metadata)
