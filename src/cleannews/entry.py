"""The `cleannews` command's entry point, and single-file mode.

`cleannews FILE...`, or `cleannews` reading standard input, is how the command is mostly run,
once per page in shell loops and pipelines: a command line of file names only is run here,
without loading click (whose import alone cost a third of a cold start). Any other goes to
cli.py's click command. Single-file mode (each input cleaned in turn, to standard output or
into one file) serves both.
"""

from __future__ import annotations

import os
import signal
import sys

from . import Options, clean
from .errors import InputError, RuleError
from .limits import MAX_INPUT, size
from .options import ARCHIVE_NAMES
from .records import NamedTuple
from .render import failure_json, render, render_csv, render_explain
from .report import EXIT_FAILED, EXIT_USAGE, FAILED, Report, display, exit_for_signal, unreadable
from .rules import check_user_files

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn

CONFIG_ENV = "CLEANNEWS_CONFIG_DIR"
USER_RULES = "rules.toml"
APP_NAME = "cleannews"


def main() -> None:
    """Entry point: Unix manners around the command."""
    if hasattr(signal, "SIGPIPE"):
        # `cleannews big.txt | head -1`: die quietly like any Unix filter when the reader leaves.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    # SIGTERM unwinds like Ctrl-C, so an -o file being written is removed, not left half
    # written; folder mode sets its own handlers for the time of a run.
    signal.signal(signal.SIGTERM, _terminated)
    args = sys.argv[1:]
    try:
        if _only_inputs(args):
            code = run_inputs(args)
        else:
            from .cli import run

            code = run()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1 if exc.code else 0
    except KeyboardInterrupt:
        code = exit_for_signal(signal.SIGINT)
    _leave(code)


def _only_inputs(args: list[str]) -> bool:
    """A command line of file names (or `-`) and nothing else, none of them named as a web
    archive may be (the click command looks inside and says how to clean one). Not on Windows,
    where click expands the wildcards a shell there leaves alone."""
    if sys.platform == "win32":
        return False
    return all(arg == "-" or not (arg.startswith("-") or arg.lower().endswith(ARCHIVE_NAMES)) for arg in args)


def run_inputs(names: list[str]) -> int:
    """`cleannews [FILE]...`: what the click command does without options. Returns the exit status."""
    options = Options(rule_files=rule_paths((), use_config=True))
    try:
        check_user_files(options.rule_files)
    except RuleError as exc:
        usage_error(str(exc))
    if sys.stdout is None:
        return stdout_closed()
    names = names or ["-"]
    return each(names, None, Single(options, "text", False, False, None, True, False, len(names) > 1))


def config_dir() -> str:
    """Where the user's rules.toml is: $CLEANNEWS_CONFIG_DIR, or the folder the platform keeps
    an application's settings in (where click.get_app_dir puts them)."""
    given = os.environ.get(CONFIG_ENV)
    if given:
        return given
    if sys.platform == "win32":
        return os.path.join(os.environ.get("APPDATA", os.path.expanduser("~")), APP_NAME)
    if sys.platform == "darwin":
        return os.path.join(os.path.expanduser("~/Library/Application Support"), APP_NAME)
    return os.path.join(os.environ.get("XDG_CONFIG_HOME", os.path.expanduser("~/.config")), APP_NAME)


def rule_paths(extra: tuple[str, ...], use_config: bool) -> tuple[str, ...]:
    """The rule files to load: the user's rules.toml (unless use_config is off), then `extra`."""
    user = os.path.join(config_dir(), USER_RULES)
    return ((user,) if use_config and os.path.isfile(user) else ()) + extra


def say(message: str) -> None:
    """One line on standard error, when there is one."""
    if sys.stderr is not None:
        try:  # not contextlib.suppress: its import is a hundredth of a cold start
            sys.stderr.write(f"cleannews: {message}\n")
            sys.stderr.flush()
        except OSError:
            pass


def usage_error(message: str) -> NoReturn:
    say(message)
    sys.exit(EXIT_USAGE)


def stdout_closed() -> int:
    say("cannot write: standard output is closed")
    return EXIT_FAILED


def read_input(name: str) -> bytes:
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
            raise InputError(unreadable(name, exc)) from None
    if len(data) > MAX_INPUT:
        raise InputError(f"more than {size(MAX_INPUT)} of input, the limit; refusing it")
    return data


class Single(NamedTuple):
    """Single-file mode: how each input is cleaned and shown."""

    options: Options
    fmt: str
    explain: bool
    colour: bool
    width: int | None  # --explain fitted to a terminal this wide
    title: bool
    metadata: bool
    several: bool

    def document(self, name: str, outcome: Report, header: bool) -> str | None:
        """What to print for one input: its document, or for a failed one in a JSON format
        its error object (None in the others: stderr names it)."""
        shown = "<stdin>" if name == "-" else display(name)
        source = "<stdin>" if name == "-" else name  # JSON keeps a name that is not UTF-8 recoverable
        try:
            result = clean(read_input(name), self.options)
        except InputError as exc:
            outcome.fail(shown, str(exc))
            as_json = self.fmt in ("json", "jsonl") and not self.explain
            return failure_json(source, FAILED, str(exc)) if as_json else None
        except RuleError as exc:
            usage_error(str(exc))
        for warning in result.warnings:
            outcome.warn(shown, warning)
        if self.explain:
            text = render_explain(result, self.colour, self.width)
        elif self.fmt == "csv":
            text = render_csv(result, source, header=header)
        else:
            text = render(result, self.fmt, title=self.title, metadata=self.metadata,
                          source=source if self.several or self.fmt == "jsonl" else None)
        if self.several and (self.explain or self.fmt in ("text", "markdown")):
            text = f"==> {shown} <==\n{text}\n"  # as head(1) and tail(1) label several files
        if not result.text.strip():
            outcome.fail(shown, "nothing left after cleaning")
        else:
            outcome.done()
        return text


def each(names: list[str], output: str | None, single: Single) -> int:
    """Each input cleaned in turn, to standard output or into -o FILE. Returns the exit status."""
    outcome = Report()
    chunks: list[bytes] = []
    printed = False
    try:
        for name in names:
            text = single.document(name, outcome, header=not printed)
            if text is None:
                continue
            printed = True
            if output is not None:
                chunks.append(text.encode("utf-8"))
            else:
                sys.stdout.buffer.write(text.encode("utf-8"))
                sys.stdout.buffer.flush()
    except OSError as exc:  # standard output refused a write: a full disk, a device error
        outcome.fail("standard output", exc.strerror or str(exc))
        return outcome.exit_code
    if output is not None and outcome.cleaned:  # nothing to write: leave an existing file alone
        from .folder.atomic import write_atomically  # only -o pays for the import

        try:
            write_atomically(output, b"".join(chunks))
        except OSError as exc:
            outcome.fail(display(output), f"cannot write: {exc.strerror or exc}")
    return outcome.exit_code


def _terminated(signum: int, frame: object) -> NoReturn:
    raise SystemExit(exit_for_signal(signum))


def _leave(code: int) -> NoReturn:
    """Exit without the interpreter's teardown. Freeing every object on the way out costs a
    CLI that runs once per file about 5 ms, a third of its own start-up; everything that
    matters is written and flushed by now (outputs are renamed into place before this)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            try:  # noqa: SIM105 (contextlib.suppress: its import, see say())
                stream.flush()
            except (OSError, ValueError):
                pass
    os._exit(code)
