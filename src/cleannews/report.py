"""What happened to each input, and the exit code that follows from it."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2  # click's own code for bad flags; also used for a broken rule file


class Report:
    """Counts outcomes and owns the exit code.

    0: every input gave a story. 1: at least one input failed (missing, unreadable, not an
    article, or nothing left after cleaning); the others were still processed, because in a
    pipeline over many files one bad page must not cost the rest. 2: the command itself was
    wrong (flags, rule files), so nothing was attempted.
    """

    def __init__(self) -> None:
        self.cleaned = 0
        self.failed = 0
        self.messages: list[str] = []

    def done(self) -> None:
        self.cleaned += 1

    def fail(self, name: str, reason: str) -> None:
        self.failed += 1
        line = f"cleannews: {name}: {reason}"
        self.messages.append(line)
        if sys.stderr is not None:
            # UTF-8 whatever the locale, like standard output
            sys.stderr.buffer.write(f"{line}\n".encode("utf-8", "replace"))
            sys.stderr.buffer.flush()

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else EXIT_OK
