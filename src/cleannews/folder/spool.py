"""The spool: what the learning pass keeps of each page it cleaned, so that the cleaning pass
only drops the learned blocks and renders instead of cleaning the page again.

Each worker appends the pages it cleaned to a file of its own (one writer per file: nothing
to lock), each as marshal data of plain tuples: named tuples through pickle cost twice as
much both ways, and a small page's whole cleaning is a millisecond. The parent writes the
index: for each page kept, in the order of the batch, its key (the page as it is: path, size,
time, record), and which worker's file holds it where. The cleaning pass walks the batch in
the same order, so it reads the index once, from start to end, and holds no table of pages
however large the batch.

The learning pass also notes the batch's entries as it walks them (`WalkNotes`), and the cleaning
pass replays them (`walked()`) instead of listing every folder and stating every file again: the
batch it cleans is the one it learned from.

A page the spool does not hold (past the budget, the disk full, its file changed between the
passes) is cleaned again, which gives the same result: the spool only saves time. Nothing in
it outlives the run: it is in the output's staging folder, or a temporary one.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import struct
from collections.abc import Generator
from functools import partial
from typing import Any, BinaryIO, NamedTuple

from ..crawl import Cleaned
from ..model import Cut, Decision, Link, Result, new_block
from .atomic import WholeLines
from .walk import Entry

INDEX = "spool-index"
WALK = "spool-walk"
_WALK_CHUNK = 500  # entries to a marshal record: one call each way for many entries
PAGES = "spool-pages-"  # + the pid of the worker that wrote them
_ENTRY = struct.Struct("<16sQQQ")  # the page's key, the writer's pid, where its data starts, its length


# Where a kept page is: in the file of the worker `pid`, at `offset`, `length` bytes. A plain
# tuple: it crosses the workers' pipes with every page, and a named tuple is pickled through
# Python calls.
Place = tuple[int, int, int]


class Kept(NamedTuple):
    """A page as the learning pass cleaned it."""

    done: Cleaned
    prints: tuple[int, ...]  # the fingerprints of its kept blocks (learn.fingerprints)
    seconds: float  # what cleaning it took


def page_key(path: str, size: int, mtime_ns: int, nth: int = 0) -> bytes:
    """A page as it is now (the `nth` record of an archive or a dump): a file changed in
    between is another page."""
    name = f"{path}\0{size}\0{mtime_ns}\0{nth}"
    return hashlib.blake2b(name.encode("utf-8", "surrogateescape"), digest_size=16).digest()


# --- the pages, as plain tuples (marshal takes no named tuple) --------------------------------
# A page's decisions go as columns (every block, every keep, ...), so that both ways they are
# taken apart and put together by zip and map in C: a Python expression per decision was most
# of the spool's cost on a small page.

_decision = partial(tuple.__new__, Decision)  # the named tuples' own __new__ is Python (model.new_block)
_cut = partial(tuple.__new__, Cut)
_link = partial(tuple.__new__, Link)
_entry = partial(tuple.__new__, Entry)


def _plain(result: Result) -> tuple[Any, ...]:
    columns = None
    if result.decisions:
        blocks, *middle, cuts = zip(*result.decisions, strict=True)
        # Cuts are rare: None when no block has any.
        plain_cuts = tuple([tuple(map(tuple, c)) for c in cuts]) if any(cuts) else None
        columns = (tuple(map(tuple, blocks)), *middle, plain_cuts)
    links = tuple(map(tuple, result.links)) if result.links is not None else None
    return (*result[:3], columns, *result[4:8], links)


def _result(plain: tuple[Any, ...]) -> Result:
    decisions: tuple[Decision, ...] = ()
    if plain[3] is not None:
        blocks, keeps, roles, rules, reasons, texts, cuts = plain[3]
        cuts = ((),) * len(blocks) if cuts is None else [tuple(map(_cut, c)) for c in cuts]
        decisions = tuple(map(_decision, zip(map(new_block, blocks), keeps, roles, rules, reasons, texts, cuts,
                                             strict=True)))
    links = tuple(map(_link, plain[8])) if plain[8] is not None else None
    return tuple.__new__(Result, (*plain[:3], decisions, *plain[4:8], links))


def pack(page: Kept) -> bytes:
    done = page.done
    result = _plain(done.result) if done.result is not None else None
    return marshal.dumps((done.status, done.reason, result, page.prints, page.seconds))


def unpack(data: bytes) -> Kept:
    status, reason, result, prints, seconds = marshal.loads(data)
    return Kept(Cleaned(status, reason, _result(result) if result is not None else None), prints, seconds)


# --- in a worker ------------------------------------------------------------------------------


class _Pages:
    """The file a worker appends its kept pages to (made at its first page)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.pid = os.getpid()  # a system call each time it is asked
        self.file: WholeLines | None = None
        self.size = 0
        self.full = False  # the disk refused a write: keep nothing more


_mine: _Pages | None = None  # this worker's
_readers: dict[str, int] = {}  # the files this worker has read pages from


def _forget() -> None:
    """A forked process writes a file of its own: it does not inherit its parent's."""
    global _mine
    _mine = None
    _readers.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


def _pages_of(folder: str, pid: int) -> str:
    return os.path.join(folder, f"{PAGES}{pid}")


def keep(folder: str, room: int, page: Kept) -> Place | None:
    """Append a page to this worker's file in `folder`, which may grow to `room` bytes; its
    place, or None when it does not fit or the disk will not take it."""
    global _mine
    if _mine is None or _mine.folder != folder:
        _mine = _Pages(folder)
    mine = _mine
    data = pack(page)
    if mine.full or mine.size + len(data) > room:
        return None
    try:
        if mine.file is None:
            mine.file = WholeLines(os.open(_pages_of(folder, mine.pid), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        mine.file.write(data)  # all of it, or the file is cut back to where it was
    except OSError:
        mine.full = True
        return None
    offset, mine.size = mine.size, mine.size + len(data)
    return mine.pid, offset, len(data)


def fetch(folder: str, place: Place) -> Kept | None:
    """The page kept at `place`; None when it cannot be read back."""
    pid, offset, length = place
    path = _pages_of(folder, pid)
    try:
        fd = _readers.get(path)
        if fd is None:
            fd = _readers[path] = os.open(path, os.O_RDONLY)
        data = os.pread(fd, length, offset)
        return unpack(data) if len(data) == length else None
    except (OSError, EOFError, ValueError, TypeError):
        return None


# --- in the parent ----------------------------------------------------------------------------


class IndexWriter:
    """The index, as the learning pass notes each page kept, in the order of the batch."""

    def __init__(self, folder: str) -> None:
        self._path = os.path.join(folder, INDEX)
        self._file: BinaryIO | None = None
        self._failed = False

    def add(self, page: bytes, place: Place) -> None:
        """Note where a worker kept the page of key `page` (on a full disk, the rest is not)."""
        if self._failed:
            return
        try:
            if self._file is None:
                self._file = open(self._path, "wb")  # noqa: SIM115 (closed by close())
            self._file.write(_ENTRY.pack(page, *place))
        except OSError:
            self._failed = True  # what was written whole can still be found

    def close(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):  # the same: the end was cut short
                self._file.close()
            self._file = None


class IndexReader:
    """The index, as the cleaning pass looks each page up, in the same order."""

    def __init__(self, folder: str) -> None:
        try:
            self._file: BinaryIO | None = open(os.path.join(folder, INDEX), "rb")  # noqa: SIM115
        except OSError:  # nothing was kept
            self._file = None
        self._next: tuple[bytes, Place] | None = None

    def find(self, page: bytes) -> Place | None:
        """Where the page of key `page` is kept, if it is the next one noted (pages are looked
        up in the order they were noted: one that was not kept is passed over)."""
        if self._next is None and self._file is not None:
            entry = self._file.read(_ENTRY.size)
            if len(entry) < _ENTRY.size:  # the end (or an entry the disk cut short)
                self.close()
                return None
            noted, pid, offset, length = _ENTRY.unpack(entry)
            self._next = noted, (pid, offset, length)
        if self._next is None or self._next[0] != page:
            return None  # not kept; or the batch changed since, and the pages after it are cleaned again
        found, self._next = self._next[1], None
        return found

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class WalkNotes:
    """The entries of the batch, as the learning pass walks it, in a file of the spool that may
    grow to `room` bytes (past it, the cleaning pass walks the inputs again)."""

    def __init__(self, folder: str, room: int) -> None:
        self.path = os.path.join(folder, WALK)
        self._room = room
        self._file: BinaryIO | None = None
        self._chunk: list[tuple[Any, ...]] = []
        self._size = 0
        self.count = 0  # entries noted
        self._failed = room <= 0
        self.complete = False  # every entry was noted: the walk can be replayed

    def add(self, entry: Entry) -> None:
        self._chunk.append(tuple(entry))  # marshal takes no named tuple
        self.count += 1
        if len(self._chunk) >= _WALK_CHUNK:
            self._write()

    def _write(self) -> None:
        chunk, self._chunk = self._chunk, []
        if self._failed:
            return
        data = marshal.dumps(chunk)
        self._size += len(data)
        if self._size > self._room:
            self._failed = True  # the cleaning pass walks the inputs again
            return
        try:
            if self._file is None:
                self._file = open(self.path, "wb")  # noqa: SIM115 (closed by close())
            self._file.write(data)
        except OSError:
            self._failed = True  # the same

    def end(self) -> None:
        """The walk is over: write the rest."""
        self._write()
        self.close()
        self.complete = not self._failed

    def close(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                self._failed = True
            self._file = None


def walked(path: str) -> Generator[Entry, None, int]:
    """The entries WalkNotes noted at `path`, in order, as far as they can be read back; returns
    how many were."""
    read = 0
    try:
        with open(path, "rb") as f:
            while True:
                chunk = marshal.load(f)
                yield from map(_entry, chunk)
                read += len(chunk)
    except (OSError, EOFError, ValueError, TypeError):  # the end, or a file cut short
        return read
