"""Whole pages in the markup of real CMSs and page builders, one function per template.

Each function takes a Story and returns the page: head, header and menus, the story where
that CMS puts it, and the furniture around it. Nothing here is aimed at a particular
extractor; each layout follows how its CMS builds pages.
"""
# ruff: noqa: E501 - page markup is kept one element a line, as the CMSs print it

from __future__ import annotations

import json
from collections.abc import Callable

from chrome import (
    BASE_CSS,
    ad_slot,
    analytics,
    breadcrumbs,
    byline,
    comments,
    cookie_banner,
    copyright_line,
    date_text,
    donation_box,
    footer_links,
    hashed,
    head,
    menu_items,
    most_read,
    newsletter_box,
    pick,
    related,
    share_bar,
    slug,
    t,
    tags,
)
from markup import Markup, render
from story import Story

# --- WordPress, classic theme -------------------------------------------------------------------

WP_CLASSIC = Markup(
    fig=('<figure id="attachment_{n}" class="wp-caption aligncenter"><img class="size-large wp-image-{n}" '
         'src="{src}" alt="{alt}"><figcaption class="wp-caption-text">{caption} {credit}</figcaption></figure>'),
    pull='<blockquote class="wp-block-quote is-style-large"><p>{text}</p></blockquote>',
    ad="code-block code-block-{n}",
)


def _wp_sidebar(story: Story) -> str:
    return (f'<aside id="secondary" class="widget-area" role="complementary">'
            f'<section id="search-2" class="widget widget_search"><form role="search" class="search-form" action="/">'
            f'<input type="search" class="search-field" name="s"><button>{t(story["lang"], "search")}</button></form>'
            f'</section><section id="custom_html-3" class="widget_text widget widget_custom_html">'
            f'{newsletter_box(story, "newsletter-widget")}</section>'
            f'<section id="recent-posts-2" class="widget widget_recent_entries">{most_read(story, "wpp", "h2")}</section>'
            f'</aside>')


def wp_classic(story: Story) -> str:
    lang = story["lang"]
    post = hashed(story, "post", 4)
    body = render(story, story.blocks, WP_CLASSIC)
    return f"""{head(story, BASE_CSS + ".site-header{{border-bottom:1px solid #ddd}}")}
<body class="post-template-default single single-post postid-{post} single-format-standard">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">{t(lang, "skip")}</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{story["site"]}</a></p>
<p class="site-description">{story.get("tagline", "")}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu">Menu</button>
<ul id="primary-menu" class="menu">{menu_items(story)}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{post}" class="post-{post} post type-post status-publish format-standard has-post-thumbnail hentry category-{slug(story["section"])}">
<header class="entry-header"><h1 class="entry-title">{story.headline}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{story["date"]}">{date_text(story)}</time></span>
<span class="byline"> {t(lang, "by")} <span class="author vcard"><a class="url fn n" href="/author/{slug(story["author"])}/">{story["author"]}</a></span></span></div>
</header>
<div class="post-thumbnail"><img width="1200" height="675" src="/wp-content/uploads/{slug(story.headline)}.jpg" class="attachment-post-thumbnail wp-post-image" alt=""></div>
<div class="entry-content">
{body}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">{t(lang, "share")}:</h3>{share_bar(story, "sd-content")}</div></div>
<div id="jp-relatedposts" class="jp-relatedposts">{related(story, "jp-relatedposts-items")}</div>
</div>
<footer class="entry-footer"><span class="cat-links"><a href="/{slug(story["section"])}/" rel="category tag">{story["section"]}</a></span>{tags(story, "tags-links")}</footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links"><div class="nav-previous"><a href="/prev/" rel="prev"><span class="meta-nav">{t(lang, "prev")}</span></a></div><div class="nav-next"><a href="/next/" rel="next"><span class="meta-nav">{t(lang, "next")}</span></a></div></div></nav>
{comments(story, "comments-area")}
</main></div>
{_wp_sidebar(story)}
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><ul class="footer-menu">{footer_links(story)}</ul><p>{copyright_line(story)}</p></div></footer>
</div>
{cookie_banner(story, "cmplz-cookiebanner")}
{analytics(story)}
<script src="/wp-includes/js/wp-embed.min.js"></script>
</body>
</html>
"""


# --- WordPress + Elementor (theme builder single-post template) --------------------------------

ELEMENTOR = Markup(
    fig=('<figure class="wp-caption"><img decoding="async" src="{src}" alt="{alt}" class="wp-image-{n}">'
         '<figcaption class="widget-image-caption wp-caption-text">{caption} {credit}</figcaption></figure>'),
)


def _el_widget(kind: str, inner: str, n: str, extra: str = "") -> str:
    """An Elementor widget: element > widget-container > the widget's own markup."""
    return (f'<div class="elementor-element elementor-element-{n} elementor-widget elementor-widget-{kind}{extra}" '
            f'data-id="{n}" data-element_type="widget" data-widget_type="{kind}.default">\n'
            f'<div class="elementor-widget-container">\n{inner}\n</div>\n</div>')


def _el_section(inner: str, n: str, cols: list[tuple[str, str]]) -> str:
    columns = "".join(
        f'<div class="elementor-column elementor-col-{width} elementor-top-column elementor-element '
        f'elementor-element-{n}{i}" data-id="{n}{i}" data-element_type="column">'
        f'<div class="elementor-widget-wrap elementor-element-populated">\n{content}\n</div></div>'
        for i, (width, content) in enumerate(cols))
    return (f'<section class="elementor-section elementor-top-section elementor-element elementor-element-{n} '
            f'elementor-section-boxed elementor-section-height-default" data-id="{n}" data-element_type="section">'
            f'<div class="elementor-container elementor-column-gap-default">{inner}{columns}</div></section>')


def elementor(story: Story) -> str:
    lang = story["lang"]
    post = hashed(story, "post", 4)
    h = lambda salt: hashed(story, salt, 7)  # noqa: E731 - Elementor's element ids
    body = render(story, story.blocks, ELEMENTOR)
    main_col = "\n".join([
        _el_widget("breadcrumbs", f'<p id="breadcrumbs"><span><a href="/">{t(lang, "home")}</a> » '
                   f'<a href="/{slug(story["section"])}/">{story["section"]}</a></span></p>', h("bc")),
        _el_widget("theme-post-title", f'<h1 class="elementor-heading-title elementor-size-default">{story.headline}</h1>',
                   h("title"), " elementor-page-title elementor-widget-heading"),
        _el_widget("post-info", f'<ul class="elementor-inline-items elementor-icon-list-items elementor-post-info">'
                   f'<li class="elementor-icon-list-item">{story["author"]}</li><li class="elementor-icon-list-item">'
                   f'{date_text(story)}</li></ul>', h("info")),
        _el_widget("theme-post-featured-image", f'<img src="/wp-content/uploads/{slug(story.headline)}.jpg" alt="">',
                   h("img"), " elementor-widget-image"),
        _el_widget("theme-post-content", body, h("content")),
        _el_widget("share-buttons", share_bar(story, "elementor-share-buttons"), h("share")),
        _el_widget("html", donation_box(story, "donate-cta"), h("donate")),
        _el_widget("post-navigation", f'<div class="elementor-post-navigation"><a href="/prev/">{t(lang, "prev")}</a> '
                   f'<a href="/next/">{t(lang, "next")}</a></div>', h("nav")),
        _el_widget("post-comments", comments(story, "comments-area"), h("cmt"), " elementor-widget-theme-post-comments"),
    ])
    side_col = "\n".join([
        _el_widget("form", newsletter_box(story, "elementor-form-newsletter"), h("form")),
        _el_widget("wp-widget-recent-posts", most_read(story, "widget_recent_entries", "h5"), h("recent")),
        _el_widget("html", f'<div class="ad-sidebar">{t(lang, "ad")}</div>', h("ad")),
    ])
    header = _el_section("", h("hdr"), [("33", f'<div class="elementor-widget-container"><a href="/">'
                                               f'<img src="/wp-content/uploads/logo.svg" alt="{story["site"]}"></a></div>'),
                                        ("66", f'<nav class="elementor-nav-menu--main elementor-nav-menu__container">'
                                               f'<ul id="menu-1-main" class="elementor-nav-menu">{menu_items(story)}</ul></nav>')])
    footer = _el_section("", h("ftr"), [("100", f'<ul class="elementor-icon-list-items">{footer_links(story)}</ul>'
                                                f'<p class="elementor-heading-title">{copyright_line(story)}</p>')])
    return f"""{head(story, BASE_CSS + ".elementor-section{{position:relative}}.elementor-column{{display:flex}}")}
<body class="post-template-default single single-post postid-{post} single-format-standard elementor-default elementor-kit-7 elementor-page-{post}">
<div data-elementor-type="header" data-elementor-id="41" class="elementor elementor-41 elementor-location-header">{header}</div>
<div data-elementor-type="single-post" data-elementor-id="{post}" class="elementor elementor-{post} elementor-location-single post-{post} post type-post status-publish format-standard has-post-thumbnail hentry category-{slug(story["section"])}">
{_el_section("", h("main"), [("66", main_col), ("33", side_col)])}
</div>
<div data-elementor-type="footer" data-elementor-id="52" class="elementor elementor-52 elementor-location-footer">{footer}</div>
{cookie_banner(story, "cky-consent-container")}
{analytics(story)}
<script src="/wp-content/plugins/elementor/assets/js/frontend.min.js"></script>
</body>
</html>
"""


# --- WordPress + WPBakery (a story built of text and image blocks) -----------------------------

WPBAKERY = Markup(
    fig=('<div class="wpb_single_image wpb_content_element vc_align_center"><figure class="wpb_wrapper vc_figure">'
         '<div class="vc_single_image-wrapper vc_box_border_grey"><img class="vc_single_image-img" src="{src}" '
         'alt="{alt}"></div><figcaption class="vc_figure-caption">{caption} {credit}</figcaption></figure></div>'),
    pull=('<div class="vc_message_box vc_message_box-standard vc_color-grey"><div class="vc_message_box-icon"></div>'
          '<p>{text}</p></div>'),
    ad="vc_raw_html wpb_content_element ad-inline",
)


def _vc_text(story: Story, blocks: list, n: int) -> str:
    """Runs of text blocks become one text column each; pictures, ads and quotes sit between."""
    out, run = [], []
    for i, b in enumerate(blocks):
        if b.kind in ("p", "h2", "h3", "ul", "ol", "q", "quote"):
            run.append(b)
            continue
        if run:
            out.append(f'<div class="wpb_text_column wpb_content_element"><div class="wpb_wrapper">\n'
                       f'{render(story, run, WPBAKERY)}\n</div></div>')
            run = []
        out.append(render(story, [b], WPBAKERY, n + i))
    if run:
        out.append(f'<div class="wpb_text_column wpb_content_element"><div class="wpb_wrapper">\n'
                   f'{render(story, run, WPBAKERY)}\n</div></div>')
    return "\n".join(out)


def wpbakery(story: Story) -> str:
    lang = story["lang"]
    post = hashed(story, "post", 4)
    return f"""{head(story, BASE_CSS + ".vc_row{{margin:0 -15px}}.wpb_text_column{{margin-bottom:35px}}")}
<body class="post-template-default single single-post postid-{post} wpb-js-composer js-comp-ver-7.2 vc_responsive">
<div id="wrapper" class="site-wrapper">
<div class="top-bar"><div class="container"><span class="top-bar-date">{date_text(story)}</span>
<ul class="top-bar-links"><li><a href="/login/">{t(lang, "login")}</a></li><li><a href="/subscribe/">{t(lang, "subscribe")}</a></li></ul></div></div>
<header class="header header-style-3"><div class="container"><div class="logo"><a href="/"><img src="/wp-content/themes/newsmag/logo.png" alt="{story["site"]}"></a></div>
<nav class="main-menu"><ul id="menu-main" class="sf-menu">{menu_items(story)}</ul></nav></div></header>
<div class="container page-container">{breadcrumbs(story, "breadcrumb-trail")}
<div class="row">
<div class="col-md-8 main-content">
<div class="single-post-header"><span class="post-category"><a href="/{slug(story["section"])}/">{story["section"]}</a></span>
<h1 class="post-title">{story.headline}</h1>{byline(story, "post-meta")}</div>
<div class="vc_row wpb_row vc_row-fluid"><div class="wpb_column vc_column_container vc_col-sm-12"><div class="vc_column-inner"><div class="wpb_wrapper">
{_vc_text(story, story.blocks, 100)}
</div></div></div></div>
{share_bar(story, "post-share")}
{donation_box(story, "donate-box")}
<div class="post-tags">{tags(story)}</div>
{related(story, "related-posts")}
{comments(story, "comments-area")}
</div>
<div class="col-md-4 sidebar"><div class="theiaStickySidebar">
{newsletter_box(story, "widget widget_mc4wp_form_widget")}
<div class="widget widget-popular-posts">{most_read(story, "popular-posts", "h4")}</div>
<div class="widget widget_ad">{t(lang, "ad")}</div>
</div></div>
</div></div>
<footer class="footer"><div class="container"><ul class="footer-nav">{footer_links(story)}</ul><p class="copyright">{copyright_line(story)}</p></div></footer>
</div>
{cookie_banner(story, "cookie-notice-container")}
{analytics(story)}
<script src="/wp-content/plugins/js_composer/assets/js/dist/js_composer_front.min.js"></script>
</body>
</html>
"""


# --- WordPress, block theme (Gutenberg) ---------------------------------------------------------

GUTENBERG = Markup(
    h2='<h2 class="wp-block-heading" id="{slug}">{text}</h2>',
    h3='<h3 class="wp-block-heading">{text}</h3>',
    ul='<ul class="wp-block-list">{text}</ul>',
    ol='<ol class="wp-block-list">{text}</ol>',
    quote='<blockquote class="wp-block-quote"><p>{text}</p></blockquote>',
    pull='<figure class="wp-block-pullquote"><blockquote><p>{text}</p></blockquote></figure>',
    fig=('<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" src="{src}" '
         'alt="{alt}" class="wp-image-{n}"><figcaption class="wp-element-caption">{caption} {credit}</figcaption></figure>'),
    ad="wp-block-group ad-container",
    related="wp-block-group inline-related",
)


def gutenberg(story: Story) -> str:
    lang = story["lang"]
    post = hashed(story, "post", 4)
    math = ('<script>window.MathJax={tex:{inlineMath:[["\\\\(","\\\\)"]]}};</script>'
            '<script id="MathJax-script" async src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>'
            if story.flag("mathjax") else "")
    return f"""{head(story, BASE_CSS + ".wp-site-blocks{{padding:0}}.is-layout-constrained>*{{max-width:650px;margin:0 auto}}", math)}
<body class="post-template-default single single-post postid-{post} single-format-standard wp-embed-responsive">
<div class="wp-site-blocks">
<header class="wp-block-template-part"><div class="wp-block-group alignwide is-layout-flex">
<p class="wp-block-site-title"><a href="/" rel="home">{story["site"]}</a></p>
<nav class="is-responsive items-justified-right wp-block-navigation" aria-label="Main"><ul class="wp-block-navigation__container">{menu_items(story, "wp-block-navigation-item", "wp-block-navigation-item__content")}</ul></nav>
</div></header>
<main class="wp-block-group is-layout-constrained">
<div class="wp-block-group is-layout-constrained">
<div class="taxonomy-category wp-block-post-terms"><a href="/category/{slug(story["section"])}/" rel="tag">{story["section"]}</a></div>
<h1 class="wp-block-post-title">{story.headline}</h1>
<div class="wp-block-group is-layout-flex"><div class="wp-block-post-author-name">{story["author"]}</div><div class="wp-block-post-date"><time datetime="{story["date"]}">{date_text(story)}</time></div></div>
</div>
<figure class="wp-block-post-featured-image"><img src="/wp-content/uploads/{slug(story.headline)}.jpg" alt=""></figure>
<div class="entry-content wp-block-post-content is-layout-constrained">
{render(story, story.blocks, GUTENBERG)}
</div>
<div class="wp-block-group">{share_bar(story, "wp-block-social-links")}</div>
<div class="taxonomy-post_tag wp-block-post-terms">{tags(story, "post-tags")}</div>
<div class="wp-block-group newsletter">{newsletter_box(story, "wp-block-jetpack-subscriptions")}</div>
<nav class="wp-block-group" aria-label="Post navigation"><div class="wp-block-post-navigation-link post-navigation-link-previous"><a href="/prev/">{t(lang, "prev")}</a></div></nav>
<div class="wp-block-comments">{comments(story, "wp-block-comments-list")}</div>
<div class="wp-block-group"><h2 class="wp-block-heading">{t(lang, "related")}</h2>{related(story, "wp-block-query")}</div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group"><ul class="wp-block-page-list">{footer_links(story)}</ul><p class="has-small-font-size">{copyright_line(story)}</p></div></footer>
</div>
{cookie_banner(story, "cookieadmin_banner")}
{analytics(story)}
</body>
</html>
"""


# --- Drupal 10 (Olivero-like) -------------------------------------------------------------------

DRUPAL = Markup(
    fig=('<figure role="group" class="caption caption-img"><img loading="lazy" src="{src}" alt="{alt}" width="960">'
         '<figcaption>{caption} {credit}</figcaption></figure>'),
    ad="block block-dfp ad-block",
    q='<p><strong>{text}</strong></p>',
)


def _drupal_views_block(story: Story, title: str, items: list[str]) -> str:
    rows = "".join(f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
                   f'<a href="/node/{int(hashed(story, i, 4), 16)}">{i}</a></span></div></div>' for i in items)
    return (f'<div class="views-element-container block block-views"><h2 class="block__title">{title}</h2>'
            f'<div class="view view-content"><div class="view-content">{rows}</div></div></div>')


def drupal(story: Story) -> str:
    lang = story["lang"]
    node = int(hashed(story, "node", 4), 16)
    lede = (f'<div class="clearfix text-formatted field field--name-field-lead field--type-text-long field--label-hidden '
            f'field__item"><p>{story.standfirst}</p></div>') if story.standfirst else ""
    return f"""{head(story, BASE_CSS + ".layout-container{{max-width:1200px;margin:0 auto}}.region-content{{padding:2rem}}")}
<body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">{t(lang, "skip")}</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner" class="site-header">
<div class="region region-header"><div id="block-sitebranding" class="block block-system block-system-branding-block">
<a href="/" rel="home" class="site-logo"><img src="/themes/custom/city/logo.svg" alt="{t(lang, "home")}"></a>
<div class="site-name"><a href="/" rel="home">{story["site"]}</a></div></div></div>
<div class="region region-primary-menu"><nav role="navigation" aria-labelledby="block-mainnavigation-menu" id="block-mainnavigation" class="block block-menu navigation menu--main">
<h2 class="visually-hidden" id="block-mainnavigation-menu">Main navigation</h2><ul class="menu">{menu_items(story, "menu-item")}</ul></nav></div>
</header>
<div class="region region-breadcrumb"><div id="block-breadcrumbs" class="block block-system block-system-breadcrumb-block">{breadcrumbs(story, "breadcrumb")}</div></div>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="layout-content">
<div class="region region-content">
<div id="block-pagetitle" class="block block-core block-page-title-block"><h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">{story.headline}</span></h1></div>
<div id="block-mainpagecontent" class="block block-system block-system-main-block">
<article role="article" about="/node/{node}" class="node node--type-article node--promoted node--view-mode-full">
<footer class="node__meta"><div class="node__submitted">{t(lang, "by")} <span class="field field--name-uid"><a href="/user/{node % 97}">{story["author"]}</a></span>, <span class="field field--name-created">{date_text(story)}</span></div></footer>
<div class="node__content">
{lede}
<div class="field field--name-field-image field--type-image field--label-hidden field__item"><img loading="lazy" src="/sites/default/files/styles/wide/public/{slug(story.headline)}.jpg" width="1200" height="675" alt=""></div>
<div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{render(story, story.blocks, DRUPAL)}
</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">{t(lang, "tags")}</div><div class="field__items"><div class="field__item"><a href="/taxonomy/term/12">{story["section"]}</a></div></div></div>
{share_bar(story, "social-media-sharing")}
<section class="field field--name-comment field--type-comment field--label-above comment-wrapper">{comments(story, "comment-list")}</section>
</div>
</article>
</div>
</div></div>
<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">
{_drupal_views_block(story, t(lang, "most_read"), pick(story, "headlines", 5, "most"))}
<div id="block-newsletter" class="block block-simplenews">{newsletter_box(story, "simplenews-subscriber-form")}</div>
<div id="block-support" class="block block-block-content">{donation_box(story, "support-block")}</div>
</div></aside>
</main>
<footer role="contentinfo" class="site-footer"><div class="region region-footer"><nav class="block block-menu menu--footer"><ul class="menu">{footer_links(story, "menu-item")}</ul></nav><div class="copyright">{copyright_line(story)}</div></div></footer>
</div></div>
{cookie_banner(story, "eu-cookie-compliance-banner")}
{analytics(story)}
<script src="/core/misc/drupal.js"></script>
</body>
</html>
"""


# --- Ghost (Casper) -----------------------------------------------------------------------------

GHOST = Markup(
    fig=('<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" class="kg-image" alt="{alt}" '
         'loading="lazy" width="2000" height="1333"><figcaption><span style="white-space: pre-wrap;">{caption} {credit}'
         '</span></figcaption></figure>'),
    pull='<blockquote class="kg-blockquote-alt">{text}</blockquote>',
    related=("kg-card kg-bookmark-card"),
)


def ghost(story: Story) -> str:
    lang = story["lang"]
    excerpt = f'<p class="article-excerpt">{story.standfirst}</p>' if story.standfirst else ""
    cards = "".join(
        f'<article class="post-card post tag-{slug(story["section"])}"><a class="post-card-image-link" href="/{slug(h)}/">'
        f'<img class="post-card-image" src="/content/images/{slug(h)}.jpg" alt="" loading="lazy"></a>'
        f'<div class="post-card-content"><a class="post-card-content-link" href="/{slug(h)}/"><header class="post-card-header">'
        f'<h2 class="post-card-title">{h}</h2></header><div class="post-card-excerpt">{s}</div></a></div></article>'
        for h, s in zip(pick(story, "headlines", 3, "g"), pick(story, "teasers", 3, "g"), strict=False))
    return f"""{head(story, BASE_CSS + ".gh-canvas{{display:grid;grid-template-columns:[full-start] minmax(4vmin,auto) [wide-start] minmax(auto,240px) [main-start] min(720px,calc(100% - 8vmin)) [main-end] minmax(auto,240px) [wide-end] minmax(4vmin,auto) [full-end]}}")}
<body class="post-template tag-{slug(story["section"])} is-head-left-logo has-cover">
<div class="viewport">
<header id="gh-head" class="gh-head outer is-header-hidden"><div class="gh-head-inner inner">
<div class="gh-head-brand"><a class="gh-head-logo no-image" href="/">{story["site"]}</a><button class="gh-search gh-icon-btn" aria-label="{t(lang, "search")}" data-ghost-search></button></div>
<nav class="gh-head-menu"><ul class="nav">{menu_items(story, "nav-item")}</ul></nav>
<div class="gh-head-actions"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">{t(lang, "login")}</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">{t(lang, "subscribe")}</a></div>
</div></header>
<div class="site-content">
<main id="site-main" class="site-main">
<article class="article post tag-{slug(story["section"])} image-small">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/{slug(story["section"])}/">{story["section"]}</a></span></div>
<h1 class="article-title">{story.headline}</h1>
{excerpt}
<div class="article-byline"><section class="article-byline-content"><ul class="author-list"><li class="author-list-item"><a href="/author/{slug(story["author"])}/" class="author-avatar author-profile-image"><img src="/content/images/avatar.jpg" alt="{story["author"]}"></a></li></ul>
<div class="article-byline-meta"><h4 class="author-name"><a href="/author/{slug(story["author"])}/">{story["author"]}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="{story["date"][:10]}">{date_text(story)}</time><span class="byline-reading-time"><span class="bull">•</span> {t(lang, "read_time").format(5)}</span></div></div></section></div>
<figure class="article-image"><img src="/content/images/{slug(story.headline)}.jpg" alt="{story.headline}"></figure>
</header>
<section class="gh-content gh-canvas">
{render(story, story.blocks, GHOST)}
</section>
</article>
<footer class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">{t(lang, "newsletter_h")}</h2><a class="footer-cta-button" href="#/portal" data-portal><div class="footer-cta-input">{t(lang, "email")}</div><span>{t(lang, "subscribe")}</span></a></div></footer>
</main>
<aside class="read-more-wrap outer"><div class="read-more inner">{cards}</div></aside>
</div>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">{story["site"]}</a> © {story["date"][:4]}</section><nav class="site-footer-nav"><ul class="nav">{footer_links(story)}</ul></nav><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>
</div>
<script src="/assets/built/casper.js"></script>
<script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/umd/portal.min.js" data-ghost="/"></script>
</body>
</html>
"""


# --- Arc XP-like (Fusion) -----------------------------------------------------------------------

ARC = Markup(
    p='<p class="c-paragraph">{text}</p>',
    h2='<h2 class="c-heading">{text}</h2>',
    ul='<ul class="c-list">{text}</ul>',
    fig=('<figure class="c-media-item"><div class="c-image-wrapper"><img class="c-image" src="{src}" alt="{alt}">'
         '</div><figcaption class="c-media-item__caption"><span class="c-media-item__fig-caption">{caption}</span> '
         '<span class="c-media-item__credit">{credit}</span></figcaption></figure>'),
    ad="b-ad-block arcad",
    pull='<blockquote class="c-blockquote c-blockquote--pull"><p>{text}</p></blockquote>',
)


def _arc_shell(story: Story, top: str, main: str) -> str:
    lang = story["lang"]
    return f"""{head(story, BASE_CSS + ".b-article-body{{font-size:1.125rem}}.b-headline{{font-size:2.5rem}}")}
<body>
<div id="fusion-app" class="fusion-app">
<div class="b-right-rail-advanced">
<header class="page-header"><div class="b-header-nav-chain"><nav id="main-nav" class="b-header-nav-chain__nav" aria-label="Sections">
<a class="b-header-nav-chain__logo" href="/"><img src="/pf/resources/logo.svg" alt="{story["site"]}"></a>
<ul class="b-header-nav-chain__sections">{menu_items(story, "section-item")}</ul>
<div class="b-header-nav-chain__right"><a class="c-button c-button--primary" href="/abo/">{t(lang, "subscribe")}</a><a class="c-button" href="/login/">{t(lang, "login")}</a></div></nav></div></header>
<section role="main" id="main" class="main" tabindex="-1">
<div class="b-right-rail-advanced__top">{top}</div>
<div class="b-right-rail-advanced__main">
<div class="b-right-rail-advanced__main-interior-item">{main}</div>
<aside class="b-right-rail-advanced__rail">
<div class="b-ad-block arcad" id="arcad_right1">{t(lang, "ad")}</div>
{most_read(story, "b-most-read", "h2")}
{newsletter_box(story, "b-newsletter-signup")}
</aside>
</div>
</section>
<footer class="b-footer"><div class="b-footer__links"><ul>{footer_links(story)}</ul></div><p class="b-footer__copyright">{copyright_line(story)}</p></footer>
</div>
</div>
{cookie_banner(story, "onetrust-banner-sdk")}
<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{{}};Fusion.arcSite="{slug(story["site"])}";Fusion.contextPath="/pf";Fusion.deployment="1042";</script>
<script id="fusion-engine-script" src="/pf/dist/engine/react.js?d=1042" defer></script>
{analytics(story)}
</body>
</html>
"""


def arc(story: Story) -> str:
    lang = story["lang"]
    sub = f'<h2 class="b-subheadline">{story.standfirst}</h2>' if story.standfirst else ""
    top = f"""<div class="b-overline"><a class="c-link" href="/{slug(story["section"])}/">{story["section"]}</a></div>
<h1 class="b-headline">{story.headline}</h1>
{sub}
<section class="b-byline"><p class="c-attribution">{t(lang, "by")} <a href="/autoren/{slug(story["author"])}/">{story["author"]}</a></p><time class="b-date" datetime="{story["date"]}">{date_text(story)}</time></section>
<figure class="b-lead-art"><img class="c-image" src="/resizer/{hashed(story, "lead", 20)}.jpg" alt=""></figure>"""
    main = f"""{share_bar(story, "b-share-bar")}
<article class="b-article-body">
{render(story, story.blocks, ARC)}
</article>
{tags(story, "b-tag-list")}
{donation_box(story, "b-subscription-offer")}
{related(story, "b-results-list", 3, "h2")}"""
    return _arc_shell(story, top, main)


def arc_live(story: Story) -> str:
    """A live page: a summary under the headline, then one <article> per post, newest first."""
    lang = story["lang"]
    posts = "\n".join(
        f'<article class="b-live-post" id="post-{slug(a.headline)}" data-post-id="{hashed(story, a.headline, 12)}">'
        f'<header class="b-live-post__header"><time class="b-live-post__time" datetime="{story["date"][:11]}{a.time}:00Z">'
        f'{a.time}</time><h2 class="b-live-post__headline">{a.headline}</h2></header>'
        f'<div class="b-live-post__body">{render(story, a.blocks, ARC)}</div>'
        f'<div class="b-live-post__share"><button class="c-button c-button--share" data-post-url="{story["url"]}#post-'
        f'{slug(a.headline)}">{t(lang, "share")}</button></div></article>'
        for a in story.extras)
    events = "".join(f'<li><a href="#post-{slug(a.headline)}"><time>{a.time}</time> {a.headline}</a></li>'
                     for a in story.extras[:5])
    top = f"""<div class="b-overline"><span class="c-live-badge">{t(lang, "live")}</span> <a class="c-link" href="/{slug(story["section"])}/">{story["section"]}</a></div>
<h1 class="b-headline">{story.headline}</h1>
<section class="b-byline"><p class="c-attribution">{t(lang, "by")} {story["author"]}</p><time class="b-date" datetime="{story["date"]}">{t(lang, "updated")} {date_text(story)}</time></section>"""
    main = f"""<div class="b-live-summary"><div class="b-live-summary__body">{render(story, story.blocks, ARC)}</div></div>
<nav class="b-key-events" aria-label="{t(lang, "key_events")}"><h2>{t(lang, "key_events")}</h2><ol>{events}</ol></nav>
<div class="b-live-posts" aria-live="polite">
{posts}
</div>
<button class="c-button b-live-posts__more">{t(lang, "more")}</button>
{related(story, "b-results-list", 3, "h2")}"""
    return _arc_shell(story, top, main)


# --- Newspaper theme by tagDiv (tdb templates) --------------------------------------------------

TAGDIV = Markup(
    fig=('<figure class="wp-caption aligncenter"><img class="size-full" src="{src}" alt="{alt}">'
         '<figcaption class="wp-caption-text">{caption} {credit}</figcaption></figure>'),
    ad="td-a-rec td-a-rec-id-content_inline",
)


def tagdiv(story: Story) -> str:
    lang = story["lang"]
    post = hashed(story, "post", 5)
    sub = f'<p class="td-post-sub-title">{story.standfirst}</p>' if story.standfirst else ""
    return f"""{head(story, BASE_CSS + ".td-container{{width:1068px;margin:0 auto}}.tdi_52{{margin-bottom:20px}}")}
<body class="post-template-default single single-post postid-{post} td-standard-pack global-block-template-1 tdb-template td-full-layout">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-template-wrap"><div class="td-header-desktop-wrap"><div class="tdc-zone"><div class="tdc_zone tdi_2 wpb_row td-pb-row">
<div class="tdb-header-align"><div class="tdb_header_logo"><a class="tdb-logo-a" href="/"><span class="tdb-logo-text-title">{story["site"]}</span></a></div>
<div class="tdb_header_menu"><div id="tdi_7" class="td_block_inner td-fix-index"><ul id="menu-principal" class="tdb-block-menu tdb-menu">{menu_items(story, "menu-item tdb-menu-item-button")}</ul></div></div></div>
</div></div></div></div>
<div class="td-main-content-wrap td-container-wrap"><div class="tdc-zone"><div class="tdc_zone tdi_45 wpb_row td-pb-row">
<div class="vc_row tdi_47 wpb_row td-pb-row"><div class="vc_column tdi_49 wpb_column vc_column_container tdc-column td-pb-span12"><div class="wpb_wrapper">
<div class="td_block_wrap tdb_breadcrumbs tdi_50 td-pb-border-top td_block_template_1 tdb-breadcrumbs"><div class="tdb-block-inner td-fix-index"><span><a title="" class="tdb-entry-crumb" href="/">{t(lang, "home")}</a></span> <i class="tdb-bread-sep td-icon-right"></i> <span><a class="tdb-entry-crumb" href="/{slug(story["section"])}/">{story["section"]}</a></span></div></div>
<div class="td_block_wrap tdb_title tdi_52 tdb-single-title td-pb-border-top td_block_template_1"><div class="tdb-block-inner td-fix-index"><h1 class="tdb-title-text">{story.headline}</h1>{sub}</div></div>
<div class="td_block_wrap tdb_single_author tdi_53"><div class="tdb-block-inner td-fix-index"><div class="tdb-author-name-wrap"><span class="tdb-author-by">{t(lang, "by")}</span> <a class="tdb-author-name" href="/author/{slug(story["author"])}/">{story["author"]}</a></div></div></div>
<div class="td_block_wrap tdb_single_date tdi_54"><div class="tdb-block-inner td-fix-index"><time class="entry-date updated td-module-date" datetime="{story["date"]}">{date_text(story)}</time></div></div>
</div></div></div>
<div class="vc_row tdi_60 wpb_row td-pb-row"><div class="vc_column tdi_62 wpb_column vc_column_container tdc-column td-pb-span8"><div class="wpb_wrapper">
<div class="td_block_wrap tdb_single_featured_image tdi_63"><div class="tdb-block-inner td-fix-index"><img class="entry-thumb" src="/wp-content/uploads/{slug(story.headline)}.jpg" alt=""></div></div>
<div class="td_block_wrap tdb_single_content tdi_64 td-pb-border-top td_block_template_1 td-post-content tagdiv-type"><div class="tdb-block-inner td-fix-index">
{render(story, story.blocks, TAGDIV)}
</div></div>
<div class="td_block_wrap tdb_single_post_share tdi_66"><div class="tdb-block-inner td-fix-index">{share_bar(story, "td-post-sharing")}</div></div>
<div class="td_block_wrap tdb_single_tags tdi_67"><div class="tdb-block-inner td-fix-index">{tags(story, "tdb-tags")}</div></div>
<div class="td_block_wrap tdb_single_related tdi_68 td_with_ajax_pagination td-pb-border-top td_block_template_1 tdb-single-related-posts"><div class="td-block-title-wrap"><h4 class="td-block-title"><span>{t(lang, "related")}</span></h4></div>{related(story, "td_block_inner tdb-block-inner td-fix-index")}</div>
<div class="td_block_wrap tdb_single_comments tdi_69"><div class="tdb-block-inner td-fix-index">{comments(story, "comments")}</div></div>
</div></div>
<div class="vc_column tdi_71 wpb_column vc_column_container tdc-column td-pb-span4 td-is-sticky"><div class="wpb_wrapper">
<div class="td_block_wrap td_block_popular_categories tdi_72">{most_read(story, "td_block_inner td-mc1-wrap", "h4")}</div>
<div class="td_block_wrap tdm_block_newsletter tdi_73">{newsletter_box(story, "tdn-newsletter")}</div>
<div class="td-a-rec td-a-rec-id-sidebar">{t(lang, "ad")}</div>
</div></div></div>
</div></div></div>
<div class="td-footer-template-wrap"><div class="tdc-zone"><div class="tdc_zone tdi_90 wpb_row td-pb-row"><ul class="tdb-footer-menu">{footer_links(story, "menu-item")}</ul><div class="tdb_footer_copy">{copyright_line(story)}</div></div></div></div>
</div>
{cookie_banner(story, "cmplz-cookiebanner")}
{analytics(story)}
<script src="/wp-content/plugins/td-composer/legacy/Newspaper/js/tagdiv_theme.min.js"></script>
</body>
</html>
"""


# --- 1C-Bitrix (Russian regional news site) -----------------------------------------------------

BITRIX = Markup(
    fig=('<div class="detail-picture"><img src="{src}" alt="{alt}"><div class="detail-picture__caption">{caption} '
         '<span class="detail-picture__author">{credit}</span></div></div>'),
    ad="banner-inline",
)


def bitrix(story: Story) -> str:
    lang = story["lang"]
    item = int(hashed(story, "item", 5), 16)
    lead = ""
    if story.standfirst:
        lead = (f'<div class="news-detail__lead">{story.standfirst}</div>' if story.get("lead") == "inside"
                else "")
    header_lead = (f'<div class="article__announce"><p>{story.standfirst}</p></div>'
                   if story.standfirst and story.get("lead") != "inside" else "")
    return f"""{head(story, BASE_CSS + ".news-detail{{font-size:17px}}.main-menu li{{display:inline-block}}")}
<body>
<div id="panel"></div>
<div class="wrapper">
<header class="header"><div class="header__top"><div class="container"><span class="header__weather">+4 °C</span><span class="header__currency">USD 92,41 EUR 99,87</span><a class="header__login" href="/auth/">{t(lang, "login")}</a></div></div>
<div class="header__main"><div class="container"><a class="logo" href="/"><img src="/local/templates/main/images/logo.svg" alt="{story["site"]}"></a>
<ul class="main-menu">{menu_items(story, "main-menu__item")}</ul><form class="header__search" action="/search/"><input name="q" placeholder="{t(lang, "search")}"></form></div></div></header>
<div class="container">
<div class="bx-breadcrumb" itemscope itemtype="http://schema.org/BreadcrumbList"><div class="bx-breadcrumb-item"><a href="/" itemprop="item"><span itemprop="name">{t(lang, "home")}</span></a></div><div class="bx-breadcrumb-item"><a href="/news/" itemprop="item"><span itemprop="name">{story["section"]}</span></a></div></div>
<div class="page-columns"><div class="page-columns__main">
<div class="article__header">
<h1 class="article__title">{story.headline}</h1>
<div class="article__info"><span class="news-date-time">{date_text(story)}</span> <span class="article__views">1 482</span></div>
{header_lead}
</div>
<div class="news-detail" id="bx_{item}">
{lead}
<div class="detail_text">
{render(story, story.blocks, BITRIX)}
</div>
<div class="news-detail__author">{t(lang, "by")} {story["author"]}</div>
<div class="news-detail__share"><div class="ya-share2" data-curtain data-services="vkontakte,odnoklassniki,telegram,whatsapp"></div>{share_bar(story, "share-block")}</div>
</div>
<div class="news-detail__donate">{donation_box(story, "donate-inline")}</div>
<div class="news-list news-list--related"><div class="news-list__title">{t(lang, "related")}</div>{related(story, "news-item", 3, "div")}</div>
</div>
<div class="page-columns__side">{most_read(story, "popular-news", "div")}<div class="banner-side">{t(lang, "ad")}</div>{newsletter_box(story, "subscribe-form")}</div>
</div></div>
<footer class="footer"><div class="container"><ul class="footer__menu">{footer_links(story)}</ul><div class="footer__copy">{copyright_line(story)} 18+</div></div></footer>
</div>
{cookie_banner(story, "cookie-warning")}
<script>(function(m,e,t,r,i,k,a){{m[i]=m[i]||function(){{(m[i].a=m[i].a||[]).push(arguments)}};}})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym({item},"init",{{webvisor:true}});</script>
</body>
</html>
"""


# --- Next.js / React with hashed class names ----------------------------------------------------

def nextjs(story: Story) -> str:
    """Emotion-style hashed classes; every paragraph in its own text-block component."""
    lang = story["lang"]
    c = lambda salt: f"css-{hashed(story, salt, 7)} e{hashed(story, salt + 'e', 6)}0"  # noqa: E731
    m = Markup(
        p=f'<div data-component="text-block" class="{c("tb")}"><p class="{c("p")}">{{text}}</p></div>',
        h2=f'<div data-component="subheadline-block" class="{c("sh")}"><h2 class="{c("h2")}">{{text}}</h2></div>',
        ul=f'<div data-component="unordered-list-block" class="{c("ulb")}"><ul class="{c("ul")}">{{text}}</ul></div>',
        li=f'<li class="{c("li")}">{{text}}</li>',
        fig=(f'<figure data-component="image-block" class="{c("fig")}"><div class="{c("imgw")}"><img src="{{src}}" '
             f'alt="{{alt}}" loading="lazy" class="{c("img")}"></div><figcaption class="{c("cap")}">{{caption}} '
             f'<span class="{c("cr")}">{{credit}}</span></figcaption></figure>'),
        ad=f"{c('ad')} dotcom-ad",
        related=f"{c('rel')} inline-link-block",
    )
    sub = (f'<p class="{c("sf")}" data-testid="standfirst"><b>{story.standfirst}</b></p>' if story.standfirst else "")
    data = {"props": {"pageProps": {"page": {"id": hashed(story, "id", 12), "section": story["section"]}}},
            "page": "/news/[id]", "buildId": hashed(story, "build", 21)}
    return f"""{head(story, f".{c('p').split()[0]}{{margin:0 0 1rem;font-size:1.125rem}}.{c('tb').split()[0]}{{max-width:640px}}")}
<body>
<div id="__next">
<header class="{c("hdr")}" data-testid="header"><div class="{c("hdrin")}"><a href="/" class="{c("logo")}" aria-label="{story["site"]}"><svg width="84" height="24"></svg></a>
<nav class="{c("nav")}" aria-label="Sections"><ul class="{c("navul")}">{menu_items(story, c("navli"), c("nava"))}</ul></nav>
<a href="/account/signin" class="{c("signin")}">{t(lang, "login")}</a></div></header>
<main id="main-content" class="{c("main")}">
<article class="{c("art")}">
<header class="{c("arthdr")}"><span class="{c("kick")}">{story["section"]}</span><h1 id="main-heading" class="{c("h1")}" data-testid="headline">{story.headline}</h1></header>
<div class="{c("meta")}"><time datetime="{story["date"]}" class="{c("time")}">{date_text(story)}</time><div class="{c("author")}" data-testid="byline"><span>{story["author"]}</span></div></div>
<figure class="{c("lead")}"><img src="/images/{slug(story.headline)}.webp" alt="" class="{c("leadimg")}"></figure>
{sub}
{render(story, story.blocks, m)}
<div data-component="links-block" class="{c("links")}">{related(story, c("relst"), 3, "h2")}</div>
</article>
<div class="{c("share")}">{share_bar(story, c("sb"))}</div>
<section class="{c("mr")}" data-testid="most-read">{most_read(story, c("mrl"), "h2")}</section>
</main>
<footer class="{c("ftr")}" data-testid="footer"><ul class="{c("ftrul")}">{footer_links(story, c("ftrli"))}</ul><small class="{c("copy")}">{copyright_line(story)}</small></footer>
</div>
<div id="consent-root">{cookie_banner(story, "fc-consent-root")}</div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>
<script src="/_next/static/chunks/webpack-{hashed(story, "wp", 16)}.js" defer></script>
<script src="/_next/static/chunks/pages/_app-{hashed(story, "app", 16)}.js" defer></script>
{analytics(story)}
</body>
</html>
"""


# --- Medium-like post ---------------------------------------------------------------------------

def medium(story: Story) -> str:
    lang = story["lang"]
    letters = "abcdefghijklmnopqrstuvwxyz"
    cls = lambda salt, n=12: " ".join(  # noqa: E731 - Medium's atomic two-letter classes
        letters[int(hashed(story, f"{salt}{i}", 2), 16) % 26] + letters[int(hashed(story, f"{salt}x{i}", 2), 16) % 26]
        for i in range(n))
    pid = lambda text: hashed(story, text, 4)  # noqa: E731
    m = Markup(
        p=f'<p id="{{key}}" class="pw-post-body-paragraph {cls("p")}" data-selectable-paragraph="">{{text}}</p>',
        h2=f'<h2 id="{{key}}" class="{cls("h2", 8)}" data-selectable-paragraph="">{{text}}</h2>',
        ul="<ul>{text}</ul>",
        li=f'<li class="{cls("li", 10)}" data-selectable-paragraph="">{{text}}</li>',
        fig=(f'<figure class="{cls("fig", 6)}"><div role="button" tabindex="0" class="{cls("figb", 5)}"><picture>'
             f'<img alt="" class="bh {cls("img", 4)}" src="{{src}}" loading="lazy"></picture></div>'
             f'<figcaption class="{cls("cap", 7)}" data-selectable-paragraph="">{{caption}} {{credit}}</figcaption></figure>'),
        pull=f'<blockquote class="{cls("bq", 5)}"><p class="{cls("bqp", 8)}" data-selectable-paragraph="">{{text}}</p></blockquote>',
    )
    body = render(story, story.blocks, m)
    return f"""{head(story, ".pw-post-body-paragraph{{font-family:source-serif-pro,Georgia,serif;font-size:20px;line-height:32px}}")}
<body>
<div id="root"><div class="a b c"><div class="{cls("top", 3)}">
<div class="{cls("bar", 4)}"><nav class="{cls("navb", 5)}"><a aria-label="Homepage" href="/"><svg viewBox="0 0 1043.63 592.71" class="{cls("svg", 2)}"></svg></a>
<div class="{cls("srch", 3)}"><input role="combobox" placeholder="{t(lang, "search")}" class="{cls("in", 3)}"></div>
<a class="{cls("w", 3)}" href="/new-story">Write</a><a href="/m/signin" class="{cls("si", 3)}">{t(lang, "login")}</a></nav></div>
<article><div class="l"><div class="ab ca"><div class="ch bg fx fy fz ga">
<div class="speechify-ignore ab co"><div class="{cls("pub", 4)}"><a href="/{slug(story["site"])}">{story["site"]}</a></div></div>
<h1 id="{pid("h1")}" class="pw-post-title {cls("h1", 10)}" data-testid="storyTitle" data-selectable-paragraph="">{story.headline}</h1>
{f'<h2 id="{pid("sub")}" class="pw-subtitle-paragraph {cls("sub", 10)}" data-selectable-paragraph="">{story.standfirst}</h2>' if story.standfirst else ""}
<div class="speechify-ignore ab co"><div class="{cls("auth", 5)}"><a data-testid="authorName" href="/@{slug(story["author"])}">{story["author"]}</a> <span>·</span> <button class="{cls("follow", 3)}">Follow</button></div>
<div class="{cls("rt", 4)}"><span data-testid="storyReadTime">{t(lang, "read_time").format(6)}</span> · <span data-testid="storyPublishDate">{date_text(story)}</span></div>
<div class="{cls("clap", 4)}"><div class="pw-multi-vote-count"><p>1.2K</p></div><button aria-label="responses">38</button></div></div>
{body}
</div></div></div></article>
<div class="{cls("tags", 4)}">{tags(story, "tag-list")}</div>
<div class="{cls("more", 4)}"><h2 class="{cls("moreh", 5)}">More from {story["author"]}</h2>{related(story, cls("rel", 3), 3, "div")}</div>
<div class="{cls("resp", 4)}"><h2>Responses (38)</h2>{comments(story, "responses", 2)}</div>
<footer class="{cls("ftr", 3)}"><a href="/help">Help</a> <a href="/about">About</a> <a href="/careers">Careers</a> <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</div></div></div>
<script>window.__APOLLO_STATE__ = {{"ROOT_QUERY":{{"__typename":"Query"}},"Post:{hashed(story, "post", 12)}":{{"id":"{hashed(story, "post", 12)}","title":"{story.headline.replace('"', "")}"}}}}</script>
<script src="https://cdn-client.medium.com/lite/static/js/main.{hashed(story, "main", 8)}.js" async></script>
</body>
</html>
"""


# --- WordPress + SiteOrigin Page Builder --------------------------------------------------------

def siteorigin(story: Story) -> str:
    """Each run of text is a SiteOrigin editor widget; pictures are image widgets between them."""
    lang = story["lang"]
    post = int(hashed(story, "post", 4), 16)
    widgets = []
    for i, part in enumerate(story.parts()):
        widgets.append(
            f'<div id="panel-{post}-0-0-{i}" class="so-panel widget widget_sow-editor{" panel-first-child" if not i else ""}" '
            f'data-index="{i}"><div class="so-widget-sow-editor so-widget-sow-editor-base">\n'
            f'<div class="siteorigin-widget-tinymce textwidget">\n{render(story, part, WP_CLASSIC)}\n</div>\n</div></div>')
    return f"""{head(story, BASE_CSS + ".panel-grid-cell{{padding:0 15px}}.so-panel{{margin-bottom:30px}}")}
<body class="post-template-default single single-post postid-{post} siteorigin-panels siteorigin-panels-before-js">
<div id="page-wrapper">
<header id="masthead" class="site-header" role="banner"><div class="hgroup full-container"><a href="/" title="{story["site"]}" rel="home" class="logo"><img src="/wp-content/uploads/logo.png" alt="{story["site"]}"></a>
<div class="support-text">{story.get("tagline", "")}</div></div>
<nav role="navigation" class="site-navigation main-navigation primary use-sticky-menu"><div class="full-container"><ul id="menu-main-menu" class="menu">{menu_items(story)}</ul></div></nav></header>
<div id="main" class="site-main"><div class="full-container">
<div id="primary" class="content-area"><div id="content" class="site-content" role="main">
<article id="post-{post}" class="post-{post} post type-post status-publish format-standard hentry category-{slug(story["section"])}">
<div class="entry-main">
<header class="entry-header"><h1 class="entry-title">{story.headline}</h1><div class="entry-meta">{t(lang, "by")} {story["author"]} · {date_text(story)}</div></header>
<div class="entry-content">
<div id="pl-{post}" class="panel-layout"><div id="pg-{post}-0" class="panel-grid panel-no-style"><div id="pgc-{post}-0-0" class="panel-grid-cell">
{chr(10).join(widgets)}
</div></div></div>
</div>
{share_bar(story, "share-buttons")}
<div class="entry-categories">{tags(story)}</div>
</div></article>
<div id="single-comments-wrapper">{comments(story, "comments-area")}</div>
</div></div>
<div id="secondary" class="widget-area" role="complementary">
<aside id="text-3" class="widget widget_text">{donation_box(story, "donate-widget")}</aside>
<aside id="recent-posts-3" class="widget widget_recent_entries">{most_read(story, "recent", "h3")}</aside>
<aside id="mc4wp_form_widget-2" class="widget widget_mc4wp_form_widget">{newsletter_box(story, "mc4wp-form")}</aside>
</div>
</div></div>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="full-container"><ul>{footer_links(story)}</ul></div><div id="site-info"><span>{copyright_line(story)}</span></div></footer>
</div>
{cookie_banner(story, "moove_gdpr_cookie_info_bar")}
{analytics(story)}
</body>
</html>
"""


# --- React with styled-components ---------------------------------------------------------------

def styled(story: Story) -> str:
    """styled-components class names ("Headline-sc-1x2y3z-0 kDdRwT"); the story's paragraphs sit
    in the component that measures how far readers scroll."""
    lang = story["lang"]
    sc = lambda name: f"{name}-sc-{hashed(story, name, 6)}-0 {hashed(story, name + 'x', 6)}"  # noqa: E731
    m = Markup(
        p=f'<p class="{sc("Paragraph")}">{{text}}</p>',
        h2=f'<h2 class="{sc("Subhead")}">{{text}}</h2>',
        ul=f'<ul class="{sc("List")}">{{text}}</ul>',
        fig=(f'<figure class="{sc("Figure")}"><img src="{{src}}" alt="{{alt}}" class="{sc("Image")}"><figcaption '
             f'class="{sc("Caption")}">{{caption}} <span class="{sc("Credit")}">{{credit}}</span></figcaption></figure>'),
        ad=f"{sc('AdSlot__Container')} ad-container",
        pull=f'<aside class="{sc("PullQuote")}"><p>{{text}}</p></aside>',
    )
    dek = f'<p class="{sc("Dek")}">{story.standfirst}</p>' if story.standfirst else ""
    return f"""{head(story, f".{sc('Paragraph').split()[1]}{{font-size:18px;margin:0 0 24px}}.{sc('Headline').split()[1]}{{font-size:44px}}")}
<body>
<div id="root"><div class="{sc("Layout__Page")}">
<header class="{sc("Header__Wrapper")}"><a class="{sc("Header__Logo")}" href="/">{story["site"]}</a>
<nav class="{sc("Header__Nav")}"><ul>{menu_items(story, sc("Header__NavItem"))}</ul></nav>
<a class="{sc("Header__Subscribe")}" href="/subscribe">{t(lang, "subscribe")}</a></header>
<main class="{sc("Page__Main")}">
<div class="{sc("ArticleHeader__Wrapper")}"><a class="{sc("Kicker")}" href="/{slug(story["section"])}">{story["section"]}</a>
<h1 class="{sc("Headline")}">{story.headline}</h1>{dek}
<div class="{sc("Byline")}">{t(lang, "by")} <a href="/authors/{slug(story["author"])}">{story["author"]}</a> · <time datetime="{story["date"]}">{date_text(story)}</time></div></div>
<figure class="{sc("LeadImage")}"><img src="/img/{slug(story.headline)}.jpg" alt=""></figure>
<div class="{sc("Columns__Grid")}">
<div class="{sc("ScrollTracker__Wrapper")}" data-scroll-depth="article">
{render(story, story.blocks, m)}
</div>
<aside class="{sc("Rail")}">{most_read(story, sc("MostRead"), "h2")}<div class="{sc("AdSlot__Container")}">{t(lang, "ad")}</div></aside>
</div>
<div class="{sc("ShareRow")}">{share_bar(story, sc("Share"))}</div>
<div class="{sc("Promo__Newsletter")}">{newsletter_box(story, sc("Newsletter"))}</div>
<div class="{sc("Membership__Ask")}">{donation_box(story, sc("Ask"))}</div>
{related(story, sc("RelatedRiver"), 4, "h2")}
</main>
<footer class="{sc("Footer__Wrapper")}"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div></div>
{cookie_banner(story, "qc-cmp2-container")}
<script>window.__APOLLO_STATE__={{"Article:{hashed(story, "a", 10)}":{{"__typename":"Article","slug":"{slug(story.headline)}"}}}}</script>
<script src="/static/js/main.{hashed(story, "js", 8)}.chunk.js"></script>
{analytics(story)}
</body>
</html>
"""


# --- A news CMS that cuts its story into body parts around ads ----------------------------------

def bodyparts(story: Story) -> str:
    lang = story["lang"]
    parts = []
    for i, part in enumerate(story.parts()):
        parts.append(f'<div class="article-body-part" data-part="{i}"><div class="article-body-part__content">\n'
                     f'{render(story, [b for b in part if b.kind not in ("ad", "pull", "fig")], Markup())}\n</div></div>')
        parts += [render(story, [b], Markup(ad="ad-wrapper ad-wrapper--inarticle",
                                          pull='<aside class="pull-quote"><blockquote>{text}</blockquote></aside>',
                                          fig=('<figure class="article-image"><div class="article-image__frame">'
                                               '<img src="{src}" alt="{alt}"></div><figcaption class="article-image__caption">'
                                               '<p>{caption} <span class="article-image__credit">{credit}</span></p>'
                                               '</figcaption></figure>')), 10 * i)
                  for b in part if b.kind in ("ad", "pull", "fig")]
    sub = f'<p class="article-standfirst">{story.standfirst}</p>' if story.standfirst else ""
    return f"""{head(story, BASE_CSS + ".article-body-part{{margin:0 auto;max-width:660px}}.ad-wrapper{{min-height:250px}}")}
<body class="article-page">
<div class="site-wrapper">
{cookie_banner(story, "sp_message_container")}
<header class="site-header"><div class="site-header__inner"><a class="site-header__logo" href="/">{story["site"]}</a>
<nav class="site-nav"><ul class="site-nav__list">{menu_items(story, "site-nav__item")}</ul></nav>
<div class="site-header__actions"><a href="/subscribe" class="btn btn--subscribe">{t(lang, "subscribe")}</a><a href="/login" class="btn">{t(lang, "login")}</a></div></div></header>
<div class="ad-wrapper ad-wrapper--leaderboard"><div id="ad-top">{t(lang, "ad")}</div></div>
<main class="article-page__main">
<div class="article-container">
{breadcrumbs(story, "article-breadcrumbs")}
<div class="article-headline-block"><h1 class="article-headline">{story.headline}</h1>{sub}</div>
{byline(story, "article-byline")}
{share_bar(story, "article-share")}
<figure class="article-lead-image"><img src="/images/{slug(story.headline)}.jpg" alt=""></figure>
<div class="article-body" data-article-body="true">
{chr(10).join(parts)}
</div>
{tags(story, "article-tags")}
{newsletter_box(story, "inline-newsletter")}
{related(story, "article-related", 4, "h2")}
{comments(story, "article-comments", 4)}
</div>
<aside class="article-sidebar">{most_read(story, "sidebar-most-read", "h2")}<div class="ad-wrapper ad-wrapper--mpu">{t(lang, "ad")}</div></aside>
</main>
<footer class="site-footer"><ul class="site-footer__links">{footer_links(story)}</ul><p class="site-footer__copyright">{copyright_line(story)}</p></footer>
</div>
{analytics(story)}
</body>
</html>
"""


# --- A list story: intro, then the list, pictures with long captions ----------------------------

def listicle(story: Story) -> str:
    """Intro and outro paragraphs in their own fields; the list in between, as the CMS's list
    field renders it (items of text, no paragraphs); pictures captioned at length."""
    lang = story["lang"]
    blocks = story.blocks
    first_list = next(i for i, b in enumerate(blocks) if b.kind in ("ul", "ol"))
    last_list = max(i for i, b in enumerate(blocks) if b.kind in ("ul", "ol"))
    m = Markup(
        ol='<ol class="listicle__items">{text}</ol>',
        ul='<ul class="listicle__items">{text}</ul>',
        li='<li class="listicle__item">{text}</li>',
        fig=('<figure class="listicle__figure"><div class="listicle__image"><img src="{src}" alt="{alt}" loading="lazy">'
             '</div><figcaption class="listicle__caption"><p>{caption}</p><span class="listicle__credit">{credit}</span>'
             '</figcaption></figure>'),
        ad="ad-unit ad-unit--inline",
    )
    return f"""{head(story, BASE_CSS + ".listicle__item{{margin-bottom:1.5rem}}.listicle__item strong{{display:block;font-size:1.3rem}}")}
<body class="template-article template-article--list">
<div class="page">
<header class="masthead"><div class="masthead__top"><a class="masthead__logo" href="/">{story["site"]}</a><form class="masthead__search" action="/search"><input type="search" placeholder="{t(lang, "search")}"></form></div>
<nav class="masthead__nav"><ul>{menu_items(story, "masthead__nav-item")}</ul></nav></header>
<main class="page__main">
<div class="article">
{breadcrumbs(story, "article__breadcrumbs")}
<h1 class="article__headline">{story.headline}</h1>
{byline(story, "article__byline")}
{share_bar(story, "article__share")}
<div class="article__body">
<div class="article__intro">{render(story, blocks[:first_list], m)}</div>
<div class="article__list">{render(story, blocks[first_list:last_list + 1], m, first_list)}</div>
<div class="article__outro">{render(story, blocks[last_list + 1:], m, last_list + 1)}</div>
</div>
{tags(story, "article__tags")}
{donation_box(story, "article__support")}
{related(story, "article__more", 4, "h2")}
</div>
<aside class="page__rail">{most_read(story, "rail__most-read", "h2")}{newsletter_box(story, "rail__newsletter")}<div class="ad-unit ad-unit--rail">{t(lang, "ad")}</div></aside>
</main>
<footer class="page__footer"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
{cookie_banner(story, "cookie-consent")}
{analytics(story)}
</body>
</html>
"""


# --- Pages holding several whole articles -------------------------------------------------------

def _full_article(story: Story, a, cls: str, tag: str = "h2") -> str:
    return (f'<article class="{cls}"><header class="{cls}__header"><{tag} class="{cls}__headline"><a href="/{slug(a.headline)}/">'
            f'{a.headline}</a></{tag}><div class="{cls}__meta">{story["author"]} · {date_text(story)}</div></header>'
            f'<div class="{cls}__body">{render(story, a.blocks, DRUPAL)}</div>'
            f'<footer class="{cls}__footer">{share_bar(story, cls + "__share")}</footer></article>')


def dossier(story: Story) -> str:
    """A dossier page: its lead article under the <h1>, then the dossier's other articles in full."""
    lang = story["lang"]
    others = "\n".join(_full_article(story, a, "dossier-article") for a in story.extras)
    sub = f'<p class="node__lead">{story.standfirst}</p>' if story.standfirst else ""
    return f"""{head(story, BASE_CSS + ".dossier__intro{{background:#f4f1ea;padding:1rem}}.dossier-article{{border-top:4px solid #222;margin-top:3rem}}")}
<body class="page-dossier">
<div class="page-wrapper">
<header class="header" role="banner"><div class="header__brand"><a href="/">{story["site"]}</a></div>
<nav class="header__menu" role="navigation"><ul>{menu_items(story)}</ul></nav><a class="header__cta" href="/abonnement">{t(lang, "subscribe")}</a></header>
<main class="main" role="main">
<div class="dossier__banner"><span class="dossier__label">Dossier</span> <a href="/dossier/{slug(story.get("dossier", story["section"]))}/">{story.get("dossier", story["section"])}</a></div>
<article class="node node--article node--full">
<header class="node__header"><h1 class="node__title">{story.headline}</h1>{sub}{byline(story, "node__byline")}</header>
<figure class="node__image"><img src="/files/{slug(story.headline)}.jpg" alt=""></figure>
<div class="node__body">{render(story, story.blocks, DRUPAL)}</div>
<footer class="node__footer">{share_bar(story, "node__share")}{tags(story, "node__tags")}</footer>
</article>
{newsletter_box(story, "block-newsletter")}
<section class="dossier__more"><h2 class="dossier__more-title">{t(lang, "dossier")}</h2>
{others}
</section>
</main>
<aside class="sidebar">{most_read(story, "block-most-read", "h2")}{donation_box(story, "block-support")}</aside>
<footer class="footer" role="contentinfo"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
{cookie_banner(story, "didomi-host")}
{analytics(story)}
</body>
</html>
"""


def infinite(story: Story) -> str:
    """An article page that loads the next stories in full below it, as infinite-scroll themes do."""
    lang = story["lang"]
    nexts = "\n".join(
        f'<div class="infinite-post" data-url="/{slug(a.headline)}/"><div class="infinite-post__label">{t(lang, "up_next")}</div>'
        + _full_article(story, a, "post-full") + f'{ad_slot(story, 90 + i)}</div>'
        for i, a in enumerate(story.extras))
    sub = f'<p class="post-full__excerpt">{story.standfirst}</p>' if story.standfirst else ""
    return f"""{head(story, BASE_CSS + ".post-full{{max-width:720px;margin:0 auto}}.infinite-post{{border-top:1px solid #ccc}}")}
<body class="single single-post infinite-scroll">
<div id="page">
<header class="site-header"><div class="site-header__logo"><a href="/">{story["site"]}</a></div>
<nav class="site-header__nav"><ul>{menu_items(story)}</ul></nav><a class="site-header__login" href="/connexion">{t(lang, "login")}</a></header>
{breadcrumbs(story, "breadcrumb")}
<main id="content" class="site-main">
<article class="post-full post-full--main">
<header class="post-full__header"><span class="post-full__section">{story["section"]}</span><h1 class="post-full__title">{story.headline}</h1>{sub}{byline(story, "post-full__meta")}</header>
<figure class="post-full__image"><img src="/uploads/{slug(story.headline)}.jpg" alt=""></figure>
<div class="post-full__body">{render(story, story.blocks, DRUPAL)}</div>
<footer class="post-full__footer">{share_bar(story, "post-full__share")}{tags(story)}</footer>
</article>
{donation_box(story, "support-banner")}
<div id="infinite-container">
{nexts}
</div>
</main>
<aside class="site-sidebar">{most_read(story, "widget-most-read", "h3")}{newsletter_box(story, "widget-newsletter")}</aside>
<footer class="site-footer"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
{cookie_banner(story, "cookie-law-info-bar")}
{analytics(story)}
</body>
</html>
"""


# --- Quarto / pandoc blog post ------------------------------------------------------------------

def quarto(story: Story) -> str:
    """Pandoc wraps each heading and what follows it in a <section> whose id is the heading's slug."""
    lang = story["lang"]
    sections, current, toc = [], [], []
    head_block = None
    for b in [*story.blocks, None]:
        if b is None or b.kind == "h2":
            if head_block is not None:
                sid = slug(head_block.text)
                toc.append(f'<li><a href="#{sid}" id="toc-{sid}" class="nav-link" data-scroll-target="#{sid}">'
                           f'{head_block.text}</a></li>')
                sections.append(f'<section id="{sid}" class="level2">\n<h2 class="anchored" data-anchor-id="{sid}">'
                                f'{head_block.text}</h2>\n{render(story, current, Markup())}\n</section>')
            elif current:
                sections.append(render(story, current, Markup()))
            head_block, current = b, []
        else:
            current.append(b)
    return f"""{head(story, BASE_CSS + "#quarto-content{{display:grid}}.level2{{margin-top:2rem}}")}
<body class="nav-fixed fullcontent">
<div id="quarto-search-results"></div>
<header id="quarto-header" class="headroom fixed-top"><nav class="navbar navbar-expand-lg" data-bs-theme="dark"><div class="navbar-container container-fluid">
<div class="navbar-brand-container mx-auto"><a class="navbar-brand" href="/index.html"><span class="navbar-title">{story["site"]}</span></a></div>
<div class="collapse navbar-collapse" id="navbarCollapse"><ul class="navbar-nav navbar-nav-scroll ms-auto">
<li class="nav-item"><a class="nav-link" href="/about.html"><span class="menu-text">About</span></a></li>
<li class="nav-item"><a class="nav-link" href="/posts.html"><span class="menu-text">Posts</span></a></li>
<li class="nav-item compact"><a class="nav-link" href="/index.xml"><i class="bi bi-rss" role="img"></i></a></li></ul></div>
<div id="quarto-search" class="" title="{t(lang, "search")}"></div></div></nav></header>
<div id="quarto-content" class="quarto-container page-columns page-rows-contents page-layout-article page-navbar">
<div id="quarto-margin-sidebar" class="sidebar margin-sidebar"><nav id="TOC" role="doc-toc" class="toc-active"><h2 id="toc-title">On this page</h2><ul>{"".join(toc)}</ul></nav></div>
<main class="content quarto-banner-title-block" id="quarto-document-content">
<header id="title-block-header" class="quarto-title-block default page-columns page-full"><div class="quarto-title-banner page-columns page-full"><div class="quarto-title column-body">
<h1 class="title">{story.headline}</h1>
<div class="quarto-categories"><div class="quarto-category">{story["section"]}</div></div></div></div>
<div class="quarto-title-meta-author"><div class="quarto-title-meta-heading">Author</div><div class="quarto-title-meta-contents"><p class="author">{story["author"]}</p></div></div>
<div class="quarto-title-meta"><div><div class="quarto-title-meta-heading">Published</div><div class="quarto-title-meta-contents"><p class="date">{date_text(story)}</p></div></div></div>
</header>
{chr(10).join(sections)}
<div id="quarto-appendix" class="default"><section class="quarto-appendix-contents" id="quarto-reuse"><h2 class="anchored quarto-appendix-heading">Reuse</h2><div class="quarto-appendix-contents"><div><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></div></div></section></div>
</main>
</div>
<div class="giscus"><script src="https://giscus.app/client.js" data-repo="{slug(story["site"])}/blog" data-mapping="title" async></script></div>
<footer class="footer"><div class="nav-footer"><div class="nav-footer-left">{copyright_line(story)}</div><div class="nav-footer-right"><a href="/index.xml">RSS</a></div></div></footer>
<script id="quarto-html-after-body" type="application/javascript">window.document.addEventListener("DOMContentLoaded", function (event) {{ const toggleBodyColorMode = (bsSheetEl) => {{}}; }});</script>
</body>
</html>
"""


# --- Nuxt/Vue news site: scoped data-v attributes, tracked links inside sentences ---------------

def nuxt(story: Story) -> str:
    lang = story["lang"]
    v = f"data-v-{hashed(story, 'v', 8)}"
    w = f"data-v-{hashed(story, 'w', 8)}"
    m = Markup(
        p=f'<p {v}="" class="article-paragraph">{{text}}</p>',
        h2=f'<h2 {v}="" class="article-subheading">{{text}}</h2>',
        ul=f'<ul {v}="" class="article-list">{{text}}</ul>',
        li=f'<li {v}="">{{text}}</li>',
        fig=(f'<figure {w}="" class="media-figure"><img {w}="" src="{{src}}" alt="{{alt}}"><figcaption {w}="">'
             f'{{caption}} <span {w}="" class="media-figure__credit">{{credit}}</span></figcaption></figure>'),
        ad="ad-placeholder",
        related="article-inline-teaser",
    )
    return f"""{head(story, f".article-paragraph[{v}]{{font-size:1.1rem}}.article-body[{v}]{{max-width:42rem}}")}
<body>
<div id="__nuxt"><div id="__layout"><div {w}="" class="layout-default">
<header {w}="" class="app-header"><a {w}="" href="/" class="app-header__logo">{story["site"]}</a>
<nav {w}="" class="app-header__nav"><ul {w}="">{menu_items(story, "app-header__item")}</ul></nav>
<button {w}="" class="app-header__login">{t(lang, "login")}</button></header>
<main {w}="" class="page-article">
<article {v}="" class="article">
<header {v}="" class="article-header"><div {v}="" class="article-header__kicker">{story["section"]}</div><h1 {v}="" class="article-header__title">{story.headline}</h1>
{f'<p {v}="" class="article-header__intro">{story.standfirst}</p>' if story.standfirst else ""}
{byline(story, "article-header__byline")}</header>
{share_bar(story, "article-share")}
<div {v}="" class="article-body">
{render(story, story.blocks, m)}
</div>
{tags(story, "article-tags")}
</article>
{newsletter_box(story, "newsletter-teaser")}
{related(story, "related-articles", 3, "h2")}
{comments(story, "article-comments", 2)}
</main>
<aside {w}="" class="layout-aside">{most_read(story, "most-read-box", "h2")}</aside>
<footer {w}="" class="app-footer"><ul {w}="">{footer_links(story)}</ul><p {w}="">{copyright_line(story)}</p></footer>
</div></div></div>
{cookie_banner(story, "usercentrics-root")}
<script>window.__NUXT__=(function(a,b,c){{return {{layout:"default",data:[{{article:{{id:"{hashed(story, "id", 10)}",section:a}}}}],state:{{}}}}}}("{story["section"]}",null,false));</script>
<script src="/_nuxt/{hashed(story, "n", 20)}.js" defer></script>
{analytics(story)}
</body>
</html>
"""


# --- Substack-like newsletter post --------------------------------------------------------------

def substack(story: Story) -> str:
    host = story["url"].split("/")[2]
    subscribe = (f'<div class="subscription-widget-wrap-editor" data-attrs=\'{{"url":"https://{host}/subscribe?","text":'
                 f'"Subscribe","language":"en"}}\' data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget '
                 f'show-subscribe"><div class="preamble"><p class="cta-caption">{story["site"]} is a reader-supported '
                 f'publication. To receive new posts and support my work, consider becoming a free or paid subscriber.</p>'
                 f'</div><form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" '
                 f'placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe">'
                 f'</form></div></div>')
    share = (f'<p class="button-wrapper" data-attrs=\'{{"url":"https://{host}/p/{slug(story.headline)}?utm_source=substack'
             f'&amp;utm_medium=email&amp;utm_content=share&amp;action=share","text":"Share","action":null,"class":null}}\' '
             f'data-component-name="ButtonCreateButton"><a class="button primary" href="https://{host}/p/'
             f'{slug(story.headline)}?action=share"><span>Share</span></a></p>')
    parts = story.parts()
    body = (f"\n{subscribe}\n").join(render(story, p, Markup(
        fig=('<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" target="_blank" '
             'href="{src}"><div class="image2-inset"><picture><img src="{src}" width="1456" height="971" alt="{alt}" '
             'class="sizing-normal" loading="lazy"></picture></div></a><figcaption class="image-caption">{caption} {credit}'
             '</figcaption></figure></div>'))) for p in parts)
    return f"""{head(story, ".body.markup p{{font-size:19px;line-height:1.6}}.post-title{{font-size:32px}}")}
<body class="pc-root">
<div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu"><div class="topbar-content"><a href="/" class="navbar-title-link">{story["site"]}</a>
<div class="navbar-buttons"><button tabindex="0" class="button primary subscribe-btn">Subscribe</button><a href="https://substack.com/sign-in" class="button sign-in-link">Sign in</a></div></div></div>
<div class="container"><div class="single-post-container"><div class="container"><div class="single-post">
<div class="post-header"><h1 class="post-title published" dir="auto">{story.headline}</h1>
{f'<h3 class="subtitle" dir="auto">{story.standfirst}</h3>' if story.standfirst else ""}
<div class="post-meta"><div class="profile-hover-card-target"><a href="https://substack.com/@{slug(story["author"])}" class="pencraft">{story["author"]}</a></div><div class="pencraft pc-reset color-pub-secondary-text">{date_text(story)}</div></div>
<div class="post-ufi style-large"><a role="button" class="post-ufi-button like-button-container">212</a><a role="button" class="post-ufi-button post-ufi-comment-button">37</a><a role="button" class="post-ufi-button">Share</a></div></div>
<article class="typography newsletter-post post"><div class="available-content"><div dir="auto" class="body markup">
{body}
{share}
</div></div></article>
<div class="visibility-check"></div>
<div class="post-footer use-separators"><div class="post-ufi style-large"><a role="button" class="post-ufi-button">212 Likes</a></div></div>
{subscribe}
<div class="single-post-section comments-section"><div class="container"><h4 class="comments-heading">Discussion about this post</h4>{comments(story, "comment-list", 3)}</div></div>
</div></div></div></div>
<div class="footer-wrap publication-footer"><div class="footer-buttons"><a href="/about">About</a> <a href="/archive">Archive</a> <a href="https://substack.com/tos">Terms</a> <a href="https://substack.com/privacy">Privacy</a></div><div class="footer-slogan-blurb">© {story["date"][:4]} {story["author"]}</div></div>
</div></div>
<script>window._preloads = JSON.parse("{{\\"pub\\":{{\\"name\\":\\"{story["site"]}\\"}}}}")</script>
<script src="https://substackcdn.com/bundle/static/js/main.{hashed(story, "b", 10)}.js" defer></script>
</body>
</html>
"""


# --- A newspaper's wire page (agency copy) ------------------------------------------------------

def wire(story: Story) -> str:
    lang = story["lang"]
    m = Markup(
        p='<p class="text">{text}</p>',
        h2='<h2 class="subheadline">{text}</h2>',
        fig=('<figure class="picture"><img src="{src}" alt="{alt}"><figcaption class="picture__caption">'
             '<p class="picture__text">{caption}</p><p class="picture__credit">{credit}</p></figcaption></figure>'),
        ad="ad-container",
    )
    return f"""{head(story, BASE_CSS + ".article-text .text{{margin-bottom:1em}}.picture__credit{{font-size:.75em}}")}
<body class="article-page wire">
<div id="page">
<div class="service-bar"><a href="/epaper">E-Paper</a> <a href="/abo">{t(lang, "subscribe")}</a> <a href="/login">{t(lang, "login")}</a></div>
<header class="page-header"><a class="page-header__logo" href="/">{story["site"]}</a><nav class="main-nav"><ul>{menu_items(story, "main-nav__item")}</ul></nav></header>
<div class="page-content">
<div class="content-main">
{breadcrumbs(story, "breadcrumb-list")}
<div class="article">
<div class="article-header"><p class="article-kicker">{story["section"]}</p><h1 class="article-title">{story.headline}</h1>
<p class="article-source">{story.get("agency", "AFP")} · {date_text(story)}</p></div>
<div class="article-text">
{render(story, story.blocks, m)}
</div>
<p class="article-copyright">{story.get("agency", "AFP")}</p>
{share_bar(story, "article-share")}
</div>
<div class="ad-container">{t(lang, "ad")}</div>
{related(story, "teaser-list", 4, "h2")}
</div>
<div class="content-aside">{most_read(story, "top-articles", "h2")}{newsletter_box(story, "nl-box")}</div>
</div>
<footer class="page-footer"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
{cookie_banner(story, "sp_message_container")}
{analytics(story)}
</body>
</html>
"""


# --- A news CMS that prints the standfirst in the header, beside the <h1> -----------------------

def header_lede(story: Story) -> str:
    lang = story["lang"]
    m = Markup(fig=('<figure class="article-figure"><img src="{src}" alt="{alt}"><figcaption>'
                    '<span class="article-figure__caption">{caption}</span> <span class="article-figure__credit">'
                    '{credit}</span></figcaption></figure>'), ad="advert advert--inread")
    return f"""{head(story, BASE_CSS + ".article-header{{max-width:960px;margin:0 auto}}.article-header p{{font-size:1.3rem;color:#444}}")}
<body class="article">
{cookie_banner(story, "cmp-banner")}
<div class="page">
<header class="site-header"><div class="site-header__bar"><a class="site-header__logo" href="/">{story["site"]}</a><ul class="site-header__nav">{menu_items(story, "site-header__nav-item")}</ul><div class="site-header__user"><a href="/login">{t(lang, "login")}</a> <a class="site-header__subscribe" href="/subscribe">{t(lang, "subscribe")}</a></div></div></header>
<main class="main-content">
<div class="article-header">
{breadcrumbs(story, "article-header__breadcrumbs")}
<h1 class="article-header__headline">{story.headline}</h1>
<p class="article-header__{story.get("lede_class", "standfirst")}">{story.standfirst}</p>
<div class="article-header__meta">{byline(story, "article-byline")}</div>
{share_bar(story, "article-header__share")}
</div>
<figure class="article-hero"><img src="/img/{slug(story.headline)}.jpg" alt=""><figcaption class="article-hero__caption">{story.get("hero_caption", "")}</figcaption></figure>
<div class="article-layout">
<div class="article-layout__main">
<div class="article-content">
{render(story, story.blocks, m)}
</div>
{donation_box(story, "article-support")}
{tags(story, "article-topics")}
{comments(story, "article-comments", 3)}
</div>
<aside class="article-layout__aside">{most_read(story, "most-read", "h2")}{newsletter_box(story, "newsletter-promo")}<div class="advert advert--mpu">{t(lang, "ad")}</div></aside>
</div>
{related(story, "more-stories", 4, "h2")}
</main>
<footer class="site-footer"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
{analytics(story)}
</body>
</html>
"""


# --- A ThemeForest news theme with WOW.js reveal animations -------------------------------------

def wow(story: Story) -> str:
    """WOW.js hides each animated block (visibility: hidden) until it scrolls into view; a page
    saved after its scripts ran keeps that style on every block below the fold."""
    sections = []
    for i, part in enumerate(story.parts()):
        style = ("visibility: visible; animation-name: fadeInUp;" if i == 0
                 else "visibility: hidden; animation-delay: 0.2s; animation-name: none;")
        sections.append(f'<div class="wow fadeInUp" data-wow-delay="0.2s" style="{style}">\n'
                        f'{render(story, part, WP_CLASSIC)}\n</div>')
    return f"""{head(story, BASE_CSS + ".wow{{visibility:hidden}}.animated{{animation-duration:1s;animation-fill-mode:both}}@keyframes fadeInUp{{from{{opacity:0;transform:translate3d(0,40px,0)}}to{{opacity:1;transform:none}}}}")}
<body class="single-post theme-newsberg">
<div class="preloader" style="display: none;"></div>
<div class="header-area"><div class="container"><div class="row"><div class="col-lg-3"><a class="logo" href="/">{story["site"]}</a></div>
<div class="col-lg-9"><nav class="main-menu"><ul>{menu_items(story)}</ul></nav></div></div></div></div>
<div class="breadcrumb-area"><div class="container">{breadcrumbs(story, "breadcrumb")}</div></div>
<div class="blog-details-area section-padding"><div class="container"><div class="row">
<div class="col-lg-8">
<div class="blog-details-wrap">
<div class="blog-details-thumb"><img src="/assets/img/blog/{slug(story.headline)}.jpg" alt=""></div>
<div class="blog-details-content">
<div class="blog-meta"><span><i class="fa fa-user"></i> {story["author"]}</span> <span><i class="fa fa-calendar"></i> {date_text(story)}</span></div>
<h1 class="blog-title">{story.headline}</h1>
{chr(10).join(sections)}
</div>
<div class="blog-details-tags wow fadeInUp" style="visibility: hidden; animation-name: none;">{tags(story)}</div>
<div class="blog-details-share wow fadeInUp" style="visibility: hidden; animation-name: none;">{share_bar(story, "social-share")}</div>
</div>
<div class="comment-area">{comments(story, "comment-list", 3)}</div>
</div>
<div class="col-lg-4"><div class="sidebar-area">
<div class="single-sidebar-widget">{most_read(story, "popular-post", "h4")}</div>
<div class="single-sidebar-widget">{newsletter_box(story, "newsletter-widget")}</div>
<div class="single-sidebar-widget">{donation_box(story, "support-widget")}</div>
</div></div>
</div></div></div>
<footer class="footer-area"><div class="container"><ul class="footer-menu">{footer_links(story)}</ul><p class="copyright-text">{copyright_line(story)}</p></div></footer>
{cookie_banner(story, "cookie-popup")}
<script src="/assets/js/vendor/jquery-3.6.0.min.js"></script>
<script src="/assets/js/wow.min.js"></script>
<script>new WOW().init();</script>
{analytics(story)}
</body>
</html>
"""


# --- TYPO3 with the news extension (tx_news) ----------------------------------------------------

def typo3(story: Story) -> str:
    lang = story["lang"]
    uid = int(hashed(story, "uid", 4), 16)
    m = Markup(fig=('<div class="news-img-wrap"><div class="outer"><div class="mediaelement mediaelement-image">'
                    '<img src="{src}" alt="{alt}" width="800"></div><p class="news-img-caption">{caption} {credit}</p>'
                    '</div></div>'), ad="banner-content")
    return f"""{head(story, BASE_CSS + ".news-single .article{{max-width:760px}}.teaser-text{{font-weight:bold}}")}
<body id="p{uid}" class="page-{uid} pagelevel-2 language-0 backendlayout-default layout-default">
<div id="top"></div>
<div class="body-bg">
<header class="navbar navbar-mainnavigation navbar-default navbar-has-image navbar-top"><div class="container">
<a class="navbar-brand navbar-brand-image" href="/"><img class="navbar-brand-logo-normal" src="/typo3conf/ext/site/Resources/Public/Images/logo.svg" alt="{story["site"]}"></a>
<nav id="mainnavigation" class="collapse navbar-collapse"><ul class="navbar-nav">{menu_items(story, "nav-item")}</ul></nav></div></header>
<nav class="breadcrumb-section" aria-label="Breadcrumb"><div class="container"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">{t(lang, "home")}</a></li><li class="breadcrumb-item"><a href="/aktuelles/">{story["section"]}</a></li></ol></div></nav>
<div id="page-content" class="bp-page-content main-section"><main class="section section-default">
<div id="c{uid + 1}" class="frame frame-default frame-type-news_newsdetail frame-layout-0">
<div class="news news-single"><div class="article" itemscope="itemscope" itemtype="http://schema.org/Article">
<div class="header"><h1 itemprop="headline">{story.headline}</h1></div>
<div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="{story["date"][:10]}">{date_text(story)}</time></span> <span class="news-list-author" itemprop="author">{t(lang, "by")} {story["author"]}</span></p></div>
{f'<div class="teaser-text" itemprop="description"><p>{story.standfirst}</p></div>' if story.standfirst else ""}
<div class="news-text-wrap" itemprop="articleBody">
{render(story, story.blocks, m)}
</div>
<div class="news-related-wrap"><div class="news-related news-related-news"><h4>{t(lang, "related")}</h4>{related(story, "news-related-list", 3, "div")}</div></div>
<div class="social">{share_bar(story, "shariff")}</div>
<div class="news-backlink-wrap"><a href="/aktuelles/">Zurück</a></div>
</div></div></div>
<div id="c{uid + 2}" class="frame frame-default frame-type-html">{donation_box(story, "spendenbox")}</div>
</main>
<aside class="section section-aside">{most_read(story, "news-list-view", "h3")}{newsletter_box(story, "newsletter-anmeldung")}</aside></div>
<footer class="section footer-section"><div class="container"><ul class="footer-nav">{footer_links(story)}</ul><p>{copyright_line(story)}</p></div></footer>
</div>
{cookie_banner(story, "cookieman-modal")}
<script src="/typo3temp/assets/compressed/merged-{hashed(story, "m", 32)}.js"></script>
</body>
</html>
"""


# --- A headless CMS front end: every paragraph a block of its own ------------------------------

def headless(story: Story) -> str:
    """A React front end for a headless CMS, its CSS modules built with bare hashes ("_3kq9z"):
    the body is a list of blocks (paragraph, heading, image, ad), each a wrapper, an inner
    wrapper, then the element."""
    lang = story["lang"]
    c = lambda salt: f"_{hashed(story, salt, 5)}"  # noqa: E731

    def block(kind: str, inner: str) -> str:
        return f'<div class="{c("block")} {c(kind)}" data-block-type="{kind}"><div class="{c("inner")}">{inner}</div></div>'

    m = Markup(
        p=block("paragraph", "<p>{text}</p>"),
        h2=block("heading", f'<h2 class="{c("h2")}">{{text}}</h2>'),
        ul=block("list", "<ul>{text}</ul>"),
        quote=block("quote", "<blockquote><p>{text}</p></blockquote>"),
        fig=block("image", f'<figure class="{c("fig")}"><div class="{c("frame")}"><img src="{{src}}" alt="{{alt}}" '
                           f'loading="lazy"></div><figcaption class="{c("cap")}"><p>{{caption}}</p>'
                           f'<p class="{c("credit")}">{{credit}}</p></figcaption></figure>'),
        ad=f"{c('block')} {c('ad')}",
        pull=block("pullquote", f'<aside class="{c("pq")}"><p>{{text}}</p></aside>'),
    )
    return f"""{head(story, BASE_CSS + f".{c('block')}{{{{max-width:680px;margin:0 auto 1.25rem}}}}.{c('image')}{{{{max-width:960px}}}}")}
<body>
<div id="app" data-server-rendered="true">
{cookie_banner(story, "consent-layer")}
<header class="{c("header")}"><div class="{c("row")}"><a class="{c("brand")}" href="/">{story["site"]}</a>
<nav class="{c("sections")}" aria-label="Sections"><ul>{menu_items(story, c("section"))}</ul></nav>
<a class="{c("cta")}" href="/subscribe">{t(lang, "subscribe")}</a></div></header>
<main class="{c("main")}">
<div class="{c("hero")}"><a class="{c("kicker")}" href="/{slug(story["section"])}">{story["section"]}</a>
<h1 class="{c("title")}">{story.headline}</h1>
{f'<p class="{c("summary")}">{story.standfirst}</p>' if story.standfirst else ""}
<div class="{c("byline")}">{t(lang, "by")} <a href="/authors/{slug(story["author"])}">{story["author"]}</a> · <time datetime="{story["date"]}">{date_text(story)}</time></div>
<figure class="{c("heroimg")}"><img src="/media/{slug(story.headline)}.jpg" alt=""></figure></div>
<div class="{c("share")}">{share_bar(story, "share")}</div>
<div class="{c("blocks")}">
{render(story, story.blocks, m)}
</div>
<div class="{c("tags")}">{tags(story, "tags")}</div>
<div class="{c("support")}">{donation_box(story, "support")}</div>
<section class="{c("recirc")}">{related(story, "recirculation", 4, "h2")}</section>
</main>
<footer class="{c("footer")}"><ul>{footer_links(story)}</ul><p>{copyright_line(story)}</p></footer>
</div>
<script>window.__INITIAL_STATE__={{"route":"/{slug(story["section"])}/{slug(story.headline)}","article":{{"id":"{hashed(story, "id", 24)}"}}}}</script>
<script src="/assets/app.{hashed(story, "app", 8)}.js" defer></script>
{analytics(story)}
</body>
</html>
"""


TEMPLATES: dict[str, Callable[[Story], str]] = {
    "headless": headless,
    "wp_classic": wp_classic,
    "elementor": elementor,
    "wpbakery": wpbakery,
    "gutenberg": gutenberg,
    "drupal": drupal,
    "ghost": ghost,
    "arc": arc,
    "arc_live": arc_live,
    "tagdiv": tagdiv,
    "bitrix": bitrix,
    "nextjs": nextjs,
    "medium": medium,
    "siteorigin": siteorigin,
    "styled": styled,
    "bodyparts": bodyparts,
    "listicle": listicle,
    "dossier": dossier,
    "infinite": infinite,
    "quarto": quarto,
    "nuxt": nuxt,
    "substack": substack,
    "wire": wire,
    "header_lede": header_lede,
    "wow": wow,
    "typo3": typo3,
}
