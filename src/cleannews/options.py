"""The one options object that travels from the CLI (or a library caller) to every stage."""

from __future__ import annotations

import os
from collections.abc import Sequence

from .records import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

    InputFormat = Literal["auto", "text", "html"]
INPUT_FORMATS = ("auto", "text", "html")
# The files that may be web archives (their first bytes tell, read/archives.py): an input of many
# pages, for folder mode, never one page.
ARCHIVE_NAMES = (".warc", ".arc", ".gz")


class _Fields(NamedTuple):
    input_format: InputFormat
    keep_captions: bool
    rule_files: tuple[str, ...]
    languages: tuple[str, ...]
    links: bool
    url: str | None
    charset: str | None


class Options(_Fields):
    """How to clean. Immutable (a named tuple, as every record here: a dataclass costs its
    import at every start), so one instance can be shared by threads and worker processes.

    input_format: "auto" (look at the content), "text" or "html".
    keep_captions: keep photo captions and credits.
    rule_files: extra rule packs, loaded after the shipped ones (a list or tuple of paths).
    languages: restrict the shipped packs to these language codes; empty means all of them,
        which is right when the language of the input is not known (rules of one language
        rarely fire on another's text).
    links: keep the story's links: Result.links lists them, and Result.text marks each
        anchor with its number, `anchor [1]`, above a numbered list (markdown and JSON
        rendering show them as links and as a `links` list).
    url: the address the page came from (absolute). Relative links resolve against it (after
        the page's own <base>), and a page that names no canonical URL gets it as its
        metadata `url`, which is also how learning tells its site.
    charset: the encoding the page's transport names (an HTTP Content-Type header's charset),
        for bytes: tried before the page's own declaration, as browsers do, and believed when
        it decodes the bytes cleanly.

    A field of the wrong type or value raises TypeError or ValueError here, not some stage
    later; `options._replace(links=True)` is checked the same way.
    """

    __slots__ = ()

    def __new__(cls, input_format: InputFormat = "auto", keep_captions: bool = False,
                rule_files: Sequence[str | os.PathLike[str]] = (), languages: Sequence[str] = (),
                links: bool = False, url: str | None = None, charset: str | None = None) -> Options:
        if input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(map(repr, INPUT_FORMATS))}, "
                             f"not {input_format!r}")
        for name, value in (("keep_captions", keep_captions), ("links", links)):
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be True or False, not {value!r}")
        files = tuple(os.fspath(p) for p in _sequence("rule_files", rule_files, (str, os.PathLike)))
        codes = _sequence("languages", languages, (str,))
        if url is not None and not absolute_url(url):
            raise ValueError(f"url must be an absolute URL such as https://example.com/story, not {url!r}")
        if charset is not None and not isinstance(charset, str):
            raise TypeError(f"charset must be an encoding's name (str), not {charset!r}")
        return super().__new__(cls, input_format, keep_captions, files, codes, links, url, charset)

    def _replace(self, **changes: Any) -> Options:
        return Options(**{**self._asdict(), **changes})


def _sequence(name: str, value: object, types: tuple[type, ...]) -> tuple[Any, ...]:
    """A list or tuple of `types`, as a tuple. A bare string is refused: iterated, it would be
    one name per character."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise TypeError(f"{name} must be a tuple or list, not {type(value).__name__} ({name}=({value!r},) for one)")
    wrong = [v for v in value if not isinstance(v, types)]
    if wrong:
        raise TypeError(f"{name}: {wrong[0]!r} is not a {' or '.join(t.__name__ for t in types)}")
    return tuple(value)


def absolute_url(url: object) -> bool:
    """Whether `url` is an absolute URL (a scheme and a host): what Options.url takes."""
    if not isinstance(url, str):
        return False
    from urllib.parse import urlsplit  # only a caller who gives a URL pays for the import

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)
