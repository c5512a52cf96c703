"""Folder mode as a user meets it: a real tree of generated files, real `cleannews` processes,
real signals. The pieces that can be driven in-process (the worker pool, the learner) are
tested directly as well, where that is faster and more exact.

Generated articles are plain news paragraphs with nothing for the rules to remove, so the
expected output of each is known exactly: its headline, a blank line and its paragraphs.
"""

from __future__ import annotations

import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cleannews
from cleannews.folder.learn import RULE, Learner, normalise
from cleannews.folder.pool import Failure, Pool

from .archives import site_archives
from .articles import LAMP_BOX, article
from .conftest import run_on_terminal

TIMEOUT = 60  # seconds for any one subprocess: a hang is a failure, not a stuck test run
SUMMARY = re.compile(r"cleannews: (interrupted: |stopped: )?(\d+) cleaned, (\d+) empty(?: \(\d+ learned\))?, "
                     r"(\d+) failed, (\d+) skipped"
                     r"(?:, (\d+) up to date)? in [\d.]+ s")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
# --- generated articles --------------------------------------------------------------------


def as_text(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def as_html(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>")


# --- running cleannews ---------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty config folder, no NO_COLOR, the tmp folder as the working directory."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("CLEANNEWS_CONFIG_DIR", str(config))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)


def argv(*args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", "cleannews", *map(os.fspath, args)]


def run(*args: str | os.PathLike[str], prefix: list[str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*(prefix or []), *argv(*args)], capture_output=True, stdin=subprocess.DEVNULL,
                          timeout=TIMEOUT)


def summary(stderr: bytes) -> dict[str, int]:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text, text
    last = text.splitlines()[-1]
    m = SUMMARY.fullmatch(last)
    assert m, f"no summary line at the end of stderr: {text!r}"
    names = ("cleaned", "empty", "failed", "skipped", "up-to-date")
    return {name: int(v or 0) for name, v in zip(names, m.groups()[1:], strict=True)} | {
        "interrupted": m[1] == "interrupted: "}


def report_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


STATE = ".cleannews-state"  # where a run keeps what it learned, for the next one


def files_under(root: Path) -> dict[str, bytes]:
    """Every file under root (relative path → bytes), the staging folder included; not the
    state folder, which a run with learning leaves on purpose."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not str(p.relative_to(root)).startswith(STATE)}


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in root.rglob("*")}


def _cannot_read(prefix: list[str], path: Path) -> bool:
    try:
        probe = subprocess.run([*prefix, "cat", str(path)], capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode != 0 and b"Permission denied" in probe.stderr


def unreadable_prefix(locked: Path) -> list[str] | None:
    """How to run a process that a chmod 000 file refuses (as test_cli.py does), or None."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return []
    # Root reads any file through its DAC-override capabilities; setpriv drops them from the
    # bounding set before exec, leaving root bound by file modes like anyone.
    prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    return prefix if _cannot_read(prefix, locked) else None


# --- the big tree --------------------------------------------------------------------------

MAX_SIZE = "100K"


class Tree:
    """A generated tree and what cleannews must make of it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.expected: dict[str, tuple[str, str | None, bytes | None]] = {}  # input → (status, output, bytes)
        self.readable: tuple[str, str | None, bytes | None] = ("", None, None)

    def add(self, rel: str, data: bytes, status: str, output: str | None = None, out: bytes | None = None) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.expected[rel] = (status, output, out)

    def story(self, rel: str, n: int, html: bool = False, codec: str = "utf-8") -> None:
        title, paragraphs = article(n)
        data = (as_html if html else as_text)(title, paragraphs).encode(codec)
        output = re.sub(r"\.(txt|html?)$", "", rel) + ".txt"
        self.add(rel, data, "cleaned", output, as_text(title, paragraphs).encode("utf-8"))


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Tree:
    """Over 200 files in nested folders: text and HTML stories, non-UTF-8 ones, copies, empty,
    binary, oversized and unreadable files, and a name that is not UTF-8."""
    t = Tree(tmp_path_factory.mktemp("batch") / "in")
    n = 0
    for month in range(1, 5):
        for i in range(38):
            codec = "cp1252" if i % 10 == 3 else "utf-16" if i % 10 == 7 else "utf-8"  # not UTF-8, some of them
            t.story(f"news/2024/{month:02d}/story-{i:03d}.txt", n, codec=codec)
            n += 1
    for section in ("politics", "city/transport"):
        for i in range(25):
            t.story(f"pages/{section}/page-{i:03d}.html", n, html=True)
            n += 1
    title, paragraphs = article(n)
    copy = as_text(title, paragraphs).encode("utf-8")
    for name in ("copy-1.txt", "copy-2.txt"):
        t.add(f"misc/{name}", copy, "cleaned", f"misc/{os.path.splitext(name)[0]}.txt", copy)
    t.story("misc/caf\udce9.txt", n + 1, codec="cp1252")  # a Latin-1 byte in the name
    t.story("misc/same.html", n + 2, html=True)  # two files that would both be same.txt
    t.story("misc/same.txt", n + 3)
    for name in ("same.html", "same.txt"):  # ... so each keeps its whole name
        status, _, data = t.expected[f"misc/{name}"]
        t.expected[f"misc/{name}"] = (status, f"misc/{name}.txt", data)
    t.add("misc/empty.txt", b"", "empty", "misc/empty.txt", b"")
    t.add("misc/blank.txt", b" \n\n\t\n", "empty", "misc/blank.txt", b"")
    t.add("misc/photo.png", PNG, "skipped")
    t.add("misc/bundle.zip", b"PK\x03\x04" + bytes(range(256)) * 4, "skipped")
    t.add("misc/blob.dat", bytes(range(256)) * 64, "skipped")  # no telling extension: its bytes say it
    title, paragraphs = article(n + 4)
    t.add("misc/huge.txt", as_text(title, paragraphs * 400).encode("utf-8"), "skipped")
    assert (t.root / "misc/huge.txt").stat().st_size > 100 * 1024
    t.story("misc/locked.txt", n + 5)
    (t.root / "misc/locked.txt").chmod(0)
    t.readable = t.expected["misc/locked.txt"]  # what it gives when root reads it anyway
    t.expected["misc/locked.txt"] = ("failed", None, None)
    (t.root / "empty-folder").mkdir()
    assert len(t.expected) >= 200
    return t


def test_generated_articles_need_no_rule() -> None:
    """The tests' expectations rest on this: a generated article cleans to itself."""
    for n in range(0, 300, 7):
        title, paragraphs = article(n)
        assert cleannews.clean(as_text(title, paragraphs)).text == as_text(title, paragraphs)
        assert cleannews.clean(as_html(title, paragraphs)).text == as_text(title, paragraphs)
    box = cleannews.clean(as_text("A headline for the appeal test here", [LAMP_BOX, *article(1)[1]]))
    assert LAMP_BOX in box.text, "a shipped rule now matches the lamp box: reword it"


def test_tree_is_mirrored_with_report_summary_and_exit_status(tree: Tree, tmp_path: Path) -> None:
    prefix = unreadable_prefix(tree.root / "misc/locked.txt")
    expected = dict(tree.expected)
    if prefix is None:  # root that nothing can restrain: the locked file is read like any other
        expected["misc/locked.txt"] = tree.readable
    before = snapshot(tree.root)
    out = tmp_path / "out"
    proc = run(tree.root, "-o", out, "--jobs", "2", "--max-size", MAX_SIZE, "--report", "report.jsonl",
               prefix=prefix or [])
    counts = summary(proc.stderr)
    statuses = [status for status, _, _ in expected.values()]
    assert counts == {s: statuses.count(s) for s in ("cleaned", "empty", "failed", "skipped")} | {
        "up-to-date": 0, "interrupted": False}
    assert proc.returncode == (1 if counts["failed"] else 0)
    assert proc.stdout == b""
    failures = proc.stderr.decode().splitlines()[:-1]
    assert failures == ([f"cleannews: {tree.root}/misc/locked.txt: Permission denied"] if counts["failed"] else [])

    # the mirror: one output per cleaned or empty input, at its own path, with the story
    wanted = {o: data for _, o, data in expected.values() if o is not None}
    assert files_under(out) == wanted
    assert snapshot(tree.root) == before  # nothing written, touched or left in the input tree

    lines = report_lines(tmp_path / "report.jsonl")
    assert [line["path"] for line in lines] == sorted(line["path"] for line in lines)  # input order: sorted walk
    by_path = {str(line["path"]).removeprefix(f"{tree.root}/"): line for line in lines}
    assert set(by_path) == set(expected)  # a name that is not UTF-8 as it is (\udcXX escapes in the JSON)
    for rel, (status, output, _) in expected.items():
        line = by_path[rel]
        assert line["status"] == status, (rel, line)
        assert isinstance(line["time"], float) and isinstance(line["rules"], list)
        if output is not None:
            assert line["output"] == f"{out}/{output}"
        else:
            assert line["output"] is None
    assert "not a page: an image" in str(by_path["misc/photo.png"]["reason"])
    assert "not a page: an archive" in str(by_path["misc/bundle.zip"]["reason"])
    assert "not text or HTML" in str(by_path["misc/blob.dat"]["reason"])
    assert "--max-size" in str(by_path["misc/huge.txt"]["reason"])
    assert by_path["misc/empty.txt"]["reason"] == "nothing left after cleaning"


def test_jobs_1_and_jobs_2_write_byte_identical_trees(tree: Tree, tmp_path: Path) -> None:
    for jobs in ("1", "2"):
        proc = run(tree.root, "-o", f"out-{jobs}", "--jobs", jobs, "--max-size", MAX_SIZE)
        assert proc.returncode in (0, 1), proc.stderr
    one, two = files_under(tmp_path / "out-1"), files_under(tmp_path / "out-2")
    assert len(one) > 190
    assert one == two


def test_several_files_and_a_pattern_into_a_folder(tree: Tree, tmp_path: Path) -> None:
    march = tree.root / "news/2024/03"
    proc = run(march / "story-000.txt", march / "story-001.txt", f"{tree.root}/pages/politics/page-00*.html",
               "-o", "out/")
    assert proc.returncode == 0, proc.stderr
    got = files_under(tmp_path / "out")
    # each input keeps its path below the folder all of them share
    assert set(got) == {"news/2024/03/story-000.txt", "news/2024/03/story-001.txt",
                        *(f"pages/politics/page-{i:03d}.txt" for i in range(10))}
    assert got["news/2024/03/story-001.txt"] == tree.expected["news/2024/03/story-001.txt"][2]


def test_glob_and_exclude(tree: Tree, tmp_path: Path) -> None:
    proc = run(tree.root, "-o", "out", "--glob", "*.html", "--exclude", "city", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    # same.html alone now: nothing clashes with its plain name
    assert sorted(files_under(tmp_path / "out")) == ["misc/same.txt"] + [f"pages/politics/page-{i:03d}.txt"
                                                                         for i in range(25)]
    assert len(report_lines(tmp_path / "r.jsonl")) == 26


# --- where outputs may go ------------------------------------------------------------------


def test_out_dir_inside_in_dir_is_refused(tree: Tree, tmp_path: Path) -> None:
    before = snapshot(tree.root)
    for out in (tree.root / "out", tree.root / "news" / "out", tree.root):
        proc = run(tree.root, "-o", out)
        assert proc.returncode == 2
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and "inside the input folder" in lines[0], lines
    proc = run(tree.root / "news", "-o", tree.root)  # an input inside the output folder
    assert proc.returncode == 2 and "inside the output folder" in proc.stderr.decode()
    proc = run(tree.root / "news", "-o", "out", "--report", tree.root / "news" / "r.jsonl")
    assert proc.returncode == 2 and "inside the input folder" in proc.stderr.decode()
    assert snapshot(tree.root) == before
    assert not (tmp_path / "out").exists()


def test_symlinks_are_not_followed_out_of_the_tree(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(as_text(*article(1)), encoding="utf-8")
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "real.txt").write_text(as_text(*article(2)), encoding="utf-8")
    (root / "escape.txt").symlink_to(outside / "secret.txt")
    (root / "escape-folder").symlink_to(outside, target_is_directory=True)
    (root / "inside.txt").symlink_to(root / "sub" / "real.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    proc = run(root, "-o", "out", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    assert sorted(files_under(tmp_path / "out")) == ["inside.txt", "sub/real.txt"]
    assert b"case 1 " not in b"".join(files_under(tmp_path / "out").values())
    reasons = {str(line["path"]).removeprefix(f"{root}/"): (line["status"], line["reason"])
               for line in report_lines(tmp_path / "r.jsonl")}
    assert reasons["escape.txt"] == ("skipped", "a symbolic link out of the folder, not followed")
    assert reasons["escape-folder"] == ("skipped", "a symbolic link out of the folder, not followed")
    assert reasons["loop"] == ("skipped", "a symbolic link to a folder, not followed")
    assert reasons["broken.txt"] == ("skipped", "a broken symbolic link")
    assert reasons["inside.txt"][0] == "cleaned"


# --- a stream for pipelines ----------------------------------------------------------------


def test_jsonl_streams_every_document_in_input_order(tree: Tree) -> None:
    proc = run("--format", "jsonl", tree.root / "news", tree.root / "pages", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    inputs = sorted(rel for rel in tree.expected if rel.startswith(("news/", "pages/")))
    assert [d["source"] for d in docs] == [f"{tree.root}/{rel}" for rel in inputs]
    assert [d["text"].encode() for d in docs] == [tree.expected[rel][2] for rel in inputs]
    assert summary(proc.stderr)["cleaned"] == len(inputs)


def test_jsonl_of_standard_input_is_one_line() -> None:
    title, paragraphs = article(3)
    proc = subprocess.run(argv("--format", "jsonl"), input=as_text(title, paragraphs).encode(), capture_output=True,
                          timeout=TIMEOUT)
    assert (proc.returncode, proc.stderr) == (0, b"")
    doc = json.loads(proc.stdout)
    assert (doc["source"], doc["title"]) == ("<stdin>", title)


# --- interruptions: SIGKILL, SIGTERM, Ctrl-C -----------------------------------------------

SLOW_FILES = 800


@pytest.fixture(scope="module")
def slow_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """Enough files that a run with one worker lasts long enough to be interrupted."""
    root = tmp_path_factory.mktemp("slow") / "in"
    expected = {}
    for n in range(SLOW_FILES):
        title, paragraphs = article(1000 + n)
        rel = f"part-{n // 100}/story-{n:04d}.txt"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(as_text(title, paragraphs), encoding="utf-8")
        expected[rel] = as_text(title, paragraphs).encode("utf-8")
    return root, expected


def start(*args: str | os.PathLike[str]) -> subprocess.Popen[bytes]:
    # A session of its own: the test can signal the whole process group, as a terminal does.
    return subprocess.Popen(argv(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            start_new_session=True)


def wait_for_outputs(proc: subprocess.Popen[bytes], out: Path, count: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while sum(1 for _ in out.rglob("*.txt")) < count:
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be interrupted: {proc.stderr.read() if proc.stderr else ''!r}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no outputs appeared")
        time.sleep(0.002)


def outputs_are_whole(out: Path, expected: dict[str, bytes]) -> dict[str, int]:
    """Every file in the mirror is a whole output; returns their modification times."""
    mtimes = {}
    for path in out.rglob("*"):
        rel = str(path.relative_to(out))
        if path.is_dir() or rel.startswith((".cleannews-partial", STATE)):
            continue
        assert path.read_bytes() == expected[rel], f"{rel} is not a whole output"
        mtimes[rel] = path.stat().st_mtime_ns
    return mtimes


def test_sigkill_mid_run_leaves_no_partial_file_and_a_second_run_resumes(
        slow_tree: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    root, expected = slow_tree
    out = tmp_path / "out"
    proc = start(root, "-o", out, "--jobs", "1")
    wait_for_outputs(proc, out, SLOW_FILES // 4)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, wherever they are
    proc.wait(TIMEOUT)
    done = outputs_are_whole(out, expected)
    assert SLOW_FILES // 4 <= len(done) < SLOW_FILES

    again = run(root, "-o", out, "--jobs", "2", "--report", "r.jsonl")
    assert again.returncode == 0, again.stderr
    counts = summary(again.stderr)
    assert (counts["cleaned"], counts["up-to-date"]) == (SLOW_FILES - len(done), len(done))
    after = outputs_are_whole(out, expected)
    assert set(after) == set(expected)
    assert {rel: after[rel] for rel in done} == done  # finished files were not written again
    lines = report_lines(tmp_path / "r.jsonl")
    statuses = {str(line["path"]).removeprefix(f"{root}/"): line["status"] for line in lines}
    assert {rel for rel, status in statuses.items() if status == "up-to-date"} == set(done)
    assert not (out / ".cleannews-partial").exists()  # what the killed run left there is gone


@pytest.mark.parametrize(("signum", "code", "group"), [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)],
                         ids=["SIGTERM", "Ctrl-C"])
def test_sigterm_and_ctrl_c_stop_quietly_with_whole_files(
        signum: int, code: int, group: bool, slow_tree: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    root, expected = slow_tree
    out = tmp_path / "out"
    proc = start(root, "-o", out, "--jobs", "2")
    wait_for_outputs(proc, out, SLOW_FILES // 4)
    if group:
        os.killpg(proc.pid, signum)  # as a terminal delivers Ctrl-C: to every process of the group
    else:
        proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == code
    counts = summary(stderr)
    assert counts["interrupted"]
    assert len(stderr.decode().splitlines()) == 1, stderr  # quietly: the summary line, nothing else
    done = outputs_are_whole(out, expected)
    # Files finished after the last one reported in order are on disk but not yet counted.
    assert counts["cleaned"] <= len(done) < SLOW_FILES
    assert not (out / ".cleannews-partial").exists()


# --- limits: time per file, a dead worker --------------------------------------------------


def test_a_file_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for n in range(6):
        (root / f"story-{n}.txt").write_text(as_text(*article(n)), encoding="utf-8")
    title, paragraphs = article(99)  # over 10 MB of HTML: several seconds of work
    (root / "story-3-big.html").write_text(as_html(title, paragraphs * 6000), encoding="utf-8")
    proc = run(root, "-o", "out", "--timeout", "1", "--jobs", "2", "--report", "r.jsonl")
    assert proc.returncode == 1
    assert summary(proc.stderr) | {"interrupted": False} == {
        "cleaned": 6, "empty": 0, "failed": 1, "skipped": 0, "up-to-date": 0, "interrupted": False}
    line = proc.stderr.decode().splitlines()[0]
    assert line.startswith(f"cleannews: {root}/story-3-big.html: took longer than 1 s")
    assert len(files_under(tmp_path / "out")) == 6


def _handler(setup: object, state: object, task: str) -> str:
    """A worker for the pool tests: dies, hangs, or answers (and dies a moment later)."""
    if task == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    if task == "die-soon":
        import threading

        threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGKILL)).start()
    if task == "hang":
        time.sleep(TIMEOUT)
    return f"{task}:{state}"


def test_pool_replaces_a_dead_or_hung_worker_and_keeps_order() -> None:
    # 4 s, not less: a replacement worker's start counts against its first task, and on a
    # loaded machine that start alone can take a second or more
    pool = Pool(2, 4, _handler, None)
    try:
        pool.share("learned")
        tasks = [(i, t) for i, t in enumerate(["a", "crash", "b", "hang", None, "c", "crash", "d"])]
        results = list(pool.map(tasks, window=4))
    finally:
        pool.close()
    assert [k for k, _ in results] == list(range(8))
    outcomes = [o for _, o in results]
    assert outcomes[0] == "a:learned" and outcomes[2] == "b:learned" and outcomes[5] == "c:learned"
    assert outcomes[7] == "d:learned"  # the replacement workers got the shared state too
    assert outcomes[4] is None
    assert isinstance(outcomes[1], Failure) and "SIGKILL" in outcomes[1].reason
    assert isinstance(outcomes[3], Failure) and "took longer than 4 s" in outcomes[3].reason


def test_pool_pins_a_crash_or_a_hang_inside_a_message_on_its_task(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tasks go four to a message and are answered four at a time: the worker notes which one
    it is on, so the one that killed it or ran out of time fails alone, and those it had done
    but not yet answered are done again by its successor, as are those behind it."""
    monkeypatch.setattr(Pool, "_batch", lambda self, window: 4)
    pool = Pool(1, 4, _handler, None)
    try:
        results = list(pool.map(enumerate(["a", "b", "crash", "c", "d", "e", "hang", "f", "g"]), window=16))
    finally:
        pool.close()
    assert [k for k, _ in results] == list(range(9))
    outcomes = [o for _, o in results]
    assert [outcomes[n] for n in (0, 1, 3, 4, 5, 7, 8)] == [f"{t}:None" for t in "abcdefg"]
    assert isinstance(outcomes[2], Failure) and "SIGKILL" in outcomes[2].reason
    assert isinstance(outcomes[6], Failure) and "took longer than 4 s" in outcomes[6].reason


def test_pool_replaces_a_worker_that_died_while_idle() -> None:
    pool = Pool(1, 5, _handler, None)
    try:
        assert list(pool.map([(0, "die-soon")], window=4)) == [(0, "die-soon:None")]
        time.sleep(0.3)  # it is dead now, and its pipe is closed: the next send fails
        assert [o for _, o in pool.map([(i, t) for i, t in enumerate("abcd")], window=4)] == [
            "a:None", "b:None", "c:None", "d:None"]
    finally:
        pool.close()


def test_jsonl_into_a_pipe_that_closes_ends_quietly(tree: Tree) -> None:
    line = " ".join(map(shlex.quote, argv("--format", "jsonl", tree.root / "news"))) + " | head -1"
    proc = subprocess.run(line, shell=True, capture_output=True, timeout=TIMEOUT)
    assert proc.stderr == b""
    assert json.loads(proc.stdout)["source"].endswith("story-000.txt")


# --- learning a site's boilerplate ---------------------------------------------------------


def site(root: Path, articles: range, box: str | None = LAMP_BOX) -> dict[str, list[str]]:
    root.mkdir(parents=True, exist_ok=True)
    stories = {}
    for n in articles:
        title, paragraphs = article(n)
        stories[f"story-{n:03d}.txt"] = [title, *paragraphs]
        shown = [*paragraphs[:2], box, *paragraphs[2:]] if box else paragraphs
        (root / f"story-{n:03d}.txt").write_text(as_text(title, shown), encoding="utf-8")
    return stories


def test_learning_drops_a_box_no_rule_knows_and_keeps_every_story_paragraph(tmp_path: Path) -> None:
    stories = site(tmp_path / "site", range(50))
    proc = run("site", "-o", "out", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    for name, (title, *paragraphs) in stories.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == as_text(title, paragraphs)
    assert all(line["rules"] == [RULE] for line in report_lines(tmp_path / "r.jsonl"))

    proc = run("--explain", "site", "-o", "explained")
    row = next(line for line in (tmp_path / "explained/story-007.explain.txt").read_text().splitlines()
               if line.startswith("DROP"))
    assert row.split()[:3] == ["DROP", "chrome", RULE] and "Lanterns along the quay" in row

    proc = run("--no-learn", "site", "-o", "kept")
    assert proc.returncode == 0
    assert all(LAMP_BOX in p.read_text(encoding="utf-8") for p in (tmp_path / "kept").iterdir())


def test_copies_of_one_article_do_not_make_it_boilerplate(tmp_path: Path) -> None:
    stories = site(tmp_path / "site", range(3), box=None)
    story = (tmp_path / "site" / "story-000.txt").read_bytes()
    for n in range(6):  # more copies than --learn-min: counted once, they teach nothing
        (tmp_path / "site" / f"copy-{n}.txt").write_bytes(story)
    proc = run("site", "-o", "out", "--learn-min", "2", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    for n in range(6):
        assert (tmp_path / "out" / f"copy-{n}.txt").read_text(encoding="utf-8") == as_text(
            stories["story-000.txt"][0], stories["story-000.txt"][1:])
    assert all(line["rules"] == [] for line in report_lines(tmp_path / "r.jsonl"))


def test_learning_as_a_library() -> None:
    pages = [as_html(t, [*p[:1], LAMP_BOX, *p[1:]]).replace("<head>", "<head><link rel=canonical "
             f"href='https://www.lamps.example/news/{n}'>") for n, (t, p) in ((n, article(n)) for n in range(6))]
    learner = Learner(min_articles=5)
    for page in pages:
        learner.add(cleannews.clean(page))
    learner.add(cleannews.clean(pages[0]))  # the same URL again: not another article
    boilerplate = learner.boilerplate()
    assert len(boilerplate.counts) == 1 and next(iter(boilerplate.counts.values())) == 6
    result = boilerplate.drop(cleannews.clean(pages[2]))
    assert LAMP_BOX not in result.text and result.text == as_text(*article(2))
    dropped = [r for r in result.removed if r.rule == RULE]
    assert [r.text for r in dropped] == [LAMP_BOX] and "lamps.example" in dropped[0].reason
    other = cleannews.clean(pages[2].replace("lamps.example", "elsewhere.example"))
    assert boilerplate.drop(other) == other  # another site's pages are not this site's boilerplate


# --- the command line around folder mode ---------------------------------------------------


def test_folder_options_are_refused_without_folder_mode(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(as_text(*article(5)), encoding="utf-8")
    proc = run(story, "--jobs", "2")
    assert proc.returncode == 2 and b"--jobs: only for folder mode" in proc.stderr
    proc = run(tmp_path, "-o", "out", "-", "--max-size", "lots")
    assert proc.returncode == 2 and b"lots" in proc.stderr


def test_a_second_run_into_the_same_folder_waits_its_turn(slow_tree: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = slow_tree
    first = start(root, "-o", "out", "--jobs", "1")
    try:
        deadline = time.monotonic() + TIMEOUT
        while not Path("out/.cleannews-partial").exists() and time.monotonic() < deadline:
            time.sleep(0.002)  # the folder is locked from the start: learning and cleaning are still ahead
        # Held where it is, lock and all, while the second starts: on a loaded machine the
        # second's start-up took longer than the whole first run (about a second).
        os.killpg(first.pid, signal.SIGSTOP)
        assert first.poll() is None, "the first run ended before it could be held"
        second = run(root, "-o", "out")
        assert second.returncode == 2
        assert b"another cleannews run is writing there" in second.stderr
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(TIMEOUT)


def iter_errors(tmp: Path) -> Iterator[list[str]]:
    (tmp / "in").mkdir()
    (tmp / "a-file").write_text("x", encoding="utf-8")
    yield ["in", "-o", "a-file"]
    yield ["in", "-o", "out", "-"]
    yield ["in", "-o", "in/out"]


def test_refusals_are_one_line_and_exit_2(tmp_path: Path) -> None:
    for args in iter_errors(tmp_path):
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cleannews: "), (args, lines)


# --- progress ------------------------------------------------------------------------------


def stderr_on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run with standard error on a pseudo-terminal; (exit status, what the terminal got)."""
    code, got, _ = run_on_terminal(args, env, "stderr")
    return code, got


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal_and_colour_only_without_no_color(
        slow_tree: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = slow_tree
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, got = stderr_on_a_terminal(argv(root, "-o", "out", "--jobs", "1"), env)
    assert code == 0
    assert b"cleaning [" in got and b" files/s \xc2\xb7 ETA " in got and b"\x1b[32m" in got
    assert got.endswith(b"\r\x1b[K" + b"cleannews: 800 cleaned, 0 empty, 0 failed, 0 skipped"
                        + got.rsplit(b"skipped", 1)[1])  # the bar is cleared before the summary
    code, got = stderr_on_a_terminal(argv(root, "-o", "out-2", "--jobs", "1", "--no-learn"), env | {"NO_COLOR": "1"})
    assert code == 0 and b"files/s" in got and b"\x1b[32m" not in got


# --- what a demanding user hit (issue 14) --------------------------------------------------

# Run as `python -c FULL_DISK ROOT CAPACITY args...`: cleannews on a disk of CAPACITY bytes at
# ROOT. Every write to a file under ROOT goes through os.write (outputs, the report, a stream),
# and is refused with ENOSPC, as the kernel refuses it, once the files there hold CAPACITY
# bytes: the last write that fits is cut short, the next one fails. The disk's free space is
# what is left of CAPACITY (what learning's spool measures to take at most half of).
FULL_DISK = """
import errno, os, sys
root, capacity = os.path.realpath(sys.argv[1]), int(sys.argv[2])
del sys.argv[1:3]
real_write = os.write

def size(path):
    try:
        return os.path.getsize(path)
    except FileNotFoundError:  # another worker renamed or removed it since the walk saw it
        return 0

def used():
    return sum(size(os.path.join(d, f)) for d, _, files in os.walk(root) for f in files)

def write(fd, data):
    try:
        path = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        path = ""
    if path.startswith(root + os.sep):
        room = capacity - used()
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        data = memoryview(data)[:room]
    return real_write(fd, data)

real_statvfs = os.statvfs

def statvfs(path):
    if not os.path.realpath(path).startswith(root + os.sep):
        return real_statvfs(path)
    free = max(capacity - used(), 0)
    return os.statvfs_result((1, 1, capacity, free, free, 1000, 1000, 1000, 0, 255))

os.write = write
os.statvfs = statvfs
from cleannews.cli import main
main()
"""


def _slow_site(root: Path, count: int) -> dict[str, bytes]:
    expected = {}
    root.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        title, paragraphs = article(2000 + n)
        (root / f"story-{n:03d}.txt").write_text(as_text(title, paragraphs), encoding="utf-8")
        expected[f"story-{n:03d}.txt"] = as_text(title, paragraphs).encode("utf-8")
    return expected


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell which file a write goes to")
def test_a_full_disk_stops_the_run_cleanly_and_the_same_command_resumes(tmp_path: Path) -> None:
    """Item 1: the first ENOSPC stops the run: one line naming the folder and what is left,
    exit 1, outputs whole, the report whole up to the last file; run again, it resumes."""
    # The workers write a file's output as they clean it, up to the parent's window of files
    # (batch.WINDOW_PER_JOB each) ahead of the report, and the learning pass's spool takes up
    # to half the room: what is left for the outputs must hold more than that window, or the
    # disk is full before the first file is reported.
    expected = _slow_site(tmp_path / "in", 400)
    disk = tmp_path / "disk"
    disk.mkdir()
    args = ["in", "-o", disk / "out", "--report", disk / "report.jsonl", "--jobs", "2"]
    capacity = sum(len(v) for v in expected.values()) * 3 // 4
    proc = subprocess.run([sys.executable, "-c", FULL_DISK, disk, str(capacity), *map(str, args)],
                          capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert proc.returncode == 1
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 2, lines  # the reason, then the summary: not a line per file
    m = re.fullmatch(rf"cleannews: {disk}/(out|report\.jsonl): No space left on device; stopped with (\d+) files "
                     r"(left to do: free some space, then run the same command again to resume|not done: .*)", lines[0])
    assert m, lines[0]
    counts = summary(proc.stderr)
    assert lines[1].startswith("cleannews: stopped: ")
    assert counts["cleaned"] + int(m[2]) == len(expected) and 0 < counts["cleaned"] < len(expected)
    done = outputs_are_whole(disk / "out", expected)
    assert len(done) >= counts["cleaned"]
    assert not (disk / "out" / ".cleannews-partial").exists()
    report = (disk / "report.jsonl").read_bytes()
    assert report.endswith(b"\n") or report == b""
    assert [json.loads(line)["status"] for line in report.splitlines()] == ["cleaned"] * counts["cleaned"]

    again = run("in", "-o", disk / "out", "--report", disk / "report.jsonl")
    assert again.returncode == 0, again.stderr
    counts = summary(again.stderr)
    assert (counts["cleaned"], counts["up-to-date"]) == (len(expected) - len(done), len(done))
    assert files_under(disk / "out") == expected


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to tell which file a write goes to")
def test_a_full_disk_under_an_archives_lines_leaves_no_report_line_ahead_of_them(tmp_path: Path) -> None:
    """The parent writes an archive's lines several records at a time, and reports the records
    once their lines are written: when the disk fills at such a write, the output holds whole
    lines only, and the report (on another disk) names exactly the records they are of."""
    (tmp_path / "in").mkdir()
    # a third of its output is past one write (batch.HOLD), so that some lines are written
    [archive] = site_archives(tmp_path / "in", [list(range(400))], boxed=set())
    args = [archive, "--format", "jsonl", "--no-learn", "--jobs", "2", "--report", tmp_path / "report.jsonl"]
    whole = run(*args)
    assert whole.returncode == 0, whole.stderr
    disk = tmp_path / "disk"
    disk.mkdir()
    with open(disk / "stories.jsonl", "wb") as out:
        proc = subprocess.run([sys.executable, "-c", FULL_DISK, disk, str(len(whole.stdout) // 3), *map(str, args)],
                              stdout=out, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert proc.returncode == 1
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 2 and lines[0].startswith("cleannews: standard output: No space left on device"), lines
    written = (disk / "stories.jsonl").read_bytes()
    assert written.endswith(b"\n") and 0 < len(written) < len(whole.stdout)
    assert whole.stdout.startswith(written)
    stories = [json.loads(line)["warc_record_id"] for line in written.splitlines()]
    reported = [json.loads(line) for line in (tmp_path / "report.jsonl").read_bytes().splitlines()]
    assert [r["record"] for r in reported if r["status"] == "cleaned"] == stories
    assert summary(proc.stderr)["cleaned"] == len(stories)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_a_full_disk_under_a_stream_or_a_report_is_one_line(tmp_path: Path) -> None:
    """Item 1, on a real ENOSPC: /dev/full refuses every write as a full disk does."""
    _slow_site(tmp_path / "in", 12)
    line = " ".join(map(shlex.quote, argv("--format", "jsonl", "in"))) + " > /dev/full"
    proc = subprocess.run(line, shell=True, capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 1
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 2 and lines[0].startswith("cleannews: standard output: No space left on device; "
                                                   "stopped with 12 files not done"), lines
    proc = run("in", "-o", "out", "--report", "/dev/full")
    assert proc.returncode == 1
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("cleannews: /dev/full: No space left on device; stopped with 12"), lines
    assert "Traceback" not in proc.stderr.decode()


def _mount_tiny(where: Path, size: str) -> bool:
    if not (sys.platform == "linux" and hasattr(os, "geteuid") and os.geteuid() == 0):
        return False
    where.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, timeout=TIMEOUT).returncode == 0


def test_a_real_small_file_system_that_fills(tmp_path: Path) -> None:
    """Item 1 on a real file system, where the sandbox allows it (root, tmpfs): the run stops at
    the first ENOSPC, and a second run on a larger one resumes."""
    expected = _slow_site(tmp_path / "in", 150)
    tiny = tmp_path / "tiny"
    if not _mount_tiny(tiny, "64k"):  # tmpfs counts whole pages: 16 of them
        pytest.skip("cannot mount a small tmpfs here (not root, or not allowed)")
    try:
        proc = run("in", "-o", tiny / "out", "--report", tiny / "report.jsonl", "--jobs", "1")
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 2 and "No space left on device; stopped with" in lines[0], lines
        done = outputs_are_whole(tiny / "out", expected)
        reported = [json.loads(line) for line in (tiny / "report.jsonl").read_bytes().splitlines()]
        assert len(reported) == summary(proc.stderr)["cleaned"] <= len(done) < len(expected)
        subprocess.run(["mount", "-o", "remount,size=4m", str(tiny)], check=True, timeout=TIMEOUT)
        again = run("in", "-o", tiny / "out")
        assert again.returncode == 0, again.stderr
        assert summary(again.stderr)["up-to-date"] == len(done)
        assert files_under(tiny / "out") == expected
    finally:
        subprocess.run(["umount", str(tiny)], timeout=TIMEOUT)


def _articles(root: Path, start: int, count: int, before: list[str] | None = None,
              after: list[str] | None = None) -> dict[str, list[str]]:
    """Generated articles with paragraphs of their own and some shared ones; name → the story."""
    root.mkdir(parents=True, exist_ok=True)
    stories = {}
    for n in range(start, start + count):
        title, paragraphs = article(n)
        body = [*(before or []), *paragraphs[:1], *(after or [])]
        (root / f"story-{n:03d}.txt").write_text(as_text(title, body), encoding="utf-8")
        stories[f"story-{n:03d}.txt"] = [title, *body]
    return stories


WIRE = [  # background paragraphs a wire service repeats in every story of a series: written for this test
    "The harbour authority has managed the northern quays since the reforms of the late nineteen-nineties, when "
    "the city council handed over the ferry landings, the fish market and the old customs house to a board.",
    "Its board of nine members is appointed for five years, three of them by the council, three by the regional "
    "government and three by the unions of the dock workers, the fishermen and the ferry crews.",
    "Repairs to the quay walls have been a matter of dispute between the board and the council for a decade, with "
    "each side blaming the other for the delays that have closed the southern landing twice since the floods.",
]


def test_learning_never_takes_the_lede_nor_half_the_story(tmp_path: Path) -> None:
    """Item 2: stories that share a long passage keep their lede and at least half their words."""
    stories = _articles(tmp_path / "wire", 0, 8, after=WIRE)  # the lede, then the shared background
    filler = _articles(tmp_path / "filler", 100, 6, before=WIRE)  # the shared text opens every page
    proc = run("wire", "filler", "-o", "out", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    for name, (title, *paragraphs) in {**{f"wire/{k}": v for k, v in stories.items()},
                                       **{f"filler/{k}": v for k, v in filler.items()}}.items():
        got = (tmp_path / "out" / name).read_text(encoding="utf-8").split("\n\n")
        assert got[0] == title and got[1] == paragraphs[0], name  # the lede is never learned away
        kept = sum(len(p.split()) for p in got[1:])
        assert kept >= sum(len(p.split()) for p in paragraphs) / 2, name
    assert {line["status"] for line in report_lines(tmp_path / "r.jsonl")} == {"cleaned"}


def test_a_page_learning_empties_is_empty_learned_not_cleaned(tmp_path: Path) -> None:
    """Item 2: a page with no paragraph of running text, all of it the site's, is empty (learned)."""
    root = tmp_path / "notes"
    root.mkdir()
    sections = ["- Tide tables for the north quay", "- Ferry timetable for the summer",
                "- Lantern walk on Friday evenings"]
    for n in range(6):
        (root / f"notes-{n}.txt").write_text(f"Harbour notes for week {n + 10} of the season\n\n"
                                            + "\n".join(sections) + "\n", encoding="utf-8")
    _articles(root, 0, 1)  # and one story, untouched
    proc = run("notes", "-o", "out", "--report", "r.jsonl")
    assert proc.returncode == 0, proc.stderr
    counts = summary(proc.stderr)
    assert (counts["cleaned"], counts["empty"]) == (1, 6)
    assert proc.stderr.decode().splitlines()[-1].startswith("cleannews: 1 cleaned, 6 empty (6 learned), 0 failed")
    lines = {Path(str(line["path"])).name: line for line in report_lines(tmp_path / "r.jsonl")}
    assert lines["notes-3.txt"]["status"] == "empty" and str(lines["notes-3.txt"]["reason"]).startswith("learned")
    assert lines["story-000.txt"]["status"] == "cleaned"


def _run_in_process(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> int:
    from cleannews.cli import command

    try:
        command.main(args, prog_name="cleannews", standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_what_a_run_learned_is_kept_for_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Item 3: a rerun over the same inputs with the same options does not learn again,
    whether it has files to clean (--force) or none; a changed input makes it learn again."""
    from cleannews.folder import batch

    stories = site(tmp_path / "site", range(12))
    learned: list[int] = []
    real = batch._Run.learn
    monkeypatch.setattr(batch._Run, "learn", lambda self, pool, key: learned.append(1) or real(self, pool, key))
    args = ["site", "-o", "out", "--jobs", "1"]
    assert _run_in_process(monkeypatch, args) == 0
    assert learned == [1] and (tmp_path / "out" / STATE / "learned").is_file()
    for again in (args, [*args, "--force"], [*args, "--learn-min", "3", "--force"]):
        assert _run_in_process(monkeypatch, again) == 0
    assert learned == [1]  # taken from the state folder each time
    for name, (title, *paragraphs) in stories.items():
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == as_text(title, paragraphs)
    for change in ([*args, "--keep-captions"], args):
        assert _run_in_process(monkeypatch, [*change, "--force"]) == 0  # other options: other counts
    assert learned == [1, 1, 1]
    time.sleep(0.01)
    (tmp_path / "site" / "story-003.txt").write_text(as_text(*article(500)), encoding="utf-8")
    assert _run_in_process(monkeypatch, args) == 0
    assert learned == [1, 1, 1, 1]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_stream_says_on_a_terminal_that_it_learns_first(tmp_path: Path) -> None:
    """Item 3: `--format jsonl folder | head` prints nothing until learning ends: on a
    terminal it says so, and how to start at once."""
    site(tmp_path / "site", range(8))
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, got = stderr_on_a_terminal(argv("--format", "jsonl", "site"), env)
    assert code == 0
    assert b"learning the batch's boilerplate first: nothing is printed until it is done (--no-learn" in got
    code, got = stderr_on_a_terminal(argv("--format", "jsonl", "site", "--no-learn"), env)
    assert code == 0 and b"learning" not in got


def test_a_stream_names_every_input_once(tmp_path: Path) -> None:
    """Item 5: skipped and failed files are objects of the stream too: source, status, error."""
    _slow_site(tmp_path / "in", 3)
    (tmp_path / "in" / "photo.png").write_bytes(PNG)
    (tmp_path / "in" / "blob.dat").write_bytes(bytes(range(256)) * 4)
    proc = run("--format", "jsonl", "in", "missing.txt")
    assert proc.returncode == 1
    docs = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [d["source"] for d in docs] == ["in/blob.dat", "in/photo.png", *(f"in/story-{n:03d}.txt" for n in range(3)),
                                           "missing.txt"]
    assert docs[0]["status"] == "skipped" and "not text or HTML" in docs[0]["error"]
    assert docs[1] == {"source": "in/photo.png", "status": "skipped", "error": "not a page: an image"}
    assert docs[-1] == {"source": "missing.txt", "status": "failed", "error": "No such file or directory"}
    assert all("error" not in d and d["text"] for d in docs[2:5])


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_folder_into_one_jsonl_or_csv_file(fmt: str, tmp_path: Path) -> None:
    """Items 9 and 16: -o all.jsonl with a folder is one JSON Lines file, not a folder; the
    same for CSV (a header, then a row per input)."""
    import csv
    import io

    expected = _slow_site(tmp_path / "in", 5)
    proc = run("--format", fmt, "in", "-o", f"all.{fmt}")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / f"all.{fmt}").is_file()
    data = (tmp_path / f"all.{fmt}").read_text(encoding="utf-8")
    if fmt == "jsonl":
        docs = [json.loads(line) for line in data.splitlines()]
        assert [d["text"].encode() for d in docs] == list(expected.values())
    else:
        rows = list(csv.reader(io.StringIO(data)))
        assert rows[0] == ["source", "title", "url", "date", "text"]
        assert [r[0] for r in rows[1:]] == [f"in/{name}" for name in expected]
        assert [r[4].encode() for r in rows[1:]] == list(expected.values())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".cleannews")] == []  # no temporary file left
    proc = run("--format", fmt, "in", "-o", f"in/all.{fmt}")
    assert proc.returncode == 2 and b"inside the input folder" in proc.stderr


def test_a_worker_told_to_stop_does_not_fail_its_file(tmp_path: Path) -> None:
    """Item 14: SIGTERM to the process group reaches the workers too; a worker ended by it
    was not broken by its file: the run stops (143), and no file is counted as failed."""
    _slow_site(tmp_path / "in", 30)
    stop_on = """
import os, signal, sys
from cleannews.folder import batch
real = batch._work
def work(setup, state, task):
    if task[1].endswith("story-010.txt"):
        os.kill(os.getpid(), signal.SIGTERM)  # as a `kill -TERM -PGID` reaches a worker first
    return real(setup, state, task)
batch._work = work
from cleannews.cli import main
main()
"""
    proc = subprocess.run([sys.executable, "-c", stop_on, "in", "-o", "out", "--jobs", "1", "--no-learn",
                           "--report", "r.jsonl"], capture_output=True, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
    assert proc.returncode == 143, proc.stderr
    counts = summary(proc.stderr)
    assert counts["interrupted"] and counts["failed"] == 0
    assert all(line["status"] == "cleaned" for line in report_lines(tmp_path / "r.jsonl"))


def test_sigterm_to_the_process_group_fails_no_file(slow_tree: tuple[Path, dict[str, bytes]], tmp_path: Path) -> None:
    """Item 14, with a real signal to the whole group, as `kill -TERM -PGID` or a service manager sends it."""
    root, expected = slow_tree
    proc = start(root, "-o", tmp_path / "out", "--jobs", "2")
    wait_for_outputs(proc, tmp_path / "out", SLOW_FILES // 4)
    os.killpg(proc.pid, signal.SIGTERM)
    _, stderr = proc.communicate(timeout=TIMEOUT)
    assert proc.returncode == 143
    counts = summary(stderr)
    assert counts["interrupted"] and counts["failed"] == 0
    assert len(stderr.decode().splitlines()) == 1, stderr
    outputs_are_whole(tmp_path / "out", expected)


def test_a_language_without_a_pack_is_said_once_a_run(tmp_path: Path) -> None:
    """Item 15: in a folder of such pages, one warning on stderr; each report line has it."""
    from .test_cli import NO_PACK_TEXT

    root = tmp_path / "id"
    root.mkdir()
    for n in range(4):
        (root / f"berita-{n}.txt").write_text(f"Berita nomor {n} dari Bandung hari ini\n\n{NO_PACK_TEXT}", "utf-8")
    proc = run("id", "-o", "out", "--report", "r.jsonl", "--no-learn")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.decode().count("no rule pack for its language") == 1
    assert all(str(line["reason"]).startswith("no rule pack") for line in report_lines(tmp_path / "r.jsonl"))


@given(st.lists(st.sampled_from(["word", "Ärger", "ﬁle", "ＡＢ", " ", "  ", "\t", "\n", "\u00a0", "\u2003",
                                  "\u3000", "\u2028", "\x1f", "\x85"]), max_size=12))
def test_normalise_folds_every_kind_of_space(parts: list[str]) -> None:
    """The same block is the same text after compatibility forms, case and spacing: the
    short cut for text spaced already (block text) gives what splitting gives."""
    text = "".join(parts)
    assert normalise(text) == " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# Pieces of block text: ASCII and Latin-1 words, Latin-1 characters normalise() folds to more than
# one (ß, ½, ¨) or out of Latin-1 (µ), other scripts (Greek with its final sigma, a dotted capital
# I), compatibility forms (the ligature, full-width letters), combining marks (which may open a
# block), and every kind of spacing: doubled, tabs, newlines, NBSP and other Unicode spaces,
# unprintables, a lone surrogate.
_BLOCK_PARTS = st.sampled_from(["word", "Word", "Ärger", "Straße", "ẞ", "ﬁle", "ＡＢ", "Cádiz", "ÞÿÀ×", "µ", "ª½¨",
                                "ΟΔΟΣ", "ς", "İ", "\u0301", "e\u0301", "\u0308a", " ", "  ", "\t", "\n", "\r",
                                "\x0b", "\x1c", "\x1f", "\x85", "\x00", "\x01", "\x7f", "\u00a0", "\u2003",
                                "\ud800"])
_BLOCK_TEXTS = st.one_of(st.lists(_BLOCK_PARTS, max_size=10).map("".join),
                         st.text(st.characters(max_codepoint=0xFF), max_size=12))
# Block text as the readers make it (Latin-1 words, one space between them, NBSP among them),
# so that whole pages take the short cut too.
_SPACED_TEXTS = st.lists(st.sampled_from(["word", "Word", "Ärger", "Straße", "Cádiz", "ÞÿÀ×", "ª²º",
                                          "a\u00a0b"]), min_size=1, max_size=5).map(" ".join)
_PAGES = st.one_of(st.lists(_SPACED_TEXTS, max_size=8), st.lists(st.one_of(_SPACED_TEXTS, _BLOCK_TEXTS), max_size=8))


@given(_PAGES, st.sampled_from(["", "harbour.example", "Ünï/ßite", "\ud800"]))
def test_a_blocks_fingerprint_is_the_hash_of_its_site_and_normalised_text(texts: list[str], site: str) -> None:
    """The fingerprints, a page's blocks folded together, hash the very bytes that hashing the
    site and normalise(text) does, block by block, whatever the text (empty and blank blocks are
    not the story's): the counts a run keeps stay valid."""
    from cleannews.folder import learn
    from cleannews.model import Block, Decision, Result

    decisions = tuple(Decision(Block(text), True, "story", "", "", text) for text in texts)
    result = Result("", None, {}, decisions, "text")
    story = [text for text in texts if text.strip()]
    assert learn.fingerprints(result, site) == tuple(learn._hash(site, normalise(text)) for text in story)


def test_every_latin1_pair_folds_as_normalise_folds_it() -> None:
    """The short cut folds Latin-1 a byte at a time: a block of any two Latin-1 characters, alone
    or inside a word, gets the fingerprint normalise() gives."""
    from cleannews.folder import learn
    from cleannews.model import Block, Decision, Result

    for text in (f"{before}{first}{second}{after}" for first in map(chr, range(256)) for second in map(chr, range(256))
                 for before, after in (("", ""), ("a", "b"))):
        if not text.isspace():
            page = Result("", None, {}, (Decision(Block(text), True, "story", "", "", text),), "text")
            assert learn.fingerprints(page, "site") == (learn._hash("site", normalise(text)),), repr(text)


def test_the_spool_gives_back_each_page_as_it_was_kept_and_in_batch_order(tmp_path: Path) -> None:
    """Issue 13: a page read back from the spool is the result the learning pass had, field for
    field (links, cuts, metadata); the index finds pages in the order they were kept and passes
    over one that was not kept, and after a page it does not know every later one is cleaned again."""
    from cleannews.crawl import clean_page
    from cleannews.folder import spool

    from .archives import article_page

    linked = (b"<html><body><article><h1>Bridge reopens after a year of repairs</h1><p>The old harbour bridge "
              b"reopened on Monday, the <a href='/council'>city council</a> said in a statement to reporters.</p>"
              b"<p>Engineers replaced the deck and the railings, and traffic returns to both lanes this week, "
              b"officials said. If you value our reporting, please donate today to keep it free.</p>"
              b"</article></body></html>")
    pages = [clean_page(linked, cleannews.Options(links=True, url="https://harbour.example/a"))]
    pages += [clean_page(article_page(n, True), cleannews.Options()) for n in range(2)]
    pages.append(clean_page(as_text(*article(7)), cleannews.Options()))
    first = pages[0].result
    assert first is not None and first.links and any(d.cuts for d in first.decisions)
    folder = str(tmp_path)
    writer = spool.IndexWriter(folder)
    keys = [spool.page_key(f"in/{n}", 100 + n, 5, 0) for n in range(len(pages))]
    written = ("staging/.cleannews-x.tmp", (7, 2**64 - 1), (False, True), ("cleaned", "", ("rule",), 0.5))
    for n, (page, key) in enumerate(zip(pages, keys, strict=True)):
        kept = spool.Kept(page, (n, 2**64 - 1), 0.25)
        if n != 1:  # the second page is not kept
            place = spool.keep(folder, 1 << 20, kept)
            assert place is not None
            writer.note(key, place, written if n == 2 else None)
    writer.end()
    reader = spool.IndexReader(folder)
    found = [reader.find(key) for key in keys]
    assert found[1] is None and all(found[n] for n in (0, 2, 3))
    assert [spool.fetch(folder, where[0]) for where in found if where and where[0]] == [
        spool.Kept(page, (n, 2**64 - 1), 0.25) for n, page in enumerate(pages) if n != 1]
    assert [where[1] for where in found if where] == [None, written, None]
    reader = spool.IndexReader(folder)
    assert reader.find(spool.page_key("in/0", 999, 5, 0)) is None  # changed since it was kept
    assert [reader.find(key) for key in keys[1:]] == [None, None, None]
    assert spool.keep(folder, 10, spool.Kept(pages[0], (), 0.0)) is None  # no room left for it


def test_the_cleaning_pass_replays_the_walk_the_learning_pass_noted(tmp_path: Path) -> None:
    """Issue 13: the learning pass notes the batch's entries as it walks it, and the cleaning pass
    reads them back, in order and field for field (a name that is not UTF-8, a skipped file),
    across chunks; a walk that outgrows its room, or is not noted to its end, is not replayed."""
    from cleannews.folder import spool
    from cleannews.folder.walk import Entry

    entries = [Entry(f"in/{n}.txt", f"in/{n}.txt", f"{n}.txt", "in", 100 + n, 10**18 + n) for n in range(1234)]
    entries[7] = Entry("in/caf\udce9.txt", "in/caf\udce9.txt", "caf\udce9.txt", "in", 5, 6)
    entries[8] = entries[8]._replace(status="skipped", reason="not a page: an image", records="")
    notes = spool.WalkNotes(str(tmp_path), 1 << 20)
    for entry in entries:
        notes.add(entry)
    assert not notes.complete
    notes.end()
    assert notes.complete
    replayed = list(spool.walked(notes.path))
    assert replayed == entries and all(type(e) is Entry for e in replayed)
    size = os.path.getsize(notes.path)
    with open(notes.path, "r+b") as f:  # cut short in its last chunk: the chunks before it are read back
        f.truncate(size - 10)
    read = spool.walked(notes.path)
    assert [next(read) for _ in range(1000)] == entries[:1000]
    with pytest.raises(StopIteration) as ended:
        next(read)
    assert ended.value.value == 1000 < notes.count == len(entries)

    small = spool.WalkNotes(str(tmp_path / "small"), 1000)  # past its room at the first chunk
    for entry in entries:
        small.add(entry)
    small.end()
    assert not small.complete and not (tmp_path / "small").exists()
    cut = spool.WalkNotes(str(tmp_path), 1 << 20)  # the run stopped before the walk's end
    cut.add(entries[0])
    cut.close()
    assert not cut.complete


def test_a_learning_run_walks_its_inputs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: with the walk replayed, a run with learning walks its inputs once for both passes,
    as --no-learn does for its one (and once more, only as far as it takes to tell that there are
    pages enough to learn from); its outputs are those of a run whose spool has no room, which
    walks them again, and those of a run whose notes were cut short, which walks what is missing."""
    from cleannews.folder import batch, walk

    site(tmp_path / "in" / "notes", range(9))
    walks = []
    real = walk.Walk.entries

    def counted(self: walk.Walk, inputs: Any) -> Iterator[walk.Entry]:
        walks.append(inputs)
        return real(self, inputs)

    monkeypatch.setattr(walk.Walk, "entries", counted)
    monkeypatch.chdir(tmp_path)

    def walked(name: str, *flags: str) -> int:
        walks.clear()
        assert _run_in_process(monkeypatch, ["in", "-o", name, "--jobs", "1", *flags]) == 0
        return len(walks)

    assert walked("plain", "--no-learn") == 1
    assert walked("learned") == 2

    # Notes cut short (a chunk of 4 entries each): what is missing is walked again.
    from cleannews.folder import spool

    monkeypatch.setattr(spool, "_CHUNK", 4)
    end = spool.WalkNotes.end

    def cut(notes: spool.WalkNotes) -> None:
        end(notes)
        with open(notes.path, "r+b") as f:
            f.truncate(os.path.getsize(notes.path) - 10)

    monkeypatch.setattr(spool.WalkNotes, "end", cut)
    assert walked("cut") == 3
    monkeypatch.setattr(spool.WalkNotes, "end", end)
    monkeypatch.setattr(batch, "SPOOL_BUDGET", 0)
    assert walked("again") == 3
    assert files_under(tmp_path / "learned") == files_under(tmp_path / "again") == files_under(tmp_path / "cut")


def test_what_a_learner_saw_it_knows_past_its_exact_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks seen once: the first few exactly, the rest in the Bloom filter; never a false
    "never seen", whichever holds a block, and merged learners know what either saw."""
    from cleannews.folder import learn

    monkeypatch.setattr(learn, "SEEN_EXACT", 8)
    rng = random.Random(13)
    prints = [rng.getrandbits(64) for _ in range(200)]
    one, two = learn._Seen(), learn._Seen()
    assert [one.add(p) for p in prints[:100]] == [False] * 100  # no false "seen" at this size, by far
    assert [two.add(p) for p in prints[100:]] == [False] * 100
    assert all(one.add(p) for p in prints[:100]) and all(p in two for p in prints[100:])
    assert len(one._exact) == 8 and one._bloomed
    one.update(two)
    assert all(p in one for p in prints)
    assert sum(rng.getrandbits(64) in one for _ in range(1000)) == 0


def test_learners_merge_by_adding_their_counts() -> None:
    """Item 3: the learned counts add, so that parts of a batch can be counted apart."""
    pages = [as_text(t, [*p[:1], LAMP_BOX, *p[1:]]) for t, p in (article(n) for n in range(10))]
    whole, first, second = Learner(5), Learner(5), Learner(5)
    for n, page in enumerate(pages):
        result = cleannews.clean(page)
        whole.add(result, site="lamps")
        (first if n < 5 else second).add(result, site="lamps")
    first.merge(second)
    assert first.counts() == whole.counts() and first.boilerplate() == whole.boilerplate()
    assert list(first.boilerplate().counts.values()) == [10]


def _counting_cleans(monkeypatch: pytest.MonkeyPatch, tally: Path) -> None:
    """Every page the workers clean (forked: they inherit the patch) adds a line to `tally`."""
    from cleannews import crawl
    from cleannews.folder import batch

    def counted(real: Any) -> Any:
        def clean(*args: Any) -> Any:
            fd = os.open(tally, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            os.write(fd, b".\n")
            os.close(fd)
            return real(*args)
        return clean

    monkeypatch.setattr(batch, "clean_page", counted(crawl.clean_page))
    monkeypatch.setattr(batch, "clean_record", counted(crawl.clean_record))


@pytest.mark.parametrize("budget", [1 << 30, 40_000], ids=["every-page", "a-few-pages"])
def test_learning_cleans_each_page_once_and_writes_what_cleaning_twice_wrote(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, budget: int) -> None:
    """Issue 13: the learning pass keeps each cleaned page on disk (within a budget), so the
    cleaning pass only drops what was learned and renders. Its outputs, stream and report are
    byte for byte those of cleaning every page twice (a budget of 0: the spool keeps nothing)."""
    from cleannews.folder import batch

    from .archives import article_page, site_archives

    site(tmp_path / "in" / "notes", range(9))
    (tmp_path / "in" / "pages").mkdir()
    for n in range(7):
        (tmp_path / "in" / "pages" / f"page-{n}.html").write_bytes(article_page(n, n != 3))
    site_archives(tmp_path / "in", [[11, 12, 13, 14], [15, 16, 17]], boxed={11, 12, 14, 15, 16, 17})
    pages = 9 + 7 + 7

    def outputs(spool_budget: int, name: str) -> tuple[dict[str, bytes], bytes, list[dict[str, object]], int]:
        monkeypatch.setattr(batch, "SPOOL_BUDGET", spool_budget)
        tally = tmp_path / f"{name}.cleans"
        tally.touch()
        _counting_cleans(monkeypatch, tally)
        assert _run_in_process(monkeypatch, ["in", "-o", name, "--report", f"{name}.jsonl", "--jobs", "2"]) == 0
        assert _run_in_process(monkeypatch, ["in", "--format", "jsonl", "-o", f"{name}-all.jsonl"]) == 0
        tree = files_under(tmp_path / name)  # the staging folder and the spool in it included
        report = [{k: str(v).replace(name, "OUT") if k == "output" else v for k, v in line.items() if k != "time"}
                  for line in report_lines(tmp_path / f"{name}.jsonl")]
        return tree, (tmp_path / f"{name}-all.jsonl").read_bytes(), report, len(tally.read_bytes().splitlines())

    twice = outputs(0, "twice")
    once = outputs(budget, "once")
    assert once[:3] == twice[:3]
    stories = [text.decode() for name, text in twice[0].items() if name.endswith(".txt")]
    stories += [json.loads(line)["text"] for name, text in twice[0].items() if name.endswith(".jsonl")
                for line in text.splitlines()]
    assert len(stories) == pages and not any(LAMP_BOX in story for story in stories)  # the box was learned
    assert sum(RULE in line["rules"] for line in twice[2]) == 9 + 6 + 6
    assert twice[3] == 2 * 2 * pages  # two runs, each page cleaned in each pass
    assert (once[3] == 2 * pages) if budget == 1 << 30 else (2 * pages < once[3] < 4 * pages)


PRINT_BOX = ("Our print edition arrives every Saturday morning with the week's crosswords, the tide tables "
             "and the harbour gossip: ask at the kiosk on the quay.")  # written for these tests


def _mixed_batch(root: Path) -> None:
    """Two sites: in one, a box from the start, a second box from its 15th article on (learned
    only once enough of them have passed), stories that share a wire passage longer than their
    own text (the story's floor keeps some of it) and a saved copy of one page; in the other,
    pages that learning empties."""
    for n in range(30):
        title, paragraphs = article(500 + n)
        shown = [*paragraphs[:2], LAMP_BOX, *paragraphs[2:]] + ([PRINT_BOX] if n >= 15 else [])
        (root / "quay").mkdir(parents=True, exist_ok=True)
        (root / "quay" / f"story-{n:03d}.txt").write_text(as_text(title, shown), encoding="utf-8")
    _articles(root / "quay", 700, 7, after=[LAMP_BOX, *WIRE])
    (root / "quay" / "copy-of-story-003.txt").write_bytes((root / "quay" / "story-003.txt").read_bytes())
    (root / "notes").mkdir()
    for n in range(6):
        (root / "notes" / f"notes-{n}.txt").write_text(
            f"Harbour notes for week {n + 10}\n\n- Tide tables for the north quay\n- Ferry timetable for the summer\n",
            encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_pages_written_ahead_by_the_learning_pass_are_what_cleaning_them_again_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str) -> None:
    """Issue 13: the learning pass writes each page as the blocks its worker has learned so far
    make it, and the cleaning pass puts it in place when the batch learned the same of it; the
    outputs, the explanations of every drop (JSON) and the report are byte for byte those of a
    run that cleans every page again (a spool with no room), with one worker or two."""
    from cleannews.folder import batch

    _mixed_batch(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    placed: list[bool] = []
    put = batch._Run._put_in_place
    monkeypatch.setattr(batch._Run, "_put_in_place", lambda self, *a: placed.append(put(self, *a)) or placed[-1])

    def cleaned(name: str, *flags: str) -> tuple[dict[str, bytes], list[dict[str, object]]]:
        args = ["in", "-o", name, "--jobs", jobs, "--report", f"{name}.jsonl", *flags]
        assert _run_in_process(monkeypatch, args) == 0
        lines = report_lines(tmp_path / f"{name}.jsonl")
        return files_under(tmp_path / name), [{**line, "time": None, "output": str(line["output"]).removeprefix(name)}
                                              for line in lines]

    for flags in ((), ("--format", "json")):
        placed.clear()
        ahead = cleaned(f"ahead{len(flags)}", *flags)
        assert placed.count(True) >= 10 and placed.count(False) >= 3, placed  # both ways were taken
        monkeypatch.setattr(batch, "SPOOL_BUDGET", 0)  # no spool: every page cleaned again
        again = cleaned(f"again{len(flags)}", *flags)
        monkeypatch.undo()
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(batch._Run, "_put_in_place", lambda self, *a: placed.append(put(self, *a)) or placed[-1])
        assert ahead == again
    texts = files_under(tmp_path / "ahead0")
    assert all(LAMP_BOX not in text.decode() and PRINT_BOX not in text.decode() for text in texts.values())
    assert "5 or more articles of" in ahead[0]["quay/story-029.json"].decode()
    assert not (tmp_path / "ahead0" / ".cleannews-partial").exists()  # no page written ahead is left over


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 3)), min_size=1, max_size=8),
       st.integers(2, 6), st.integers(0, 2**32))
def test_a_drop_said_whole_is_the_drop_of_any_counts_that_learn_the_same_blocks(
        shape: list[tuple[int, int]], least: int, seed: int) -> None:
    """Issue 13: what the learning pass writes ahead rests on this: when Boilerplate.dropped says
    its result is whole, the same page under any other counts that learn the same of its blocks
    (however many articles each is in) gives the same result; and drop() is dropped()'s result."""
    from cleannews.folder import learn
    from cleannews.model import PARAGRAPH, Block, Decision, Result
    from cleannews.render import rendered

    rng = random.Random(seed)
    texts = [" ".join(f"w{rng.randrange(10**6)}" for _ in range(words)) for words, _ in shape]
    decisions = tuple(Decision(Block(text, PARAGRAPH), True, "story", "", "", text) for text in texts)
    result = rendered(Result("", "A headline for the page", {}, decisions, "text"))
    prints = learn.fingerprints(result, "site")
    first = {p: least + rng.randrange(3) for p, (_, learned) in zip(prints, shape, strict=True) if learned}
    other = {p: least + rng.randrange(50) for p in first}
    dropped, whole = learn.Boilerplate(first, least).dropped(result, "site", prints)
    assert dropped == learn.Boilerplate(first, least).drop(result, "site", prints)
    again, _ = learn.Boilerplate(other, least).dropped(result, "site", prints)
    if whole:
        assert again == dropped
    else:  # the floor kept a learned block back
        assert any(d.keep for d, p in zip(dropped.decisions, prints, strict=True) if p in first)


@given(st.lists(st.lists(st.integers(0, 30), max_size=6), max_size=60), st.integers(1, 20))
def test_a_learner_that_forgets_never_counts_more_than_one_that_does_not(pages: list[list[int]], recent: int) -> None:
    """Issue 13: a worker's own learner remembers only the last blocks it saw once: its counts
    are never more than the batch's (what the pages it writes ahead rest on), and the same when
    it has room for all."""
    full, forgetful, roomy = Learner(2), Learner(2, recent=recent), Learner(2, recent=10_000)
    for n, prints in enumerate(pages):
        for learner in (full, forgetful, roomy):
            learner.add_fingerprints(1000 + n, prints)
    counts = full.counts()
    assert all(n <= counts.get(p, 1) for p, n in forgetful.counts().items())
    assert roomy.counts() == counts
    with pytest.raises(ValueError):
        full.merge(forgetful)
