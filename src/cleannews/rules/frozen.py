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
def _entries(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as f:
            entries = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):  # missing, cut short, another format
        return {}
    return entries if isinstance(entries, dict) else {}


def text(path: str) -> str:
    """A shipped file's text."""
    with open(path, encoding="utf-8") as f:
        return f.read()


@functools.cache
def derived(path: str) -> Any:
    """What was derived from a shipped file when it was frozen; None when the file is not
    what it was then."""
    entry = _entries(os.path.join(os.path.dirname(path), NAME)).get(os.path.basename(path))
    if not (isinstance(entry, tuple) and len(entry) == 2):
        return None
    with open(path, "rb") as f:
        if entry[0] != binascii.crc32(f.read()):
            return None
    try:
        return marshal.loads(entry[1])
    except (EOFError, ValueError, TypeError):
        return None


def freeze(derive: Callable[[str, dict[str, Any]], Any], packs: str = PACKS) -> bytes:
    """The frozen file for the .toml files in `packs`; derive(name, document) is what loading
    works out from each."""
    import tomllib

    entries = {}
    for name in sorted(n for n in os.listdir(packs) if n.endswith(".toml")):
        with open(os.path.join(packs, name), "rb") as f:
            raw = f.read()
        # each marshalled on its own, a command unpacks only the packs it needs (not
        # compressed: zlib is an import plain text does not otherwise pay for)
        made = derive(name, tomllib.loads(raw.decode("utf-8")))
        entries[name] = (binascii.crc32(raw), marshal.dumps(made, 4))
    return marshal.dumps(entries, 4)
