"""The command line: flags → Options, inputs → clean() → outputs. Nothing else lives here."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import IO, NoReturn

import click

from . import InputError, Options, Result, RuleError, __version__, clean
from .render import FORMATS, render
from .report import EXIT_FAILED, EXIT_USAGE, Report
from .rules import check_user_files, load_rules

CONFIG_ENV = "CLEANNEWS_CONFIG_DIR"
USER_RULES = "rules.toml"
EXPLAIN_WIDTH = 110


def _config_dir() -> str:
    return os.environ.get(CONFIG_ENV) or click.get_app_dir("cleannews")


def _rule_files(extra: tuple[str, ...], use_config: bool) -> tuple[str, ...]:
    user = os.path.join(_config_dir(), USER_RULES)
    return ((user,) if use_config and os.path.isfile(user) else ()) + extra


def _colour(stream: IO[str] | None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    return not os.environ.get("NO_COLOR") and stream is not None and stream.isatty()


def display(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by Python as surrogates) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read(name: str) -> bytes:
    if name == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed")
        return sys.stdin.buffer.read()
    if os.path.isdir(name):
        raise InputError("is a folder; give files, or '-' for standard input")
    try:
        with open(name, "rb") as f:
            return f.read()
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


def _explain(result: Result, colour: bool) -> str:
    """Every block, kept or dropped, with the rule that decided and why."""
    styles = {"KEEP": "green", "DROP": "red", "CUT": "yellow"}

    def row(status: str, role: str, rule: str, text: str, reason: str) -> str:
        shown = text if len(text) <= EXPLAIN_WIDTH else text[: EXPLAIN_WIDTH - 1] + "…"
        head = click.style(f"{status:<4}", fg=styles[status], bold=True) if colour else f"{status:<4}"
        why = click.style(reason, dim=True) if colour else reason
        return f"{head}  {role:<8} {rule:<40} {shown}\n{'':<6}{'':<8} {why}\n"

    out = []
    for d in result.decisions:
        out.append(row("KEEP" if d.keep else "DROP", d.role, d.rule, d.block.text, d.reason))
        out.extend(row("CUT", "appeal", c.rule, c.text, c.reason) for c in d.cuts)
    return "".join(out)


def _same_file(a: str, b: str) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _write_atomically(path: str, data: bytes) -> None:
    """Write next to the target and rename over it: a reader never sees half a file."""
    import tempfile  # only -o pays for the import

    folder, name = os.path.split(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _list_rules(options: Options) -> None:
    ruleset = load_rules(options.rule_files, None)
    lines = [f"# {len(ruleset.rules)} rules from: {', '.join(ruleset.sources)}"]
    lines += [
        f"{r.id:<44} {r.kind:<10} {r.scope:<8} {r.match:<6} {r.weight:<4.2g} {r.source}"
        for r in sorted(ruleset.rules, key=lambda r: r.id)
    ]
    click.echo("\n".join(lines))


def _usage_error(message: str) -> None:
    click.echo(f"cleannews: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, metavar="[FILE]...")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to FILE instead of standard output (written whole, then renamed into place).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: headline, blank line, paragraphs. markdown: the same with headings and "
                   "lists marked. json: one object per input (JSON Lines for several) with text, "
                   "title, metadata and every removed block with its rule.")
@click.option("--explain", is_flag=True,
              help="Instead of the story, print every block marked KEEP or DROP (and each sentence "
                   "CUT) with the rule id and the reason.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html"]), default="auto",
              show_default=True, help="What the input is; auto looks at the content.")
@click.option("--keep-captions", is_flag=True, help="Keep photo captions and credits.")
@click.option("--links", is_flag=True, help="With --format markdown, keep links.")
@click.option("--rules", "rule_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False),
              help="Add a rule pack (TOML; repeatable). Loaded after the shipped packs and the "
                   f"user's {USER_RULES}.")
@click.option("--no-config", is_flag=True,
              help=f"Ignore the user's rule file ({USER_RULES} in the config folder, or in "
                   f"${CONFIG_ENV}).")
@click.option("--list-rules", is_flag=True, help="Print the active rules and where each comes from, then exit.")
@click.version_option(__version__, "-V", "--version", prog_name="cleannews")
def command(inputs: tuple[str, ...], output: str | None, fmt: str, explain: bool, input_format: str,
            keep_captions: bool, links: bool, rule_files: tuple[str, ...], no_config: bool,
            list_rules: bool) -> None:
    """Print the clean story of a news article: its headline, a blank line, then the story's
    paragraphs -- without donation and membership appeals, newsletter pitches, "Read more"
    tails, share widgets, captions and credits.

    FILE is an HTML page or plain text (a copy from a browser, a scrape, a `w3m -dump` or
    `lynx -dump`), in any encoding. With no FILE, or when FILE is -, read standard input.
    Output is always UTF-8.

    \b
    Examples:
      curl -s https://example.com/story | cleannews
      cleannews saved-page.html -o story.txt
      cleannews --explain page.html | less -R
      cleannews --format json *.html > stories.jsonl

    \b
    Exit status: 0 all inputs cleaned; 1 some input failed (named on stderr,
    one line each; the others are still cleaned); 2 usage error or a broken rule file.
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
    if output is not None and any(n != "-" and _same_file(n, output) for n in names):
        _usage_error(f"{display(output)}: is also an input; refusing to overwrite it")
    report = Report()
    colour = _colour(sys.stdout) if output is None else False
    chunks: list[bytes] = []
    for name in names:
        shown = "<stdin>" if name == "-" else display(name)
        try:
            result = clean(_read(name), options)
        except InputError as exc:
            report.fail(shown, str(exc))
            continue
        except RuleError as exc:
            _usage_error(str(exc))
        if explain:
            text = _explain(result, colour)
        else:
            text = render(result, fmt, links=links, source=shown if len(names) > 1 else None)
        if len(names) > 1 and (explain or fmt != "json"):
            text = f"==> {shown} <==\n{text}\n"  # as head(1) and tail(1) label several files
        if not result.text.strip():
            report.fail(shown, "nothing left after cleaning")
        else:
            report.done()
        if output is not None:
            chunks.append(text.encode("utf-8"))
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()
    if output is not None and report.cleaned:  # nothing to write: leave an existing file alone
        try:
            _write_atomically(output, b"".join(chunks))
        except OSError as exc:
            report.fail(display(output), f"cannot write: {exc.strerror or exc}")
    sys.exit(report.exit_code)


def main() -> None:
    """Entry point: Unix manners around the click command."""
    if hasattr(signal, "SIGPIPE"):
        # `cleannews big.txt | head -1`: die quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        command(prog_name="cleannews", standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1 if exc.code else 0
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort:
        code = 130
    except KeyboardInterrupt:
        code = 130
    _leave(code)


def _leave(code: int) -> NoReturn:
    """Exit without the interpreter's teardown. Freeing every object on the way out costs a
    CLI that runs once per file about 5 ms, a third of its own start-up; everything that
    matters is written and flushed by now (outputs are renamed into place before this)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
    os._exit(code)
