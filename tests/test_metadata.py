"""Page metadata (`clean(...).metadata`, the "metadata" object of `--format json`): title,
authors, dates, site name, language and canonical URL, from JSON-LD, Open Graph and the
ordinary meta tags, and which source wins when they disagree.

Each test builds a small page with only the markup it is about; the story under the markup
is the same short article, so the pages are ones cleannews really cleans.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

import cleannews
from cleannews.cli import command

STORY = (
    "<p>The county fair opened on Friday with a record 412 entries in the livestock show, "
    "organisers said, up from 350 last year.</p>"
    "<p>Judging continues through Sunday, when the grand champion steer will be sold at auction "
    "to raise money for the 4-H scholarship fund.</p>"
)
HEADLINE = "County fair opens with record livestock entries"


def page(head: str = "", h1: str | None = HEADLINE, lang: str | None = None) -> bytes:
    lang_attr = f' lang="{lang}"' if lang else ""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f'<!DOCTYPE html><html{lang_attr}><head><meta charset="utf-8">{head}</head>'
        f"<body><article>{heading}{STORY}</article></body></html>"
    ).encode()


def json_ld(data: Any) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def metadata(data: bytes) -> dict[str, Any]:
    return cleannews.clean(data).metadata


ARTICLE = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": HEADLINE,
    "datePublished": "2024-08-16T09:00:00-05:00",
    "dateModified": "2024-08-16T14:30:00-05:00",
    "inLanguage": "en-US",
    "url": "https://fairgrounds.example/news/county-fair-opens",
    "description": "A record 412 entries in the livestock show.",
    "author": {"@type": "Person", "name": "Rosa Delgado"},
    "publisher": {"@type": "NewsMediaOrganization", "name": "Fairgrounds Gazette"},
}


# --- JSON-LD -------------------------------------------------------------------------------


def test_json_ld_news_article() -> None:
    meta = metadata(page(json_ld(ARTICLE)))
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["date_published"] == "2024-08-16T09:00:00-05:00"
    assert meta["date_modified"] == "2024-08-16T14:30:00-05:00"
    assert meta["site_name"] == "Fairgrounds Gazette"
    assert meta["language"] == "en-US"
    assert meta["url"] == "https://fairgrounds.example/news/county-fair-opens"
    assert meta["description"] == "A record 412 entries in the livestock show."


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Rosa Delgado", ["Rosa Delgado"]),
        (["Rosa Delgado", "Tom Reyes"], ["Rosa Delgado", "Tom Reyes"]),
        ([{"@type": "Person", "name": "Rosa Delgado"}, {"@type": "Person", "name": "Tom Reyes"}],
         ["Rosa Delgado", "Tom Reyes"]),
        ({"@type": "Person", "name": "  Rosa   Delgado "}, ["Rosa Delgado"]),
    ],
    ids=["string", "list-of-strings", "list-of-people", "spaces"],
)
def test_json_ld_authors(author: Any, expected: list[str]) -> None:
    assert metadata(page(json_ld({**ARTICLE, "author": author})))["authors"] == expected


def test_json_ld_type_given_as_a_list() -> None:
    meta = metadata(page(json_ld({**ARTICLE, "@type": ["NewsArticle", "ReportageNewsArticle"]})))
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["site_name"] == "Fairgrounds Gazette"


def test_json_ld_as_a_top_level_list() -> None:
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "News"}]}
    meta = metadata(page(json_ld([crumbs, ARTICLE])))
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["date_published"] == "2024-08-16T09:00:00-05:00"


def test_json_ld_graph_with_the_article_alone() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Fairgrounds Media Group", "url": "https://fairgrounds.example/"},
        {k: v for k, v in ARTICLE.items() if k != "@context"},
    ]}
    meta = metadata(page(json_ld(graph)))
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["site_name"] == "Fairgrounds Gazette"


def test_json_ld_graph_with_a_web_page_before_the_article() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": "https://fairgrounds.example/news/county-fair-opens#webpage",
         "url": "https://fairgrounds.example/news/county-fair-opens", "name": f"{HEADLINE} - Fairgrounds Gazette",
         "inLanguage": "en-US"},
        {**{k: v for k, v in ARTICLE.items() if k != "@context"},
         "author": [{"@type": "Person", "name": "Rosa Delgado"}, {"@type": "Person", "name": "Tom Reyes"}]},
    ]}
    meta = metadata(page(json_ld(graph)))
    assert meta["authors"] == ["Rosa Delgado", "Tom Reyes"]
    assert meta["date_modified"] == "2024-08-16T14:30:00-05:00"
    assert meta["site_name"] == "Fairgrounds Gazette"


def test_json_ld_graph_author_by_reference() -> None:
    person_id = "https://fairgrounds.example/#/schema/person/rd"
    graph = {"@context": "https://schema.org", "@graph": [
        {**{k: v for k, v in ARTICLE.items() if k != "@context"}, "author": {"@id": person_id}},
        {"@type": "Person", "@id": person_id, "name": "Rosa Delgado"},
    ]}
    assert metadata(page(json_ld(graph)))["authors"] == ["Rosa Delgado"]


def test_json_ld_that_is_not_an_article_is_not_used_for_the_title() -> None:
    org = {"@context": "https://schema.org", "@type": "Organization", "name": "Fairgrounds Gazette",
           "headline": "Not a headline"}
    meta = metadata(page(json_ld(org) + f"<title>{HEADLINE} | Fairgrounds Gazette</title>"))
    assert meta["title"] == HEADLINE
    assert "authors" not in meta


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    head += '<meta property="og:site_name" content="Fairgrounds Gazette">'
    meta = metadata(page(head))
    assert meta["site_name"] == "Fairgrounds Gazette"
    assert meta["title"] == HEADLINE


def test_json_ld_article_body_is_not_metadata() -> None:
    meta = metadata(page(json_ld({**ARTICLE, "articleBody": "The county fair opened on Friday."})))
    assert "article_body" not in meta
    assert "articleBody" not in json.dumps(meta)


# --- Open Graph and meta tags --------------------------------------------------------------

OPEN_GRAPH = (
    f'<meta property="og:title" content="{HEADLINE}">'
    '<meta property="og:site_name" content="Fairgrounds Gazette">'
    '<meta property="og:url" content="https://fairgrounds.example/news/county-fair-opens">'
    '<meta property="og:locale" content="en_US">'
    '<meta property="og:description" content="A record 412 entries in the livestock show.">'
    '<meta property="article:published_time" content="2024-08-16T09:00:00-05:00">'
    '<meta property="article:modified_time" content="2024-08-16T14:30:00-05:00">'
    '<meta property="article:author" content="https://fairgrounds.example/staff/rosa-delgado">'
)


def test_open_graph() -> None:
    meta = metadata(page(OPEN_GRAPH, h1=None))
    assert meta["title"] == HEADLINE
    assert meta["site_name"] == "Fairgrounds Gazette"
    assert meta["url"] == "https://fairgrounds.example/news/county-fair-opens"
    assert meta["language"] == "en_US"
    assert meta["description"] == "A record 412 entries in the livestock show."
    assert meta["date_published"] == "2024-08-16T09:00:00-05:00"
    assert meta["date_modified"] == "2024-08-16T14:30:00-05:00"
    assert not meta.get("authors")  # article:author holds a profile URL, not a name


def test_plain_meta_tags() -> None:
    head = (
        f"<title>{HEADLINE}</title>"
        '<meta name="author" content="Rosa Delgado">'
        '<meta name="author" content="Tom Reyes">'
        '<meta name="author" content="Rosa Delgado">'
        '<meta name="date" content="2024-08-16">'
        '<meta name="description" content="A record 412 entries in the livestock show.">'
        '<meta name="application-name" content="Fairgrounds Gazette">'
    )
    meta = metadata(page(head, h1=None, lang="en-US"))
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Rosa Delgado", "Tom Reyes"]
    assert meta["date_published"] == "2024-08-16"
    assert meta["description"] == "A record 412 entries in the livestock show."
    assert meta["site_name"] == "Fairgrounds Gazette"
    assert meta["language"] == "en-US"


def test_meta_tag_names_are_case_and_space_insensitive() -> None:
    head = '<meta name="Author" content=" Rosa  Delgado "><meta property="OG:Site_Name" content="Fairgrounds Gazette">'
    meta = metadata(page(head))
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["site_name"] == "Fairgrounds Gazette"


def test_dublin_core_and_twitter_tags() -> None:
    head = (
        f'<meta name="twitter:title" content="{HEADLINE}">'
        '<meta name="DC.creator" content="Rosa Delgado">'
        '<meta name="DC.date" content="2024-08-16">'
    )
    meta = metadata(page(head, h1=None))
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["date_published"] == "2024-08-16"


def test_canonical_link_is_the_url() -> None:
    head = (
        '<meta property="og:url" content="https://fairgrounds.example/news/county-fair-opens?utm_source=fb">'
        '<link rel="canonical" href=" https://fairgrounds.example/news/county-fair-opens ">'
    )
    assert metadata(page(head))["url"] == "https://fairgrounds.example/news/county-fair-opens"


def test_json_ld_url_when_there_is_no_canonical_link() -> None:
    head = json_ld(ARTICLE) + '<meta property="og:url" content="https://m.fairgrounds.example/county-fair">'
    assert metadata(page(head))["url"] == "https://fairgrounds.example/news/county-fair-opens"


# --- precedence: JSON-LD over Open Graph over <title> and plain meta tags -------------------

TITLE_TAG = "<title>County fair 2024: the full guide | Fairgrounds Gazette</title>"
OG_TITLE = '<meta property="og:title" content="County fair opens with record entries (OG)">'
LD_TITLE = json_ld({**ARTICLE, "headline": "County fair opens with record entries (LD)"})


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (TITLE_TAG, "County fair 2024: the full guide"),  # the site's name after the pipe is not the headline's
        (TITLE_TAG + OG_TITLE, "County fair opens with record entries (OG)"),
        (OG_TITLE + TITLE_TAG, "County fair opens with record entries (OG)"),
        (TITLE_TAG + OG_TITLE + LD_TITLE, "County fair opens with record entries (LD)"),
        (LD_TITLE + OG_TITLE + TITLE_TAG, "County fair opens with record entries (LD)"),
    ],
    ids=["title", "og-over-title", "og-over-title-in-any-order", "json-ld-over-og", "json-ld-first"],
)
def test_title_precedence(head: str, expected: str) -> None:
    result = cleannews.clean(page(head, h1=None))
    assert result.metadata["title"] == expected
    assert result.title == expected


@pytest.mark.parametrize(("h1", "expected"), [("Floods", "Floods"), (None, None)],
                         ids=["printed-as-the-headline", "only-in-the-head"])
def test_a_one_word_title_is_the_headline_only_where_the_page_prints_it(h1: str | None,
                                                                         expected: str | None) -> None:
    result = cleannews.clean(page("<title>Floods</title>", h1=h1))
    assert result.title == expected
    assert result.text.startswith("Floods\n\nThe county fair" if h1 else "The county fair")


def test_visible_headline_that_agrees_with_the_title_tag_drops_the_site_suffix() -> None:
    meta = metadata(page(f"<title>{HEADLINE} | Fairgrounds Gazette</title>"))
    assert meta["title"] == HEADLINE


@pytest.mark.parametrize(
    ("head", "field", "expected"),
    [
        (OPEN_GRAPH + json_ld(ARTICLE), "date_published", "2024-08-16T09:00:00-05:00"),
        ('<meta property="article:published_time" content="2024-08-15">' + json_ld(ARTICLE),
         "date_published", "2024-08-16T09:00:00-05:00"),
        ('<meta property="article:published_time" content="2024-08-15"><meta name="date" content="2024-08-01">',
         "date_published", "2024-08-15"),
        ('<meta property="og:site_name" content="Gazette (OG)">' + json_ld(ARTICLE), "site_name",
         "Fairgrounds Gazette"),
        ('<meta property="og:site_name" content="Fairgrounds Gazette">'
         '<meta name="application-name" content="Gazette app">', "site_name", "Fairgrounds Gazette"),
        ('<meta name="author" content="Desk Editor">' + json_ld(ARTICLE), "authors", ["Rosa Delgado"]),
        ('<meta property="og:locale" content="en_GB">' + json_ld(ARTICLE), "language", "en-US"),
    ],
    ids=["date-ld-over-og", "date-ld-over-og-listed-first", "date-og-over-meta-name", "site-ld-over-og",
         "site-og-over-application-name", "authors-ld-over-meta", "language-ld-over-og"],
)
def test_field_precedence(head: str, field: str, expected: object) -> None:
    assert metadata(page(head))[field] == expected


@pytest.mark.parametrize(
    ("head", "field", "expected"),
    [
        ('<meta name="date" content="2024-08-01"><meta property="article:published_time" content="2024-08-15">',
         "date_published", "2024-08-15"),
        ('<meta name="application-name" content="Gazette app"><meta property="og:site_name" content="Fairgrounds '
         'Gazette">', "site_name", "Fairgrounds Gazette"),
    ],
    ids=["date", "site-name"],
)
def test_open_graph_over_a_plain_tag_listed_first(head: str, field: str, expected: str) -> None:
    assert metadata(page(head))[field] == expected


def test_language_from_the_html_element_when_nothing_else_says() -> None:
    assert metadata(page(lang="fr-CA"))["language"] == "fr-CA"


def test_language_json_ld_over_the_html_element() -> None:
    assert metadata(page(json_ld(ARTICLE), lang="en"))["language"] == "en-US"


# --- as the command line prints it ---------------------------------------------------------


def test_metadata_in_json_output(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANNEWS_CONFIG_DIR", str(tmp_path))
    path = tmp_path / "page.html"
    path.write_bytes(page(json_ld(ARTICLE) + '<link rel="canonical" href="https://fairgrounds.example/c">', lang="en"))
    result = CliRunner().invoke(command, ["--format", "json", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["title"] == HEADLINE
    assert doc["input_format"] == "html"
    meta = doc["metadata"]
    assert meta["title"] == HEADLINE
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["date_published"] == "2024-08-16T09:00:00-05:00"
    assert meta["site_name"] == "Fairgrounds Gazette"
    assert meta["language"] == "en-US"
    assert meta["url"] in ("https://fairgrounds.example/c", "https://fairgrounds.example/news/county-fair-opens")


def test_plain_text_has_no_metadata() -> None:
    result = cleannews.clean(f"{HEADLINE}\n\nThe county fair opened on Friday with a record entry.\n".encode())
    assert result.input_format == "text"
    assert result.metadata == {}


def test_metadata_is_read_from_inside_a_container() -> None:
    import gzip

    meta = metadata(gzip.compress(page(json_ld(ARTICLE))))
    assert meta["authors"] == ["Rosa Delgado"]
    assert meta["site_name"] == "Fairgrounds Gazette"
