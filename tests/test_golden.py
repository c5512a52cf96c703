"""Golden fixtures: every fixtures/**/input.* must clean to its expected.txt, byte for byte.

To change an expectation on purpose, regenerate it and read the diff before committing:
    python -m tests.regenerate fixtures/text/<slug>
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleannews

from .conftest import FIXTURES

SEED = FIXTURES / "moscow-times-li-shangfu.txt"


def golden_cases() -> list[tuple[Path, Path]]:
    cases = [(SEED, SEED.with_name("moscow-times-li-shangfu.expected.txt"))]
    for expected in sorted(FIXTURES.glob("*/*/expected.txt")):
        inputs = sorted(p for p in expected.parent.glob("input.*"))
        assert len(inputs) == 1, f"{expected.parent}: exactly one input.* expected, found {inputs}"
        cases.append((inputs[0], expected))
    return cases


def _case_id(path: Path) -> str:
    return "" if path.name.startswith("expected") or path.name.endswith(".expected.txt") else str(
        path.relative_to(FIXTURES).parent if path.parent != FIXTURES else path.name)


@pytest.mark.parametrize(("source", "expected"), golden_cases(), ids=_case_id)
def test_golden(source: Path, expected: Path) -> None:
    result = cleannews.clean(source.read_bytes())
    assert result.text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize(("source", "expected"), golden_cases(), ids=_case_id)
def test_golden_output_cleaned_again_is_unchanged(source: Path, expected: Path) -> None:
    """Cleaned again, a clean text is itself: the text path takes an article that is only an
    article as it is (for an HTML page's text, as the extraction did)."""
    text = expected.read_text(encoding="utf-8")
    assert cleannews.clean(text).text == text
