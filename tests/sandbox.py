"""Run cleannews as a real process under a memory limit and a timeout, and measure it.

The limit is on address space (RLIMIT_AS), set in the child before it starts, so a runaway
allocation fails there (as MemoryError, which is a traceback and so a failed test) instead of
taking the machine. Peak memory is the child's own maximum resident set size, and its time is its CPU time, both
from wait4: on a loaded machine wall time counts the waits for a core too (a case measured 91 s
wall for 12 s of CPU under a load of 9), so wall time only bounds how long it may run before it
is killed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

GiB = 1 << 30


class Outcome(NamedTuple):
    returncode: int
    stdout: bytes
    stderr: bytes
    cpu_seconds: float  # user + system time: the work done, which a busy machine does not stretch
    peak_mb: float  # maximum resident set size

    def error_line(self) -> str:
        """The one stderr line of a failed input; asserts there is exactly one and no traceback."""
        text = self.stderr.decode("utf-8", "replace")
        assert "Traceback" not in text, text[-3000:]
        lines = text.splitlines()
        assert len(lines) == 1, text[-3000:]
        assert lines[0].startswith("cleannews: "), lines[0]
        return lines[0]


def cleannews_argv(*args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", "cleannews", *map(os.fspath, args)]


def run_limited(
    argv: Sequence[str],
    *,
    memory: int = GiB + GiB // 2,
    timeout: float = 60,
    stdin: bytes | None = None,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
) -> Outcome:
    """Run argv with an address-space limit of `memory` bytes; kill it after `timeout` seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        inp.write(stdin or b"")
        inp.seek(0)
        started = time.monotonic()
        proc = subprocess.Popen(argv, stdin=inp, stdout=out, stderr=err, preexec_fn=limit, cwd=cwd,
                                env={**os.environ, **(env or {})})
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise AssertionError(f"{argv[-1]}: still running after {timeout} s")
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Outcome(proc.returncode, out.read(), err.read(), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
