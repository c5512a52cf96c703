"""The HTML path's main-content step: readability's pick checked against the page, the
fallbacks, the headline's article, the lede beside the headline, and the names that pruning
must not read. Small pages written for these tests; the whole-page fixtures are in
fixtures/html/."""

from __future__ import annotations

import pytest

import cleannews

STORY = [
    "The town council voted six to one on Tuesday night to paint protected bike lanes along Main "
    "Street, ending a debate that has run for more than two years.",
    "Supporters packed the chamber, many of them parents who said their children were afraid to "
    "ride to school. Opponents, mostly shop owners, warned that losing parking would hurt trade.",
    "The lanes will run from the railway bridge to the library, about 1.2 kilometres, separated "
    "from traffic by a low curb. Work is due to start in May, the council said.",
]
TITLE = "Town council approves new bike lanes"


def page(body: str, title: str = TITLE) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title} | Riverside Gazette</title>"
            f'<meta property="og:title" content="{title}"></head><body>'
            '<header class="site-header"><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul>'
            f"</header>{body}<footer><p>© 2025 Riverside Gazette, 12 Harbour Road.</p></footer></body></html>")


def paragraphs(texts: list[str] = STORY) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def expected(*blocks: str, title: str = TITLE) -> str:
    return "\n\n".join((title, *blocks)) + "\n"


def test_a_container_readability_sanitizes_away_falls_back_to_its_unsanitized_pick() -> None:
    # a photo story: more pictures than its sanitize step allows beside three paragraphs
    pictures = "".join(f"<img src='p{n}.jpg'>" for n in range(8))
    html = page(f"<main><h1>{TITLE}</h1><div class='essay'>{pictures}{paragraphs()}</div></main>")
    result = cleannews.clean(html)
    assert result.text == expected(*STORY)
    assert result.metadata["extractor"] == "readability-unsanitized"
    assert "held 0 characters of running text" in result.metadata["extractor_why"]


def test_readability_alone_is_kept_when_its_pick_holds_the_story() -> None:
    result = cleannews.clean(page(f"<main><h1>{TITLE}</h1><div class='body'>{paragraphs()}</div></main>"))
    assert result.text == expected(*STORY)
    assert result.metadata["extractor"] == "readability"
    assert "extractor_why" not in result.metadata


def test_the_headline_article_is_the_story_on_a_page_of_several_articles() -> None:
    other = [f"Another story entirely, number {n}, printed in full below the first one so that the "
             "page reads on; it is long enough to be a story of its own, and longer than the first."
             for n in range(6)]
    html = page(f"<article><h1>{TITLE}</h1>{paragraphs()}</article>"
                f"<div class='more'><article><h2>Next</h2>{paragraphs(other)}</article></div>")
    result = cleannews.clean(html)
    assert result.text == expected(*STORY)
    assert result.metadata["extractor"] == "readability"
    assert "several articles" in result.metadata["extractor_why"]


def test_the_standfirst_beside_the_headline_is_kept() -> None:
    lede = "Parents who campaigned for two years win a vote that shop owners said would cost them trade."
    html = page(f"<div class='hero'><h1>{TITLE}</h1><p class='dek'>{lede}</p><span>By Ann Reed</span></div>"
                f"<div class='main'><div class='story'>{paragraphs()}</div></div>")
    assert cleannews.clean(html).text == expected(lede, *STORY)


def test_a_caption_beside_the_headline_is_not_a_standfirst() -> None:
    caption = "Cyclists ride along Main Street on Tuesday, the day the council voted on the plan."
    html = page(f"<div class='hero'><h1>{TITLE}</h1><img src='a.jpg'><p>{caption}</p></div>"
                f"<div class='main'><div class='story'>{paragraphs()}</div></div>")
    assert cleannews.clean(html).text == expected(*STORY)


def test_a_sub_heading_above_the_story_container_is_kept() -> None:
    html = page(f"<h1>{TITLE}</h1><div class='card'><h3 class='card-header'>What was decided</h3>"
                f"<div class='content'>{paragraphs()}</div></div>")
    assert cleannews.clean(html).text == expected("What was decided", *STORY)


def test_a_heading_slug_id_is_not_read_as_a_widget_name() -> None:
    # "sharing" and "media" in an id made of the heading's own words are the story's words
    section = ("<section id='social-media-reaction'><h2>Social media reaction</h2>"
               f"{paragraphs(STORY[1:2])}<h3 id='sharing-with-a-single-developer'>Sharing with a single developer</h3>"
               f"{paragraphs(STORY[2:])}</section>")
    result = cleannews.clean(page(f"<article><h1>{TITLE}</h1>{paragraphs(STORY[:1])}{section}</article>"))
    assert result.text == expected(STORY[0], "Social media reaction", STORY[1], "Sharing with a single developer",
                                   STORY[2])


def test_an_inline_link_inside_a_sentence_keeps_its_words() -> None:
    sentence = ("The plan was drawn up by <a href='/p' data-share-track='social' class='share-link'>the "
                "transport committee</a> after a survey of more than two thousand residents last spring.")
    result = cleannews.clean(page(f"<article><h1>{TITLE}</h1><p>{sentence}</p>{paragraphs()}</article>"))
    assert ("The plan was drawn up by the transport committee after a survey of more than two thousand "
            "residents last spring.") in result.text.split("\n\n")


def test_math_markup_is_not_a_menu() -> None:
    formula = ("<mjx-container class='MathJax CtxtMenu_Attached_0' jax='CHTML'><mjx-assistive-mml>"
               "<math><mi>v</mi><mo>=</mo><mi>d</mi><mo>/</mo><mi>t</mi></math></mjx-assistive-mml></mjx-container>")
    text = f"The speed of a cyclist is {formula} in the report, measured on the new lanes over a week."
    result = cleannews.clean(page(f"<article><h1>{TITLE}</h1>{paragraphs()}<p>{text}</p></article>"))
    assert "The speed of a cyclist is v=d/t in the report" in result.text


def test_a_story_hidden_until_a_script_lays_it_out_is_read() -> None:
    # each widget of a page builder waits for its entrance animation; none holds enough of the
    # page's text to be protected by its share
    widgets = "".join(f"<div class='widget animated' style='visibility: hidden'><p>{t}</p></div>" for t in STORY)
    html = page(f"<h1>{TITLE}</h1><div class='story'>{widgets}</div>")
    assert cleannews.clean(html).text == expected(*STORY)


@pytest.mark.parametrize("display", ["display:none", "display: none !important"])
def test_what_is_never_shown_is_still_hidden(display: str) -> None:
    hidden = "This sentence is in a box the page never shows to anyone who reads it, whatever happens."
    html = page(f"<article><h1>{TITLE}</h1>{paragraphs()}<div style='{display}'><p>{hidden}</p></div></article>")
    assert hidden not in cleannews.clean(html).text


def test_the_densest_container_is_read_like_a_text_when_every_pick_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleannews.read import extract, readable

    monkeypatch.setattr(extract, "readability_picks", lambda root: readable.NO_PICKS)
    html = page(f"<h1>{TITLE}</h1><div class='a'>{paragraphs()}</div>")
    result = cleannews.clean(html)
    assert result.text == expected(*STORY)
    assert result.metadata["extractor"] == "densest-container"
    assert result.metadata["extractor_why"] == ("readability's pick found nothing; "
                                                "readability-unsanitized's pick found nothing")


def test_explain_names_the_extractor() -> None:
    from cleannews.render import render_explain

    pictures = "".join(f"<img src='p{n}.jpg'>" for n in range(8))
    html = page(f"<main><h1>{TITLE}</h1><div class='essay'>{pictures}{paragraphs()}</div></main>")
    first = render_explain(cleannews.clean(html)).splitlines()[:2]
    assert first[0].split()[:3] == ["FROM", "page", "readability-unsanitized"]
    assert "running text" in first[1]


# --- the headline ---------------------------------------------------------------------------


def test_the_site_name_around_a_page_title_is_not_the_headline() -> None:
    html = ("<html><head><title>Floods close the valley road - The Valley Courier</title>"
            "<meta property='og:site_name' content='The Valley Courier'></head><body>"
            f"<div><div class='story'>{paragraphs()}</div></div></body></html>")
    assert cleannews.clean(html).title == "Floods close the valley road"


def test_a_blog_masthead_h1_is_not_the_headline() -> None:
    # the blog's name in the <h1> of every page, the post's title in an <h2>
    html = ("<html><head><title>Why we fund bike lanes | The Riverside Blog</title>"
            "<link rel='canonical' href='https://blog.riverside.example/why'></head><body>"
            "<h1 class='site-title'>The Riverside Blog</h1>"
            f"<article><h2>Why we fund bike lanes</h2>{paragraphs()}</article></body></html>")
    assert cleannews.clean(html).title == "Why we fund bike lanes"


@pytest.mark.parametrize("title", ["Laptops from $700, earbuds with a wireless case $150, more deals",
                                   "商品の改造が商標法違反に！？"])
def test_a_metadata_headline_is_printed_whatever_it_names(title: str) -> None:
    # a deals story names prices (a weak ask alone); a Japanese headline has no spaces
    assert cleannews.clean(page(f"<div class='story'>{paragraphs()}</div>", title=title)).title == title


# --- what readability leaves or takes by itself ----------------------------------------------


def test_a_story_split_over_same_shaped_wrappers_is_read_whole() -> None:
    # each paragraph in a wrapper of its own two levels down: readability scores a paragraph's
    # parent and grandparent only, and picks one wrapper and its neighbour
    wrapped = "".join(f"<div class='_k2'><div class='_v5'><p>{t}</p></div></div>" for t in STORY * 2)
    result = cleannews.clean(page(f"<main><h1>{TITLE}</h1><div class='_s8'>{wrapped}</div></main>"))
    assert result.text == expected(*STORY, *STORY)


def test_a_story_with_each_paragraph_in_a_chain_of_wrappers_is_readabilitys_pick() -> None:
    # page builders' chains of <div>s: readability scored one wrapper, its checks failed, and
    # the densest container was read like a text
    chained = "".join("<div>" * 8 + f"<p>{t}</p>" + "</div>" * 8 for t in STORY * 2)
    result = cleannews.clean(page(f"<article><h1>{TITLE}</h1>{chained}</article>"))
    assert result.text == expected(*STORY, *STORY)
    assert result.metadata["extractor"] == "readability"
    assert "extractor_why" not in result.metadata


def test_a_chain_of_wrappers_keeps_its_ends_and_its_names() -> None:
    from lxml import etree

    from cleannews.read import html, markup
    from cleannews.rules import load_rules

    root = markup.parse("<html><body><div class='row'><section class='inner' id='s1'><div class='cell'>"
                        "<p>One.</p></div></section></div><div class='pair'><div><p>Two.</p></div>"
                        "<p>Three.</p></div><div class='said'>Four <div><p>Five.</p></div></div>"
                        "<div class='after'><div><span>Six</span></div>seven</div></body></html>")
    html.prune(root, load_rules())
    assert [etree.tostring(el, encoding=str) for el in root.find("body")] == [
        '<div class="row inner cell" id="s1"><p>One.</p></div>',
        '<div class="pair"><div><p>Two.</p></div><p>Three.</p></div>',  # the outer one holds two
        '<div class="said">Four <div><p>Five.</p></div></div>',  # and this one, text
        '<div class="after"><div><span>Six</span></div>seven</div>']  # one block each


def test_a_chain_of_wrappers_is_cut_as_one_wrapper_at_a_time_would_cut_it() -> None:
    # names spread over the chain join the outer end in order (the first id stands for a missing
    # one); a wrapper with text of its own stops the chain, and the next one starts below it
    from lxml import etree

    from cleannews.read import html, markup
    from cleannews.rules import load_rules

    root = markup.parse("<html><body><div class='row'><div><section id='s1'><div class='cell'>Lead<div>"
                        "<div class='b'><p>One.</p></div></div></div></section></div></div><div class='x'>"
                        "<div id='a'><div class='c'><div><p>Two.</p></div></div></div></div></body></html>")
    html.prune(root, load_rules())
    assert [etree.tostring(el, encoding=str) for el in root.find("body")] == [
        '<div class="row" id="s1"><div class="cell">Lead<div class="b"><p>One.</p></div></div></div>',
        '<div class="x c" id="a"><p>Two.</p></div>']


def test_pruning_reads_nothing_inside_what_it_removes_and_goes_on_after_it() -> None:
    # a removed element's names below it are not reported again; the walk goes on with what
    # follows its subtree, however deep it was, and the wrappers there are still cut
    from lxml import etree

    from cleannews.read import html, markup
    from cleannews.rules import load_rules

    story = "A story paragraph long enough to be most of the page's text, and then some more of it."
    root = markup.parse("<html><body><div><div><nav><div class='share'>Share it</div><div><div><p>In nav.</p>"
                        f"</div></div></nav></div></div><div class='share-bar'>Share this</div><div><div><div>"
                        f"<p>{story}</p></div></div></div><div><div><aside><p>Aside.</p><div class='share'>Share"
                        "</div></aside></div></div></body></html>")
    removed = html.prune(root, load_rules())
    assert [(d.rule, d.block.text) for d in removed] == [
        ("markup.nav", "Share itIn nav."), ("common.selector.share", "Share this"), ("markup.aside", "Aside.Share")]
    assert [etree.tostring(el, encoding=str) for el in root.find("body")] == [
        "<div><div/></div>", f"<div><p>{story}</p></div>", "<div><div/></div>"]


def test_a_byline_naming_the_metadata_author_goes() -> None:
    head = '<meta name="author" content="Ann Reed">'
    html = page(f"<article><h1>{TITLE}</h1><p class='author'>Ann Reed</p>"
                f"{paragraphs()}</article>").replace("</head>", head + "</head>")
    result = cleannews.clean(html)
    assert "Ann Reed" not in result.text
    assert [r.rule for r in result.removed if r.text == "Ann Reed"] == ["metadata.author"]


def test_a_live_post_header_is_not_read_as_the_page_header() -> None:
    posts = "".join(f"<article class='live-post'><header class='live-post__header'><time>18:{n}0</time>"
                    f"<h2>Update number {n} from the council</h2></header><p>{t}</p></article>"
                    for n, t in enumerate(STORY, 1))
    result = cleannews.clean(page(f"<h1>{TITLE}</h1><div class='feed'>{posts}</div>"))
    assert [p for p in result.body.split("\n\n") if p.startswith("Update")] == [
        f"Update number {n} from the council" for n in (1, 2, 3)]


def test_a_data_attribute_that_is_the_heading_slug_is_not_read() -> None:
    heading = ("<h2 data-anchor-id='ad-hoc-scripts-and-what-replaced-them'>"
               "Ad hoc scripts, and what replaced them</h2>")
    html = page(f"<main><h1>{TITLE}</h1>{paragraphs(STORY[:1])}{heading}{paragraphs(STORY[1:])}</main>")
    result = cleannews.clean(html)
    assert "Ad hoc scripts, and what replaced them" in result.body.split("\n\n")


def test_a_story_name_does_not_shield_navigation_or_what_is_never_shown() -> None:
    crumbs = "<nav class='article-hero__crumbs'><a href='/'>Home</a> › <a href='/news'>News</a></nav>"
    hidden = "<div class='article-share' style='display:none'><p>Share this article with a friend today</p></div>"
    result = cleannews.clean(page(f"<article><h1>{TITLE}</h1>{crumbs}{paragraphs()}{hidden}</article>"))
    assert result.text == expected(*STORY)
    assert {r.rule for r in result.removed} >= {"markup.nav", "markup.hidden"}


def test_every_word_not_printed_is_accounted_for() -> None:
    # readability leaves the short related box out of its pick without a rule naming it
    box = "<div class='box'><h3>More from the town</h3><ul><li><a href='/a'>Ferry fares</a></li></ul></div>"
    result = cleannews.clean(page(f"<main><h1>{TITLE}</h1>{paragraphs()}</main>{box}"))
    printed = set(result.text.split("\n\n"))
    accounted = printed | {r.text for r in result.removed}
    for words in ("More from the town", "Ferry fares", "Home", "News", "© 2025 Riverside Gazette, 12 Harbour Road."):
        assert any(words in text for text in accounted), words
    assert any(r.rule == "extract.outside-main-content" for r in result.removed)


def test_what_readability_cuts_from_inside_its_pick_is_accounted_for() -> None:
    # the page's elements the story was read from are not read again for what was left out:
    # what readability's sanitize step took out of them is
    box = ("<div><h3>More from the town</h3><ul><li><a href='/a'>Ferry fares rise again</a></li>"
           "<li><a href='/b'>Tide tables</a></li></ul></div>")
    result = cleannews.clean(page(f"<main><h1>{TITLE}</h1><div class='story'>{paragraphs(STORY[:2])}{box}"
                                  f"{paragraphs(STORY[2:])}</div></main>"))
    assert result.text == expected(*STORY)
    assert {r.text for r in result.removed if r.rule == "extract.outside-main-content"} >= {
        "More from the town", "Ferry fares rise again", "Tide tables"}
