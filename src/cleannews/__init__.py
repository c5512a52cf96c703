"""cleannews: the clean story of a news article — headline and body, without the appeals,
pitches, captions and read-more tails that sites wrap around it.

    >>> import cleannews
    >>> result = cleannews.clean(open("page.html", "rb").read())
    >>> print(result.text)
    >>> for removed in result.removed:
    ...     print(removed.rule, removed.text)
"""

from __future__ import annotations

from .decide import decide
from .model import CONTROL, Block, Cut, Decision, Removed, Result
from .options import Options
from .render import render_text
from .rules import RuleError, always_languages, detect_languages, load_rules
from .sources import InputError, read_document

__all__ = [
    "Block",
    "Cut",
    "Decision",
    "InputError",
    "Options",
    "Removed",
    "Result",
    "RuleError",
    "clean",
]
__version__ = "0.1.0"

_DEFAULT = Options()


def clean(data: str | bytes, options: Options = _DEFAULT) -> Result:
    """Clean one article given as text or HTML (str), or as raw bytes of any supported kind.

    Raises InputError for input that is not an article at all (binary data, a broken
    container) and RuleError for a rule file that cannot be used. An article with nothing
    left after cleaning is not an error here: its Result has empty text.
    """
    doc = read_document(data, options.input_format)
    metadata: dict[str, object] = {}
    title_hint: str | None = None
    pruned: list[Decision] = []
    if doc.kind == "html":
        from .html import html_blocks  # lxml and readability load only for HTML

        page = html_blocks(doc.text, load_rules(options.rule_files, options.languages or always_languages()))
        blocks, metadata, title_hint, pruned = page.blocks, page.metadata, page.title, page.pruned
    else:
        from .text import text_blocks

        blocks = text_blocks(doc.text)
    languages = options.languages or detect_languages(b.text for b in blocks if b.kind != CONTROL)
    rules = load_rules(options.rule_files, languages)
    decisions, title = decide(blocks, rules, keep_captions=options.keep_captions, title_hint=title_hint,
                              extracted=doc.kind == "html")
    result = Result("", title, metadata, (*pruned, *decisions), doc.kind, doc.encoding)
    return result._replace(text=render_text(result))
