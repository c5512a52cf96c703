"""Benchmark of the text path, run by hand (never as a unit test: timings on shared CI runners lie).

One run measures:

  (a) throughput in-process: cleannews.clean() over many seed-sized documents (2-6 KB of
      article text given as UTF-8 bytes, as the CLI reads them), on one core, after a warm-up;
  (b) cold start: the median wall time of `cleannews fixtures/moscow-times-li-shangfu.txt`
      as a fresh process, next to `python -c 'import trafilatura'` and
      `python -c 'import readability'` timed the same way with the same interpreter;

then checks the targets:

  cold start / trafilatura import  <= 0.40
  documents per second, one core  >= 2000

Usage:
    .venv/bin/python bench/bench_text.py [--runs 15] [--seconds 3] [--json results.json] [--check]

The anchors come with `pip install -e '.[bench]'`. See bench/README.md.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import random
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import one_core, say, table, verdict  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "moscow-times-li-shangfu.txt"
SEED_EXPECTED = FIXTURES / "moscow-times-li-shangfu.expected.txt"

COLD_START_TARGET = 0.40  # cleannews cold start / trafilatura import time: at most this
DOCS_PER_SECOND_TARGET = 2000.0  # clean() on seed-sized text, one core: at least this
MIN_SIZE, MAX_SIZE = 2_000, 6_000  # bytes: what "seed-sized" means here
WARMUP = 50  # clean() calls before timing
INSTALL_HINT = "pip install -e '.[bench]'"

# Chrome and asks of the kinds news sites wrap around a story, so that generated documents
# exercise the rules the way real pages do (most blocks are story, some are not).
HEAD_CHROME = [
    "Enjoying ad-free content?",
    "Since July 1, 2024, we have disabled all ads to improve your reading experience.",
    "Support us",
    "Our journalism is banned in Russia. We need your help to keep providing you with the truth.",
    "Sign up for our free newsletter and get the day's top stories in your inbox.",
    "Share this article",
    "Listen to this article",
]
TAIL_CHROME = [
    "… we have a small favor to ask. Your support, no matter how small, makes a world of difference.",
    "If you can, please support us monthly starting from just $2. It's quick to set up.",
    "Not ready to support today?",
    "Remind me later.",
    "Read more",
    "Related articles",
    "Share on Facebook",
    "Comments are closed for this article.",
]
PLACES = ["Moscow", "Beijing", "Kyiv", "Berlin", "Paris", "Warsaw", "Ankara", "Tbilisi", "Astana", "Delhi"]
PEOPLE = ["Li Shangfu", "Sergei Shoigu", "Annalena Baerbock", "Radoslaw Sikorski", "Hakan Fidan", "Maia Sandu"]


# --- the documents ---------------------------------------------------------------------------


def fixture_texts() -> list[bytes]:
    """The seed, and every other text fixture of seed size (fixtures/<group>/<slug>/input.txt)."""
    others = (p.read_bytes() for p in sorted(FIXTURES.glob("*/*/input.txt")))
    return [SEED.read_bytes(), *(data for data in others if MIN_SIZE <= len(data) <= MAX_SIZE)]


def story_paragraphs() -> list[str]:
    """The seed's story paragraphs (its expected output without the headline)."""
    return [p.strip() for p in SEED_EXPECTED.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]


def generated_texts(count: int, seed: int = 20240416) -> list[bytes]:
    """`count` different articles of 2-6 KB: a headline, a few head asks, story paragraphs
    (the seed's, reshuffled and with names, places and numbers changed), a caption, tail asks."""
    rng = random.Random(seed)
    story = story_paragraphs()
    out: list[bytes] = []
    while len(out) < count:
        n = len(out)
        place, person = rng.choice(PLACES), rng.choice(PEOPLE)
        blocks = rng.sample(HEAD_CHROME, rng.randint(0, 4))
        blocks.append(f"{person} Hails 'Strong' Ties in {place} Meeting, Day {n}")
        blocks.append(f"{person} meets officials in {place}. Photographer Name/POOL/TASS")
        target = rng.randint(MIN_SIZE + 300, MAX_SIZE - 900)
        body: list[str] = []
        while sum(len(b) + 2 for b in body) < target:
            para = rng.choice(story)
            para = para.replace("Li Shangfu", person).replace("Moscow", place).replace("19", str(rng.randint(1, 28)))
            body.append(para)
        blocks += body
        blocks += rng.sample(TAIL_CHROME, rng.randint(0, 5))
        data = "\n\n".join(blocks).encode("utf-8")
        if MIN_SIZE <= len(data) <= MAX_SIZE:
            out.append(data)
    return out


# --- (a) throughput ---------------------------------------------------------------------------


def throughput(docs: list[bytes], seconds: float, warmup: int) -> dict[str, Any]:
    import cleannews

    for data in docs[: max(1, warmup)]:  # imports, rule compilation, caches
        cleannews.clean(data)
    # Every document once, so nothing timed is a first call; one that cleans to nothing is
    # left out (it would be cheap and flatter the number) and counted.
    empty = [data for data in docs if not cleannews.clean(data).text]
    docs = [data for data in docs if data not in empty]
    if not docs:
        raise SystemExit("bench: every benchmark document cleaned to nothing")
    rounds: list[float] = []
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds or len(rounds) < 3:
        t0 = time.perf_counter()
        for data in docs:
            cleannews.clean(data)
        rounds.append(len(docs) / (time.perf_counter() - t0))
        done += len(docs)
    return {
        "documents": len(docs),
        "left_out_empty": len(empty),
        "mean_bytes": round(statistics.fmean(len(d) for d in docs)),
        "rounds": len(rounds),
        "documents_cleaned": done,
        "docs_per_second_median": statistics.median(rounds),
        "docs_per_second_best": max(rounds),
        "docs_per_second_worst": min(rounds),
    }


# --- (b) cold start ---------------------------------------------------------------------------


def cleannews_command() -> list[str]:
    """The console script next to this interpreter, else `python -m cleannews`."""
    bindir = Path(sys.executable).parent
    for name in ("cleannews", "cleannews.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "cleannews"]


def wall_time(argv: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["(no message)"])[-1]
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {last}")
    return elapsed


def cold_starts(runs: int) -> dict[str, dict[str, Any]]:
    """Median wall time of each command over `runs` fresh processes, run round-robin (so a
    noisy moment hurts all of them alike) after one untimed run each (disk cache, .pyc files)."""
    # An installed package has its .pyc files from pip; an editable checkout gets them on first
    # import, unless PYTHONDONTWRITEBYTECODE is set, when every run would compile every module.
    spec = importlib.util.find_spec("cleannews")
    if spec is not None and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
    commands: dict[str, list[str] | None] = {
        "cleannews": [*cleannews_command(), str(SEED)],
        "trafilatura": [sys.executable, "-c", "import trafilatura"],
        "readability": [sys.executable, "-c", "import readability"],
    }
    results: dict[str, dict[str, Any]] = {}
    for name in ("trafilatura", "readability"):
        if importlib.util.find_spec(name) is None:
            commands[name] = None
            results[name] = {"missing": True, "note": f"{name} is not installed: {INSTALL_HINT}"}
    live: dict[str, list[str]] = {k: v for k, v in commands.items() if v is not None}
    times: dict[str, list[float]] = {k: [] for k in live}
    for name, argv in list(live.items()):
        try:
            wall_time(argv)
        except RuntimeError as exc:
            if name == "cleannews":
                raise SystemExit(f"bench: {exc}") from None
            results[name] = {"missing": True, "note": f"{exc} ({INSTALL_HINT})"}
            del live[name], times[name]
    for _ in range(runs):
        for name, argv in live.items():
            times[name].append(wall_time(argv))
    for name, samples in times.items():
        results[name] = {
            "command": shlex.join(live[name]),
            "runs": len(samples),
            "median_s": statistics.median(samples),
            "min_s": min(samples),
            "max_s": max(samples),
        }
    return results


# --- report -----------------------------------------------------------------------------------


def targets(tp: dict[str, Any], cold: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    mine = cold["cleannews"]["median_s"]
    traf = cold.get("trafilatura", {})
    if "median_s" in traf:
        ratio = mine / traf["median_s"]
        rows.append({"metric": "cold start / trafilatura import", "value": ratio, "shown": f"{ratio:.3f}",
                     "target": f"<= {COLD_START_TARGET:.2f}", "ok": ratio <= COLD_START_TARGET})
    else:
        rows.append({"metric": "cold start / trafilatura import", "value": None,
                     "shown": "missing anchor", "target": f"<= {COLD_START_TARGET:.2f}", "ok": None})
    dps = tp["docs_per_second_median"]
    rows.append({"metric": "docs/s, one core (median)", "value": dps, "shown": f"{dps:,.0f}",
                 "target": f">= {DOCS_PER_SECOND_TARGET:,.0f}", "ok": dps >= DOCS_PER_SECOND_TARGET})
    read = cold.get("readability", {})
    if "median_s" in read:
        ratio = mine / read["median_s"]
        rows.append({"metric": "cold start / readability import", "value": ratio, "shown": f"{ratio:.3f}",
                     "target": "(for reference)", "ok": None})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold-start command (min 10)")
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent timing clean() (default 3)")
    parser.add_argument("--docs", type=int, default=200, help="generated documents besides the fixtures")
    parser.add_argument("--warmup", type=int, default=WARMUP, help="clean() calls before timing")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails or cannot be measured")
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs must be at least 10: a median of fewer fresh processes is noise")

    import cleannews

    docs = fixture_texts() + generated_texts(args.docs)
    say(f"cleannews {cleannews.__version__} · Python {platform.python_version()} ({sys.executable}) · "
        f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPUs")

    with one_core() as pinned:
        say(f"\n(a) throughput: clean() on {len(docs)} documents of {MIN_SIZE // 1000}-{MAX_SIZE // 1000} KB "
            f"(seed + fixtures + generated), {pinned}, ~{args.seconds:g} s ...")
        tp = throughput(docs, args.seconds, args.warmup)
    say(f"    {tp['docs_per_second_median']:,.0f} docs/s median over {tp['rounds']} rounds "
        f"(best {tp['docs_per_second_best']:,.0f}, worst {tp['docs_per_second_worst']:,.0f}; "
        f"mean document {tp['mean_bytes']:,} bytes)")
    if tp["left_out_empty"]:
        say(f"    note: {tp['left_out_empty']} documents cleaned to nothing and were left out")

    say(f"\n(b) cold start: median of {args.runs} fresh processes each ...")
    cold = cold_starts(args.runs)
    rows = []
    for name in ("cleannews", "trafilatura", "readability"):
        r = cold[name]
        if r.get("missing"):
            rows.append([name, "missing", "", "", r["note"]])
        else:
            rows.append([name, f"{r['median_s'] * 1000:.1f}", f"{r['min_s'] * 1000:.1f}",
                         f"{r['max_s'] * 1000:.1f}", r["command"]])
    say(table(["what", "median ms", "min ms", "max ms", "command"], rows))

    checks = targets(tp, cold)
    say("\ntargets")
    say(table(["metric", "value", "target", "result"],
              [[c["metric"], c["shown"], c["target"], verdict(c["ok"]) if c["target"][0] in "<>" else ""]
               for c in checks]))
    for name in ("trafilatura", "readability"):
        if cold[name].get("missing"):
            say(f"note: the {name} anchor is missing; install it with: {INSTALL_HINT}")

    if args.json:
        results = {
            "cleannews_version": cleannews.__version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "throughput": tp,
            "cold_start": cold,
            "targets": [{k: v for k, v in c.items() if k != "shown"} for c in checks],
        }
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")

    gated = [c for c in checks if c["target"][0] in "<>"]
    return 1 if args.check and any(c["ok"] is not True for c in gated) else 0


if __name__ == "__main__":
    sys.exit(main())
