"""The compiled wheel's run is a run of compiled code.

.ci/run runs the whole suite twice: on this checkout as pure Python, then on the wheel setup.py
builds with CLEANNEWS_COMPILE=1 (the modules it lists compiled by mypyc), with
CLEANNEWS_EXPECT_COMPILED=1. Without this test a wheel that silently fell back to pure Python,
or a path that put the checkout first, would pass the second run having tested nothing new.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = os.environ.get("CLEANNEWS_EXPECT_COMPILED") == "1"


def compiled_modules() -> list[str]:
    """The module names of setup.py's COMPILED list."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    paths = next(ast.literal_eval(node.value) for node in tree.body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED")
    names = [Path(p).relative_to("src").with_suffix("").parts for p in paths]
    return [".".join(parts[:-1] if parts[-1] == "__init__" else parts) for parts in names]


def test_setup_lists_modules_that_exist() -> None:
    modules = compiled_modules()
    assert "cleannews.read.text" in modules and "cleannews.decide" in modules
    for name in modules:
        assert importlib.util.find_spec(name) is not None, name
    assert "cleannews.model" not in modules  # the public records keep their docstrings


@pytest.mark.skipif(not EXPECTED, reason="a pure-Python run: .ci/run sets CLEANNEWS_EXPECT_COMPILED=1 "
                                         "for its run on the compiled wheel")
def test_the_listed_modules_are_compiled() -> None:
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    for name in compiled_modules():
        module = importlib.import_module(name)
        assert str(module.__file__).endswith(suffixes), f"{name} is pure Python here: {module.__file__}"
