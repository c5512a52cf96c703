"""A one-line progress bar for a terminal: files done, files per second, time left.

Shown only when standard error is a terminal (not a dumb one): on a pipe or in a log it would
be noise, and carriage returns in a file are garbage. Colour follows --color (NO_COLOR).
"""

from __future__ import annotations

import os
import shutil
import time
from typing import IO

REDRAW = 0.1  # seconds between redraws: often enough to look alive, rarely enough to cost nothing
BAR_WIDTH = 24


def wanted(stream: IO[str] | None) -> bool:
    return stream is not None and stream.isatty() and os.environ.get("TERM") != "dumb"


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """`label [#####-----] 1,234/5,000 25% · 310 files/s · ETA 0:12` on one line, redrawn in place."""

    def __init__(self, stream: IO[str], label: str, total: int, colour: bool = True) -> None:
        self._stream = stream
        self._label = label
        self._total = total
        self._done = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._colour = colour

    def update(self, done: int) -> None:
        self._done = done
        self.tick()

    def tick(self) -> None:
        """Redraw if it is time (also called while waiting, so the rate and ETA stay true)."""
        now = time.monotonic()
        if now - self._drawn >= REDRAW:
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = now - self._started
        total = max(self._total, self._done)
        share = self._done / total if total else 1.0
        filled = int(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        if self._colour:
            bar = f"\x1b[32m{bar[:filled]}\x1b[2m{bar[filled:]}\x1b[0m"
        line = f"{self._label} [{bar}] {self._done:,}/{total:,} {share:4.0%}"
        if self._done and elapsed > 0.1:  # sooner, and the first numbers are noise
            rate = self._done / elapsed
            line += f" · {rate:,.0f} files/s · ETA {_clock((total - self._done) / rate)}"
        width = shutil.get_terminal_size((80, 24)).columns
        visible = len(line) - (len(bar) - BAR_WIDTH)
        if visible >= width:  # a wrapped line cannot be redrawn in place: drop the tail
            line = line[: len(line) - (visible - width + 1)]
        self._stream.write(f"\r{line}\x1b[K")
        self._stream.flush()

    def say(self, line: str) -> None:
        """A line of its own above the bar."""
        self.clear()
        self._stream.write(f"{line}\n")
        self._stream.flush()

    def clear(self) -> None:
        """Take the bar off the line (before a message, and at the end)."""
        self._stream.write("\r\x1b[K")
        self._stream.flush()
        self._drawn = 0.0
