"""Benchmark of the HTML path, run by hand (never as a unit test: timings on shared CI runners lie).

One run measures, on the ScrapingHub article-extraction benchmark (181 news pages with a gold
articleBody each; ../shared/corpora/scrapinghub-aeb):

  (a) quality: precision, recall and F1 exactly as ../shared/tools/extract_score.py defines them
      (its `score` is imported), for cleannews.clean() and the anchors: trafilatura.extract()
      (default, and include_comments=False) and readability-lxml (extract_score.py's adapter);
  (b) speed: documents per second on one core, in-process, the extractors interleaved per
      document with a rotating order, from the per-document median time of --repeat passes;
  (c) peak memory: each extractor alone over the corpus in a fresh process, ru_maxrss at the end
      minus the baseline after its imports;
  (d) a synthetic ~10 MB news page: clean() in a fresh process (wall time, peak RSS), next to
      trafilatura in its own process for reference;

then checks the targets:

  F1 (cleannews body vs gold articleBody)           >= 0.960
  docs/s / readability-lxml docs/s (same run)       >= 1.00   (goal vs trafilatura: >= 1.50)
  10 MB page: clean() wall time                     <= 30 s
  10 MB page: peak RSS of the process               <= 600 MB

Usage:
    .venv/bin/python bench/bench_html.py [--repeat 3] [--limit N] [--skip-big] [--json out.json] [--check]

The anchors come with `pip install -e '.[bench]'`. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import html
import importlib.metadata
import importlib.util
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any, NamedTuple

from common import one_core, say, table, verdict  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "scrapinghub-aeb"
SCORER_DIR = ROOT.parent / "shared" / "tools"  # extract_score.py: the scoring definition
INSTALL_HINT = "pip install -e '.[bench]'"

F1_TARGET = 0.960  # cleannews body F1 on the ScrapingHub benchmark: at least this
READABILITY_SPEED_TARGET = 1.0  # cleannews docs/s / readability-lxml docs/s: at least this
TRAFILATURA_SPEED_GOAL = 1.5  # cleannews docs/s / trafilatura docs/s: a goal, not gated
BIG_PAGE_BYTES = 10 * 1024 * 1024  # the synthetic page: about this size
BIG_SECONDS_TARGET = 30.0  # clean() on it: at most this
BIG_RSS_TARGET_MB = 600.0  # peak RSS of the process doing it: at most this

EXTRACTORS = ("cleannews", "trafilatura", "trafilatura-nocomments", "readability-lxml")
ANCHORS = EXTRACTORS[1:]
PACKAGE_OF = {"cleannews": "cleannews", "trafilatura": "trafilatura", "trafilatura-nocomments": "trafilatura",
              "readability-lxml": "readability"}
DIST_OF = {"cleannews": "cleannews", "trafilatura": "trafilatura", "trafilatura-nocomments": "trafilatura",
           "readability-lxml": "readability-lxml"}
CALL_OF = {
    "cleannews": "clean(html_bytes), body only",
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


def load_corpus(corpus: Path, limit: int | None) -> list[Doc]:
    truth_file = corpus / "ground-truth.json"
    pages = corpus_pages(corpus, None) if truth_file.is_file() else []
    if not pages:
        raise SystemExit(f"bench: no ScrapingHub corpus at {corpus} (want html/*.html.gz and ground-truth.json); "
                         "give its folder with --corpus PATH")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    docs = []
    for gz in corpus_pages(corpus, limit):
        doc_id = gz.name.split(".")[0]
        if doc_id not in truth:
            raise SystemExit(f"bench: {gz.name} has no entry in {truth_file}")
        raw = gzip.decompress(gz.read_bytes())
        docs.append(Doc(doc_id, raw, raw.decode("utf-8"), truth[doc_id]["articleBody"], truth[doc_id].get("url", "")))
    return docs


# --- the scorer -------------------------------------------------------------------------------


def scorer() -> Any | None:
    """../shared/tools/extract_score.py as a module, or None when it is not there."""
    if not (SCORER_DIR / "extract_score.py").is_file():
        return None
    if str(SCORER_DIR) not in sys.path:
        sys.path.insert(0, str(SCORER_DIR))
    try:
        import extract_score
    except Exception:  # a broken scorer is as good as a missing one; say so, do not crash
        return None
    return extract_score


# --- the extractors ---------------------------------------------------------------------------


def body_of(result: Any) -> tuple[str, bool]:
    """cleannews' story without its headline: `.text` is the title, a blank line, the story, and
    the gold articleBody has no headline. Returns (body, whether a title line was stripped)."""
    text, title = result.text, result.title
    if title and text.startswith(title):
        return text[len(title):].lstrip("\n"), True
    return text, False


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
    """clean(raw bytes), scored on the body; counts the documents whose title line was stripped."""

    def __init__(self) -> None:
        import cleannews
        import cleannews.read.html  # clean() loads it lazily on the first page: import it with the rest

        self.clean = cleannews.clean
        self.stripped: set[str] = set()  # ids of the documents whose title line was stripped

    def __call__(self, doc: Doc) -> str:
        body, stripped = body_of(self.clean(doc.raw))
        if stripped:
            self.stripped.add(doc.id)
        return body


def make_extractor(name: str, es: Any | None) -> tuple[Callable[[Doc], str], str, str]:
    """(callable(doc) -> text, version, where the adapter comes from). Raises ImportError."""
    if name == "cleannews":
        return CleanNews(), _version("cleannews"), "this repository"
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
    es = scorer()
    run, version, _ = make_extractor(name, es)
    baseline = max_rss_mb()
    result: dict[str, Any] = {"extractor": name, "version": version, "start_mb": start, "baseline_mb": baseline}
    if page is not None:
        raw = page.read_bytes()
        doc = Doc("big", raw, raw.decode("utf-8") if name != "cleannews" else "", "", "")
        t0 = time.perf_counter()
        text = run(doc)
        result["seconds"] = time.perf_counter() - t0
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


def big_page(target: int = BIG_PAGE_BYTES, seed: int = 20240416) -> tuple[bytes, str]:
    """A realistic ~10 MB live-blog news page, and its story (subheads and paragraphs) as gold.

    Scripts and styles (an inline state blob, JSON-LD, CSS) make about a fifth of it; a mega-menu,
    a donation banner, sidebars (most read, ads, newsletter) and a footer surround a long article
    nested some twenty elements deep, whose entries carry figures, data tables, related-links
    lists, embedded posts and donation boxes between the story paragraphs."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(12, 32))]
        if rng.random() < 0.5:
            words.insert(rng.randint(0, len(words)), rng.choice(NAMES))
        if rng.random() < 0.4:
            words.insert(rng.randint(0, len(words)), f"in {rng.choice(PLACES)}")
        if rng.random() < 0.3:
            words.insert(rng.randint(0, len(words)), f"{rng.randint(2, 980)}")
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])

    def headline() -> str:
        return f"{rng.choice(NAMES)} {rng.choice(WORDS)} {rng.choice(WORDS)} in {rng.choice(PLACES)}".title()

    def link(text: str) -> str:
        return f"<a href=\"/news/{rng.randint(10**6, 10**7)}/{text.lower().replace(' ', '-')[:40]}\">{text}</a>"

    gold: list[str] = []

    def story_paragraph() -> str:
        text = " ".join(sentence() for _ in range(rng.randint(2, 5)))
        gold.append(text)
        marked = html.escape(text, quote=False)
        if rng.random() < 0.3:  # inline markup, as real paragraphs have
            words = marked.split(" ")
            at = rng.randint(0, max(0, len(words) - 3))
            tag = rng.choice(["a", "em", "strong"])
            opener = f"<a href=\"/topic/{words[at].lower()}\">" if tag == "a" else f"<{tag}>"
            words[at:at + 3] = [opener + " ".join(words[at:at + 3]) + f"</{tag}>"]
            marked = " ".join(words)
        return f"<p>{marked}</p>"

    title = "Live: " + headline()
    css = "".join(f".c{i}-{rng.choice(WORDS)}{{margin:0 {i % 9}px;padding:{i % 7}px {i % 5}em;color:#{i % 4096:03x};"
                  f"display:{rng.choice(['flex', 'block', 'grid'])}}}\n" for i in range(target // 900))
    teasers = [{"id": rng.randint(10**6, 10**7), "headline": headline(), "standfirst": sentence(),
                "url": f"/news/{i}", "tags": rng.sample(WORDS, 4)} for i in range(target // 1400)]
    state = json.dumps({"page": {"type": "liveblog", "title": title}, "teasers": teasers})
    head = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | The Daily Record</title>"
            f"<meta property=\"og:title\" content=\"{title}\"><meta name=\"viewport\" content=\"width=device-width\">"
            f"<style>{css}</style><script>window.__STATE__ = {state};</script>"
            "<script type=\"application/ld+json\">"
            + json.dumps({"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": title,
                          "datePublished": "2024-04-16T06:00:00Z", "author": {"@type": "Person", "name": NAMES[0]}})
            + "</script><script src=\"/static/app.js\" defer></script></head>")
    menu = "".join(f"<li class=\"menu__item\">{link(headline())}</li>" for _ in range(400))
    top = (f"{head}<body class=\"liveblog\"><div id=\"app\"><header class=\"site-header\"><nav class=\"main-nav\">"
           f"<ul class=\"menu\">{menu}</ul></nav></header>{DONATION}<div class=\"page\"><div class=\"page__inner\">"
           "<div class=\"grid\"><div class=\"grid__col grid__col--main\"><main id=\"main\"><article class=\"article\">"
           f"<header class=\"article__header\"><h1>{title}</h1><p class=\"byline\">By {NAMES[0]} and {NAMES[1]}"
           "</p><time datetime=\"2024-04-16\">16 April 2024</time></header><div class=\"article__body\">"
           "<div class=\"liveblog__entries\">")
    most_read = "".join(f"<li>{link(headline())}</li>" for _ in range(50))
    ads = "".join(f"<div class=\"ad-slot\" data-ad-unit=\"sidebar-{i}\"><div class=\"ad__label\">Advertisement"
                  "</div></div>" for i in range(20))
    footer_links = "".join(f"<li>{link(headline())}</li>" for _ in range(300))
    bottom = ("</div></div></article></main></div><aside class=\"sidebar grid__col\"><section class=\"most-read\">"
              f"<h2>Most read</h2><ol>{most_read}</ol></section>{ads}{NEWSLETTER}</aside></div></div></div>"
              f"<footer class=\"site-footer\"><ul>{footer_links}</ul><p>© 2024 The Daily Record</p></footer></div>"
              "<script>" + "".join(f"window.dataLayer.push({{event:'view',slot:{i}}});" for i in range(2000))
              + "</script></body></html>")
    parts, size, n = [top], len(top) + len(bottom), 0
    while size < target:
        n += 1
        hour, minute = 23 - (n // 60) % 24, 59 - n % 60
        subhead = headline()
        gold.append(subhead)
        entry = [f"<div class=\"liveblog__entry\" id=\"entry-{n}\"><div class=\"entry__wrap\">"
                 "<div class=\"entry__meta\">"
                 f"<time>{hour:02d}:{minute:02d}</time></div><div class=\"entry__body\"><div class=\"rich-text\">"
                 f"<div class=\"rt-inner\"><h2>{subhead}</h2>"]
        entry += [story_paragraph() for _ in range(rng.randint(3, 6))]
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
        entry += [story_paragraph() for _ in range(rng.randint(0, 3))]
        if n % 10 == 0:
            entry.append("<aside class=\"related\"><h3>Related</h3><ul>"
                         + "".join(f"<li>Read more: {link(headline())}</li>" for _ in range(5)) + "</ul></aside>")
        if n % 30 == 0:
            entry.append(f"<blockquote class=\"embed-post\"><p>{html.escape(sentence())}</p>— {rng.choice(NAMES)} "
                         "(@handle)</blockquote><script async src=\"https://platform.example/widgets.js\"></script>")
        if n % 25 == 0:
            entry.append(DONATION)
        entry.append("<div class=\"entry__share\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on X</a>"
                     "</div></div></div></div></div></div>")
        chunk = "".join(entry)
        parts.append(chunk)
        size += len(chunk)
    parts.append(bottom)
    return "".join(parts).encode("utf-8"), "\n\n".join(gold)


def big_page_test(tmp: Path, names: list[str], timeout: float, es: Any | None) -> dict[str, Any]:
    data, gold = big_page()
    page = tmp / "big-page.html"
    page.write_bytes(data)
    out: dict[str, Any] = {"bytes": len(data), "story_words": len(gold.split()), "results": {}}
    for name in names:
        text_file = tmp / f"big-{name}.txt"
        r = run_worker(["--worker", name, "--page", str(page), "--out", str(text_file)], timeout)
        if "failed" not in r and es is not None and text_file.is_file():
            metrics, _ = es.score([gold], [text_file.read_text(encoding="utf-8")], n_bootstrap=0)
            r.update(precision=metrics["precision"], recall=metrics["recall"], f1=metrics["f1"])
        out["results"][name] = r
        shown = r.get("failed") or f"{r['seconds']:.1f} s, peak {r['peak_mb']:.0f} MB"
        print(f"    {name}: {shown}", file=sys.stderr, flush=True)
    return out


# --- report -----------------------------------------------------------------------------------


def mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def targets(res: dict[str, dict[str, Any]], big: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Gated targets ("gate": True) and the goal (not gated), each with its value and verdict."""
    rows: list[dict[str, Any]] = []
    mine = res["cleannews"]
    f1 = mine.get("f1")
    rows.append({"metric": "F1, ScrapingHub (body)", "value": f1,
                 "shown": f"{f1:.3f}" if f1 is not None else "scorer missing",
                 "target": f">= {F1_TARGET:.3f}", "ok": None if f1 is None else f1 >= F1_TARGET, "gate": True})
    for anchor, goal, label in (("readability-lxml", READABILITY_SPEED_TARGET, "target"),
                                ("trafilatura", TRAFILATURA_SPEED_GOAL, "goal")):
        metric = f"docs/s / {anchor} docs/s"
        theirs = res.get(anchor, {}).get("docs_per_s")
        if theirs:
            ratio = mine["docs_per_s"] / theirs
            rows.append({"metric": metric, "value": ratio,
                         "shown": f"{ratio:.2f} ({mine['docs_per_s']:.1f} vs {theirs:.1f})",
                         "target": f">= {goal:.2f}" + (" (goal)" if label == "goal" else ""),
                         "ok": ratio >= goal, "gate": label == "target"})
        else:
            rows.append({"metric": metric, "value": None, "shown": "missing anchor",
                         "target": f">= {goal:.2f}" + (" (goal)" if label == "goal" else ""), "ok": None,
                         "gate": label == "target"})
    r = (big or {}).get("results", {}).get("cleannews")
    if r is None:
        rows.append({"metric": "10 MB page: clean() wall time", "value": None, "shown": "skipped",
                     "target": f"<= {BIG_SECONDS_TARGET:.0f} s", "ok": None, "gate": False})
        rows.append({"metric": "10 MB page: peak RSS", "value": None, "shown": "skipped",
                     "target": f"<= {BIG_RSS_TARGET_MB:.0f} MB", "ok": None, "gate": False})
    elif "failed" in r:
        timed_out = r.get("timed_out", False)
        rows.append({"metric": "10 MB page: clean() wall time", "value": None, "shown": r["failed"],
                     "target": f"<= {BIG_SECONDS_TARGET:.0f} s", "ok": False if timed_out else None, "gate": True})
        rows.append({"metric": "10 MB page: peak RSS", "value": None, "shown": "not measured",
                     "target": f"<= {BIG_RSS_TARGET_MB:.0f} MB", "ok": None, "gate": True})
    else:
        rows.append({"metric": "10 MB page: clean() wall time", "value": r["seconds"], "shown": f"{r['seconds']:.1f} s",
                     "target": f"<= {BIG_SECONDS_TARGET:.0f} s", "ok": r["seconds"] <= BIG_SECONDS_TARGET,
                     "gate": True})
        peak = r.get("peak_mb")
        rows.append({"metric": "10 MB page: peak RSS", "value": peak, "shown": f"{mb(peak)} MB",
                     "target": f"<= {BIG_RSS_TARGET_MB:.0f} MB",
                     "ok": None if peak is None else peak <= BIG_RSS_TARGET_MB, "gate": True})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="PATH",
                        help="the scrapinghub-aeb folder (html/*.html.gz, ground-truth.json)")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes; per-document median (default 3)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed documents per extractor first (default 3)")
    parser.add_argument("--limit", type=int, help="only the first N documents (a quick run, not the benchmark)")
    parser.add_argument("--skip-big", action="store_true", help="skip the synthetic 10 MB page")
    parser.add_argument("--big-timeout", type=float, default=600.0, metavar="S",
                        help="kill a 10 MB page process after S seconds (default 600)")
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
    es = scorer()
    try:
        import cleannews
    except ImportError as exc:
        raise SystemExit(f"bench: cannot import cleannews ({exc}); run: .venv/bin/pip install -e .") from None

    say(f"cleannews {cleannews.__version__} · Python {platform.python_version()} ({sys.executable}) · "
        f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPUs")
    say(f"corpus: {args.corpus} ({len(docs)} documents"
        + (f", --limit {args.limit}: a quick run, not the benchmark's numbers)" if args.limit else ")"))
    if es is None:
        say(f"scorer: MISSING ({SCORER_DIR / 'extract_score.py'}): precision/recall/F1 cannot be computed")
    else:
        say(f"scorer: {Path(es.__file__)} (scrapinghub evaluate.py: \\w+ tokens, 4-token shingles, "
            "F1 = harmonic mean of mean precision and mean recall)")

    extractors: dict[str, Callable[[Doc], str]] = {}
    versions: dict[str, str] = {}
    missing: dict[str, str] = {}
    for name in EXTRACTORS:
        try:
            extractors[name], versions[name], source = make_extractor(name, es)
        except ImportError as exc:
            if name == "cleannews":
                raise SystemExit(f"bench: cannot load cleannews' HTML path ({exc})") from None
            missing[name] = f"{exc}; install the anchors with: {INSTALL_HINT}"
            continue
        say(f"  {name} {versions[name]}: {CALL_OF[name]}" + ("" if name == "cleannews" else f" ({source} adapter)"))
    for name, note in missing.items():
        say(f"  {name}: MISSING ({note})")
    say("note: the gold articleBody has no headline, so cleannews is scored on its BODY: the leading title line\n"
        "      and blank line are stripped from .text when .title is set. cleannews gets the raw page bytes\n"
        "      (decoding and sniffing timed, as the CLI); the anchors get the decoded str, as in extract_score.py.")

    res: dict[str, dict[str, Any]] = {}
    mem: dict[str, dict[str, Any]] = {}
    big: dict[str, Any] | None = None
    with one_core() as pinned, tempfile.TemporaryDirectory(prefix="bench-html-") as tmp:
        say(f"\n(a, b) quality and speed: {len(extractors)} extractors x {len(docs)} documents, interleaved "
            f"per document (rotating order), {args.repeat} pass(es), {pinned} ...")
        texts, errors, doc_s = run_interleaved(docs, extractors, args.repeat, args.warmup)
        for name in extractors:
            res[name] = quality_and_speed(docs, texts[name], errors[name], doc_s[name], es)
        stripped = extractors["cleannews"].stripped  # type: ignore[attr-defined]
        res["cleannews"]["title_stripped"] = sum(d.id in stripped for d in docs)

        say(f"\n(c) peak memory: each extractor alone over the corpus in a fresh process ({pinned}) ...")
        mem = peak_memory(list(extractors), args.corpus, args.limit)

        if not args.skip_big:
            names = [n for n in ("cleannews", "trafilatura") if n in extractors]
            say(f"\n(d) synthetic ~{BIG_PAGE_BYTES / 2**20:.0f} MB page: each in a fresh process ({pinned}) ...")
            big = big_page_test(Path(tmp), names, args.big_timeout, es)

    say("\nresults (P/R/F1 as extract_score.py: mean P, mean R, F1 of the two means; ± bootstrap std; "
        "docs/s = documents / sum of per-document median times, one core; peak MB = ru_maxrss of a "
        "process running that extractor alone over the corpus, baseline = after its imports)")
    rows = []
    for name in EXTRACTORS:
        if name in missing:
            rows.append([name, "missing", "", "", "", "", "", "", "", "", "", ""])
            continue
        m, r = res[name], mem.get(name, {})
        prf = ([f"{m[k]:.3f} ± {m[k + '_std']:.3f}" for k in ("precision", "recall", "f1")] + [str(m["n_empty"])]
               if "f1" in m else ["n/a"] * 4)
        mem_cells = ([r.get("failed", "failed")[:40], ""] if "failed" in r or not r else
                     [mb(r["peak_mb"]), mb(None if r["peak_mb"] is None else r["peak_mb"] - r["baseline_mb"])])
        rows.append([name, versions[name], *prf, str(m["n_errors"]), f"{m['docs_per_s']:.1f}",
                     f"{m['ms_median']:.1f}", f"{m['ms_p90']:.1f}", *mem_cells])
    say(table(["extractor", "version", "precision", "recall", "F1", "empty", "errors", "docs/s",
               "ms med", "ms p90", "peak MB", "minus baseline"], rows))
    baselines = ", ".join(f"{n} {mb(r.get('baseline_mb'))}" for n, r in mem.items() if "failed" not in r)
    say(f"baseline RSS after imports, MB: {baselines}")
    say(f"cleannews: title line stripped on {res['cleannews']['title_stripped']} of {len(docs)} documents")

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
        say(f"\nsynthetic page: {big['bytes'] / 2**20:.1f} MB of HTML, {big['story_words']:,} story words; "
            "each extractor in a fresh process, pinned; time of the extract call only "
            "(process total, with start-up and imports, in brackets); P/R/F1 vs the generated story, for reference")
        big_rows = []
        for name, r in big["results"].items():
            if "failed" in r:
                big_rows.append([name, r["failed"], "", "", "", "", ""])
                continue
            prf = ([f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}"] if "f1" in r else ["n/a"] * 3)
            big_rows.append([name, f"{r['seconds']:.1f} ({r['process_s']:.1f})", mb(r["peak_mb"]),
                             mb(r["baseline_mb"]), *prf])
        say(table(["extractor", "wall s", "peak RSS MB", "baseline MB", "precision", "recall", "F1"], big_rows))

    checks = targets(res, big)
    say("\ntargets")
    say(table(["metric", "value", "target", "result"],
              [[c["metric"], c["shown"], c["target"],
                verdict(c["ok"]) if c["gate"] else ("" if c["ok"] is None else ("met" if c["ok"] else "not met"))]
               for c in checks]))
    say("(the trafilatura speed ratio is a goal: --check does not gate on it"
        + ("; the 10 MB page was skipped (--skip-big), so its targets are not checked)" if args.skip_big else ")"))
    for name in missing:
        say(f"note: the {name} anchor is missing; install it with: {INSTALL_HINT}")
    if es is None:
        say(f"note: the scorer is missing ({SCORER_DIR / 'extract_score.py'}); F1 cannot be checked")

    if args.json:
        results = {
            "cleannews_version": cleannews.__version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "corpus": str(args.corpus),
            "documents": len(docs),
            "limit": args.limit,
            "repeat": args.repeat,
            "scorer": None if es is None else str(Path(es.__file__)),
            "versions": versions,
            "calls": {n: CALL_OF[n] for n in extractors},
            "missing": missing,
            "results": res,
            "peak_memory": mem,
            "big_page": big,
            "targets": [{k: v for k, v in c.items() if k != "shown"} for c in checks],
        }
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")

    gated = [c for c in checks if c["gate"]]
    return 1 if args.check and any(c["ok"] is not True for c in gated) else 0


if __name__ == "__main__":
    sys.exit(main())
