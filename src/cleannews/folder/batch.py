"""Folder mode: a tree of pages in, a mirrored tree of clean stories out (or one JSON Lines stream).

The run, in order:

1. Check the command: the output folder apart from the input folders, standard input not part
   of it, one run at a time per output folder (atomic.Staging).
2. Learn (unless --no-learn): every page is cleaned by the workers, which send back the
   fingerprints of its kept blocks; blocks that recur in enough articles of a site become
   the batch's boilerplate (learn.py), handed to every worker.
3. Clean: every page again, now dropping the learned boilerplate; each output written to a
   temporary file and renamed into place by the worker. Pages whose output is newer than they
   are were done by an earlier run and are left alone (unless --force).

Files are streamed from the walk to the workers, and results come back in input order through
a bounded window, so memory does not grow with the number of files. SIGINT, SIGTERM and SIGHUP
stop the run between files: workers are told to stop, what they were writing is removed, the
summary line says what was done, and the exit status is 128 + the signal.
"""

from __future__ import annotations

import glob
import os
import signal
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from .. import Options, clean
from ..errors import InputError, NotTextError, RuleError
from ..render import render, render_explain
from ..report import CLEANED, EMPTY, FAILED, SKIPPED, UP_TO_DATE, Report, display, exit_for_signal
from .atomic import Busy, Staging, write_atomically
from .learn import Boilerplate, Learner, article_key, fingerprints, site_of
from .pool import Failure, Pool
from .progress import Progress, wanted
from .walk import Entry, Walk, megabytes

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".json"}
EXPLAIN_EXTENSION = ".explain.txt"
WINDOW_PER_JOB = 8  # results held back behind one slow file, per worker


class Refused(Exception):
    """The command cannot run as given: a usage error, one line."""


class Settings(NamedTuple):
    """How to run a batch (the cleaning itself is the Options)."""

    timeout: float  # seconds per file
    max_size: int  # bytes per file
    learn_min: int  # articles of a site a block must be in to be its boilerplate
    fmt: str = "text"
    explain: bool = False
    links: bool = False
    title: bool = True  # the headline above the story (text and markdown)
    jobs: int | None = None  # None: one per CPU this process may use
    force: bool = False
    learn: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    report: str | None = None


class _Setup(NamedTuple):
    """What every worker needs, fixed for the run."""

    options: Options
    fmt: str
    explain: bool
    links: bool
    title: bool
    staging: str | None
    max_size: int


class Outcome(NamedTuple):
    """What a worker did with one file. `data`: (article key, fingerprints) when learning; the
    rendered document when streaming to standard output."""

    status: str
    reason: str = ""
    rules: tuple[str, ...] = ()
    seconds: float = 0.0
    data: Any = None


# --- in the worker ---------------------------------------------------------------------------


class _TooBig(Exception):
    pass


def _read(path: str, limit: int) -> bytes:
    with open(path, "rb") as f:
        data = f.read(limit + 1)  # the file may have grown since it was listed
    if len(data) > limit:
        raise _TooBig(f"over the size limit of {megabytes(limit)} (--max-size)")
    return data


def _work(setup: _Setup, boilerplate: Boilerplate | None, task: tuple[str, str, str, str, str | None]) -> Outcome:
    """Clean one file: learn from it, or write its output (or return it, for a stream)."""
    phase, source, shown, folder, output = task
    started = time.perf_counter()
    try:
        result = clean(_read(source, setup.max_size), setup.options)
    except (NotTextError, _TooBig) as exc:
        return Outcome(SKIPPED, f"not text or HTML: {exc}" if isinstance(exc, NotTextError) else str(exc))
    except OSError as exc:
        return Outcome(FAILED, exc.strerror or str(exc))
    except (InputError, RuleError) as exc:
        return Outcome(FAILED, str(exc))
    except Exception as exc:  # a bug on one page must not cost the others; it is reported, not hidden
        return Outcome(FAILED, f"internal error: {type(exc).__name__}: {exc}")
    site = site_of(result, folder)
    if phase == "learn":
        prints = fingerprints(result, site)
        return Outcome(CLEANED, data=(article_key(result, site, prints), prints))
    if boilerplate is not None:
        result = boilerplate.drop(result, site)
    status, reason = ((CLEANED, "; ".join(result.warnings)) if result.text.strip()
                      else (EMPTY, "nothing left after cleaning"))
    if setup.explain:
        text = render_explain(result)
        if output is None:
            text = f"==> {shown} <==\n{text}\n"
    else:
        text = render(result, setup.fmt, links=setup.links, title=setup.title,
                      source=shown if setup.fmt == "jsonl" else None)
    seconds = time.perf_counter() - started
    rules = tuple(result.rules_fired)
    if output is None:
        return Outcome(status, reason, rules, seconds, text.encode("utf-8"))
    try:
        os.makedirs(os.path.dirname(output), exist_ok=True)
        write_atomically(output, text.encode("utf-8"), setup.staging)
    except OSError as exc:
        return Outcome(FAILED, f"cannot write {display(output)}: {exc.strerror or exc}", rules, seconds)
    return Outcome(status, reason, rules, time.perf_counter() - started)


# --- in the parent ---------------------------------------------------------------------------


class _Signals:
    """SIGINT, SIGTERM and SIGHUP noted, not raised: the run stops between files, so that no
    output line or report line is ever cut in half. SIGPIPE is ignored meanwhile: a write to a
    worker that has just died must be an error to handle, not the end of the parent (the
    command line lets SIGPIPE end a one-file run quietly)."""

    NAMES = ("SIGINT", "SIGTERM", "SIGHUP")

    def __init__(self) -> None:
        self.signum = 0
        self._old: dict[int, Any] = {}
        for name in self.NAMES:
            if hasattr(signal, name):
                num = getattr(signal, name)
                self._old[num] = signal.signal(num, self.note)
        if hasattr(signal, "SIGPIPE"):
            self._old[signal.SIGPIPE] = signal.signal(signal.SIGPIPE, signal.SIG_IGN)

    def note(self, signum: int, frame: object = None) -> None:
        self.signum = self.signum or signum

    def stopped(self) -> bool:
        return bool(self.signum)

    def restore(self) -> None:
        for num, handler in self._old.items():
            signal.signal(num, handler)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def expand(inputs: Sequence[str]) -> list[str]:
    """Patterns the shell did not expand (quoted, or on Windows) are expanded here."""
    out: list[str] = []
    for given in inputs:
        pattern = any(c in given for c in "*?[") and not os.path.exists(given)
        out.extend((sorted(glob.glob(given, recursive=True)) if pattern else []) or [given])
    return out


def check(inputs: Sequence[str], out_dir: str | None, report: str | None) -> None:
    """Refuse what would write into an input tree, or read an output tree as input."""
    if "-" in inputs:
        raise Refused("-: standard input cannot be part of folder mode; give files or folders")
    if out_dir is not None and os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise Refused(f"{display(out_dir)}: is a file; folder mode writes into a folder")
    real_out = os.path.realpath(out_dir) if out_dir is not None else None
    for given in inputs:
        real = os.path.realpath(given)
        for written in (out_dir, report) if os.path.isdir(given) else ():
            if written is not None and _inside(os.path.realpath(written), real):
                raise Refused(f"{display(written)}: is inside the input folder {display(given)}; "
                              "refusing to write into the input tree")
        if real_out is not None and _inside(real, real_out):
            raise Refused(f"{display(given)}: is inside the output folder {display(out_dir or '')}; "
                          "refusing to read what it writes")


def _cpus() -> int:
    getter = getattr(os, "sched_getaffinity", None)
    return len(getter(0)) if getter else os.cpu_count() or 1


class _Run:
    """One batch, from the first file to the summary line."""

    def __init__(self, inputs: list[str], out_dir: str | None, settings: Settings) -> None:
        self.inputs = inputs
        self.out_dir = out_dir
        self.settings = settings
        ext = EXPLAIN_EXTENSION if settings.explain else EXTENSIONS[settings.fmt]
        self.walk = Walk(ext, settings.include, settings.exclude, settings.max_size)
        self.signals = _Signals()
        self.crashed: dict[str, str] = {}  # files whose worker died or hung while learning: not tried again
        self.progress_to = sys.stderr if wanted(sys.stderr) else None
        self.window = WINDOW_PER_JOB * (settings.jobs or _cpus())

    def entries(self) -> Iterator[Entry]:
        return self.walk.entries(self.inputs)

    def _progress(self, label: str) -> Progress | None:
        if self.progress_to is None:
            return None
        total = sum(1 for _ in self.entries())  # a listing, no reading: cheap next to cleaning
        return Progress(self.progress_to, label, total)

    def learn(self, pool: Pool) -> Boilerplate:
        learner = Learner(self.settings.learn_min)
        progress = self._progress("learning")
        tasks = ((e, None if e.status else ("learn", e.source, e.path, e.folder, None)) for e in self.entries())
        for n, (entry, outcome) in enumerate(self._map(pool, tasks, progress), 1):
            if isinstance(outcome, Failure):
                self.crashed[entry.path] = outcome.reason
            elif outcome is not None and outcome.status == CLEANED:
                learner.add_fingerprints(*outcome.data)
            if progress:
                progress.update(n)
        if progress:
            progress.clear()
        return learner.boilerplate()

    def _map(self, pool: Pool, tasks: Any, progress: Progress | None) -> Iterator[tuple[Any, Any]]:
        return pool.map(tasks, self.window, self.signals.stopped, progress.tick if progress else lambda: None)

    def _task(self, entry: Entry) -> tuple[tuple[Entry, Outcome | None], Any]:
        """(entry, an outcome known without a worker), or (entry, None) and the worker's task."""
        if entry.status:
            return (entry, Outcome(entry.status, entry.reason)), None
        if entry.path in self.crashed:
            return (entry, Outcome(FAILED, self.crashed[entry.path])), None
        output = os.path.join(self.out_dir, entry.output) if self.out_dir is not None else None
        if output is not None and not self.settings.force:
            try:
                if os.stat(output).st_mtime_ns >= entry.mtime_ns:
                    return (entry, Outcome(UP_TO_DATE, "its output is newer than it (--force redoes it)")), None
            except OSError:
                pass  # no output yet
        return (entry, None), ("clean", entry.source, entry.path, entry.folder, output)

    def clean(self, pool: Pool, report: Report) -> None:
        progress = self._progress("cleaning")
        tasks = (self._task(e) for e in self.entries())
        out = sys.stdout.buffer if self.out_dir is None else None
        for n, ((entry, known), outcome) in enumerate(self._map(pool, tasks, progress), 1):
            outcome = known or outcome
            if isinstance(outcome, Failure):
                outcome = Outcome(FAILED, outcome.reason)
            if out is not None and outcome.data is not None:
                try:
                    out.write(outcome.data)
                    out.flush()
                except BrokenPipeError:  # `cleannews --format jsonl folder | head`: the reader has left
                    self.signals.note(signal.SIGPIPE)
                    break
            output = os.path.join(self.out_dir, entry.output) if self.out_dir and entry.output else None
            if progress and outcome.status == FAILED:
                progress.clear()  # the failure's line, then the bar again below it
            report.record(display(entry.path), outcome.status, outcome.reason, outcome.rules, outcome.seconds,
                          display(output) if output and outcome.status in (CLEANED, EMPTY, UP_TO_DATE) else None)
            if progress:
                progress.update(n)
        if progress:
            progress.clear()


def run(inputs: Sequence[str], out_dir: str | None, options: Options, settings: Settings) -> int:
    """Clean every file of `inputs` (files and folders) into `out_dir`, mirroring the tree, or
    to standard output as JSON Lines when `out_dir` is None. Returns the exit status.
    Raises Refused for a command that must not run (nothing has been written then)."""
    inputs = expand(inputs)
    check(inputs, out_dir, settings.report)
    started = time.monotonic()
    try:
        staging = Staging(out_dir) if out_dir is not None else None
    except Busy as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(f"{display(out_dir or '')}: cannot write there: {exc.strerror or exc}") from None
    try:
        log = open(settings.report, "wb") if settings.report else None  # noqa: SIM115 (closed below)
    except OSError as exc:
        if staging is not None:
            staging.close()
        raise Refused(f"{display(settings.report or '')}: cannot write: {exc.strerror or exc}") from None
    report = Report(log)
    setup = _Setup(options, settings.fmt, settings.explain, settings.links, settings.title,
                   staging.path if staging else None, settings.max_size)
    pool = Pool(settings.jobs or _cpus(), settings.timeout, _work, setup)
    job = _Run(list(inputs), out_dir, settings)
    try:
        if settings.learn:
            pool.share(job.learn(pool))
        if not job.signals.stopped():
            job.clean(pool, report)
    finally:
        pool.close(interrupt=job.signals.stopped())
        if staging is not None:
            staging.close()  # after the workers: nothing can be writing into it now
        if log is not None:
            log.close()
        job.signals.restore()
    if job.signals.signum != getattr(signal, "SIGPIPE", None):  # nobody is reading any more
        report.summary(time.monotonic() - started, interrupted=job.signals.stopped())
    return exit_for_signal(job.signals.signum) if job.signals.stopped() else report.exit_code
