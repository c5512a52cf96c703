"""Benchmark of folder mode, run by hand (never as a unit test: timings on shared CI runners lie).

One run measures, on generated trees of text and HTML articles (a site's unmatched appeal box
in each, so the learning pass has something to learn):

  (a) throughput: `cleannews IN -o OUT --jobs 2` against `--jobs 1`, files per second, the
      median of --runs runs each, alternating;
  (b) memory: the peak of the whole process tree (parent and workers, RSS sampled every
      20 ms from /proc) and of its largest process (ru_maxrss), with 10,000 files against
      1,000 files;
  (c) learning's cost: CPU seconds per file (user + system of the run and its workers) of
      `cleannews IN -o OUT --jobs 1` (learning, the default) against `--no-learn`, the two
      alternating, --runs pairs; the ratio of each pair and their median;

then checks the targets:

  files/s with --jobs 2 / files/s with --jobs 1   >= 1.7   (on 2 cores)
  peak memory, 10,000 files / 1,000 files        <= 1.10
  CPU per file, learning / --no-learn            <= 1.15   (issue 13)

Usage:
    .venv/bin/python bench/bench_batch.py [--runs 3] [--files 2000] [--parts abc] [--json results.json] [--check]
    taskset -c 1 .venv/bin/python bench/bench_batch.py --parts c --runs 5   # learning's cost, on one core
    taskset -c 1 .venv/bin/python bench/bench_batch.py --parts c --tree /path/to/saved/pages

See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout: its tests' articles
from tests import articles

SPEEDUP_TARGET = 1.7
MEMORY_TARGET = 1.10
LEARNING_TARGET = 1.15
SMALL, LARGE = 1_000, 10_000


# --- the trees -------------------------------------------------------------------------------


def article(n: int) -> tuple[str, list[str]]:
    """Article n: a headline and 4-8 paragraphs (2-5 KB), unlike any other article, with the
    site's box (tests/articles.py: the tests' site is the same) as its third paragraph."""
    title, paragraphs = articles.article(n, paragraphs=(4, 8))
    paragraphs.insert(2, articles.LAMP_BOX)
    return title, paragraphs


def page(n: int) -> tuple[str, bytes]:
    """Every third article is a saved web page (html_page), the others plain text (1-3 KB)."""
    if n % 3:
        title, paragraphs = article(n)
        return ".txt", (title + "\n\n" + "\n\n".join(paragraphs) + "\n").encode("utf-8")
    return ".html", html_page(n)


def html_page(n: int) -> bytes:
    """Article n as a web page of about 8 KB: a menu, a sidebar, a script, a footer around the
    story, as real pages have (bench_crawl.py archives these)."""
    title, paragraphs = article(n)
    rng = random.Random(-n)
    menu = "".join(f"<li><a href='/section/{i}'>{rng.choice(articles.NOUNS).title()} {i}</a></li>" for i in range(60))
    side = "".join(f"<li><a href='/story/{rng.randint(1, 99999)}'>{' '.join(rng.sample(articles.THINGS, 2))}</a></li>"
                   for _ in range(15))
    script = "window.__STATE__ = " + json.dumps({"ids": list(range(n, n + 400)), "site": "gazette"}) + ";"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title} | Harbour Gazette</title>"
            f"<style>body {{ font: 16px serif }} .menu li {{ display: inline }}</style><script>{script}</script>"
            f"</head><body><header><nav class='menu'><ul>{menu}</ul></nav></header>"
            f"<main><article><h1>{title}</h1><p class='byline'>By Staff Reporter</p>{body}</article>"
            f"<aside class='most-read'><h2>Most read</h2><ul>{side}</ul></aside></main>"
            f"<footer><p>© Harbour Gazette. All rights reserved.</p></footer></body></html>")
    return html.encode("utf-8")


def make_tree(root: Path, count: int) -> int:
    """`count` files, 100 to a folder, two levels deep; returns their total size in bytes."""
    total = 0
    for n in range(count):
        ext, data = page(n)
        folder = root / f"year-{n // 1000:02d}" / f"batch-{n // 100 % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{n:05d}{ext}").write_bytes(data)
        total += len(data)
    return total


# --- running cleannews -------------------------------------------------------------------------


def cleannews_command() -> list[str]:
    script = Path(sys.executable).parent / "cleannews"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cleannews"]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{p}/task/{p}/children", encoding="ascii") as f:
                stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            continue
    return total


# Runs cleannews as its only child, so RUSAGE_CHILDREN is that run's largest process alone.
_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter(); code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.PIPE).returncode\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'code': code, 'maxrss': u.ru_maxrss * 1024,"
    " 'cpu': u.ru_utime + u.ru_stime}))\n"
)


def run(args: list[str], sample: bool = False) -> dict[str, Any]:
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, *cleannews_command(), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    if sample:
        def watch() -> None:
            nonlocal peak
            while proc.poll() is None:
                peak = max(peak, _tree_rss(proc.pid))
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
    out, err = proc.communicate()
    if sample:
        watcher.join()
    if proc.returncode != 0:
        raise SystemExit(f"bench: the wrapper failed: {err.decode(errors='replace')}")
    result = json.loads(out)
    if result["code"] != 0:
        raise SystemExit(f"bench: cleannews {' '.join(args)} exited {result['code']}")
    result["tree_peak"] = peak
    return result


# --- the measurements --------------------------------------------------------------------------


# The machine's own ceiling: clean() over the same files in one process, then in two at once.
# Two CPUs of a virtual machine are not always two CPUs' worth (a busy host, shared caches); a
# speed-up can only be judged next to what two independent processes get in the same minute.
_CONTROL = (
    "import glob, sys, time\n"
    "from cleannews import clean\n"
    "datas = [open(f, 'rb').read() for f in sorted(glob.glob(sys.argv[1] + '/**/*.*', recursive=True))]\n"
    "clean(datas[0]); clean(datas[3])\n"
    "t = time.perf_counter()\n"
    "for d in datas: clean(d)\n"
    "print(time.perf_counter() - t)\n"
)


def ceiling(tree: Path) -> float:
    """2 × (one process alone) / (the slower of two at once): 2.0 is two whole CPUs."""
    solo = float(subprocess.run([sys.executable, "-c", _CONTROL, str(tree)], capture_output=True, check=True).stdout)
    pair = [subprocess.Popen([sys.executable, "-c", _CONTROL, str(tree)], stdout=subprocess.PIPE) for _ in range(2)]
    slower = max(float(p.communicate()[0]) for p in pair)
    return 2 * solo / slower


def throughput(work: Path, files: int, runs: int) -> dict[str, Any]:
    tree = work / "speed"
    size = make_tree(tree, files)
    times: dict[str, list[float]] = {"1": [], "2": []}
    ceilings = []
    run([str(tree), "-o", str(work / "warm"), "--jobs", "1"])  # disk cache and .pyc files
    for i in range(runs):
        ceilings.append(ceiling(tree))
        for jobs in ("1", "2") if i % 2 == 0 else ("2", "1"):
            out = work / f"out-{jobs}-{i}"
            times[jobs].append(run([str(tree), "-o", str(out), "--jobs", jobs])["seconds"])
            shutil.rmtree(out)
    rate = {jobs: files / statistics.median(t) for jobs, t in times.items()}
    return {"files": files, "bytes": size, "seconds": times, "files_per_second": rate,
            "speedup": rate["2"] / rate["1"], "ceilings": ceilings, "ceiling": statistics.median(ceilings),
            "speedups": [a / b for a, b in zip(times["1"], times["2"], strict=True)],
            "share_of_ceiling": (rate["2"] / rate["1"]) / statistics.median(ceilings)}


def memory(work: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for count in (SMALL, LARGE):
        tree = work / f"mem-{count}"
        make_tree(tree, count)
        r = run([str(tree), "-o", str(work / f"mem-out-{count}"), "--jobs", "2"], sample=True)
        out[str(count)] = {"tree_peak": r["tree_peak"], "largest_process": r["maxrss"], "seconds": r["seconds"]}
    for key in ("tree_peak", "largest_process"):
        out[f"{key}_ratio"] = out[str(LARGE)][key] / out[str(SMALL)][key]
    return out


def learning_cost(work: Path, files: int, runs: int, tree: Path | None = None) -> dict[str, Any]:
    """CPU seconds per file with learning and with --no-learn, --jobs 1, in alternating pairs,
    on `tree` (else a generated tree of `files` files)."""
    if tree is None:
        tree = work / "learning"
        make_tree(tree, files)
    else:
        files = sum(1 for p in tree.rglob("*") if p.is_file())
    run([str(tree), "-o", str(work / "warm-learning"), "--jobs", "1"])  # disk cache and .pyc files
    cpu: dict[str, list[float]] = {"learning": [], "no-learn": []}
    for i in range(runs):
        for mode in ("learning", "no-learn") if i % 2 == 0 else ("no-learn", "learning"):
            out = work / f"learning-out-{mode}-{i}"
            cpu[mode].append(run([str(tree), "-o", str(out), "--jobs", "1",
                                  *(["--no-learn"] if mode == "no-learn" else [])])["cpu"] / files)
            shutil.rmtree(out)
    ratios = [a / b for a, b in zip(cpu["learning"], cpu["no-learn"], strict=True)]
    return {"files": files, "cpu_per_file": cpu, "ratios": ratios, "ratio": statistics.median(ratios)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="runs per --jobs value; the median is used")
    parser.add_argument("--files", type=int, default=4000, help="files in the throughput tree")
    parser.add_argument("--dir", type=Path, default=Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else None,
                        help="where to make the trees (default: /dev/shm, a RAM disk, where there is one)")
    parser.add_argument("--json", type=Path, help="also save every number as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    parser.add_argument("--parts", default="abc", help="which measurements: a, b, c or any of them (default abc)")
    parser.add_argument("--tree", type=Path, help="(c) on this folder of pages instead of a generated tree "
                        "(e.g. real saved pages)")
    args = parser.parse_args()
    if not sys.platform.startswith("linux"):
        raise SystemExit("bench: the memory measurement reads /proc: Linux only")

    say = print
    say(f"Python {platform.python_version()} · {platform.system()} {platform.machine()} · "
        f"{len(os.sched_getaffinity(0))} CPUs usable")
    found: dict[str, Any] = {}
    checks: list[tuple[str, float, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="bench-batch-", dir=args.dir) as tmp:
        work = Path(tmp)
        if "a" in args.parts:
            say(f"\n(a) throughput: {args.files:,} files, --jobs 1 and --jobs 2, {args.runs} runs each ...")
            tp = found["throughput"] = throughput(work, args.files, args.runs)
            say(f"    --jobs 1: {tp['files_per_second']['1']:,.0f} files/s   --jobs 2: "
                f"{tp['files_per_second']['2']:,.0f} files/s   ({tp['bytes'] / args.files / 1000:.1f} KB a file, "
                f"learning pass included; trees in {work})")
            say("    speed-up of each pair of runs: " + ", ".join(f"{x:.2f}" for x in tp["speedups"]))
            say("    the machine's ceiling (two clean() loops at once vs one), at each pair: "
                + ", ".join(f"{x:.2f}" for x in tp["ceilings"]))
            checks += [("files/s --jobs 2 / --jobs 1", tp["speedup"], f">= {SPEEDUP_TARGET}",
                        tp["speedup"] >= SPEEDUP_TARGET),
                       ("  the same, two plain processes (ceiling)", tp["ceiling"], "", True),
                       ("  speed-up / ceiling", tp["share_of_ceiling"], "", True)]
        if "b" in args.parts:
            say(f"\n(b) memory: {SMALL:,} and {LARGE:,} files, --jobs 2 ...")
            mem = found["memory"] = memory(work)
            for count in (SMALL, LARGE):
                m = mem[str(count)]
                say(f"    {count:>6,} files: whole tree peak {m['tree_peak'] / 2**20:6.1f} MiB, largest process "
                    f"{m['largest_process'] / 2**20:6.1f} MiB, {m['seconds']:.1f} s")
            checks += [("peak memory of the tree, 10k / 1k files", mem["tree_peak_ratio"], f"<= {MEMORY_TARGET}",
                        mem["tree_peak_ratio"] <= MEMORY_TARGET),
                       ("largest process, 10k / 1k files", mem["largest_process_ratio"], f"<= {MEMORY_TARGET}",
                        mem["largest_process_ratio"] <= MEMORY_TARGET)]
        if "c" in args.parts:
            say(f"\n(c) learning's cost: {args.tree or f'{args.files:,} files'}, --jobs 1, with learning and "
                f"--no-learn, {args.runs} pairs ...")
            lc = found["learning"] = learning_cost(work, args.files, args.runs, args.tree)
            for mode, cpu in lc["cpu_per_file"].items():
                say(f"    {mode:<9} CPU per file: " + ", ".join(f"{1000 * x:.1f} ms" for x in cpu))
            say("    learning / --no-learn, each pair: " + ", ".join(f"{x:.3f}" for x in lc["ratios"]))
            checks.append(("CPU per file, learning / --no-learn", lc["ratio"], f"<= {LEARNING_TARGET}",
                           lc["ratio"] <= LEARNING_TARGET))
    say("\ntargets")
    for name, value, target, ok in checks:
        say(f"    {name:<42} {value:6.2f}   {target:<8} {('met' if ok else 'NOT MET') if target else ''}")
    if args.json:
        found |= {"cpus": len(os.sched_getaffinity(0)), "python": platform.python_version()}
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")
    return 1 if args.check and not all(ok for *_, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
