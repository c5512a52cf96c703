"""Benchmark of the text path, run by hand (never as a unit test: timings on shared CI runners lie).

One run measures this checkout, pure Python and as its compiled wheel (setup.py: mypyc), beside
the previous release (a git revision, default bench_dumps.PREVIOUS):

  (a) throughput in-process: cleannews.clean() over many seed-sized documents (2-6 KB of
      article text given as UTF-8 bytes, as the CLI reads them), on one core, after a
      warm-up, per second of that core's time; each release in fresh processes, alternating;
  (b) cold start: the median wall time of `cleannews fixtures/moscow-times-li-shangfu.txt`
      as a fresh process (and of the compiled wheel's and the previous release's
      `python -m cleannews`), next to
      `python -c 'import trafilatura'` and `python -c 'import readability'` timed the same
      way with the same interpreter, all byte-compiled;
  (c) size: one text of 1, 2, 5 and 10 MB (generated articles one after another), cleaned
      once each in a fresh process: CPU seconds per MB and peak memory;

then checks the targets:

  throughput, compiled wheel / previous release  >= 2.0   (pure Python / previous: for reference)
  cold start / trafilatura import                 <= 0.25  (pure Python and compiled, each)
  seconds per MB at 10 MB / at 1 MB              <= 1.5   (linear in size)

Usage:
    .venv/bin/python bench/bench_text.py [--previous REV] [--pure] [--speed-runs 3] [--runs 15]
                                         [--seconds 3] [--sizes 1,2,5,10] [--json results.json] [--check]

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
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import say, table, verdict  # bench/ is on sys.path when run as a script

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "moscow-times-li-shangfu.txt"
SEED_EXPECTED = FIXTURES / "moscow-times-li-shangfu.expected.txt"

COLD_START_TARGET = 0.25  # cleannews cold start / trafilatura import time: at most this
SPEED_UP_TARGET = 2.0  # clean() on seed-sized text, one core: this checkout / the previous release
LINEAR_TARGET = 1.5  # seconds per MB of the largest text / of the smallest: at most this
SIZES_MB = (1, 2, 5, 10)
PARTS = ("speed", "cold", "size")
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
    """clean() over `docs`, whole passes for `seconds` of CPU time. Documents per second of
    this process's CPU time: on a machine shared with other work, wall time also counts the
    time the process waited for a core."""
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
    started = time.process_time()
    while time.process_time() - started < seconds or len(rounds) < 3:
        t0 = time.process_time()
        for data in docs:
            cleannews.clean(data)
        rounds.append(len(docs) / (time.process_time() - t0))
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


def side_by_side(releases: list[Any], runs: int, seconds: float, docs: int, tmp: Path) -> dict[str, list[float]]:
    """Each release's throughput (bench_dumps.py's speed worker: this module's throughput()
    in a fresh process whose cleannews is the release's src, pinned to one core), `runs`
    times, the releases alternating so that a busy moment costs both alike."""
    from bench_dumps import run_release

    speeds: dict[str, list[float]] = {r.label: [] for r in releases}
    for n in range(runs):
        for r in releases:
            got = run_release(r, ["--worker", "speed", "--seconds", str(seconds), "--docs", str(docs)],
                              tmp / f"speed-{r.label}-{n}.json")
            speeds[r.label].append(got["docs_per_second_median"])
    return speeds


# --- (b) cold start ---------------------------------------------------------------------------


def cleannews_command() -> list[str]:
    """The console script next to this interpreter, else `python -m cleannews`."""
    bindir = Path(sys.executable).parent
    for name in ("cleannews", "cleannews.exe"):
        script = bindir / name
        if script.is_file() and os.access(script, os.X_OK):
            return [str(script)]
    return [sys.executable, "-m", "cleannews"]


def wall_time(argv: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["(no message)"])[-1]
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {last}")
    return elapsed


def cold_starts(runs: int, previous: Path | None, compiled: Path | None) -> dict[str, dict[str, Any]]:
    """Median wall time of each command over `runs` fresh processes, run round-robin (so a
    noisy moment hurts all of them alike) after one untimed run each (disk cache, .pyc files)."""
    # An installed package has its .pyc files from pip; an editable checkout gets them on first
    # import, unless PYTHONDONTWRITEBYTECODE is set, when every run would compile every module.
    spec = importlib.util.find_spec("cleannews")
    if spec is not None and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)
    commands: dict[str, list[str] | None] = {
        "cleannews": [*cleannews_command(), str(SEED)],
        "compiled": [sys.executable, "-m", "cleannews", str(SEED)] if compiled is not None else None,
        "previous release": [sys.executable, "-m", "cleannews", str(SEED)] if previous is not None else None,
        "trafilatura": [sys.executable, "-c", "import trafilatura"],
        "readability": [sys.executable, "-c", "import readability"],
    }
    envs = {name: {**os.environ, "PYTHONPATH": str(src)}
            for name, src in (("previous release", previous), ("compiled", compiled)) if src is not None}
    for src in (previous, compiled):
        if src is not None:
            compileall.compile_dir(str(src), quiet=1)
    results: dict[str, dict[str, Any]] = {}
    if previous is None:
        results["previous release"] = {"missing": True, "note": "--previous none"}
    if compiled is None:
        results["compiled"] = {"missing": True, "note": "--pure"}
    for name in ("trafilatura", "readability"):
        if importlib.util.find_spec(name) is None:
            commands[name] = None
            results[name] = {"missing": True, "note": f"{name} is not installed: {INSTALL_HINT}"}
    live: dict[str, list[str]] = {k: v for k, v in commands.items() if v is not None}
    times: dict[str, list[float]] = {k: [] for k in live}
    for name, argv in list(live.items()):
        try:
            wall_time(argv, envs.get(name))
        except RuntimeError as exc:
            if name in ("cleannews", "compiled"):
                raise SystemExit(f"bench: {exc}") from None
            results[name] = {"missing": True, "note": f"{exc} ({INSTALL_HINT})"}
            del live[name], times[name]
    for _ in range(runs):
        for name, argv in live.items():
            times[name].append(wall_time(argv, envs.get(name)))
    for name, samples in times.items():
        results[name] = {
            "command": shlex.join(live[name]),
            "runs": len(samples),
            "median_s": statistics.median(samples),
            "min_s": min(samples),
            "max_s": max(samples),
        }
    return results


# --- (c) size ---------------------------------------------------------------------------------


def big_text(megabytes: float) -> bytes:
    """Generated articles one after another, blank lines apart: `megabytes` MB of text."""
    size = int(megabytes * 1024 * 1024)
    data = b"\n\n".join(generated_texts(size // 3000 + 1, seed=size))
    return data[: data.rindex(b"\n", 0, size)]


def size_worker(megabytes: float) -> dict[str, Any]:
    """One text of `megabytes` MB cleaned once: CPU seconds and this process's peak memory."""
    import cleannews

    data = big_text(megabytes)
    cleannews.clean(generated_texts(1)[0])  # imports and rule compilation are not the text's cost
    t0 = time.process_time()
    result = cleannews.clean(data)
    seconds = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return {"mb": len(data) / 1024 / 1024, "lines": data.count(b"\n"), "seconds": seconds, "peak_mb": peak,
            "output_bytes": len(result.text.encode("utf-8"))}


def sizes(megabytes: list[float]) -> list[dict[str, Any]]:
    """size_worker for each size, each in a fresh process (peak memory is per process)."""
    out = []
    for mb in megabytes:
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", "size", "--mb", str(mb)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise SystemExit(f"bench: cleaning {mb} MB of text failed: {last}")
        out.append(json.loads(proc.stdout))
    return out


# --- report -----------------------------------------------------------------------------------


def targets(speeds: dict[str, list[float]], cold: dict[str, dict[str, Any]],
            big: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of the targets table, for the parts that were measured."""
    rows: list[dict[str, Any]] = []
    # The target is the compiled wheel's (what setup.py ships where it can), with pure Python's
    # beside it for reference; pure Python's is the target of a run told --pure.
    shipped = "compiled" if "compiled" in speeds else "now"
    for label, name in (("compiled", "compiled"), ("now", "pure Python")):
        if label not in speeds:
            continue
        previous = statistics.median(speeds["previous"]) if "previous" in speeds else None
        ratio = statistics.median(speeds[label]) / previous if previous else None
        rows.append({"metric": f"docs/s, one core: {name} / previous release", "value": ratio,
                     "shown": "no previous release" if ratio is None else f"{ratio:.2f}",
                     "target": f">= {SPEED_UP_TARGET:.1f}" if label == shipped else "(for reference)",
                     "ok": None if ratio is None or label != shipped else ratio >= SPEED_UP_TARGET})
    for mine_name in ("cleannews", "compiled"):
        mine = cold.get(mine_name, {}).get("median_s")
        for name, target in (("trafilatura", COLD_START_TARGET), ("readability", None)) if mine else ():
            anchor = cold.get(name, {})
            ratio = mine / anchor["median_s"] if "median_s" in anchor else None
            which = "pure Python" if mine_name == "cleannews" else "compiled"
            rows.append({"metric": f"cold start ({which}) / {name} import", "value": ratio,
                         "shown": "missing anchor" if ratio is None else f"{ratio:.3f}",
                         "target": f"<= {target:.2f}" if target else "(for reference)",
                         "ok": None if ratio is None or target is None else ratio <= target})
    if len(big) > 1:
        per_mb = [b["seconds"] / b["mb"] for b in big]
        ratio = per_mb[-1] / per_mb[0]
        rows.append({"metric": f"s/MB at {big[-1]['mb']:.3g} MB / at {big[0]['mb']:.3g} MB", "value": ratio,
                     "shown": f"{ratio:.2f}", "target": f"<= {LINEAR_TARGET:.1f}", "ok": ratio <= LINEAR_TARGET})
    return rows


def throughputs(releases: list[Any], args: argparse.Namespace, tmp: Path) -> dict[str, list[float]]:
    say(f"\n(a) throughput: clean() on the seed, the fixtures of {MIN_SIZE // 1000}-{MAX_SIZE // 1000} KB and "
        f"{args.docs} generated documents, one core, {args.speed_runs} fresh process(es) per release, "
        f"~{args.seconds:g} s of CPU each ...")
    speeds = side_by_side(releases, args.speed_runs, args.seconds, args.docs, tmp)
    say(table(["release", "docs/s (median of runs)", "runs"],
              [[r.label, f"{statistics.median(speeds[r.label]):,.0f}",
                ", ".join(f"{v:,.0f}" for v in speeds[r.label])] for r in releases]))
    return speeds


def cold_table(cold: dict[str, dict[str, Any]]) -> str:
    rows = []
    for name in ("cleannews", "compiled", "previous release", "trafilatura", "readability"):
        r = cold[name]
        if r.get("missing"):
            rows.append([name, "missing", "", "", r["note"]])
        else:
            rows.append([name, f"{r['median_s'] * 1000:.1f}", f"{r['min_s'] * 1000:.1f}",
                         f"{r['max_s'] * 1000:.1f}", r["command"]])
    return table(["what", "median ms", "min ms", "max ms", "command"], rows)


def sizes_table(megabytes: list[float]) -> list[dict[str, Any]]:
    say(f"\n(c) size: a text of {', '.join(f'{mb:g}' for mb in megabytes)} MB, each cleaned in a fresh process ...")
    big = sizes(megabytes)
    say(table(["MB", "lines", "CPU s", "s/MB", "peak MB", "output bytes"],
              [[f"{b['mb']:.1f}", f"{b['lines']:,}", f"{b['seconds']:.2f}", f"{b['seconds'] / b['mb']:.2f}",
                f"{b['peak_mb']:.0f}", f"{b['output_bytes']:,}"] for b in big]))
    return big


def main(argv: list[str] | None = None) -> int:
    from bench_dumps import PREVIOUS, releases_to_compare

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--previous", default=PREVIOUS, metavar="REV",
                        help=f"the previous release, a revision of this repository (default {PREVIOUS}); "
                             "'none' to measure this checkout alone")
    parser.add_argument("--pure", action="store_true",
                        help="measure this checkout as pure Python only, without building its compiled wheel")
    parser.add_argument("--speed-runs", type=int, default=3,
                        help="fresh processes per release for the throughput, alternating (default 3)")
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold-start command (min 10)")
    parser.add_argument("--seconds", type=float, default=3.0, help="CPU time spent timing clean() per run (default 3)")
    parser.add_argument("--docs", type=int, default=200, help="generated documents besides the fixtures")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES_MB)), metavar="MB,...",
                        help=f"sizes of the large texts, in MB (default {','.join(map(str, SIZES_MB))})")
    parser.add_argument("--only", choices=PARTS, help="measure only this part (default: all three)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails or cannot be measured")
    parser.add_argument("--worker", choices=("size",), help=argparse.SUPPRESS)
    parser.add_argument("--mb", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "size":
        print(json.dumps(size_worker(args.mb)))
        return 0
    if args.runs < 10:
        parser.error("--runs must be at least 10: a median of fewer fresh processes is noise")
    if args.speed_runs < 1:
        parser.error("--speed-runs must be at least 1")

    import cleannews

    say(f"cleannews {cleannews.__version__} · Python {platform.python_version()} ({sys.executable}) · "
        f"{platform.system()} {platform.machine()} · {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-text-") as tmp_name:
        tmp = Path(tmp_name)
        releases = releases_to_compare(args.previous, tmp / "prev", compiled=not args.pure)

        speeds: dict[str, list[float]] = {}
        cold: dict[str, dict[str, Any]] = {}
        if args.only in (None, "speed"):
            speeds = throughputs(releases, args, tmp)
        if args.only in (None, "cold"):
            say(f"\n(b) cold start: median of {args.runs} fresh processes each ...")
            by_label = {r.label: r.src for r in releases}
            cold = cold_starts(args.runs, by_label.get("previous"), by_label.get("compiled"))
            say(cold_table(cold))
    big = sizes_table([float(x) for x in args.sizes.split(",") if x.strip()]) if args.only in (None, "size") else []

    checks = targets(speeds, cold, big)
    say("\ntargets")
    say(table(["metric", "value", "target", "result"],
              [[c["metric"], c["shown"], c["target"], verdict(c["ok"]) if c["target"][0] in "<>" else ""]
               for c in checks]))
    for name in ("trafilatura", "readability"):
        if cold.get(name, {}).get("missing"):
            say(f"note: the {name} anchor is missing; install it with: {INSTALL_HINT}")

    if args.json:
        results = {
            "cleannews_version": cleannews.__version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "previous": args.previous,
            "throughput": speeds,
            "cold_start": cold,
            "sizes": big,
            "targets": [{k: v for k, v in c.items() if k != "shown"} for c in checks],
        }
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")

    gated = [c for c in checks if c["target"][0] in "<>"]
    return 1 if args.check and any(c["ok"] is not True for c in gated) else 0


if __name__ == "__main__":
    sys.exit(main())
