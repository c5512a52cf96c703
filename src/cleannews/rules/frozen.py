"""The shipped packs' TOML parsed ahead of time, and what loading them works out from it.

A command cleans one page and exits, so it parses the packs a text needs at every start:
tomllib is pure Python, and its import and the parse were a tenth of ``cleannews page.txt``;
turning each rule into its RE2 pattern (engine.compiled_pattern) cost as much again.
``packs/frozen.marshal`` holds, for each shipped ``.toml`` file, the CRC-32 of its bytes, the
document tomllib made of them and what rules/__init__.py derives from that document (a pack's
RE2 patterns, the languages' index of common words), each marshalled on its own. A file whose
bytes no longer match is parsed as before: a stale or missing frozen file costs start-up time,
never a wrong rule. (What is derived depends on the code too: tests/test_rule_packs.py fails
while it is not what the code makes.)

    python -m cleannews.rules      # after editing a pack or engine.py; tests fail while it is stale

marshal, not JSON or pickle: built in (no import to pay for), and the documents are plain
strings, numbers, lists and tables.
"""

from __future__ import annotations

import binascii
import functools
import marshal
import os
import zlib
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


@functools.cache
def _current(path: str) -> tuple[str, tuple[bytes, ...] | None]:
    """A shipped file's text, and its frozen entry (marshalled document, derived data) when
    the entry was made of these bytes."""
    with open(path, "rb") as f:
        raw = f.read()
    entry = _entries(os.path.join(os.path.dirname(path), NAME)).get(os.path.basename(path))
    text = raw.decode("utf-8")
    if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == binascii.crc32(raw):
        return text, entry[1:]
    return text, None


def _unmarshalled(data: object) -> Any:
    try:
        return marshal.loads(data)  # type: ignore[arg-type]
    except (EOFError, ValueError, TypeError):
        return None


def document(path: str) -> tuple[str, dict[str, Any] | None]:
    """A shipped pack file's text, and its parsed document when the frozen one is current."""
    text, entry = _current(path)
    doc = _unmarshalled(entry[0]) if entry is not None else None
    return text, doc if isinstance(doc, dict) else None


def derived(path: str) -> Any:
    """What was derived from a shipped file's document when it was frozen; None when its
    frozen entry is not current."""
    _, entry = _current(path)
    if entry is None:
        return None
    try:
        return _unmarshalled(zlib.decompress(entry[1]))
    except zlib.error:
        return None


def freeze(derive: Callable[[str, dict[str, Any]], Any], packs: str = PACKS) -> bytes:
    """The frozen file for the .toml files in `packs`; derive(name, document) is what loading
    works out from each."""
    import tomllib

    entries = {}
    for name in sorted(n for n in os.listdir(packs) if n.endswith(".toml")):
        with open(os.path.join(packs, name), "rb") as f:
            raw = f.read()
        doc = tomllib.loads(raw.decode("utf-8"))
        # each marshalled on its own: a command unpacks only the packs it needs (the derived
        # data compressed: RE2 patterns repeat the same classes of characters)
        entries[name] = (binascii.crc32(raw), marshal.dumps(doc, 4), zlib.compress(marshal.dumps(derive(name, doc), 4)))
    return marshal.dumps(entries, 4)
