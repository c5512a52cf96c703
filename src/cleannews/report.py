"""What happened to each input, and the exit code that follows from it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own code for bad flags; also used for a broken rule file
EXIT_SIGNAL = 128  # plus the signal's number, as a shell reports a process a signal ended: 130 Ctrl-C, 143 SIGTERM

# Outcomes of an input in folder mode (the `status` of a --report line).
CLEANED = "cleaned"
EMPTY = "empty"  # read and cleaned, and no story was left
FAILED = "failed"
SKIPPED = "skipped"  # not a page, too big, a link out of the folder: not attempted, by design
UP_TO_DATE = "up-to-date"  # its output is newer than it: done by an earlier run


def display(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by Python as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


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

    def __init__(self, log: IO[bytes] | None = None) -> None:
        self.cleaned = 0
        self.failed = 0
        self.empty = 0
        self.skipped = 0
        self.up_to_date = 0
        self.messages: list[str] = []
        self._log = log

    def done(self) -> None:
        self.cleaned += 1

    def fail(self, name: str, reason: str) -> None:
        self.failed += 1
        line = f"cleannews: {name}: {reason}"
        self.messages.append(line)
        _say(line)

    def warn(self, name: str, message: str) -> None:
        """An input that was cleaned, but not all of it read."""
        _say(f"cleannews: {name}: warning: {message}")

    def record(self, path: str, status: str, reason: str = "", rules: Sequence[str] = (),
               seconds: float = 0.0, output: str | None = None) -> None:
        """One input of a folder run: counted, named on stderr if it failed, and a line of the
        --report file (JSON Lines: path, status, reason, rules, time, output). A cleaned input
        has a reason only when it was not read whole; that is a warning on stderr."""
        if status == FAILED:
            self.fail(path, reason)
        elif status == CLEANED:
            self.cleaned += 1
            if reason:
                self.warn(path, reason)
        elif status == EMPTY:
            self.empty += 1
        elif status == SKIPPED:
            self.skipped += 1
        else:
            self.up_to_date += 1
        if self._log is not None:
            import json

            line = {"path": path, "status": status, "reason": reason, "rules": list(rules),
                    "time": round(seconds, 4), "output": output}
            self._log.write(json.dumps(line, ensure_ascii=False).encode("utf-8", "replace") + b"\n")
            self._log.flush()  # a line per input as it happens: the file can be watched

    def summary(self, seconds: float, interrupted: bool = False) -> None:
        """The one line a folder run ends with, on stderr."""
        counts = f"{self.cleaned:,} cleaned, {self.empty:,} empty, {self.failed:,} failed, {self.skipped:,} skipped"
        if self.up_to_date:
            counts += f", {self.up_to_date:,} up to date"
        _say(f"cleannews: {'interrupted: ' if interrupted else ''}{counts} in {seconds:.1f} s")

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK


def _say(line: str) -> None:
    if sys.stderr is not None:
        # UTF-8 whatever the locale, like standard output
        sys.stderr.buffer.write(f"{line}\n".encode("utf-8", "replace"))
        sys.stderr.buffer.flush()
