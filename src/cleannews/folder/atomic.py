"""Writing files so that no reader, crash or kill ever sees half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

# The errors of a device that is full, or of a user over their quota: no later write can succeed.
NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def no_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in NO_SPACE


class Busy(Exception):
    """Another run holds the output folder."""


_UMASK: list[int] = []


def _umask() -> int:
    if not _UMASK:
        _UMASK.append(os.umask(0))  # the only way to read it is to set it
        os.umask(_UMASK[0])
    return _UMASK[0]


def _write_all(fd: int, data: bytes) -> None:
    """All of `data`, however many writes it takes (unbuffered: a full disk is an OSError
    here, at the write, not later at a flush or a close)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_atomically(path: str, data: bytes, temp_dir: str | None = None) -> None:
    """Write to a temporary file, then rename it over `path`: the file is the old one or the
    new one, never part of either, whatever kills the process when. The temporary file is made
    in `temp_dir` (which must be on the same file system) or else next to `path`."""
    tmp = write_aside(data, temp_dir or os.path.dirname(os.path.abspath(path)))
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_aside(data: bytes, folder: str) -> str:
    """A temporary file in `folder` holding `data`, whole (its name): to be renamed into place
    (os.replace) when it is wanted, or removed."""
    fd, tmp = tempfile.mkstemp(prefix=".cleannews-", suffix=".tmp", dir=folder)
    try:
        try:
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not stories
            _write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _appending(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: no O_APPEND to find out about
        return False
    return bool(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND)


class WholeLines:
    """Lines appended to an open file descriptor, each whole or not at all: when a write fails
    (a full disk), a regular file is cut back to the end of the last whole line before the
    error is raised, so the file can be read and trusted up to there. (A pipe cannot be cut
    back; nor can it fill.)"""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self._end: int | None = None
        with contextlib.suppress(OSError):
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode):
                # appending (>>), the writes go to the end of the file, wherever the offset is
                self._end = info.st_size if _appending(fd) else os.lseek(fd, 0, os.SEEK_CUR)

    def write(self, data: bytes) -> None:
        try:
            _write_all(self.fd, data)
        except OSError:
            if self._end is not None:
                with contextlib.suppress(OSError):
                    os.ftruncate(self.fd, self._end)
                    os.lseek(self.fd, self._end, os.SEEK_SET)
            raise
        if self._end is not None:
            self._end += len(data)


class AtomicLines(WholeLines):
    """Lines written to a temporary file (in `temp_dir`, on the same file system as `path`, or
    beside it) that becomes `path` only when it is whole: close(keep=True) renames it into
    place, close(keep=False) removes it. A reader of `path` sees the old file or the new one."""

    def __init__(self, path: str, temp_dir: str | None = None) -> None:
        fd, self.tmp = tempfile.mkstemp(prefix=".cleannews-", suffix=".tmp",
                                        dir=temp_dir or os.path.dirname(os.path.abspath(path)))
        try:
            os.fchmod(fd, 0o666 & ~_umask())
        except OSError:
            os.close(fd)
            os.unlink(self.tmp)
            raise
        super().__init__(fd)
        self.path = path
        self._open = True

    def close(self, keep: bool) -> None:
        if not self._open:
            return
        self._open = False
        os.close(self.fd)
        if keep:
            os.replace(self.tmp, self.path)
        else:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)


class Staging:
    """A hidden folder at the top of an output tree where files are written before they are
    renamed into place, so that the tree itself only ever holds whole files.

    The output folder is locked for the run: two runs writing one tree would race. A run killed
    with SIGKILL can leave temporary files here (never in the tree); the next run, holding the
    lock, knows nobody is writing them and removes them.
    """

    NAME = ".cleannews-partial"

    def __init__(self, out_dir: str) -> None:
        os.makedirs(out_dir, exist_ok=True)
        self._lock = os.open(out_dir, os.O_RDONLY)
        try:
            import fcntl

            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no flock (Windows): no lock, the rest still holds
            pass
        except BlockingIOError:
            os.close(self._lock)
            raise Busy(f"{out_dir}: another cleannews run is writing there") from None
        self.path = os.path.join(out_dir, self.NAME)
        os.makedirs(self.path, exist_ok=True)
        self._sweep()

    def _sweep(self) -> None:
        for name in os.listdir(self.path):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.path, name))

    def close(self) -> None:
        """Remove what is left (call only when no worker can still be writing) and unlock."""
        with contextlib.suppress(OSError):
            self._sweep()
            os.rmdir(self.path)
        os.close(self._lock)
