"""Folder mode: a tree of pages in, a mirrored tree of clean stories out (or one JSON Lines or
CSV stream, to standard output or into one file).

The run, in order:

1. Check the command: the output folder apart from the input folders, standard input not part
   of it, one run at a time per output folder (atomic.Staging).
2. Learn (unless --no-learn): every page is cleaned by the workers, which send back the
   fingerprints of its kept blocks and keep its cleaned result on disk (the spool, spool.py,
   bounded by SPOOL_BUDGET); blocks that recur in enough articles of a site become the batch's
   boilerplate (learn.py), handed to every worker. What was learned is kept in the output
   folder's state folder, keyed to the inputs (names, sizes, times) and the options: a run over
   the same inputs takes it from there instead of learning again, and a run with nothing left
   to clean learns nothing.
   Each worker also drops from the page what it has itself learned so far (its own counts are
   a lower bound of the batch's), renders it and writes it ahead into the staging folder.
3. Clean: a page written ahead is renamed into place by the parent when the batch learned the
   same of it as its worker had; every other page's spooled result, now without the learned
   boilerplate, is rendered by a worker (a page the spool does not hold is cleaned again: the
   same result); each output written to a temporary file and renamed into place by the worker.
   Pages whose output is newer than they are were done by an earlier run and are left alone
   (unless --force).

Files are streamed from the walk to the workers, and results come back in input order through
a bounded window, so memory does not grow with the number of files. SIGINT, SIGTERM and SIGHUP
stop the run between files: workers are told to stop, what they were writing is removed, the
summary line says what was done, and the exit status is 128 + the signal. A full disk (or
quota) stops it too, at the first write that fails: one line says where and what is left to
do, every output and report line written before is whole, and the same command resumes.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import itertools
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

from .. import Options, __version__
from ..crawl import (
    Cleaned,
    clean_page,
    clean_record,
    learned_away,
    record_failure_json,
    record_json,
    without_boilerplate,
)
from ..read.archives import Part, Record, Unsplittable, parts, records
from ..render import CSV_HEADER, failure_json, render, render_csv, render_explain, use_colour
from ..report import (
    CLEANED,
    EMPTY,
    EXIT_FAILED,
    FAILED,
    SKIPPED,
    UP_TO_DATE,
    Report,
    display,
    exit_for_signal,
    say,
)
from .atomic import AtomicLines, Busy, Staging, WholeLines, no_space, write_aside, write_atomically
from .learn import Boilerplate, Learner, counted, site_of
from .pool import Again, Failure, Pool, step
from .progress import Progress, wanted
from .spool import IndexReader, IndexWriter, Kept, PageKey, WalkNotes, Written, fetch, keep, page_key, spare, walked
from .walk import ARCHIVE, Entry, Walk, megabytes

EXTENSIONS = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".json", "csv": ".csv"}
EXPLAIN_EXTENSION = ".explain.txt"
# Results held back behind one slow file, per worker: room for its pool.DEPTH messages of up
# to pool.MOST tasks each, which fast pages fill, beside as many records that need no worker
# (an archive's requests): with less, a worker that is done before the one with the oldest
# tasks waits for it.
WINDOW_PER_JOB = 64
# Bytes of records' output lines held to be written in one go (they also go out whenever the
# run waits for the workers, and at the end of each input).
HOLD = 1 << 18
STATE = ".cleannews-state"  # in the output folder: what a run keeps for the next one
LEARNED = "learned"  # in STATE: the key of the inputs and options, then the learned counts
NO_SPACE = "no space"  # a worker's outcome when the disk is full: the run stops; not a report status
# What the learning pass keeps on disk of the pages it cleaned, so that the cleaning pass only
# drops the learned blocks and renders (about the size of each page's text). Past it, or past
# half the disk's free space (the rest is the outputs'), pages are cleaned a second time, as
# without a spool.
SPOOL_BUDGET = 1 << 30


class Refused(Exception):
    """The command cannot run as given: a usage error, one line."""


class Settings(NamedTuple):
    """How to run a batch (the cleaning itself is the Options)."""

    timeout: float  # seconds per file
    max_size: int  # bytes per file
    learn_min: int  # articles of a site a block must be in to be its boilerplate
    fmt: str = "text"
    explain: bool = False
    title: bool = True  # the headline above the story (text and markdown)
    metadata: bool = False  # a short header above the story (text and markdown)
    jobs: int | None = None  # None: one per CPU this process may use
    force: bool = False
    learn: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    report: str | None = None
    color: str = "auto"  # --color: auto, always, never
    stream_to: str | None = None  # the one file a JSON Lines or CSV stream goes to (None: standard output)
    dump_field: str | None = None  # every input is a JSON Lines dump, its pages in this field


class _Setup(NamedTuple):
    """What every worker needs, fixed for the run."""

    options: Options
    fmt: str
    explain: bool
    colour: bool  # explain files in colour (--color always)
    title: bool
    metadata: bool
    staging: str | None
    max_size: int
    learn_min: int


class Outcome(NamedTuple):
    """What a worker did with one file. `data`: (article key, fingerprints, where the page was
    kept or None) when learning; the rendered document when streaming."""

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


def _render(setup: _Setup, result: Any, shown: str, streamed: bool, record: Record | None) -> str:
    if record is not None:  # a page of an archive or a dump: a line of its input's output
        if setup.fmt == "csv" and not setup.explain:
            return render_csv(result, shown, header=False)
        return record_json(result, shown, record)
    if setup.explain:
        text = render_explain(result, setup.colour)
        return f"==> {display(shown)} <==\n{text}\n" if streamed else text
    if setup.fmt == "csv":
        return render_csv(result, shown, header=not streamed)
    return render(result, setup.fmt, title=setup.title, metadata=setup.metadata,
                  source=shown if setup.fmt == "jsonl" else None)


def _cleaned(setup: _Setup, source: str | Record) -> Cleaned:
    """A file read and cleaned, or a record's page cleaned (within --max-size)."""
    if isinstance(source, Record):
        if isinstance(source.page, (bytes, str)) and len(source.page) > setup.max_size:
            return Cleaned(SKIPPED, f"{megabytes(len(source.page))}, over the size limit of "
                                    f"{megabytes(setup.max_size)} (--max-size)")
        return clean_record(source, setup.options)
    try:
        data = _read(source, setup.max_size)
    except _TooBig as exc:
        return Cleaned(SKIPPED, str(exc))
    except OSError as exc:
        return Cleaned(FAILED, exc.strerror or str(exc))
    return clean_page(data, setup.options)


# A worker's task: (phase "learn" or "clean", the file to read or the record, its name as shown,
# its folder (its site when the page names none), the output file to write or None to return it
# (when learning: None, or the output it will have, to write the page ahead), and the spool: when
# learning, (its folder, the room the worker's file has) to keep the page in; when cleaning, (its
# folder, where the page was kept); None for no spool).
Task = tuple[str, str | Record, str, str, str | None, tuple[str, Any] | None]


def _work(setup: _Setup, boilerplate: Boilerplate | None, task: Task) -> Outcome:
    """Clean one file or record: learn from it, or write its output (or return it, for a stream)."""
    phase, source, shown, folder, output, spool = task
    started = time.perf_counter()
    kept = fetch(*spool) if spool and phase == "clean" else None
    done = kept.done if kept else _cleaned(setup, source)
    if done.result is None:
        return Outcome(done.status, done.reason)
    site = site_of(done.result, folder)
    if phase == "learn":
        article, prints = counted(done.result, site)
        written, settled = None, False
        if output and spool:
            learner = _own_learner(setup)
            learner.add_fingerprints(article, prints)
            written = _written_ahead(setup, done, site, learner.so_far(), prints, shown, spool, started)
            # A page written ahead is read back only if the batch learns more of it than the
            # worker had: kept when that is likely, else cleaned again then.
            settled = written is not None and not learner.unsettled(prints)
        place = keep(*spool, Kept(done, prints, time.perf_counter() - started)) if spool and not settled else None
        return Outcome(CLEANED, data=(article, prints, place, written))
    status, reason, result = without_boilerplate(done, boilerplate, site, kept.prints if kept else None)
    assert result is not None
    text = _render(setup, result, shown, output is None, source if isinstance(source, Record) else None)
    started -= kept.seconds if kept else 0.0  # the page's time is its cleaning's, in whichever pass
    seconds = time.perf_counter() - started
    rules = tuple(result.rules_fired)
    if output is None:
        return Outcome(status, reason, rules, seconds, text.encode("utf-8"))
    try:
        os.makedirs(os.path.dirname(output), exist_ok=True)
        write_atomically(output, text.encode("utf-8"), setup.staging)
    except OSError as exc:
        if no_space(exc):
            return Outcome(NO_SPACE, exc.strerror or str(exc), rules, seconds)
        return Outcome(FAILED, f"cannot write {display(output)}: {exc.strerror or exc}", rules, seconds)
    return Outcome(status, reason, rules, time.perf_counter() - started)


_learner: dict[tuple[str | None, int], Learner] = {}  # this worker's (_own_learner)
_RECENT = 1 << 13  # blocks seen once a worker's learner remembers (about 0.5 MiB)


if hasattr(os, "register_at_fork"):  # a new worker counts for itself
    os.register_at_fork(after_in_child=_learner.clear)


def _own_learner(setup: _Setup) -> Learner:
    """This worker's learner: its counts need not be the batch's, only never more, in little
    memory (each worker has one). It forgets the blocks seen once every few thousand, and the
    cleaning pass checks every guess made from it."""
    learner = _learner.get((setup.staging, setup.learn_min))
    if learner is None:
        learner = _learner[setup.staging, setup.learn_min] = Learner(setup.learn_min, recent=_RECENT)
    return learner


def _written_ahead(setup: _Setup, done: Cleaned, site: str, so_far: Boilerplate, prints: tuple[int, ...],
                   shown: str, spool: tuple[str, int], started: float) -> Written | None:
    """The learning pass's guess at a page's output, written aside into the staging folder: the
    page without the blocks this worker has already counted in enough articles (`so_far`).
    Counts only grow, so those are the batch's boilerplate too, and for most pages of a site
    (all but its first few) they are all of it: the cleaning pass then puts the file in place
    rather than sending the page to a worker again. None when the guess cannot be trusted
    (which of the learned blocks the story's floor keeps depends on the counts) or cannot be
    written (past the `spool`'s room, which it shares)."""
    (status, reason, result), whole = learned_away(done, so_far, site, prints)
    if not whole or result is None or setup.staging is None:
        return None
    data = _render(setup, result, shown, False, None).encode("utf-8")
    if not spare(*spool, len(data)):
        return None
    try:
        temp = write_aside(data, setup.staging)
    except OSError:
        return None  # (a full disk: the cleaning pass meets it at the page's own write)
    return temp, prints, so_far.learned(prints), (status, reason, tuple(result.rules_fired),
                                                  time.perf_counter() - started)


def _handle(setup: _Setup, boilerplate: Boilerplate | None, task: Any) -> tuple[Any, ...] | None:
    """The pool's handler: _work's outcome as a plain tuple (a named tuple is pickled through
    Python calls: most of a small message's cost, paid with every page); a part of an
    archive's, _work_part's."""
    if task[0] == "part":
        return _work_part(setup, boilerplate, task)
    return tuple(_work(setup, boilerplate, task))


# A part of an archive to read and clean: ("part", the archive, its name as shown, its folder,
# the part's start and end (archives.Part), whether it starts exactly at its start, the records
# (numbered from 0 in the part) that failed in an earlier try, each with why, and None or
# (n, why): the place where reading it killed its worker, past which it is not read).
PartTask = tuple[str, str, str, str, int, int | None, bool, dict[int, str], tuple[int, str] | None]


def _work_part(setup: _Setup, boilerplate: Boilerplate | None, task: PartTask) -> tuple[Any, ...] | None:
    """Read a part of an archive and clean its records: (where its first record starts, where
    the next part's first starts or None, for each record in order its record id (None when
    it is known by its number: the parent numbers it in the archive), its fields when its
    line is the parent's to write (a failed page's), and _handle's outcome). None when the
    archive cannot be read in parts."""
    _, path, shown, folder, start, end, exact, failed, cut = task
    try:
        part = Part(path, start, end, exact)
    except OSError as exc:
        return start, None, [(None, None, FAILED, exc.strerror or str(exc), (), 0.0, None)]
    # All its records are read before any is cleaned: read in between, they made the cleaning
    # itself 3% slower (bench_crawl's pages, one process), on top of the reading.
    read: list[Record] = []
    try:
        reading = iter(part)
        while cut is None or len(read) < cut[0]:  # not past where reading killed a worker
            step(len(read))
            record = next(reading, None)
            if record is None:
                break
            read.append(record)
    except Unsplittable:
        return None
    finally:
        part.close()
    done: list[tuple[Any, ...]] = []
    for n, record in enumerate(read):
        step(n)
        outcome = (FAILED, failed[n], (), 0.0, None) if n in failed else \
            tuple(_work(setup, boilerplate, ("clean", record, shown, folder, None, None)))
        named = bool(record.fields and record.fields.get("warc_record_id"))
        line = outcome[0] == FAILED and outcome[4] is None
        done.append((record.where if named else None, record.fields if line else None, *outcome))
    if cut is not None and len(read) == cut[0]:
        done.append((None, None, FAILED, f"the archive is broken here, the rest of it cannot be read: {cut[1]}",
                     (), 0.0, None))
        return part.first, None, done
    return part.first, part.after, done


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


class _Full(Exception):
    """The disk (or quota) is full where `where` is written: the run stops."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(reason)
        self.where = where
        self.reason = reason


class _FullDisk:
    """`with _FullDisk(where):` an OSError for want of space, inside, stops the run as _Full
    (naming `where`); any other goes on as it is."""

    def __init__(self, where: str) -> None:
        self.where = where

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        if isinstance(exc, OSError) and no_space(exc):
            raise _Full(self.where, exc.strerror or str(exc)) from None


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def expand(inputs: Sequence[str]) -> list[str]:
    """Patterns the shell did not expand (quoted, or on Windows) are expanded here."""
    out: list[str] = []
    for given in inputs:
        pattern = any(c in given for c in "*?[") and not os.path.exists(given)
        out.extend((sorted(glob.glob(given, recursive=True)) if pattern else []) or [given])
    return out


def check(inputs: Sequence[str], out_dir: str | None, written: Sequence[str | None]) -> None:
    """Refuse what would write into an input tree, overwrite an input, or read an output tree
    as input. `written`: the files the run writes besides the output folder (report, stream)."""
    if "-" in inputs:
        raise Refused("-: standard input cannot be part of folder mode; give files or folders")
    if out_dir is not None and os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise Refused(f"{display(out_dir)}: is a file; folder mode writes into a folder")
    real_out = os.path.realpath(out_dir) if out_dir is not None else None
    for given in inputs:
        real = os.path.realpath(given)
        for name in (out_dir, *written):
            if name is None:
                continue
            if os.path.isdir(given) and _inside(os.path.realpath(name), real):
                raise Refused(f"{display(name)}: is inside the input folder {display(given)}; "
                              "refusing to write into the input tree")
            if not os.path.isdir(given) and os.path.realpath(name) == real:
                raise Refused(f"{display(name)}: is also an input; refusing to overwrite it")
        if real_out is not None and _inside(real, real_out):
            raise Refused(f"{display(given)}: is inside the output folder {display(out_dir or '')}; "
                          "refusing to read what it writes")


def _cpus() -> int:
    getter = getattr(os, "sched_getaffinity", None)
    return len(getter(0)) if getter else os.cpu_count() or 1


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:-"
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


_NEWER = Outcome(UP_TO_DATE, "its output is newer than it (--force redoes it)")


class _Unit(NamedTuple):
    """What one task of the pool is about: a file, or a record of an input of many (an archive,
    a dump); `known`, its outcome when no worker is needed; `last`, the end of an input of many
    records (its output is whole: put it in place)."""

    entry: Entry
    record: Record | None = None
    known: Outcome | None = None
    last: bool = False
    page: PageKey | None = None  # its key in the spool
    part: _Part | None = None  # a part of an archive, read by the worker


class _Part:
    """A part of an archive as the next try reads it (see _Run._settle): its bounds, and what
    earlier tries found."""

    def __init__(self, start: int, end: int | None) -> None:
        self.start = start
        self.end = end
        self.exact = start == 0  # the archive's first record is where it starts
        self.failed: dict[int, str] = {}  # records (numbered from 0 in the part) whose worker died or hung
        self.cut: tuple[int, str] | None = None  # where reading it, not cleaning, killed its worker

    def task(self, entry: Entry) -> PartTask:
        return ("part", entry.source, entry.path, entry.folder, self.start, self.end, self.exact, dict(self.failed),
                self.cut)

    def again(self, entry: Entry, start: int, end: int | None) -> Again:
        """Read it again from `start` exactly (to `end`)."""
        self.start, self.end, self.exact = start, end, True
        self.failed, self.cut = {}, None
        return Again(self.task(entry))


class _Records(NamedTuple):
    """The output of an input of many records, written by the parent as the records' outcomes
    come back in order: into a temporary file renamed into place when the last record is in
    (folder mode), or, in a stream (lines None), into the stream itself."""

    entry: Entry
    lines: AtomicLines | None


class _Held:
    """Records' output lines not yet written, and the records' reports: the lines go out in one
    write (the parent writes every line of an archive or a dump; a write each was 7% of its
    work on the records of bench_crawl's archive), then the reports are made, so that no report
    line nor count is ever ahead of the output, even when the disk fills at that write. All
    go to one file: the held lines are written before an input's output is put in place."""

    def __init__(self) -> None:
        self.target: WholeLines | None = None
        self.lines: list[bytes] = []
        self.size = 0
        self.reports: list[tuple[_Unit, Outcome]] = []


class _Run:
    """One batch, from the first file to the summary line."""

    def __init__(self, inputs: list[str], out_dir: str | None, options: Options, settings: Settings) -> None:
        self.inputs = inputs
        self.out_dir = out_dir
        self.options = options
        self.settings = settings
        ext = EXPLAIN_EXTENSION if settings.explain else EXTENSIONS[settings.fmt]
        self.csv = settings.fmt == "csv" and not settings.explain
        self.walk = Walk(ext, settings.include, settings.exclude, settings.max_size,
                         records_ext=".csv" if self.csv else ".jsonl", dumps=settings.dump_field is not None)
        self.signals = _Signals()
        self.crashed: dict[tuple[str, str], str] = {}  # (file, record) whose worker died or hung while learning
        self.staging: str | None = None
        self.open_records: _Records | None = None
        self.progress_to = sys.stderr if wanted(sys.stderr) else None
        self.jobs = settings.jobs or _cpus()
        self.window = WINDOW_PER_JOB * self.jobs
        self.full: _Full | None = None
        self.reported = 0
        self.spool: str | None = None  # the folder of the spool, while learning has kept pages there
        self.room = 0  # bytes each worker may keep there
        self._own_spool = False  # a folder of its own (a stream's run has no staging folder)
        self._kept: IndexReader | None = None  # in the cleaning pass, where the pages were kept
        self._walked: WalkNotes | None = None  # the learning pass's walk, noted whole: the cleaning pass replays it
        self.learned: Boilerplate | None = None  # what the batch taught
        self._made = ""  # the output folder the cleaning pass made last
        self._held = _Held()  # in the cleaning pass, records' lines and reports not yet written
        # The archive whose parts are being settled, where its next record starts (None: it
        # ended or broke) and how many records came before (the parent numbers them).
        self._chain: tuple[Entry, int | None, int] | None = None

    def entries(self) -> Iterator[Entry]:
        return self._replayed(self._walked) if self._walked is not None else self.walk.entries(self.inputs)

    def _replayed(self, notes: WalkNotes) -> Iterator[Entry]:
        """The noted walk; should its file be cut short, the rest of the inputs walked again."""
        read = yield from walked(notes.path)
        if read < notes.count:
            yield from itertools.islice(self.walk.entries(self.inputs), read, None)

    def _progress(self, label: str) -> Progress | None:
        if self.progress_to is None:
            return None
        total = sum(1 for _ in self.entries())  # a listing, no reading: cheap next to cleaning
        return Progress(self.progress_to, label, total, use_colour(self.settings.color, self.progress_to))

    # --- learning, or what an earlier run learned ---

    def _state(self) -> str | None:
        return os.path.join(self.out_dir, STATE, LEARNED) if self.out_dir is not None else None

    def _worth_learning(self) -> bool:
        """Whether a file is left to clean and the batch has at least as many pages as a block
        must be in to be boilerplate; the walk goes only as far as it takes to tell."""
        pending, pages = False, 0
        for entry in self.entries():
            pending = pending or not (entry.status or self._up_to_date(entry))
            # an archive or a dump may hold any number of pages: never too few to learn from
            pages += self.settings.learn_min if entry.records else not entry.status
            if pending and pages >= self.settings.learn_min:
                return True
        return False

    def _digest(self) -> Any:
        """The start of the key the learned counts are kept under (a blake2b to feed each
        entry with _stamp_entry): the counts depend on the files of the batch (names, sizes,
        times), the options that change what is kept, and the rules (the shipped packs, the
        user's files)."""
        from ..rules import PACKS

        digest = hashlib.blake2b(digest_size=16)
        o = self.options
        packs = (os.path.join(PACKS, name) for name in sorted(os.listdir(PACKS)))
        parts = [__version__, o.input_format, str(o.keep_captions), *o.languages,
                 *map(_stamp, o.rule_files), *map(_stamp, packs)]
        digest.update("\0".join(parts).encode("utf-8", "surrogateescape"))
        return digest

    def _load(self) -> dict[int, int] | None:
        """What an earlier run over the same inputs learned, if it kept it (the inputs are
        walked to tell only when there is a state to compare them with)."""
        state = self._state()
        if state is None:
            return None
        import marshal

        try:
            with open(state, "rb") as f:
                stored_key, counts = marshal.load(f)
        except (OSError, EOFError, ValueError, TypeError):  # none yet, or not ours: learn again
            return None
        digest = self._digest()
        for entry in self.entries():
            _stamp_entry(digest, entry)
        return counts if stored_key == digest.hexdigest() and isinstance(counts, dict) else None

    def _save(self, key: str, counts: dict[int, int]) -> None:
        """Keep what was learned for the next run. Only a cache: when it cannot be written
        (a full disk), the next run learns again."""
        state = self._state()
        if state is None:
            return
        import marshal

        with contextlib.suppress(OSError):
            os.makedirs(os.path.dirname(state), exist_ok=True)
            write_atomically(state, marshal.dumps((key, counts)))

    def boilerplate(self, pool: Pool) -> Boilerplate | None:
        """What the batch teaches: from an earlier run over the same inputs with the same
        options, else learned now; nothing when no file is left to clean, or when there are
        fewer pages than a block must be in to be boilerplate."""
        if not self._worth_learning():
            return None
        counts = self._load()
        if counts is None:
            key = self._digest()
            learner = self.learn(pool, key)
            if self.signals.stopped():
                return None
            counts = learner.counts()
            self._save(key.hexdigest(), counts)
        self.learned = Boilerplate.from_counts(counts, self.settings.learn_min)
        return self.learned

    def learn(self, pool: Pool, key: Any = None) -> Learner:
        """Count the blocks of every page (and spool the pages for the cleaning pass); `key`,
        a _digest(), is fed every entry on the way."""
        learner = Learner(self.settings.learn_min)
        self._own_spool = self.staging is None
        self.spool = self.staging or tempfile.mkdtemp(prefix="cleannews-spool-")
        try:
            self.room = min(SPOOL_BUDGET, shutil.disk_usage(self.spool).free // 2) // self.jobs
        except OSError:
            self.room = 0
        notes = IndexWriter(self.spool)
        walk = WalkNotes(self.spool, self.room)
        progress = self._progress("learning")
        if progress and self.out_dir is None and self.settings.stream_to is None:
            progress.say("cleannews: learning the batch's boilerplate first: nothing is printed until it is done "
                         "(--no-learn starts at once)")
        done = 0
        try:
            for unit, outcome in self._map(pool, self._tasks("learn", key, walk), progress):
                if isinstance(outcome, Failure):
                    if outcome.stopped:  # the worker was told to stop: so is the run
                        self.signals.note(signal.SIGTERM)
                        break
                    self.crashed[_key_of(unit)] = outcome.reason
                elif outcome is not None and outcome.status == CLEANED:
                    article, prints, place, written = outcome.data
                    learner.add_fingerprints(article, prints)
                    if (place is not None or written is not None) and unit.page is not None:
                        notes.note(unit.page, place, written)
                done += _ends_input(unit)
                if progress:
                    progress.update(done)
        finally:
            notes.end()
            walk.close()
        if walk.complete:
            self._walked = walk
        if progress:
            progress.clear()
        return learner

    def _spool_task(self, phase: str, entry: Entry, nth: int = 0,
                    pending: bool = True) -> tuple[PageKey | None, Any, Written | None]:
        """A page's key in the spool (the `nth` record of an archive or a dump), the spool's
        part of its task: when learning, where to keep the page (unless its input is not
        `pending`: its output is up to date); when cleaning, where it was kept; and when
        cleaning, what the learning pass wrote of it ahead."""
        if self.spool is None or not self.room or not pending:
            return None, None, None
        page = page_key(entry.path, entry.size, entry.mtime_ns, nth)
        if phase == "learn":
            return page, (self.spool, self.room), None
        place, written = (self._kept.find(page) if self._kept is not None else None) or (None, None)
        return page, (self.spool, place) if place is not None else None, written

    def _put_in_place(self, written: Written, output: str | None) -> bool:
        """Put a page the learning pass wrote ahead in place, if the batch learned of it what
        the worker that wrote it had; else remove it (the page is cleaned again)."""
        temp, prints, learned, _ = written
        try:
            if output is not None and self.learned is not None and self.learned.learned(prints) == learned:
                folder = os.path.dirname(output)
                if folder != self._made:  # (pages come folder by folder)
                    os.makedirs(folder, exist_ok=True)
                    self._made = folder
                os.replace(temp, output)
                return True
        except OSError:
            pass  # a worker writes it, and reports what stops it
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False

    def remove_spool(self) -> None:
        """Remove the spool's own folder (call once no worker can write there). One in the
        staging folder goes with it."""
        if self.spool is not None and self._own_spool:
            shutil.rmtree(self.spool, ignore_errors=True)
        self.spool = self._walked = None

    def _map(self, pool: Pool, tasks: Any, progress: Progress | None,
             idle: Callable[[], object] = lambda: None) -> Iterator[tuple[Any, Any]]:
        """(unit, outcome) of each task: an Outcome, a Failure, or None (no task); for a part
        of an archive, a list of (unit, Outcome) of its records. `idle()` is called each time
        the run is about to wait for the workers."""

        def tick() -> None:
            idle()
            if progress:
                progress.tick()

        for unit, outcome in pool.map(tasks, self.window, self.signals.stopped, tick, self._settle):
            yield unit, tuple.__new__(Outcome, outcome) if type(outcome) is tuple else outcome

    # --- cleaning ---

    def _output(self, entry: Entry) -> str | None:
        return os.path.join(self.out_dir, entry.output) if self.out_dir is not None and entry.output else None

    def _up_to_date(self, entry: Entry, output: str | None = None) -> bool:
        """Its output (`output`, if already known) is newer than it: done by an earlier run
        (unless --force)."""
        output = output or self._output(entry)
        if output is None or self.settings.force:
            return False
        try:
            return os.stat(output).st_mtime_ns >= entry.mtime_ns
        except OSError:
            return False  # no output yet

    def _tasks(self, phase: str, key: Any = None, walk: WalkNotes | None = None) -> Iterator[tuple[_Unit, Any]]:
        """(unit, the worker's task or None) for every file and every record of the batch, in
        order; in the clean phase, files and archives done by an earlier run are up to date.
        `key`, a _digest(), is fed each entry; `walk` notes each, and is ended after the last."""
        for entry in self.entries():
            if key is not None:
                _stamp_entry(key, entry)
            if walk is not None:
                walk.add(entry)
            if entry.status:
                yield _Unit(entry, known=Outcome(entry.status, entry.reason), last=True), None
            elif entry.records:
                if phase == "clean" and self._up_to_date(entry):
                    yield _Unit(entry, known=_NEWER, last=True), None
                else:
                    yield from self._record_tasks(entry, phase)
            elif (entry.path, "") in self.crashed:
                yield _Unit(entry, known=Outcome(FAILED, self.crashed[entry.path, ""])), None
            else:
                yield self._file_task(phase, entry)
        if walk is not None:
            walk.end()

    def _file_task(self, phase: str, entry: Entry) -> tuple[_Unit, Any]:
        """The unit and task of a file (not an archive or a dump)."""
        output = self._output(entry)
        if phase == "learn":
            page, spool, _ = self._spool_task(phase, entry, pending=not self._up_to_date(entry, output))
            ahead = output if page is not None and self.staging is not None else None  # where it will go, if anywhere
            return _Unit(entry, page=page), (phase, entry.source, entry.path, entry.folder, ahead, spool)
        page, spool, written = self._spool_task(phase, entry)
        # (a page the learning pass kept or wrote was not up to date then, and nothing has written it since)
        if spool is None and written is None and self._up_to_date(entry, output):
            return _Unit(entry, known=_NEWER, last=True), None
        if written is not None and self._put_in_place(written, output):
            return _Unit(entry, known=Outcome(*written[3])), None
        return _Unit(entry, page=page), (phase, entry.source, entry.path, entry.folder, output, spool)

    def _record_tasks(self, entry: Entry, phase: str) -> Iterator[tuple[_Unit, Any]]:
        """A unit for each record of an archive or a dump (read here, one at a time, and sent to
        the workers), then its last unit. When cleaning without a spool, with a worker on every
        CPU, a WARC file that can be is read by the workers instead, a part each
        (archives.parts): this process, which also writes every line, then reads no record and
        leaves the workers the CPUs. (With a CPU to itself its reading costs them nothing, and
        they would have it to do: 3% more work for one worker on bench_crawl's archive.)"""
        workers_read = phase == "clean" and self.spool is None and entry.records == ARCHIVE and self.jobs >= _cpus()
        bounds = parts(entry.source) if workers_read else None
        if bounds is not None:
            for start, end in bounds:
                part = _Part(start, end)
                yield _Unit(entry, part=part), part.task(entry)
            yield _Unit(entry, last=True), None
            return
        pending = phase == "clean" or not self._up_to_date(entry)
        try:
            for nth, record in enumerate(records(entry.source, self.settings.dump_field), 1):
                crashed = self.crashed.get((entry.path, record.where))
                if record.status or crashed:
                    yield _Unit(entry, record, Outcome(record.status or FAILED, record.reason or crashed or "")), None
                else:
                    page, spool, _ = self._spool_task(phase, entry, nth, pending)
                    yield _Unit(entry, record, page=page), (phase, record, entry.path, entry.folder, None, spool)
        except OSError as exc:
            yield _Unit(entry, known=Outcome(FAILED, exc.strerror or str(exc)), last=True), None
            return
        yield _Unit(entry, last=True), None

    def _settle(self, unit: _Unit, outcome: Any) -> Any:
        """A part's outcome, checked in the order of the archive: its records as (unit, Outcome)
        pairs, or Again: read it again where the part before it stopped, when the worker started
        anywhere else (a record inside another's block looked like one); without the record
        whose worker died or hung (that record fails, alone); or, when FastWARC's places are no
        records' starts, the rest of the archive as one part. Other outcomes are as they are."""
        part = unit.part
        if part is None:
            return outcome
        if self._chain is None or self._chain[0] is not unit.entry:
            self._chain = (unit.entry, 0, 0)
        entry, expected, count = self._chain
        if expected is None or (part.end is not None and expected >= part.end):
            return []  # no record starts in it: the one before ran past it, or the archive ended
        if isinstance(outcome, Failure):
            if outcome.stopped:
                return outcome
            if part.cut is not None:  # it died again before that: in finding the part's first record
                self._chain = (entry, None, count + 1)
                return [(_Unit(entry, Record(f"record {count + 1}")), Outcome(FAILED, outcome.reason))]
            if outcome.part in part.failed:  # it died reading that record again, not cleaning it
                part.cut = (outcome.part, outcome.reason)
            else:
                part.failed[outcome.part] = outcome.reason
            return Again(part.task(entry))
        if outcome is None:
            return part.again(entry, expected, None)
        first, after, done = outcome
        if first != expected:
            return part.again(entry, expected, part.end)
        self._chain = (entry, after, count + len(done))
        return [(_Unit(entry, Record(where or f"record {count + n}", fields=fields)), tuple.__new__(Outcome, rest))
                for n, (where, fields, *rest) in enumerate(done, 1)]

    def _write(self, stream: WholeLines, data: bytes) -> bool:
        """Write to the stream; False when its reader has gone. Raises _Full on a full disk."""
        try:
            stream.write(data)
        except BrokenPipeError:  # `cleannews --format jsonl folder | head`: the reader has left
            self.signals.note(signal.SIGPIPE)
            return False
        except OSError as exc:
            if not no_space(exc):
                raise
            raise _Full(self.settings.stream_to or "standard output", exc.strerror or str(exc)) from None
        return True

    def _streamed(self, stream: WholeLines, entry: Entry, outcome: Outcome) -> bool:
        """Write a stream's part for one input: its document, or for an input that gave none
        (failed, skipped) its JSON object, so that a stream names every input once."""
        data = outcome.data
        if data is None and self.settings.fmt == "jsonl" and not self.settings.explain:
            data = failure_json(entry.path, outcome.status, outcome.reason).encode("utf-8")
        return data is None or self._write(stream, data)

    def clean(self, pool: Pool, report: Report, stream: WholeLines | None) -> None:
        progress = self._progress("cleaning")
        header = stream is not None and self.csv
        if header and stream is not None and not self._write(stream, CSV_HEADER.encode("utf-8")):
            return
        self._kept = IndexReader(self.spool) if self.spool is not None else None
        self._held = _Held()
        try:
            for unit, outcome in self._map(pool, self._tasks("clean"), progress,
                                           idle=lambda: self._flush(report, stream)):
                outcome = unit.known or outcome
                if unit.part is not None and not isinstance(outcome, Failure):
                    if not all(self._done(u, o, report, stream) for u, o in outcome):
                        break
                    continue
                if isinstance(outcome, Failure):
                    if outcome.stopped:  # the worker was told to stop, not broken by the file
                        self.signals.note(signal.SIGTERM)
                        break
                    outcome = Outcome(FAILED, outcome.reason)
                if outcome is None:  # the end of an archive or a dump: its output is whole
                    if not self._flush(report, stream):
                        break
                    self._records_of(unit.entry)  # (an empty one too: it is done)
                    self._finish_records(keep=True)
                elif not self._done(unit, outcome, report, stream):
                    break
                if _ends_input(unit):
                    self.reported += 1
                    if progress:
                        progress.update(self.reported)
            self._flush(report, stream)  # what came back before the run ended or was stopped
        finally:
            if self._kept is not None:
                self._kept.close()
            self._finish_records(keep=False)
            if progress:
                progress.clear()

    def _done(self, unit: _Unit, outcome: Outcome, report: Report, stream: WholeLines | None) -> bool:
        """Write and report one outcome (a record's: hold its line and its report, see _Held);
        False when the stream's reader has gone."""
        if outcome.status == NO_SPACE:
            raise _Full(self.out_dir or "", outcome.reason)
        if unit.record is not None:
            self._hold(unit, outcome, stream)
            return self._held.size < HOLD or self._flush(report, stream)
        if not self._flush(report, stream):
            return False
        if stream is not None and not self._streamed(stream, unit.entry, outcome):
            return False
        self._report(report, unit, outcome)
        return True

    def _report(self, report: Report, unit: _Unit, outcome: Outcome) -> None:
        output = self._output(unit.entry)
        with _FullDisk(self.settings.report or ""):
            report.record(unit.entry.path, outcome.status, outcome.reason, outcome.rules, outcome.seconds,
                          output if output and outcome.status in (CLEANED, EMPTY, UP_TO_DATE) else None,
                          record=unit.record.where if unit.record is not None else None)

    def _hold(self, unit: _Unit, outcome: Outcome, stream: WholeLines | None) -> None:
        """Hold a record's line in its input's output (its story, or for a failed page its
        status and error, in JSON Lines; a record that is no page, skipped, has none) and its
        report."""
        assert unit.record is not None
        held = self._held
        held.reports.append((unit, outcome))
        data = outcome.data
        if data is None and outcome.status == FAILED and not self.csv:
            data = record_failure_json(unit.entry.path, unit.record, FAILED, outcome.reason).encode("utf-8")
        if data is None:
            return
        held.target = stream if stream is not None else self._records_of(unit.entry).lines
        held.lines.append(data)
        held.size += len(data)

    def _flush(self, report: Report, stream: WholeLines | None) -> bool:
        """Write the held lines, in one write, then report their records; False when the
        stream's reader has gone. Raises _Full on a full disk: the file is cut back to its last
        whole line, and the records whose lines were lost are not reported (nor counted)."""
        held = self._held
        if not held.reports:
            return True
        data, target = b"".join(held.lines), held.target
        reports = held.reports
        self._held = _Held()
        if data and target is not None:
            if target is stream:
                if not self._write(stream, data):
                    return False
            else:
                with _FullDisk(self.out_dir or ""):
                    target.write(data)
        for unit, outcome in reports:
            self._report(report, unit, outcome)
        return True

    def _records_of(self, entry: Entry) -> _Records:
        """The output being written for `entry`, an archive or a dump (opened at its first line)."""
        if self.open_records is None or self.open_records.entry != entry:
            self._finish_records(keep=True)
            output = self._output(entry)
            with _FullDisk(self.out_dir or ""):
                lines = AtomicLines(output, self.staging) if output is not None else None
                if lines is not None and self.csv:
                    lines.write(CSV_HEADER.encode("utf-8"))
                self.open_records = _Records(entry, lines)
        return self.open_records

    def _finish_records(self, keep: bool) -> None:
        """Put the output of the archive or dump being written in place (or remove it)."""
        if self.open_records is not None and self.open_records.lines is not None:
            lines = self.open_records.lines
            if keep:
                os.makedirs(os.path.dirname(lines.path) or ".", exist_ok=True)
            lines.close(keep)
        self.open_records = None

    def left(self) -> int:
        """Files not yet reported: what a run stopped early leaves to do."""
        return sum(1 for _ in self.entries()) - self.reported


def _stamp_entry(digest: Any, entry: Entry) -> None:
    """Add a file of the batch, as it is now, to the key of what was learned from it."""
    digest.update(f"\0{entry.path}\0{entry.source}\0{entry.size}\0{entry.mtime_ns}\0{entry.status}".encode(
        "utf-8", "surrogateescape"))


def _key_of(unit: _Unit) -> tuple[str, str]:
    return unit.entry.path, unit.record.where if unit.record is not None else ""


def _ends_input(unit: _Unit) -> bool:
    """The unit is a file's, or the last of an archive's or a dump's."""
    return not unit.entry.records or unit.last


class _Files:
    """The files a run writes besides the tree: the --report, and a stream's (standard output,
    or a temporary file beside the -o file, renamed into place when the run is done: the file
    is never half written). Raises Refused, naming the file, when one cannot be opened."""

    def __init__(self, settings: Settings, streaming: bool) -> None:
        self._log_fd: int | None = None
        self.log: WholeLines | None = None
        self.stream: WholeLines | None = None
        name = settings.report
        try:
            if settings.report:
                flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                self._log_fd = os.open(settings.report, flags, 0o666)
                self.log = WholeLines(self._log_fd)
            if streaming and settings.stream_to is None:
                sys.stdout.flush()
                self.stream = WholeLines(sys.stdout.fileno())
            elif streaming:
                name = settings.stream_to
                self.stream = AtomicLines(settings.stream_to or "")
        except OSError as exc:
            self.close(keep=False)
            raise Refused(f"{display(name or '')}: cannot write: {exc.strerror or exc}") from None

    def close(self, keep: bool) -> None:
        """Close them; the stream's file is put in place if `keep`, else removed."""
        if self._log_fd is not None:
            os.close(self._log_fd)
            self._log_fd = None
        if isinstance(self.stream, AtomicLines):
            self.stream.close(keep)


def _full_message(full: _Full, job: _Run, out_dir: str | None) -> str:
    left = job.left()
    where = display(full.where)
    if out_dir is not None and full.where == out_dir:
        return (f"cleannews: {where}: {full.reason}; stopped with {left:,} files left to do: free some space, "
                "then run the same command again to resume")
    return (f"cleannews: {where}: {full.reason}; stopped with {left:,} files not done: free some space, "
            "then run the same command again")


def run(inputs: Sequence[str], out_dir: str | None, options: Options, settings: Settings) -> int:
    """Clean every file of `inputs` (files and folders) into `out_dir`, mirroring the tree, or
    as one JSON Lines or CSV stream when `out_dir` is None (to standard output, or to the file
    settings.stream_to). Returns the exit status. Raises Refused for a command that must not
    run (nothing has been written then)."""
    inputs = expand(inputs)
    check(inputs, out_dir, (settings.report, settings.stream_to))
    started = time.monotonic()
    try:
        staging = Staging(out_dir) if out_dir is not None else None
    except Busy as exc:
        raise Refused(str(exc)) from None
    except OSError as exc:
        raise Refused(f"{display(out_dir or '')}: cannot write there: {exc.strerror or exc}") from None
    try:
        files = _Files(settings, streaming=out_dir is None)
    except Refused:
        if staging is not None:
            staging.close()
        raise
    report = Report(files.log)
    setup = _Setup(options, settings.fmt, settings.explain, settings.color == "always", settings.title,
                   settings.metadata, staging.path if staging else None, settings.max_size, settings.learn_min)
    pool = Pool(settings.jobs or _cpus(), settings.timeout, _handle, setup)
    job = _Run(list(inputs), out_dir, options, settings)
    job.staging = staging.path if staging else None
    finished = False
    try:
        if settings.learn:
            pool.share(job.boilerplate(pool))
        if not job.signals.stopped():
            job.clean(pool, report, files.stream)
        finished = not job.signals.stopped()
    except _Full as full:
        job.full = full
    finally:
        pool.close(interrupt=not finished)
        job.remove_spool()
        if staging is not None:
            staging.close()  # after the workers: nothing can be writing into it now
        files.close(keep=finished)
        job.signals.restore()
    if job.full is not None:
        say(_full_message(job.full, job, out_dir))
        report.summary(time.monotonic() - started, "stopped")
        return EXIT_FAILED
    if job.signals.signum != getattr(signal, "SIGPIPE", None):  # nobody is reading any more
        report.summary(time.monotonic() - started, "interrupted" if job.signals.stopped() else "")
    return exit_for_signal(job.signals.signum) if job.signals.stopped() else report.exit_code
