"""The spool: what the learning pass keeps of each page it cleaned, so that the cleaning pass
only drops the learned blocks and renders instead of cleaning the page again.

Each worker appends the pages it cleaned to a file of its own (one writer per file: nothing
to lock), each as marshal data of plain tuples: named tuples through pickle cost twice as
much both ways, and a small page's whole cleaning is a millisecond. The parent writes the
index: for each page kept, in the order of the batch, its key (the page as it is: path, size,
time, record), and which worker's file holds it where, in marshal records of many. The
cleaning pass walks the batch in the same order, so it reads the index once, from start to end,
and holds no table of pages however large the batch.

The index also says which pages the learning pass wrote ahead (`Written`: batch.py): the
cleaning pass puts those in place without a worker when the batch learned of them what the
worker that wrote them had. A page written ahead is kept in a worker's file only when what is
learned of it may still change.

The learning pass also notes the batch's entries as it walks them (`WalkNotes`), and the cleaning
pass replays them (`walked()`) instead of listing every folder and stating every file again: the
batch it cleans is the one it learned from.

A page the spool does not hold (past the budget, the disk full, its file changed between the
passes, or not kept) is cleaned again, which gives the same result: the spool only saves time.
Nothing in it outlives the run: it is in the output's staging folder, or a temporary one.
"""

from __future__ import annotations

import marshal
import os
import struct
from collections.abc import Callable, Generator
from functools import partial
from typing import Any, BinaryIO, NamedTuple

from ..crawl import Cleaned
from ..model import Cut, Decision, Link, Result, new_block
from .atomic import WholeLines
from .walk import Entry

INDEX = "spool-index"
WALK = "spool-walk"
_CHUNK = 500  # items to a marshal record (_Chunks): one call each way for many
_LENGTH = struct.Struct("<I")  # before each record: its length
PAGES = "spool-pages-"  # + the pid of the worker that wrote them


# Where a kept page is: in the file of the worker `pid`, at `offset`, `length` bytes. A plain
# tuple: it crosses the workers' pipes with every page, and a named tuple is pickled through
# Python calls.
Place = tuple[int, int, int]


class Kept(NamedTuple):
    """A page as the learning pass cleaned it."""

    done: Cleaned
    prints: tuple[int, ...]  # the fingerprints of its kept blocks (learn.fingerprints)
    seconds: float  # what cleaning it took


# A page as it is now (the `nth` record of an archive or a dump): a file changed in between is
# another page. Its path, size, time and record number as they are: a tuple compared, not hashed.
PageKey = tuple[str, int, int, int]


def page_key(path: str, size: int, mtime_ns: int, nth: int = 0) -> PageKey:
    return path, size, mtime_ns, nth


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
        self.aside = 0  # bytes of the pages written ahead (spare()), in the same room
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


def _pages(folder: str) -> _Pages:
    global _mine
    if _mine is None or _mine.folder != folder:
        _mine = _Pages(folder)
    return _mine


def keep(folder: str, room: int, page: Kept) -> Place | None:
    """Append a page to this worker's file in `folder`, which may grow to `room` bytes; its
    place, or None when it does not fit or the disk will not take it."""
    mine = _pages(folder)
    data = pack(page)
    if mine.full or mine.size + mine.aside + len(data) > room:
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


def spare(folder: str, room: int, size: int) -> bool:
    """Whether `size` bytes more fit in this worker's `room` in `folder`, taking them if they
    do: a page written ahead (batch) lies in the staging folder until the cleaning pass puts it
    in place, and the outputs written after it need the rest of the disk."""
    mine = _pages(folder)
    if mine.full or mine.size + mine.aside + size > room:
        return False
    mine.aside += size
    return True


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


# --- in the parent ---------------------------------------------------------------------------

# A page the learning pass has already written, into a temporary file: (that file, its
# fingerprints, which of them were learned boilerplate when it was written, its outcome as
# (status, reason, rules, seconds)). It is the page's output if the batch learns the same
# blocks of it (learn.Boilerplate.learned).
Written = tuple[str, tuple[int, ...], tuple[bool, ...], tuple[Any, ...]]


class _Chunks:
    """Items appended to a file of the spool in marshal records of many (one call each way for
    many items), the file growing to `room` bytes at most: past it, or when the disk refuses a
    write, the rest is not kept and `complete` stays False."""

    def __init__(self, path: str, room: int) -> None:
        self.path = path
        self._room = room
        self._file: BinaryIO | None = None
        self._chunk: list[Any] = []
        self._size = 0
        self.count = 0  # items added
        self._failed = room <= 0
        self.complete = False  # every item was kept

    def add(self, item: Any) -> None:
        self._chunk.append(item)
        self.count += 1
        if len(self._chunk) >= _CHUNK:
            self._write()

    def _write(self) -> None:
        chunk, self._chunk = self._chunk, []
        if self._failed or not chunk:
            return
        data = marshal.dumps(chunk)
        data = _LENGTH.pack(len(data)) + data
        self._size += len(data)
        if self._size > self._room:
            self._failed = True
            return
        try:
            if self._file is None:
                self._file = open(self.path, "wb")  # noqa: SIM115 (closed by close())
            self._file.write(data)
        except OSError:
            self._failed = True  # what was written whole can still be read back

    def end(self) -> None:
        """The last item is in: write the rest."""
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


def _chunks(path: str, make: Callable[[Any], Any] | None = None) -> Generator[Any, None, int]:
    """The items _Chunks kept at `path` (each given to `make`), in order, as far as they can be
    read back; returns how many were."""
    read = 0
    try:
        with open(path, "rb") as f:
            # (marshal.load() would read the file object by a method call for each string in it)
            while len(head := f.read(_LENGTH.size)) == _LENGTH.size:
                data = f.read(_LENGTH.unpack(head)[0])
                chunk = marshal.loads(data)
                yield from chunk if make is None else map(make, chunk)
                read += len(chunk)
    except (OSError, EOFError, ValueError, TypeError):  # a file cut short
        pass
    return read


class IndexWriter(_Chunks):
    """The index, as the learning pass notes each page kept (or written), in the order of the
    batch: its key, where a worker kept it (a Place, or None) and what it wrote (Written, or None)."""

    def __init__(self, folder: str) -> None:
        super().__init__(os.path.join(folder, INDEX), room=1 << 62)  # about 100 bytes a page

    def note(self, page: PageKey, place: Place | None, written: Written | None = None) -> None:
        self.add((page, place, written))


class IndexReader:
    """The index, as the cleaning pass looks each page up, in the same order."""

    def __init__(self, folder: str) -> None:
        self._entries = _chunks(os.path.join(folder, INDEX))
        self._next: tuple[PageKey, Place | None, Written | None] | None = None

    def find(self, page: PageKey) -> tuple[Place | None, Written | None] | None:
        """Where the page of key `page` was kept and what was written of it, if it is the next
        one noted (pages are looked up in the order they were noted: one that was not noted is
        passed over)."""
        if self._next is None:
            self._next = next(self._entries, None)
        if self._next is None or self._next[0] != page:
            return None  # not noted; or the batch changed since, and the pages after it are cleaned again
        _, place, written = self._next
        self._next = None
        return place, written

    def close(self) -> None:
        self._entries.close()


class WalkNotes(_Chunks):
    """The entries of the batch, as the learning pass walks it, in a file of the spool that may
    grow to `room` bytes (past it, the cleaning pass walks the inputs again)."""

    def __init__(self, folder: str, room: int) -> None:
        super().__init__(os.path.join(folder, WALK), room)

    def add(self, entry: Entry) -> None:
        super().add(tuple(entry))  # marshal takes no named tuple


def walked(path: str) -> Generator[Entry, None, int]:
    """The entries WalkNotes noted at `path`, in order, as far as they can be read back; returns
    how many were."""
    return (yield from _chunks(path, _entry))
