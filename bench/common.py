"""What the benchmarks share: pinning to one core and printing tables of results."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_core() -> Iterator[str]:
    """Pin this process (and the children it starts) to one CPU while timing, where the OS lets
    us; restore it afterwards. Yields a note on what was done, for the report."""
    getter = getattr(os, "sched_getaffinity", None)
    setter = getattr(os, "sched_setaffinity", None)
    if getter is None or setter is None:
        yield "not pinned (no sched_setaffinity here); the timed code is single-threaded anyway"
        return
    before = getter(0)
    cpu = min(before)
    setter(0, {cpu})
    try:
        yield f"pinned to CPU {cpu}"
    finally:
        setter(0, before)


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def say(text: str) -> None:
    print(text, flush=True)
