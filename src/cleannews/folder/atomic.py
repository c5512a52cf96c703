"""Writing files so that no reader, crash or kill ever sees half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile


class Busy(Exception):
    """Another run holds the output folder."""


_UMASK: list[int] = []


def _umask() -> int:
    if not _UMASK:
        _UMASK.append(os.umask(0))  # the only way to read it is to set it
        os.umask(_UMASK[0])
    return _UMASK[0]


def write_atomically(path: str, data: bytes, temp_dir: str | None = None) -> None:
    """Write to a temporary file, then rename it over `path`: the file is the old one or the
    new one, never part of either, whatever kills the process when. The temporary file is made
    in `temp_dir` (which must be on the same file system) or else next to `path`."""
    folder = temp_dir or os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".cleannews-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not stories
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


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
