"""A Result → text, markdown or JSON. Rendering never decides: it prints what was kept."""

from __future__ import annotations

from typing import Any

from .model import HEADING, ITEM, QUOTE, Block, Decision, Result

FORMATS = ("text", "markdown", "json", "jsonl")
EXPLAIN_WIDTH = 110


def _with_links(line: str, links: tuple[tuple[str, str], ...]) -> str:
    """Mark each link's anchor text, once, where it occurs in the kept text."""
    for anchor, href in links:
        at = line.find(anchor)
        if at >= 0 and "](" not in anchor:
            line = f"{line[:at]}[{anchor}]({href}){line[at + len(anchor):]}"
    return line


def _paragraphs(decisions: tuple[Decision, ...], markdown: bool, links: bool) -> list[str]:
    """Kept story blocks as paragraphs, one blank line apart; the items of one list stay on
    adjacent lines. (Not other lines of one source paragraph: read again, adjacent lines of
    similar length could pass for a hard-wrapped paragraph and be joined, and cleaning the clean
    text would change it.)"""
    out: list[str] = []
    last: Block | None = None
    for d in decisions:
        if not d.keep or d.role == "title":
            continue
        b = d.block
        line = d.text
        if markdown:
            if b.kind == HEADING:
                line = f"## {line}"
            elif b.kind == ITEM:
                line = f"{b.marker} {line}" if b.marker.endswith(".") else f"- {line}"
            elif b.kind == QUOTE:
                line = f"> {line}"
            if links:
                line = _with_links(line, b.links)
        elif b.kind == ITEM and b.marker:
            line = f"{b.marker} {line}"
        if out and last is not None and b.kind == ITEM and last.kind == ITEM and b.group == last.group:
            out[-1] = f"{out[-1]}\n{line}"
        else:
            out.append(line)
        last = b
    return out


def render_text(result: Result, *, markdown: bool = False, links: bool = False, title: bool = True) -> str:
    """The headline (unless title is False), a blank line, then the story's paragraphs
    separated by blank lines."""
    parts = _paragraphs(result.decisions, markdown, links)
    if result.title and title:
        parts.insert(0, f"# {result.title}" if markdown else result.title)
    return "\n\n".join(parts) + "\n" if parts else ""


def rendered(result: Result) -> Result:
    """The result with its text and body filled in from its decisions."""
    return result._replace(text=render_text(result), body=render_text(result, title=False))


def as_dict(result: Result, source: str | None = None) -> dict[str, Any]:
    """The JSON shape: text, title, metadata, and every removed block with its rule."""
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
    return out


def render_json(result: Result, source: str | None = None) -> str:
    """One JSON object on one line (so that several inputs make JSON Lines)."""
    import json  # only JSON output pays for the import

    return json.dumps(as_dict(result, source), ensure_ascii=False) + "\n"


def render_explain(result: Result, colour: bool = False) -> str:
    """Every block, kept or dropped, with the rule that decided and why (--explain)."""
    styles = {"KEEP": "green", "DROP": "red", "CUT": "yellow", "FROM": "cyan"}
    if colour:
        import click  # only a terminal pays for the styling

    def row(status: str, role: str, rule: str, text: str, reason: str) -> str:
        shown = text if len(text) <= EXPLAIN_WIDTH else text[: EXPLAIN_WIDTH - 1] + "…"
        head = click.style(f"{status:<4}", fg=styles[status], bold=True) if colour else f"{status:<4}"
        why = click.style(reason, dim=True) if colour else reason
        return f"{head}  {role:<8} {rule:<40} {shown}\n{'':<6}{'':<8} {why}\n"

    out = []
    extractor = result.metadata.get("extractor")
    if extractor:  # HTML: which extractor gave the story's blocks, and why not the ones before it
        why = result.metadata.get("extractor_why") or "readability's pick passed the checks against the page"
        out.append(row("FROM", "page", extractor, "the blocks below", why))
    for d in result.decisions:
        out.append(row("KEEP" if d.keep else "DROP", d.role, d.rule, d.block.text, d.reason))
        out.extend(row("CUT", "appeal", c.rule, c.text, c.reason) for c in d.cuts)
    return "".join(out)


def render(result: Result, fmt: str, *, links: bool = False, title: bool = True, source: str | None = None) -> str:
    """One document in a format. jsonl is json that always names its source: one line of a
    stream. title=False leaves the headline out of text and markdown (JSON has both `text`
    and `body`)."""
    if fmt in ("json", "jsonl"):
        return render_json(result, source)
    return render_text(result, markdown=fmt == "markdown", links=links, title=title)
