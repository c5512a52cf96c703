"""Story blocks → HTML, in the markup one CMS or page builder gives them."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from html import escape

from chrome import ad_slot, inline_related, slug
from story import Block, Story

_MATH = re.compile(r"\{math:([^}]*)\}")
_TOKEN = re.compile(r"\^?(?:[A-Za-z]+|\d+(?:\.\d+)?|\S)")


@dataclass(frozen=True)
class Markup:
    """How one CMS prints each kind of block; fields are str.format templates that may use
    {text}, {slug}, {key} (a hash of the text), {n} (the block's number) and, for pictures,
    {src}, {alt}, {caption}, {credit}."""

    p: str = "<p>{text}</p>"
    h2: str = "<h2>{text}</h2>"
    h3: str = "<h3>{text}</h3>"
    ul: str = "<ul>{text}</ul>"
    ol: str = "<ol>{text}</ol>"
    li: str = "<li>{text}</li>"
    q: str = "<p><strong>{text}</strong></p>"
    quote: str = "<blockquote><p>{text}</p></blockquote>"
    pull: str = '<aside class="pullquote"><p>{text}</p></aside>'
    fig: str = ('<figure class="image"><img src="{src}" alt="{alt}" loading="lazy"><figcaption>{caption} '
                '<span class="credit">{credit}</span></figcaption></figure>')
    ad: str = "ad-slot"  # the class of ad_slot()
    related: str = "inline-related"  # the class of inline_related()

    def but(self, **changes: str) -> Markup:
        return replace(self, **changes)


def _mathml(tokens: list[str]) -> str:
    out = []
    for token in tokens:
        sup = token.startswith("^")
        token = token.lstrip("^")
        tag = "mn" if token[0].isdigit() else "mi" if token[0].isalpha() else "mo"
        element = f"<{tag}>{escape(token)}</{tag}>"
        if sup and out:
            out[-1] = f"<msup>{out[-1]}{element}</msup>"
        else:
            out.append(element)
    return "".join(out)


def _chtml(tokens: list[str]) -> str:
    out = []
    for token in tokens:
        token = token.lstrip("^")
        tag, style = ("mjx-mn", "mjx-n") if token[0].isdigit() else ("mjx-mi", "mjx-i") if token[0].isalpha() \
            else ("mjx-mo", "mjx-n")
        glyphs = "".join(f'<mjx-c class="mjx-c{ord(c):X}{" TEX-I" if c.isalpha() else ""}"></mjx-c>' for c in token)
        out.append(f'<{tag} class="{style}">{glyphs}</{tag}>')
    return "".join(out)


def mathjax(tex: str, counter: int) -> str:
    """A formula as MathJax 3 leaves it in the page: glyphs drawn by CSS (no text), and the
    formula's MathML for assistive technology (its only text)."""
    tokens = _TOKEN.findall(tex)
    return (f'<mjx-container class="MathJax CtxtMenu_Attached_0" jax="CHTML" role="presentation" tabindex="0" '
            f'ctxtmenu_counter="{counter}" style="font-size: 113.1%; position: relative;">'
            f'<mjx-math class="MJX-TEX" aria-hidden="true">{_chtml(tokens)}</mjx-math>'
            f'<mjx-assistive-mml unselectable="on" display="inline"><math xmlns="http://www.w3.org/1998/Math/MathML">'
            f'{_mathml(tokens)}</math></mjx-assistive-mml></mjx-container>')


def inline(text: str) -> str:
    counter = iter(range(1, 1000))
    return _MATH.sub(lambda m: mathjax(m.group(1), next(counter)), text)


def render(story: Story, blocks: list[Block], m: Markup, start: int = 0) -> str:
    out = []
    for n, b in enumerate(blocks, start):
        if b.kind in ("ul", "ol"):
            items = "".join(m.li.format(text=inline(i), n=n) for i in b.items)
            out.append(getattr(m, b.kind).format(text=items, n=n))
        elif b.kind == "fig":
            src = f"/wp-content/uploads/{story['date'][:4]}/{story['date'][5:7]}/{slug(b.text)[:40]}.jpg"
            out.append(m.fig.format(src=src, alt=escape(b.text[:80]), caption=b.text, credit=b.credit, n=n))
        elif b.kind == "ad":
            out.append(ad_slot(story, n, m.ad))
        elif b.kind == "related":
            out.append(inline_related(story, b.text, m.related))
        else:
            key = hashlib.sha1(b.text.encode()).hexdigest()[:4]  # Medium-style paragraph ids
            out.append(getattr(m, b.kind).format(text=inline(b.text), slug=slug(b.text), n=n, key=key))
    return "\n".join(out)
