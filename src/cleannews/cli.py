"""The command line: flags → Options, inputs → clean() → outputs. Nothing else lives here."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import IO, NoReturn

import click
from click.core import ParameterSource

from . import Options, __version__, clean
from .errors import InputError, RuleError
from .limits import MAX_INPUT, size
from .render import FORMATS, render, render_explain
from .report import EXIT_FAILED, EXIT_USAGE, Report, display, exit_for_signal
from .rules import check_user_files, load_rules

CONFIG_ENV = "CLEANNEWS_CONFIG_DIR"
USER_RULES = "rules.toml"
# Folder mode's limits: generous for real pages (a 10 MB page cleans in well under 30 s, see
# bench/README.md; a saved page with its pictures inlined can pass 10 MB), tight enough that
# one pathological file cannot stall a run.
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_SIZE = "20M"
DEFAULT_LEARN_MIN = 5  # articles of one site a block must be in to be its boilerplate
# Options that only folder mode uses: given to a single-file run, they are an error, not ignored.
FOLDER_ONLY = ("include", "exclude", "jobs", "timeout", "max_size", "force", "report", "no_learn", "learn_min")
SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _config_dir() -> str:
    return os.environ.get(CONFIG_ENV) or click.get_app_dir("cleannews")


def _rule_files(extra: tuple[str, ...], use_config: bool) -> tuple[str, ...]:
    user = os.path.join(_config_dir(), USER_RULES)
    return ((user,) if use_config and os.path.isfile(user) else ()) + extra


def _colour(stream: IO[str] | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    return not os.environ.get("NO_COLOR") and stream is not None and stream.isatty()


def _read(name: str) -> bytes:
    """The input's bytes, at most one past the input limit: a file larger than memory is
    refused in one line, not read whole first."""
    if name == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed")
        data = sys.stdin.buffer.read(MAX_INPUT + 1)
    elif os.path.isdir(name):
        raise InputError("is a folder; give -o DIR to mirror it, or --format jsonl to stream it")
    else:
        try:
            with open(name, "rb") as f:
                data = f.read(MAX_INPUT + 1)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc)) from None
    if len(data) > MAX_INPUT:
        raise InputError(f"more than {size(MAX_INPUT)} of input, the limit; refusing it")
    return data


def _same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _list_rules(options: Options) -> None:
    ruleset = load_rules(options.rule_files, None)
    lines = [f"# {len(ruleset.rules)} rules from: {', '.join(ruleset.sources)}"]
    lines += [
        f"{r.id:<44} {r.kind:<10} {r.scope:<8} {r.match:<6} {r.weight:<4.2g} {r.source}"
        for r in sorted(ruleset.rules, key=lambda r: r.id)
    ]
    click.echo("\n".join(lines))


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    """2000000, 500K, 20M, 1G (binary units)."""
    text = value.strip().lower().removesuffix("b").removesuffix("i")
    unit = text[-1:] if text[-1:] in SIZE_UNITS and not text[-1:].isdigit() else ""
    try:
        size = float(text[: len(text) - len(unit)]) * SIZE_UNITS[unit]
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 500K, 20M or 1G") from None
    if size <= 0:
        raise click.BadParameter("must be more than 0")
    return int(size)


def _folder_mode(names: tuple[str, ...], output: str | None, fmt: str) -> bool:
    """A folder among the inputs, -o naming a folder, or a JSON Lines stream of files."""
    if output is not None:
        return os.path.isdir(output) or output.endswith(("/", os.sep)) or any(
            n != "-" and os.path.isdir(n) for n in names)
    return fmt == "jsonl" and "-" not in names


def _usage_error(message: str) -> None:
    click.echo(f"cleannews: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[FILE]...")
@click.option("-o", "--output", type=click.Path(), metavar="FILE|DIR",
              help="Write to FILE instead of standard output (written whole, then renamed into place). "
                   "With a folder among the inputs, or DIR an existing folder or a name ending in /, "
                   "write one output per input file into DIR, mirroring the input tree.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: headline, blank line, paragraphs. markdown: the same with headings and "
                   "lists marked. json: one object per input (JSON Lines for several) with text, "
                   "title, metadata and every removed block with its rule. jsonl: the same, each "
                   "object naming its source; without -o, files and folders are cleaned in folder "
                   "mode and streamed in input order.")
@click.option("--explain", is_flag=True,
              help="Instead of the story, print every block marked KEEP or DROP (and each sentence "
                   "CUT) with the rule id and the reason.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html"]), default="auto",
              show_default=True, help="What the input is; auto looks at the content.")
@click.option("--keep-captions", is_flag=True, help="Keep photo captions and credits.")
@click.option("--links", is_flag=True, help="With --format markdown, keep links.")
@click.option("--no-title", is_flag=True,
              help="Print the story without its headline (text and markdown; JSON has both text and body).")
@click.option("--rules", "rule_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Add a rule pack (TOML; repeatable). Loaded after the shipped packs and the "
                   f"user's {USER_RULES}.")
@click.option("--no-config", is_flag=True,
              help=f"Ignore the user's rule file ({USER_RULES} in the config folder, or in "
                   f"${CONFIG_ENV}).")
@click.option("--list-rules", is_flag=True, help="Print the active rules and where each comes from, then exit.")
@click.option("--glob", "include", multiple=True, metavar="PATTERN",
              help="Folder mode: only files matching PATTERN (repeatable; a pattern with a / is "
                   "matched against the path under the folder, else against the file name).")
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Folder mode: leave out files and folders matching PATTERN (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Folder mode: worker processes  [default: one per CPU]")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT,
              show_default=True, metavar="SECONDS",
              help="Folder mode: time limit per file; a file over it fails and its worker is replaced.")
@click.option("--max-size", default=DEFAULT_MAX_SIZE, show_default=True, metavar="SIZE", callback=_size,
              help="Folder mode: skip files larger than SIZE (500K, 20M, 1G).")
@click.option("--force", is_flag=True,
              help="Folder mode: clean every file again, even those whose output is newer than they are.")
@click.option("--report", type=click.Path(dir_okay=False), metavar="FILE",
              help="Folder mode: write one JSON line per input file to FILE: path, status (cleaned, "
                   "empty, failed, skipped, up-to-date), reason, rules, time, output.")
@click.option("--no-learn", is_flag=True,
              help="Folder mode: do not learn boilerplate (blocks that recur word for word in many "
                   "articles of one site) from the batch.")
@click.option("--learn-min", type=click.IntRange(min=2), default=DEFAULT_LEARN_MIN, show_default=True,
              metavar="N", help="Folder mode: a block in at least N distinct articles of a site is its "
                                "boilerplate, dropped as rule repeated-across-batch.")
@click.version_option(__version__, "-V", "--version", prog_name="cleannews")
def command(inputs: tuple[str, ...], output: str | None, fmt: str, explain: bool, input_format: str,
            keep_captions: bool, links: bool, no_title: bool, rule_files: tuple[str, ...], no_config: bool,
            list_rules: bool, include: tuple[str, ...], exclude: tuple[str, ...], jobs: int | None,
            timeout: float, max_size: int, force: bool, report: str | None, no_learn: bool,
            learn_min: int) -> None:
    """Print the clean story of a news article: its headline, a blank line, then the story's
    paragraphs -- without donation and membership appeals, newsletter pitches, "Read more"
    tails, share widgets, captions and credits.

    FILE is an HTML page or plain text (a copy from a browser, a scrape, a `w3m -dump` or
    `lynx -dump`), in any encoding. With no FILE, or when FILE is -, read standard input.
    Output is always UTF-8.

    Folder mode (a folder among the inputs with -o DIR, several files with -o DIR/, or
    --format jsonl): the files are cleaned in parallel, each into DIR under its own path with
    the format's extension (never into the input folder); outputs newer than their inputs
    are left alone, so running again resumes; a progress bar on a terminal, one summary line
    on stderr.

    \b
    Examples:
      curl -s https://example.com/story | cleannews
      cleannews saved-page.html -o story.txt
      cleannews --explain page.html | less -R
      cleannews --format json *.html > stories.jsonl
      cleannews saved-pages/ -o stories/ --report report.jsonl
      cleannews --format jsonl saved-pages/ | jq -r .title

    \b
    Exit status: 0 all inputs cleaned; 1 some input failed (named on stderr,
    one line each; the others are still cleaned); 2 usage error or a broken rule file;
    130 or 143 a folder run stopped by Ctrl-C or SIGTERM (what was written is whole).
    """
    options = Options(
        input_format=input_format,  # type: ignore[arg-type]
        keep_captions=keep_captions,
        rule_files=_rule_files(rule_files, not no_config),
        links=links,
    )
    try:
        if list_rules:
            _list_rules(options)
            return
        check_user_files(options.rule_files)
    except RuleError as exc:
        _usage_error(str(exc))
    if sys.stdout is None and output is None:
        click.echo("cleannews: cannot write: standard output is closed", err=True)
        sys.exit(EXIT_FAILED)
    names = inputs or ("-",)
    ctx = click.get_current_context()
    if _folder_mode(names, output, fmt):
        from .folder import batch  # workers and multiprocessing load only for folder mode

        settings = batch.Settings(timeout=timeout, max_size=max_size, learn_min=learn_min, fmt=fmt,
                                  explain=explain, links=links, title=not no_title, jobs=jobs, force=force,
                                  learn=not no_learn, include=include, exclude=exclude, report=report)
        try:
            sys.exit(batch.run(names, output, options, settings))
        except batch.Refused as exc:
            _usage_error(str(exc))
    given = [max(p.opts, key=len) for p in ctx.command.params
             if p.name in FOLDER_ONLY and ctx.get_parameter_source(p.name) == ParameterSource.COMMANDLINE]
    if given:
        _usage_error(f"{', '.join(given)}: only for folder mode (a folder and -o DIR, or --format jsonl)")
    if output is not None and any(n != "-" and _same_file(n, output) for n in names):
        _usage_error(f"{display(output)}: is also an input; refusing to overwrite it")
    outcome = Report()
    colour = _colour(sys.stdout) if output is None else False
    chunks: list[bytes] = []
    for name in names:
        shown = "<stdin>" if name == "-" else display(name)
        try:
            result = clean(_read(name), options)
        except InputError as exc:
            outcome.fail(shown, str(exc))
            continue
        except RuleError as exc:
            _usage_error(str(exc))
        for warning in result.warnings:
            outcome.warn(shown, warning)
        if explain:
            text = render_explain(result, colour)
        else:
            source = shown if len(names) > 1 or fmt == "jsonl" else None
            text = render(result, fmt, links=links, title=not no_title, source=source)
        if len(names) > 1 and (explain or fmt not in ("json", "jsonl")):
            text = f"==> {shown} <==\n{text}\n"  # as head(1) and tail(1) label several files
        if not result.text.strip():
            outcome.fail(shown, "nothing left after cleaning")
        else:
            outcome.done()
        if output is not None:
            chunks.append(text.encode("utf-8"))
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
    if output is not None and outcome.cleaned:  # nothing to write: leave an existing file alone
        from .folder.atomic import write_atomically  # only -o pays for the import

        try:
            write_atomically(output, b"".join(chunks))
        except OSError as exc:
            outcome.fail(display(output), f"cannot write: {exc.strerror or exc}")
    sys.exit(outcome.exit_code)


def main() -> None:
    """Entry point: Unix manners around the click command."""
    if hasattr(signal, "SIGPIPE"):
        # `cleannews big.txt | head -1`: die quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # SIGTERM unwinds like Ctrl-C, so an -o file being written is removed, not left half
    # written; folder mode sets its own handlers for the time of a run.
    signal.signal(signal.SIGTERM, _terminated)
    try:
        command(prog_name="cleannews", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1 if exc.code else 0
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        code = exit_for_signal(signal.SIGINT)
    _leave(code)


def _terminated(signum: int, frame: object) -> NoReturn:
    raise SystemExit(exit_for_signal(signum))


def _leave(code: int) -> NoReturn:
    """Exit without the interpreter's teardown. Freeing every object on the way out costs a
    CLI that runs once per file about 5 ms, a third of its own start-up; everything that
    matters is written and flushed by now (outputs are renamed into place before this)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
