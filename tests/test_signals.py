"""Signals and pipes, single-file mode, with real processes: quiet endings, conventional exit
codes, and no partial output file.

- SIGINT (Ctrl-C): exit 130, nothing on stderr but at most one line, no traceback.
- SIGTERM: ended by the signal (-15 to Python, 143 to a shell), no traceback.
- SIGPIPE (the reader went away, `cleannews big.txt | head -1`): ended by the signal or exit 0,
  nothing on stderr.
- With -o, an interrupted run leaves neither the output file nor its temporary file, and an
  existing output file as it was.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .test_limits import big_page

TIMEOUT = 60
MIDWAY = 0.5  # how far into a whole run's time a signal is sent: past the imports, before the output


@pytest.fixture(scope="module")
def slow_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page that takes a while to clean (about 1.5 s on the team's machine), so a signal can arrive
    in the middle of the work."""
    path = tmp_path_factory.mktemp("signals") / "big.html"
    path.write_bytes(big_page(16 << 20))
    return path


def start(*args: str | os.PathLike[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLEANNEWS_CONFIG_DIR": str(cwd)}
    return subprocess.Popen([sys.executable, "-m", "cleannews", *map(os.fspath, args)], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


_WHOLE: dict[tuple[str, ...], float] = {}  # CPU seconds a whole run of these arguments takes here


def _cpu_of(pid: int) -> float | None:
    """CPU seconds (user and system) the running process `pid` has used; None where /proc
    cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def midway(args: tuple[str | os.PathLike[str], ...]) -> float:
    """When a run of `args` is in the middle of cleaning: a share of the CPU time a whole run of
    them takes on this machine and this build, timed once. (A fixed delay was outrun: the
    compiled build cleaned the slow input before it, and printed part of the story. A share of
    a whole run's wall time was outrun too, when the machine was busier as it was timed than
    as it ran: CPU time is the same either way.)"""
    key = tuple(map(os.fspath, args))
    if key not in _WHOLE:
        with tempfile.TemporaryDirectory() as scratch:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start(*args, cwd=Path(scratch)).communicate(timeout=TIMEOUT)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            _WHOLE[key] = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return MIDWAY * _WHOLE[key]


def interrupt(args: tuple[str | os.PathLike[str], ...], cwd: Path, signum: int) -> tuple[int, bytes, bytes]:
    """Run cleannews with `args` in `cwd`, send it `signum` in the middle of its cleaning (once
    it has used half the CPU time a whole run takes), and return its exit status, stdout and
    stderr."""
    cpu = midway(args)
    proc = start(*args, cwd=cwd)
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        used = _cpu_of(proc.pid)
        if used is None:  # no /proc: its wall time, at least that CPU time
            time.sleep(cpu)
            break
        if used >= cpu:
            break
        time.sleep(0.005)
    assert proc.poll() is None, "finished before the signal: a whole run took longer than this one"
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=TIMEOUT)
    return proc.returncode, out, err


def quiet(stderr: bytes) -> None:
    assert b"Traceback" not in stderr, stderr.decode(errors="replace")
    assert len(stderr.splitlines()) <= 1, stderr.decode(errors="replace")


def leftovers(folder: Path) -> list[str]:
    """What is in the folder besides the input: the output file, or a temporary file left behind."""
    return sorted(p.name for p in folder.iterdir() if p.name != "page.html")


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_sigint_exits_130_quietly(slow_input: Path, tmp_path: Path, to_file: bool) -> None:
    args = (slow_input, "-o", "out.txt") if to_file else (slow_input,)
    code, out, err = interrupt(args, tmp_path, signal.SIGINT)
    assert code == 130
    quiet(err)
    assert out == b""
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "output-file"])
def test_sigterm_ends_the_process_quietly(slow_input: Path, tmp_path: Path, to_file: bool) -> None:
    args = (slow_input, "-o", "out.txt") if to_file else (slow_input,)
    code, out, err = interrupt(args, tmp_path, signal.SIGTERM)
    assert code in (-signal.SIGTERM, 128 + signal.SIGTERM)
    quiet(err)
    assert out == b""
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_existing_output_file_is_left_as_it_was(slow_input: Path, tmp_path: Path, signum: int) -> None:
    (tmp_path / "out.txt").write_text("an earlier story\n", encoding="utf-8")
    code, _, err = interrupt((slow_input, "-o", "out.txt"), tmp_path, signum)
    assert code in (130, -signal.SIGTERM, 128 + signal.SIGTERM)
    quiet(err)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "an earlier story\n"
    assert leftovers(tmp_path) == ["out.txt"]


def test_a_reader_that_goes_away_ends_it_quietly(slow_input: Path, tmp_path: Path) -> None:
    proc = start(slow_input, cwd=tmp_path)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read()
    code = proc.wait(timeout=TIMEOUT)
    assert first == b"A Very Long Story\n"
    assert code in (0, -signal.SIGPIPE, 128 + signal.SIGPIPE)
    assert err == b""


def test_closed_stdout_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    """`cleannews page.html >&-`: no stdout at all."""
    page = tmp_path / "page.html"
    page.write_bytes(big_page(10_000))
    proc = subprocess.run([sys.executable, "-m", "cleannews", str(page)], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=TIMEOUT, cwd=tmp_path,
                          preexec_fn=lambda: os.close(1))
    assert proc.returncode == 1
    quiet(proc.stderr)
    assert b"standard output is closed" in proc.stderr


SLOW_WRITE = """
import os, sys, time
import cleannews.cli as cli
real_replace = os.replace
def slow_replace(src, dst):  # the output is written to its temporary file, not yet renamed
    sys.stderr.write("renaming\\n"); sys.stderr.flush(); time.sleep(20); real_replace(src, dst)
os.replace = slow_replace
sys.argv = ["cleannews", sys.argv[1], "-o", "out.txt"]
cli.main()
"""


def interrupt_the_write(tmp_path: Path, signum: int) -> int:
    page = tmp_path / "page.html"
    page.write_bytes(big_page(20_000))
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITE, str(page)], cwd=tmp_path, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "CLEANNEWS_CONFIG_DIR": str(tmp_path)})
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"renaming\n"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=TIMEOUT)
    quiet(err)
    return proc.returncode


def test_sigint_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    assert interrupt_the_write(tmp_path, signal.SIGINT) == 130
    assert leftovers(tmp_path) == []


def test_sigterm_while_writing_leaves_no_temporary_file(tmp_path: Path) -> None:
    assert interrupt_the_write(tmp_path, signal.SIGTERM) in (-signal.SIGTERM, 128 + signal.SIGTERM)
    assert leftovers(tmp_path) == []
