"""What happened to each input, and the exit code that follows from it."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from .model import NO_PACK

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class Lines(Protocol):
        def write(self, data: bytes) -> None: ...

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own code for bad flags; also used for a broken rule file
EXIT_SIGNAL = 128  # plus the signal's number, as a shell reports a process a signal ended: 130 Ctrl-C, 143 SIGTERM

# Outcomes of an input in folder mode (the `status` of a --report line).
CLEANED = "cleaned"
EMPTY = "empty"  # read and cleaned, and no story was left
# The reason of a page whose story learning took away whole (a page without a lede: a list, a
# gallery of the site's furniture): empty, but counted apart in the summary.
LEARNED_EMPTY = "learned: all of it is the site's boilerplate (--no-learn keeps it)"
FAILED = "failed"
SKIPPED = "skipped"  # not a page, too big, a link out of the folder: not attempted, by design
UP_TO_DATE = "up-to-date"  # its output is newer than it: done by an earlier run
URL_SCHEME = r"[A-Za-z][A-Za-z0-9+.-]*://"  # what a file name that is really a URL starts with


def display(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by Python as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def unreadable(name: str, exc: OSError) -> str:
    """Why a file could not be opened, in a few words; for a URL given as a file name, how to
    clean the page it names (cleannews opens no network connection)."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError) and re.match(URL_SCHEME, name):
        import shlex

        url = shlex.quote(name)
        return f"not a file but a URL, and cleannews opens no network connection: curl -s {url} | cleannews --url {url}"
    return reason


def exit_for_signal(signum: int) -> int:
    return EXIT_SIGNAL + signum


class Report:
    """Counts outcomes and owns the exit code.

    0: every input gave a story. 1: at least one input failed (missing, unreadable, not an
    article, or nothing left after cleaning); the others were still processed, because in a
    pipeline over many files one bad page must not cost the rest. 2: the command itself was
    wrong (flags, rule files), so nothing was attempted. 128 + N: signal N stopped a folder
    run (130 for Ctrl-C, 143 for SIGTERM); what was written is whole.

    In folder mode an input that cleans to nothing is counted as empty, not failed: in a folder
    of saved pages, index and gallery pages with no story are expected, and an exit status that
    every real folder sets would tell nothing. Skipped files (images, archives, files over the
    size limit) are not failures either: they were left out by design. Both are in the summary
    and in the --report file, with the reason.
    """

    def __init__(self, log: Lines | None = None) -> None:
        self.cleaned = 0
        self.failed = 0
        self.empty = 0
        self.learned_empty = 0
        self.skipped = 0
        self.up_to_date = 0
        self.messages: list[str] = []
        self._log = log
        self._warned: set[str] = set()

    def done(self) -> None:
        self.cleaned += 1

    def fail(self, name: str, reason: str) -> None:
        self.failed += 1
        line = f"cleannews: {display(name)}: {reason}"
        self.messages.append(line)
        say(line)

    def warn(self, name: str, message: str) -> None:
        """An input that was cleaned, but not all of it read, or in a language without a rule
        pack (said once a run: in a folder of such pages, once is enough)."""
        if message.startswith(NO_PACK):
            if message in self._warned:
                return
            self._warned.add(message)
        say(f"cleannews: {display(name)}: warning: {message}")

    def record(self, path: str, status: str, reason: str = "", rules: Sequence[str] = (),
               seconds: float = 0.0, output: str | None = None, record: str | None = None) -> None:
        """One input of a folder run: counted, named on stderr if it failed, and a line of the
        --report file (JSON Lines: path, status, reason, rules, time, output). A cleaned input
        has a reason only when it was not read whole; that is a warning on stderr. A record of
        an archive or a dump is an input of its own: `record` names it (a WARC-Record-ID, "line
        12"), in the line's `record` and on stderr.

        The --report line is written first, whole or not at all: when it cannot be (a full
        disk), the OSError is raised and the input is not counted, so the file and the
        counts agree."""
        if self._log is not None:
            from .render import json_line  # keeps a file name that is not UTF-8 recoverable

            line = {"path": path, **({"record": record} if record is not None else {}), "status": status,
                    "reason": reason, "rules": list(rules), "time": round(seconds, 4), "output": output}
            self._log.write(json_line(line).encode("utf-8"))  # a line per input as it happens: it can be watched
        if record is not None:
            path = f"{path}: {record}"
        if status == FAILED:
            self.fail(path, reason)
        elif status == CLEANED:
            self.cleaned += 1
            if reason:
                self.warn(path, reason)
        elif status == EMPTY:
            self.empty += 1
            self.learned_empty += reason == LEARNED_EMPTY
        elif status == SKIPPED:
            self.skipped += 1
        else:
            self.up_to_date += 1

    def summary(self, seconds: float, stopped: str = "") -> None:
        """The one line a folder run ends with, on stderr; `stopped` says why it ended early
        ("interrupted", "stopped")."""
        empty = f"{self.empty:,} empty" + (f" ({self.learned_empty:,} learned)" if self.learned_empty else "")
        counts = f"{self.cleaned:,} cleaned, {empty}, {self.failed:,} failed, {self.skipped:,} skipped"
        if self.up_to_date:
            counts += f", {self.up_to_date:,} up to date"
        say(f"cleannews: {stopped + ': ' if stopped else ''}{counts} in {seconds:.1f} s")

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


def say(line: str) -> None:
    """One line on standard error, in UTF-8 whatever the locale."""
    if sys.stderr is not None:
        sys.stderr.buffer.write(f"{line}\n".encode("utf-8", "replace"))
        sys.stderr.buffer.flush()
