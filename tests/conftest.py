"""Shared test helpers: where the fixtures and the measuring corpora are."""

from __future__ import annotations

import importlib
import os
import pty
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when a fresh clone does not have it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here: ../shared (the team's corpora and seeds) is not beside this clone")
    return path


TERMINAL_TIMEOUT = 30  # seconds: a hang is a failure, not a stuck test run


def run_on_terminal(args: list[str], env: dict[str, str], stream: str = "stdout") -> tuple[int, bytes, bytes]:
    """Run `args` with one stream ("stdout" or "stderr") on a pseudo-terminal and the other on a
    pipe; returns (exit status, what the terminal got, what the pipe got)."""
    master, slave = pty.openpty()
    ends = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, stream: slave}
    try:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=ends["stdout"], stderr=ends["stderr"], env=env)
    finally:
        os.close(slave)
    got = b""
    deadline = time.monotonic() + TERMINAL_TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            got += chunk
    finally:
        os.close(master)
    out, err = proc.communicate(timeout=TERMINAL_TIMEOUT)
    return proc.returncode, got, (err if stream == "stdout" else out) or b""


# Set by .ci/run: there, a test that would skip for want of an engine (datatrove, Spark, Java)
# fails instead, so that CI runs them all for real.
IN_CI = bool(os.environ.get("CLEANNEWS_CI"))


def require(module: str, why: str) -> Any:
    """Import `module`, or skip the test (the module's tests, at its top) saying `why`; in CI, fail."""
    try:
        return importlib.import_module(module)
    except ImportError:
        if IN_CI:
            pytest.fail(f"{why} (CI runs these tests: .ci/run installs it)", pytrace=False)
        pytest.skip(why, allow_module_level=True)


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """One Spark session (local[2]) for every test that needs one: starting Spark costs seconds."""
    require("pyspark", "pyspark is not installed: pip install -e '.[test]'")
    if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
        why = "no Java runtime, which Spark needs: apt-get install default-jre-headless"
        if IN_CI:
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    from cleannews.spark import builder

    # the job's own JVM options (C1, the serial collector): a JVM that starts fast, too
    session = (builder("local[2]").appName("cleannews-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def crawls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three archives: the crawl of the fixtures' pages, and one site's articles over two (the
    engines' tests run each beside the command line on them)."""
    from .archives import crawl, site_archives

    folder = tmp_path_factory.mktemp("crawls")
    crawl(folder / "crawl.warc.gz")
    site_archives(folder, [[1, 2, 3, 4], [5, 6, 7, 8]], boxed={1, 2, 3, 5, 6, 7})
    return folder
