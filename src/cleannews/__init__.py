"""cleannews: the clean story of a news article (HTML or plain text) -- its headline and
paragraphs, without the donation appeals, membership and newsletter pitches, captions,
share widgets and read-more tails that sites wrap around it.

    >>> import cleannews
    >>> result = cleannews.clean(pathlib.Path("page.html"))   # or bytes, str, a file object
    >>> print(result.text)                                    # headline, blank line, story
    >>> for removed in result.removed:                        # every block dropped, and why
    ...     print(removed.rule, removed.reason, removed.text)

clean(data, options) -> Result. Options: input_format, keep_captions, rule_files, languages,
links, url, charset (help(cleannews.Options)). Result: text, title, body, metadata, decisions,
warnings, links (help(cleannews.Result)). cleannews.render.render(result, "markdown") gives
markdown, JSON or CSV. Errors: InputError (not an article at all), RuleError (a rule file
that cannot be used). The command line is `cleannews --help`.
"""

from __future__ import annotations

import os

from .decide import decide
from .errors import InputError, RuleError
from .limits import MAX_INPUT
from .model import NO_PACK, Block, Cut, Decision, Metadata, Removed, Result
from .options import Options
from .read.sources import read_document
from .read.text import text_blocks  # (markup.py, on the HTML path, needs it too)
from .render import rendered
from .rules import always_languages, in_its_languages, load_rules

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

    # What clean() takes: the article itself (bytes or str), a path to it, or an open file.
    Source = bytes | bytearray | str | os.PathLike[str] | IO[bytes] | IO[str]

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


def _content(data: object) -> bytes | str:
    """The article's bytes or text, whatever it was given as. A str is the article itself,
    never a file name: a path is a pathlib.Path (os.PathLike). A file is read to at most one
    byte past the input limit, so that a huge one is refused without being read whole."""
    if isinstance(data, (bytes, str)):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, os.PathLike):
        with open(data, "rb") as f:
            return f.read(MAX_INPUT + 1)
    read = getattr(data, "read", None)
    if callable(read):
        got = read(MAX_INPUT + 1)
        if isinstance(got, (bytes, bytearray, str)):
            return bytes(got) if isinstance(got, bytearray) else got
        raise TypeError(f"reading {type(data).__name__} gave {type(got).__name__}, not bytes or str")
    raise TypeError(f"clean() takes bytes, str, a path (os.PathLike) or a file object, not {type(data).__name__}")


def _no_pack_warning(metadata: Metadata) -> str:
    declared = metadata.get("language")
    which = f"its language ({declared})" if declared else "its language"
    return f"{NO_PACK} {which}: only the language-neutral and English rules were applied"


def clean(data: Source, options: Options = _DEFAULT) -> Result:
    """Clean one article: an HTML page or a plain text (a copy, a scrape, a `w3m -dump`).

    data: the article as bytes (of any encoding; a saved-page container such as .html.gz,
    MHTML or a webarchive is unpacked) or str; or a path (pathlib.Path, os.PathLike) or an
    open file (binary or text) to read it from. A str is always the article, never a name.

    Raises InputError for input that is not an article at all (binary data, a broken
    container), RuleError for a rule file that cannot be used, OSError for a path that cannot
    be read and TypeError for anything else. An article with nothing left after cleaning is
    not an error here: its Result has empty text.
    """
    doc = read_document(_content(data), options.input_format, options.charset)
    metadata: Metadata = {}
    title_hint: str | None = None
    pruned: list[Decision] = []
    warnings: tuple[str, ...] = ()
    extracted = False
    if doc.kind == "html":
        from .read.html import html_blocks  # lxml and readability load only for HTML

        page = html_blocks(doc.text, load_rules(options.rule_files, options.languages or always_languages()))
        blocks, title_hint, found, pruned, warnings, extracted = page
        metadata.update(found)  # type: ignore[typeddict-item]
    else:
        blocks = text_blocks(doc.text)
    if options.url and "url" not in metadata:
        metadata["url"] = options.url
    if options.links:
        from .read.links import page_base, resolved

        blocks = resolved(blocks, page_base(doc.text if doc.kind == "html" else None, options.url,
                                            metadata.get("url")))

    def decided(languages: tuple[str, ...]) -> tuple[list[Decision], str | None]:
        return decide(blocks, load_rules(options.rule_files, languages), keep_captions=options.keep_captions,
                      title_hint=title_hint, extracted=extracted, titled=doc.kind == "html")

    if options.languages:
        decisions, title = decided(options.languages)
    else:
        decisions, title, unknown = in_its_languages(blocks, metadata.get("language"), decided)
        if unknown:
            warnings = (*warnings, _no_pack_warning(metadata))
    result = Result("", title, metadata, (*pruned, *decisions), doc.kind, doc.encoding, warnings,
                    links=() if options.links else None)
    return rendered(result)
