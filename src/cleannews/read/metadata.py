"""Page metadata from the markup: JSON-LD, Open Graph and the ordinary meta tags."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from .text import normalize_space

_SURROGATE = re.compile("[\ud800-\udfff]")

# JSON-LD types whose headline and body are the article's, best first: a WebPage node is the
# page around the article (WordPress/Yoast list it before the NewsArticle in one @graph).
ARTICLE_TYPES = (
    frozenset({"NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
               "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting"}),
    frozenset({"Article", "BlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting"}),
    frozenset({"WebPage", "Blog"}),
)
# meta tag → (field, rank): when two tags give a field, the lower rank wins, whatever their order
_META_KEYS = {
    "og:title": ("title", 0), "twitter:title": ("title", 1),
    "og:site_name": ("site_name", 0), "application-name": ("site_name", 1),
    "og:url": ("url", 0),
    "og:description": ("description", 0), "description": ("description", 1),
    "article:published_time": ("date_published", 0), "datepublished": ("date_published", 1),
    "dc.date": ("date_published", 2), "pubdate": ("date_published", 2), "date": ("date_published", 3),
    "article:modified_time": ("date_modified", 0), "og:updated_time": ("date_modified", 1),
    "author": ("authors", 0), "article:author": ("authors", 0), "dc.creator": ("authors", 0),
    "byl": ("authors", 0),
    "og:locale": ("language", 0), "og:image": ("image", 0),
}


def _unescaped(text: str) -> str:
    """Some pages escape entities twice ("doesn&amp;#8217;t"): one more pass of unescaping.
    JSON's \\ud800 escapes can leave lone surrogates, which no encoder takes: replaced."""
    text = html.unescape(text) if "&" in text else text
    return normalize_space(_SURROGATE.sub("\ufffd", text))


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", ())
    return {kind} if isinstance(kind, str) else {k for k in kind if isinstance(k, str)}


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document, including those inside @graph and lists."""
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _nodes(graph)


def _names(value: Any, ids: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Author-like values: a string, an object with a name (or an @id naming another node of
    the graph), or a list of either."""
    if isinstance(value, str):
        return [_unescaped(value)] if value.strip() else []
    if isinstance(value, dict):
        if "name" not in value and ids and isinstance(value.get("@id"), str):
            value = ids.get(value["@id"], value)
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item, ids)]
    return []


def _rank(node: dict[str, Any]) -> int | None:
    types = _types(node)
    return next((rank for rank, kinds in enumerate(ARTICLE_TYPES) if types & kinds), None)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return _unescaped(value) if isinstance(value, str) and value.strip() else None


def json_ld_article(root: HtmlElement) -> dict[str, Any]:
    """The fields we use of the most article-like JSON-LD object (a NewsArticle before a WebPage), or {}."""
    best: dict[str, Any] | None = None
    best_key = (len(ARTICLE_TYPES), 1)
    ids: dict[str, dict[str, Any]] = {}
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; it is only ever a hint
        for node in _nodes(data):
            if isinstance(node.get("@id"), str):
                ids.setdefault(node["@id"], node)
            rank = _rank(node)
            better = (rank, 0 if "articleBody" in node else 1) if rank is not None else None
            if better is not None and better < best_key:
                best, best_key = node, better
    if best is None:
        return {}
    out: dict[str, Any] = {}
    for key, field in (("headline", "title"), ("datePublished", "date_published"),
                       ("dateModified", "date_modified"), ("inLanguage", "language"),
                       ("description", "description"), ("url", "url")):
        value = _text(best.get(key))
        if value:
            out[field] = value
    authors = _names(best.get("author"), ids)
    if authors:
        out["authors"] = authors
    publisher = _names(best.get("publisher"), ids)
    if publisher:
        out["site_name"] = publisher[0]
    body = best.get("articleBody")
    if isinstance(body, str) and body.strip():
        # some sites escape entities in it (markup stays); a lone surrogate cannot be encoded
        out["article_body"] = _SURROGATE.sub("\ufffd", html.unescape(body))
    return out


def page_metadata(root: HtmlElement) -> dict[str, Any]:
    """Title, authors, dates, site name, language, canonical URL and description.

    JSON-LD wins over Open Graph, which wins over plain meta tags and <title>: the more
    structured the source, the less likely it carries a site suffix or a teaser.
    """
    meta: dict[str, Any] = {}
    ranks: dict[str, int] = {}
    authors: list[str] = []
    for el in root.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = _unescaped(el.get("content") or "")
        if key not in _META_KEYS or not content:
            continue
        field, rank = _META_KEYS[key]
        if field == "authors":
            if content not in authors and not content.startswith("http"):  # profile URLs are not names
                authors.append(content)
        elif rank < ranks.get(field, len(_META_KEYS)):
            meta[field], ranks[field] = content, rank
    if authors:
        meta["authors"] = authors
    canonical = root.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        meta["url"] = canonical.get("href").strip()
    title = root.find(".//title")
    if "title" not in meta and title is not None and title.text_content().strip():
        meta["title"] = _unescaped(title.text_content())
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and "language" not in meta:
        meta["language"] = lang.strip()
    meta.update(json_ld_article(root))
    return meta
