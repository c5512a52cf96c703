"""Benchmark of text as people pipe it (issue 11), run by hand (never as a unit test).

One run measures, for this checkout and beside it the previous release (a git revision, default
b57e721, extracted with `git archive` into a temporary folder and run from there with the same
interpreter and dependencies), each in a fresh process:

  (a) the ScrapingHub pages (../shared/corpora/scrapinghub-aeb) dumped to text four ways at run
      time, under LC_ALL=C.UTF-8: `w3m -dump` and `lynx -dump` as typed (80 columns),
      `w3m -dump -cols 4000` and `lynx -dump -nolist -width=4000`; the story body (Result.body,
      or for a release without it the text without its title line) scored against the gold
      articleBody by ../shared/tools/extract_score.py, per way and over all of them;
  (b) the clean output of every dump piped through `fmt -w 70` and cleaned again: the share of
      its words (\\w+ tokens, counted with their repeats) the second output still has;
  (c) appeals-dev's text cases (scrapes, renditions, browser copies) and 80-column `w3m -dump`
      and `lynx -dump` renditions of its HTML cases made at run time (their gold derived as the
      corpus's README says: the HTML case's gold minus the strings the rendition no longer
      contains verbatim), scored by ../shared/tools/score_appeals.py;
  (d) the text path's speed: bench_text.py's throughput() on seed-sized documents, one core,
      the two releases alternating in fresh processes.

The quality parts run on a process pool (--jobs, default 2); the timing does not. Targets,
checked on this checkout (the previous release is printed beside it):

  story body F1, all four ways together              >= 0.90
  story body F1, each way                            >= 0.85
  words kept through `fmt -w 70`, each way (mean)    >= 0.98
  appeals-dev text: keep 1.00, drop >= 0.98, trap cases kept whole
  text path, seed-sized documents per second         >= 1,000

Usage:
    .venv/bin/python bench/bench_dumps.py [--previous REV] [--limit N] [--jobs 2] [--json FILE] [--check]

See bench/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from common import (  # bench/ is on sys.path when run as a script
    APPEALS,
    ROOT,
    SCRAPINGHUB,
    TOOLS,
    Case,
    appeals_cases,
    appeals_checks,
    at_least,
    cleaned,
    failed,
    made_case,
    one_core,
    say,
    score_outputs,
    shared_tool,
    table,
    verdict,
)

PREVIOUS = "b57e721"  # the previous release: the last commit before issue 11's work began
WAYS = {  # how a page is dumped to text, as people type it
    "w3m80": ["w3m", "-dump"],
    "lynx80": ["lynx", "-dump"],
    "w3mwide": ["w3m", "-dump", "-cols", "4000"],
    "lynxwide": ["lynx", "-dump", "-nolist", "-width=4000"],
}
RENDITION_WAYS = ("w3m80", "lynx80")  # the ways appeals-dev's HTML cases are dumped here
TEXT_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}  # renderers and fmt read and write UTF-8
INSTALL_HINT = "Debian/Ubuntu: sudo apt-get install w3m lynx (fmt is in coreutils); macOS: brew install w3m lynx"
RENDER_TIMEOUT = 120.0  # seconds per page and renderer
MIN_RENDITION_KEEP = 4  # a rendition left with fewer must_keep strings is not a case (appeals-dev's README)

F1_OVERALL_TARGET = 0.90
F1_EACH_TARGET = 0.85
FMT_KEPT_TARGET = 0.98
APPEALS_KEEP_TARGET = 1.00
APPEALS_DROP_TARGET = 0.98
DOCS_PER_SECOND_TARGET = 1000.0


# --- making the inputs -----------------------------------------------------------------------------


def need_tools() -> dict[str, str]:
    """The renderers' and fmt's versions; exits with how to install them when one is missing."""
    missing = [tool for tool in ("w3m", "lynx", "fmt") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"bench: {', '.join(missing)} not found; install them ({INSTALL_HINT})")
    flags = {"w3m": "-version", "lynx": "-version", "fmt": "--version"}
    return {tool: subprocess.run([tool, flag], capture_output=True, text=True).stdout.split("\n")[0].split(",")[0]
            for tool, flag in flags.items()}


class Dumped(NamedTuple):
    way: str
    id: str
    path: Path | None  # None when the renderer failed on the page
    error: str | None


def dump(way: str, page: Path, out: Path) -> Dumped:
    """`<renderer> ... page.html` run in the page's folder, as typed (the .html name makes the
    renderers read it as HTML); stdout stored as it came."""
    doc_id = page.name.removesuffix(".html")
    try:
        proc = subprocess.run([*WAYS[way], page.name], cwd=page.parent, env=TEXT_ENV, capture_output=True,
                              timeout=RENDER_TIMEOUT)
    except subprocess.TimeoutExpired:
        return Dumped(way, doc_id, None, f"timeout {RENDER_TIMEOUT:g} s")
    if proc.returncode != 0 or not proc.stdout.strip():
        return Dumped(way, doc_id, None, f"exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-200:]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(proc.stdout)
    return Dumped(way, doc_id, out, None)


def dump_all(pages: list[Path], ways: tuple[str, ...], folder: Path, jobs: int) -> list[Dumped]:
    tasks = [(way, page, folder / way / f"{page.name.removesuffix('.html')}.txt") for way in ways for page in pages]
    with ThreadPoolExecutor(jobs) as pool:
        return list(pool.map(lambda t: dump(*t), tasks))


def scrapinghub_pages(corpus: Path, folder: Path, limit: int | None) -> tuple[list[Path], dict[str, str]]:
    """The corpus's pages written as <id>.html into `folder`, and the gold articleBody of each."""
    truth_file = corpus / "ground-truth.json"
    gzs = sorted((corpus / "html").glob("*.html.gz"))[:limit]
    if not truth_file.is_file() or not gzs:
        raise SystemExit(f"bench: no ScrapingHub corpus at {corpus} (want html/*.html.gz and ground-truth.json); "
                         "give its folder with --corpus PATH")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    folder.mkdir(parents=True)
    pages = []
    for gz in gzs:
        page = folder / gz.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(gz.read_bytes()))
        pages.append(page)
    return pages, {p.name.removesuffix(".html"): truth[p.name.removesuffix(".html")]["articleBody"] for p in pages}


def rendition_gold(gold: dict[str, Any], of: str, way: str, text: str, norm: Any) -> dict[str, Any] | None:
    """An HTML case's gold for its rendition: minus the strings the rendition no longer contains
    verbatim (NFKC, zero-width characters removed, whitespace folded: textutil.norm); None when
    fewer than four must_keep strings are left, as appeals-dev's README rules."""
    seen = norm(text)
    keep = [s for s in gold["must_keep"] if norm(s) in seen]
    if len(keep) < MIN_RENDITION_KEEP:
        return None
    drops = [i for i, s in enumerate(gold["must_drop"]) if norm(s) in seen]
    title = gold.get("title")
    title_lost = bool(title) and norm(title) not in seen
    new = {**gold, "kind": "text", "must_keep": keep, "must_drop": [gold["must_drop"][i] for i in drops],
           "title": None if title_lost else title, "rendition_of": of,
           "renderer": f"LC_ALL=C.UTF-8 {' '.join(WAYS[way])} page.html",
           "removed_in_rendition": {"must_keep": [s for s in gold["must_keep"] if s not in keep],
                                    "must_drop": [s for i, s in enumerate(gold["must_drop"]) if i not in drops],
                                    "title": title if title_lost else None}}
    kinds = gold.get("must_drop_kinds")
    if kinds is not None and len(kinds) == len(gold["must_drop"]):
        new["must_drop_kinds"] = [kinds[i] for i in drops]
    return new


def rendition_cases(root: Path, folder: Path, jobs: int, norm: Any) -> tuple[list[Case], list[str]]:
    """80-column w3m and lynx renditions of appeals-dev's HTML cases, as cases of their own; and
    notes on the renditions left out (a renderer failed, too few must_keep strings left)."""
    html_cases = appeals_cases(root, ("html",))
    pages_dir = folder / "html"
    pages_dir.mkdir(parents=True)
    for case in html_cases:
        (pages_dir / f"{case.name}.html").write_bytes(case.input.read_bytes())
    dumped = dump_all(sorted(pages_dir.glob("*.html")), RENDITION_WAYS, folder / "dumps", jobs)
    by_name = {c.name: c for c in html_cases}
    cases, notes = [], []
    for d in dumped:
        name = f"{d.id}--{d.way}"
        if d.path is None:
            notes.append(f"{name}: {d.error}")
            continue
        data = d.path.read_bytes()
        gold = rendition_gold(by_name[d.id].gold, d.id, d.way, data.decode("utf-8", "replace"), norm)
        if gold is None:
            notes.append(f"{name}: fewer than {MIN_RENDITION_KEEP} must_keep strings left; not a case")
            continue
        cases.append(made_case(folder / "cases" / name, gold, data))
    return sorted(cases, key=lambda c: c.name), notes


def previous_src(rev: str, folder: Path) -> Path:
    """`git archive REV src` of this repository, unpacked into `folder`: the previous release's code."""
    proc = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "src"], capture_output=True)
    if proc.returncode != 0:
        raise SystemExit(f"bench: git archive {rev} failed: {proc.stderr.decode('utf-8', 'replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder / "src"


def describe(rev: str) -> str:
    proc = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s", rev], capture_output=True, text=True)
    return proc.stdout.strip() or rev


# --- the workers: one release, in a fresh process --------------------------------------------------


def fmt_70(text: str) -> bytes:
    return subprocess.run(["fmt", "-w", "70"], input=text.encode("utf-8"), capture_output=True, env=TEXT_ENV,
                          check=True).stdout


def clean_dump(path: str) -> dict[str, Any]:
    """A dump cleaned; and its clean text through `fmt -w 70` cleaned again."""
    first = cleaned(Path(path).read_bytes())
    again = cleaned(fmt_70(first.text)).text if first.text.strip() else ""
    return {"body": first.body, "text": first.text, "again": again, "error": first.error}


def clean_case(path: str) -> dict[str, Any]:
    result = cleaned(Path(path).read_bytes())
    return {"text": result.text, "error": result.error}


def loaded_from() -> dict[str, Any]:
    import importlib.machinery

    import cleannews

    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return {"version": cleannews.__version__, "file": str(Path(cleannews.__file__).resolve()),
            "compiled": any(str(getattr(module, "__file__", "")).endswith(suffixes)  # those cleannews imports
                            for name, module in list(sys.modules.items()) if name.startswith("cleannews."))}


def quality_worker(tasks_file: Path, out: Path, jobs: int) -> int:
    """Clean every dump and appeals case of the task file with the cleannews on PYTHONPATH; the
    parent scores the outputs, so both releases are scored by the same code."""
    tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
    info = loaded_from()  # imported before the pool forks: the workers share it
    with multiprocessing.Pool(jobs) as pool:
        dumps = pool.map(clean_dump, tasks["dumps"], chunksize=4)
        cases = pool.map(clean_case, tasks["appeals"], chunksize=2)
    out.write_text(json.dumps({**info, "dumps": dumps, "appeals": cases}), encoding="utf-8")
    return 0


def speed_worker(seconds: float, docs: int, out: Path) -> int:
    """bench_text.py's throughput of the cleannews on PYTHONPATH, pinned to one core."""
    import bench_text

    texts = bench_text.fixture_texts() + bench_text.generated_texts(docs)
    with one_core() as pinned:
        result = bench_text.throughput(texts, seconds, bench_text.WARMUP)
    out.write_text(json.dumps({**loaded_from(), **result, "pinned": pinned}), encoding="utf-8")
    return 0


class Release(NamedTuple):
    label: str  # "now", "compiled" or "previous"
    name: str  # what the report calls it
    src: Path


def releases_to_compare(previous: str, folder: Path, compiled: bool = False) -> list[Release]:
    """This checkout, after the previous release (`git archive` of it into `folder`) unless
    `previous` is "none", and with `compiled` this checkout's compiled wheel too; each named on
    stderr."""
    found = [Release("now", "this checkout", ROOT / "src")]
    if previous != "none":
        found.insert(0, Release("previous", describe(previous), previous_src(previous, folder)))
    if compiled:
        found.append(compiled_release(folder / "compiled"))
    for r in found:
        say(f"{r.label}: {r.name} ({r.src})")
    return found


def compiled_release(folder: Path) -> Release:
    """This checkout as its compiled wheel is built (setup.py: CLEANNEWS_COMPILE=1, with the mypy
    and setuptools of this interpreter) and unpacked into `folder`: what a user of that wheel runs."""
    wheels = folder / "wheel"
    say("building this checkout's compiled wheel (mypyc, about a minute of CPU) ...")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-build-isolation", "--no-deps",
                           "-w", str(wheels), str(ROOT)], env={**os.environ, "CLEANNEWS_COMPILE": "1"},
                          capture_output=True, text=True)
    built = sorted(wheels.glob("*.whl"))
    if proc.returncode != 0 or not built:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"bench: the compiled wheel could not be built ({last}); it needs mypy, "
                         "setuptools>=77 and a C compiler: pip install -e '.[bench]'")
    with zipfile.ZipFile(built[0]) as wheel:
        wheel.extractall(folder / "site")
    return Release("compiled", "this checkout, compiled (mypyc)", folder / "site")


def run_release(release: Release, args: list[str], out: Path) -> dict[str, Any]:
    """This script as a worker, in a fresh process whose cleannews is the release's src."""
    env = {**os.environ, "PYTHONPATH": str(release.src)}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args, "--out", str(out)], env=env,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"bench: the {release.label} release's worker failed: {last}")
    result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    if not Path(result["file"]).is_relative_to(release.src.resolve()):
        raise SystemExit(f"bench: the {release.label} worker imported cleannews from {result['file']}, "
                         f"not from {release.src}")
    if release.label == "compiled" and not result["compiled"]:
        raise SystemExit(f"bench: the compiled release's worker ran pure Python ({result['file']})")
    return result


# --- scoring -------------------------------------------------------------------------------------------


def kept_share(text: str, again: str, tokenize: Any) -> float | None:
    """The share of `text`'s words (\\w+ tokens, with their repeats) that `again` still has."""
    first = Counter(tokenize(text))
    if not first:
        return None
    second = Counter(tokenize(again))
    return sum(min(n, second[w]) for w, n in first.items()) / sum(first.values())


def score_dumps(dumped: list[Dumped], golds: dict[str, str], outputs: list[dict[str, Any]],
                es: Any) -> dict[str, dict[str, Any]]:
    """Per way and over all ways: P/R/F1 of the body against the gold, and the fmt round trip."""
    out: dict[str, dict[str, Any]] = {}
    groups = {way: [i for i, d in enumerate(dumped) if d.way == way] for way in WAYS}
    groups["overall"] = list(range(len(dumped)))
    for name, idx in groups.items():
        if not idx:
            continue
        metrics, per_doc = es.score([golds[dumped[i].id] for i in idx], [outputs[i]["body"] for i in idx])
        shares = [kept_share(outputs[i]["text"], outputs[i]["again"], es.tokenize) for i in idx]
        kept = [s for s in shares if s is not None]
        out[name] = {
            **{k: v for k, v in metrics.items()},
            "documents": len(idx),
            "errors": sum(outputs[i]["error"] is not None for i in idx),
            "empty": sum(not es.tokenize(outputs[i]["body"]) for i in idx),
            "fmt_kept_mean": statistics.fmean(kept) if kept else None,
            "fmt_kept_min": min(kept) if kept else None,
            "fmt_below_target": sum(s < FMT_KEPT_TARGET for s in kept),
            "per_doc": [{"id": dumped[i].id, "f1": d["f1"], "fmt_kept": s} for i, d, s in zip(idx, per_doc, shares,
                                                                                                strict=True)],
        }
    return out


def case_group(case: Case, made: set[str]) -> str:
    if case.name in made:
        return "80-col dumps (made here)"
    if case.name.endswith("--browser"):
        return "browser copies"
    return "wide renditions" if "rendition_of" in case.gold else "scrapes"


GROUPS = ("scrapes", "wide renditions", "browser copies", "80-col dumps (made here)")


def score_appeals_text(sa: Any, cases: list[Case], outputs: list[dict[str, Any]], made: set[str],
                       tmp: Path) -> dict[str, Any]:
    rows = score_outputs(sa, cases, [o["text"] for o in outputs], tmp)
    for row, case, o in zip(rows, cases, outputs, strict=True):
        row.update(group=case_group(case, made), clean_error=o["error"])
    summaries = {g: sa.summarize([r for r in rows if r["group"] == g]) for g in GROUPS}
    return {"rows": rows, "summary": sa.summarize(rows), "groups": summaries}


# --- report --------------------------------------------------------------------------------------------


def release_checks(dumps: dict[str, dict[str, Any]] | None, appeals: dict[str, Any] | None,
                   speed: float | None) -> list[dict[str, Any]]:
    """The targets, for one release's figures."""
    rows = [at_least("story body F1, all four ways", (dumps or {}).get("overall", {}).get("f1"), F1_OVERALL_TARGET)]
    rows += [at_least(f"story body F1, {way}", (dumps or {}).get(way, {}).get("f1"), F1_EACH_TARGET) for way in WAYS]
    rows += [at_least(f"words kept through fmt -w 70, {way}", (dumps or {}).get(way, {}).get("fmt_kept_mean"),
                      FMT_KEPT_TARGET) for way in WAYS]
    rows += appeals_checks("appeals-dev text", None if appeals is None else appeals["summary"],
                           APPEALS_KEEP_TARGET, APPEALS_DROP_TARGET)
    rows.append(at_least("text path, seed-sized docs/s (median)", speed, DOCS_PER_SECOND_TARGET, digits=0))
    return rows


def side_by_side(now: list[dict[str, Any]], before: list[dict[str, Any]] | None, previous: str) -> str:
    rows = []
    for i, c in enumerate(now):
        result = verdict(c["ok"]) if c["gate"] else ""
        rows.append([c["metric"], "" if before is None else before[i]["shown"], c["shown"], c["target"], result])
    return table(["metric", f"previous ({previous})", "now", "target", "result"], rows)


def f3(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def print_dumps(results: dict[str, dict[str, dict[str, Any]]]) -> None:
    labels = list(results)
    rows = []
    for way in (*WAYS, "overall"):
        for label in labels:
            m = results[label].get(way)
            if m is None:
                continue
            rows.append([way, label, str(m["documents"]), f"{m['precision']:.3f}", f"{m['recall']:.3f}",
                         f"{m['f1']:.3f} ± {m['f1_std']:.3f}", str(m["empty"]), str(m["errors"]),
                         f3(m["fmt_kept_mean"]), f3(m["fmt_kept_min"]), str(m["fmt_below_target"])])
    say(table(["way", "release", "texts", "precision", "recall", "F1", "empty", "errors", "fmt kept", "fmt min",
               f"fmt < {FMT_KEPT_TARGET}"], rows))


def print_appeals(results: dict[str, dict[str, Any]]) -> None:
    labels = list(results)
    first = results[labels[0]]["rows"]
    rows = []
    for i, r in enumerate(first):
        cells = []
        for label in labels:
            x = results[label]["rows"][i]
            drop = "n/a" if x["drop"] is None else f"{x['drop']:.2f}"
            cells += [f"{x['keep']:.2f}", drop]
        now = results[labels[-1]]["rows"][i]
        title = "-" if now["title"] is None else ("yes" if now["title"] else "no")
        rows.append([r["case"], r["group"], *cells, title,
                     ("trap " if now["trap"] else "") + (now["clean_error"] or now["error"] or "")])
    header = ["case", "group"]
    for label in labels:
        header += [f"keep {label}", f"drop {label}"]
    say(table([*header, "title", "trap / error"], rows))
    summary_rows = []
    for group in (*GROUPS, "all"):
        for label in labels:
            s = results[label]["summary"] if group == "all" else results[label]["groups"][group]
            if s is None:
                continue
            summary_rows.append([group, label, str(s["cases"]), f"{s['keep_recall_macro']:.3f}",
                                 f3(s["drop_rate_macro"]), f"{s['keep_recall_micro']:.3f}",
                                 f"{s['drop_rate_micro']:.3f}", s["title_found"], str(s["errors"]),
                                 str(s["perfect_cases"])])
    say(table(["group", "release", "cases", "keep", "drop", "keep micro", "drop micro", "title", "errors",
               "perfect"], summary_rows))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=SCRAPINGHUB, metavar="PATH",
                        help="the scrapinghub-aeb folder (html/*.html.gz, ground-truth.json)")
    parser.add_argument("--appeals", type=Path, default=APPEALS, metavar="PATH", help="the appeals-dev folder")
    parser.add_argument("--previous", default=PREVIOUS, metavar="REV",
                        help=f"the previous release, a revision of this repository (default {PREVIOUS}); "
                             "'none' to measure this checkout alone")
    parser.add_argument("--limit", type=int, help="only the first N ScrapingHub pages (a quick run, not the benchmark)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the quality parts (default 2)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent timing clean() per run (default 3)")
    parser.add_argument("--speed-runs", type=int, default=3,
                        help="fresh processes per release for the speed, alternating; the median is used (default 3)")
    parser.add_argument("--docs", type=int, default=200, help="generated documents for the speed (as bench_text.py)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails or cannot be measured")
    parser.add_argument("--worker", choices=("quality", "speed"), help=argparse.SUPPRESS)
    parser.add_argument("--tasks", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.speed_runs < 1:
        parser.error("--jobs and --speed-runs must be at least 1")
    if args.worker == "quality":
        return quality_worker(args.tasks, args.out, args.jobs)
    if args.worker == "speed":
        return speed_worker(args.seconds, args.docs, args.out)

    es, sa, textutil = shared_tool("extract_score"), shared_tool("score_appeals"), shared_tool("textutil")
    if es is None or sa is None or textutil is None:
        raise SystemExit(f"bench: the scorers are missing or broken in {TOOLS} "
                         "(extract_score.py, score_appeals.py, textutil.py)")
    tools = need_tools()
    say(f"Python {platform.python_version()} ({sys.executable}) · {platform.system()} {platform.machine()} · "
        f"{os.cpu_count()} CPUs · {tools['w3m']} · {tools['lynx']} · {tools['fmt']}")

    with tempfile.TemporaryDirectory(prefix="bench-dumps-") as tmp_name:
        tmp = Path(tmp_name)
        releases = releases_to_compare(args.previous, tmp / "prev")

        pages, golds = scrapinghub_pages(args.corpus, tmp / "sh" / "html", args.limit)
        say(f"\ndumping {len(pages)} ScrapingHub pages four ways (LC_ALL=C.UTF-8, in the pages' folder) ...")
        dumped_all = dump_all(pages, tuple(WAYS), tmp / "sh", args.jobs)
        dumped = [d for d in dumped_all if d.path is not None]
        for d in dumped_all:
            if d.path is None:
                say(f"    left out: {d.way} {d.id}: {d.error}")

        say(f"appeals-dev: its text cases, and 80-column renditions of its HTML cases ({args.appeals}) ...")
        cases = appeals_cases(args.appeals, ("text",)) if args.appeals.is_dir() else []
        made, notes = rendition_cases(args.appeals, tmp / "renditions", args.jobs, textutil.norm)
        for note in notes:
            say(f"    left out: {note}")
        cases += made
        made_names = {c.name for c in made}
        removed = [c.gold["removed_in_rendition"] for c in made]
        say(f"    {len(cases)} cases ({len(made)} renditions made here; the strings they no longer contain verbatim, "
            f"taken out of their gold: {sum(len(r['must_keep']) for r in removed)} must_keep, "
            f"{sum(len(r['must_drop']) for r in removed)} must_drop, {sum(bool(r['title']) for r in removed)} titles)")

        tasks = tmp / "tasks.json"
        tasks.write_text(json.dumps({"dumps": [str(d.path) for d in dumped], "appeals": [str(c.input) for c in cases]}),
                         encoding="utf-8")
        outputs: dict[str, dict[str, Any]] = {}
        for r in releases:
            say(f"(a-c) cleaning {len(dumped)} dumps (and again through fmt -w 70) and {len(cases)} cases: "
                f"{r.label}, a pool of {args.jobs} ...")
            outputs[r.label] = run_release(r, ["--worker", "quality", "--tasks", str(tasks), "--jobs", str(args.jobs)],
                                           tmp / f"quality-{r.label}.json")

        say(f"(d) text path speed: bench_text.py's throughput, {args.speed_runs} fresh process(es) per release, "
            f"alternating, ~{args.seconds:g} s each ...")
        speeds: dict[str, list[float]] = {r.label: [] for r in releases}
        for _ in range(args.speed_runs):
            for r in releases:
                got = run_release(r, ["--worker", "speed", "--seconds", str(args.seconds), "--docs", str(args.docs)],
                                  tmp / f"speed-{r.label}.json")
                speeds[r.label].append(got["docs_per_second_median"])
                say(f"    {r.label}: {got['docs_per_second_median']:,.0f} docs/s ({got['documents']} documents, "
                    f"{got['pinned']})")

        dumps_res = {r.label: score_dumps(dumped, golds, outputs[r.label]["dumps"], es) for r in releases}
        appeals_res = {r.label: score_appeals_text(sa, cases, outputs[r.label]["appeals"], made_names,
                                                   tmp / f"appeals-out-{r.label}") for r in releases}
        speed_res = {label: statistics.median(s) for label, s in speeds.items()}

    say(f"\nScrapingHub dumped four ways: story body vs the gold articleBody (extract_score.py: mean P, mean R, "
        f"F1 of the two means, ± bootstrap std); fmt kept = mean share of the clean output's words still there after "
        f"`fmt -w 70` and cleaning again, its minimum, and the texts under {FMT_KEPT_TARGET}")
    print_dumps(dumps_res)

    say("\nappeals-dev text (score_appeals.py: keep = share of must_keep strings in the output, drop = share of "
        "must_drop strings absent; macro over cases)")
    print_appeals(appeals_res)

    say("\ntext path, seed-sized documents per second, one core (median of the runs' medians; each run in brackets): "
        + ", ".join(f"{label} {v:,.0f} ({', '.join(f'{x:,.0f}' for x in speeds[label])})"
                    for label, v in speed_res.items())
        + (f"; now / previous {speed_res['now'] / speed_res['previous']:.2f}" if "previous" in speed_res else ""))

    checks = {label: release_checks(dumps_res[label], appeals_res[label], speed_res[label]) for label in dumps_res}
    say("\ntargets (checked on now)")
    previous_name = args.previous if "previous" in checks else "none"
    say(side_by_side(checks["now"], checks.get("previous"), previous_name))

    if args.json:
        results = {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "tools": tools,
            "releases": {r.label: {"name": r.name, "cleannews": {k: outputs[r.label][k] for k in ("version", "file")}}
                         for r in releases},
            "corpus": str(args.corpus),
            "limit": args.limit,
            "dumps_left_out": [d._asdict() for d in dumped_all if d.path is None],
            "renditions_left_out": notes,
            "dumps": dumps_res,
            "appeals": {label: {"summary": a["summary"], "groups": a["groups"], "cases": a["rows"]}
                        for label, a in appeals_res.items()},
            "speed": {label: {"median": speed_res[label], "runs": speeds[label]} for label in speeds},
            "targets": {label: [{k: v for k, v in c.items() if k != "shown"} for c in rows]
                        for label, rows in checks.items()},
        }
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")

    return 1 if args.check and failed(checks["now"]) else 0


if __name__ == "__main__":
    sys.exit(main())
