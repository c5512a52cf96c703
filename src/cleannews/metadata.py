"""Page metadata from the markup: JSON-LD, Open Graph and the ordinary meta tags."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from .text import normalize_space

# JSON-LD types whose headline and body are the article's.
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
    "ScholarlyArticle", "TechArticle", "SocialMediaPosting", "WebPage", "Blog",
})
_META_KEYS = {
    "og:title": "title", "twitter:title": "title",
    "og:site_name": "site_name", "application-name": "site_name",
    "og:url": "url", "description": "description", "og:description": "description",
    "article:published_time": "date_published", "datepublished": "date_published",
    "date": "date_published", "dc.date": "date_published", "pubdate": "date_published",
    "article:modified_time": "date_modified", "og:updated_time": "date_modified",
    "author": "authors", "article:author": "authors", "dc.creator": "authors", "byl": "authors",
    "og:locale": "language", "og:image": "image",
}


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


def _names(value: Any) -> list[str]:
    """Author-like values: a string, an object with a name, or a list of either."""
    if isinstance(value, str):
        return [normalize_space(value)] if value.strip() else []
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for item in value for n in _names(item)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return normalize_space(value) if isinstance(value, str) and value.strip() else None


def json_ld_article(root: HtmlElement) -> dict[str, Any]:
    """The first article-like JSON-LD object's fields that we use, or {}."""
    best: dict[str, Any] | None = None
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; it is only ever a hint
        for node in _nodes(data):
            types = _types(node)
            if types & ARTICLE_TYPES and (best is None or ("articleBody" in node and "articleBody" not in best)):
                best = node
    if best is None:
        return {}
    out: dict[str, Any] = {}
    for key, field in (("headline", "title"), ("datePublished", "date_published"),
                       ("dateModified", "date_modified"), ("inLanguage", "language"),
                       ("description", "description"), ("url", "url")):
        value = _text(best.get(key))
        if value:
            out[field] = value
    authors = _names(best.get("author"))
    if authors:
        out["authors"] = authors
    publisher = _names(best.get("publisher"))
    if publisher:
        out["site_name"] = publisher[0]
    body = best.get("articleBody")
    if isinstance(body, str) and body.strip():
        out["article_body"] = html.unescape(body)  # some sites escape entities in it; markup stays
    return out


def page_metadata(root: HtmlElement) -> dict[str, Any]:
    """Title, authors, dates, site name, language, canonical URL and description.

    JSON-LD wins over Open Graph, which wins over plain meta tags and <title>: the more
    structured the source, the less likely it carries a site suffix or a teaser.
    """
    meta: dict[str, Any] = {}
    for el in root.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        field = _META_KEYS.get(key)
        content = normalize_space(el.get("content") or "")
        if not field or not content:
            continue
        if field == "authors":
            meta.setdefault("authors", [])
            if content not in meta["authors"] and not content.startswith("http"):
                meta["authors"].append(content)
        else:
            meta.setdefault(field, content)
    canonical = root.find(".//link[@rel='canonical']")
    if canonical is not None and canonical.get("href"):
        meta["url"] = canonical.get("href").strip()
    title = root.find(".//title")
    if "title" not in meta and title is not None and title.text_content().strip():
        meta["title"] = normalize_space(title.text_content())
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and "language" not in meta:
        meta["language"] = lang.strip()
    meta.update(json_ld_article(root))
    return meta
