"""What loading the shipped TOML files works out from them, worked out ahead of time.

A command cleans one page and exits, so it loads the packs a text needs at every start:
tomllib is pure Python, and its import and the parse were a tenth of ``cleannews page.txt``;
checking the rules and turning each into its RE2 pattern (engine.compiled_pattern) cost as
much again. ``packs/frozen.marshal`` holds, for each shipped ``.toml`` file, the CRC-32 of its
bytes and what rules/__init__.py derives from it (rules/__init__.derived: a pack's rules,
their RE2 patterns and their literals (literals.py, Python's regex parser, which a command
then never imports), the languages' index of common words). A file whose bytes no longer
match is read as before: a stale or missing frozen file costs start-up time, never a wrong
rule. (What is derived depends on the code too: tests/test_rule_packs.py fails while it is
not what the code makes.)

    python -m cleannews.rules      # after editing a pack, engine.py or rules/__init__.py

marshal, not JSON or pickle: built in (no import to pay for), and what is stored is plain
strings, numbers, tuples and tables.
"""

from __future__ import annotations

import binascii
import functools
import marshal
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

PACKS = os.path.join(os.path.dirname(__file__), "packs")  # os.path, not pathlib: start-up time
NAME = "frozen.marshal"  # beside the packs it was made of


@functools.cache
def _entries(path: str) -> tuple[int, dict[str, Any]]:
    """Where the frozen file's entries start, and its index: each file's name → (its CRC-32,
    where its entry starts and ends among the entries). The file is the index's length (4
    bytes, little-endian), the index, then the entries, each marshalled on its own: a command
    reads the index and the entries of the packs it needs, not all of them (not compressed:
    zlib is an import plain text does not otherwise pay for)."""
    try:
        with open(path, "rb") as f:
            size = int.from_bytes(f.read(4), "little")
            index = marshal.loads(f.read(size))
    except (OSError, EOFError, ValueError, TypeError):  # missing, cut short, another format
        return 0, {}
    return 4 + size, index if isinstance(index, dict) else {}


def text(path: str) -> str:
    """A shipped file's text."""
    with open(path, encoding="utf-8") as f:
        return f.read()


@functools.cache
def derived(path: str) -> Any:
    """What was derived from a shipped file when it was frozen; None when the file is not
    what it was then."""
    frozen = os.path.join(os.path.dirname(path), NAME)
    entries, index = _entries(frozen)
    entry = index.get(os.path.basename(path))
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return None
    crc, start, end = entry
    with open(path, "rb") as f:
        if crc != binascii.crc32(f.read()):
            return None
    try:
        with open(frozen, "rb") as f:
            f.seek(entries + start)
            return marshal.loads(f.read(end - start))
    except (OSError, EOFError, ValueError, TypeError):
        return None


def freeze(derive: Callable[[str, dict[str, Any]], Any], packs: str = PACKS) -> bytes:
    """The frozen file for the .toml files in `packs`; derive(name, document) is what loading
    works out from each."""
    import tomllib

    crcs, entries = {}, {}
    for name in sorted(n for n in os.listdir(packs) if n.endswith(".toml")):
        with open(os.path.join(packs, name), "rb") as f:
            raw = f.read()
        crcs[name] = binascii.crc32(raw)
        entries[name] = marshal.dumps(derive(name, tomllib.loads(raw.decode("utf-8"))), 4)
    at, places = 0, {}
    for name, entry in entries.items():
        places[name] = (crcs[name], at, at + len(entry))
        at += len(entry)
    index = marshal.dumps(places, 4)
    return len(index).to_bytes(4, "little") + index + b"".join(entries.values())
