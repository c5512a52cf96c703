"""Rewrite the expected.txt of the named fixtures from what cleannews prints now.

    python -m tests.regenerate fixtures/text/<slug> [more fixture folders...]

Only for an intended change of behaviour: the diff of expected.txt is the review.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cleannews


def main(folders: list[str]) -> int:
    if not folders:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for folder in map(Path, folders):
        inputs = sorted(folder.glob("input.*"))
        if len(inputs) != 1:
            print(f"{folder}: expected exactly one input.* file", file=sys.stderr)
            return 1
        text = cleannews.clean(inputs[0].read_bytes()).text
        (folder / "expected.txt").write_text(text, encoding="utf-8")
        print(f"wrote {folder / 'expected.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
