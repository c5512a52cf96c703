"""Benchmark of cleannews at crawl scale, run by hand (never as a unit test: timings on shared
runners lie). Issue 12's acceptance, on generated web archives (bench_batch.py's 8 KB news pages,
each an HTTP response beside its request record, gzip per record, split over --archives files):

  (a) reading: FastWARC (the library cleannews reads WARC with) against warcio on the same
      archives, records per second, each record's headers parsed and every response's body
      read; and cleannews' own reader (FastWARC, with the selection of pages and their codings
      undone);
  (b) the reading's share of the time per page: cleannews' reader against clean() of what it
      read, in one process on one core;
  (c) pages per second with 1 and 2 workers: the command line (`cleannews DIR --format jsonl
      --jobs N`), a datatrove pipeline (WarcReader → CleanNews → JsonlWriter, local executor,
      N workers), the same pipeline with datatrove's Trafilatura step instead, and the Spark job
      on local[N] (timed once its session is up and a warm-up run of the job on 200 pages is
      done); each the fastest of 3 interleaved runs; next to the machine's ceiling (two plain
      clean() loops at once against one); for the command line, the CPU seconds of its parent
      process and of its workers (getrusage, RUSAGE_SELF and RUSAGE_CHILDREN of the process
      that runs the command);
  (d) memory of the command line's whole process tree, 1,000 pages against 5,000.

Targets (issue 12): 2 workers >= 1.7 x 1 worker; memory flat (5,000 / 1,000 <= 1.10); reading
<= 10% of the time per page.

Usage:
    .venv/bin/pip install -e '.[bench]'     # datatrove, pyspark, trafilatura
    .venv/bin/python bench/bench_crawl.py [--pages 5000] [--archives 4] [--json crawl.json] [--check]

See bench/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_batch import _tree_rss, html_page

SPEEDUP_TARGET = 1.7
PIPELINES = {"cli": "command line", "datatrove": "datatrove + cleannews", "trafilatura": "datatrove + trafilatura",
             "spark": "spark (job only)"}  # (c)'s, by the names --pipelines knows them by
WARM_UP_PAGES = 200  # the Spark job's warm-up run, in two archives (a task for each of 2 workers)
MEMORY_TARGET = 1.10
READING_TARGET = 0.10
SMALL = 1_000
ROUNDS = 3  # reading passes per library; the median is used


# --- the archives ------------------------------------------------------------------------------


def make_archives(folder: Path, pages: int, archives: int, first: int = 0) -> list[Path]:
    """`pages` pages over `archives` WARC files (gzip), each page a request and a response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in range(archives):
        path = folder / f"crawl-{a:02d}.warc.gz"
        with open(path, "wb") as f:
            writer = WARCWriter(f, gzip=True)
            for n in range(first + a, first + pages, archives):
                url = f"https://gazette{n % 7}.example/news/{n}"
                request = StatusAndHeaders("GET /news/{n} HTTP/1.1", [("Host", f"gazette{n % 7}.example")],
                                           is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
                headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                           protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html_page(n)),
                                                              http_headers=headers))
        paths.append(path)
    return paths


# --- (a) and (b): reading ---------------------------------------------------------------------


def read_warcio(paths: list[Path]) -> int:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    for path in paths:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type == "response":
                    record.raw_stream.read()
                n += 1
    return n


def read_fastwarc(paths: list[Path]) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    for path in paths:
        with open(path, "rb") as f:
            for record in ArchiveIterator(f, parse_http=True):
                if record.record_type == WarcRecordType.response:
                    record.reader.read()
                n += 1
    return n


def read_cleannews(paths: list[Path]) -> int:
    from cleannews.read.archives import records

    return sum(1 for path in paths for _ in records(str(path)))


def reading(paths: list[Path]) -> dict[str, Any]:
    readers: dict[str, Callable[[list[Path]], int]] = {"warcio": read_warcio, "fastwarc": read_fastwarc,
                                                       "cleannews (fastwarc)": read_cleannews}
    times: dict[str, list[float]] = {name: [] for name in readers}
    counts: dict[str, int] = {}
    for _ in range(ROUNDS):  # interleaved, so that a busy moment costs each alike
        for name, read in readers.items():
            started = time.perf_counter()
            counts[name] = read(paths)
            times[name].append(time.perf_counter() - started)
    return {name: {"records": counts[name], "seconds": statistics.median(t),
                   "records_per_second": counts[name] / statistics.median(t)} for name, t in times.items()}


def reading_share(paths: list[Path]) -> dict[str, Any]:
    """Seconds to read every record (cleannews' reader) and to clean every page, one process."""
    from cleannews import Options
    from cleannews.crawl import clean_record
    from cleannews.read.archives import records

    started = time.perf_counter()
    read = [record for path in paths for record in records(str(path))]
    read_seconds = time.perf_counter() - started
    options = Options()
    clean_record(read[1], options)  # imports and rules
    started = time.perf_counter()
    for record in read:
        clean_record(record, options)
    clean_seconds = time.perf_counter() - started
    pages = sum(1 for r in read if r.page)
    return {"pages": pages, "read_seconds": read_seconds, "clean_seconds": clean_seconds,
            "share": read_seconds / (read_seconds + clean_seconds)}


# --- (c) throughput ---------------------------------------------------------------------------

_DATATROVE = """
import sys, time
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.writers import JsonlWriter
from cleannews.datatrove import CleanNews, WarcReader
if __name__ == "__main__":
    folder, out, workers, tasks, step = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    extractor = CleanNews() if step == "cleannews" else Trafilatura(timeout=5)
    started = time.perf_counter()
    LocalPipelineExecutor([WarcReader(folder), extractor, JsonlWriter(out)], tasks=tasks, workers=workers,
                          logging_dir=out + "-logs").run()
    print(time.perf_counter() - started)
"""

_SPARK = """
import sys, time
from cleannews.spark import archive_stories, builder
workers, out, warm, paths = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
# Spark started as `python -m cleannews.spark` starts it (its JVM's options included)
spark = (builder(f"local[{workers}]").config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
# The same job on small archives first: the Python workers started, cleannews imported in them,
# the JVM's classes for this job loaded and compiled, as on a crawl of hours they are from the
# first minutes on.
warmed, _ = archive_stories(spark, warm, learn_min=None)
warmed.write.json(out + "-warm-up")
started = time.perf_counter()
stories, _ = archive_stories(spark, paths, learn_min=None)
stories.write.json(out)
print(time.perf_counter() - started)
spark.stop()
"""

# The command line in this process, so that its parent's CPU is told from its workers' (the
# interpreter's start and the imports are timed too: the run is timed from outside).
_CLI = """
import json, resource, sys
from cleannews.cli import command
try:
    command.main(sys.argv[1:], prog_name="cleannews", standalone_mode=False)
except SystemExit:
    pass
cpu = {name: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(who))
       for name, who in (("parent", resource.RUSAGE_SELF), ("workers", resource.RUSAGE_CHILDREN))}
print(json.dumps(cpu))
"""

_CONTROL = """
import sys, time
from cleannews import Options
from cleannews.crawl import clean_record
from cleannews.read.archives import records
pages = [r for p in sys.argv[1:] for r in records(p) if r.page][:400]
clean_record(pages[0], Options())
t = time.perf_counter()
for r in pages: clean_record(r, Options())
print(time.perf_counter() - t)
"""


def _seconds(args: list[str], printed: list[str] | None = None) -> float:
    """Run, return the seconds it printed last (or its wall time when it prints none, or no
    number: then what it printed last is added to `printed`)."""
    started = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench: {' '.join(args[:4])} ... failed:\n{done.stderr[-2000:]}")
    last = done.stdout.strip().splitlines()[-1:] if done.stdout.strip() else []
    try:
        return float(last[0]) if last else wall
    except ValueError:
        if printed is not None:
            printed.append(last[0])
        return wall


def throughput(folder: Path, paths: list[Path], work: Path, pages: int, chosen: list[str],
               runs: int) -> dict[str, Any]:
    warm = make_archives(work / "warm-up", WARM_UP_PAGES, 2)
    pipelines: dict[str, Callable[[int, Path], list[str]]] = {
        "command line": lambda n, out: [sys.executable, "-c", _CLI, str(folder), "--format", "jsonl", "--no-learn",
                                        "--jobs", str(n), "-o", str(out)],
        "datatrove + cleannews": lambda n, out: [sys.executable, "-c", _DATATROVE, str(folder), str(out), str(n),
                                                 str(len(paths)), "cleannews"],
        "datatrove + trafilatura": lambda n, out: [sys.executable, "-c", _DATATROVE, str(folder), str(out), str(n),
                                                   str(len(paths)), "trafilatura"],
        "spark (job only)": lambda n, out: [sys.executable, "-c", _SPARK, str(n), str(out), ",".join(map(str, warm)),
                                            *map(str, paths)],
    }
    results: dict[str, Any] = {}
    for name, command in pipelines.items():
        if name not in chosen:
            continue
        # 1 and 2 workers alternate, and each counts by its fastest run: on a shared machine a
        # run is only ever slowed by others' work, and a burst of it must not fall on one side.
        times: dict[int, list[float]] = {1: [], 2: []}
        printed: dict[int, list[str]] = {1: [], 2: []}  # the command line's CPU seconds, each run's
        for run in range(runs):
            for n in (1, 2):  # a fresh output each run (datatrove skips the tasks its logs say are done)
                out = work / f"out-{name.split()[0]}-{name.split()[-1]}-{n}-{run}"
                times[n].append(_seconds(command(n, out), printed[n]))
        seconds = {n: min(t) for n, t in times.items()}
        results[name] = {"seconds": seconds, "runs": times,
                         "pages_per_second": {n: pages / s for n, s in seconds.items()},
                         "speedup": seconds[1] / seconds[2]}
        if printed[1]:
            results[name]["cpu"] = cpu = {n: [json.loads(line) for line in lines] for n, lines in printed.items()}
        spread = "   (runs: " + "; ".join(f"{n}: " + ", ".join(f"{t:.1f}" for t in times[n]) + " s"
                                       for n in (1, 2)) + ")" if runs > 1 else ""
        say(f"    {name:<26} 1 worker {pages / seconds[1]:7.1f} pages/s   2 workers {pages / seconds[2]:7.1f} "
            f"pages/s   x{seconds[1] / seconds[2]:.2f}{spread}")
        if printed[1]:
            say("    " + " " * 26 + " CPU s, parent / workers: " + "; ".join(
                f"{n}: " + ", ".join(f"{c['parent']:.2f} / {c['workers']:.1f}" for c in cpu[n]) for n in (1, 2)))
    solo = float(subprocess.run([sys.executable, "-c", _CONTROL, *map(str, paths)], capture_output=True,
                                check=True, text=True).stdout)
    pair = [subprocess.Popen([sys.executable, "-c", _CONTROL, *map(str, paths)], stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    results["ceiling"] = 2 * solo / max(float(p.communicate()[0]) for p in pair)
    say(f"    the machine's ceiling (two clean() loops at once against one): x{results['ceiling']:.2f}")
    return results


# --- (d) memory -------------------------------------------------------------------------------


def peak_memory(folder: Path, out: Path) -> dict[str, Any]:
    proc = subprocess.Popen([sys.executable, "-m", "cleannews", str(folder), "--format", "jsonl", "--jobs", "2",
                             "-o", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0

    def watch() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    started = time.perf_counter()
    watcher = threading.Thread(target=watch)
    watcher.start()
    proc.wait()
    watcher.join()
    return {"tree_peak": peak, "seconds": time.perf_counter() - started}


def say(text: str) -> None:
    print(text, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=5000, help="pages in the archives (each also has a request)")
    parser.add_argument("--archives", type=int, default=4, help="archive files the pages are split over")
    parser.add_argument("--pipelines", default=",".join(PIPELINES), metavar="NAMES",
                        help=f"(c): the pipelines to run, comma-separated, of {','.join(PIPELINES)} (default: all)")
    parser.add_argument("--runs", type=int, default=3,
                        help="(c): runs of each pipeline and worker count, interleaved; the fastest counts")
    parser.add_argument("--dir", type=Path, default=Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else None,
                        help="where to write the archives (default: /dev/shm, a RAM disk, where there is one)")
    parser.add_argument("--json", type=Path, help="also save every number as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    args = parser.parse_args()
    chosen = args.pipelines.split(",")
    if not set(chosen) <= PIPELINES.keys():
        parser.error(f"--pipelines: names of {', '.join(PIPELINES)}")
    say(f"Python {platform.python_version()} · {platform.system()} {platform.machine()} · "
        f"{len(os.sched_getaffinity(0))} CPUs usable · load average {os.getloadavg()[0]:.2f} (others' work "
        "skews the speed-ups: compare them with the ceiling)")
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-crawl-", dir=args.dir) as tmp:
        work = Path(tmp)
        paths = make_archives(work / "crawl", args.pages, args.archives)
        size = sum(p.stat().st_size for p in paths)
        say(f"\n{args.pages:,} pages ({2 * args.pages:,} records) in {args.archives} archives, "
            f"{size / 2**20:.1f} MiB gzip, {sum(len(gzip.decompress(p.read_bytes())) for p in paths) / 2**20:.1f} "
            "MiB unpacked")
        say("\n(a) reading every record, the bodies of the responses read (median of 3):")
        found["reading"] = reading(paths)
        for name, r in found["reading"].items():
            say(f"    {name:<20} {r['records_per_second']:10,.0f} records/s   ({r['records']:,} records, "
                f"{r['seconds']:.2f} s)")
        say("\n(b) reading against cleaning, one process:")
        share = found["share"] = reading_share(paths)
        say(f"    read {share['read_seconds']:.2f} s, cleaned {share['pages']:,} pages in "
            f"{share['clean_seconds']:.1f} s: reading is {share['share']:.1%} of the time per page")
        say(f"\n(c) pages per second, 1 and 2 workers (the fastest of {args.runs} interleaved runs):")
        found["throughput"] = throughput(work / "crawl", paths, work, args.pages, [PIPELINES[n] for n in chosen],
                                         runs=args.runs)
        say(f"\n(d) memory of the command line's process tree, {SMALL:,} and {args.pages:,} pages, --jobs 2:")
        small = make_archives(work / "small", SMALL, 1)
        large = make_archives(work / "large", args.pages, 1)
        found["memory"] = {str(SMALL): peak_memory(small[0].parent, work / "mem-small.jsonl"),
                           str(args.pages): peak_memory(large[0].parent, work / "mem-large.jsonl")}
        for count, m in found["memory"].items():
            say(f"    {int(count):>6,} pages: {m['tree_peak'] / 2**20:6.1f} MiB at the peak, {m['seconds']:.1f} s")
    tp = found["throughput"]
    memory_ratio = found["memory"][str(args.pages)]["tree_peak"] / found["memory"][str(SMALL)]["tree_peak"]
    checks = [(f"{name}: 2 workers / 1", tp[name]["speedup"], f">= {SPEEDUP_TARGET}",
               tp[name]["speedup"] >= SPEEDUP_TARGET) for name in tp if name != "ceiling"]
    checks += [("  the machine's ceiling", tp["ceiling"], "", True),
               (f"memory, {args.pages:,} / {SMALL:,} pages", memory_ratio, f"<= {MEMORY_TARGET}",
                memory_ratio <= MEMORY_TARGET),
               ("reading's share of the time per page", share["share"], f"<= {READING_TARGET}",
                share["share"] <= READING_TARGET)]
    say(f"\ntargets (load average now {os.getloadavg()[0]:.2f})")
    for name, value, target, ok in checks:
        say(f"    {name:<42} {value:6.2f}   {target:<8} {('met' if ok else 'NOT MET') if target else ''}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=2, default=str) + "\n", encoding="utf-8")
        say(f"\nsaved {args.json}")
    return 1 if args.check and not all(ok for *_, ok in checks) else 0


if __name__ == "__main__":
    sys.exit(main())
