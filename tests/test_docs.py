"""The README must stay true: its set-up commands are what CI runs, and every option is documented."""

from __future__ import annotations

import re

from click.testing import CliRunner

from cleannews.cli import command

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block, "README.md must open with a ```sh block of set-up commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_setup_commands() -> None:
    assert README.index("```sh") < README.index("\n## ")
    commands = setup_commands()
    assert len(commands) == 2
    assert "fixtures/moscow-times-li-shangfu.txt" in commands[0]
    assert "pytest" in commands[1] and "[test]" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup_commands()[1] in ci.splitlines()


def test_every_option_is_documented() -> None:
    help_text = CliRunner().invoke(command, ["--help"]).output
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text))
    table = README[README.index("## Command line") : README.index("## As a library")]
    missing = sorted(o for o in options if not re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", table))
    assert not missing, f"options missing from README.md: {missing}"


def test_readme_library_example_names_real_api() -> None:
    import cleannews

    for name in re.findall(r"cleannews\.(\w+)\(", README):
        assert hasattr(cleannews, name), name
