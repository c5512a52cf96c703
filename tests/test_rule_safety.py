"""A user's rule cannot stall cleannews, and a pattern RE2 cannot run is refused in one line.

Rules compile to RE2, which matches in time linear in the text whatever the pattern: there is
no backtracking to blow up. The patterns here take Python's `re` exponential time on the texts
below (about 2^n steps for n repeated characters before a failing end); RE2 runs them in
milliseconds on a megabyte.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import cleannews
from cleannews import Options, RuleError

from .sandbox import cleannews_argv, run_limited

CATASTROPHIC = {
    "nested-plus": ("(a+)+$", "a" * 200_000 + "!"),
    "overlapping-plus": ("(x+x+)+y", "x" * 200_000),
    "alternation": ("(a|aa)+$", "a" * 200_000 + "b"),
    "nested-star-words": ("(\\w+\\s?)*;", "word " * 40_000 + "!"),
}


def pack(folder: Path, pattern: str, name: str = "mine.toml") -> Path:
    path = folder / name
    path.write_text(
        'lang = "mine"\n\n[[rule]]\nid = "slow"\nkind = "appeal"\n'
        f"pattern = '''{pattern}'''\nwhy = \"A pattern that backtracks for ever in a backtracking engine.\"\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("name", list(CATASTROPHIC))
def test_catastrophic_pattern_runs_in_linear_time(name: str, tmp_path: Path) -> None:
    pattern, evil = CATASTROPHIC[name]
    options = Options(rule_files=(str(pack(tmp_path, pattern)),))
    text = "A Headline About Nothing\n\n" + "\n\n".join([
        "The council met on Tuesday and agreed the budget after a long debate about the harbour.",
        evil,  # one block of the text, matched whole against every rule
        "The harbour master said the ferry would run again on Monday, weather permitting.",
    ])
    cleannews.clean(text, options)  # rules compiled and cached: what follows is matching only
    started = time.monotonic()
    cleannews.clean(text, options)
    elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"{pattern!r} on {len(evil):,} characters took {elapsed:.1f} s"


def test_catastrophic_pattern_through_the_cli(tmp_path: Path) -> None:
    pattern, evil = CATASTROPHIC["overlapping-plus"]
    rules = pack(tmp_path, pattern)
    story = tmp_path / "story.txt"
    story.write_text("A Headline\n\nThe council met on Tuesday and agreed the budget.\n\n" + evil + "\n",
                     encoding="utf-8")
    got = run_limited(cleannews_argv("--no-config", "--rules", rules, story), timeout=30,
                      env={"CLEANNEWS_CONFIG_DIR": str(tmp_path)})
    assert got.returncode in (0, 1), got.stderr
    assert b"Traceback" not in got.stderr
    assert got.cpu_seconds < 10


REJECTED = {
    "backreference": r"(support) \1",
    "lookahead": r"support(?= us)",
    "negative-lookahead": r"support(?! the)",
    "lookbehind": r"(?<=please )support",
    "possessive": r"sup+?+ort",
    "atomic-group": r"(?>support)",
    "unbalanced": r"(support",
    "named-backreference": r"(?P<w>support) (?P=w)",
}


@pytest.mark.parametrize("name", list(REJECTED))
def test_pattern_re2_rejects_is_one_line_naming_the_file(name: str, tmp_path: Path) -> None:
    path = pack(tmp_path, REJECTED[name], f"{name}.toml")
    with pytest.raises(RuleError) as info:
        cleannews.clean("A Headline\n\nPlease support us today.\n", Options(rule_files=(str(path),)))
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)), message
    assert "slow" in message  # the rule's id


def test_rejected_pattern_through_the_cli_exits_2(tmp_path: Path) -> None:
    path = pack(tmp_path, REJECTED["lookbehind"], "look.toml")
    story = tmp_path / "story.txt"
    story.write_text("A Headline\n\nThe council met on Tuesday.\n", encoding="utf-8")
    got = run_limited(cleannews_argv("--rules", path.name, story.name), cwd=tmp_path, timeout=30,
                      env={"CLEANNEWS_CONFIG_DIR": str(tmp_path)})
    assert got.returncode == 2
    assert got.error_line().startswith("cleannews: look.toml: ")
