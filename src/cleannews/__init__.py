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
from .errors import InputError, RuleError
from .model import CONTROL, Block, Cut, Decision, Removed, Result
from .options import Options
from .read.sources import read_document
from .render import rendered
from .rules import always_languages, detect_languages, language_sample, languages_of, load_rules

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
DETECT_MIN_SPACES = 7  # blocks of eight words or more


def _running_text(texts: list[tuple[str, str]]) -> list[str]:
    """Of (text, kind) pairs, the texts a language is told from: the longer ones (menus,
    buttons and form debris say little; and leaving them out, the clean text is told the same
    language again)."""
    running = [text for text, kind in texts if kind != CONTROL]
    long = [text for text in running if text.count(" ") >= DETECT_MIN_SPACES]
    return long or running


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
    warnings: tuple[str, ...] = ()
    extracted = False
    if doc.kind == "html":
        from .read.html import html_blocks  # lxml and readability load only for HTML

        page = html_blocks(doc.text, load_rules(options.rule_files, options.languages or always_languages()))
        blocks, title_hint, metadata, pruned, warnings, extracted = page
    else:
        from .read.text import text_blocks

        blocks = text_blocks(doc.text)
    def decided(languages: tuple[str, ...]) -> tuple[list[Decision], str | None]:
        return decide(blocks, load_rules(options.rule_files, languages), keep_captions=options.keep_captions,
                      title_hint=title_hint, extracted=extracted, titled=doc.kind == "html")

    if options.languages:
        decisions, title = decided(options.languages)
    else:
        running = _running_text([(b.text, b.kind) for b in blocks])
        sample = [running[i] for i in language_sample(running)]
        languages = languages_of(sample)
        decisions, title = decided(languages)
        kept = [(d.text, d.block.kind) for d in decisions if d.keep]
        while not set(sample) <= {text for text, _ in kept}:
            # Part of what the language was told from went. The clean text, read again, is
            # told its language from what was kept: that must be among the languages it was
            # cleaned with, or its rules would find something new in it. (Fewer is harmless:
            # fewer rules find less.) The set only grows, so this ends.
            told = detect_languages(_running_text(kept))
            if set(told) <= set(languages):
                break
            languages = tuple(sorted({*languages, *told}))
            decisions, title = decided(languages)
            kept = [(d.text, d.block.kind) for d in decisions if d.keep]
    result = Result("", title, metadata, (*pruned, *decisions), doc.kind, doc.encoding, warnings)
    return rendered(result)
