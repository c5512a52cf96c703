"""Benchmark of the HTML path, run by hand (never as a unit test: timings on shared CI runners lie).

One run measures the acceptance of issue 10 side by side with readability-lxml and trafilatura:

  (a) quality on the ScrapingHub article-extraction benchmark (181 news pages with a gold
      articleBody each; ../shared/corpora/scrapinghub-aeb): precision, recall and F1 exactly as
      ../shared/tools/extract_score.py defines them (its `score` is imported), for the story
      body of cleannews.clean() (Result.body: the story without its headline, as the gold) and
      the anchors: trafilatura.extract() (default, and include_comments=False) and
      readability-lxml (extract_score.py's adapter);
  (b) speed: documents per second on one core, in-process, the extractors interleaved per
      document with a rotating order, from the per-document median time of --repeat passes;
  (c) peak memory: each extractor alone over the corpus in a fresh process, ru_maxrss at the end
      minus the baseline after its imports;
  (d) synthetic ~10 MB pages, each extractor in a fresh process (wall and CPU time, peak RSS):
      a live-blog news page with its clutter; a staircase (paragraphs down 200-deep <div>s) and
      the same at half size; a wrapped page (8 <div>s around each paragraph). cleannews' CPU
      time on the staircase and the wrapped page is measured as a share of trafilatura's;
  (e) quality on the corpus of our own (bench/pages, the same layout): cleannews, also with
      Options(keep_captions=True), next to the anchors;
  (f) appeals-dev's HTML cases, and MHTML copies of them made at run time (Chrome's "Webpage,
      Single File"), scored by ../shared/tools/score_appeals.py;
  (g) stories lost: pages of any corpus with a story of 100+ words whose clean body has fewer
      than 20 words (or a tenth of the story's), listed;

with, when cleannews says (Result.metadata["extractor"]), which extractor produced the body,
counted per corpus. Then it checks the targets:

  F1, ScrapingHub (cleannews body vs gold articleBody)        >= 0.975
  docs/s / readability-lxml docs/s (same run)                 >= 1.30
  docs/s / trafilatura docs/s (same run)                      >= 2.00
  F1 on bench/pages, cleannews and with keep_captions         >  readability-lxml's (same run)
  appeals-dev HTML and MHTML: keep >= 0.99, drop >= 0.97, trap cases kept whole
  stories lost, all corpora                                   = 0
  10 MB live blog: clean() wall time                          <= 30 s
  10 MB live blog: peak RSS of the process                    <= 600 MB
  10 MB staircase: CPU time / trafilatura's on it             <= 0.40, peak RSS <= 400 MB
  10 MB staircase: CPU time / its half size's (linear: 2)     <= 2.50
  10 MB wrapped: CPU time / trafilatura's on it               <= 0.20

Usage:
    .venv/bin/python bench/bench_html.py [--repeat 3] [--limit N] [--skip-big] [--pages PATH] [--json FILE] [--check]

The anchors come with `pip install -e '.[bench]'`. See bench/README.md.
"""

from __future__ import annotations

import argparse
import email.header
import email.utils
import gzip
import hashlib
import html
import importlib.metadata
import importlib.util
import json
import os
import platform
import quopri
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from common import (  # bench/ is on sys.path when run as a script
    APPEALS,
    LOST_RULE,
    ROOT,
    SCRAPINGHUB,
    TOOLS,
    Case,
    appeals_cases,
    appeals_checks,
    at_least,
    check,
    cleaned,
    failed,
    made_case,
    one_core,
    say,
    score_outputs,
    shared_tool,
    story_lost,
    table,
    targets_table,
    words,
)

DEFAULT_PAGES = ROOT / "bench" / "pages"  # the corpus of our own, in ScrapingHub's layout
INSTALL_HINT = "pip install -e '.[bench]'"

F1_TARGET = 0.975  # cleannews body F1 on the ScrapingHub benchmark: at least this
READABILITY_SPEED_TARGET = 1.3  # cleannews docs/s / readability-lxml docs/s: at least this
APPEALS_KEEP_TARGET = 0.99  # appeals-dev HTML and MHTML, macro keep: at least this
APPEALS_DROP_TARGET = 0.97  # ... and macro drop
TRAFILATURA_SPEED_TARGET = 2.0  # cleannews docs/s / trafilatura docs/s: at least this
BIG_PAGE_BYTES = 10 * 1024 * 1024  # the synthetic page: about this size
BIG_SECONDS_TARGET = 30.0  # clean() on it: at most this
BIG_RSS_TARGET_MB = 600.0  # peak RSS of the process doing it: at most this
STAIRCASE_DEPTH = 200  # the staircase page: <div>s this deep, a paragraph on each step
STAIRCASE_TRAFILATURA = 0.4  # clean() on it: at most this share of trafilatura's time on the same page
STAIRCASE_RSS_TARGET_MB = 400.0  # and at most this peak RSS
STAIRCASE_GROWTH = 2.5  # its time at full size over its time at half size: at most this (linear: 2)
WRAPPED_DIVS = 8  # the wrapped page: <div>s around each paragraph
WRAPPED_TRAFILATURA = 0.2  # clean() on it: at most this share of trafilatura's time on the same page

EXTRACTORS = ("cleannews", "trafilatura", "trafilatura-nocomments", "readability-lxml")
ANCHORS = EXTRACTORS[1:]
PAGES_EXTRACTORS = ("cleannews", "cleannews-captions", *ANCHORS)
PACKAGE_OF = {"cleannews": "cleannews", "trafilatura": "trafilatura", "trafilatura-nocomments": "trafilatura",
              "readability-lxml": "readability"}
DIST_OF = {"cleannews": "cleannews", "trafilatura": "trafilatura", "trafilatura-nocomments": "trafilatura",
           "readability-lxml": "readability-lxml"}
CALL_OF = {
    "cleannews": "clean(html_bytes).body",
    "cleannews-captions": "clean(html_bytes, Options(keep_captions=True)).body",
    "trafilatura": "trafilatura.extract(html)",
    "trafilatura-nocomments": "trafilatura.extract(html, include_comments=False)",
    "readability-lxml": "Document(html).summary() -> text, as extract_score.py",
}


# --- the corpus -------------------------------------------------------------------------------


class Doc(NamedTuple):
    id: str
    raw: bytes  # the page as stored: what cleannews gets, as the CLI reads a file
    html: str  # decoded: what the anchors get, as extract_score.py gives it to them
    gold: str
    url: str


def corpus_pages(corpus: Path, limit: int | None) -> list[Path]:
    pages = sorted((corpus / "html").glob("*.html.gz"))
    return pages[:limit] if limit else pages


def has_corpus(corpus: Path) -> bool:
    return (corpus / "ground-truth.json").is_file() and bool(corpus_pages(corpus, 1))


def load_corpus(corpus: Path, limit: int | None, option: str = "--corpus") -> list[Doc]:
    truth_file = corpus / "ground-truth.json"
    if not has_corpus(corpus):
        raise SystemExit(f"bench: no corpus at {corpus} (want html/*.html.gz and ground-truth.json); "
                         f"give its folder with {option} PATH")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    docs = []
    for gz in corpus_pages(corpus, limit):
        doc_id = gz.name.split(".")[0]
        if doc_id not in truth:
            raise SystemExit(f"bench: {gz.name} has no entry in {truth_file}")
        raw = gzip.decompress(gz.read_bytes())
        docs.append(Doc(doc_id, raw, raw.decode("utf-8"), truth[doc_id]["articleBody"], truth[doc_id].get("url", "")))
    return docs


# --- the extractors ---------------------------------------------------------------------------


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _local_trafilatura(**kwargs: Any) -> tuple[Callable[[Doc], str], str]:
    import trafilatura

    return (lambda doc: trafilatura.extract(doc.html, **kwargs) or ""), _version("trafilatura")


def _local_readability() -> tuple[Callable[[Doc], str], str]:
    """A copy of extract_score.py's readability-lxml adapter, for when that file is missing."""
    import lxml.html
    from readability import Document

    block_tags = frozenset({
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    })

    def run(doc: Doc) -> str:
        root = lxml.html.fromstring(Document(doc.html).summary())
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag in block_tags:
                el.text, el.tail = "\n" + (el.text or ""), "\n" + (el.tail or "")
        lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
        return "\n".join(line for line in lines if line)

    return run, _version("readability-lxml")


LOCAL_ADAPTERS: dict[str, Callable[[], tuple[Callable[[Doc], str], str]]] = {
    "trafilatura": _local_trafilatura,
    "trafilatura-nocomments": lambda: _local_trafilatura(include_comments=False),
    "readability-lxml": _local_readability,
}


class CleanNews:
    """clean(raw bytes), scored on Result.body: the story without its headline, as the gold has it.
    Remembers which extractor produced each body, when the result says (metadata["extractor"])."""

    def __init__(self, keep_captions: bool = False) -> None:
        import cleannews
        import cleannews.read.html  # clean() loads it lazily on the first page: import it with the rest

        self.clean = cleannews.clean
        self.options = cleannews.Options(keep_captions=keep_captions)
        self.extractor: dict[str, str] = {}  # document id -> the extractor named in the result

    def __call__(self, doc: Doc) -> str:
        result = self.clean(doc.raw, self.options)
        if "extractor" in result.metadata:
            self.extractor[doc.id] = str(result.metadata["extractor"])
        return str(result.body)


def make_extractor(name: str, es: Any | None) -> tuple[Callable[[Doc], str], str, str]:
    """(callable(doc) -> text, version, where the adapter comes from). Raises ImportError."""
    if name in ("cleannews", "cleannews-captions"):
        return CleanNews(keep_captions=name == "cleannews-captions"), _version("cleannews"), "this repository"
    if importlib.util.find_spec(PACKAGE_OF[name]) is None:
        raise ImportError(f"{DIST_OF[name]} is not installed")
    if es is not None and name in getattr(es, "ADAPTERS", {}):
        run, version = es.ADAPTERS[name][0]()
        return run, version, "extract_score.py"
    run, version = LOCAL_ADAPTERS[name]()
    return run, version, "local copy of extract_score.py's"


# --- (a) + (b): quality and speed, in-process ----------------------------------------------------


def run_interleaved(docs: list[Doc], extractors: dict[str, Callable[[Doc], str]], repeat: int,
                    warmup: int) -> tuple[dict[str, list[str]], dict[str, list[str | None]], dict[str, list[float]]]:
    """Every extractor on every document, interleaved per document with the order rotating (so
    machine drift hits them equally), `repeat` times. Texts and errors are from pass 1; times are
    each document's median over the passes."""
    names = list(extractors)
    for name in names:  # untimed: lazy imports, rule compilation, caches
        for doc in docs[:warmup]:
            with suppress(Exception):
                extractors[name](doc)
    texts = {n: [""] * len(docs) for n in names}
    errors: dict[str, list[str | None]] = {n: [None] * len(docs) for n in names}
    secs: dict[str, list[list[float]]] = {n: [[] for _ in docs] for n in names}
    started = time.perf_counter()
    for rep in range(repeat):
        for i, doc in enumerate(docs):
            k = (i + rep) % len(names)
            for name in names[k:] + names[:k]:
                err, t0 = None, time.perf_counter()
                try:
                    text = extractors[name](doc) or ""
                except Exception as exc:  # a failure scores as empty output, as in extract_score.py
                    text, err = "", f"{type(exc).__name__}: {str(exc)[:200]}"
                secs[name][i].append(time.perf_counter() - t0)
                if rep == 0:
                    texts[name][i], errors[name][i] = text, err
        print(f"    timing pass {rep + 1}/{repeat} done ({time.perf_counter() - started:.0f} s)",
              file=sys.stderr, flush=True)
    return texts, errors, {n: [statistics.median(s) for s in secs[n]] for n in names}


def quality_and_speed(docs: list[Doc], texts: list[str], errors: list[str | None], doc_s: list[float],
                      es: Any | None) -> dict[str, Any]:
    total = sum(doc_s)
    q = statistics.quantiles(doc_s, n=10) if len(doc_s) > 1 else doc_s * 9
    out: dict[str, Any] = {
        "n_docs": len(docs),
        "n_errors": sum(e is not None for e in errors),
        "seconds_total": total,
        "docs_per_s": len(docs) / total if total else None,
        "ms_median": 1000 * statistics.median(doc_s),
        "ms_p90": 1000 * q[8],
        "ms_max": 1000 * max(doc_s),
    }
    per_doc: list[dict[str, Any]] = [{} for _ in docs]
    if es is not None:
        metrics, per_doc = es.score([d.gold for d in docs], texts)
        out.update(metrics)
        out["n_empty"] = sum(not es.tokenize(t) for t in texts)
    for d, pd, s, err, text in zip(docs, per_doc, doc_s, errors, texts, strict=True):
        pd.update(id=d.id, seconds=s, pred_chars=len(text), gold_chars=len(d.gold), error=err)
    out["per_doc"] = per_doc
    return out


# --- (c) + (d): fresh processes ------------------------------------------------------------------


def max_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def worker(name: str, corpus: Path, limit: int | None, page: Path | None, out: Path | None) -> int:
    """One extractor alone in this process: over the corpus (one page in memory at a time), or
    over the big page. Prints one JSON line: baseline RSS after the imports, peak RSS at the end."""
    start = max_rss_mb()  # before any import: shows that the parent's heap was not inherited
    es = shared_tool("extract_score")
    run, version, _ = make_extractor(name, es)
    baseline = max_rss_mb()
    result: dict[str, Any] = {"extractor": name, "version": version, "start_mb": start, "baseline_mb": baseline}
    if page is not None:
        raw = page.read_bytes()
        doc = Doc("big", raw, raw.decode("utf-8") if name != "cleannews" else "", "", "")
        t0, cpu0 = time.perf_counter(), time.process_time()
        text = run(doc)
        result["seconds"], result["cpu_s"] = time.perf_counter() - t0, time.process_time() - cpu0
        result["bytes"] = len(raw)
        result["out_chars"] = len(text)
        if out is not None:
            out.write_text(text, encoding="utf-8")
    else:
        errors, t0, pages = 0, time.perf_counter(), corpus_pages(corpus, limit)
        for gz in pages:
            raw = gzip.decompress(gz.read_bytes())
            try:
                run(Doc(gz.name.split(".")[0], raw, raw.decode("utf-8"), "", ""))
            except Exception:
                errors += 1
        result.update(documents=len(pages), errors=errors, seconds=time.perf_counter() - t0)
    result["peak_mb"] = max_rss_mb()
    print(json.dumps(result), flush=True)
    return 0


# A child's ru_maxrss starts at its parent's RSS on Linux (it is carried across fork and exec), so
# a worker started straight from this process, which holds the corpus and four extractors, would
# report our heap as its peak. A bare interpreter in between starts each worker from a few MB.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def run_worker(args: list[str], timeout: float | None) -> dict[str, Any]:
    argv = [sys.executable, "-c", LAUNCHER, sys.executable, str(Path(__file__).resolve()), *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group: a timeout kills the worker too
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"failed": f"did not finish in {timeout:g} s (killed)", "timed_out": True, "process_s": timeout}
    wall = time.perf_counter() - t0
    lines = stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        last = (stderr.strip().splitlines() or ["(no message)"])[-1]
        return {"failed": f"exit {proc.returncode}: {last[:300]}", "process_s": wall}
    result = json.loads(lines[-1])
    result["process_s"] = wall
    return result


def peak_memory(names: list[str], corpus: Path, limit: int | None) -> dict[str, dict[str, Any]]:
    out = {}
    for name in names:
        extra = ["--limit", str(limit)] if limit else []
        out[name] = run_worker(["--worker", name, "--corpus", str(corpus), *extra], None)
        r = out[name]
        shown = r.get("failed") or f"peak {r['peak_mb']:.0f} MB (baseline {r['baseline_mb']:.0f} MB)"
        print(f"    {name}: {shown}", file=sys.stderr, flush=True)
    return out


# --- (d) the synthetic 10 MB page ---------------------------------------------------------------

WORDS = (
    "the", "a", "of", "to", "and", "in", "that", "for", "on", "with", "as", "by", "at", "from", "was", "is", "said",
    "minister", "government", "officials", "people", "city", "country", "president", "week", "year", "month",
    "talks", "meeting", "agreement", "report", "council", "ministry", "police", "court", "region", "border",
    "energy", "prices", "market", "economy", "bank", "rates", "inflation", "budget", "tax", "election", "vote",
    "party", "leader", "opposition", "parliament", "law", "decision", "plan", "support", "troops", "defence",
    "security", "military", "aid", "sanctions", "exports", "trade", "companies", "workers", "union", "strike",
    "wages", "schools", "hospitals", "patients", "doctors", "health", "water", "roads", "bridge", "rail", "airport",
    "flights", "weather", "storm", "flooding", "fire", "residents", "families", "children", "village", "town",
    "district", "province", "capital", "spokesman", "statement", "interview", "analysts", "experts", "figures",
    "data", "survey", "percent", "million", "billion", "earlier", "later", "yesterday", "today", "tomorrow",
    "morning", "evening", "night", "announced", "confirmed", "denied", "warned", "urged", "agreed", "expected",
    "reported", "told", "added", "noted", "called", "described", "according", "because", "while", "after", "before",
    "during", "since", "against", "between", "under", "over", "about", "around", "across", "new", "old", "local",
    "national", "foreign", "international", "public", "private", "first", "second", "third", "last", "next",
    "major", "key", "senior", "former", "current", "several", "many", "few", "more", "most", "other",
)
NAMES = ["Anna Kowalska", "Jonas Berg", "Maria Santos", "Li Wei", "Omar Haddad", "Elena Petrova",
         "James Okafor", "Sofia Rossi", "Hannah Schmidt", "Carlos Mendes", "Aiko Tanaka", "Peter Novak"]
PLACES = ["Warsaw", "Lisbon", "Nairobi", "Kyiv", "Berlin", "Manila", "Lagos", "Quito", "Tbilisi", "Oslo"]
DONATION = ("<div class=\"support-box donate-cta\" data-component=\"contributions-epic\">"
            "<div class=\"support-box__inner\">"
            "<h3>Before you go</h3><p>… we have a small favour to ask. Millions turn to us for open, independent "
            "journalism. Unlike many others, we have no shareholders and no billionaire owner.</p><p>If you can, "
            "please support us monthly starting from just $2. It takes less than a minute to set up.</p>"
            "<a class=\"button\" href=\"/support?ref=epic\">Support us</a> <a class=\"button\" href=\"#\">Remind me "
            "later</a></div></div>")
NEWSLETTER = ("<div class=\"newsletter-signup\"><p>Sign up for our free morning briefing and get the day's top "
              "stories in your inbox.</p><form action=\"/newsletter\"><input type=\"email\" name=\"email\">"
              "<button>Sign up</button></form></div>")


class StoryWriter:
    """Random news prose for the synthetic pages, one seed each, and the story it wrote as gold."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.gold: list[str] = []

    def sentence(self) -> str:
        rng = self.rng
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 32))]
        if rng.random() < 0.5:
            words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
        if rng.random() < 0.4:
            words.insert(rng.randint(0, len(words)), f"in {rng.choice(PLACES)}")
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 980)}")
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])

    def headline(self) -> str:
        rng = self.rng
        return f"{rng.choice(NAMES)} {rng.choice(WORDS)} {rng.choice(WORDS)} in {rng.choice(PLACES)}".title()

    def link(self, text: str) -> str:
        return f"<a href=\"/news/{self.rng.randint(10**6, 10**7)}/{text.lower().replace(' ', '-')[:40]}\">{text}</a>"

    def paragraph(self) -> str:
        """A story paragraph as a <p>, some with a link or emphasis inside; its text joins the gold."""
        rng = self.rng
        text = " ".join(self.sentence() for _ in range(rng.randint(2, 5)))
        self.gold.append(text)
        marked = html.escape(text, quote=False)
        if rng.random() < 0.3:  # inline markup, as real paragraphs have
            words = marked.split(" ")
            at = rng.randint(0, max(0, len(words) - 3))
            tag = rng.choice(["a", "em", "strong"])
            opener = f"<a href=\"/topic/{words[at].lower()}\">" if tag == "a" else f"<{tag}>"
            words[at:at + 3] = [opener + " ".join(words[at:at + 3]) + f"</{tag}>"]
            marked = " ".join(words)
        return f"<p>{marked}</p>"


def big_page(target: int = BIG_PAGE_BYTES, seed: int = 20240416) -> tuple[bytes, str]:
    """A realistic ~10 MB live-blog news page, and its story (subheads and paragraphs) as gold.

    Scripts and styles (an inline state blob, JSON-LD, CSS) make about a fifth of it; a mega-menu,
    a donation banner, sidebars (most read, ads, newsletter) and a footer surround a long article
    nested some twenty elements deep, whose entries carry figures, data tables, related-links
    lists, embedded posts and donation boxes between the story paragraphs."""
    writer = StoryWriter(seed)
    rng, gold = writer.rng, writer.gold

    title = "Live: " + writer.headline()
    css = "".join(f".c{i}-{rng.choice(WORDS)}{{margin:0 {i % 9}px;padding:{i % 7}px {i % 5}em;color:#{i % 4096:03x};"
                  f"display:{rng.choice(['flex', 'block', 'grid'])}}}\n" for i in range(target // 900))
    teasers = [{"id": rng.randint(10**6, 10**7), "headline": writer.headline(), "standfirst": writer.sentence(),
                "url": f"/news/{i}", "tags": rng.sample(WORDS, 4)} for i in range(target // 1400)]
    state = json.dumps({"page": {"type": "liveblog", "title": title}, "teasers": teasers})
    head = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | The Daily Record</title>"
            f"<meta property=\"og:title\" content=\"{title}\"><meta name=\"viewport\" content=\"width=device-width\">"
            f"<style>{css}</style><script>window.__STATE__ = {state};</script>"
            "<script type=\"application/ld+json\">"
            + json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": title,
                          "datePublished": "2024-04-16T06:00:00Z", "author": {"@type": "Person", "name": NAMES[0]}})
            + "</script><script src=\"/static/app.js\" defer></script></head>")
    menu = "".join(f"<li class=\"menu__item\">{writer.link(writer.headline())}</li>" for _ in range(400))
    top = (f"{head}<body class=\"liveblog\"><div id=\"app\"><header class=\"site-header\"><nav class=\"main-nav\">"
           f"<ul class=\"menu\">{menu}</ul></nav></header>{DONATION}<div class=\"page\"><div class=\"page__inner\">"
           "<div class=\"grid\"><div class=\"grid__col grid__col--main\"><main id=\"main\"><article class=\"article\">"
           f"<header class=\"article__header\"><h1>{title}</h1><p class=\"byline\">By {NAMES[0]} and {NAMES[1]}"
           "</p><time datetime=\"2024-04-16\">16 April 2024</time></header><div class=\"article__body\">"
           "<div class=\"liveblog__entries\">")
    most_read = "".join(f"<li>{writer.link(writer.headline())}</li>" for _ in range(50))
    ads = "".join(f"<div class=\"ad-slot\" data-ad-unit=\"sidebar-{i}\"><div class=\"ad__label\">Advertisement"
                  "</div></div>" for i in range(20))
    footer_links = "".join(f"<li>{writer.link(writer.headline())}</li>" for _ in range(300))
    bottom = ("</div></div></article></main></div><aside class=\"sidebar grid__col\"><section class=\"most-read\">"
              f"<h2>Most read</h2><ol>{most_read}</ol></section>{ads}{NEWSLETTER}</aside></div></div></div>"
              f"<footer class=\"site-footer\"><ul>{footer_links}</ul><p>© 2024 The Daily Record</p></footer></div>"
              "<script>" + "".join(f"window.dataLayer.push({{event:'view',slot:{i}}});" for i in range(2000))
              + "</script></body></html>")
    parts, size, n = [top], len(top) + len(bottom), 0
    while size < target:
        n += 1
        hour, minute = 23 - (n // 60) % 24, 59 - n % 60
        subhead = writer.headline()
        gold.append(subhead)
        entry = [f"<div class=\"liveblog__entry\" id=\"entry-{n}\"><div class=\"entry__wrap\">"
                 "<div class=\"entry__meta\">"
                 f"<time>{hour:02d}:{minute:02d}</time></div><div class=\"entry__body\"><div class=\"rich-text\">"
                 f"<div class=\"rt-inner\"><h2>{subhead}</h2>"]
        entry += [writer.paragraph() for _ in range(rng.randint(3, 6))]
        if n % 7 == 0:
            entry.append(f"<figure class=\"media\"><div class=\"media__wrap\"><img src=\"/img/{n}.jpg\" alt=\"\">"
                         f"</div><figcaption>{rng.choice(NAMES)} in {rng.choice(PLACES)}. Photo: "
                         f"{rng.choice(NAMES)}/Reuters</figcaption></figure>")
        if n % 15 == 0:
            rows = "".join("<tr>" + "".join(f"<td>{rng.randint(0, 9999):,}</td>" for _ in range(5)) + "</tr>"
                           for _ in range(10))
            entry.append("<div class=\"table-wrap\"><table class=\"data\"><thead><tr>"
                         + "".join(f"<th>{rng.choice(WORDS).title()}</th>" for _ in range(5))
                         + f"</tr></thead><tbody>{rows}</tbody></table></div>")
        entry += [writer.paragraph() for _ in range(rng.randint(0, 3))]
        if n % 10 == 0:
            related = "".join(f"<li>Read more: {writer.link(writer.headline())}</li>" for _ in range(5))
            entry.append(f"<aside class=\"related\"><h3>Related</h3><ul>{related}</ul></aside>")
        if n % 30 == 0:
            entry.append(f"<blockquote class=\"embed-post\"><p>{html.escape(writer.sentence())}</p>— "
                         f"{rng.choice(NAMES)} (@handle)</blockquote><script async src=\"https://platform.example/widgets.js\"></script>")
        if n % 25 == 0:
            entry.append(DONATION)
        entry.append("<div class=\"entry__share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a>"
                     "</div></div></div></div></div></div>")
        chunk = "".join(entry)
        parts.append(chunk)
        size += len(chunk)
    parts.append(bottom)
    return "".join(parts).encode("utf-8"), "\n\n".join(gold)


def _article_page(writer: StoryWriter, story: Callable[[int], str], target: int) -> bytes:
    """A plain article page of about `target` bytes: a headline, then story() chunks (given the
    bytes still wanted) until the page is full."""
    title = writer.headline()
    top = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
           f"<body><article><h1>{title}</h1>")
    bottom = "</article></body></html>"
    parts, size = [top], len(top) + len(bottom)
    while size < target:
        parts.append(story(target - size))
        size += len(parts[-1])
    parts.append(bottom)
    return "".join(parts).encode("utf-8")


def staircase_page(target: int = BIG_PAGE_BYTES, depth: int = STAIRCASE_DEPTH,
                   seed: int = 20240417) -> tuple[bytes, str]:
    """A ~10 MB article whose paragraphs go down a staircase of <div>s `depth` deep, one
    paragraph on each step (<div><p/><div><p/><div>...), flight after flight: every <div> holds
    all the steps below it, so an extractor that reads each container's whole subtree (its
    text, its link density) does depth times the work of one that reads each element once."""
    writer = StoryWriter(seed)

    def flight(room: int) -> str:
        steps: list[str] = []
        size = 0
        while len(steps) < depth and size < room:
            steps.append("<div>" + writer.paragraph())
            size += len(steps[-1]) + len("</div>")
        return "".join(steps) + "</div>" * len(steps)

    return _article_page(writer, flight, target), "\n\n".join(writer.gold)


def wrapped_page(target: int = BIG_PAGE_BYTES, wraps: int = WRAPPED_DIVS, seed: int = 20240418) -> tuple[bytes, str]:
    """A ~10 MB article with each paragraph inside `wraps` nested <div>s, as page builders wrap
    them: many elements for little text (about 150,000 of them, near MAX_ELEMENTS)."""
    writer = StoryWriter(seed)
    return (_article_page(writer, lambda room: "<div>" * wraps + writer.paragraph() + "</div>" * wraps, target),
            "\n\n".join(writer.gold))


class Synthetic(NamedTuple):
    name: str
    make: Callable[[], tuple[bytes, str]]  # the page and its story (the gold)
    anchored: bool  # trafilatura runs on it too: its times are ratios to trafilatura's


SYNTHETIC = (
    Synthetic("live blog", big_page, True),
    Synthetic("staircase", staircase_page, True),
    Synthetic("staircase, half size", lambda: staircase_page(BIG_PAGE_BYTES // 2), False),
    Synthetic("wrapped", wrapped_page, True),
)


def synthetic_pages_test(tmp: Path, names: list[str], timeout: float, es: Any | None) -> dict[str, dict[str, Any]]:
    """Each synthetic page, each extractor on it in a fresh process: {page: {bytes, story_words,
    results: {extractor: worker result, with P/R/F1}}}."""
    out: dict[str, dict[str, Any]] = {}
    for synthetic in SYNTHETIC:
        data, gold = synthetic.make()
        page = tmp / "synthetic.html"
        page.write_bytes(data)
        found: dict[str, Any] = {"bytes": len(data), "story_words": len(gold.split()), "results": {}}
        for name in names if synthetic.anchored else names[:1]:
            text_file = tmp / f"synthetic-{name}.txt"
            r = run_worker(["--worker", name, "--page", str(page), "--out", str(text_file)], timeout)
            if "failed" not in r and es is not None and text_file.is_file():
                metrics, _ = es.score([gold], [text_file.read_text(encoding="utf-8")], n_bootstrap=0)
                r.update(precision=metrics["precision"], recall=metrics["recall"], f1=metrics["f1"])
            found["results"][name] = r
            shown = r.get("failed") or f"{r['seconds']:.1f} s ({r['cpu_s']:.1f} s CPU), peak {r['peak_mb']:.0f} MB"
            print(f"    {synthetic.name}, {name}: {shown}", file=sys.stderr, flush=True)
        out[synthetic.name] = found
    return out


def cpu_ratio(page: dict[str, Any] | None, anchor: str = "trafilatura") -> float | None:
    """cleannews' CPU time on a synthetic page over the anchor's on the same page."""
    results = (page or {}).get("results", {})
    mine, theirs = results.get("cleannews", {}), results.get(anchor, {})
    return mine["cpu_s"] / theirs["cpu_s"] if mine.get("cpu_s") and theirs.get("cpu_s") else None


# --- (f) appeals-dev: HTML, and MHTML made of it ----------------------------------------------------

CHARSET_META = re.compile(r"<meta\b[^>]*\bcharset\b[^>]*>", re.IGNORECASE)
HEAD_TAG = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
TITLE_TAG = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
BLINK_META = '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
SAVED_AT = 1713261600  # the Date header of every copy (2024-04-16 10:00 UTC): the files are reproducible


def mhtml_page(page: str, url: str) -> bytes:
    """The page as Chrome saves it as "Webpage, Single File": a multipart/related MIME message
    (CRLF line ends) whose first part is the page serialised as UTF-8, its own charset declaration
    replaced by Blink's, quoted-printable, with its Content-Location; then its resources (one
    stylesheet here). `page` is the decoded HTML."""
    page = page.replace("\r\n", "\n").replace("\r", "\n")  # as the HTML parser's input stream has it
    page = CHARSET_META.sub("", page)
    head = HEAD_TAG.search(page)
    page = page[:head.end()] + BLINK_META + page[head.end():] if head else BLINK_META + page
    found = TITLE_TAG.search(page)
    title = " ".join(html.unescape(found.group(1)).split()) if found else ""
    tag = hashlib.sha1(url.encode("utf-8")).hexdigest().upper()
    boundary = f"----MultipartBoundary--{tag}----"
    crlf = "\r\n"
    head_lines = [
        "From: <Saved by Blink>",
        f"Snapshot-Content-Location: {url}",
        f"Subject: {email.header.Header(title, 'utf-8').encode(linesep=crlf)}",
        f"Date: {email.utils.formatdate(SAVED_AT)}",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "", "",
        f"--{boundary}",
        "Content-Type: text/html",
        f"Content-ID: <frame-{tag[:32]}@mhtml.blink>",
        "Content-Transfer-Encoding: quoted-printable",
        f"Content-Location: {url}",
        "", "",
    ]
    body = quopri.encodestring(page.encode("utf-8")).replace(b"\n", b"\r\n")
    tail_lines = [
        "", f"--{boundary}",
        "Content-Type: text/css",
        "Content-Transfer-Encoding: quoted-printable",
        f"Content-Location: cid:css-{tag[:8]}-{tag[8:12]}-{tag[12:16]}-{tag[16:20]}-{tag[20:32]}@mhtml.blink",
        "", '@charset "utf-8";', "",
        f"--{boundary}--", "",
    ]
    return crlf.join(head_lines).encode("ascii") + body + crlf.join(tail_lines).encode("ascii")


def mhtml_case(case: Case, folder: Path, textutil: Any) -> Case:
    """An MHTML copy of an HTML case: the same page and gold, the gold's kind "mhtml". The page is
    decoded as textutil.py decodes it, the decoding the gold's strings were checked against."""
    url = case.gold.get("source", "").split(" ")[0] or f"file:///{case.name}.html"
    page = textutil._decode(case.input.read_bytes())
    return made_case(folder / case.name, {**case.gold, "kind": "mhtml", "mhtml_of": case.name}, mhtml_page(page, url))


def appeals_html(root: Path, tmp: Path, sa: Any, textutil: Any) -> dict[str, dict[str, Any]]:
    """appeals-dev's HTML cases and their MHTML copies, cleaned in-process, scored by score_appeals.py.
    Per kind: its cases' rows, summary, bodies and extractors."""
    html_cases = appeals_cases(root, ("html",))
    out: dict[str, dict[str, Any]] = {}
    for kind, cases in (("html", html_cases), ("mhtml", [mhtml_case(c, tmp / "mhtml", textutil) for c in html_cases])):
        results = [cleaned(case.input.read_bytes()) for case in cases]
        rows = score_outputs(sa, cases, [r.text for r in results], tmp / f"out-{kind}")
        for row, r in zip(rows, results, strict=True):
            row.update(extractor=r.extractor, clean_error=r.error)
        out[kind] = {"cases": cases, "rows": rows, "summary": sa.summarize(rows), "results": results}
        print(f"    appeals-dev {kind}: {len(cases)} cases done", file=sys.stderr, flush=True)
    return out


# --- (g) stories lost ---------------------------------------------------------------------------------


class Lost(NamedTuple):
    corpus: str
    id: str
    gold_words: int
    body_words: int
    extractor: str | None


def lost_stories(corpus: str, ids: list[str], golds: list[str], bodies: list[str],
                 extractor: dict[str, str]) -> list[Lost]:
    """The pages of one corpus whose story of 100+ words cleaned to (nearly) nothing."""
    return [Lost(corpus, i, words(g), words(b), extractor.get(i))
            for i, g, b in zip(ids, golds, bodies, strict=True) if story_lost(words(g), words(b))]


def extractor_counts(extractor: dict[str, str]) -> str:
    return ", ".join(f"{name} {n}" for name, n in Counter(extractor.values()).most_common())


# --- report -----------------------------------------------------------------------------------


def mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def speed_targets(mine: dict[str, Any], res: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for anchor, goal in (("readability-lxml", READABILITY_SPEED_TARGET), ("trafilatura", TRAFILATURA_SPEED_TARGET)):
        metric, target = f"docs/s / {anchor} docs/s", f">= {goal:.2f}"
        theirs = res.get(anchor, {}).get("docs_per_s")
        if theirs:
            ratio = mine["docs_per_s"] / theirs
            rows.append(check(metric, ratio, f"{ratio:.2f} ({mine['docs_per_s']:.1f} vs {theirs:.1f})", target,
                              ratio >= goal))
        else:
            rows.append(check(metric, None, "missing anchor", target, None))
    return rows


def pages_targets(pres: dict[str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """On the corpus of our own, cleannews (and with keep_captions) above readability-lxml's F1."""
    rows = []
    theirs = (pres or {}).get("readability-lxml", {}).get("f1")
    for name in ("cleannews", "cleannews-captions"):
        metric = f"F1, bench/pages ({name}) > readability-lxml's"
        mine = (pres or {}).get(name, {}).get("f1")
        if mine is None or theirs is None:
            rows.append(check(metric, None, "corpus missing" if pres is None else "not measured", "> anchor", None))
        else:
            rows.append(check(metric, mine, f"{mine:.3f} vs {theirs:.3f}", "> anchor", mine > theirs))
    return rows


def at_most(metric: str, value: float | None, target: float, shown: str, target_shown: str,
            why_missing: str) -> dict[str, Any]:
    if value is None:
        return check(metric, None, why_missing, target_shown, None)
    return check(metric, value, shown, target_shown, value <= target)


def synthetic_targets(big: dict[str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """The synthetic pages' targets: the live blog's time and memory; the staircase's and the
    wrapped page's CPU time as a share of trafilatura's, the staircase's memory and its growth
    from half size to full size (linear: 2)."""
    wanted = [
        ("10 MB live blog: clean() wall time", f"<= {BIG_SECONDS_TARGET:.0f} s"),
        ("10 MB live blog: peak RSS", f"<= {BIG_RSS_TARGET_MB:.0f} MB"),
        ("10 MB staircase: CPU time / trafilatura's", f"<= {STAIRCASE_TRAFILATURA:.2f}"),
        ("10 MB staircase: peak RSS", f"<= {STAIRCASE_RSS_TARGET_MB:.0f} MB"),
        ("10 MB staircase: CPU time / its half size's", f"<= {STAIRCASE_GROWTH:.2f}"),
        ("10 MB wrapped: CPU time / trafilatura's", f"<= {WRAPPED_TRAFILATURA:.2f}"),
    ]
    if big is None:
        return [check(metric, None, "skipped", target, None, gate=False) for metric, target in wanted]

    def mine(page: str) -> dict[str, Any]:
        return big.get(page, {}).get("results", {}).get("cleannews", {"failed": "not run"})

    def why(*pages: str) -> str:
        return next((str(mine(p)["failed"]) for p in pages if "failed" in mine(p)), "anchor missing")

    live, stairs, half = mine("live blog"), mine("staircase"), mine("staircase, half size")
    growth = stairs["cpu_s"] / half["cpu_s"] if "cpu_s" in stairs and half.get("cpu_s") else None
    values = [
        (live.get("seconds"), BIG_SECONDS_TARGET, f"{live.get('seconds', 0):.1f} s", why("live blog")),
        (live.get("peak_mb"), BIG_RSS_TARGET_MB, f"{mb(live.get('peak_mb'))} MB", why("live blog")),
        (cpu_ratio(big.get("staircase")), STAIRCASE_TRAFILATURA, "", why("staircase")),
        (stairs.get("peak_mb"), STAIRCASE_RSS_TARGET_MB, f"{mb(stairs.get('peak_mb'))} MB", why("staircase")),
        (growth, STAIRCASE_GROWTH, "", why("staircase", "staircase, half size")),
        (cpu_ratio(big.get("wrapped")), WRAPPED_TRAFILATURA, "", why("wrapped")),
    ]
    return [at_most(metric, value, target, shown or ("" if value is None else f"{value:.2f}"), target_shown, missing)
            for (metric, target_shown), (value, target, shown, missing) in zip(wanted, values, strict=True)]


def targets(res: dict[str, dict[str, Any]], pres: dict[str, dict[str, Any]] | None,
            appeals: dict[str, dict[str, Any]] | None, lost: list[Lost], lost_over: list[str],
            big: dict[str, dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Gated targets ("gate": True) and goals (not gated), each with its value and verdict."""
    mine = res["cleannews"]
    rows = [at_least("F1, ScrapingHub (body)", mine.get("f1"), F1_TARGET, missing="scorer missing")]
    rows += speed_targets(mine, res)
    rows += pages_targets(pres)
    for kind in ("html", "mhtml"):
        summary = None if appeals is None else appeals[kind]["summary"]
        rows += appeals_checks(f"appeals-dev {kind.upper()}", summary, APPEALS_KEEP_TARGET, APPEALS_DROP_TARGET)
    rows.append(check(f"stories lost ({', '.join(lost_over)})", len(lost), str(len(lost)), "= 0", not lost))
    return rows + synthetic_targets(big)


def load_extractors(names: tuple[str, ...], es: Any | None) -> tuple[dict[str, Callable[[Doc], str]], dict[str, str],
                                                                     dict[str, str], dict[str, str]]:
    """(extractors, versions, where each adapter comes from, missing ones with the reason)."""
    extractors: dict[str, Callable[[Doc], str]] = {}
    versions: dict[str, str] = {}
    sources: dict[str, str] = {}
    missing: dict[str, str] = {}
    for name in names:
        try:
            extractors[name], versions[name], sources[name] = make_extractor(name, es)
        except ImportError as exc:
            if name.startswith("cleannews"):
                raise SystemExit(f"bench: cannot load cleannews' HTML path ({exc})") from None
            missing[name] = f"{exc}; install the anchors with: {INSTALL_HINT}"
    return extractors, versions, sources, missing


def quality_table(names: tuple[str, ...], res: dict[str, dict[str, Any]], versions: dict[str, str],
                  missing: dict[str, str], extra: Callable[[str], list[str]], extra_header: list[str]) -> str:
    rows = []
    for name in names:
        if name in missing or name not in res:
            rows.append([name, "missing", "", "", "", "", "", *[""] * len(extra_header)])
            continue
        m = res[name]
        prf = ([f"{m[k]:.3f} ± {m[k + '_std']:.3f}" for k in ("precision", "recall", "f1")] + [str(m["n_empty"])]
               if "f1" in m else ["n/a"] * 4)
        rows.append([name, versions[name], *prf, str(m["n_errors"]), *extra(name)])
    return table(["extractor", "version", "precision", "recall", "F1", "empty", "errors", *extra_header], rows)


def print_appeals(appeals: dict[str, dict[str, Any]]) -> None:
    rows = []
    for kind in ("html", "mhtml"):
        for r in appeals[kind]["rows"]:
            title = "-" if r["title"] is None else ("yes" if r["title"] else "no")
            drop = "n/a" if r["drop"] is None else f"{r['drop']:.2f}"
            rows.append([r["case"], kind, f"{r['keep']:.2f}", drop, title, r["extractor"] or "",
                         ("trap " if r["trap"] else "") + (r["clean_error"] or r["error"] or "")])
    say(table(["case", "kind", "keep", "drop", "title", "extractor", "trap / error"], rows))
    summary_rows = []
    for kind in ("html", "mhtml"):
        s = appeals[kind]["summary"]
        summary_rows.append([kind, str(s["cases"]), f"{s['keep_recall_macro']:.3f}", f"{s['drop_rate_macro']:.3f}",
                             f"{s['keep_recall_micro']:.3f}", f"{s['drop_rate_micro']:.3f}", s["title_found"],
                             str(s["errors"]), str(s["perfect_cases"])])
    say(table(["kind", "cases", "keep", "drop", "keep micro", "drop micro", "title", "errors", "perfect"],
              summary_rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=SCRAPINGHUB, metavar="PATH",
                        help="the scrapinghub-aeb folder (html/*.html.gz, ground-truth.json)")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, metavar="PATH",
                        help="the corpus of our own, in the same layout (default bench/pages)")
    parser.add_argument("--appeals", type=Path, default=APPEALS, metavar="PATH",
                        help="the appeals-dev folder (its HTML cases are used)")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes; per-document median (default 3)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed documents per extractor first (default 3)")
    parser.add_argument("--limit", type=int, help="only the first N documents of ScrapingHub and of bench/pages "
                                                  "(a quick run, not the benchmark)")
    parser.add_argument("--skip-big", action="store_true", help="skip the synthetic 10 MB pages")
    parser.add_argument("--big-timeout", type=float, default=600.0, metavar="S",
                        help="kill a 10 MB page's process after S seconds (default 600)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails or cannot be measured")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--page", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.worker:
        return worker(args.worker, args.corpus, args.limit, args.page, args.out)

    docs = load_corpus(args.corpus, args.limit)
    pages = load_corpus(args.pages, args.limit, "--pages") if has_corpus(args.pages) else None
    es, sa, textutil = shared_tool("extract_score"), shared_tool("score_appeals"), shared_tool("textutil")
    html_cases = appeals_cases(args.appeals, ("html",)) if args.appeals.is_dir() else []
    try:
        import cleannews
    except ImportError as exc:
        raise SystemExit(f"bench: cannot import cleannews ({exc}); run: .venv/bin/pip install -e .") from None

    say(f"cleannews {cleannews.__version__} ({Path(cleannews.__file__).parent}) · Python "
        f"{platform.python_version()} ({sys.executable}) · {platform.system()} {platform.machine()} · "
        f"{os.cpu_count()} CPUs")
    say(f"corpus: {args.corpus} ({len(docs)} documents"
        + (f", --limit {args.limit}: a quick run, not the benchmark's numbers)" if args.limit else ")"))
    say(f"pages:  {args.pages} " + (f"({len(pages)} documents)" if pages is not None else
                                     "MISSING (want html/*.html.gz and ground-truth.json; give it with --pages PATH)"))
    say(f"appeals-dev: {args.appeals} ({len(html_cases)} HTML cases" + ("" if html_cases else ": MISSING") + ")")
    if es is None:
        say(f"scorer: MISSING ({TOOLS / 'extract_score.py'}): precision/recall/F1 cannot be computed")
    else:
        say(f"scorer: {Path(es.__file__)} (scrapinghub evaluate.py: \\w+ tokens, 4-token shingles, "
            "F1 = harmonic mean of mean precision and mean recall)")
    if sa is None or textutil is None:
        say(f"appeals scorer: MISSING ({TOOLS / 'score_appeals.py'}, textutil.py): appeals-dev cannot be scored")

    extractors, versions, sources, missing = load_extractors(EXTRACTORS, es)
    for name in extractors:
        adapter = "" if name == "cleannews" else f" ({sources[name]} adapter)"
        say(f"  {name} {versions[name]}: {CALL_OF[name]}{adapter}")
    for name, note in missing.items():
        say(f"  {name}: MISSING ({note})")
    say("note: cleannews is scored on Result.body, the story without its headline, as the gold articleBody has it.\n"
        "      It gets the raw page bytes (decoding and sniffing timed, as the CLI); the anchors get the decoded str,\n"
        "      as in extract_score.py.")

    res: dict[str, dict[str, Any]] = {}
    mem: dict[str, dict[str, Any]] = {}
    big: dict[str, dict[str, Any]] | None = None
    with one_core() as pinned, tempfile.TemporaryDirectory(prefix="bench-html-") as tmp:
        say(f"\n(a, b) quality and speed: {len(extractors)} extractors x {len(docs)} documents, interleaved "
            f"per document (rotating order), {args.repeat} pass(es), {pinned} ...")
        texts, errors, doc_s = run_interleaved(docs, extractors, args.repeat, args.warmup)
        for name in extractors:
            res[name] = quality_and_speed(docs, texts[name], errors[name], doc_s[name], es)

        say(f"\n(c) peak memory: each extractor alone over the corpus in a fresh process ({pinned}) ...")
        mem = peak_memory(list(extractors), args.corpus, args.limit)

        if not args.skip_big:
            names: list[str] = [n for n in ("cleannews", "trafilatura") if n in extractors]
            say(f"\n(d) synthetic ~{BIG_PAGE_BYTES / 2**20:.0f} MB pages: each extractor in a fresh process "
                f"({pinned}) ...")
            big = synthetic_pages_test(Path(tmp), names, args.big_timeout, es)

    chosen: dict[str, dict[str, str]] = {"scrapinghub": extractors["cleannews"].extractor}  # type: ignore[attr-defined]
    lost = lost_stories("scrapinghub", [d.id for d in docs], [d.gold for d in docs], texts["cleannews"],
                        chosen["scrapinghub"])
    lost_over = ["scrapinghub"]

    pres: dict[str, dict[str, Any]] | None = None
    page_versions: dict[str, str] = {}
    page_missing: dict[str, str] = {}
    if pages is not None:
        say(f"\n(e) the corpus of our own: {len(PAGES_EXTRACTORS)} extractors x {len(pages)} documents ...")
        page_extractors, page_versions, _, page_missing = load_extractors(PAGES_EXTRACTORS, es)
        page_texts, page_errors, page_s = run_interleaved(pages, page_extractors, 1, 0)
        pres = {n: quality_and_speed(pages, page_texts[n], page_errors[n], page_s[n], es) for n in page_extractors}
        chosen["pages"] = page_extractors["cleannews"].extractor  # type: ignore[attr-defined]
        lost += lost_stories("pages", [d.id for d in pages], [d.gold for d in pages], page_texts["cleannews"],
                             chosen["pages"])
        lost_over.append("pages")
    else:
        say(f"\n(e) the corpus of our own: MISSING at {args.pages}; its targets are not measured")

    appeals: dict[str, dict[str, Any]] | None = None
    if html_cases and sa is not None and textutil is not None:
        say(f"\n(f) appeals-dev: {len(html_cases)} HTML cases and their MHTML copies, in-process, "
            "scored by score_appeals.py ...")
        with tempfile.TemporaryDirectory(prefix="bench-appeals-") as tmp:
            appeals = appeals_html(args.appeals, Path(tmp), sa, textutil)
        for kind in ("html", "mhtml"):
            chosen[f"appeals-dev {kind}"] = {c.name: r.extractor for c, r in
                                             zip(appeals[kind]["cases"], appeals[kind]["results"], strict=True)
                                             if r.extractor is not None}
        cases, results = appeals["html"]["cases"], appeals["html"]["results"]
        lost += lost_stories("appeals-dev html", [c.name for c in cases],
                             [" ".join(c.gold["must_keep"]) for c in cases], [r.body for r in results],
                             chosen["appeals-dev html"])
        lost_over.append("appeals-dev html")
    else:
        say("\n(f) appeals-dev: MISSING (the corpus or its scorer); its targets are not measured")

    say("\nresults on ScrapingHub (P/R/F1 as extract_score.py: mean P, mean R, F1 of the two means; ± bootstrap std; "
        "docs/s = documents / sum of per-document median times, one core; peak MB = ru_maxrss of a "
        "process running that extractor alone over the corpus, baseline = after its imports)")

    def speed_and_memory(name: str) -> list[str]:
        m, r = res[name], mem.get(name, {})
        mem_cells = ([r.get("failed", "failed")[:40], ""] if "failed" in r or not r else
                     [mb(r["peak_mb"]), mb(None if r["peak_mb"] is None else r["peak_mb"] - r["baseline_mb"])])
        return [f"{m['docs_per_s']:.1f}", f"{m['ms_median']:.1f}", f"{m['ms_p90']:.1f}", *mem_cells]

    say(quality_table(EXTRACTORS, res, versions, missing, speed_and_memory,
                      ["docs/s", "ms med", "ms p90", "peak MB", "minus baseline"]))
    baselines = ", ".join(f"{n} {mb(r.get('baseline_mb'))}" for n, r in mem.items() if "failed" not in r)
    say(f"baseline RSS after imports, MB: {baselines}")

    mine = res["cleannews"]
    say("\nratios to the anchors (cleannews / anchor)")
    ratio_rows = []
    for name in ANCHORS:
        if name in missing:
            ratio_rows.append([name, "missing anchor", "", ""])
            continue
        f1_cells = (["n/a", "n/a"] if "f1" not in mine else
                    [f"{mine['f1'] / res[name]['f1']:.3f}" if res[name]["f1"] else "n/a",
                     f"{100 * (mine['f1'] - res[name]['f1']):+.1f}"])
        ratio_rows.append([name, *f1_cells, f"{mine['docs_per_s'] / res[name]['docs_per_s']:.2f}"])
    say(table(["anchor", "F1 ratio", "F1 diff (points)", "docs/s ratio"], ratio_rows))

    if big is not None:
        say("\nsynthetic pages (live blog: a news page with its clutter; staircase: paragraphs down "
            f"{STAIRCASE_DEPTH}-deep <div>s; wrapped: {WRAPPED_DIVS} <div>s around each paragraph): each extractor "
            "in a fresh process, pinned; time of the extract call only (process total, with start-up and "
            "imports, in brackets); CPU time beside it and, where trafilatura ran on the page, as a share of "
            "its; P/R/F1 vs the generated story, for reference")
        big_rows = []
        for page, found in big.items():
            ratio = cpu_ratio(found)
            for name, r in found["results"].items():
                label = f"{page} ({found['bytes'] / 2**20:.1f} MB)"
                if "failed" in r:
                    big_rows.append([label, name, r["failed"], "", "", "", "", "", "", ""])
                    continue
                prf = [f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}"] if "f1" in r else ["n/a"] * 3
                share = f"{ratio:.2f}" if name == "cleannews" and ratio is not None else ""
                big_rows.append([label, name, f"{r['seconds']:.1f} ({r['process_s']:.1f})", f"{r['cpu_s']:.1f}",
                                 share, mb(r["peak_mb"]), mb(r["baseline_mb"]), *prf])
        say(table(["page", "extractor", "wall s", "CPU s", "CPU / trafilatura", "peak RSS MB", "baseline MB",
                   "precision", "recall", "F1"], big_rows))

    if pres is not None and pages is not None:
        say(f"\nresults on the corpus of our own ({args.pages}, {len(pages)} documents; scored as above)")
        say(quality_table(PAGES_EXTRACTORS, pres, page_versions, page_missing, lambda n: [], []))

    if appeals is not None:
        say("\nappeals-dev (score_appeals.py: keep = share of must_keep strings in the output, drop = share of "
            "must_drop strings absent; macro over cases; the MHTML copies are made at run time)")
        print_appeals(appeals)

    if any(chosen.values()):
        say('\nwhich extractor produced the body (Result.metadata["extractor"])')
        say(table(["corpus", "counts"], [[corpus, extractor_counts(e)] for corpus, e in chosen.items()]))

    say(f"\nstories lost: pages with {LOST_RULE} (appeals-dev's story: its must_keep strings); "
        f"over {', '.join(lost_over)}: {len(lost)}")
    if lost:
        say(table(["corpus", "page", "story words", "body words", "extractor"],
                  [[x.corpus, x.id, str(x.gold_words), str(x.body_words), x.extractor or ""] for x in lost]))

    checks = targets(res, pres, appeals, lost, lost_over, big)
    say("\ntargets")
    say(targets_table(checks))
    if args.skip_big:
        say("(the 10 MB pages were skipped (--skip-big), so their targets are not checked)")
    for name in missing:
        say(f"note: the {name} anchor is missing; install it with: {INSTALL_HINT}")
    if es is None:
        say(f"note: the scorer is missing ({TOOLS / 'extract_score.py'}); F1 cannot be checked")

    if args.json:
        results = {
            "cleannews_version": cleannews.__version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "corpus": str(args.corpus),
            "documents": len(docs),
            "pages": None if pages is None else {"corpus": str(args.pages), "documents": len(pages), "results": pres},
            "limit": args.limit,
            "repeat": args.repeat,
            "scorer": None if es is None else str(Path(es.__file__)),
            "versions": versions,
            "calls": {n: CALL_OF[n] for n in extractors},
            "missing": missing,
            "results": res,
            "peak_memory": mem,
            "big_page": big,
            "appeals": None if appeals is None else {
                kind: {"summary": a["summary"], "cases": a["rows"]} for kind, a in appeals.items()},
            "extractor": chosen,
            "stories_lost": [x._asdict() for x in lost],
            "targets": [{k: v for k, v in c.items() if k != "shown"} for c in checks],
        }
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")

    return 1 if args.check and failed(checks) else 0


if __name__ == "__main__":
    sys.exit(main())
