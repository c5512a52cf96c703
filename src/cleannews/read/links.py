"""The links of a page made absolute (Options.links): against its <base>, the address it came
from (Options.url) or its canonical URL, as a browser would resolve them.

Loaded only when links are asked for: urllib.parse is not on the way to the first story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin, urlsplit

from ..model import Block

_BASE = re.compile(r"""<base\b[^<>]*?\bhref\s*=\s*(?:"([^"<>]*)"|'([^'<>]*)'|([^\s"'<>]+))""", re.I)
_HEAD = 65536  # a <base> must be in the head: the first characters of the page
# Links that go nowhere a reader could follow from a printed story.
_NOWHERE = ("javascript:", "data:", "about:", "#")


def base_href(html: str) -> str | None:
    """The href of the page's <base> element, if it has one."""
    m = _BASE.search(html, 0, _HEAD)
    href = next((g for g in m.groups() if g is not None), "") if m else ""
    return href.strip() or None


def page_base(html: str | None, url: str | None, canonical: str | None) -> str | None:
    """What relative links resolve against: the page's <base> (itself relative to where the
    page came from), else the address it came from, else its canonical URL."""
    address = url or canonical
    base = base_href(html) if html else None
    if base is None:
        return address
    return urljoin(address, base) if address else base


def _absolute(href: str, base: str | None) -> str | None:
    href = href.strip()
    if not href or href.lower().startswith(_NOWHERE):
        return None
    if base is None or urlsplit(href).scheme:
        return href
    return urljoin(base, href)


def resolved(blocks: Sequence[Block], base: str | None) -> list[Block]:
    """The blocks with every link absolute; links that lead nowhere (scripts, the page's own
    anchors) left out."""
    out = []
    for b in blocks:
        if b.links:
            links = tuple((anchor, url) for anchor, href in b.links
                          if (url := _absolute(href, base)) is not None)
            b = b._replace(links=links)
        out.append(b)
    return out
