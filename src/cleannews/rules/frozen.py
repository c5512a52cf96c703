"""The shipped packs' TOML, parsed ahead of time.

A command cleans one page and exits, so it parses the packs a text needs at every start:
tomllib is pure Python, and its import and the parse were a tenth of ``cleannews page.txt``.
``packs/frozen.marshal`` holds, for each shipped ``.toml`` file, the CRC-32 of its bytes and
the document tomllib made of them (itself marshalled). A file whose bytes no longer match is
parsed as before: a stale or missing frozen file costs start-up time, never a wrong rule.

    python -m cleannews.rules      # after editing a pack; tests fail while it is stale

marshal, not JSON or pickle: built in (no import to pay for), and the documents are plain
strings, numbers, lists and tables.
"""

from __future__ import annotations

import binascii
import functools
import marshal
import os
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


def document(path: str) -> tuple[str, dict[str, Any] | None]:
    """A shipped pack file's text, and its parsed document when the frozen one is current."""
    with open(path, "rb") as f:
        raw = f.read()
    entry = _entries(os.path.join(os.path.dirname(path), NAME)).get(os.path.basename(path))
    text = raw.decode("utf-8")
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == binascii.crc32(raw):
        try:
            doc = marshal.loads(entry[1])
        except (EOFError, ValueError, TypeError):
            return text, None
        return text, doc if isinstance(doc, dict) else None
    return text, None


def freeze(packs: str = PACKS) -> bytes:
    """The frozen file for the .toml files in `packs`."""
    import tomllib

    entries = {}
    for name in sorted(n for n in os.listdir(packs) if n.endswith(".toml")):
        with open(os.path.join(packs, name), "rb") as f:
            raw = f.read()
        # each document marshalled on its own: a command unpacks only the packs it needs
        entries[name] = (binascii.crc32(raw), marshal.dumps(tomllib.loads(raw.decode("utf-8")), 4))
    return marshal.dumps(entries, 4)
