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


def readme_option_rows() -> list[str]:
    """The first cell of each row of the README's option table, as it reads (`\\|` unescaped)."""
    table = README[README.index("## Command line") : README.index("### Folder mode")]
    return [cell.replace("\\|", "|") for cell in re.findall(r"^\| `(.+?)` \|", table, re.M)]


def help_option_rows() -> list[str]:
    """Each option as --help shows it (its flags and argument), choices without brackets."""
    import click

    ctx = click.Context(command, **command.context_settings)
    records = [p.get_help_record(ctx) for p in command.get_params(ctx) if isinstance(p, click.Option)]
    return [re.sub(r"\[(.*)\]$", r"\1", record[0]) for record in records if record]


def test_the_readme_option_table_is_the_help() -> None:
    """Every option of --help has its row, in the same order, with the same flags, argument
    and choices; no row names an option --help does not have."""
    assert readme_option_rows() == help_option_rows()


def test_every_new_option_is_in_an_example() -> None:
    """The options a user meets first in the README's examples, including the newer ones."""
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", README, re.S))
    for flag in ("--url", "--links", "--metadata", "--color", "--format csv", "--files-from", "-0",
                 "--list-rules --verbose", "-o all.jsonl", "--explain", "--report"):
        assert flag in blocks, f"no README example shows {flag}"
